"""``crawler.edgar.index``: filing index pages and folder listings -> the documents we fetch."""

from __future__ import annotations

import json

from crawler.edgar.index import parse_index_html, parse_index_json, wanted_documents
from tests.conftest import SITE

ARCHIVES = SITE / "www.sec.gov" / "Archives" / "edgar" / "data"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


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
