"""Honour ``Retry-After`` on 429 and 503 answers, beside Scrapy's RetryMiddleware.

A 429/503 that names a wait (seconds, or an HTTP date) is retried after that
wait, without blocking the reactor, sharing Scrapy's retry counter
(``RETRY_TIMES``). A server asking for more than ``RETRY_AFTER_MAX`` seconds is
not retried early against its wish: the request fails now, with a reason saying
when to come back. Answers without ``Retry-After`` are left to Scrapy's
RetryMiddleware (priority 550); this one sits at 560 so it sees responses first.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep

DEFAULT_MAX_WAIT = 120.0
DEFAULT_STATUSES = (429, 503)


def retry_after_seconds(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date); ``None`` if unusable.

    >>> retry_after_seconds("7")
    7.0
    """
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    """Wait as long as ``Retry-After`` asks (up to ``RETRY_AFTER_MAX``), then retry the request."""

    def __init__(self, crawler, max_wait: float, statuses: set[int]):
        self.crawler, self.max_wait, self.statuses = crawler, max_wait, statuses

    @classmethod
    def from_crawler(cls, crawler) -> RetryAfterMiddleware:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        statuses = {int(s) for s in settings.getlist("RETRY_AFTER_HTTP_CODES", list(DEFAULT_STATUSES))}
        return cls(crawler, settings.getfloat("RETRY_AFTER_MAX", DEFAULT_MAX_WAIT), statuses)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.statuses or request.meta.get("dont_retry"):
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            return response  # Scrapy's RetryMiddleware retries it in the usual way
        if wait > self.max_wait:
            return self._give_up(request, response, f"server asks to retry after {wait:.0f} s, more than "
                                                    f"RETRY_AFTER_MAX={self.max_wait:.0f} s; try again later")
        retry = get_retry_request(request, spider=self.crawler.spider,
                                  reason=f"{response.status} with Retry-After")
        if retry is None:
            tries = request.meta.get("retry_times", 0) + 1
            return self._give_up(request, response, f"still {response.status} after {tries} tries "
                                                    f"honouring Retry-After")
        self.crawler.stats.inc_value("chipwatch/retry_after_waits")
        if wait > 0:
            await sleep(wait)
        return retry

    def _give_up(self, request: Request, response: Response, reason: str) -> Response:
        # dont_retry stops Scrapy's RetryMiddleware from retrying what we decided to fail;
        # chipwatch_reason is read by ChipwatchSpider.record_failure for the fetch_errors row.
        request.meta["dont_retry"] = True
        request.meta["chipwatch_reason"] = reason
        return response
