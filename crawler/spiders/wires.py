"""``wires``: the registry's wire feeds (GlobeNewswire, PR Newswire, Business Wire) -> registry vendors' releases.

Each item is kept only when a registry vendor issued it (stock category,
``dc:contributor``, the dateline's ticker, or the vendor's name opening the
title or lead; see :mod:`crawler.article.wire`). Wire copies are stored with
kind ``press_release`` (they are the vendor's own release, distributed by the
wire; ``source`` names the wire), so a newsroom copy and a wire copy of one
announcement look alike and ``data.stories`` groups them into one story.
"""

from __future__ import annotations

from collections.abc import Iterator

import scrapy

from crawler.article.wire import wire_vendor
from crawler.spiders.feeds import FeedsSpider


class WiresSpider(FeedsSpider):
    name = "wires"

    async def start(self):
        for wire in self.registry.wires:
            yield self.request(wire.url, self.parse_feed, source=wire.id, meta={"vendor": None},
                               dont_filter=True)

    def parse_feed(self, response: scrapy.http.Response) -> Iterator:
        """Callback: a wire feed -> SourceSeenItem (or the failure) and requests for our vendors' items."""
        feed = yield from self.read_feed(response)
        if feed is None:
            return
        for entry in feed.entries:
            vendor = wire_vendor(entry, self.registry)
            if vendor is None or not self.wanted(vendor.slug):
                self.count("wire_entries_not_ours")
                continue
            request = self.entry_request(entry, source=response.meta["source"], vendor=vendor.slug,
                                         listed_in=None if feed.error else response.url)
            if request is not None:
                yield request
