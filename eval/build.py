"""Build the crawler's evaluation pages: ``python -m eval.build`` writes eval/pages/ and eval/labels.jsonl.

Every release in ``eval/releases.yml`` (our own prose, fictional companies) is laid
out in each of the page formats below, which copy the markup conventions of real
newsrooms, IR platforms, wires and blogs (``shared/formats.md`` §3–4 and the samples
in ``shared/realdata``): where the date sits (JSON-LD, meta tags of every name,
``<time>``, a date line, the release's dateline, the URL, a footer, a relative
"3 days ago", a German or French month, nowhere at all) and the boilerplate around
the text (navigation, cookie banners, share widgets, related links with their own
dates, newsletters, comments, forward-looking-statement notes, contacts, footers).

Each label line: ``{"page", "url", "layout", "date_convention", "date", "text"}``;
``date`` is the publication day as the page's own time zone gives it (``null`` when the
page carries no publication date) and ``text`` the main text a reader would copy.
The pages are generated, so the set is only as varied as these layouts; it measures
chipwatch beside htmldate and trafilatura on the same pages, not the open web.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

EVAL = Path(__file__).resolve().parent
NOW = datetime.fromisoformat("2026-11-24T12:00:00+00:00")  # the evaluation's "today" (relative dates, bounds)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


@dataclass
class Release:
    index: int
    slug: str
    company: str
    short: str
    city: str
    day: date
    time: str
    title: str
    paragraphs: list[str]
    about: str
    ticker: str | None = None
    table: list[list[str]] | None = None
    table_head: list[str] | None = None

    @property
    def moment(self) -> str:
        return f"{self.day.isoformat()}T{self.time}"

    @property
    def utc(self) -> datetime:
        return datetime.fromisoformat(self.moment).astimezone(UTC)


@dataclass
class Page:
    layout: str
    convention: str
    url: str
    markup: str
    date: date | None
    text: list[str]


def load_releases() -> list[Release]:
    rows = yaml.safe_load((EVAL / "releases.yml").read_text(encoding="utf-8"))
    return [Release(index=i, slug=r["slug"], company=r["company"], short=r["short"], city=r["city"],
                    day=date.fromisoformat(str(r["date"])), time=r["time"], title=r["title"],
                    paragraphs=r["paragraphs"], about=r["about"], ticker=r.get("ticker"), table=r.get("table"),
                    table_head=r.get("table_head")) for i, r in enumerate(rows)]


# --- date spellings ----------------------------------------------------------------------------

def long_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def ap_date(d: date) -> str:
    return f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}"


def short_date(d: date) -> str:
    return f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def gnw_date(d: date) -> str:  # GlobeNewswire pads the day: "Dec. 02, 2025"
    return f"{AP_MONTHS[d.month - 1]} {d.day:02d}, {d.year}"


def e(text: str) -> str:
    return html.escape(text, quote=False)


# --- pieces of text ----------------------------------------------------------------------------

def body_paragraphs(r: Release, dateline: str | None) -> list[str]:
    paragraphs = list(r.paragraphs)
    if dateline:
        paragraphs[0] = f"{dateline}{paragraphs[0]}"
    return paragraphs


def table_rows(r: Release) -> list[list[str]]:
    return [r.table_head, *r.table] if r.table else []


def table_html(r: Release) -> str:
    if not r.table:
        return ""
    head = "".join(f"<th>{e(c)}</th>" for c in r.table_head)
    rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in r.table)
    return f'<table class="financials"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def fls(r: Release) -> str:
    return (f"Certain statements in this press release, including statements about {r.short}'s products, "
            f"shipments and expected results, are forward-looking statements that involve risks and uncertainties "
            f"that could cause results to differ materially. {r.short} undertakes no duty to update them.")


def ps(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)


def gold(paragraphs: list[str], r: Release, *extra: str, with_table: bool = True) -> list[str]:
    rows = [" ".join(row) for row in table_rows(r)] if with_table else []
    return [*paragraphs, *rows, *extra]


NAV = ('<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/products">Products</a></li>'
       '<li><a href="/solutions">Solutions</a></li><li><a href="/developers">Developers</a></li>'
       '<li><a href="/company">Company</a></li><li><a href="/news">Newsroom</a></li>'
       '<li><a href="/careers">Careers</a></li></ul></nav>')
COOKIES = ('<div id="cookie-banner" class="cookie-consent"><p>We use cookies to understand how visitors use this '
           'site and to improve it. You can accept all cookies or choose which ones to allow.</p>'
           '<button>Accept all</button><button>Manage preferences</button></div>')
SHARE = ('<div class="social-share"><span>Share this article</span> <a href="#">Share on LinkedIn</a> '
         '<a href="#">Share on X</a> <a href="#">Share by email</a> <a href="#">Copy link</a></div>')
NEWSLETTER = ('<section class="newsletter"><h3>Stay in the loop</h3><p>Get product news and engineering posts in '
              'your inbox once a month. No spam, unsubscribe any time.</p><form><input type="email" '
              'placeholder="you@company.com"><button>Subscribe</button></form></section>')


def footer(r: Release, since: int = 2011) -> str:
    return (f'<footer class="site-footer"><p>&copy; {since}-{NOW.year} {e(r.company)}. All rights reserved.</p>'
            '<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | '
            '<a href="/cookies">Cookie settings</a> | <a href="/accessibility">Accessibility</a></p></footer>')


def related(releases: list[Release], r: Release, dated: Callable[[Release], str]) -> str:
    """A "more news" list of two other releases, each with its own date (a trap for date finders)."""
    others = [o for o in releases if o.slug != r.slug][r.index % 5: r.index % 5 + 2]
    items = "".join(f'<li><a href="/news/{o.slug}">{e(o.title)}</a> {dated(o)}</li>' for o in others)
    return f'<section class="related-news"><h2>More news</h2><ul>{items}</ul></section>'


def doc(head: str, body: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n{head}\n</head>\n<body>\n'
            f'{body}\n</body>\n</html>\n')


def dateline(r: Release, spell: Callable[[date], str] = ap_date, mark: str = " -- ") -> str:
    return f"{r.city}, {spell(r.day)}{mark}"


# --- the layouts ---------------------------------------------------------------------------------

def ipressroom(r: Release, rs: list[Release]) -> Page:
    """NVIDIA-style iPressroom newsroom: div.article-date, div.article-body, dateline with "--"."""
    line = dateline(r, long_date)
    paras = body_paragraphs(r, line)
    body = (f'<header>{NAV}</header><main><div class="article">'
            f'<h1>{e(r.title)}</h1><div class="article-date">{long_date(r.day)}</div>{SHARE}'
            f'<div class="article-body">{ps(paras)}{table_html(r)}<h3>About {e(r.company)}</h3><p>{e(r.about)}</p>'
            f'</div></div>{related(rs, r, lambda o: f"<span>{long_date(o.day)}</span>")}</main>{footer(r)}')
    head = f"<title>{e(r.title)} | {e(r.short)} Newsroom</title>"
    return Page("ipressroom", "page-date-element+dateline", f"https://news.{r.slug.split('-')[0]}.test/news/{r.slug}",
                doc(head, body), r.day, gold(paras, r, r.about))


def q4(r: Release, rs: list[Release]) -> Page:
    """Q4 / Equisolve IR site (AMD, Intel, Marvell): article.full-news-article, cookie banner, FLS, contacts."""
    line = dateline(r, ap_date, " \u2013 ")
    paras = body_paragraphs(r, line)
    contacts = f"{r.short} Investor Relations\ninvestors@{r.slug.split('-')[0]}.test\n+1 555 0100"
    body = (f'{COOKIES}<header>{NAV}</header><div class="module_container"><article class="full-news-article">'
            f'<h1 class="article-heading">{e(r.title)}</h1>'
            f'<p class="spr-ir-news-article-date">{long_date(r.day)}</p>'
            f'<div class="related-documents-line"><a href="/pdf">Download PDF</a></div>'
            f'{ps(paras)}{table_html(r)}<p><b>About {e(r.company)}</b></p><p>{e(r.about)}</p>'
            f'<p><i>Forward-Looking Statements</i></p><p>{e(fls(r))}</p><p>Contacts</p><pre>{e(contacts)}</pre>'
            f'</article></div>{footer(r)}')
    head = f"<title>{e(r.title)} :: {e(r.company)} (ARDM)</title>"
    return Page("q4-ir", "page-date-element+dateline",
                f"https://ir.{r.slug.split('-')[0]}.test/news-events/press-releases/detail/{400 + r.index}/{r.slug}",
                doc(head, body), r.day, gold(paras, r, r.about, "Forward-Looking Statements", fls(r), contacts))


def wordpress(r: Release, rs: list[Release]) -> Page:
    """WordPress with Yoast: article:published_time, a JSON-LD @graph, time.entry-date; recent posts first."""
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": f"{r.short} Blog"},
        {"@type": "WebPage", "name": r.title, "datePublished": r.moment,
         "dateModified": (r.day + timedelta(days=20)).isoformat() + "T08:00:00+00:00"},
        {"@type": "Article", "headline": r.title, "datePublished": r.moment,
         "dateModified": (r.day + timedelta(days=20)).isoformat() + "T08:00:00+00:00"}]}
    recent = related(rs, r, lambda o: f'<time class="entry-date" datetime="{o.moment}">{short_date(o.day)}</time>')
    comments = (f'<section id="comments"><h2>2 thoughts</h2><article class="comment"><time datetime="'
                f'{(r.day + timedelta(days=3)).isoformat()}T18:00:00+00:00">{long_date(r.day + timedelta(days=3))}'
                f'</time><p>Great write-up, thanks for sharing the numbers.</p></article></section>')
    body = (f'<header class="site-header">{NAV}</header><aside class="widget-area">{recent}</aside>'
            f'<main id="main"><article class="post"><header class="entry-header"><h1 class="entry-title">'
            f'{e(r.title)}</h1><div class="entry-meta">Posted on <time class="entry-date published" datetime="'
            f'{r.moment}">{long_date(r.day)}</time><time class="updated" datetime="'
            f'{(r.day + timedelta(days=20)).isoformat()}T08:00:00+00:00">'
            f'{long_date(r.day + timedelta(days=20))}</time></div></header>'
            f'<div class="entry-content">{ps(r.paragraphs)}{table_html(r)}</div>{SHARE}</article>{comments}</main>'
            f'{footer(r)}')
    head = (f'<title>{e(r.title)} - {e(r.short)} Blog</title>\n'
            f'<meta property="og:type" content="article">\n<meta property="article:published_time" content="{r.moment}">\n'
            f'<meta property="article:modified_time" content="{(r.day + timedelta(days=20)).isoformat()}T08:00:00+00:00">\n'
            f'<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph)}</script>')
    return Page("wordpress", "json-ld+meta+time", f"https://blog.{r.slug.split('-')[0]}.test/{r.slug}/",
                doc(head, body), r.day, gold(list(r.paragraphs), r))


def jsonld(r: Release, rs: list[Release]) -> Page:
    """A headless CMS: JSON-LD NewsArticle only, with a later dateModified shown first on the page."""
    modified = r.day + timedelta(days=9)
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": r.title,
            "datePublished": r.moment, "dateModified": f"{modified.isoformat()}T10:00:00Z",
            "publisher": {"@type": "Organization", "name": r.company}}
    body = (f'{COOKIES}<header>{NAV}</header><main><article><h1>{e(r.title)}</h1>'
            f'<p class="meta">Updated {long_date(modified)} &middot; Published {long_date(r.day)}</p>'
            f'<div class="rich-text">{ps(body_paragraphs(r, dateline(r)))}{table_html(r)}<p>{e(r.about)}</p></div>'
            f'</article>{NEWSLETTER}</main>{footer(r)}')
    head = (f'<title>{e(r.title)}</title>\n<link rel="canonical" href="https://www.{r.slug.split("-")[0]}.test/news/'
            f'{r.slug}">\n<script type="application/ld+json">{json.dumps(data)}</script>')
    return Page("jsonld-cms", "json-ld", f"https://www.{r.slug.split('-')[0]}.test/news/{r.slug}", doc(head, body),
                r.day, gold(body_paragraphs(r, dateline(r)), r, r.about))


def globenewswire(r: Release, rs: list[Release]) -> Page:
    """GlobeNewswire: span.article-published time (UTC), related releases with times first, dated URL."""
    utc = r.utc
    line = dateline(r, gnw_date, " (GLOBE NEWSWIRE) -- ")
    paras = body_paragraphs(r, line)
    side = related(rs, r, lambda o: f'<time datetime="{o.moment}">{gnw_date(o.day)}</time>')
    body = (f'<header>{NAV}</header><div class="layout">{side}<div class="main-header-container"><h1>{e(r.title)}'
            f'</h1><p><span class="article-published">Published: <time datetime="{utc.isoformat().replace("+00:00", "Z")}">'
            f'{utc.strftime("%B %d, %Y %H:%M")} ET</time></span> | Source: <span>{e(r.company)}</span></p></div>'
            f'<div id="main-body-container" class="main-body-container">{ps(paras)}{table_html(r)}'
            f'<p><strong>About {e(r.company)}</strong></p><p>{e(r.about)}</p><p>{e(fls(r))}</p></div>'
            f'{SHARE}</div><footer><p>&copy; {NOW.year} GlobeNewswire, Inc. All Rights Reserved.</p></footer>')
    head = f"<title>{e(r.title)}</title>"
    path = f"/news-release/{r.day:%Y/%m/%d}/{3100000 + r.index}/0/en/{r.title.replace(' ', '-')}.html"
    return Page("globenewswire", "time-element+dateline+url", f"https://www.globenewswire.com{path}",
                doc(head, body), r.day, gold(paras, r, r.about, fls(r)))


def prnewswire(r: Release, rs: list[Release]) -> Page:
    """PR Newswire: section.release-body, dateline with span.xn-location / span.xn-chron and "/PRNewswire/"."""
    first = (f'<span class="xn-location">{e(r.city)}</span>, <span class="xn-chron">{ap_date(r.day)}</span> '
             f'/PRNewswire/ -- {e(r.paragraphs[0])}')
    paras = [f"{r.city}, {ap_date(r.day)} /PRNewswire/ -- {r.paragraphs[0]}", *r.paragraphs[1:]]
    more = related(rs, r, lambda o: f"<small>{short_date(o.day)}</small>")
    body = (f'<header>{NAV}</header><header class="release-header"><h1>{e(r.title)}</h1><p>News provided by '
            f'<a href="#">{e(r.company)}</a></p><p class="mb-no">{short_date(r.day)}, '
            f'{r.time[:5]} ET</p>{SHARE}</header>'
            f'<section class="release-body container"><p>{first}</p>{ps(r.paragraphs[1:])}{table_html(r)}'
            f'<p>About {e(r.company)}</p><p>{e(r.about)}</p><p>SOURCE {e(r.company)}</p></section>{more}'
            f'<footer><p>&copy; {NOW.year} Cision US Inc.</p></footer>')
    head = f"<title>{e(r.title)}</title>"
    return Page("prnewswire", "dateline-prnewswire",
                f"https://www.prnewswire.com/news-releases/{r.slug}-30{2400000 + r.index}.html", doc(head, body),
                r.day, gold(paras, r, f"About {r.company}", r.about, f"SOURCE {r.company}"))


def businesswire(r: Release, rs: list[Release]) -> Page:
    """Business Wire: div.bw-release-story, a <time> in the header, "CITY--(BUSINESS WIRE)--" with no date."""
    line = f"{r.city.split(',')[0].title()}--(BUSINESS WIRE)--"
    paras = body_paragraphs(r, line)
    body = (f'<header>{NAV}</header><div class="bw-release-main"><h1>{e(r.title)}</h1><div class="bw-release-timestamp">'
            f'<time datetime="{r.moment}">{long_date(r.day)} {r.time[:5]} AM Eastern Standard Time</time></div>'
            f'<div class="bw-release-story">{ps(paras)}{table_html(r)}<p>About {e(r.company)}</p><p>{e(r.about)}</p>'
            f'</div><div class="bw-release-contact"><h2>Contacts</h2><p>Media: press@{r.slug.split("-")[0]}.test</p></div>'
            f'</div>{related(rs, r, lambda o: f"<time>{long_date(o.day)}</time>")}<footer><p>&copy; {NOW.year} '
            f'Business Wire, Inc.</p></footer>')
    head = f"<title>{e(r.title)} | Business Wire</title>"
    return Page("businesswire", "time-element+url-stamp",
                f"https://www.businesswire.com/news/home/{r.day:%Y%m%d}005{100 + r.index}/en/{r.title.replace(' ', '-')}",
                doc(head, body), r.day, gold(paras, r, f"About {r.company}", r.about))


def startup(r: Release, rs: list[Release]) -> Page:
    """A startup's own site (Groq, SambaNova style): the date as text, the dateline, cards and a newsletter."""
    line = dateline(r)
    paras = body_paragraphs(r, line)
    cards = "".join([f'<div class="card"><a href="/press/{o.slug}">{e(o.title)}</a><p>{e(o.paragraphs[0][:90])}'
                     f'...</p></div>' for o in rs if o.slug != r.slug][:2])
    body = (f'<header class="nav">{NAV}<a href="/login">Log in</a></header><main><section class="press-hero">'
            f'<p class="eyebrow">Press release</p><h1>{e(r.title)}</h1><p class="date">{long_date(r.day)}</p></section>'
            f'<section class="press-body">{ps(paras)}{table_html(r)}</section>'
            f'<section class="press-more"><h2>More from {e(r.short)}</h2>{cards}</section>{NEWSLETTER}</main>{footer(r)}')
    head = f"<title>{e(r.title)} | {e(r.short)}</title>"
    return Page("startup", "date-text+dateline", f"https://www.{r.slug.split('-')[0]}.test/press/{r.slug}",
                doc(head, body), r.day, gold(paras, r))


