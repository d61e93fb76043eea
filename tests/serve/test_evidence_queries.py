"""Datasette serves the evidence canned queries over a database whose figures were checked."""

from __future__ import annotations

import pytest

from data import store
from data.db import open_db
from data.facts import replace_facts
from evidence.check import check_figures
from tests.serve.conftest import get, make_datasette, populate

RELEASE = ("Quillon reported fourth-quarter revenue of $415.0 million. "
           "For the first quarter of 2026, Quillon expects revenue of $430 million to $450 million.")
GUIDANCE = "Quillon expects revenue of $430 million to $450 million"


def _filed(end: str, start: str, value: float, accession: str, filed: str) -> dict:
    return {"vendor": "quillon", "cik": "0009990002", "taxonomy": "us-gaap", "tag": "Revenues", "metric": "revenue",
            "unit": "USD", "value": value, "start": start, "end": end, "fy": 2026, "fp": "Q1", "form": "10-Q",
            "filed": filed, "accession": accession}


@pytest.fixture
def checked_datasette(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    populate(db)
    db["vendors"].update("quillon", {"fiscal_year_end": "1231"})
    doc = {"url": "https://ir.quillon.example/news/q4-2025-outlook", "vendor": "quillon", "source": "quillon-feed",
           "kind": "press_release", "published": "2026-02-18", "text": RELEASE}
    doc_id, _ = store.save_document(db, doc)
    actual_quote, guidance_at = "revenue of $415.0 million", RELEASE.index(GUIDANCE)
    replace_facts(db, {"id": doc_id, **doc}, [
        {"type": "financial", "metric": "revenue", "value": 415.0e6, "unit": "USD", "period": "Q4 2025",
         "quote": actual_quote, "sentence": RELEASE.split(". ")[0], "start": RELEASE.index(actual_quote),
         "end": RELEASE.index(actual_quote) + len(actual_quote)},
        {"type": "financial", "metric": "guidance_revenue", "value": 430e6, "value_high": 450e6, "unit": "USD",
         "period": "Q1 2026", "quote": GUIDANCE, "sentence": GUIDANCE, "start": guidance_at,
         "end": guidance_at + len(GUIDANCE)},
    ], "test")
    store.save_reported_values(db, [
        _filed("2025-12-31", "2025-10-01", 412.5e6, "0009990002-26-000003", "2026-02-25"),
        _filed("2026-03-31", "2026-01-01", 457.2e6, "0009990002-26-000011", "2026-05-06"),
    ])
    check_figures(db)
    db.close()
    return make_datasette(path)


def test_figures_that_differ_from_the_filing_are_listed_with_both_values(checked_datasette):
    rows = get(checked_datasette, "/chipwatch/figures_differing_from_filings.json?_shape=objects").json()["rows"]
    differing = [r for r in rows if r["vendor"] == "quillon" and r["period"] == "Q4 2025"]
    assert [(r["quoted_value"], r["filed_value"], r["accession"]) for r in differing] == \
        [(415.0e6, 412.5e6, "0009990002-26-000003")]
    assert differing[0]["ratio"] == pytest.approx(412.5 / 415.0, abs=1e-6)
    assert differing[0]["url"] == "https://ir.quillon.example/news/q4-2025-outlook"


def test_guidance_is_shown_beside_the_actual(checked_datasette):
    rows = get(checked_datasette, "/chipwatch/guidance_vs_actual.json?_shape=objects").json()["rows"]
    assert [(r["period"], r["outcome"], r["guided"], r["guided_high"], r["actual"]) for r in rows] == \
        [("Q1 2026", "beat", 430e6, 450e6, 457.2e6)]


def test_the_queries_are_listed_on_the_database_page(checked_datasette):
    html = get(checked_datasette, "/chipwatch").text
    assert "Press-release figures that differ from what was filed" in html
    assert "Guidance vs. actual" in html


def test_a_checked_figure_links_to_its_check(checked_datasette):
    [check] = get(checked_datasette, "/chipwatch/figure_checks.json?_shape=objects&outcome=differs").json()["rows"]
    page = get(checked_datasette, f"/chipwatch/figures/{check['figure_id']}").text
    assert "figure_checks" in page


MLPERF_CLAIM = ("In MLPerf Inference v6.0, closed division, an eight-chip LX-3 system delivered 3x the "
                "Llama 2 70B Offline throughput of an eight-chip Q7 system.")
MLPERF_ROUND = "\n".join([
    "Organization,Division,SystemName,Model,Scenario,Result,Units,accelerator_model_name,accelerators_per_node,"
    "total_accelerators,Location,version,has_power",
    "Lumenar,closed,LX-3 Rack,llama2-70b-99,Offline,12000,Tokens/s,Lumenar LX-3,8,8,closed/Lumenar/r/lx3/Offline,v6.0,False",
    "Quillon,closed,Q7 Server,llama2-70b-99,Offline,5000,Tokens/s,Quillon Q7,8,8,closed/Quillon/r/q7/Offline,v6.0,False",
]).encode()


@pytest.fixture
def claims_datasette(tmp_path):
    from evidence.benchmarks import load_summary
    from evidence.check import check_claims

    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    populate(db)
    doc = {"url": "https://newsroom.lumenar.example/news/lx3-mlperf", "vendor": "lumenar", "source": "lumenar-feed",
           "kind": "press_release", "published": "2026-04-02", "text": MLPERF_CLAIM}
    doc_id, _ = store.save_document(db, doc)
    replace_facts(db, {"id": doc_id, **doc}, [
        {"type": "performance", "product": "LX-3", "metric": "throughput", "value": 3.0, "unit": "x",
         "direction": "higher", "comparator": "Q7", "workload": "Llama 2 70B", "quote": "3x", "sentence": MLPERF_CLAIM,
         "start": MLPERF_CLAIM.index("3x"), "end": MLPERF_CLAIM.index("3x") + 2}], "test")
    load_summary(db, "https://results.mlcommons.test/inference_results_v6.0/summary.csv", MLPERF_ROUND)
    check_claims(db)
    db.close()
    return make_datasette(path)


def test_claims_are_shown_beside_the_results_that_check_them(claims_datasette):
    rows = get(claims_datasette, "/chipwatch/claims_vs_results.json?_shape=objects").json()["rows"]
    mlperf = [r for r in rows if r["sentence"] == MLPERF_CLAIM]
    assert [(r["outcome"], r["claimed_ratio"], r["supported_ratio"], r["overstated_pct"]) for r in mlperf] == \
        [("overstated", 3.0, 2.4, 25)]
    assert mlperf[0]["comparator_result"] == "v6.0/closed/Quillon/r/q7/Offline"
    assert mlperf[0]["url"] == "https://newsroom.lumenar.example/news/lx3-mlperf"
    assert "Claims vs. independent results" in get(claims_datasette, "/chipwatch").text


def test_a_checked_claim_links_to_its_check(claims_datasette):
    [check] = get(claims_datasette, "/chipwatch/claim_checks.json?_shape=objects&outcome=overstated").json()["rows"]
    assert "claim_checks" in get(claims_datasette, f"/chipwatch/claims/{check['claim_id']}").text
