"""The one base spider: registry, seen-state (through ``data.seen``), requests, article pages, failures.

Every chipwatch spider is a :class:`ChipwatchSpider`. What it gives them:

- the registry (``CHIPWATCH_SOURCES``), the ``CHIPWATCH_SINCE`` horizon and
  ``-a vendor=...`` to restrict a crawl;
- one request builder, :meth:`ChipwatchSpider.request`: a link that cannot be
  fetched (``javascript:``, ``mailto:``, ``ftp:``, empty or malformed) becomes a
  :class:`FetchErrorItem` instead of an exception, so one odd entry never stops
  the feed, sitemap, listing or wire it came from;
- the newsroom step shared by feeds, sitemaps, listings and wires: the seen-set
  (a stored URL is not fetched again unless its feed or sitemap says it changed),
  the article request, and article page -> :class:`DocumentItem`. When an
  article page fails but the feed carried the whole release, the feed's copy is
  stored instead; otherwise the failure is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

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
from crawler.article import dates
from crawler.article.feed import FeedEntry
from crawler.article.page import PageError, parse_article
from crawler.charset import header_charset
from crawler.items import DocumentItem, FetchErrorItem
from crawler.start_data import request_from_data, request_to_data
from data.db import open_db
from data.seen import SeenSet

FETCHABLE_SCHEMES = ("http", "https")


def unfetchable_reason(url: str | None) -> str | None:
    """Why ``url`` cannot be requested over HTTP, or ``None`` when it can.

    >>> unfetchable_reason("mailto:press@acme.test")
    "unfetchable link 'mailto:press@acme.test': scheme 'mailto' is not http(s)"
    >>> unfetchable_reason("https://acme.test/news/a") is None
    True
    """
    if not url or not url.strip():
        return "unfetchable link: empty"
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        return f"unfetchable link {url[:200]!r}: {exc}"
    if parts.scheme.lower() not in FETCHABLE_SCHEMES:
        return f"unfetchable link {url[:200]!r}: scheme {parts.scheme.lower() or '(none)'!r} is not http(s)"
    if not parts.hostname:
        return f"unfetchable link {url[:200]!r}: no host"
    return None


class ChipwatchSpider(scrapy.Spider):
    """Base spider: loads the registry, reads state through ``data.seen``, records failed fetches.

    Spider arguments: ``-a vendor=nvidia`` restricts the crawl to one vendor (comma list allowed).
    """

    registry: Registry
    since: date

    def __init__(self, *args: Any, vendor: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.only_vendors = {v.strip() for v in vendor.split(",")} if vendor else None
        self._seen: SeenSet | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.registry = load_registry(crawler.settings.get("CHIPWATCH_SOURCES"))
        spider.since = date.fromisoformat(crawler.settings.get("CHIPWATCH_SINCE"))
        spider.db = open_db(crawler.settings.get("CHIPWATCH_DB"))
        crawler.signals.connect(spider._close_db, signal=scrapy.signals.spider_closed)
        return spider

    def _close_db(self, spider):
        self.db.close()

    @property
    def seen(self) -> SeenSet:
        """Stored documents, loaded on first use (the EDGAR spider never needs them)."""
        if self._seen is None:
            self._seen = SeenSet.load(self.db)
        return self._seen

    def wanted(self, vendor_slug: str | None) -> bool:
        return self.only_vendors is None or vendor_slug in self.only_vendors

    def count(self, what: str, by: int = 1) -> None:
        self.crawler.stats.inc_value(f"chipwatch/{what}", by)

    def founded(self, vendor: str | None) -> int | None:
        try:
            return self.registry.vendor(vendor).founded if vendor else None
        except KeyError:
            return None

    # --- requests -------------------------------------------------------------------------
    def request(self, url: str | None, callback, *, source: str, errback=None,
                **kwargs: Any) -> scrapy.Request | FetchErrorItem:
        """A request whose failure (after Scrapy's retries) becomes a recorded FetchErrorItem.

        A URL that cannot be fetched gives the FetchErrorItem at once: yield whatever comes back.
        """
        reason = unfetchable_reason(url)
        if reason is None:
            meta = kwargs.pop("meta", {})
            meta["source"] = source
            try:
                return scrapy.Request(url.strip(), callback=callback, errback=errback or self.record_failure,
                                      meta=meta, **kwargs)
            except ValueError as exc:  # anything Scrapy refuses that the check above let through
                reason = f"unfetchable link {url[:200]!r}: {exc}"
        self.logger.error("not fetched [%s] %s", source, reason)
        self.count("unfetchable_links")
        return FetchErrorItem(source=source, url=(url or "")[:2000], reason=reason[:500])

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

    def source_failed(self, response: scrapy.http.Response, reason: str) -> FetchErrorItem:
        """A FetchErrorItem for a response that arrived but cannot be used (malformed, truncated, empty)."""
        source = response.meta.get("source", self.name)
        self.logger.error("unusable response [%s] %s: %s", source, response.url, reason)
        return FetchErrorItem(source=source, url=_first_url(response), reason=reason[:500],
                              status=response.status)

    # --- start requests kept in Redis (crawler/middlewares/start_urls.py, worker mode) ----------
    def start_data(self, request: scrapy.Request) -> bytes:
        """A start request as JSON for ``<spider>:start_urls``; :meth:`make_request_from_data` reverses it."""
        return request_to_data(request, self)

    def make_request_from_data(self, data: bytes) -> scrapy.Request:
        """The start request ``data`` encodes (scrapy-redis's name for this hook)."""
        return request_from_data(data, self)

    # --- newsroom articles: deciding what to fetch ------------------------------------------
    def entry_request(self, entry: FeedEntry, *, source: str, vendor: str | None, kind: str = "press_release",
                      listed_in: str | None = None) -> scrapy.Request | FetchErrorItem | None:
        """The article request for a feed entry, or ``None`` (too old, already stored).

        An entry without a usable link is a FetchErrorItem against ``listed_in`` (the feed's URL);
        pass ``None`` for a feed already recorded as broken, whose last entry is often cut short.
        """
        if entry.published and dates.day_of(entry.published) < self.since:
            self.count("entries_before_since")
            return None
        if not entry.link:
            self.count("entries_without_link")
            if listed_in is None:
                return None
            reason = f"feed entry {(entry.title or entry.guid or '(untitled)')[:200]!r} has no usable link"
            self.logger.error("not fetched [%s] %s", source, reason)
            return FetchErrorItem(source=source, url=listed_in, reason=reason)
        if unfetchable_reason(entry.link) is None and not self.seen.needs_fetch(entry.link, _changed(entry.modified)):
            self.count("entries_known")
            return None
        return self.article_request(entry.link, source=source, vendor=vendor, kind=kind, hint=entry.published,
                                    title=entry.title, fallback_text=entry.full_text())

    def page_request(self, url: str, *, source: str, vendor: str | None,
                     changed: dates.Published | None = None) -> scrapy.Request | FetchErrorItem | None:
        """The article request for a sitemap or listing link, or ``None`` when the stored copy is current."""
        if unfetchable_reason(url) is None and not self.seen.needs_fetch(url, _changed(changed)):
            self.count("entries_known")
            return None
        return self.article_request(url, source=source, vendor=vendor)

    def article_request(self, url: str, *, source: str, vendor: str | None, kind: str = "press_release",
                        hint: dates.Published | None = None, title: str | None = None,
                        fallback_text: str | None = None) -> scrapy.Request | FetchErrorItem:
        """A request for an article page; its failure falls back to ``fallback_text`` or is recorded."""
        meta = {"vendor": vendor, "kind": kind, "hint": hint, "feed_title": title, "fallback_text": fallback_text}
        # dont_filter: the seen-set already prevents duplicates, and Scrapy's dupefilter would silently
        # drop a redirect back to a URL already requested (a redirect loop) instead of failing it.
        request = self.request(url, self.parse_page, source=source, meta=meta, dont_filter=True,
                               errback=self.page_failed)
        if isinstance(request, scrapy.Request):
            self.seen.add(url)
        return request

    # --- newsroom articles: pages -> documents ----------------------------------------------
    def parse_page(self, response: scrapy.http.Response) -> Iterator:
        """Callback: an article page -> DocumentItem, or its feed copy / a FetchErrorItem if unusable."""
        meta = response.meta
        try:
            article = parse_article(response.body, response.url,
                                    charset=header_charset(response.headers.get("Content-Type")),
                                    founded=self.founded(meta["vendor"]), hint=meta.get("hint"))
        except PageError as exc:
            yield from self._unusable(response, str(exc))
            return
        self.count("articles_parsed")
        yield DocumentItem(
            url=_first_url(response), vendor=meta["vendor"], source=meta["source"], kind=meta["kind"],
            text=article.text, title=article.title or meta.get("feed_title"),
            canonical_url=article.canonical_url, published=article.published,
            etag=_header(response, "ETag"), last_modified=_header(response, "Last-Modified"))

    def page_failed(self, failure) -> Iterator:
        """Errback of article requests: store the feed's full copy if it has one, else record the failure."""
        meta = failure.request.meta
        if meta.get("fallback_text"):
            self.logger.warning("article page failed, storing the feed's copy: %s (%s)", failure.request.url,
                                failure.getErrorMessage())
            yield self.feed_copy(meta.get("redirect_urls", [failure.request.url])[0], meta)
            return
        yield from self.record_failure(failure)

    def _unusable(self, response: scrapy.http.Response, reason: str) -> Iterator:
        meta = response.meta
        if meta.get("fallback_text"):
            self.logger.warning("article page unusable (%s), storing the feed's copy: %s", reason, response.url)
            yield self.feed_copy(_first_url(response), meta)
            return
        yield self.source_failed(response, reason)

    def feed_copy(self, url: str, meta: dict) -> DocumentItem:
        """A document built from what the feed itself carried."""
        self.count("articles_from_feed")
        hint = meta.get("hint")
        published = dates.iso(hint) if hint and dates.plausible(hint, founded=self.founded(meta["vendor"])) \
            else None
        return DocumentItem(url=url, vendor=meta["vendor"], source=meta["source"], kind=meta["kind"],
                            text=meta["fallback_text"], title=meta.get("feed_title"), published=published)


def _changed(value: dates.Published | None):
    """A feed's or sitemap's change date as the latest instant it can mean (see :func:`dates.latest_moment`)."""
    return dates.latest_moment(value) if value else None


def _first_url(response: scrapy.http.Response) -> str:
    """The URL as first requested (the one feeds list), before any redirect."""
    return (response.meta.get("redirect_urls") or [response.url])[0]


def _header(response: scrapy.http.Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