def nextjs(r: Release, rs: list[Release]) -> Page:
    """A Next.js / Sanity site (Tenstorrent style): visible "Mar 3, 2026", publishedAt in __NEXT_DATA__."""
    data = {"props": {"pageProps": {"post": {"title": r.title, "slug": r.slug, "publishedAt": r.utc.isoformat()
                                             .replace("+00:00", ".000Z"), "_updatedAt": "2026-11-01T09:12:44Z"}}},
            "page": "/vision/[slug]", "buildId": "b7f2"}
    body = (f'<div id="__next"><header>{NAV}</header><main class="post"><div class="post-header"><span class="tag">'
            f'News</span><h1>{e(r.title)}</h1><div class="post-meta"><span>{short_date(r.day)}</span><span>4 min read'
            f'</span></div></div><div class="prose">{ps(r.paragraphs)}{table_html(r)}<p>{e(r.about)}</p></div>'
            f'{SHARE}</main>{footer(r, 2016)}</div><script id="__NEXT_DATA__" type="application/json">'
            f'{json.dumps(data)}</script>')
    head = f'<title>{e(r.title)}</title>\n<meta name="description" content="{e(r.paragraphs[0][:150])}">'
    return Page("nextjs", "date-text-short", f"https://{r.slug.split('-')[0]}.test/vision/{r.slug}", doc(head, body),
                r.day, gold(list(r.paragraphs), r, r.about))


