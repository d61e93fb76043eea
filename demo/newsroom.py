"""Render the demo newsrooms and the demo wire: RSS feeds and article pages in real-world styles.

Styles (see ``demo/corpus/newsrooms.yml``): ``ipressroom`` (full text in a bare
``<content>``, ``<modDate>``, ``div.article-date``), ``q4`` (empty descriptions,
two-digit years, ``article.full-news-article``), ``wordpress`` (excerpts,
JSON-LD ``NewsArticle``) and the wire (stock categories, ``dc:contributor``,
``#main-body-container``). Feed links are relative to the feed, so they resolve
against the replay server; every page names its canonical ``https://<host>/...``
URL, so document ids do not depend on the replay port.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime

from demo.corpus import Corpus, blocks_html, body_blocks, published, rfc822, slugify

RSS_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _long_date(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year}"


def _page(title: str, canonical: str, head_extra: str, body: str) -> bytes:
    page = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            f'<link rel="canonical" href="{canonical}">\n<meta property="og:url" content="{canonical}">\n'
            f'<meta property="og:title" content="{html.escape(title)}">\n{head_extra}</head>\n<body>\n{body}\n'
            "</body>\n</html>\n")
    return page.encode("utf-8")


def _json_ld(release: dict, canonical: str, publisher: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": release["title"],
            "datePublished": published(release).isoformat(),
            "dateModified": release.get("modified") or published(release).isoformat(),
            "mainEntityOfPage": canonical, "publisher": {"@type": "Organization", "name": publisher}}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>\n'


def newsroom_files(vendor: str, corpus: Corpus) -> dict[str, bytes]:
    """Feed and article pages of one vendor's newsroom, keyed by path under the site root."""
    room = corpus.newsrooms[vendor]
    renderer = {"ipressroom": _ipressroom, "q4": _q4, "wordpress": _wordpress}[room["style"]]
    return renderer(room, [(rid, corpus.releases[rid]) for rid in room["releases"]])


# --- ipressroom (full text in the feed) ----------------------------------------------------------
def _ipressroom(room: dict, releases: list[tuple[str, dict]]) -> dict[str, bytes]:
    host, files, items = room["host"], {}, []
    for _, release in sorted(releases, key=lambda r: published(r[1]), reverse=True):
        path = f"news/{slugify(release['title'])}"
        canonical = f"https://{host}/{path}"
        body_html = blocks_html(body_blocks(release))
        modified = datetime.fromisoformat(release.get("modified") or release["published"])
        items.append(
            f"<item><title>{_cdata(release['title'])}</title><link>{path}</link><guid>{canonical}</guid>"
            f"<pubDate>{rfc822(published(release))}</pubDate><description>{_cdata(release['summary'])}</description>"
            f"<content>{html.escape(body_html)}</content><modDate>{rfc822(modified)}</modDate></item>")
        body = (f'<header class="site-header"><a href="/">{room["site_name"]}</a></header>\n<main>'
                f'<div class="article-header"><h1 class="article-title">{html.escape(release["title"])}</h1>'
                f'<div class="article-date">{_long_date(published(release))}</div></div>\n'
                f'<div class="article-body">{body_html}</div></main>\n'
                '<footer>Fictional company &#8212; chipwatch demo corpus.</footer>')
        meta = f'<meta property="article:published_time" content="{published(release).isoformat()}">\n'
        files[f"{host}/{path}/index.html"] = _page(f"{release['title']} | {room['site_name']}", canonical, meta, body)
    files[f"{host}/{room['feed']}"] = _rss(room, f"https://{host}/", "".join(items))
    return files


# --- q4 (titles only in the feed) ----------------------------------------------------------------
def _q4(room: dict, releases: list[tuple[str, dict]]) -> dict[str, bytes]:
    host, files, items = room["host"], {}, []
    feed_dir = room["feed"].rsplit("/", 1)[0]
    ordered = sorted(releases, key=lambda r: published(r[1]))
    for offset, (_, release) in enumerate(ordered):
        rel = f"detail/{room['first_id'] + 3 * offset}/{slugify(release['title'])}"
        canonical = f"https://{host}/{feed_dir}/{rel}"
        items.insert(0, f"<item><title>{html.escape(release['title'])}</title><link>{rel}</link>"
                        f"<pubDate>{rfc822(published(release), two_digit_year=True)}</pubDate>"
                        f'<guid isPermaLink="false">{room["first_id"] + 3 * offset}</guid><description></description>'
                        "</item>")
        blocks = body_blocks(release)
        body = ('<div class="module_container"><article class="full-news-article">'
                f'<h1 class="article-heading">{html.escape(release["title"])}</h1>'
                f'<p class="spr-ir-news-article-date">{_long_date(published(release))}</p>'
                f'<div class="spr-ir-news-article-body">{blocks_html(blocks, contacts_tag="pre")}</div>'
                '<div class="related-documents-line">View all press releases</div></article></div>')
        files[f"{host}/{feed_dir}/{rel}/index.html"] = _page(f"{release['title']} :: {room['site_name']}",
                                                            canonical, "", body)
    files[f"{host}/{room['feed']}"] = _rss(room, f"https://{host}/{feed_dir}", "".join(items))
    files[f"{host}/{room['feed']}.http"] = b"Content-Type: application/rss+xml; charset=utf-8\n"
    return files


