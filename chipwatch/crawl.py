"""Run the spiders in one Scrapy process and turn their stats into a run record and an exit code.

Scrapy exits 0 even when a spider failed; here a run whose sources recorded
fetch errors, or whose spider closed abnormally, is ``failed`` (exit 1), while
the documents it did get are kept.
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
from dataclasses import dataclass, field

import click
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from chipwatch.bounds import STOPPED, TIMED_OUT, Bounds, unbounded
from chipwatch.config import Settings
from chipwatch.registry import Registry
from crawler.httpcache import HTTPCACHE_FULL_STAT, cache_dir, prune_http_cache
from crawler.pipelines import DISK_FULL_STAT
from data import store
from data.db import DiskFull, is_disk_full, open_db
from data.runs import finish_run, record_failure, start_run
from data.stories import group_stories

ALL_SPIDERS = ("edgar", "feeds", "sitemaps", "listings", "wires", "mlperf")
# After SIGTERM (or the run's deadline) spiders get this long to close before the reactor is stopped;
# whatever was in flight is fetched again next run, since only stored items count as seen.
STOP_GRACE_SECONDS = 3.0


@dataclass
class CrawlReport:
    run_id: int
    stats: dict[str, dict] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    bounded: str | None = None  # "stopped" or "timed out" when the run did not get to finish
    disk_full: dict | None = None  # {"path", "error"}: where a write found no room, and what was said
    progress_shown: bool = False  # each spider printed its own line as it finished (crawler.extensions)

    @property
    def failed(self) -> bool:
        return bool(self.errors) or self.bounded is not None or any(
            s.get("finish_reason") not in (None, "finished") for s in self.stats.values())

    @property
    def status(self) -> str:
        return self.bounded or ("failed" if self.failed else "ok")


def scrapy_settings(settings: Settings, run_id: int, *, demo: bool, overrides: dict | None = None):
    project = get_project_settings()
    project.setdict({
        "CHIPWATCH_DB": str(settings.db_path), "CHIPWATCH_SOURCES": str(settings.sources_path),
        "CHIPWATCH_RUN_ID": run_id, "CHIPWATCH_DEMO": demo, "CHIPWATCH_SINCE": settings.since.isoformat(),
        "EDGAR_DATA_URL": settings.edgar_data_url, "EDGAR_ARCHIVES_URL": settings.edgar_archives_url,
        "SEC_USER_AGENT": settings.sec_user_agent, "LOG_LEVEL": settings.log_level or "WARNING",
    }, priority="cmdline")
    for name, value in (overrides or {}).items():
        project.set(name, value, priority="cmdline")
    return project


SEC_MIDDLEWARE = "crawler.middlewares.sec.SecEtiquetteMiddleware"

# `chipwatch crawl --worker`: scrapy-redis's scheduler queue and dupefilter (keys and persistence in
# crawler/settings.py) instead of Scrapy's in-memory ones, and items to its Redis queue for `chipwatch store`.
WORKER_SETTINGS = {
    "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    "ITEM_PIPELINES": {"scrapy_redis.pipelines.RedisPipeline": 300},
    # start requests from Redis (nearest the spider, so they pass every other middleware as the spider's own
    # would); the dupefilter sees every request; heartbeat, acknowledgements, dead workers' requests requeued
    "SPIDER_MIDDLEWARES": {"crawler.middlewares.start_urls.RedisStartUrlsMiddleware": 975,
                           "crawler.middlewares.frontier.SharedFrontierMiddleware": 950,
                           "crawler.frontier_queue.FrontierHeartbeatMiddleware": 10},
    "CHIPWATCH_PROGRESS": False,  # a worker stores nothing, so it prints its own lines (requests, items queued)
}


def check_sec_safeguards(project) -> None:
    """Refuse (ConfigError) to crawl EDGAR with the SEC etiquette middleware off or a rate that is not > 0."""
    from chipwatch.config import ConfigError

    if project.getwithbase("DOWNLOADER_MIDDLEWARES").get(SEC_MIDDLEWARE) is None:
        raise ConfigError(f"{SEC_MIDDLEWARE} is switched off; EDGAR is never crawled without it")
    try:
        rate = project.getfloat("SEC_MAX_REQUESTS_PER_SECOND")
    except ValueError:
        rate = float("nan")
    if not 0 < rate <= 10:  # the SEC's own ceiling is 10 requests/s
        raise ConfigError(f"SEC_MAX_REQUESTS_PER_SECOND={project.get('SEC_MAX_REQUESTS_PER_SECOND')!r} must be "
                          "above 0 and at most 10 (the SEC allows 10 requests/s)")


def run_crawl(settings: Settings, registry: Registry, *, spiders: tuple[str, ...] = ALL_SPIDERS,
              vendor: str | None = None, demo: bool = False, overrides: dict | None = None,
              bounds: Bounds | None = None) -> CrawlReport:
    """Crawl with the chosen spiders; record the run; return what happened.

    Each spider gets ``settings.source_budget_seconds`` (Scrapy's CLOSESPIDER_TIMEOUT), never more than
    what is left of the run's ``bounds``; a signal stops the crawl within STOP_GRACE_SECONDS.
    """
    bounds = bounds or unbounded()
    if "edgar" in spiders and settings.sec_user_agent:
        check_sec_safeguards(scrapy_settings(settings, 0, demo=demo, overrides=overrides))
    db = open_db(settings.db_path)
    store.upsert_vendors(db, registry.vendors, demo=demo)
    store.upsert_sources(db, registry)
    run_id = start_run(db, "crawl", demo=demo)
    report = CrawlReport(run_id)
    project = scrapy_settings(settings, run_id, demo=demo, overrides=overrides)
    report.progress_shown = project.getbool("CHIPWATCH_PROGRESS")
    budget = min(settings.source_budget_seconds, bounds.remaining())
    if math.isfinite(budget) and "CLOSESPIDER_TIMEOUT" not in (overrides or {}):
        project.set("CLOSESPIDER_TIMEOUT", max(1, math.ceil(budget)), priority="cmdline")
    process = CrawlerProcess(project)
    crawlers = _add_spiders(process, settings, report, spiders, vendor)
    if crawlers and not bounds.status:
        _start_bounded(process, bounds)
    _collect_stats(report, crawlers)
    bound_http_cache(project)
    try:
        group_stories(db)
        report.errors = [dict(r) for r in db.query(
            "select source, url, status, reason from fetch_errors where run = ? order by id", [run_id])]
    except sqlite3.Error as exc:
        if not is_disk_full(exc):
            raise
        report.disk_full = {"path": str(settings.db_path), "error": str(exc)}
    report.disk_full = report.disk_full or _disk_full_reason(report)
    if report.disk_full:
        _stop_on_full_disk(db, settings, report)
    if bounds.status == STOPPED:
        report.bounded = STOPPED
    elif bounds.status == TIMED_OUT or any(s.get("finish_reason") == "closespider_timeout"
                                           for s in report.stats.values()):
        report.bounded = TIMED_OUT
    finish_run(db, run_id, status=report.status,
               stats={"spiders": report.stats, "skipped": report.skipped}, errors=len(report.errors),
               message=_summary_line(report))
    db.close()
    return report


def bound_http_cache(project) -> None:
    """After a crawl with HTTPCACHE_ENABLED: prune the cache to CHIPWATCH_HTTPCACHE_MAX_MB, oldest entries first."""
    if not project.getbool("HTTPCACHE_ENABLED"):
        return
    max_mb = project.getfloat("CHIPWATCH_HTTPCACHE_MAX_MB")
    removed, left = prune_http_cache(cache_dir(project), max_mb * 1024 * 1024)
    if removed:
        click.echo(f"  HTTP cache {cache_dir(project)}: {removed} oldest responses removed, "
                   f"{left / 1024 / 1024:.1f} MB kept (CHIPWATCH_HTTPCACHE_MAX_MB={max_mb:g})", err=True)


def _disk_full_reason(report: CrawlReport) -> dict | None:
    """What a spider's pipeline (SQLITE_FULL) or HTTP cache (ENOSPC) said when it found no room, if anything did."""
    for stats in report.stats.values():
        for key in (DISK_FULL_STAT, HTTPCACHE_FULL_STAT):
            if stats.get(key):
                return stats[key]
    return None


def _stop_on_full_disk(db, settings: Settings, report: CrawlReport) -> None:
    """Record the run failed (if the database still takes that) and raise DiskFull naming the full path."""
    path, error = report.disk_full["path"], report.disk_full["error"]
    record_failure(db, report.run_id, f"disk full: {path}: {error}",
                   stats={"spiders": report.stats, "skipped": report.skipped})
    db.close()
    raise DiskFull(path, error, database=path == str(settings.db_path))


def _add_spiders(process: CrawlerProcess, settings: Settings, report: CrawlReport, spiders: tuple[str, ...],
                 vendor: str | None) -> dict:
    """Schedule each spider that can run; note in ``report.skipped`` why any other does not."""
    crawlers = {}
    for name in spiders:
        if name == "edgar" and not settings.sec_user_agent:
            report.skipped[name] = ("SEC_USER_AGENT is not set; EDGAR asks every client to declare "
                                    "'Name email' (e.g. SEC_USER_AGENT='Jane Doe jane@example.org')")
            continue
        if name == "mlperf" and not settings.mlperf_rounds:
            if tuple(spiders) != ALL_SPIDERS:  # asked for by name: say why nothing happens
                report.skipped[name] = ("CHIPWATCH_MLPERF_ROUNDS is not set (comma list of MLPerf Inference "
                                        "summary.csv URLs)")
            continue
        crawler = process.create_crawler(name)
        crawlers[name] = crawler
        process.crawl(crawler, **({"vendor": vendor} if vendor else {}))
    return crawlers


def _collect_stats(report: CrawlReport, crawlers: dict) -> None:
    for name, crawler in crawlers.items():
        report.stats[name] = {k: v for k, v in crawler.stats.get_stats().items()
                              if k.startswith(("chipwatch/", "downloader/response_count", "item_scraped",
                                               "finish_reason", "log_count/ERROR", "retry/count"))}
        report.stats[name]["requests"] = crawler.stats.get_value("downloader/request_count", 0)


def run_worker(settings: Settings, *, spiders: tuple[str, ...] = ALL_SPIDERS, vendor: str | None = None,
               demo: bool = False, overrides: dict | None = None, bounds: Bounds | None = None) -> CrawlReport:
    """Crawl as one worker of the frontier shared in ``settings.redis_url``; items go to Redis, not SQLite.

    The database is only read (the seen-state); ``chipwatch store`` writes what the workers found.
    A stop request puts this worker's requests in flight back on the shared queue.
    """
    from chipwatch.config import ConfigError

    if not settings.redis_url:
        raise ConfigError("crawl --worker needs CHIPWATCH_REDIS_URL (the Redis server the workers share), "
                          "e.g. CHIPWATCH_REDIS_URL=redis://127.0.0.1:6379/0")
    _check_redis(settings.redis_url)
    _quiet_scrapy_redis_deprecations()
    bounds = bounds or unbounded()
    project = scrapy_settings(settings, 0, demo=demo, overrides={**WORKER_SETTINGS, **(overrides or {})})
    project.set("CHIPWATCH_RUN_ID", None, priority="cmdline")
    if "edgar" in spiders and settings.sec_user_agent:
        check_sec_safeguards(project)
    _ensure_database(settings)
    report = CrawlReport(0)
    process = CrawlerProcess(project)
    crawlers = _add_spiders(process, settings, report, spiders, vendor)
    if crawlers and not bounds.status:
        _start_bounded(process, bounds, on_stop=lambda: _requeue_in_flight(crawlers.values()))
    _collect_stats(report, crawlers)
    bound_http_cache(project)
    if bounds.status is not None:
        report.bounded = bounds.status
    return report


def _quiet_scrapy_redis_deprecations() -> None:
    """scrapy-redis 0.9.1 predates Scrapy 2.13's spider-less APIs: it works, but warns on every worker's console."""
    import warnings

    from scrapy.exceptions import ScrapyDeprecationWarning

    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning,
                            message=r".*(RedisPipeline\.process_item|'spider' argument to StatsCollector)")