def european(r: Release, rs: list[Release]) -> Page:
    """A European corporate site: the date line in German or French, the release in English."""
    d = r.day
    if r.index % 2 == 0:
        lang, label = "de", f"Pressemitteilung &middot; {d.day}. {DE_MONTHS[d.month - 1]} {d.year}"
    else:
        lang, label = "fr", f"Communiqué de presse &middot; Publié le {d.day} {FR_MONTHS[d.month - 1]} {d.year}"
    body = (f'<header>{NAV}</header>{COOKIES}<main><div class="page-title"><h1>{e(r.title)}</h1>'
            f'<p class="kicker">{label}</p></div><div class="text-block">{ps(r.paragraphs)}{table_html(r)}'
            f'<h2>About {e(r.company)}</h2><p>{e(r.about)}</p></div></main>{footer(r)}')
    head = f"<title>{e(r.title)}</title>"
    return Page("european", f"month-in-{lang}", f"https://www.{r.slug.split('-')[0]}.test/{lang}/presse/{r.slug}",
                doc(head, body, lang), r.day, gold(list(r.paragraphs), r, f"About {r.company}", r.about))


def foundry(r: Release, rs: list[Release]) -> Page:
    """A foundry's PR site (TSMC style): "Issued on: 2026/01/16" and a related-news list with dates."""
    items = "".join([f'<li><span class="date">{o.day:%Y/%m/%d}</span> <a href="/english/news/{3000 + o.index}">'
                     f'{e(o.title)}</a></li>' for o in rs if o.slug != r.slug][:3])
    body = (f'<header>{NAV}</header><div class="container"><div class="news-detail"><h2>{e(r.title)}</h2>'
            f'<div class="news-info"><p>Issued by: {e(r.company)}</p><p>Issued on: {r.day:%Y/%m/%d}</p></div>'
            f'<div class="news-content">{ps(body_paragraphs(r, dateline(r)))}{table_html(r)}</div></div>'
            f'<div class="latest-news"><h3>Latest News</h3><ul>{items}</ul></div></div>{footer(r)}')
    head = f"<title>{e(r.title)}</title>"
    return Page("foundry", "issued-on-slashes", f"https://pr.{r.slug.split('-')[0]}.test/english/news/{3000 + r.index}",
                doc(head, body), r.day, gold(body_paragraphs(r, dateline(r)), r))


