"""sitemap.xml files and sitemap indexes -> entries with their ``<lastmod>``."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

from crawler.article import dates
from crawler.article.xml import child_text, children, local, parse_xml

MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemap protocol's own limit


class SitemapError(ValueError):
    """The document is not a sitemap or sitemap index."""


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: dates.Published | None


@dataclass
class Sitemap:
    is_index: bool  # entries are sitemaps, not pages
    entries: list[SitemapEntry]
    error: str | None = None


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """Parse a (possibly gzipped) sitemap or sitemap index fetched from ``url``."""
    body = _gunzip(body)
    parsed = parse_xml(body)
    if parsed.root is None:
        raise SitemapError(parsed.error or "empty document")
    kind = local(parsed.root)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{kind or '?'}>)")
    entries = []
    for node in children(parsed.root, "url" if kind == "urlset" else "sitemap"):
        loc = child_text(node, "loc")
        if loc:
            entries.append(SitemapEntry(urljoin(url, loc), dates.parse_date(child_text(node, "lastmod"))))
    return Sitemap(is_index=kind == "sitemapindex", entries=entries, error=parsed.error)


def _gunzip(body: bytes) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            data = handle.read(MAX_UNZIPPED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"bad gzip data: {exc}") from exc
    if len(data) > MAX_UNZIPPED:
        raise SitemapError("unzipped sitemap is larger than 50 MB")
    return data