def _ensure_database(settings: Settings) -> None:
    """Create the database (schema only) if it is new, under the writer lock: workers start side by side."""
    if settings.db_path.exists():
        return
    from chipwatch.schedule import writer_lock

    with writer_lock(settings.db_path, wait=max(settings.lock_wait, 60.0), command="crawl --worker"):
        open_db(settings.db_path).close()


def _check_redis(url: str) -> None:
    import redis

    from chipwatch.config import ConfigError

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except redis.RedisError as exc:
        raise ConfigError(f"cannot reach Redis at CHIPWATCH_REDIS_URL={url}: {exc}") from exc


def _requeue_in_flight(crawlers) -> int:
    """Push every request this worker took from the shared queue and has not finished back onto it."""
    count = 0
    for crawler in crawlers:
        slot = getattr(crawler.engine, "_slot", None) if crawler.engine else None
        if slot is None:
            continue
        for request in list(slot.inprogress):
            slot.scheduler.queue.push(request)
            count += 1
    click.echo(f"stopping: {count} requests in flight put back on the shared queue", err=True)
    return count


def _start_bounded(process: CrawlerProcess, bounds: Bounds, on_stop=None) -> None:
    """``process.start()`` with our own signal handling and a hard stop at the run's deadline.

    Scrapy's handler waits for every request in flight on the first SIGTERM (minutes with a slow host)
    and only the second one stops the reactor; here the first one does, after a short grace.
    """
    from scrapy.utils.ossignal import install_shutdown_handlers
    from twisted.internet import reactor  # the reactor CrawlerProcess installed

    def stop_reactor() -> None:
        # Scrapy's shutdown waits for every download in flight; abort their connections so it need not
        # (the pages are fetched again next run: nothing counts as seen before it is stored).
        from twisted.internet.tcp import Client

        for selectable in {*reactor.getReaders(), *reactor.getWriters()}:
            if isinstance(selectable, Client):
                selectable.abortConnection()
        with contextlib.suppress(RuntimeError):  # already stopping
            reactor.stop()

    def on_signal(signum, frame) -> None:
        bounds.request_stop(signum)
        if on_stop is not None:  # a worker: its work goes back to the shared queue, so stop at once
            reactor.callFromThread(on_stop)
            reactor.callFromThread(stop_reactor)
            return
        reactor.callFromThread(process.stop)
        reactor.callFromThread(reactor.callLater, STOP_GRACE_SECONDS, stop_reactor)

    reactor.addSystemEventTrigger("after", "startup", install_shutdown_handlers, on_signal)
    def deadline_passed() -> None:
        process.stop()
        reactor.callLater(STOP_GRACE_SECONDS, stop_reactor)

    if math.isfinite(bounds.remaining()):
        reactor.callLater(bounds.remaining(), deadline_passed)
    try:
        process.start(install_signal_handlers=False)
    finally:
        if bounds.handles_signals:
            bounds.install_signal_handlers()  # the stages after the crawl check the same flag


