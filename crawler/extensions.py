"""Scrapy extensions for chipwatch."""

from __future__ import annotations

import logging
import time
from collections import Counter

import click
from scrapy import signals
from scrapy.exceptions import NotConfigured

ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"


class _WithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        return True


class OneLineRobotsErrors:
    """Log an unreachable robots.txt as one line, not a traceback.

    Scrapy logs the full traceback when robots.txt cannot be fetched (no network,
    DNS failure); the page request that follows fails too and is recorded in
    ``fetch_errors`` with its reason, so the traceback only buries the summary.
    """

    _filter = _WithoutTraceback()

    def __init__(self) -> None:
        logging.getLogger(ROBOTS_LOGGER).addFilter(self._filter)

    @classmethod
    def from_crawler(cls, crawler):
        return cls()


class ProgressLines:
    """One console line (stderr) per source as it is read, and per spider as it finishes: what it stored,
    what failed, how long it took.

    ``  feeds: acme-feed read, 12 entries listed`` and then
    ``  feeds finished: 16 requests, 12 new, 3 unchanged, 1 fetch error, 3 sources read (4.2 s)``. New and
    unchanged come from SQLitePipeline's stats, the rest from the items scraped. Off with CHIPWATCH_PROGRESS=False;
    ``chipwatch scheduled --quiet`` sends it to the log file only, like the rest of the run's output.
    """

    def __init__(self, stats) -> None:
        self.stats = stats
        self.started = 0.0
        self.items: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("CHIPWATCH_PROGRESS"):
            raise NotConfigured
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        self.started = time.monotonic()

    def item_scraped(self, item, spider) -> None:
        self.items[type(item).__name__] += 1
        if type(item).__name__ == "SourceSeenItem":  # a source answered: say so as it happens
            listed = f"{item.items} entr{'y' if item.items == 1 else 'ies'} listed"
            click.echo(f"  {spider.name}: {item.source} read, {listed}", err=True)

    def spider_closed(self, spider, reason: str) -> None:
        click.echo(self.line(spider.name, reason, time.monotonic() - self.started), err=True)

    def line(self, name: str, reason: str, seconds: float) -> str:
        """The spider's line, e.g. ``  edgar finished: 9 requests, 4 new, 0 unchanged, 0 fetch errors, 2 filings (1.3 s)``."""
        value = self.stats.get_value
        parts = [_plural(value("downloader/request_count", 0), "request"), f"{value('chipwatch/documents_new', 0)} new", f"{value('chipwatch/documents_unchanged', 0)} unchanged",
                 _plural(self.items["FetchErrorItem"], "fetch error")]
        if self.items["FilingItem"]:
            parts.append(_plural(self.items["FilingItem"], "filing"))
        if self.items["SourceSeenItem"]:
            parts.append(_plural(self.items["SourceSeenItem"], "source") + " read")
        ending = "" if reason == "finished" else f"; closed early: {CLOSE_REASONS.get(reason, reason)}"
        return f"  {name} finished: {', '.join(parts)} ({seconds:.1f} s){ending}"


# Scrapy's finish reasons, in words
CLOSE_REASONS = {
    "closespider_timeout": "its time budget (CHIPWATCH_SOURCE_BUDGET_SECONDS) ran out",
    "shutdown": "the run was stopped",
    "disk_full": "the disk is full",
}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