# --- wordpress (excerpts, JSON-LD) ---------------------------------------------------------------
def _wordpress(room: dict, releases: list[tuple[str, dict]]) -> dict[str, bytes]:
    host, files, items = room["host"], {}, []
    for number, (_, release) in enumerate(sorted(releases, key=lambda r: published(r[1]), reverse=True)):
        path = f"news/{slugify(release['title'])}/"
        canonical = f"https://{host}/{path}"
        items.append(
            f"<item><title>{html.escape(release['title'])}</title><link>../{path}</link>"
            f"<dc:creator>{_cdata('Meridian Communications')}</dc:creator>"
            f"<pubDate>{rfc822(published(release))}</pubDate><category>{_cdata('Press Releases')}</category>"
            f'<guid isPermaLink="false">https://{host}/?p={900 - number * 17}</guid>'
            f"<description>{_cdata(release['summary'] + ' [&#8230;]')}</description></item>")
        meta = (f'<meta property="article:published_time" content="{published(release).isoformat()}">\n'
                + _json_ld(release, canonical, room["site_name"]))
        body = (f'<div class="site"><header class="site-header">{room["site_name"]}</header><main>'
                f'<article class="post"><h1 class="entry-title">{html.escape(release["title"])}</h1>'
                f'<time class="entry-date" datetime="{published(release).isoformat()}">'
                f'{_long_date(published(release))}</time>'
                f'<div class="entry-content">{blocks_html(body_blocks(release))}</div></article></main></div>')
        files[f"{host}/{path}index.html"] = _page(f"{release['title']} - {room['site_name']}", canonical, meta, body)
    files[f"{host}/{room['feed']}index.xml"] = _rss(room, f"https://{host}/", "".join(items))
    return files


def _rss(room: dict, link: str, items: str) -> bytes:
    title = room.get("site_name") or room["name"]
    feed = (f'{RSS_OPEN}<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            f"<title>{html.escape(title)}</title>\n<link>{link}</link>\n"
            f"<description>{html.escape(title)}: press releases (fictional; chipwatch demo corpus)</description>\n"
            f"<language>en-us</language>\n{items}\n</channel>\n</rss>\n")
    return feed.replace("</item><item>", "</item>\n<item>").encode("utf-8")


# --- the wire ------------------------------------------------------------------------------------
def wire_files(corpus: Corpus) -> dict[str, bytes]:
    """The demo wire: releases from registry vendors and from an issuer the registry does not know."""
    room, files, items = corpus.newsrooms["wire"], {}, []
    host, name = room["host"], room["name"]
    for offset, release_id in enumerate(room["releases"]):
        release = corpus.releases[release_id]
        issuer, symbol = _issuer(release, corpus)
        moment = published(release)
        path = (f"news-release/{moment:%Y/%m/%d}/{room['first_id'] + offset}/0/en/"
                f"{re.sub(r'[^A-Za-z0-9]+', '-', release['title']).strip('-')}.html")
        canonical = f"https://{host}/{path}"
        blocks = body_blocks(release, wire=name)
        lead = blocks[len(release.get("highlights") or [])][1]
        items.append(
            f'<item><guid isPermaLink="true">{canonical}</guid><link>../{path}</link>'
            f'<category domain="https://{host}/rss/stock">{symbol}</category>'
            f'<category domain="https://{host}/rss/subject">Press Releases</category>'
            f"<title>{html.escape(release['title'])}</title><description>{_cdata('<p>' + html.escape(lead) + '</p>')}"
            f"</description><pubDate>{format_gmt(moment)}</pubDate><dc:contributor>{html.escape(issuer)}"
            f"</dc:contributor><dc:keyword>{html.escape(symbol.split(':')[1])}</dc:keyword></item>")
        body = (f'<div class="main-header-container"><h1>{html.escape(release["title"])}</h1></div>'
                f'<span class="article-published"><time datetime="{moment.astimezone(UTC).isoformat()}">'
                f'{_long_date(moment)} {moment:%H:%M} ET</time></span><span class="article-source">Source: '
                f'{html.escape(issuer)}</span><div id="main-body-container" class="main-body-container">'
                f'{blocks_html(blocks)}</div>')
        meta = _json_ld(release, canonical, name)
        files[f"{host}/{path}"] = _page(f"{release['title']} | {name}", canonical, meta, body)
    items.reverse()  # newest first, as wires list them
    files[f"{host}/{room['feed']}"] = _rss(room, f"https://{host}/", "".join(items))
    return files


def _issuer(release: dict, corpus: Corpus) -> tuple[str, str]:
    if release.get("vendor"):
        company = corpus.companies[release["vendor"]]
        return company["name"], f"{company['exchange']}:{company['ticker']}"
    return release["issuer"], release["ticker"]


def format_gmt(moment: datetime) -> str:
    """``Tue, 10 Mar 2026 13:00:00 GMT``, as wires write ``pubDate``."""
    return moment.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
