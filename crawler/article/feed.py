"""RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and CDF feeds -> :class:`FeedEntry` items, parsed by feedparser.

feedparser reads the formats, broken XML (its loose parser recovers the
entries), entities, relative links and many date formats. What stays ours:

- decoding: the bytes are decoded by :func:`crawler.charset.decode` (valid
  UTF-8 wins over a lying declaration) and handed to feedparser as UTF-8;
- which fields we keep (``shared/formats.md`` §3–4): NVIDIA's non-standard bare
  ``<content>`` (the full release, escaped HTML) and ``<modDate>``; AMD's empty
  ``<description>``; GlobeNewswire's ``<category domain=".../rss/stock">``;
  PR Newswire's ``dc:contributor``;
- dates: our :func:`dates.parse_date` first (it keeps a date without a time as a
  date, and reads two-digit years), feedparser's parsed value when ours fails;
- a not-well-formed feed gives its recovered entries *and* an ``error``, so the
  spider stores them and still records the source as broken.
"""

from __future__ import annotations

import calendar
import re
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser

from crawler.article import dates
from crawler.charset import decode
from crawler.text import html_to_text

FULL_CONTENT_WORDS = 120  # a feed body this long is the whole release, not a teaser
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


class FeedError(ValueError):
    """The document is not an RSS or Atom feed."""


@dataclass
class FeedEntry:
    title: str | None
    link: str | None
    guid: str | None = None
    published: dates.Published | None = None
    modified: dates.Published | None = None
    summary: str | None = None  # HTML or text, as the feed gave it
    content: str | None = None  # full body (HTML), when the feed carries one
    contributor: str | None = None  # PR Newswire / GlobeNewswire issuer name
    categories: list[tuple[str | None, str]] = field(default_factory=list)  # (domain, value)

    def full_text(self) -> str | None:
        """The release text carried by the feed itself, if it is long enough to stand for the page."""
        for body in (self.content, self.summary):
            text = html_to_text(body) if body else ""
            if len(text.split()) >= FULL_CONTENT_WORDS:
                return text
        return None


@dataclass
class Feed:
    title: str | None
    entries: list[FeedEntry]
    error: str | None = None  # set when the XML was malformed and entries were recovered


def parse_feed(body: bytes, url: str, charset: str | None = None) -> Feed:
    """Parse an RSS/Atom document fetched from ``url``; raise :class:`FeedError` if it is neither.

    ``charset`` is the one the HTTP header declared; links are made absolute against ``url``.
    """
    if not body or not body.strip():
        raise FeedError("empty document")
    utf8 = _DECLARATION.sub("", decode(body, charset), count=1).encode("utf-8")
    parsed = feedparser.parse(utf8, response_headers={"content-type": "application/xml; charset=utf-8",
                                                      "content-location": url}, sanitize_html=False)
    error = _malformed(parsed)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed" + (f"; {error}" if error else ""))
    return Feed(title=_title(parsed.feed.get("title")), entries=[_entry(e) for e in parsed.entries], error=error)


def _malformed(parsed: feedparser.FeedParserDict) -> str | None:
    """The XML parser's complaint when the feed was not well-formed (encoding notes are not errors)."""
    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or not isinstance(exc, xml.sax.SAXException):
        return None
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    where = f" (line {exc.getLineNumber()}, column {exc.getColumnNumber()})" if hasattr(exc, "getLineNumber") else ""
    return f"malformed XML: {message}{where}"


def _entry(entry: feedparser.FeedParserDict) -> FeedEntry:
    return FeedEntry(
        title=_title(entry.get("title")),
        link=_link(entry),
        guid=(entry.get("id") or "").strip() or None,
        published=_date(entry, "published", "created") or _date(entry, "updated"),
        modified=_date(entry, "moddate") or _date(entry, "updated"),
        summary=_stripped(entry.get("summary")),
        content=next((_stripped(c.get("value")) for c in entry.get("content", []) if _stripped(c.get("value"))),
                     None),
        contributor=_contributor(entry),
        categories=[(tag.get("scheme"), (tag.get("term") or tag.get("label") or "").strip())
                    for tag in entry.get("tags", []) if (tag.get("term") or tag.get("label") or "").strip()],
    )


def _link(entry: feedparser.FeedParserDict) -> str | None:
    """The entry's page: its alternate link (feedparser falls back to a permalink ``guid``)."""
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href", "").strip():
            return link["href"].strip()
    return (entry.get("link") or "").strip() or None


def _contributor(entry: feedparser.FeedParserDict) -> str | None:
    for person in entry.get("contributors", []):
        if (person.get("name") or "").strip():
            return person["name"].strip()
    return (entry.get("author") or entry.get("publisher") or "").strip() or None


def _date(entry: feedparser.FeedParserDict, *keys: str) -> dates.Published | None:
    for key in keys:
        raw = dict.get(entry, key)  # plain dict access: FeedParserDict maps a missing "updated" to "published"
        if not raw:
            continue
        value = dates.parse_date(raw)
        if value is not None:
            return value
        struct = dict.get(entry, f"{key}_parsed")
        if struct:
            return datetime.fromtimestamp(calendar.timegm(struct), UTC)
    return None


def _title(value: str | None) -> str | None:
    if not value:
        return None
    return html_to_text(value).replace("\n", " ") or None


def _stripped(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None
