"""The whole pipeline on the demo corpus: crawl -> extract -> Datasette, as `make demo` runs it.

The real spiders fetch the bundled corpus over HTTP from a local replay server,
the extractor runs, and a real Datasette process answers JSON queries.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import httpx
import pytest

from chipwatch.registry import load_registry
from chipwatch.replay import free_port
from chipwatch.serve import datasette_args
from data.db import open_db
from tests.conftest import REPO, run_chipwatch

pytestmark = pytest.mark.slow




@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """Run `chipwatch demo --no-serve` once into a scratch database."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
    env.update({"CHIPWATCH_LOG_LEVEL": "WARNING", "CHIPWATCH_DEMO_PORT": str(free_port())})
    result = run_chipwatch("demo", "--no-serve", "--db", str(path), env=env, timeout=600)
    assert result.returncode == 0, result.output[-3000:]
    return path, env, result


@pytest.fixture(scope="module")
def datasette(demo_db):
    path, env, _ = demo_db
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", *datasette_args(path, port)], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{base}/-/versions.json", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield base, path.stem
    proc.terminate()
    proc.wait(timeout=10)


def test_the_demo_fills_documents_claims_and_figures(demo_db):
    db = open_db(demo_db[0])
    counts = {t: db[t].count for t in ("documents", "claims", "figures", "filings", "claim_groups")}
    assert all(counts.values()), counts
    kinds = {r["kind"] for r in db.query("select distinct kind from documents")}
    assert {"press_release", "exhibit"} <= kinds, kinds
    assert db.execute("select count(*) from documents where demo = 0").fetchone()[0] == 0
    runs = {(r["stage"], r["status"]) for r in db.query("select stage, status from runs")}
    assert {("crawl", "ok"), ("extract", "ok")} <= runs


def test_the_demo_checks_claims_against_its_mlperf_round(demo_db):
    db = open_db(demo_db[0])
    assert db["benchmark_results"].count == 8
    by_outcome = {}
    for row in db.query("select * from claim_checks order by claim_id"):
        by_outcome.setdefault(row["outcome"], []).append((row["product"], row["comparator"], row["claimed_ratio"]))
    assert by_outcome["supported"] == [("LX-3", "LX-2", 2.3)]
    assert by_outcome["overstated"] == [("LX-3", "Q7", 9.2)]  # per chip: the results support 8.5x
    assert ("LX-3", "the leading flagship GPU", 6.9) in by_outcome["no comparable result"]


def test_every_fact_points_back_to_its_document_sentence_and_span(demo_db):
    db = open_db(demo_db[0])
    for fact in db.query("select c.raw, c.start, c.end, c.sentence, d.text from claims c "
                         "join documents d on d.id = c.document_id"):
        assert fact["text"][fact["start"]:fact["end"]] == fact["raw"]
        assert fact["raw"] in fact["sentence"]


def test_claims_are_searchable_by_full_text_through_datasette(datasette):
    base, name = datasette
    rows = httpx.get(f"{base}/{name}/claims.json", params={"_search": "faster", "_shape": "array"}).json()
    assert rows and all("faster" in r["sentence"].lower() for r in rows)
    tables = httpx.get(f"{base}/{name}.json").json()["tables"]
    counts = {t["name"]: t["count"] for t in tables}
    assert counts["documents"] and counts["claims"] and counts["figures"]


def test_the_datasette_title_says_demo_data(datasette):
    base, _ = datasette
    assert "DEMO DATA" in httpx.get(base).text


def test_a_second_demo_crawl_with_nothing_new_adds_nothing(demo_db, monkeypatch):
    path, env, _ = demo_db
    db = open_db(path)
    before = {t: db[t].count for t in ("documents", "claims", "figures", "filings")}
    result = run_chipwatch("demo", "--no-serve", "--db", str(path), env=env, timeout=600)
    assert result.returncode == 0, result.output[-3000:]
    after = {t: db[t].count for t in ("documents", "claims", "figures", "filings")}
    assert after == before
    assert "0 new or changed documents" in result.output
    # at most one request per feed / submissions endpoint, plus robots.txt and not-yet-applicable companyfacts
    requests = {m[0]: int(m[1]) for m in re.findall(r"  (\w+) finished: (\d+) requests?", result.output)}
    monkeypatch.setenv("CHIPWATCH_DEMO_URL", "http://127.0.0.1:1")  # the registry's URLs are not fetched here
    registry = load_registry(REPO / "demo" / "sources.yml")
    assert requests["edgar"] <= 2 * sum(1 for v in registry.vendors if v.cik)
    assert requests["feeds"] <= 2 * sum(1 for s in registry.sources if s.kind == "feed")
    assert requests["wires"] <= 2 * len(registry.wires)