def _summary_line(report: CrawlReport) -> str:
    requests = sum(s.get("requests", 0) for s in report.stats.values())
    new = sum(s.get("chipwatch/documents_new", 0) for s in report.stats.values())
    return f"{requests} requests, {new} new or changed documents, {len(report.errors)} fetch errors"


def print_report(report: CrawlReport) -> None:
    """Per-source lines a person can act on, then one summary line."""
    for name, reason in report.skipped.items():
        click.secho(f"  {name}: skipped: {reason}", fg="yellow", err=True)
    by_source: dict[str, list[dict]] = {}
    for error in report.errors:
        by_source.setdefault(error["source"], []).append(error)
    for source, errors in sorted(by_source.items()):
        first = errors[0]
        reason = first["reason"]
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        click.secho(f"  {source}: FAILED {first['url']}: {reason}{more}", fg="red", err=True)
    for name, stats in ({} if report.progress_shown else report.stats).items():
        click.echo(f"  spider {name}: {stats.get('requests', 0)} requests, "
                   f"{stats.get('chipwatch/documents_new', 0)} new/changed documents, "
                   f"{stats.get('chipwatch/documents_unchanged', 0)} unchanged, "
                   f"{stats.get('chipwatch/filings', 0)} filings", err=True)
    status = report.bounded.upper() if report.bounded else ("FAILED" if report.failed else "ok")
    click.echo(f"crawl run {report.run_id}: {status}: {_summary_line(report)}", err=True)


