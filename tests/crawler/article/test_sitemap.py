"""``crawler.article.sitemap``: sitemaps and sitemap indexes, plain and gzipped."""

from __future__ import annotations

import gzip
from datetime import date

from crawler.article.sitemap import parse_sitemap
from tests.conftest import SITE

INDEX = SITE / "www.lumenchip.test" / "sitemap.xml"


NEWS = SITE / "www.lumenchip.test" / "sitemap-news.xml"


def test_sitemap_index_lists_child_sitemaps_with_lastmod():
    sitemap = parse_sitemap(INDEX.read_bytes(), "https://www.lumenchip.test/sitemap.xml")
    assert sitemap.is_index
    assert [e.url.rsplit("/", 1)[1] for e in sitemap.entries] == ["sitemap-news.xml", "sitemap-pages.xml"]
    assert sitemap.entries[1].lastmod == date(2022, 1, 10)


def test_gzipped_urlset_is_read():
    sitemap = parse_sitemap(gzip.compress(NEWS.read_bytes()), "https://www.lumenchip.test/sitemap-news.xml")
    assert not sitemap.is_index and len(sitemap.entries) == 4