def relative(r: Release, rs: list[Release]) -> Page:
    """A community blog that shows only "3 days ago": the day is counted back from the evaluation's today."""
    days = 2 + r.index % 5
    body = (f'<header>{NAV}</header><main><article><h1>{e(r.title)}</h1><p class="byline">By the {e(r.short)} team '
            f'&middot; {days} days ago</p><div class="post-body">{ps(r.paragraphs)}{table_html(r)}</div>{SHARE}'
            f'</article></main>{footer(r)}')
    head = f"<title>{e(r.title)}</title>"
    return Page("relative", "relative", f"https://community.{r.slug.split('-')[0]}.test/t/{r.slug}/{1200 + r.index}",
                doc(head, body), (NOW - timedelta(days=days)).date(), gold(list(r.paragraphs), r))


def undated(r: Release, rs: list[Release]) -> Page:
    """A product story page with no publication date at all (only the copyright years)."""
    body = (f'<header>{NAV}</header><main><section class="hero"><h1>{e(r.title)}</h1></section>'
            f'<section class="story">{ps(r.paragraphs)}{table_html(r)}</section>'
            f'<section class="cta"><h2>Talk to sales</h2><p>See what {e(r.short)} can do for your workloads.</p>'
            f'<a href="/contact">Contact us</a></section></main>{footer(r)}')
    head = f"<title>{e(r.title)} | {e(r.short)}</title>"
    return Page("undated", "none", f"https://www.{r.slug.split('-')[0]}.test/stories/{r.slug}", doc(head, body), None,
                gold(list(r.paragraphs), r))


