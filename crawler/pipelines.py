"""Item pipelines: everything a spider yields reaches SQLite here, by sqlite-utils upserts."""

from __future__ import annotations

from dataclasses import asdict

from itemadapter import ItemAdapter

from crawler.items import (
    BenchmarkFileItem,
    DocumentItem,
    FetchErrorItem,
    FilingItem,
    ReportedValueItem,
    SourceSeenItem,
)
from data import store
from data.db import open_db
from evidence.benchmarks import load_summary


class SQLitePipeline:
    """Store documents, filings, XBRL values, fetch errors and source status in the database."""

    def __init__(self, db_path: str, run_id: int | None, demo: bool):
        self.db_path, self.run_id, self.demo = db_path, run_id, demo
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        run_id = settings.get("CHIPWATCH_RUN_ID")
        pipeline = cls(settings.get("CHIPWATCH_DB"), int(run_id) if run_id else None,
                       settings.getbool("CHIPWATCH_DEMO"))
        pipeline.stats = crawler.stats
        return pipeline

    def open_spider(self, spider=None):
        self.db = open_db(self.db_path)

    def close_spider(self, spider=None):
        if self.db is not None:
            self.db.close()

    def process_item(self, item, spider=None):
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
