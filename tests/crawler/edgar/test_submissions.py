"""``crawler.edgar.submissions``: submissions JSON in its current and drifted shapes (fictional fixtures, real layout)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crawler.edgar.submissions import (
    EdgarFormatError,
    FilesPage,
    parse_columns,
    parse_submissions,
)
from tests.conftest import SITE

SUBMISSIONS = SITE / "data.sec.gov" / "submissions"


HORIZON = date(2024, 1, 1)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_current_schema_zips_the_columnar_arrays():
    parsed = parse_submissions(load(SUBMISSIONS / "CIK0009900001.json"))
    assert parsed.cik == "0009900001"
    assert parsed.name == "AURORA SILICON, INC."
    assert parsed.problems == []
    earnings = next(f for f in parsed.filings if f.accession == "0009900001-26-000005")
    assert (earnings.form, earnings.filing_date, earnings.items) == ("8-K", "2026-02-12", "2.02,9.01")
    assert earnings.primary_document == "aurs-20260212.htm"
    assert earnings.acceptance_datetime == "2026-02-12T21:05:11.000Z"


def test_horizon_keeps_tracked_forms_filed_since_oldest_first():
    parsed = parse_submissions(load(SUBMISSIONS / "CIK0009900001.json"))
    tracked = parsed.tracked_since(HORIZON)
    assert [(f.form, f.filing_date) for f in tracked] == [
        ("10-K", "2025-02-21"), ("8-K", "2025-09-16"), ("10-Q", "2025-11-06"), ("8-K", "2026-02-12")]
    # Form 4 and DEF 14A are in the arrays but not tracked
    assert {"4", "DEF 14A"} <= {f.form for f in parsed.filings}


def test_drift_variant_int_cik_and_missing_optional_arrays():
    raw = load(SUBMISSIONS / "CIK0009900002.json")
    assert isinstance(raw["cik"], int) and "items" not in raw["filings"]["recent"]
    parsed = parse_submissions(raw)
    assert parsed.cik == "0009900002"
    assert parsed.problems == []
    assert parsed.pages == []  # no "files" key at all
    assert {f.form for f in parsed.tracked_since(HORIZON)} == {"S-1", "S-1/A", "424B4", "8-K"}
    assert all(f.items is None for f in parsed.filings)


def test_unpadded_string_cik_and_extra_array():
    parsed = parse_submissions(load(SUBMISSIONS / "CIK0009900003.json"))
    assert parsed.cik == "0009900003"
    assert parsed.problems == []
    assert [f.form for f in parsed.tracked_since(HORIZON)] == ["20-F", "6-K", "6-K"]


def test_files_pages_are_followed_only_when_they_reach_the_horizon():
    aurora = parse_submissions(load(SUBMISSIONS / "CIK0009900001.json"))
    cygnus = parse_submissions(load(SUBMISSIONS / "CIK0009900003.json"))
    assert [p.may_hold_since(HORIZON) for p in aurora.pages] == [True]  # filingTo 2024-03-28
    assert [p.may_hold_since(HORIZON) for p in cygnus.pages] == [False]  # filingTo 2019-04-25
    assert FilesPage(name="CIK1-submissions-001.json").may_hold_since(HORIZON)  # no filingTo: cannot rule out


def test_a_files_page_is_flat_arrays():
    page = parse_submissions(load(SUBMISSIONS / "CIK0009900001-submissions-001.json"))
    assert page.pages == []
    assert [(f.accession, f.form) for f in page.tracked_since(HORIZON)] == [("0009900001-24-000012", "8-K")]
    assert len(page.filings) == 3


def test_missing_required_array_is_a_problem_not_a_crash():
    rows, problems = parse_columns({"accessionNumber": ["0009900001-26-000005"], "filingDate": ["2026-02-12"]})
    assert rows == []
    assert problems == ["filings.recent has no form array"]


def test_ragged_arrays_and_bad_rows_are_reported_and_skipped():
    columns = {
        "accessionNumber": ["0009900001-26-000005", "not-an-accession", "0009900001-25-000031"],
        "form": ["8-K", "8-K", "10-Q"],
        "filingDate": ["2026-02-12", "2026-02-11", "11/06/2025"],
        "items": ["2.02,9.01"],
    }
    rows, problems = parse_columns(columns)
    assert [r.accession for r in rows] == ["0009900001-26-000005"]
    assert "filings.recent.items has 1 entries, accessionNumber has 3" in problems
    assert sum("lacks a valid accession number" in p for p in problems) == 2


@pytest.mark.parametrize("data", [[], {"cik": 1}, {"filings": {"recent": None}}])
def test_not_a_submissions_object_raises_a_named_error(data):
    with pytest.raises(EdgarFormatError):
        parse_submissions(data)
