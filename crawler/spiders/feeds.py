"""``feeds``: every registry source of kind ``feed`` (RSS 2.0 / Atom) -> new article pages -> documents.

Items already stored are not fetched again unless the feed's ``<modDate>`` /
``<updated>`` is newer than the stored copy; items older than
``CHIPWATCH_SINCE`` are skipped. A malformed feed is recorded as a failure, and
whatever entries could be recovered from it are still followed.
"""

from __future__ import annotations

from collections.abc import Iterator

import scrapy

from crawler.article.feed import Feed, FeedError, parse_feed
from crawler.charset import header_charset
from crawler.items import SourceSeenItem
from crawler.spiders.base import ChipwatchSpider


class FeedsSpider(ChipwatchSpider):
    name = "feeds"

    async def start(self):
        for source in self.registry.sources:
            if source.kind == "feed" and self.wanted(source.vendor):
                yield self.request(source.url, self.parse_feed, source=source.id,
                                   meta={"vendor": source.vendor}, dont_filter=True)

    def parse_feed(self, response: scrapy.http.Response) -> Iterator:
        """Callback: a vendor feed -> SourceSeenItem (or the failure) and requests for new items."""
        feed = yield from self.read_feed(response)
        if feed is None:
            return
        for entry in feed.entries:
            request = self.entry_request(entry, source=response.meta["source"], vendor=response.meta["vendor"],
                                         listed_in=None if feed.error else response.url)
            if request is not None:
                yield request

    def read_feed(self, response: scrapy.http.Response):
        """Parse the feed in ``response``; yield SourceSeenItem or a failure; return the Feed or ``None``."""
        try:
            feed: Feed = parse_feed(response.body, response.url,
                                    header_charset(response.headers.get("Content-Type")))
        except FeedError as exc:
            yield self.source_failed(response, str(exc))
            return None
        if feed.error:
            yield self.source_failed(response, f"{feed.error} ({len(feed.entries)} entries recovered)")
        else:
            yield SourceSeenItem(source=response.meta["source"], url=response.url, items=len(feed.entries))
        self.count("feed_entries", len(feed.entries))
        return feed
