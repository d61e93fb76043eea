"""The pure EDGAR parsers, on our fictional fixtures (tests/fixtures/site) and small inline samples."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crawler.edgar import urls
from crawler.edgar.index import parse_index_html, parse_index_json, wanted_documents
from crawler.edgar.submissions import (
    EdgarFormatError,
    FilesPage,
    normalise_cik,
    parse_columns,
    parse_submissions,
)
from crawler.edgar.text import extract_text, guess_title
from crawler.edgar.xbrl import reported_rows
from tests.conftest import SITE

SUBMISSIONS = SITE / "data.sec.gov" / "submissions"
ARCHIVES = SITE / "www.sec.gov" / "Archives" / "edgar" / "data"
HORIZON = date(2024, 1, 1)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


# --- CIKs and URLs -----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["0009900002", "9900002", 9900002, " 9900002 "])
def test_every_cik_spelling_normalises_to_ten_digits(value):
    assert normalise_cik(value) == "0009900002"


@pytest.mark.parametrize("value", [None, "", "CIK123", True, "12345678901"])
def test_unusable_cik_is_none(value):
    assert normalise_cik(value) is None


def test_urls_pad_the_cik_for_data_and_not_for_archives():
    assert urls.submissions_url("https://data.sec.gov", "0009900001") == \
        "https://data.sec.gov/submissions/CIK0009900001.json"
    assert urls.companyfacts_url("https://data.sec.gov", 9900001) == \
        "https://data.sec.gov/api/xbrl/companyfacts/CIK0009900001.json"
    assert urls.index_html_url("https://www.sec.gov", "0009900001", "0009900001-26-000005") == \
        "https://www.sec.gov/Archives/edgar/data/9900001/000990000126000005/0009900001-26-000005-index.html"


# --- submissions ---------------------------------------------------------------------------------

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


# --- filing index ----------------------------------------------------------------------------------

def test_index_html_maps_exhibit_types_to_file_names():
    html = (ARCHIVES / "9900001" / "000990000126000005" / "0009900001-26-000005-index.html").read_text()
    index = parse_index_html(html)
    assert index.form == "8-K"
    assert index.filing_date == "2026-02-12"
    assert index.items == ["2.02", "9.01"]
    assert [(d.type, d.filename) for d in index.documents] == [
        ("8-K", "aurs-20260212.htm"),  # linked through /ix?doc=..., name taken from the link text
        ("EX-99.1", "aurs-q4fy25pr.htm"),
        ("EX-99.2", "aurs-q4fy25cfocommentary.htm"),
        (None, "0009900001-26-000005.txt"),  # the complete submission file has no type
    ]


def test_wanted_documents_are_primary_then_press_exhibits():
    html = (ARCHIVES / "9900001" / "000990000126000005" / "0009900001-26-000005-index.html").read_text()
    wanted = wanted_documents(parse_index_html(html), "aurs-20260212.htm", "8-K")
    assert [(w.filename, w.type, w.primary) for w in wanted] == [
        ("aurs-20260212.htm", "8-K", True), ("aurs-q4fy25pr.htm", "EX-99.1", False),
        ("aurs-q4fy25cfocommentary.htm", "EX-99.2", False)]


def test_primary_document_found_by_form_when_submissions_lacks_it():
    html = (ARCHIVES / "9900002" / "000990000225000004" / "0009900002-25-000004-index.html").read_text()
    index = parse_index_html(html)
    assert index.items == ["8.01", "9.01"]  # the drifted submissions JSON had no items array
    wanted = wanted_documents(index, None, "8-K")
    assert [(w.filename, w.primary) for w in wanted] == [("borc-20250507.htm", True), ("borc-ex991.htm", False)]


def test_other_exhibits_and_non_text_formats_are_not_wanted():
    html = """<table class="tableFile" summary="Document Format Files"><tr><th>Seq</th></tr>
    <tr><td>1</td><td>8-K</td><td><a href="/x/a.htm">a.htm</a></td><td>8-K</td><td>10</td></tr>
    <tr><td>2</td><td>AGREEMENT</td><td><a href="/x/b.htm">b.htm</a></td><td>EX-10.1</td><td>10</td></tr>
    <tr><td>3</td><td>SLIDES</td><td><a href="/x/c.pdf">c.pdf</a></td><td>EX-99.3</td><td>10</td></tr>
    <tr><td>4</td><td>RELEASE</td><td><a href="/x/d.htm">d.htm</a></td><td>EX-99</td><td>10</td></tr></table>"""
    wanted = wanted_documents(parse_index_html(html), "a.htm", "8-K")
    assert [w.filename for w in wanted] == ["a.htm", "d.htm"]


def test_a_page_without_the_table_gives_no_documents():
    assert parse_index_html("<html><body>Not an index</body></html>").documents == []


def test_index_json_lists_file_names():
    names = parse_index_json(load(ARCHIVES / "9900001" / "000990000126000005" / "index.json"))
    assert "aurs-q4fy25pr.htm" in names and "0009900001-26-000005-index.html" in names
    assert parse_index_json({"unexpected": True}) == []


# --- document text -----------------------------------------------------------------------------------

def test_inline_xbrl_text_drops_the_hidden_header_and_page_numbers():
    html = (ARCHIVES / "9900001" / "000990000126000005" / "aurs-20260212.htm").read_bytes()
    text = extract_text(html)
    assert text.startswith("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION")
    assert "FORM 8-K" in text
    assert "0009900001" not in text  # dei:EntityCentralIndexKey lives in the hidden ix:header
    assert "\n1\n" not in f"\n{text}\n"  # the page number


def test_press_release_text_and_title():
    html = (ARCHIVES / "9900001" / "000990000126000005" / "aurs-q4fy25pr.htm").read_bytes()
    text = extract_text(html)
    assert "• Record quarterly revenue of $412.6 million, up 38% from a year ago and up 9% from Q3" in text
    assert "Revenue $ 412.6 $ 299.0" in text  # a table row stays on one line
    assert guess_title(text) == "Aurora Silicon Reports Fourth Quarter and Fiscal 2025 Financial Results"


def test_title_skips_exhibit_labels_and_contact_blocks():
    html = (ARCHIVES / "9900002" / "000990000225000004" / "borc-ex991.htm").read_bytes()
    assert guess_title(extract_text(html)) == "Borealis Compute Closes Initial Public Offering"


def test_empty_or_broken_html_gives_empty_text():
    assert extract_text(b"") == ""
    assert extract_text("<html><head><title>x</title></head></html>") == ""


# --- companyfacts ------------------------------------------------------------------------------------

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