def url_dated(r: Release, rs: list[Release]) -> Page:
    """A blog whose only date is in its URL (/2026/02/26/slug/)."""
    body = (f'<header>{NAV}</header><main><article><h1>{e(r.title)}</h1><div class="content">{ps(r.paragraphs)}'
            f'{table_html(r)}</div>{SHARE}</article>{NEWSLETTER}</main>{footer(r)}')
    head = f"<title>{e(r.title)}</title>"
    return Page("url-dated", "url", f"https://engineering.{r.slug.split('-')[0]}.test/{r.day:%Y/%m/%d}/{r.slug}/",
                doc(head, body), r.day, gold(list(r.paragraphs), r))


def footer_dated(r: Release, rs: list[Release]) -> Page:
    """The date only after the article: "Posted by ... on February 26, 2026"."""
    body = (f'<header>{NAV}</header><main><article><h1>{e(r.title)}</h1><div class="article-text">{ps(r.paragraphs)}'
            f'{table_html(r)}</div><p class="post-footer">Posted by {e(r.short)} Communications on '
            f'{long_date(r.day)}</p></article></main>{footer(r)}')
    head = f"<title>{e(r.title)}</title>"
    return Page("footer-dated", "date-after-article", f"https://www.{r.slug.split('-')[0]}.test/newsroom/{r.slug}",
                doc(head, body), r.day, gold(list(r.paragraphs), r))


