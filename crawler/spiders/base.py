"""What every chipwatch spider shares: the registry, the database's seen-set, and failure recording."""

from __future__ import annotations

from typing import Any

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, ConnectionDone, ConnectionLost, DNSLookupError, TimeoutError
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from chipwatch.registry import Registry, load_registry
from crawler.items import FetchErrorItem
from data.db import open_db


class ChipwatchSpider(scrapy.Spider):
    """Base spider: loads the registry, reads state from the database, records failed fetches.

    Spider arguments: ``-a vendor=nvidia`` restricts the crawl to one vendor (comma list allowed).
    """

    registry: Registry

    def __init__(self, *args: Any, vendor: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.only_vendors = {v.strip() for v in vendor.split(",")} if vendor else None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.registry = load_registry(crawler.settings.get("CHIPWATCH_SOURCES"))
        spider.db = open_db(crawler.settings.get("CHIPWATCH_DB"))
        crawler.signals.connect(spider._close_db, signal=scrapy.signals.spider_closed)
        return spider

    def _close_db(self, spider):
        self.db.close()

    def wanted(self, vendor_slug: str | None) -> bool:
        return self.only_vendors is None or vendor_slug in self.only_vendors

    def request(self, url: str, callback, *, source: str, **kwargs: Any) -> scrapy.Request:
        """A request whose failure (after Scrapy's retries) becomes a recorded FetchErrorItem."""
        meta = kwargs.pop("meta", {})
        meta["source"] = source
        return scrapy.Request(url, callback=callback, errback=self.record_failure, meta=meta, **kwargs)

    def record_failure(self, failure):
        """Errback: turn a failed request into a FetchErrorItem naming source, URL, status and reason."""
        request = failure.request
        status, reason = None, failure.getErrorMessage() or failure.type.__name__
        if failure.check(HttpError):
            response = failure.value.response
            status, reason = response.status, f"HTTP {response.status}"
            note = response.meta.get("chipwatch_reason")
            if note:
                reason = f"{reason}: {note}"
        elif failure.check(DownloadTimeoutError, TimeoutError):
            reason = f"timeout: {reason}"
        elif failure.check(CannotResolveHostError, DNSLookupError, DownloadConnectionRefusedError, ConnectError):
            reason = f"could not connect: {reason}"
        elif failure.check(ResponseFailed, ResponseNeverReceived, ConnectionDone, ConnectionLost,
                           DownloadFailedError):
            reason = "connection closed before a complete response"
        source = request.meta.get("source", self.name)
        self.logger.error("fetch failed [%s] %s: %s", source, request.url, reason)
        yield FetchErrorItem(source=source, url=request.url, reason=reason[:500], status=status)
