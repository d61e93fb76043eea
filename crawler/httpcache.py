"""Scrapy's HTTP cache, bounded: a storage that survives a full disk, and pruning to a size after a crawl.

The cache is off by default (``HTTPCACHE_ENABLED``): what a re-run need not fetch again is known from the
database, not from cached responses. Switched on (``chipwatch crawl -s HTTPCACHE_ENABLED=1``, handy while
writing a parser), it is kept under ``CHIPWATCH_HTTPCACHE_MAX_MB`` by :func:`prune_http_cache`, oldest
entries first, and a write that finds the disk full stops caching instead of failing the request.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.utils.project import data_path

from data.db import is_disk_full

logger = logging.getLogger(__name__)

HTTPCACHE_FULL_STAT = "chipwatch/httpcache_full"  # {"path", "error"} when a cache write found the disk full


class BoundedCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem cache storage; on ENOSPC the entry is removed, caching stops and the crawl goes on."""

    full = False

    def store_response(self, spider, request, response) -> None:
        if self.full:
            return
        try:
            super().store_response(spider, request, response)
        except OSError as exc:
            if not is_disk_full(exc):
                raise
            self.full = True
            shutil.rmtree(self._get_request_path(spider, request), ignore_errors=True)  # no half-written entry
            spider.crawler.stats.set_value(HTTPCACHE_FULL_STAT,
                                           {"path": self.cachedir, "error": exc.strerror or str(exc)})
            logger.warning("HTTP cache %s: the disk is full (%s); no more responses are cached", self.cachedir, exc)


def cache_dir(settings) -> Path:
    """Where Scrapy keeps the HTTP cache with these settings (HTTPCACHE_DIR, under the project's .scrapy/)."""
    return Path(data_path(settings.get("HTTPCACHE_DIR"), createdir=False))


def prune_http_cache(root: Path, max_bytes: float) -> tuple[int, int]:
    """Delete the oldest cache entries under ``root`` until the rest take at most ``max_bytes``.

    An entry is one request's directory (``<spider>/<fp[:2]>/<fp>``), removed whole. Returns
    ``(entries removed, bytes left)``.
    """
    entries = sorted(_entries(root), key=lambda entry: entry[0])  # oldest first
    total = sum(size for _, size, _ in entries)
    removed = 0
    for _, size, path in entries:
        if total <= max_bytes:
            break
        shutil.rmtree(path, ignore_errors=True)
        total -= size
        removed += 1
    return removed, total


def _entries(root: Path):
    """(last written, bytes, directory) of every cached response under ``root``."""
    if not root.is_dir():
        return
    for meta in root.glob("*/*/*/pickled_meta"):
        entry = meta.parent
        try:
            files = [f.stat() for f in entry.iterdir() if f.is_file()]
        except OSError:
            continue
        yield max((f.st_mtime for f in files), default=0.0), sum(f.st_size for f in files), entry
