"""Database and Datasette at scale: build synthetic databases, serve each as `chipwatch serve` does,
and time the pages analysts use (sequential requests, p50 and p95).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from bench.synthetic import COMMON_WORD, RARE_WORD, VENDOR_SHARES, history, vendor_slugs
from bench.timing import percentile, timed
from chipwatch.config import REPO_ROOT
from chipwatch.replay import free_port
from data.db import open_db


class Served:
    """`python -m chipwatch serve` on a database, started and stopped around a block."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.startup_s: float | None = None

    def __enter__(self) -> Served:
        import httpx

        env = {k: v for k, v in os.environ.items() if not k.startswith("CHIPWATCH_")}
        env.update(CHIPWATCH_DB=str(self.db_path), PORT=str(self.port))
        started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "chipwatch", "serve"], cwd=REPO_ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chipwatch serve exited {self.proc.returncode}: {self.proc.stderr.read()[-500:]}")
            try:
                if httpx.get(f"{self.base}/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        self.startup_s = time.perf_counter() - started
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def pages(db_path: Path) -> dict[str, list[str]]:
    """Name -> the URLs to request in turn (several, so caches do not flatter the figure)."""
    db = open_db(db_path)
    top = vendor_slugs()[0]
    rng = random.Random(1)
    rowids = [rng.randint(1, db["claims"].count) for _ in range(20)]
    ids = [r[0] for r in db.execute(f"select id from claims where rowid in ({','.join('?' * len(rowids))})",
                                    rowids).fetchall()]
    db.close()
    return {
        "claims table with facets": ["/chipwatch/claims"],
        "faceted filter ?vendor=": [f"/chipwatch/claims?vendor={top}"],
        "?_search= common term": [f"/chipwatch/claims?_search={COMMON_WORD}"],
        "ranked search, common term": [f"/chipwatch/search_claims?q={COMMON_WORD}"],
        "ranked search, rare term": [f"/chipwatch/search_claims?q={RARE_WORD}"],
        "claim page": [f"/chipwatch/-/claim/{i}" for i in ids],
        "vendor page": [f"/chipwatch/-/vendor/{top}"],
        "vendor feed (Atom)": [f"/chipwatch/vendor_claims_feed.atom?vendor={top}"],
        "gpu_speedups": ["/chipwatch/gpu_speedups"],
        "vendor_claims": [f"/chipwatch/vendor_claims?vendor={top}"],
        "latest_revenue": ["/chipwatch/latest_revenue"],
        "claim_groups_mentions": ["/chipwatch/claim_groups_mentions"],
        "runs_with_errors": ["/chipwatch/runs_with_errors"],
        "new_claims.atom": ["/chipwatch/new_claims.atom"],
    }


def time_pages(served: Served, targets: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    import httpx

    results = {}
    with httpx.Client(base_url=served.base, timeout=120) as client:
        for name, urls in targets.items():
            client.get(urls[0])  # warm: the first request pays for opening the database file
            samples, statuses = [], set()
            for i in range(repeat):
                url = urls[i % len(urls)]
                response = None

                def fetch(url=url):
                    nonlocal response
                    response = client.get(url)

                samples.append(timed(fetch) * 1000)
                statuses.add(response.status_code)
            results[name] = {"p50_ms": round(percentile(samples, 0.5), 1), "p95_ms": round(percentile(samples, 0.95), 1),
                             "status": sorted(statuses)}
    return results


def time_csv(served: Served, rows_expected: int, query: str = "") -> dict:
    """A CSV export of claims (all of them, or those ``query`` filters), streamed; exact when every row comes once."""
    import csv
    import io

    import httpx

    started = time.perf_counter()
    with httpx.stream("GET", f"{served.base}/chipwatch/claims.csv?_stream=on&_size=max{query}",
                      timeout=600) as response:
        body = b"".join(response.iter_bytes())
    seconds = time.perf_counter() - started
    ids = [row["id"] for row in csv.DictReader(io.StringIO(body.decode("utf-8")))]
    return {"query": query or None, "rows_expected": rows_expected, "rows": len(ids), "distinct_rows": len(set(ids)),
            "exact": len(ids) == len(set(ids)) == rows_expected, "seconds": round(seconds, 2),
            "megabytes": round(len(body) / 2**20, 1)}


def bench_serve(sizes: tuple[int, ...], work_dir: Path, repeat: int = 9, *, echo=print) -> dict:
    results = {}
    for size in sizes:
        db_path, built = history(size, work_dir, echo=echo)
        echo(f"  serving {built['claims']:,} claims ...")
        with Served(db_path) as served:
            figures = {"built": built, "serve_startup_s": round(served.startup_s, 1),
                       "pages": time_pages(served, pages(db_path), repeat)}
            if size <= 200_000:  # the 100k-row export of the issue: every claim
                figures["csv_export"] = time_csv(served, built["claims"])
            else:  # one vendor's tenth of the claims: a 100k-row export at a million
                vendor = vendor_slugs()[VENDOR_SHARES.index(10)]
                db = open_db(db_path)
                rows = db.execute("select count(*) from claims where vendor = ?", [vendor]).fetchone()[0]
                db.close()
                figures["csv_export"] = time_csv(served, rows, f"&vendor={vendor}")
        results[str(size)] = figures
    return results
