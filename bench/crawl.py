"""Crawl: pages/s of the real spiders against the local replay server on a scaled-up demo corpus,
beside `scrapy bench`'s do-nothing spider in the same run, and the cost of a no-news re-run.

The corpus is the demo corpus (fictional vendors) with every newsroom and wire release copied
``copies`` times under new titles and dates, rendered by the demo's own site generator, so feeds,
article pages and wire pages keep their real formats. Politeness is switched off for the speed
figure (one local host would otherwise be held to a few requests a second, which is the point of
politeness but says nothing about the engine); the re-run keeps the project's settings.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from chipwatch.config import REPO_ROOT

ENGINE_ONLY = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16",
               "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"]


def scaled_corpus(copies: int):
    """The demo corpus with each newsroom and wire release ``copies`` times (1: the corpus itself)."""
    from demo.corpus import load_corpus

    corpus = load_corpus()
    releases, newsrooms = dict(corpus.releases), copy.deepcopy(corpus.newsrooms)
    for room in newsrooms.values():
        extra = []
        for k in range(1, copies):
            for release_id in room["releases"]:
                release = copy.deepcopy(corpus.releases[release_id])
                release["title"] = f"{release['title']} (benchmark copy {k})"
                moment = datetime.fromisoformat(release["published"]) - timedelta(hours=k)
                release["published"] = moment.isoformat()
                release.pop("modified", None)
                releases[f"{release_id}-copy{k}"] = release
                extra.append(f"{release_id}-copy{k}")
        room["releases"] = room["releases"] + extra
    return type(corpus)(corpus.companies, releases, newsrooms)


def write_scaled_site(copies: int, site_dir: Path) -> int:
    """Render the scaled corpus into ``site_dir``; return how many files it has."""
    from demo.build import site_files, write_site

    files = site_files(scaled_corpus(copies))
    site_dir.mkdir(parents=True, exist_ok=True)
    write_site(files, site_dir)
    return len(files)


def _crawl(env: dict, extra: list[str]) -> tuple[float, dict]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "chipwatch", "crawl", "--demo", *extra], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"crawl exited {proc.returncode}: {proc.stderr[-800:]}")
    from data.db import open_db

    db = open_db(env["CHIPWATCH_DB"])
    stats = json.loads(db.execute("select stats from runs where stage = 'crawl' order by id desc limit 1")
                       .fetchone()[0])
    db.close()
    return seconds, stats["spiders"]


def scrapy_bench(seconds: int = 10) -> dict:
    """`scrapy bench`: Scrapy's own local server and a spider that only follows links."""
    with tempfile.TemporaryDirectory() as cwd:  # outside the project, so none of its settings apply
        proc = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}",
                               "-s", "LOG_LEVEL=INFO"], cwd=cwd, capture_output=True, text=True,
                              env={k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")})
    log = proc.stderr
    received = re.search(r"'response_received_count': (\d+)", log)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", log)
    if not (received and elapsed):
        return {"pages_per_s": None, "note": "could not read scrapy bench's stats"}
    return {"pages_per_s": round(int(received.group(1)) / float(elapsed.group(1)), 1),
            "pages": int(received.group(1))}


def bench_crawl(copies: int = 200, work_dir: Path | None = None) -> dict:
    from chipwatch.demo import demo_env
    from chipwatch.replay import ReplayServer

    work_dir = work_dir or Path(tempfile.mkdtemp(prefix="chipwatch-bench-crawl-"))
    site = work_dir / "site"
    files = write_scaled_site(copies, site)
    db_path = work_dir / "crawl.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with ReplayServer(site, sec_rate_limit=None) as server:
        env = demo_env(server, db_path=str(db_path))
        env["CHIPWATCH_SEC_PACE_FILE"] = str(work_dir / "sec.pace")
        newsroom = ["--spider", "feeds", "--spider", "wires"]
        first_s, first = _crawl(env, newsroom + ENGINE_ONLY)
        requests = sum(s.get("requests", 0) for s in first.values())
        documents = sum(s.get("chipwatch/documents_new", 0) for s in first.values())
        full_s, full = _crawl(env, [])  # every spider (EDGAR paced at the SEC rate), the project's politeness
        hits_before = len(server.requests)
        again_s, again = _crawl(env, [])  # nothing new since: the cost of a quiet 6-hourly run
        rerun_urls = [f"{r.host}{r.path}" for r in server.requests[hits_before:]]
        rerun_requests = sum(s.get("requests", 0) for s in again.values())
    reference = scrapy_bench()
    result = {
        "site_files": files, "documents_stored": documents, "requests": requests,
        "seconds": round(first_s, 1), "pages_per_s": round(requests / first_s, 1),
        "scrapy_bench_pages_per_s": reference.get("pages_per_s"),
        "full_crawl_requests": sum(s.get("requests", 0) for s in full.values()),
        "full_crawl_seconds": round(full_s, 1),
        "rerun_requests": rerun_requests, "rerun_seconds": round(again_s, 1),
        "rerun_new_documents": sum(s.get("chipwatch/documents_new", 0) for s in again.values()),
        "rerun_distinct_urls": len(set(rerun_urls)),
        "rerun_requests_per_url": round(len(rerun_urls) / max(1, len(set(rerun_urls))), 2),
    }
    if reference.get("pages_per_s"):
        result["share_of_scrapy_bench"] = round(result["pages_per_s"] / reference["pages_per_s"], 2)
    return result
