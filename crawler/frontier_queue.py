"""A shared crawl frontier that loses nothing when a worker dies: scrapy-redis's priority queue plus leases.

Popping a request moves it, in one Lua script, from the shared queue to this worker's "in flight" sorted set
(``<queue key>:inflight:<worker id>``, same member bytes and score). It leaves that set only once Scrapy is
done with it: the engine keeps a request in its slot's ``inprogress`` until the download, the callback's
whole output (follow-up requests scheduled, items through the pipelines, so pushed by RedisPipeline) or the
errback are finished, so a request that is no longer there is done. Each worker keeps a heartbeat key with
a TTL (``FRONTIER_HEARTBEAT_SECONDS``); any worker, on start and while idle, moves the in-flight requests of
workers whose heartbeat expired back to the queue (one Lua script, so two workers cannot both do it),
straight into the queue: the dupefilter, which saw them already, is not asked again.

The scripts touch keys they compute from their arguments, which a single Redis server allows (not a cluster).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.queue import PriorityQueue
from twisted.internet import task

# KEYS: queue, in-flight set, workers set, heartbeat. ARGV: worker id, heartbeat TTL in ms, then members
# finished since the last call. The heartbeat is refreshed with the lease, so no lease is taken unannounced.
POP_SCRIPT = """
for i = 3, #ARGV do redis.call('ZREM', KEYS[2], ARGV[i]) end
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #head == 0 then return false end
redis.call('ZREM', KEYS[1], head[1])
redis.call('ZADD', KEYS[2], head[2], head[1])
redis.call('SET', KEYS[4], '1', 'PX', ARGV[2])
redis.call('SADD', KEYS[3], ARGV[1])
return head[1]
"""

# KEYS: queue, workers set. ARGV: heartbeat key prefix, in-flight key prefix. Returns the requests moved back.
REQUEUE_DEAD_SCRIPT = """
local moved = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('EXISTS', ARGV[1] .. worker) == 0 then
    local inflight = ARGV[2] .. worker
    local count = redis.call('ZCARD', inflight)
    if count > 0 then
      redis.call('ZUNIONSTORE', KEYS[1], 2, KEYS[1], inflight, 'AGGREGATE', 'MIN')
      redis.call('DEL', inflight)
      moved = moved + count
    end
    redis.call('SREM', KEYS[2], worker)
  end
end
return moved
"""

# KEYS: queue, in-flight set. ARGV: member. A held request given back (SIGTERM): its original bytes return.
RELEASE_SCRIPT = """
local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not score then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], score, ARGV[1])
return 1
"""

logger = logging.getLogger(__name__)
PROCESS_WORKER_ID = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def worker_id(crawler: Crawler) -> str:
    """This process's name in the frontier: ``FRONTIER_WORKER_ID``, else host, pid and a random suffix."""
    return crawler.settings.get("FRONTIER_WORKER_ID") or PROCESS_WORKER_ID


class ReliablePriorityQueue(PriorityQueue):
    """scrapy-redis's PriorityQueue whose pops are leases, returned to the queue if this worker dies."""

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.worker = worker_id(spider.crawler)
        self.inflight_prefix = f"{self.key}:inflight:"
        self.inflight_key = self.inflight_prefix + self.worker
        self.heartbeat_prefix = f"{self.key}:heartbeat:"  # per spider: one spider of a process may close first
        self.heartbeat_key = self.heartbeat_prefix + self.worker
        self.heartbeat_ms = int(spider.crawler.settings.getfloat("FRONTIER_HEARTBEAT_SECONDS") * 1000)
        self.workers_key = f"{self.key}:workers"
        self.held: dict[bytes, Request] = {}  # member bytes -> the request the engine is working on
        self._pop = server.register_script(POP_SCRIPT)
        self._requeue_dead = server.register_script(REQUEUE_DEAD_SCRIPT)
        self._release = server.register_script(RELEASE_SCRIPT)

    def pop(self, timeout: int = 0) -> Request | None:
        data = self._pop(keys=[self.key, self.inflight_key, self.workers_key, self.heartbeat_key],
                         args=[self.worker, self.heartbeat_ms, *self._finished()])
        if not data:
            return None
        request = self._decode_request(data)
        self.held[data] = request
        return request

    def push(self, request: Request) -> None:
        """A request this worker holds goes back as it came (a stop); any other one is pushed as usual."""
        member = next((data for data, held in self.held.items() if held is request), None)
        if member is None:
            super().push(request)
            return
        self.acknowledge_finished()  # a stopping worker may not get to do it: finished ones must not come back
        self._release(keys=[self.key, self.inflight_key], args=[member])
        del self.held[member]

    def acknowledge_finished(self) -> int:
        """Drop from the in-flight set the requests Scrapy is done with; return how many."""
        finished = self._finished()
        if finished:
            self.server.zrem(self.inflight_key, *finished)
        return len(finished)

    def requeue_dead_workers(self) -> int:
        """Move the in-flight requests of every worker whose heartbeat expired back to the queue."""
        moved = int(self._requeue_dead(keys=[self.key, self.workers_key],
                                       args=[self.heartbeat_prefix, self.inflight_prefix]))
        if moved:
            logger.warning("%s: %d requests of workers whose heartbeat expired put back on the queue",
                           self.spider.name, moved)
        return moved

    def others_in_flight(self) -> int:
        """Requests other workers hold: they may still die, so an idle worker waits for them."""
        workers = [w.decode() for w in self.server.smembers(self.workers_key)]
        return sum(self.server.zcard(self.inflight_prefix + w) for w in workers if w != self.worker)

    def _finished(self) -> list[bytes]:
        """Members whose request left the engine (downloaded, parsed, its items and requests passed on)."""
        slot = getattr(self.spider.crawler.engine, "_slot", None)
        in_progress = slot.inprogress if slot is not None else set()
        finished = [data for data, request in self.held.items() if request not in in_progress]
        for data in finished:
            del self.held[data]
        return finished