def report_json(report: CrawlReport) -> str:
    return json.dumps({"run": report.run_id, "failed": report.failed, "stats": report.stats,
                       "errors": report.errors, "skipped": report.skipped}, default=str)


@dataclass
class StoreReport:
    run_id: int
    stored: int
    counts: dict[str, int]


def run_store(settings: Settings, registry: Registry, *, demo: bool = False, wait: float = 0.0,
              end_round: bool = False) -> StoreReport:
    """Drain the workers' item queue into SQLite with the crawl's own pipeline; the one writer of a shared crawl.

    ``wait``: keep draining until no item came for this many seconds (0: stop when the queue is empty).
    ``end_round``: then clear the shared frontier (queues and fingerprints), so the next round starts afresh
    from the database's seen-state; only when no worker is running.
    """
    import time

    import redis

    from chipwatch.config import ConfigError
    from crawler.pipelines import CountingStats, SQLitePipeline, store_queued_items

    if not settings.redis_url:
        raise ConfigError("store needs CHIPWATCH_REDIS_URL (the Redis server the crawl workers push items to)")
    _check_redis(settings.redis_url)
    project = get_project_settings()
    server = redis.Redis.from_url(settings.redis_url)
    db = open_db(settings.db_path)
    store.upsert_vendors(db, registry.vendors, demo=demo)
    store.upsert_sources(db, registry)
    run_id = start_run(db, "store", demo=demo)
    pipeline = SQLitePipeline(str(settings.db_path), run_id, demo)
    pipeline.stats = CountingStats()
    pipeline.open_spider()
    stored, idle_since = 0, time.monotonic()
    try:
        while True:
            count = store_queued_items(server, project.get("REDIS_ITEMS_KEY"), pipeline)
            stored += count
            if count:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= wait:
                break
            else:
                time.sleep(0.2)
    except sqlite3.Error as exc:  # the item that did not fit stays at the head of the queue
        if not is_disk_full(exc):
            raise
        record_failure(db, run_id, f"disk full: {settings.db_path}: {exc}; {stored} items stored")
        raise DiskFull(settings.db_path, str(exc)) from exc
    finally:
        pipeline.close_spider()
    if end_round:
        _clear_frontier(server, project)
    group_stories(db)
    counts = dict(pipeline.stats.counts)
    finish_run(db, run_id, status="ok", stats={"store": counts},
               errors=counts.get("chipwatch/fetch_errors", 0), message=f"{stored} items stored")
    db.close()
    return StoreReport(run_id, stored, counts)


def _clear_frontier(server, project) -> None:
    for name in ALL_SPIDERS:
        queue = project.get("SCHEDULER_QUEUE_KEY") % {"spider": name}
        start = project.get("REDIS_START_URLS_KEY") % {"name": name}
        # the queue's leases, workers and heartbeats (crawler/frontier_queue.py) are keys under it, and the
        # start list's seeded marker under the start list
        under = [*server.scan_iter(match=f"{queue}:*"), *server.scan_iter(match=f"{start}:*")]
        server.delete(queue, start, project.get("SCHEDULER_DUPEFILTER_KEY") % {"spider": name}, *under)
