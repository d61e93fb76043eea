"""Scrapy settings for chipwatch: politeness, limits and components, all in one place.

Values come from ``chipwatch.config`` (the environment) so tests and the demo
can point the same spiders at a local server. Override any of them on the
command line with ``scrapy crawl NAME -s SETTING=value``.
"""

from __future__ import annotations

from chipwatch import __version__
from chipwatch.config import load_settings

_config = load_settings()

BOT_NAME = "chipwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- chipwatch's own settings -------------------------------------------------------------
CHIPWATCH_DB = str(_config.db_path)
CHIPWATCH_SOURCES = str(_config.sources_path)
CHIPWATCH_RUN_ID = None  # set by `chipwatch crawl` so errors and documents name their run
CHIPWATCH_DEMO = False
CHIPWATCH_SINCE = _config.since.isoformat()
# MLPerf Inference summary.csv files to load, one URL per round (the results repositories' raw files):
# the CHIPWATCH_MLPERF_ROUNDS environment variable (comma list), or the spider argument `-a rounds=url,url`.
CHIPWATCH_MLPERF_ROUNDS: list[str] = list(_config.mlperf_rounds)
EDGAR_DATA_URL = _config.edgar_data_url
EDGAR_ARCHIVES_URL = _config.edgar_archives_url
SEC_USER_AGENT = _config.sec_user_agent
# SEC allows 10 requests/s per user across all machines; stay well under it.
SEC_MAX_REQUESTS_PER_SECOND = _config.sec_rate  # validated: never 0 or below
# On SEC's "Request Rate Threshold Exceeded" page, pause all SEC traffic this long (seconds).
SEC_RATE_LIMIT_PAUSE = _config.sec_pause
# The file through which every chipwatch process on this machine shares SEC pacing (None: per-user temp file).
SEC_PACE_FILE = str(_config.sec_pace_file) if _config.sec_pace_file else None
# SecEtiquetteMiddleware paces SEC requests itself, then queues them in this one downloader slot for
# all SEC hosts; the slot adds no delay or jitter of its own, so the middleware's spacing is what the SEC sees.
SEC_DOWNLOAD_SLOT = "sec.gov"
DOWNLOAD_SLOTS = {SEC_DOWNLOAD_SLOT: {"concurrency": 8, "delay": 0, "jitter": 0}}

# --- a crawl frontier shared through Redis (issue 13) ---------------------------------------
# `chipwatch crawl --worker` switches on scrapy-redis's scheduler, dupefilter and RedisPipeline
# (chipwatch.crawl.WORKER_SETTINGS) with these; `chipwatch store` drains REDIS_ITEMS_KEY into SQLite.
# With CHIPWATCH_REDIS_URL set, the SEC pace is kept in Redis too, so every worker shares one budget.
REDIS_URL = _config.redis_url
SCHEDULER_QUEUE_KEY = "chipwatch:%(spider)s:requests"
SCHEDULER_DUPEFILTER_KEY = "chipwatch:%(spider)s:dupefilter"
SCHEDULER_PERSIST = True  # the first worker to finish must not flush the queue the others still work on
REDIS_ITEMS_KEY = "chipwatch:items"
REDIS_ITEMS_SERIALIZER = "crawler.pipelines.serialize_item"
# A popped request is leased to its worker until done; a worker silent this long counts as dead and its
# leased requests go back on the queue (crawler/frontier_queue.py), so even SIGKILL loses nothing.
SCHEDULER_QUEUE_CLASS = "crawler.frontier_queue.ReliablePriorityQueue"
FRONTIER_HEARTBEAT_SECONDS = 20
# The spiders' start requests, as JSON, pushed once per round by the first worker and taken one at a time
# by whichever worker has room (crawler/middlewares/start_urls.py); scrapy-redis's setting name.
REDIS_START_URLS_KEY = "chipwatch:%(name)s:start_urls"
START_URLS_POLL_SECONDS = 0.1
# Per-host concurrency for all workers together (crawler/middlewares/host_slots.py; on whenever REDIS_URL is
# set): a lease per request in flight, per download slot; a dead worker's leases expire after this long.
GLOBAL_CONCURRENT_REQUESTS_PER_DOMAIN = None  # None: CONCURRENT_REQUESTS_PER_DOMAIN, now for every worker at once
GLOBAL_CONCURRENCY_LEASE_SECONDS = 20
GLOBAL_CONCURRENCY_KEY = "chipwatch:slots:%(slot)s"

# --- politeness ---------------------------------------------------------------------------
CONTACT = _config.contact or (
    _config.sec_user_agent.split()[-1] if _config.sec_user_agent else "https://github.com/chipwatch/chipwatch"
)
USER_AGENT = f"chipwatch/{__version__} (+{CONTACT})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# --- limits and failures ------------------------------------------------------------------
DOWNLOAD_TIMEOUT = _config.timeout
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # a press release is < 2 MB; a 10-K under 16 MB
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Honour Retry-After on 429/503 up to this many seconds; a longer wait fails the request now.
RETRY_AFTER_MAX = _config.retry_after_max
REDIRECT_MAX_TIMES = 5
HTTPERROR_ALLOWED_CODES: list[int] = []
DNS_TIMEOUT = 15
COMPRESSION_ENABLED = True
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5",
    "Accept-Language": "en",
    "Accept-Encoding": "gzip, deflate",
}

# --- HTTP cache: off --------------------------------------------------------------------
# A re-run knows what it need not fetch from the database (seen URLs, accessions, ETags), so the cache
# would only grow. Switched on (-s HTTPCACHE_ENABLED=1, e.g. while writing a parser) it is bounded:
# entries expire after a day, and after each crawl the oldest are removed until the cache holds at most
# CHIPWATCH_HTTPCACHE_MAX_MB; a full disk stops caching (and fails the run with an Error: line).
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"  # under the project's .scrapy/
HTTPCACHE_EXPIRATION_SECS = 24 * 3600
HTTPCACHE_STORAGE = "crawler.httpcache.BoundedCacheStorage"
CHIPWATCH_HTTPCACHE_MAX_MB = _config.httpcache_max_mb

# --- components ---------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES: dict[str, int] = {
    "crawler.middlewares.retry_after.RetryAfterMiddleware": 560,  # sees 429/503 before RetryMiddleware (550)
    # A lease on the host, for all workers, after robots.txt (100: its own request takes one) and before the
    # SEC pace (585), so an SEC turn is never spent waiting for a lease, which would bunch SEC requests up
    "crawler.middlewares.host_slots.GlobalHostConcurrencyMiddleware": 580,
    "crawler.middlewares.sec.SecEtiquetteMiddleware": 585,  # after decompression (590), before retries
}
ITEM_PIPELINES = {
    "crawler.pipelines.SQLitePipeline": 300,
}
EXTENSIONS = {
    "crawler.extensions.OneLineRobotsErrors": 100,
    "crawler.extensions.ProgressLines": 500,
}
# ProgressLines: one console line per spider as it finishes (`chipwatch crawl --worker` turns it off)
CHIPWATCH_PROGRESS = True

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
# Scrapy's own INFO lines are noise on a console and in cron mail; `chipwatch -v` (or CHIPWATCH_LOG_LEVEL) asks
LOG_LEVEL = _config.log_level or "WARNING"
TELNETCONSOLE_ENABLED = False
STATS_DUMP = False  # `chipwatch crawl` prints its own per-spider summary and stores the stats in `runs`
