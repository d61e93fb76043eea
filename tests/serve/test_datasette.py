"""Datasette over a populated database, through its in-process client, configured like ``chipwatch serve``."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from data.db import open_db
from tests.serve.conftest import SPEEDUP, WIRE_URL, get, make_datasette, populate

ATOM = "{http://www.w3.org/2005/Atom}"


def test_home_page_shows_title_description_and_licence(datasette):
    response = get(datasette, "/")
    assert response.status_code == 200
    assert "<h1>chipwatch</h1>" in response.text
    assert "DEMO DATA" not in response.text
    assert "public domain" in response.text


def test_table_page_shows_table_and_column_descriptions(datasette):
    html = get(datasette, "/chipwatch/claims").text
    assert "Performance claims found in documents" in html
    assert "Hedge words kept from the text" in html


def test_claims_default_to_facets_and_newest_first(datasette):
    data = get(datasette, "/chipwatch/claims.json").json()
    assert set(data["facet_results"]) == {"vendor", "metric", "unit", "product"}
    vendors = {row["value"]: row["count"] for row in data["facet_results"]["vendor"]["results"]}
    assert vendors == {"lumenar": 4, "quillon": 1}
    published = [row["published"] for row in get(datasette, "/chipwatch/claims.json?_shape=objects").json()["rows"]]
    assert published == sorted(published, reverse=True)


def test_facet_filter_narrows_claims(datasette):
    rows = get(datasette, "/chipwatch/claims.json?_shape=array&unit=tokens%2Fs").json()
    assert [(r["value"], r["hedge"]) for r in rows] == [(1800, "up to")]


@pytest.mark.parametrize(("table", "search", "expected"), [
    ("claims", "flagship", 3),
    ("claims", "6.9x faster", 3),
    ("claims", "eight-GPU", 1),
    ("figures", "revenue", 2),
    ("documents", "Wafer Engine", 3),
    ("claims", "nonexistentword", 0),
])
def test_table_search_box_uses_full_text_search(datasette, table, search, expected):
    data = get(datasette, f"/chipwatch/{table}.json?_shape=objects&_search={search}").json()
    assert len(data["rows"]) == expected


def test_search_form_is_on_the_claims_page(datasette):
    assert 'name="_search"' in get(datasette, "/chipwatch/claims").text


def test_label_column_names_the_vendor_in_foreign_key_links(datasette):
    html = get(datasette, "/chipwatch/claims").text
    assert ">Lumenar Systems</a>" in html


def test_claims_table_links_each_sentence_to_its_context(datasette, sample_db):
    _, ids = sample_db
    html = get(datasette, "/chipwatch/claims").text
    assert f'href="/chipwatch/-/claim/{ids["first_claim"]}"' in html


@pytest.mark.parametrize(("query", "params", "check"), [
    ("gpu_speedups", "", lambda rows: {r["value"] for r in rows} == {6.9, 7.0} and len(rows) == 4
     and WIRE_URL in {r["source_url"] for r in rows}),
    ("vendor_claims", "vendor=lumenar", lambda rows: len(rows) == 4 and rows[0]["published"] == "2026-03-10"),
    ("vendor_claims", "vendor=Quillon+Semiconductor", lambda rows: [r["product"] for r in rows] == ["Q7"]),
    ("latest_revenue", "", lambda rows: rows[0]["xbrl_quarter_revenue"] == 371_200_000
     and rows[0]["text_revenue"] == 412_500_000 and rows[0]["vendor"] == "Quillon Semiconductor"),
    ("runs_with_errors", "", lambda rows: [(r["status"], r["failing_sources"]) for r in rows]
     == [("failed", "quillon-feed")]),
    ("fetch_errors_by_source", "", lambda rows: rows[0]["source"] == "quillon-feed" and rows[0]["errors"] == 1
     and "503" in rows[0]["last_reason"]),
    ("claim_groups_mentions", "", lambda rows: len(rows) == 3 and {r["kind"] for r in rows}
     == {"press_release", "news", "filing"}),
    ("search_claims", "q=tokens+per+second", lambda rows: [r["value"] for r in rows] == [1800]),
    ("search_claims", "q=", lambda rows: rows == []),
    ("new_claims", "", lambda rows: len(rows) == 5 and rows[0]["atom_updated"] == "2026-03-10T14:30:00Z"),
])
def test_canned_queries_answer(datasette, query, params, check):
    response = get(datasette, f"/chipwatch/{query}.json?_shape=array&{params}")
    assert response.status_code == 200, response.text
    assert check(response.json()), response.json()


def test_every_canned_query_page_renders(datasette, sample_db):
    _, ids = sample_db
    queries = get(datasette, "/chipwatch.json").json()["queries"]
    assert len(queries) >= 9
    for query in queries:
        response = get(datasette, f"/chipwatch/{query['name']}?vendor=lumenar&q=GPU&id={ids['first_claim']}")
        assert response.status_code == 200, query["name"]
        assert "message-error" not in response.text, query["name"]


def test_claim_page_shows_sentence_in_context_with_source_link(datasette, sample_db):
    _, ids = sample_db
    html = get(datasette, f"/chipwatch/claim?id={ids['first_claim']}").text
    assert "Lumenar Systems today introduced the LX-3." in html  # text before the sentence
    assert "<strong>The LX-3 Wafer Engine runs a 70B model <mark>6.9x faster than the leading flagship GPU</mark>" in html
    assert 'href="https://newsroom.lumenar.example/news/lumenar-lx3-wafer-engine"' in html


def test_atom_feed_of_new_claims(datasette):
    response = get(datasette, "/chipwatch/new_claims.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    feed = ET.fromstring(response.text)
    assert feed.findtext(f"{ATOM}title") == "chipwatch — new claims"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Quillon Semiconductor: nearly seven times the throughput per watt of an eight-GPU server" in titles
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert "https://ir.quillon.example/news/quillon-q4-2025-results" in links


def test_csv_export_of_a_table(datasette):
    response = get(datasette, "/chipwatch/claims.csv?_labels=off&_size=max")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5
    assert {r["sentence"] for r in rows} >= {SPEEDUP}


def test_csv_export_of_a_canned_query(datasette):
    response = get(datasette, "/chipwatch/gpu_speedups.csv")
    assert response.status_code == 200
    header = next(csv.reader(io.StringIO(response.text)))
    assert header[:4] == ["published", "vendor", "product", "hedge"]


def test_json_export_of_a_table(datasette):
    rows = get(datasette, "/chipwatch/figures.json?_shape=array&_sort=start").json()
    assert [(r["metric"], r["value"], r["unit"]) for r in rows] == [("revenue", 412_500_000, "USD"),
                                                                    ("revenue", 38, "%")]


def test_title_says_demo_data_when_the_database_holds_demo_rows(tmp_path):
    path = tmp_path / "demo.db"
    db = open_db(path)
    populate(db, demo=True)
    db.close()
    ds = make_datasette(path)
    home = get(ds, "/").text
    assert "<h1>chipwatch — DEMO DATA (fictional vendors)</h1>" in home
    assert "DEMO DATA: every vendor" in get(ds, "/demo/claims").text  # the banner script on table pages
    assert get(ds, "/demo/gpu_speedups.json?_shape=array").json()  # the demo name gets the same queries


def test_title_changes_once_demo_rows_arrive(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    populate(db)
    ds = make_datasette(path)
    assert "<h1>chipwatch</h1>" in get(ds, "/").text
    db.execute("update runs set demo = 1 where id = 1")
    db.conn.commit()
    db.close()
    assert "DEMO DATA" in get(ds, "/").text


def test_an_empty_database_serves(tmp_path):
    path = tmp_path / "chipwatch.db"
    open_db(path).close()
    ds = make_datasette(path)
    assert get(ds, "/").status_code == 200
    assert get(ds, "/chipwatch").status_code == 200
    assert get(ds, "/chipwatch/claims").status_code == 200
    assert get(ds, "/chipwatch/gpu_speedups.json?_shape=array").json() == []
    assert [r["atom_id"] for r in get(ds, "/chipwatch/new_claims.json?_shape=array").json()] == [
        "chipwatch:no-claims-yet"]


def test_canned_query_pages_link_claims_and_groups(datasette, sample_db):
    _, ids = sample_db
    html = get(datasette, "/chipwatch/claim_groups_mentions").text
    assert f'href="/chipwatch/claim_groups/{ids["group"]}"' in html
    assert f'href="/chipwatch/-/claim/{ids["first_claim"]}"' in html
    assert get(datasette, f"/chipwatch/claim_groups/{ids['group']}").status_code == 200


def test_atom_feed_of_an_empty_database_says_there_are_no_claims_yet(tmp_path):
    path = tmp_path / "chipwatch.db"
    open_db(path).close()
    response = get(make_datasette(path), "/chipwatch/new_claims.atom")
    assert response.status_code == 200
    entries = ET.fromstring(response.text).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["chipwatch has no claims yet"]


def test_atom_feed_holds_the_newest_hundred_claims(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    db["documents"].insert({"id": "doc-1", "url": "https://example.com/a", "title": "A"})
    db["claims"].insert_all({"id": f"c{n:03}", "document_id": "doc-1", "raw": f"{n}x", "sentence": f"{n}x.",
                             "published": f"2026-01-01T00:{n // 60:02}:{n % 60:02}Z"} for n in range(150))
    db.close()
    rows = get(make_datasette(path), "/chipwatch/new_claims.json?_shape=array").json()
    assert [r["atom_id"] for r in rows] == [f"c{n:03}" for n in range(149, 49, -1)]


def test_column_notes_are_folded_away_on_table_pages(datasette):
    html = get(datasette, "/chipwatch/claims").text
    details = re.search(r"<details class=\"column-descriptions-toggle\">\s*<summary>About the (\d+) columns</summary>",
                        html)
    assert details and int(details.group(1)) == 19
    assert html.index("column-descriptions-toggle") < html.index("Hedge words kept from the text")


def test_long_sentences_are_cut_in_table_rows_but_whole_on_the_claim_page(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    long_sentence = "The X-9 is 5x faster " + "and also much better " * 30 + "than before."
    db["documents"].insert({"id": "doc-1", "url": "https://example.com/a", "title": "A", "text": long_sentence})
    db["claims"].insert({"id": "c1", "document_id": "doc-1", "raw": "5x faster", "sentence": long_sentence,
                         "start": 11, "end": 20, "unit": "x", "value": 5})
    db.close()
    ds = make_datasette(path)
    row = get(ds, "/chipwatch/claims").text
    assert long_sentence not in row and "… <a class=\"chipwatch-context\"" in row
    claim_page = get(ds, "/chipwatch/-/claim/c1").text
    assert "<mark>5x faster</mark>" + long_sentence[20:] in claim_page


@pytest.mark.parametrize("feed", ["/chipwatch/new_claims.atom", "/chipwatch/vendor_claims_feed.atom?vendor=hostile"])
def test_feeds_link_only_to_http_urls(tmp_path, feed):
    """A document whose stored canonical URL is javascript: must not hand that link to a feed reader."""
    from tests.serve.conftest import populate_hostile

    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    populate_hostile(db)
    db.close()
    response = get(make_datasette(path), feed)
    assert response.status_code == 200, response.text[:300]
    links = [e.find(f"{ATOM}link").get("href") for e in ET.fromstring(response.text).findall(f"{ATOM}entry")]
    assert links and all(link.startswith(("http://", "https://", "/")) for link in links), links
