"""An article page -> :class:`Article`: title, canonical URL, publication date and main text.

Publication date, best signal first. Ours, strong and cheap: JSON-LD
``datePublished``, ``article:published_time`` and kin, ``<time datetime>`` of the
article (not of a sidebar, a related-news list or a comment) and the date elements
of the layouts we know, the date the feed or wire gave (``hint``), the
press-release dateline ("SUNNYVALE, Calif., March 3, 2026 --", which htmldate does
not read), a date in the URL. Then htmldate (its fast search) for the rest: dates
written in other markup or in text. A candidate in the future or before the vendor
was founded is skipped, and htmldate is given the same bounds.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import htmldate
from lxml import html

from crawler.article import dates
from crawler.article.text import main_text
from crawler.charset import decode
from crawler.text import normalise_text, parse_html

ARTICLE_TYPES = {"newsarticle", "article", "pressrelease", "blogposting", "reportagenewsarticle", "webpage"}
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datePublished", "pubdate",
                  "publishdate", "DC.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date")
DATE_ELEMENTS = ("div.article-date", "p.spr-ir-news-article-date", "span.article-published time",
                 "span.xn-chron", "time.entry-date", "time.published")
# <time> elements inside these belong to other articles or to comments, not to the page's own article.
NOT_THE_ARTICLE = ("aside", "nav", "footer")
_OTHER_CONTENT = re.compile(r"related|recent|more-|more_|latest|sidebar|widget|comment|teaser|card", re.I)
_SEPARATOR = r"\s+(?:\||::|\u2013|\u2014|-)\s+"
TITLE_SUFFIX = re.compile(r"\s+(?:\||::|\u2013|\u2014|-)\s+[^|\u2013\u2014:]{2,60}$")
MIN_WORDS = 12  # less than this is a JS shell ("Please enable JavaScript") or an error page, not an article


class PageError(ValueError):
    """The page cannot give an article (truncated HTML, no text); the message says why."""


@dataclass(frozen=True)
class Article:
    title: str | None
    canonical_url: str | None
    published: str | None  # ISO, see dates.iso
    date_source: str | None  # which signal gave ``published``
    text: str


def parse_article(body: bytes, url: str, *, charset: str | None = None, founded: int | None = None,
                  hint: dates.Published | None = None, now: datetime | None = None) -> Article:
    """Parse an article page; raise :class:`PageError` when it holds no usable article.

    ``charset`` is the one the HTTP header declared, ``founded`` the vendor's
    founding year and ``hint`` the date a feed or sitemap gave for the page.
    """
    markup = decode(body, charset)
    if is_truncated(markup):
        raise PageError("truncated HTML (no </body> or </html>)")
    tree = parse_html(markup)
    if tree is None:
        raise PageError("empty page")
    text = main_text(markup, tree, url)
    if len(text.split()) < MIN_WORDS:
        raise PageError(f"no article text found ({len(text.split())} words; a script-rendered page?)")
    published, source = best_published(tree, url, text, founded=founded, hint=hint, now=now)
    return Article(title=page_title(tree), canonical_url=canonical_url(tree, url),
                   published=dates.iso(published) if published else None, date_source=source, text=text)


def is_truncated(markup: str) -> bool:
    """A page cut short by the server or the connection: no ``</body>`` or ``</html>``, and it ends mid-text.

    HTML5 lets a page leave both end tags out, so their absence alone is not enough: such a
    page still ends with a tag (``</footer>``, ``</script>``), a cut one mostly in the middle of text.
    """
    lower = markup.lower()
    if "</html" in lower or "</body" in lower:
        return False
    return not markup.rstrip().endswith(">")


# --- title and canonical URL --------------------------------------------------------------

def page_title(tree: html.HtmlElement) -> str | None:
    """Headline: JSON-LD ``headline``, else ``og:title`` or ``<title>`` without the site's name.

    The first ``<h1>`` decides where the site's name starts when the title begins with it
    ("Acme Ships X | Acme Newsroom" with ``<h1>Acme Ships X</h1>`` gives "Acme Ships X").
    """
    for obj in json_ld_objects(tree):
        if isinstance(obj.get("headline"), str) and obj["headline"].strip():
            return _clean(obj["headline"])
    h1 = next((text for text in (_clean(h.text_content()) for h in tree.iter("h1")) if text), None)
    for candidate in (_meta(tree, "og:title"), tree.findtext(".//title")):
        candidate = _clean(candidate or "")
        if not candidate:
            continue
        if h1 and _is_title_part(h1, candidate):
            return h1
        return without_site_name(candidate)
    return h1


def _is_title_part(h1: str, title: str) -> bool:
    """``h1`` is ``title``, or the longer side of its site-name separator ("H1 | Site", "Site - H1")."""
    if title == h1:
        return True
    last = re.match(rf"^(.*){_SEPARATOR}(.*)$", title)  # "Headline | Site"
    first = re.match(rf"^(.*?){_SEPARATOR}(.*)$", title)  # "Site - Headline"
    return bool(last and last[1] == h1 and len(h1) > len(last[2])) or bool(
        first and first[2] == h1 and len(h1) > len(first[1]))


def without_site_name(title: str) -> str:
    """``"Acme Ships X :: Acme Investor Relations"`` -> ``"Acme Ships X"`` (kept whole if little would remain).

    >>> without_site_name("Acme Ships X | Acme Newsroom")
    'Acme Ships X'
    """
    stripped = TITLE_SUFFIX.sub("", title)
    return stripped if len(stripped.split()) >= 3 else title


def canonical_url(tree: html.HtmlElement, url: str) -> str | None:
    """``<link rel=canonical>`` or ``og:url``, made absolute; ``None`` when missing or implausible.

    A canonical pointing at a site's home page (a common CMS mistake) is ignored,
    since it would merge every article into one document.
    """
    candidates = [link.get("href") for link in tree.iter("link")
                  if "canonical" in (link.get("rel") or "").lower().split()]
    candidates.append(_meta(tree, "og:url"))
    for candidate in candidates:
        if not candidate or not candidate.strip():
            continue
        absolute = urljoin(url, candidate.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc and parts.path.strip("/"):
            return absolute
    return None


def _clean(value: str) -> str:
    return normalise_text(value).replace("\n", " ")


def _meta(tree: html.HtmlElement, name: str) -> str | None:
    for meta in tree.iter("meta"):
        if name in (meta.get("property"), meta.get("name"), meta.get("itemprop")):
            content = meta.get("content")
            if content and content.strip():
                return content.strip()
    return None


# --- publication date ---------------------------------------------------------------------

def json_ld_objects(tree: html.HtmlElement) -> Iterator[dict]:
    """Every JSON-LD object of an article-like ``@type`` in the page (``@graph`` and lists unrolled)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for obj in _unroll(data):
            kinds = obj.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds):
                yield obj


