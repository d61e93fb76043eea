"""Loading summaries into benchmark_results: incremental, and a damaged file loses nothing already stored."""

from __future__ import annotations

import json
from pathlib import Path

from evidence.benchmarks import load_summary

MLPERF = Path(__file__).resolve().parent.parent / "fixtures" / "evidence" / "mlperf" / "results.mlcommons.test"
V4 = (MLPERF / "inference_results_v4.1" / "closed" / "ExampleSystems" / "summary.csv").read_bytes()
V6 = (MLPERF / "inference_results_v6.1" / "summary.csv").read_bytes()
URL4 = "http://127.0.0.1/mlcommons/inference_results_v4.1/closed/ExampleSystems/summary.csv"
URL6 = "http://127.0.0.1/mlcommons/inference_results_v6.1/summary.csv"


def test_both_rounds_load_into_one_table(db):
    assert load_summary(db, URL4, V4).rows == 3
    assert load_summary(db, URL6, V6).rows == 5
    rounds = {r["round"]: r["n"] for r in db.query("select round, count(*) n from benchmark_results group by round")}
    assert rounds == {"v4.1": 3, "v6.1": 5}
    row = db["benchmark_results"].get("v6.1/closed/Nimbus Silicon/results/8xMI355X_2xEXCPU/gpt-oss-120b/Offline/"
                                      "performance/run_1")
    assert (row["accelerator"], row["result"], row["source_url"]) == ("MI355X", 120500.0, URL6)


def test_an_unchanged_file_adds_no_rows(db):
    load_summary(db, URL6, V6)
    before = list(db["benchmark_results"].rows)
    again = load_summary(db, URL6, V6)
    assert (again.unchanged, again.rows) == (True, 0)
    assert list(db["benchmark_results"].rows) == before


def test_a_corrected_file_updates_results_and_drops_withdrawn_ones(db):
    load_summary(db, URL6, V6)
    corrected = V6.replace(b'"120500.0"', b'"121000.0"')
    corrected = corrected[:corrected.index(b'"Quillon"')]
    assert load_summary(db, URL6, corrected).rows == 4
    assert db["benchmark_results"].count == 4
    assert db.execute("select result from benchmark_results where system = 'Nimbus Pod NP-8' "
                      "and scenario = 'Offline'").fetchone()[0] == 121000.0


def test_a_refused_file_is_recorded_and_keeps_the_last_good_rows(db):
    load_summary(db, URL6, V6)
    broken = load_summary(db, URL6, b"")
    assert broken.error == "summary.csv is empty"
    assert db["benchmark_results"].count == 5
    recorded = db["benchmark_files"].get(URL6)
    assert json.loads(recorded["problems"]) == ["summary.csv is empty"]
    assert recorded["rows"] == 5
    assert load_summary(db, URL6, V6).unchanged  # the good copy's hash was kept


def test_a_truncated_file_stores_its_whole_rows_and_records_the_rest(db):
    result = load_summary(db, URL6, V6[:-40])
    assert result.rows == 4 and result.error is None
    assert "truncated row" in json.loads(db["benchmark_files"].get(URL6)["problems"])[0]
