"""Spider middleware of a shared crawl frontier: the spiders' start requests live in Redis, scrapy-redis's way.

Each spider's start requests (one per registry source) go, as JSON (``crawler.start_data``), to the list
``REDIS_START_URLS_KEY`` (``chipwatch:<spider>:start_urls``), once per round: the first worker to start
pushes them in one Lua script that also sets ``<key>:seeded``, so two workers starting together cannot
both seed, and the others never generate their own. Every worker then pops them one at a time (LPOP: each
goes to exactly one worker), only when it has room to send one, so a worker that joins late still finds
some. A popped start request goes into the shared scheduler queue, in the same reactor turn, and from
there it is leased like any other request. As scrapy-redis's RedisMixin does, an idle worker looks at the
list again: start data pushed by hand (``{"url": ..., "callback": "parse_feed"}``) is crawled too.
``store --end-round`` clears the list and the marker, so the next round seeds afresh from the registry.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis import connection

from crawler.frontier_queue import worker_id
from crawler.middlewares.sec import _sleep

# KEYS: start list, seeded marker. ARGV: seeding worker, then the start data. Returns how many were pushed,
# or -1 when this round was seeded already.
SEED_SCRIPT = """
if not redis.call('SET', KEYS[2], ARGV[1], 'NX') then return -1 end
for i = 2, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
return #ARGV - 1
"""

logger = logging.getLogger(__name__)


class RedisStartUrlsMiddleware:
    """Seed ``<spider>:start_urls`` once per round, then take start requests from it (worker mode only).

    ``REDIS_START_URLS_KEY`` names the list (``%(name)s``: the spider). ``START_URLS_POLL_SECONDS``: how
    often a worker with no room to send looks again before taking the next start request.
    """

    def __init__(self, crawler: Crawler, server, key_pattern: str, poll: float):
        self.crawler = crawler
        self.server = server
        self.key_pattern = key_pattern
        self.poll = poll
        self._seed = server.register_script(SEED_SCRIPT)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisStartUrlsMiddleware:
        settings = crawler.settings
        middleware = cls(crawler, connection.from_settings(settings), settings.get("REDIS_START_URLS_KEY"),
                         settings.getfloat("START_URLS_POLL_SECONDS"))
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        return middleware

    @property
    def key(self) -> str:
        return self.key_pattern % {"name": self.crawler.spider.name}

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        if not self.server.exists(f"{self.key}:seeded"):  # seeded already: the spider's own are not needed
            async for item in self.seed(start):
                yield item
        while (request := await self.take()) is not None:
            yield request

    async def seed(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Push the spider's start requests, unless another worker seeded first; yield its items if we did."""
        spider = self.crawler.spider
        requests, items = [], []
        async for entry in start:
            (requests if isinstance(entry, Request) else items).append(entry)
        pushed = int(self._seed(keys=[self.key, f"{self.key}:seeded"],
                                args=[worker_id(self.crawler), *(spider.start_data(r) for r in requests)]))
        if pushed < 0:
            return
        logger.info("%s: %d start requests pushed to %s", spider.name, pushed, self.key)
        self.crawler.stats.set_value("chipwatch/start_urls_seeded", pushed)
        for item in items:  # a registry URL that cannot be fetched is recorded once, by the seeder
            yield item

    async def take(self) -> Request | None:
        """The next start request from Redis, once this worker has room to send it; None when none is left."""
        engine = self.crawler.engine
        while engine.needs_backout():  # leave it in Redis for a worker with room
            if not engine.running or engine._slot is None or engine._slot.closing:
                return None
            await _sleep(self.poll)
        data = self.server.lpop(self.key)
        if data is None:
            return None
        self.crawler.stats.inc_value("chipwatch/start_urls_taken")
        return self.crawler.spider.make_request_from_data(data)

    def spider_idle(self, spider) -> None:
        """Start data that came after the list ran dry (pushed by hand, or requeued) is crawled too."""
        data = self.server.lpop(self.key)
        if data is None:
            return
        self.crawler.stats.inc_value("chipwatch/start_urls_taken")
        self.crawler.engine.crawl(spider.make_request_from_data(data))
        raise DontCloseSpider