def _unroll(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _unroll(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _unroll(data["@graph"])


def date_candidates(tree: html.HtmlElement, url: str, text: str,
                    hint: dates.Published | None) -> Iterator[tuple[str, dates.Published | None]]:
    """Publication-date candidates, best signal first, as ``(signal, value)``."""
    for obj in json_ld_objects(tree):
        yield "json-ld", dates.parse_date(str(obj.get("datePublished") or ""))
    for name in PUBLISHED_META:
        yield "meta", dates.parse_date(_meta(tree, name))
    for selector in ("time[datetime][pubdate]", "time[datetime].published", "time[datetime][itemprop=datePublished]",
                     "time[datetime]"):
        for element in [t for t in tree.cssselect(selector) if _of_the_article(t)][:3]:
            yield "time", dates.parse_date(element.get("datetime"))
    for selector in DATE_ELEMENTS:
        for element in tree.cssselect(selector)[:1]:
            yield "page", dates.parse_date(element.get("datetime") or element.text_content())
    yield "feed", hint
    yield "dateline", dates.dateline_date(text)
    yield "url", dates.url_date(url)


def _of_the_article(element: html.HtmlElement) -> bool:
    """False for an element inside a sidebar, a navigation or footer, a related-news list or a comment."""
    for ancestor in element.iterancestors():
        if ancestor.tag in NOT_THE_ARTICLE:
            return False
        if _OTHER_CONTENT.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return False
    return True


def htmldate_published(tree: html.HtmlElement, url: str, *, founded: int | None = None,
                       now: datetime | None = None) -> date | None:
    """htmldate's publication date (fast search, original date), within our plausibility bounds."""
    now = now or datetime.now(UTC)
    earliest = datetime(max(founded or dates.EARLIEST_YEAR, dates.EARLIEST_YEAR), 1, 1)
    try:
        found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True, min_date=earliest,
                                   max_date=(now + timedelta(days=1)).replace(tzinfo=None))
    except (ValueError, TypeError) as exc:  # htmldate is tolerant, but a date finder must never lose a page
        logging.getLogger(__name__).debug("htmldate failed on %s: %s", url, exc)
        return None
    return date.fromisoformat(found) if found else None


def best_published(tree: html.HtmlElement, url: str, text: str, *, founded: int | None = None,
                   hint: dates.Published | None = None,
                   now: datetime | None = None) -> tuple[dates.Published | None, str | None]:
    """The first plausible candidate from :func:`date_candidates`, with the signal that gave it."""
    for signal, value in date_candidates(tree, url, text, hint):
        if value is not None and dates.plausible(value, founded=founded, now=now):
            return value, signal
    value = htmldate_published(tree, url, founded=founded, now=now)
    if value is not None and dates.plausible(value, founded=founded, now=now):
        return value, "htmldate"
    return None, None
