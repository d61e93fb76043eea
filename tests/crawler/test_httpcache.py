"""Scrapy's HTTP cache, when switched on, stays under CHIPWATCH_HTTPCACHE_MAX_MB and survives a full disk.

It is off by default (crawler/settings.py): a re-run knows what is new from the database.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from crawler.httpcache import prune_http_cache


def fake_entry(root: Path, name: str, size: int, age: float) -> Path:
    """One cached response as Scrapy's FilesystemCacheStorage lays it out, written ``age`` seconds ago."""
    entry = root / "feeds" / name[:2] / name
    entry.mkdir(parents=True)
    for file, data in (("pickled_meta", b"m"), ("response_body", b"x" * size)):
        (entry / file).write_bytes(data)
        os.utime(entry / file, (time.time() - age,) * 2)
    return entry


def cache_size(root: Path) -> int:
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file())


def test_pruning_removes_the_oldest_entries_until_the_cache_fits(tmp_path):
    old, middle, new = (fake_entry(tmp_path, name, 1000, age) for name, age in
                        (("aa01", 300), ("bb02", 200), ("cc03", 100)))
    removed, left = prune_http_cache(tmp_path, 2100)
    assert (removed, left) == (1, 2002)
    assert not old.exists() and middle.exists() and new.exists()
    assert prune_http_cache(tmp_path, 10_000) == (0, 2002)  # under the bound: nothing to do
    assert prune_http_cache(tmp_path / "none", 0) == (0, 0)  # no cache yet


def cached_crawl(crawl, cache: Path, *extra: str, env=None):
    return crawl("feeds", extra=("-s", "HTTPCACHE_ENABLED=1", "-s", f"HTTPCACHE_DIR={cache}", *extra), env=env)


def test_a_crawl_with_the_cache_on_leaves_it_within_its_bound(crawl, newsroom_env, tmp_path):
    cache = tmp_path / "httpcache"
    result = cached_crawl(crawl, cache, env={**newsroom_env, "CHIPWATCH_HTTPCACHE_MAX_MB": "0.004"})
    assert result.returncode == 0, result.stderr
    assert 0 < cache_size(cache) <= 0.004 * 1024 * 1024
    assert f"HTTP cache {cache}: " in result.stderr and "oldest responses removed" in result.stderr


def test_the_cache_is_kept_whole_under_the_default_bound(crawl, tmp_path):
    cache = tmp_path / "httpcache"
    result = cached_crawl(crawl, cache)
    assert result.returncode == 0, result.stderr
    assert len(list(cache.glob("feeds/*/*/pickled_meta"))) > 3
    assert "HTTP cache" not in result.stderr


def test_a_cache_on_a_full_disk_stops_caching_and_fails_the_run_with_one_line(crawl, newsroom_env, tmp_path,
                                                                              db_path):
    cache = tmp_path / "httpcache"
    assert cached_crawl(crawl, cache).returncode == 0
    for meta in cache.glob("feeds/*/*/meta"):  # every rewrite of a cached response now hits a full disk
        meta.unlink()
        meta.symlink_to("/dev/full")
    time.sleep(1.1)
    fresh = {**newsroom_env, "CHIPWATCH_DB": str(tmp_path / "second.db")}
    result = cached_crawl(crawl, cache, "-s", "HTTPCACHE_EXPIRATION_SECS=1", env=fresh)
    assert result.returncode == 74, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: the disk is full: cannot write {cache} (No space left on device); "
        "free some space and run again, nothing already stored is lost")
    assert "Traceback" not in result.stderr
    from data.db import open_db

    first, second = open_db(db_path), open_db(tmp_path / "second.db")
    ids = "select id from documents order by id"
    assert second.execute(ids).fetchall() == first.execute(ids).fetchall()  # the crawl went on uncached
    assert [r[0] for r in second.execute("select status from runs")] == ["failed"]
