"""The ``mlperf`` spider: configured round URLs fetched through Scrapy, stored through the pipeline.

The spider runs as ``scrapy crawl mlperf`` (the project's scrapy.cfg) and as ``chipwatch crawl --spider
mlperf``, in a subprocess against a replay server over tests/fixtures/evidence/mlperf.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from chipwatch.replay import ReplayServer
from crawler.spiders.mlperf import round_of
from tests.conftest import FIXTURES, REPO

MLPERF_SITE = FIXTURES / "evidence" / "mlperf"
HOST = "results.mlcommons.test"


@pytest.fixture
def mlperf_site():
    with ReplayServer(MLPERF_SITE) as server:
        yield server


@pytest.fixture
def crawl_mlperf(crawl_env, mlperf_site):
    def run(*paths: str):
        urls = ",".join(f"{mlperf_site.base(HOST)}/{path}" for path in paths)
        proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "mlperf", "-a", f"rounds={urls}"],
                              env=crawl_env("newsrooms.yml"), cwd=REPO, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc
    return run


V4 = "inference_results_v4.1/closed/ExampleSystems/summary.csv"
V6 = "inference_results_v6.1/summary.csv"


def test_configured_rounds_are_fetched_and_stored(crawl_mlperf, open_test_db):
    crawl_mlperf(V4, V6)
    db = open_test_db()
    rounds = dict(db.execute("select round, count(*) from benchmark_results group by round").fetchall())
    assert rounds == {"v4.1": 3, "v6.1": 5}
    assert db["sources"].get("mlperf")["last_status"] == "ok"


def test_a_second_crawl_of_unchanged_files_adds_nothing(crawl_mlperf, open_test_db):
    crawl_mlperf(V6)
    first = list(open_test_db()["benchmark_results"].rows)
    crawl_mlperf(V6)
    assert list(open_test_db()["benchmark_results"].rows) == first


def test_a_missing_round_is_a_recorded_error_and_the_others_still_load(crawl_mlperf, open_test_db):
    crawl_mlperf("inference_results_v9.9/summary.csv", V6)
    db = open_test_db()
    assert db["benchmark_results"].count == 5
    [error] = db.query("select source, url, status from fetch_errors")
    assert (error["source"], error["status"]) == ("mlperf", 404)
    assert error["url"].endswith("inference_results_v9.9/summary.csv")


def test_the_round_is_read_from_the_results_repository_name():
    assert round_of("https://raw.githubusercontent.com/mlcommons/inference_results_v5.1/main/summary.csv") == "v5.1"
    assert round_of("https://example.org/summary.csv") is None


def test_chipwatch_crawl_loads_the_configured_rounds_and_a_rerun_adds_nothing(crawl_env, mlperf_site, db_path):
    from data.db import open_db
    from tests.conftest import run_chipwatch

    rounds = ",".join(f"{mlperf_site.base(HOST)}/{path}" for path in (V4, V6))
    env = crawl_env("newsrooms.yml", CHIPWATCH_MLPERF_ROUNDS=rounds)
    first = run_chipwatch("crawl", "--spider", "mlperf", env=env, timeout=120)
    assert first.returncode == 0, first.output
    stored = open_db(db_path).execute("select count(*) from benchmark_results").fetchone()[0]
    assert stored > 0
    again = run_chipwatch("crawl", "--spider", "mlperf", env=env, timeout=120)
    assert again.returncode == 0
    assert open_db(db_path).execute("select count(*) from benchmark_results").fetchone()[0] == stored


def test_asking_for_mlperf_without_rounds_says_why_nothing_happened(crawl_env):
    from tests.conftest import run_chipwatch

    result = run_chipwatch("crawl", "--spider", "mlperf", env=crawl_env("newsrooms.yml"), timeout=120)
    assert result.returncode == 0
    assert "mlperf: skipped: CHIPWATCH_MLPERF_ROUNDS is not set" in result.stderr
