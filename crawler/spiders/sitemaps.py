"""``sitemaps``: registry sources of kind ``sitemap`` -> pages matching ``link_pattern`` -> documents.

Reads a sitemap or a sitemap index (one level of nesting). Entries whose
``<lastmod>`` is older than ``CHIPWATCH_SINCE`` or the source's
``lastmod_after`` are skipped; a stored page is fetched again only when its
``<lastmod>`` is newer than the stored copy. In an index, a child sitemap whose
``<lastmod>`` predates the last complete, error-free read of the source is not
fetched at all, so a re-run with nothing new costs one request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import scrapy

from chipwatch.registry import Source
from crawler.article import dates
from crawler.article.sitemap import Sitemap, SitemapError, parse_sitemap
from crawler.items import SourceSeenItem
from crawler.spiders.base import ChipwatchSpider
from data.seen import last_clean_reads

MAX_DEPTH = 1  # sitemap index -> sitemap; the protocol allows no deeper nesting


class SitemapsSpider(ChipwatchSpider):
    name = "sitemaps"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.clean_reads = last_clean_reads(spider.db)
        return spider

    async def start(self):
        for source in self.registry.sources:
            if source.kind == "sitemap" and self.wanted(source.vendor):
                yield self.request(source.url, self.parse_sitemap, source=source.id,
                                   meta={"vendor": source.vendor, "depth": 0}, dont_filter=True)

    def parse_sitemap(self, response: scrapy.http.Response) -> Iterator:
        """Callback: a sitemap (index) -> SourceSeenItem (or the failure) and requests for what changed."""
        source = self._source(response.meta["source"])
        try:
            sitemap = parse_sitemap(response.body, response.url,
                                    max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        except SitemapError as exc:
            yield self.source_failed(response, str(exc))
            return
        if sitemap.error:
            yield self.source_failed(response, f"{sitemap.error} ({len(sitemap.entries)} entries recovered)")
        else:
            yield SourceSeenItem(source=source.id, url=response.url, items=len(sitemap.entries))
        if sitemap.is_index:
            yield from self._children(sitemap, source, response.meta["depth"])
        else:
            yield from self._pages(sitemap, source)

    def _children(self, sitemap: Sitemap, source: Source, depth: int) -> Iterator:
        if depth >= MAX_DEPTH:
            return
        unchanged_before = self.clean_reads.get(source.id)
        for entry in sitemap.entries:
            if entry.lastmod and (dates.day_of(entry.lastmod) < self.floor(source) or (
                    unchanged_before and dates.latest_moment(entry.lastmod) < unchanged_before)):
                self.count("sitemaps_unchanged")
                continue
            yield self.request(entry.url, self.parse_sitemap, source=source.id,
                               meta={"vendor": source.vendor, "depth": depth + 1}, dont_filter=True)

    def _pages(self, sitemap: Sitemap, source: Source) -> Iterator:
        pattern = re.compile(source.link_pattern) if source.link_pattern else None
        for entry in sitemap.entries:
            if pattern and not pattern.search(entry.url):
                continue
            if entry.lastmod and dates.day_of(entry.lastmod) < self.floor(source):
                self.count("entries_before_since")
                continue
            request = self.page_request(entry.url, source=source.id, vendor=source.vendor, changed=entry.lastmod)
            if request is not None:
                yield request

    def floor(self, source: Source) -> date:
        """The oldest ``lastmod`` still wanted: CHIPWATCH_SINCE or the source's ``lastmod_after``."""
        after = dates.parse_date(source.lastmod_after) if source.lastmod_after else None
        return max(self.since, dates.day_of(after)) if after else self.since

    def _source(self, source_id: str) -> Source:
        return next(s for s in self.registry.sources if s.id == source_id)

