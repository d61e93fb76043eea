"""sitemap.xml files and sitemap indexes -> entries with their ``<lastmod>``, read by Scrapy's own parser.

``scrapy.utils.sitemap.Sitemap`` reads the urlset / sitemapindex (recovering
from broken XML, never resolving entities); ``scrapy.utils.gz.gunzip`` unzips
``.xml.gz`` files up to a size limit (the crawl's ``DOWNLOAD_MAXSIZE``, as
Scrapy's own SitemapSpider does). What stays ours: ``<lastmod>`` parsed into
dates, relative ``<loc>`` made absolute, and a not-well-formed sitemap reported
(with the entries recovered) so the source is recorded as broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap as ScrapySitemap

from crawler.article import dates

MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemap protocol's own limit, when the crawl sets none


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


def parse_sitemap(body: bytes, url: str, *, max_size: int = MAX_UNZIPPED) -> Sitemap:
    """Parse a (possibly gzipped) sitemap or sitemap index fetched from ``url``.

    ``max_size`` bounds the unzipped size in bytes (0 for no bound).
    """
    body = _gunzip(body, max_size)
    if not body.strip():
        raise SitemapError("empty document")
    try:
        sitemap = ScrapySitemap(body)
    except (etree.XMLSyntaxError, StopIteration) as exc:
        raise SitemapError("not XML") from exc
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{sitemap.type or '?'}>)")
    entries = [SitemapEntry(_absolute(url, node["loc"]), dates.parse_date(node.get("lastmod")))
               for node in sitemap if node.get("loc")]
    return Sitemap(is_index=sitemap.type == "sitemapindex", entries=entries, error=_malformed(body))


def _absolute(base: str, loc: str) -> str:
    """``loc`` made absolute; a malformed one is kept as written, for the spider to report."""
    try:
        return urljoin(base, loc)
    except ValueError:
        return loc


def _gunzip(body: bytes, max_size: int) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        return gunzip(body, max_size=max_size)
    except (OSError, EOFError) as exc:
        raise SitemapError(f"bad gzip data: {exc}") from exc
    except ValueError as exc:  # Scrapy's "decompressed size exceeded" error
        raise SitemapError(f"unzipped sitemap is larger than {max_size} bytes ({exc})") from exc


def _malformed(body: bytes) -> str | None:
    """Why ``body`` is not well-formed XML, or ``None`` (Scrapy's parser recovers silently)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    try:
        etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        return f"malformed XML: {str(exc.msg or exc).strip()}"
    return None
