"""The demo's MLPerf round: real summary.csv format, demo-marked, served where demo_env points the mlperf
spider, and lined up with the demo release that cites it."""

from __future__ import annotations

import urllib.request

from chipwatch.demo import DEMO_SITE, demo_env, start_demo_server
from data.db import open_db
from demo.mlperf import DEMO_NOTE, load_round, mlperf_files
from evidence.benchmarks import load_summary
from evidence.mlperf import parse_summary

[(SUMMARY_PATH, SUMMARY)] = mlperf_files(load_round()).items()


def test_the_round_parses_as_a_v6_summary_with_every_row_marked_demo_data():
    rows, problems = parse_summary(SUMMARY)
    assert not problems
    assert {row["round"] for row in rows} == {"v6.0"}
    assert {row["organization"] for row in rows} == {"Lumenar Systems", "Quillon Semiconductor"}
    assert SUMMARY.decode().count(DEMO_NOTE) == len(rows)
    assert SUMMARY.startswith(b'"Organization","Availability","Division"')  # every field quoted, as in v6.x


def test_every_row_has_its_accelerator_count_so_per_chip_ratios_can_be_computed():
    rows, _ = parse_summary(SUMMARY)
    assert all(row["total_accelerators"] for row in rows)
    assert {row["total_accelerators"] for row in rows if row["organization"] == "Quillon Semiconductor"} == {16}


def test_the_generated_site_holds_the_round(tmp_path):
    assert (DEMO_SITE / SUMMARY_PATH).read_bytes() == SUMMARY
    assert load_summary(open_db(tmp_path / "demo.db"), "http://demo/summary.csv", SUMMARY).rows == 8


def test_demo_env_points_the_mlperf_spider_at_the_served_round():
    server = start_demo_server()
    try:
        url = demo_env(server, base={})["CHIPWATCH_MLPERF_ROUNDS"]
        assert url == f"{server.url}/{SUMMARY_PATH}"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.read() == SUMMARY
    finally:
        server.stop()
