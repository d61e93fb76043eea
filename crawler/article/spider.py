"""What the newsroom spiders (feeds, sitemaps, listings, wires) share.

The seen-set (a re-run does not fetch a stored URL again unless its feed or
sitemap says it changed since), the ``CHIPWATCH_SINCE`` horizon, article
requests and the article page -> :class:`DocumentItem` step. When an article
page fails but the feed carried the whole release, the feed's copy is stored
instead; otherwise the failure is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import scrapy
from w3lib.url import canonicalize_url

from crawler.article import dates
from crawler.article.charset import header_charset
from crawler.article.feed import FeedEntry
from crawler.article.page import PageError, parse_article
from crawler.items import DocumentItem, FetchErrorItem
from crawler.spiders.base import ChipwatchSpider
from data import store


def _key(url: str) -> str:
    return canonicalize_url(url, keep_fragments=False)


class SeenSet:
    """Stored URLs (as fetched and canonical) with when they were fetched."""

    def __init__(self, fetched: dict[str, datetime | None]):
        self.fetched = fetched

    @classmethod
    def load(cls, db) -> SeenSet:
        fetched: dict[str, datetime | None] = {_key(u): None for u in store.known_urls(db)}
        for url, canonical, at in db.execute("select url, canonical_url, fetched_at from documents"):
            moment = dates.parse_date(at) if at else None
            for known in (url, canonical):
                if known:
                    fetched[_key(known)] = moment if isinstance(moment, datetime) else None
        return cls(fetched)

    def needs_fetch(self, url: str, changed: dates.Published | None = None) -> bool:
        """True for a new URL, or a stored one whose ``changed`` (modDate, lastmod) is after its fetch."""
        key = _key(url)
        if key not in self.fetched:
            return True
        fetched_at = self.fetched[key]
        return bool(changed and fetched_at and dates.latest_moment(changed) > fetched_at)

    def add(self, url: str) -> None:
        self.fetched.setdefault(_key(url), None)


class ArticleSpider(ChipwatchSpider):
    """Base for spiders that turn newsroom and wire pages into documents."""

    seen: SeenSet
    since: date

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.seen = SeenSet.load(spider.db)
        spider.since = date.fromisoformat(crawler.settings.get("CHIPWATCH_SINCE"))
        return spider

    def count(self, what: str, by: int = 1) -> None:
        self.crawler.stats.inc_value(f"chipwatch/{what}", by)

    def founded(self, vendor: str | None) -> int | None:
        try:
            return self.registry.vendor(vendor).founded if vendor else None
        except KeyError:
            return None

    # --- deciding what to fetch -------------------------------------------------------------
    def entry_request(self, entry: FeedEntry, *, source: str, vendor: str | None,
                      kind: str = "press_release") -> scrapy.Request | None:
        """The article request for a feed entry, or ``None`` (no link, too old, already stored)."""
        if not entry.link:
            self.count("entries_without_link")
            return None
        if entry.published and dates.day_of(entry.published) < self.since:
            self.count("entries_before_since")
            return None
        if not self.seen.needs_fetch(entry.link, entry.modified):
            self.count("entries_known")
            return None
        return self.article_request(entry.link, source=source, vendor=vendor, kind=kind, hint=entry.published,
                                    title=entry.title, fallback_text=entry.full_text())

    def article_request(self, url: str, *, source: str, vendor: str | None, kind: str = "press_release",
                        hint: dates.Published | None = None, title: str | None = None,
                        fallback_text: str | None = None) -> scrapy.Request:
        """A request for an article page; its failure falls back to ``fallback_text`` or is recorded."""
        self.seen.add(url)
        meta = {"vendor": vendor, "kind": kind, "hint": hint, "feed_title": title, "fallback_text": fallback_text}
        # dont_filter: the seen-set already prevents duplicates, and Scrapy's dupefilter would silently
        # drop a redirect back to a URL already requested (a redirect loop) instead of failing it.
        request = self.request(url, self.parse_page, source=source, meta=meta, dont_filter=True)
        return request.replace(errback=self.page_failed)

    # --- article pages ---------------------------------------------------------------------
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

    def source_failed(self, response: scrapy.http.Response, reason: str) -> FetchErrorItem:
        """A FetchErrorItem for a response that arrived but cannot be used (malformed, truncated, empty)."""
        source = response.meta.get("source", self.name)
        self.logger.error("unusable response [%s] %s: %s", source, response.url, reason)
        return FetchErrorItem(source=source, url=_first_url(response), reason=reason[:500],
                              status=response.status)


def _first_url(response: scrapy.http.Response) -> str:
    """The URL as first requested (the one feeds list), before any redirect."""
    return (response.meta.get("redirect_urls") or [response.url])[0]


def _header(response: scrapy.http.Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