class FrontierHeartbeatMiddleware:
    """Keep this worker's heartbeat, acknowledge finished requests, requeue dead workers' ones (worker mode).

    Needs ``SCHEDULER_QUEUE_CLASS`` to be a ReliablePriorityQueue. ``FRONTIER_HEARTBEAT_SECONDS`` is how long
    a silent worker counts as alive; the key is refreshed four times in that span. A spider middleware only
    so it is switched on with the worker's other one (chipwatch.crawl.WORKER_SETTINGS); it works through
    signals and touches no request.
    """

    ACK_INTERVAL = 0.02  # seconds: a finished request stays leased at most this long (a duplicate if killed)

    def __init__(self, crawler: Crawler, ttl: float):
        self.crawler = crawler
        self.ttl = ttl
        self.loops: list[task.LoopingCall] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierHeartbeatMiddleware:
        ttl = crawler.settings.getfloat("FRONTIER_HEARTBEAT_SECONDS")
        if not ttl > 0:  # not NotConfigured: without heartbeats, live workers' requests would be requeued
            raise ValueError(f"FRONTIER_HEARTBEAT_SECONDS must be above 0, got {ttl!r}")
        middleware = cls(crawler, ttl)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    @property
    def queue(self) -> ReliablePriorityQueue:
        queue = self.crawler.engine._slot.scheduler.queue
        if not isinstance(queue, ReliablePriorityQueue):
            raise TypeError(f"FrontierHeartbeatMiddleware needs SCHEDULER_QUEUE_CLASS=ReliablePriorityQueue, not {type(queue)}")
        return queue

    def spider_opened(self, spider) -> None:
        self.beat()
        self.queue.requeue_dead_workers()
        for call, interval in ((self.beat, self.ttl / 4), (self.acknowledge, self.ACK_INTERVAL)):
            loop = task.LoopingCall(call)
            loop.start(interval, now=False).addErrback(
                lambda failure, name=call.__name__: logger.error("frontier %s stopped: %s", name, failure.value))
            self.loops.append(loop)

    def beat(self) -> None:
        queue = self.queue
        queue.server.set(queue.heartbeat_key, "1", px=queue.heartbeat_ms)

    def acknowledge(self) -> None:
        self.queue.acknowledge_finished()

    def spider_idle(self, spider) -> None:
        """Requeue dead workers' requests, and stay open while another worker may still die holding some."""
        queue = self.queue
        queue.acknowledge_finished()
        if queue.requeue_dead_workers() or queue.others_in_flight():
            raise DontCloseSpider

    def spider_closed(self, spider, reason: str) -> None:
        for loop in self.loops:
            if loop.running:
                loop.stop()
        queue = self.queue
        queue.acknowledge_finished()
        if not queue.server.zcard(queue.inflight_key):  # else stay listed: once the heartbeat expires, requeued
            queue.server.srem(queue.workers_key, queue.worker)
            queue.server.delete(queue.heartbeat_key)
