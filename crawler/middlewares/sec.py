"""SEC fair-access etiquette for every request to EDGAR: declared User-Agent, one global rate, back-off.

The SEC allows at most 10 requests/s per user *across all hosts and machines*
and answers abuse with HTTP 403 pages, not 429 (see shared/formats.md §0-§1):

- "Request Rate Threshold Exceeded": the client is blocked for ~10 minutes,
  longer if it keeps knocking. All SEC traffic pauses ``SEC_RATE_LIMIT_PAUSE``
  seconds, then the request is retried once; a second rate page is a failure.
- "Undeclared Automated Tool": ``SEC_USER_AGENT`` was not accepted. The response
  fails with a message saying so, and every later SEC request is dropped
  without being sent, so a misconfigured crawl stops knocking at once.
- 403 with S3's ``<Code>AccessDenied</Code>`` XML: the Archives object does not
  exist. The response becomes a 404 marked "not found on EDGAR Archives"
  (``meta["sec_not_found"]``), which the spider records as a definite miss.

Pacing: every SEC request waits for its turn at ``1/SEC_MAX_REQUESTS_PER_SECOND``
spacing (and behind any pause) without blocking the reactor, then goes to one
downloader slot shared by all SEC hosts (``SEC_DOWNLOAD_SLOT``, configured in
``DOWNLOAD_SLOTS`` with no delay of its own), so this spacing is the spacing on
the wire. SEC requests are recognised by the configured EDGAR base URLs (tests
serve them from 127.0.0.1 beside other sites) and by real ``sec.gov`` hosts.
"""

from __future__ import annotations

import logging
from time import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from chipwatch.config import valid_user_agent
from crawler.middlewares.pace import open_pace

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

RATE_MARKERS = (b"Request Rate Threshold Exceeded", b"Exceeded the SEC", b"Traffic Limit")
UNDECLARED_MARKER = b"Undeclared Automated Tool"
ACCESS_DENIED_MARKER = b"<Code>AccessDenied</Code>"
# Space requests 5% wider than 1/rate: the SEC counts on its own clock, and network jitter must not
# squeeze one more request into a second than the configured rate.
SPACING_MARGIN = 1.05
NOT_FOUND_REASON = "not found on EDGAR Archives (SEC answered 403 with S3 AccessDenied XML)"


def classify_sec_403(body: bytes) -> str | None:
    """Which SEC 403 this is: ``"rate"``, ``"undeclared"``, ``"access_denied"`` or None.

    The rate page is checked first: some variants also mention undeclared tools in their prose.
    """
    head = body[:20000]
    if any(marker in head for marker in RATE_MARKERS):
        return "rate"
    if UNDECLARED_MARKER.lower() in head.lower():
        return "undeclared"
    if ACCESS_DENIED_MARKER in head:
        return "access_denied"
    return None


def is_sec_host(host: str | None) -> bool:
    host = (host or "").lower()
    return host == "sec.gov" or host.endswith(".sec.gov")


