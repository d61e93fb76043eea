"""check_claims: speed claims beside the MLPerf results for both products, with the MLPerf messaging rules.

The round is ``tests/fixtures/evidence/mlperf/claims/summary.csv`` (v6.x format, invented): in v6.0 closed,
llama2-70b-99, Nimbus's eight-chip NX-5 system does 24,000 tokens/s Offline and 20,000 Server; Corvid's
eight-chip CV-2 system 10,000 and 9,000; Corvid's sixteen-chip CV-3 cluster 30,000 Offline; its eight-chip
CV-4, in the preview category (not yet available), 12,000 Offline; Corvid's CV-9 has results in the open
division only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data import store
from data.facts import replace_facts
from evidence.benchmarks import load_summary
from evidence.check import check_claims

ROUND = Path(__file__).resolve().parent.parent / "fixtures" / "evidence" / "mlperf" / "claims" / "summary.csv"
ROUND_URL = "https://results.mlcommons.test/inference_results_v6.0/summary.csv"
NX5_OFFLINE = "v6.0/closed/Nimbus/results/8xNX5_1xHost/llama2-70b-99/Offline/performance/run_1"
CV2_OFFLINE = "v6.0/closed/Corvid/results/8xCV2_2xHost/llama2-70b-99/Offline/performance/run_1"


@pytest.fixture
def claim(db):
    """``claim(sentence, value, comparator, workload="Llama 2 70B", product="NX-5")``: store one performance
    claim of Nimbus as the extractor would and return its id."""
    assert not load_summary(db, ROUND_URL, ROUND.read_bytes()).problems

    def add(sentence: str, value: float, comparator: str | None, *, workload: str | None = "Llama 2 70B",
            product: str = "NX-5", unit: str = "x") -> str:
        doc = {"url": f"https://nimbus.example.com/news/{store.short_hash(sentence)}", "vendor": "nimbus",
               "source": "nimbus-news", "kind": "press_release", "title": "Nimbus and MLPerf",
               "published": "2026-04-02", "text": sentence}
        doc_id, _ = store.save_document(db, doc)
        replace_facts(db, {"id": doc_id, **doc}, [{
            "type": "performance", "product": product, "metric": "throughput", "value": value, "unit": unit,
            "direction": "higher", "comparator": comparator, "workload": workload, "quote": sentence,
            "sentence": sentence, "start": 0, "end": len(sentence)}], "test")
        return db.execute("select id from claims where document_id = ?", [doc_id]).fetchone()[0]
    return add


def checked(db, claim_id: str) -> dict:
    check_claims(db)
    return db["claim_checks"].get(claim_id)


def test_a_claim_the_two_results_bear_out_is_supported(db, claim):
    claim_id = claim("In MLPerf Inference v6.0, closed division, an eight-chip NX-5 system delivered 2.4x the "
                     "Llama 2 70B Offline throughput of an eight-chip CV-2 system.", 2.4, "CV-2")
    row = checked(db, claim_id)
    assert (row["outcome"], row["claimed_ratio"], row["supported_ratio"], row["basis"]) == \
        ("supported", 2.4, 2.4, "per system")
    assert (row["round"], row["division"], row["model"], row["scenario"]) == \
        ("v6.0", "closed", "llama2-70b-99", "Offline")
    assert (row["product_result"], row["comparator_result"]) == (NX5_OFFLINE, CV2_OFFLINE)
    assert json.loads(row["rules_broken"]) == []


def test_a_ratio_above_what_the_results_support_is_overstated_by_how_much(db, claim):
    claim_id = claim("In MLPerf Inference v6.0, closed division, Server scenario, an eight-chip NX-5 system "
                     "served 3x the Llama 2 70B tokens per second of an eight-chip CV-2 system.", 3.0, "CV-2")
    row = checked(db, claim_id)
    assert row["scenario"] == "Server"
    assert row["supported_ratio"] == pytest.approx(20000 / 9000, abs=1e-4)
    assert (row["outcome"], row["overstated_pct"]) == ("overstated", 35)
    assert row["reason"].startswith("overstated by 35%")


def test_a_ratio_inside_the_tolerance_is_supported(db, claim):
    claim_id = claim("In MLPerf Inference v6.0 closed division, eight NX-5 chips did 2.5x the Llama 2 70B "
                     "Offline throughput of eight CV-2 chips.", 2.5, "CV-2")
    assert checked(db, claim_id)["outcome"] == "supported"  # 2.5 is within 5% of 2.4


def test_a_comparator_with_results_only_in_another_division_has_no_comparable_result(db, claim):
    claim_id = claim("In MLPerf Inference v6.0, closed division, an eight-chip NX-5 system delivered 1.6x the "
                     "Llama 2 70B Offline throughput of an eight-chip CV-9 system.", 1.6, "CV-9")
    row = checked(db, claim_id)
    assert row["outcome"] == "no comparable result"
    assert row["reason"].startswith("the comparator has no")
    assert "(it has: open division of v6.0)" in row["reason"]
    assert row["supported_ratio"] is None and row["comparator_result"] is None


def test_a_per_chip_claim_against_a_bigger_system_is_read_per_accelerator(db, claim):
    # 24,000 tokens/s on 8 chips against 30,000 on 16: the system is slower, each chip 1.6x faster
    claim_id = claim("In MLPerf Inference v6.0, closed division, the NX-5 delivered 1.6x the Llama 2 70B "
                     "Offline throughput per chip of the CV-3.", 1.6, "CV-3")
    row = checked(db, claim_id)
    assert (row["product_accelerators"], row["comparator_accelerators"]) == (8, 16)
    assert (row["system_ratio"], row["accelerator_ratio"], row["basis"]) == (0.8, 1.6, "per accelerator")
    assert row["outcome"] == "supported"


def test_a_system_claim_that_only_holds_per_chip_is_overstated_and_states_no_chip_counts(db, claim):
    claim_id = claim("In MLPerf Inference v6.0, closed division, an NX-5 system delivered 1.6x the "
                     "Llama 2 70B Offline throughput of a CV-3 system.", 1.6, "CV-3")
    row = checked(db, claim_id)
    assert (row["outcome"], row["overstated_pct"], row["basis"]) == ("overstated", 100, "per system")
    assert json.loads(row["rules_broken"]) == ["chip counts stated"]


@pytest.mark.parametrize(("sentence", "comparator", "workload", "product", "reason"), [
    ("In MLPerf Inference v6.0, closed division, eight NX-5 chips ran ResNet-50 Offline 2x faster than eight "
     "CV-2 chips.", "CV-2", "ResNet-50", "NX-5", "the product has no resnet50 results"),
    ("In MLPerf Inference v6.0, closed division, eight NX-5 chips ran Llama 2 70B Offline 2x faster than eight "
     "CV-7 chips.", "CV-7", "Llama 2 70B", "NX-5", "no MLPerf results for the comparator 'CV-7'"),
    ("In MLPerf Inference v6.0, closed division, eight NX-1 chips ran Llama 2 70B Offline 2x faster than eight "
     "CV-2 chips.", "CV-2", "Llama 2 70B", "NX-1", "no MLPerf results for NX-1"),
    ("In MLPerf Inference v5.1, closed division, eight NX-5 chips ran Llama 2 70B Offline 2x faster than eight "
     "CV-2 chips.", "CV-2", "Llama 2 70B", "NX-5", "in v5.1 closed division (it has: closed division of v6.0)"),
])
def test_a_claim_without_results_for_both_sides_has_no_comparable_result(db, claim, sentence, comparator,
                                                                          workload, product, reason):
    row = checked(db, claim(sentence, 2.0, comparator, workload=workload, product=product))
    assert row["outcome"] == "no comparable result"
    assert reason in row["reason"]


def test_the_messaging_rules_a_citation_breaks_are_named(db, claim):
    claim_id = claim("The NX-5 posted MLPerf results 2.4x those of the CV-2 on Llama 2 70B Offline, and in our "
                     "testing it is faster still.", 2.4, "CV-2")
    row = checked(db, claim_id)
    assert json.loads(row["rules_broken"]) == ["round named", "division named", "chip counts stated",
                                               "no non-MLPerf numbers"]
    assert (row["round"], row["outcome"]) == ("v6.0", "supported")  # the latest round both products share


def test_a_claim_naming_two_scenarios_breaks_the_one_scenario_rule(db, claim):
    claim_id = claim("In MLPerf Inference v6.0, closed division, eight NX-5 chips beat eight CV-2 chips 2.4x in "
                     "Llama 2 70B Offline and in the Server scenario.", 2.4, "CV-2")
    row = checked(db, claim_id)
    assert "one division and scenario" in json.loads(row["rules_broken"])
    assert row["outcome"] == "no comparable result"


def test_a_claim_neither_about_a_benchmarked_product_nor_citing_mlperf_gets_no_check(db, claim):
    claim("The NX-1 runs a 70B model 3x faster than the leading GPU.", 3.0, "the leading GPU", product="NX-1")
    assert check_claims(db) == {}
    assert db["claim_checks"].count == 0


def test_checking_twice_gives_the_same_table_and_a_gone_claim_loses_its_check(db, claim):
    kept = claim("In MLPerf Inference v6.0, closed division, an eight-chip NX-5 system delivered 2.4x the "
                 "Llama 2 70B Offline throughput of an eight-chip CV-2 system.", 2.4, "CV-2")
    gone = claim("In MLPerf Inference v6.0, closed division, eight NX-5 chips did 3x the Llama 2 70B Server "
                 "tokens per second of eight CV-2 chips.", 3.0, "CV-2")
    assert check_claims(db) == {"supported": 1, "overstated": 1}
    first = list(db["claim_checks"].rows)
    assert check_claims(db) == {"supported": 1, "overstated": 1}
    assert list(db["claim_checks"].rows) == first
    db.execute("delete from claims where id = ?", [gone])
    db.conn.commit()
    check_claims(db)
    assert [row["claim_id"] for row in db["claim_checks"].rows] == [kept]


def test_a_benchmarked_product_s_claim_that_is_no_comparison_gets_no_check(db, claim):
    claim("The NX-5 serves up to 3,000 tokens per second per user.", 3000, None, unit="tokens/s")
    assert check_claims(db) == {}


def test_a_comparison_of_a_benchmarked_product_with_something_unbenchmarked_has_no_comparable_result(db, claim):
    claim_id = claim("The NX-5 runs a 70B model 3x faster than the leading GPU.", 3.0, "the leading GPU",
                     workload="70B model")
    row = checked(db, claim_id)
    assert (row["outcome"], row["cites_mlperf"], row["rules_broken"]) == ("no comparable result", 0, None)
    assert row["reason"] == "no MLPerf results for the comparator 'the leading GPU'"


def test_a_per_watt_claim_from_results_without_power_measurements_breaks_the_power_rule(db, claim):
    claim_id = claim("In MLPerf Inference v6.0, closed division, eight NX-5 chips delivered 2.4x the Llama 2 70B "
                     "Offline tokens per second per watt of eight CV-2 chips.", 2.4, "CV-2")
    assert json.loads(checked(db, claim_id)["rules_broken"]) == ["per watt from power results"]


def test_comparing_an_available_result_with_a_preview_one_must_say_so(db, claim):
    unstated = claim("In MLPerf Inference v6.0, closed division, eight NX-5 chips ran Llama 2 70B Offline 2x faster "
                     "than eight CV-4 chips.", 2.0, "CV-4")
    stated = claim("In MLPerf Inference v6.0, closed division, eight available NX-5 chips ran Llama 2 70B Offline "
                   "2x faster than eight CV-4 chips in preview.", 2.0, "CV-4")
    check_claims(db)
    assert json.loads(db["claim_checks"].get(unstated)["rules_broken"]) == ["category stated"]
    assert json.loads(db["claim_checks"].get(stated)["rules_broken"]) == []
    assert db["claim_checks"].get(stated)["outcome"] == "supported"