def dash_dateline(r: Release, rs: list[Release]) -> Page:
    """Only the dateline, with an em or en dash ("TAIPEI, Taiwan, May 19, 2026 — ", "SAN JOSE, Calif. – ...")."""
    mark = " \u2014 " if r.index % 2 else " \u2013 "
    city = r.city if r.index % 2 else r.city.replace(",", "") + " \u2013"
    line = f"{r.city}, {long_date(r.day)}{mark}" if r.index % 2 else f"{city} {long_date(r.day)}{mark}"
    paras = body_paragraphs(r, line)
    body = (f'<header>{NAV}</header><div class="content-wrapper"><div class="content"><h1>{e(r.title)}</h1>'
            f'{ps(paras)}{table_html(r)}<p>{e(r.about)}</p></div>{SHARE}</div>{footer(r)}')
    head = f"<title>{e(r.title)}</title>"
    return Page("dash-dateline", "dateline-dash", f"https://www.{r.slug.split('-')[0]}.test/media/{r.slug}",
                doc(head, body), r.day, gold(paras, r, r.about))


META_VARIANTS = [
    ('<meta name="pubdate" content="{compact}">', "meta-pubdate-compact"),
    ('<meta property="og:article:published_time" content="{moment}">', "meta-og-article"),
    ('<meta name="DC.date.issued" content="{day}">', "meta-dc-issued"),
    ('<meta itemprop="datePublished" content="{moment}">', "meta-itemprop"),
    ('<meta name="sailthru.date" content="{day} {clock}">', "meta-sailthru"),
    ('<meta name="parsely-pub-date" content="{moment}">', "meta-parsely"),
    ('<meta name="citation_publication_date" content="{slashes}">', "meta-citation"),
    ('<meta name="date" content="{day}">', "meta-date"),
    ('<meta name="publish-date" content="{day}">', "meta-publish-date"),
    ('<meta property="article:published" content="{moment}">', "meta-article-published"),
    ('<meta name="dcterms.created" content="{day}">', "meta-dcterms-created"),
    ('<meta name="publishdate" content="{day}">', "meta-publishdate"),
]


