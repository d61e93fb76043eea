"""``crawler.edgar.xbrl``: companyfacts -> reported values."""

from __future__ import annotations

import json
from datetime import date

from crawler.edgar.xbrl import reported_rows
from tests.conftest import SITE

HORIZON = date(2024, 1, 1)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_companyfacts_rows_for_curated_tags_within_the_horizon():
    data = load(SITE / "data.sec.gov" / "api" / "xbrl" / "companyfacts" / "CIK0009900001.json")
    rows, problems = reported_rows(data, vendor="aurora", cik="0009900001", since=HORIZON)
    assert problems == []
    assert {r["metric"] for r in rows} == {"revenue", "net_income", "eps_diluted", "cash", "shares_outstanding"}
    assert all(r["filed"] >= "2024-01-01" for r in rows)  # the 2023 10-K's facts are outside the horizon
    q3 = next(r for r in rows if r["metric"] == "revenue" and r["frame"] == "CY2025Q3")
    assert q3 == {"vendor": "aurora", "cik": "0009900001", "taxonomy": "us-gaap", "tag": "Revenues",
                  "metric": "revenue", "unit": "USD", "value": 378500000.0, "start": "2025-06-29",
                  "end": "2025-09-27", "fy": 2025, "fp": "Q3", "form": "10-Q", "filed": "2025-11-06",
                  "frame": "CY2025Q3", "accession": "0009900001-25-000031"}
    cash = next(r for r in rows if r["metric"] == "cash")
    assert cash["start"] is None  # an instant


def test_ifrs_filer_and_malformed_facts():
    data = load(SITE / "data.sec.gov" / "api" / "xbrl" / "companyfacts" / "CIK0009900003.json")
    rows, _ = reported_rows(data, vendor="cygnus", cik="0009900003", since=HORIZON)
    assert {(r["taxonomy"], r["metric"]) for r in rows} == {("ifrs-full", "revenue"), ("ifrs-full", "net_income")}
    broken = {"cik": "9900003", "facts": {"us-gaap": {"Revenues": {"units": {"USD": [{"end": "2025-01-01"}, 7]}}}}}
    rows, problems = reported_rows(broken, vendor="cygnus", cik="0009900003", since=HORIZON)
    assert rows == [] and problems == ["companyfacts: 2 facts of curated tags lack end, val or filed"]
    assert reported_rows({"cik": 1}, vendor="x", cik="0000000001", since=HORIZON)[1] == [
        "companyfacts has no 'facts' object"]