class SecEtiquetteMiddleware:
    """Downloader middleware: User-Agent, global pacing and 403 handling for SEC requests."""

    def __init__(self, crawler: Crawler, *, user_agent: str | None, base_urls: tuple[str, ...],
                 rate: float, pause: float, slot: str, pace_path=None,
                 redis_url: str | None = None):
        if not rate > 0:
            # Not NotConfigured: that would switch the etiquette off and let SEC requests go out unpaced.
            raise ValueError(f"SEC_MAX_REQUESTS_PER_SECOND must be above 0, got {rate}")
        self.crawler = crawler
        self.user_agent = user_agent
        self.base_urls = tuple(url.rstrip("/") + "/" for url in base_urls if url)
        self.interval = SPACING_MARGIN / rate
        self.pause = pause
        self.slot = slot
        self.pace = open_pace(pace_path, redis_url)  # one schedule for every process (or every worker)
        self._refused = False  # SEC rejected our User-Agent: send nothing more

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SecEtiquetteMiddleware:
        settings = crawler.settings
        return cls(
            crawler,
            user_agent=valid_user_agent(settings.get("SEC_USER_AGENT")),
            base_urls=(settings.get("EDGAR_DATA_URL") or "", settings.get("EDGAR_ARCHIVES_URL") or ""),
            rate=settings.getfloat("SEC_MAX_REQUESTS_PER_SECOND", 8.0),
            pause=settings.getfloat("SEC_RATE_LIMIT_PAUSE", 600.0),
            slot=settings.get("SEC_DOWNLOAD_SLOT") or "sec.gov",
            pace_path=settings.get("SEC_PACE_FILE"),
            redis_url=settings.get("REDIS_URL"),
        )

    def is_sec(self, url: str) -> bool:
        """True for a URL under a configured EDGAR base or on a real sec.gov host."""
        return url.startswith(self.base_urls) or is_sec_host(urlsplit(url).hostname)

    # --- requests ---------------------------------------------------------------------------
    async def process_request(self, request: Request) -> None:
        if not self.is_sec(request.url):
            return None
        if self.user_agent:
            request.headers["User-Agent"] = self.user_agent
        request.meta["download_slot"] = self.slot
        request.meta["autothrottle_dont_adjust_delay"] = True  # the pacing below is the SEC's pacing
        await self._wait_for_turn()
        if self._refused:  # checked after the wait: the refusal may have come in meanwhile
            raise IgnoreRequest("not sent: SEC refused SEC_USER_AGENT earlier in this crawl "
                                "(undeclared automated tool); fix SEC_USER_AGENT and re-run")
        self.crawler.stats.inc_value("sec/requests")
        return None

    async def _wait_for_turn(self) -> None:
        """Sleep (reactor-friendly) until this request's send slot; again if a pause began meanwhile."""
        while True:
            turn, _ = self.pace.take_turn(self.interval)
            now = time()
            if turn > now:
                await _sleep(turn - now)
            if time() >= self.pace.paused_until():
                return

    # --- responses --------------------------------------------------------------------------
    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status != 403 or not self.is_sec(request.url):
            return response
        kind = classify_sec_403(response.body)
        if kind == "rate":
            return self._rate_limited(request, response)
        if kind == "undeclared":
            return self._undeclared(request, response)
        if kind == "access_denied":
            self.crawler.stats.inc_value("sec/not_found")
            request.meta["sec_not_found"] = True
            request.meta["chipwatch_reason"] = NOT_FOUND_REASON
            return response.replace(status=404)
        return response

    def _rate_limited(self, request: Request, response: Response) -> Request | Response:
        self.pace.pause(time() + self.pause)
        self.crawler.stats.inc_value("sec/rate_limit_pages")
        if request.meta.get("sec_rate_retried"):
            logger.error("SEC rate limit page again for %s after pausing; giving up on it", request.url)
            request.meta["chipwatch_reason"] = (f"SEC 'Request Rate Threshold Exceeded' page again after a "
                                                f"{self.pause:g} s pause and one retry")
            return response
        logger.warning("SEC 'Request Rate Threshold Exceeded' for %s: pausing all SEC requests for %g s, "
                       "then retrying it once", request.url, self.pause)
        retry = request.replace(dont_filter=True)
        retry.meta["sec_rate_retried"] = True
        return retry

    def _undeclared(self, request: Request, response: Response) -> Response:
        self._refused = True
        self.crawler.stats.inc_value("sec/undeclared_pages")
        message = (f"SEC refused the request as an undeclared automated tool: SEC_USER_AGENT "
                   f"{self.user_agent!r} is wrong; set it to 'Name email@example.org'")
        logger.error("%s (%s)", message, request.url)
        request.meta["chipwatch_reason"] = message
        return response


async def _sleep(seconds: float) -> None:
    """Wait without blocking the reactor (works with the asyncio and the default Twisted reactor)."""
    from twisted.internet import reactor

    await maybe_deferred_to_future(deferLater(reactor, seconds))