def meta_variant(r: Release, rs: list[Release]) -> Page:
    """Publication meta tags under every name CMSs use, one per page (plus an og:updated_time trap)."""
    tag, name = META_VARIANTS[r.index % len(META_VARIANTS)]
    tag = tag.format(compact=f"{r.day:%Y%m%d}", moment=r.moment, day=r.day.isoformat(), clock=r.time[:8],
                     slashes=f"{r.day:%Y/%m/%d}")
    later = (r.day + timedelta(days=30)).isoformat()
    head = f'<title>{e(r.title)}</title>\n{tag}\n<meta property="og:updated_time" content="{later}T09:00:00+00:00">'
    body = (f'<header>{NAV}</header><main><article class="node"><h1>{e(r.title)}</h1><div class="field-body">'
            f'{ps(r.paragraphs)}{table_html(r)}</div></article>{related(rs, r, lambda o: "")}</main>{footer(r)}')
    return Page("meta-variant", name, f"https://www.{r.slug.split('-')[0]}.test/node/{5000 + r.index}",
                doc(head, body), r.day, gold(list(r.paragraphs), r))


def brief(r: Release, rs: list[Release]) -> Page:
    """A newsroom "in brief" item: one short paragraph (under 25 words) amid the usual page chrome."""
    words = r.paragraphs[0].split()[:18]
    note = " ".join(words).rstrip(",;") + "."
    body = (f'{COOKIES}<header>{NAV}</header><main><article class="news-brief"><h1>{e(r.title)}</h1>'
            f'<p class="date">{long_date(r.day)}</p><p>{e(note)}</p></article>'
            f'{related(rs, r, lambda o: f"<span>{short_date(o.day)}</span>")}{NEWSLETTER}</main>{footer(r)}')
    head = f"<title>{e(r.title)}</title>"
    return Page("brief", "date-text", f"https://www.{r.slug.split('-')[0]}.test/news/briefs/{r.slug}",
                doc(head, body), r.day, [note])


