"""``listings``: registry sources of kind ``listing`` (HTML list pages) -> links matching ``link_pattern``.

For newsrooms without a feed or sitemap (Cerebras, Groq, SambaNova,
Tenstorrent, Marvell, TSMC, Arm). A listing with no matching link is recorded
as a failure: the page changed shape or is rendered by script.
"""

from __future__ import annotations

from collections.abc import Iterator

import scrapy

from crawler.article.listing import listing_links
from crawler.charset import header_charset
from crawler.items import SourceSeenItem
from crawler.spiders.base import ChipwatchSpider


class ListingsSpider(ChipwatchSpider):
    name = "listings"

    async def start(self):
        for source in self.registry.sources:
            if source.kind == "listing" and self.wanted(source.vendor):
                yield self.request(source.url, self.parse_listing, source=source.id,
                                   meta={"vendor": source.vendor, "pattern": source.link_pattern},
                                   dont_filter=True)

    def parse_listing(self, response: scrapy.http.Response) -> Iterator:
        """Callback: a listing page -> SourceSeenItem (or the failure) and requests for new articles."""
        meta = response.meta
        links = listing_links(response.body, response.url, meta["pattern"],
                              charset=header_charset(response.headers.get("Content-Type")))
        if not links:
            yield self.source_failed(response, f"no links matching {meta['pattern']!r} (page changed or "
                                               f"rendered by script?)")
            return
        yield SourceSeenItem(source=meta["source"], url=response.url, items=len(links))
        for link in links:
            request = self.page_request(link, source=meta["source"], vendor=meta["vendor"])
            if request is not None:
                yield request
