"""Per-host concurrency as one budget for every worker of a shared crawl frontier, kept in Redis.

Scrapy's ``CONCURRENT_REQUESTS_PER_DOMAIN`` holds per process: N workers would send N times as many
requests at once to one host. Here each host (Scrapy's download slot key: the host name, or a
``meta["download_slot"]`` a spider set) has a sorted set in Redis, ``chipwatch:slots:<host>``, of the
leases on it, scored by when each lease expires. A request takes a lease before it is sent (one Lua
script: drop expired leases, then add ours if fewer than the limit are held) and gives it back with its
response or exception, before retries and redirects, which take a new one. The wait happens after
robots.txt and before the SEC pace (see DOWNLOADER_MIDDLEWARES), and the request meanwhile counts
against this worker's ``CONCURRENT_REQUESTS``. The worker renews its leases while it holds
them, so a lease outlives a slow download; a killed worker renews nothing, and its leases expire after
``GLOBAL_CONCURRENCY_LEASE_SECONDS``: no host stays blocked by a dead worker. Times are the Redis
server's, so workers on machines whose clocks disagree share one view of expiry.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy_redis import connection
from twisted.internet import task

from crawler.frontier_queue import worker_id
from crawler.middlewares.sec import _sleep

# KEYS: the slot's lease set. ARGV: lease id, limit, lease time in ms. 1 when the lease was taken, else 0.
ACQUIRE_SCRIPT = """
local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
"""

# KEYS: one slot's lease set. ARGV: lease time in ms, then this worker's lease ids on it. Only leases still
# held are renewed (XX): one that expired may have been given to another request since.
RENEW_SCRIPT = """
local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return #ARGV - 1
"""

LEASE_META = "chipwatch_host_lease"  # (slot key, lease id) of the lease a request holds
logger = logging.getLogger(__name__)


class GlobalHostConcurrencyMiddleware:
    """Downloader middleware: at most ``GLOBAL_CONCURRENT_REQUESTS_PER_DOMAIN`` requests per download slot
    in flight across all workers sharing ``REDIS_URL`` (default: ``CONCURRENT_REQUESTS_PER_DOMAIN``).

    Off (NotConfigured) without ``REDIS_URL``: one process's own per-domain limit is then the whole story.
    """

    POLL_SECONDS = 0.05  # how often a request waiting for a full host asks again

    def __init__(self, crawler: Crawler, server, *, limit: int, lease_seconds: float, key_pattern: str):
        if limit < 1:  # not NotConfigured: a bad value must not switch the host's protection off
            raise ValueError(f"GLOBAL_CONCURRENT_REQUESTS_PER_DOMAIN must be at least 1, got {limit!r}")
        if not lease_seconds > 0:
            raise ValueError(f"GLOBAL_CONCURRENCY_LEASE_SECONDS must be above 0, got {lease_seconds!r}")
        self.crawler = crawler
        self.server = server
        self.limit = limit
        self.lease_ms = int(lease_seconds * 1000)
        self.key_pattern = key_pattern
        self.prefix = f"{worker_id(crawler)}:"
        self.held: dict[str, set[str]] = defaultdict(set)  # lease set key -> this worker's lease ids on it
        self._acquire = server.register_script(ACQUIRE_SCRIPT)
        self._renew = server.register_script(RENEW_SCRIPT)
        self._renewal = task.LoopingCall(self.renew)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GlobalHostConcurrencyMiddleware:
        settings = crawler.settings
        if not settings.get("REDIS_URL"):  # one process's own per-domain limit is then the whole story
            raise NotConfigured  # without a message: Scrapy would print one on every crawl
        limit = settings.get("GLOBAL_CONCURRENT_REQUESTS_PER_DOMAIN")
        middleware = cls(crawler, connection.from_settings(settings),
                         limit=settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") if limit is None else int(limit),
                         lease_seconds=settings.getfloat("GLOBAL_CONCURRENCY_LEASE_SECONDS"),
                         key_pattern=settings.get("GLOBAL_CONCURRENCY_KEY"))
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider) -> None:
        self._renewal.start(self.lease_ms / 4000, now=False).addErrback(
            lambda failure: logger.error("host lease renewal stopped: %s", failure.value))

    async def process_request(self, request: Request) -> None:
        key = self.key_pattern % {"slot": self.crawler.engine.downloader.get_slot_key(request)}
        lease = f"{self.prefix}{uuid.uuid4().hex}"
        self.held[key].add(lease)  # renewed from the start: a lease must not expire while its request is sent
        try:
            while not self._acquire(keys=[key], args=[lease, self.limit, self.lease_ms]):
                await _sleep(self.POLL_SECONDS)
        except BaseException:  # cancelled while waiting (the crawl stopped): nothing to give back
            self.held[key].discard(lease)
            raise
        request.meta[LEASE_META] = (key, lease)
        self.crawler.stats.inc_value("chipwatch/host_leases")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        self.release(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self.release(request)
        return None

    def release(self, request: Request) -> None:
        """Give back the lease ``request`` holds, if any (a retry or redirect takes a new one)."""
        key, lease = request.meta.pop(LEASE_META, (None, None))
        if key is None:
            return
        self.held[key].discard(lease)
        self.server.zrem(key, lease)

    def renew(self) -> None:
        for key, leases in list(self.held.items()):
            if leases:
                self._renew(keys=[key], args=[self.lease_ms, *leases])
            else:
                del self.held[key]

    def spider_closed(self, spider, reason: str) -> None:
        if self._renewal.running:
            self._renewal.stop()
        for key, leases in self.held.items():  # downloads cut off by the close: their hosts are free again
            if leases:
                self.server.zrem(key, *leases)
        self.held.clear()