def longform(r: Release, rs: list[Release]) -> Page:
    """A long engineering post: subheadings, a bullet list, a pull quote, a figure caption, a table."""
    points = [f"{r.short} measured the change on its own systems before announcing it.",
              "Results were repeated on three separate builds of the software.",
              "The methods and raw numbers are published with the post."]
    quote = r.paragraphs[2] if len(r.paragraphs) > 2 else r.paragraphs[-1]
    def timed(o: Release) -> str:
        return f'<time datetime="{o.moment}">{short_date(o.day)}</time>'

    caption = f"Figure 1. {r.short}'s test setup, as used for every measurement in this post."
    body = (f'<header>{NAV}</header><main><article class="post"><h1>{e(r.title)}</h1>'
            f'<div class="byline">By {e(r.short)} Engineering &middot; <time datetime="{r.moment}">'
            f'{long_date(r.day)}</time></div><div class="post-content"><p>{e(r.paragraphs[0])}</p>'
            f'<h2>What changed</h2><p>{e(r.paragraphs[1])}</p><ul>{"".join(f"<li>{e(x)}</li>" for x in points)}</ul>'
            f'<blockquote><p>{e(quote)}</p></blockquote><figure><img src="/img/setup.png" alt="">'
            f'<figcaption>{e(caption)}</figcaption></figure><h2>What comes next</h2>'
            f'{ps(r.paragraphs[3:] or [r.about])}{table_html(r)}</div>{SHARE}</article>'
            f'{related(rs, r, timed)}</main>{footer(r)}')
    head = f'<title>{e(r.title)}</title>\n<meta property="article:published_time" content="{r.moment}">'
    text = [r.paragraphs[0], "What changed", r.paragraphs[1], *points, quote, caption, "What comes next",
            *(r.paragraphs[3:] or [r.about])]
    return Page("longform", "meta+time", f"https://www.{r.slug.split('-')[0]}.test/blog/{r.slug}", doc(head, body),
                r.day, gold(text, r))


def html5_minimal(r: Release, rs: list[Release]) -> Page:
    """Valid HTML5 that leaves out the optional ``</body>`` and ``</html>`` end tags."""
    line = dateline(r)
    paras = body_paragraphs(r, line)
    markup = (f'<!doctype html><html lang=en><meta charset=utf-8><title>{e(r.title)}</title>'
              f'<header>{NAV}</header><main><h1>{e(r.title)}</h1>{ps(paras)}{table_html(r)}<p>{e(r.about)}</p></main>'
              f'{footer(r)}<script>window.analytics && analytics.page();</script>\n')
    return Page("html5-minimal", "dateline", f"https://www.{r.slug.split('-')[0]}.test/announcements/{r.slug}",
                markup, r.day, gold(paras, r, r.about))


LAYOUTS = [ipressroom, q4, wordpress, jsonld, globenewswire, prnewswire, businesswire, startup, nextjs, european,
           foundry, relative, undated, url_dated, footer_dated, dash_dateline, meta_variant, brief, longform,
           html5_minimal]


def build(out: Path = EVAL) -> int:
    """Write every page and the labels; return how many pages."""
    releases = load_releases()
    pages_dir = out / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    for old in pages_dir.glob("*.html"):
        old.unlink()
    labels = []
    for layout in LAYOUTS:
        for release in releases:
            page = layout(release, releases)
            name = f"{page.layout}-{release.slug}.html"
            (pages_dir / name).write_text(page.markup, encoding="utf-8")
            labels.append({"page": name, "url": page.url, "layout": page.layout, "date_convention": page.convention,
                           "date": page.date.isoformat() if page.date else None, "text": "\n".join(page.text)})
    with (out / "labels.jsonl").open("w", encoding="utf-8") as handle:
        for label in labels:
            handle.write(json.dumps(label, ensure_ascii=False) + "\n")
    return len(labels)


if __name__ == "__main__":
    print(f"{build()} pages written to {EVAL / 'pages'}")
