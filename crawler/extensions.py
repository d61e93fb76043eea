"""Scrapy extensions for chipwatch."""

from __future__ import annotations

import logging

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
