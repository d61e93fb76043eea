"""RSS 2.0, RSS 1.0 and Atom feeds -> :class:`FeedEntry` items, tolerant of what newsrooms send.

Quirks handled (``shared/formats.md`` §3–4): NVIDIA's non-standard bare
``<content>`` holding the full release as escaped HTML and ``<modDate>``;
AMD's empty ``<description>`` and two-digit years; CDATA titles;
ISO-8859-1 feeds; GlobeNewswire's ``<category domain=".../rss/stock">``;
PR Newswire's ``dc:contributor``; attributes wrapped onto the next line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from crawler.article import dates
from crawler.article.text import html_to_text
from crawler.article.xml import child_text, children, local, parse_xml

FULL_CONTENT_WORDS = 120  # a feed body this long is the whole release, not a teaser


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
    """Parse an RSS/Atom document fetched from ``url``; raise :class:`FeedError` if it is neither."""
    parsed = parse_xml(body, charset)
    root = parsed.root
    if root is None:
        raise FeedError(parsed.error or "empty document")
    kind = local(root).lower()
    if kind == "rss":
        channel = next(iter(children(root, "channel")), root)
        items, reader = children(channel, "item"), _rss_entry
        title = child_text(channel, "title")
    elif kind == "rdf":
        items, reader = children(root, "item"), _rss_entry
        title = next((child_text(c, "title") for c in children(root, "channel")), None)
    elif kind == "feed":
        items, reader, title = children(root, "entry"), _atom_entry, child_text(root, "title")
    else:
        raise FeedError(f"not an RSS or Atom feed (root element <{local(root) or '?'}>)"
                        + (f"; {parsed.error}" if parsed.error else ""))
    return Feed(title=title, entries=[reader(item, url) for item in items], error=parsed.error)


def _rss_entry(item: etree._Element, base: str) -> FeedEntry:
    guid_el = next(iter(children(item, "guid")), None)
    guid = (guid_el.text or "").strip() if guid_el is not None else None
    link = child_text(item, "link")
    if not link and guid and guid.startswith("http") and (guid_el.get("isPermaLink") or "true") != "false":
        link = guid
    return FeedEntry(
        title=_title(child_text(item, "title")),
        link=urljoin(base, link) if link else None,
        guid=guid or None,
        published=dates.parse_date(child_text(item, "pubDate", "date", "published", "issued")),
        modified=dates.parse_date(child_text(item, "modDate", "updated", "modified")),
        summary=_markup(item, "description", "summary"),
        content=_markup(item, "encoded", "content"),
        contributor=child_text(item, "contributor", "creator", "publisher"),
        categories=[(c.get("domain"), (c.text or "").strip()) for c in children(item, "category")
                    if (c.text or "").strip()],
    )


def _atom_entry(entry: etree._Element, base: str) -> FeedEntry:
    link = None
    for candidate in children(entry, "link"):
        if candidate.get("rel") in (None, "alternate") and candidate.get("href"):
            link = candidate.get("href").strip()
            break
    authors = [child_text(a, "name") for a in children(entry, "author")]
    return FeedEntry(
        title=_title(child_text(entry, "title")),
        link=urljoin(base, link) if link else None,
        guid=child_text(entry, "id"),
        published=dates.parse_date(child_text(entry, "published", "issued", "updated")),
        modified=dates.parse_date(child_text(entry, "updated", "modified")),
        summary=_markup(entry, "summary"),
        content=_markup(entry, "content"),
        contributor=next((a for a in authors if a), None),
        categories=[(c.get("scheme"), (c.get("term") or c.get("label") or "").strip())
                    for c in children(entry, "category") if (c.get("term") or c.get("label"))],
    )


def _title(value: str | None) -> str | None:
    if not value:
        return None
    return html_to_text(value).replace("\n", " ") or None


def _markup(element: etree._Element, *names: str) -> str | None:
    """A child's content as HTML: escaped HTML arrives as text, Atom ``type="xhtml"`` as elements."""
    for name in names:
        for child in children(element, name):
            if len(child):
                inner = (child.text or "") + "".join(
                    etree.tostring(c, encoding="unicode", with_tail=True) for c in child)
                if inner.strip():
                    return inner.strip()
            elif (child.text or "").strip():
                return child.text.strip()
    return None
