"""Parsing MLPerf Inference summary.csv: both column sets, their quirks, and damaged files."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.errors import SummaryFormatError
from evidence.mlperf import parse_summary

MLPERF = Path(__file__).resolve().parent.parent / "fixtures" / "evidence" / "mlperf" / "results.mlcommons.test"
V4 = (MLPERF / "inference_results_v4.1" / "closed" / "ExampleSystems" / "summary.csv").read_bytes()
V6 = (MLPERF / "inference_results_v6.1" / "summary.csv").read_bytes()


def test_a_v4_file_without_total_accelerators_multiplies_nodes_by_accelerators():
    rows, problems = parse_summary(V4)
    assert problems == []
    first = rows[0]
    assert (first["round"], first["division"], first["availability"]) == ("v4.1", "closed", "available")
    assert (first["organization"], first["system"]) == ("ExampleSystems", "Example Rack ER-8")
    assert (first["accelerator"], first["accelerators_per_node"], first["total_accelerators"]) == ("H200", 8, 8)
    assert (first["model"], first["scenario"], first["result"], first["units"]) == \
        ("llama2-70b-99.9", "Server", 30110.5, "Tokens/s")


def test_a_v6_file_reads_total_accelerators_and_strips_the_location_dot():
    rows, _ = parse_summary(V6)
    cluster = next(r for r in rows if r["organization"] == "Corvid Logic" and r["division"] == "closed")
    assert (cluster["nodes"], cluster["accelerators_per_node"], cluster["total_accelerators"]) == (4, 18, 72)
    assert cluster["id"] == "v6.1/closed/Corvid Logic/results/4xNodes_18xB300/gpt-oss-120b/Offline/performance/run_1"
    assert cluster["location"].startswith("closed/")


def test_scenario_case_is_normalised_and_latency_is_lower_is_better():
    rows, _ = parse_summary(V4)
    edge = rows[2]
    assert (edge["scenario"], edge["units"], edge["lower_is_better"]) == ("SingleStream", "Latency (ms)", 1)
    assert rows[0]["lower_is_better"] == 0


def test_an_accelerator_outside_the_catalogue_keeps_its_own_name():
    rows, _ = parse_summary(V6)
    quillon = next(r for r in rows if r["organization"] == "Quillon")
    assert (quillon["accelerator"], quillon["accelerator_name"]) == (None, "Quillon QX-1 Edge 32GB")


def test_a_renamed_column_still_reads():
    renamed = V4.replace(b"SystemName", b"System Name", 1).replace(b"accelerators_per_node", b"Accelerators Per Node", 1)
    rows, _ = parse_summary(renamed)
    assert rows[0]["system"] == "Example Rack ER-8" and rows[0]["accelerators_per_node"] == 8


def test_a_missing_required_column_refuses_the_file():
    header, _, body = V4.partition(b"\n")
    without_units = b",".join(header.split(b",")[:-1]) + b"\n" + body
    with pytest.raises(SummaryFormatError, match="lacks required column.*units"):
        parse_summary(without_units)


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(SummaryFormatError, match="empty"):
        parse_summary(data)


def test_a_truncated_file_loses_only_its_last_row():
    rows, problems = parse_summary(V6[:V6.rindex(b'"Quillon QX-1 Edge')])
    assert len(rows) == 4
    assert problems and "truncated row" in problems[0]


def test_a_result_that_is_not_a_number_costs_that_row():
    rows, problems = parse_summary(V4.replace(b"30110.5", b"invalid", 1))
    assert len(rows) == 2
    assert problems == ["line 2: result 'invalid' is not a number"]


def test_a_file_without_version_takes_the_round_it_was_fetched_as():
    data = (b"Organization,Division,SystemName,Model,Scenario,Result,Units,accelerator_model_name,"
            b"accelerators_per_node,Location\nAcme,closed,A1,resnet50,Offline,1.5,Samples/s,N/A,0,closed/Acme/x\n")
    rows, _ = parse_summary(data, round_name="v5.0")
    assert rows[0]["id"] == "v5.0/closed/Acme/x"
    _, problems = parse_summary(data)
    assert problems == ["line 2: no round: neither a version column nor a round name"]
