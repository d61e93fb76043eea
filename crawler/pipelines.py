"""Item pipelines: everything a spider yields reaches SQLite here, by sqlite-utils upserts.

A crawl worker (``chipwatch crawl --worker``) sends its items through scrapy-redis's RedisPipeline
instead, serialized by :func:`serialize_item`; ``chipwatch store`` reads them back with
:func:`deserialize_item` and stores them through the same :class:`SQLitePipeline`.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections import Counter
from dataclasses import asdict, fields

from itemadapter import ItemAdapter
from scrapy.utils.defer import deferred_from_coro

from crawler.items import (
    BenchmarkFileItem,
    DocumentItem,
    FetchErrorItem,
    FilingItem,
    ReportedValueItem,
    SourceSeenItem,
)
from data import store
from data.db import is_disk_full, open_db
from evidence.benchmarks import load_summary

ITEM_TYPES = {cls.__name__: cls for cls in (DocumentItem, FilingItem, ReportedValueItem, FetchErrorItem,
                                            SourceSeenItem, BenchmarkFileItem)}


class ItemFormatError(ValueError):
    """A queued item that is not one chipwatch's workers wrote."""


def serialize_item(item) -> str:
    """An item as JSON naming its type (bytes as base64), for the Redis item queue.

    >>> serialize_item(SourceSeenItem(source="s", url="http://x/feed", items=2))
    '{"type": "SourceSeenItem", "fields": {"source": "s", "url": "http://x/feed", "items": 2}, "bytes": []}'
    """
    values = asdict(item)
    binary = [name for name, value in values.items() if isinstance(value, bytes)]
    for name in binary:
        values[name] = base64.b64encode(values[name]).decode("ascii")
    return json.dumps({"type": type(item).__name__, "fields": values, "bytes": binary})


def deserialize_item(data: str | bytes):
    """The item :func:`serialize_item` wrote; ItemFormatError for anything else."""
    try:
        record = json.loads(data)
        cls = ITEM_TYPES[record["type"]]
        values = record["fields"]
        for name in record.get("bytes", []):
            values[name] = base64.b64decode(values[name])
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})
    except (ValueError, KeyError, TypeError) as exc:
        raise ItemFormatError(f"not a chipwatch item: {str(data)[:200]!r} ({exc})") from exc


class CountingStats:
    """The one stats call SQLitePipeline makes, counted, when no crawler is running (``chipwatch store``)."""

    def __init__(self):
        self.counts: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.counts[key] += count


DISK_FULL_STAT = "chipwatch/disk_full"  # {"path", "error"} when the database had no room left (SQLITE_FULL)
DISK_FULL_REASON = "disk_full"  # the spider's finish_reason then


class SQLitePipeline:
    """Store documents, filings, XBRL values, fetch errors and source status in the database.

    When the database has no room (SQLITE_FULL) the item's transaction is rolled back, the spider is
    closed with ``finish_reason`` ``disk_full`` and later items are not stored: what was committed stays,
    and since only stored items count as seen, the next run fetches the rest.
    """

    def __init__(self, db_path: str, run_id: int | None, demo: bool):
        self.db_path, self.run_id, self.demo = db_path, run_id, demo
        self.db = None
        self.crawler = None
        self.full: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        run_id = settings.get("CHIPWATCH_RUN_ID")
        pipeline = cls(settings.get("CHIPWATCH_DB"), int(run_id) if run_id else None,
                       settings.getbool("CHIPWATCH_DEMO"))
        pipeline.stats = crawler.stats
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        self.db = open_db(self.db_path)

    def close_spider(self, spider=None):
        if self.db is not None:
            self.db.close()

    def process_item(self, item, spider=None):
        if self.full is not None:
            return item  # not stored, so not seen: the next run fetches it again
        try:
            return self._store(item, spider)
        except sqlite3.Error as exc:
            if not is_disk_full(exc):
                raise
            self._disk_full(exc)
            return item

    def _disk_full(self, exc: sqlite3.Error) -> None:
        """Note the full database once and close the spider: every later write would fail the same way."""
        if self.crawler is None or self.crawler.engine is None:
            raise exc  # `chipwatch store`: no spider to close, so the caller stops
        self.full = str(exc)
        self.stats.set_value(DISK_FULL_STAT, {"path": str(self.db_path), "error": str(exc)})
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=DISK_FULL_REASON))

    def _store(self, item, spider=None):
        if isinstance(item, DocumentItem):
            _, changed = store.save_document(self.db, asdict(item), run_id=self.run_id, demo=self.demo)
            self.stats.inc_value("chipwatch/documents_new" if changed else "chipwatch/documents_unchanged")
        elif isinstance(item, FilingItem):
            store.save_filing(self.db, asdict(item), run_id=self.run_id)
            self.stats.inc_value("chipwatch/filings")
        elif isinstance(item, ReportedValueItem):
            count = store.save_reported_values(self.db, item.rows)
            self.stats.inc_value("chipwatch/reported_values", count)
        elif isinstance(item, FetchErrorItem):
            store.record_fetch_error(self.db, run_id=self.run_id, **asdict(item))
            self.stats.inc_value("chipwatch/fetch_errors")
            self.stats.inc_value(f"chipwatch/fetch_errors/{item.source}")
        elif isinstance(item, SourceSeenItem):
            store.record_source_seen(self.db, run_id=self.run_id, source=item.source, items=item.items)
            self.stats.inc_value("chipwatch/sources_ok")
        elif isinstance(item, BenchmarkFileItem):
            self._store_benchmark_file(item)
        else:
            spider.logger.warning("unknown item type %s: %r", type(item).__name__, ItemAdapter(item).asdict())
        return item

    def _store_benchmark_file(self, item: BenchmarkFileItem) -> None:
        """A summary.csv: its rows stored; a refused file or damaged rows recorded as a fetch error."""
        loaded = load_summary(self.db, item.url, item.body, round_name=item.round)
        self.stats.inc_value("chipwatch/benchmark_results", loaded.rows)
        if loaded.problems:
            reason = "; ".join(loaded.problems[:3]) + (f" (+{len(loaded.problems) - 3} more)"
                                                       if len(loaded.problems) > 3 else "")
            store.record_fetch_error(self.db, run_id=self.run_id, source=item.source, url=item.url,
                                     reason=reason[:500], status=200)
            self.stats.inc_value("chipwatch/fetch_errors")
        if loaded.error is None:
            store.record_source_seen(self.db, run_id=self.run_id, source=item.source, items=loaded.rows)


def store_queued_items(server, key: str, pipeline: SQLitePipeline, *, batch: int = 200) -> int:
    """Store every item queued under ``key`` through ``pipeline``; return how many.

    Items leave the queue only after they are stored (read, store, then trim), so a store that dies
    half-way stores the rest next time; the upserts make storing one twice harmless.
    """
    stored = 0
    while True:
        chunk = server.lrange(key, 0, batch - 1)
        if not chunk:
            return stored
        for data in chunk:
            pipeline.process_item(deserialize_item(data))
        server.ltrim(key, len(chunk), -1)
        stored += len(chunk)
