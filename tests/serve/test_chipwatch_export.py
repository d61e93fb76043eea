"""Streamed CSV exports (``.csv?_stream=on``) hold every row exactly once, at any size.

Datasette 0.65 pages the stream by the table's sort; claims sort by ``published``,
which many rows share, and the first page lacked the primary-key tie-breaker.
``plugins/chipwatch_export.py`` sorts streamed table exports by the primary key.
"""

from __future__ import annotations

import csv
import io

import pytest

from chipwatch.serve import SETTINGS
from data.db import open_db
from data.store import short_hash
from tests.serve.conftest import get, make_datasette

CLAIMS = 4_500  # more than two pages of max_returned_rows (2000)


@pytest.fixture(scope="module")
def many_claims(tmp_path_factory):
    """A chipwatch.db with CLAIMS claims on nine publication dates: most rows share their sort value."""
    path = tmp_path_factory.mktemp("stream") / "chipwatch.db"
    db = open_db(path)
    db["documents"].insert({"id": "doc-1", "url": "https://example.com/a", "vendor": "lumenar", "title": "A"})
    db["claims"].insert_all({
        "id": short_hash("claim", n), "document_id": "doc-1", "vendor": "lumenar", "metric": "speed",
        "value": n, "unit": "x", "raw": f"{n}x faster", "sentence": f"It is {n}x faster.",
        "published": f"2026-0{1 + n % 9}-01" if n % 50 else None,  # a few without a date, too
    } for n in range(CLAIMS))
    db.close()
    return path


def _csv_ids(response) -> list[str]:
    assert response.status_code == 200
    return [row["id"] for row in csv.DictReader(io.StringIO(response.text))]


def test_a_streamed_csv_of_a_table_has_every_row_exactly_once(many_claims):
    ids = _csv_ids(get(make_datasette(many_claims), "/chipwatch/claims.csv?_stream=on&_labels=off"))
    assert len(ids) == CLAIMS
    assert set(ids) == {short_hash("claim", n) for n in range(CLAIMS)}


def test_an_explicit_sort_does_not_break_a_streamed_export(many_claims):
    ids = _csv_ids(get(make_datasette(many_claims), "/chipwatch/claims.csv?_stream=on&_sort_desc=published"))
    assert len(ids) == len(set(ids)) == CLAIMS


def test_a_filtered_streamed_export_is_exact(many_claims):
    ids = _csv_ids(get(make_datasette(many_claims), "/chipwatch/claims.csv?_stream=on&published=2026-03-01"))
    expected = {short_hash("claim", n) for n in range(CLAIMS) if n % 9 == 2 and n % 50}
    assert len(ids) == len(expected) and set(ids) == expected


def test_the_html_page_keeps_its_newest_first_sort(many_claims):
    rows = get(make_datasette(many_claims), "/chipwatch/claims.json?_shape=array").json()
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)


def test_csv_exports_are_never_cut_by_size():
    assert SETTINGS["max_csv_mb"] == "0"  # Datasette's default cuts at 100 MB, silently


def test_the_csv_link_of_a_long_table_streams_every_row(many_claims):
    import re

    ds = make_datasette(many_claims)
    html = get(ds, "/chipwatch/claims?metric=speed").text
    link = re.search(r'<p class="export-links">.*?<a href="([^"]+)">CSV</a>', html, re.S).group(1).replace("&amp;", "&")
    assert "_stream=on" in link
    assert len(_csv_ids(get(ds, link))) == CLAIMS


def test_a_query_page_says_when_its_downloads_are_partial(many_claims):
    ds = make_datasette(many_claims)
    assert "chipwatch-partial-export" in get(ds, "/chipwatch/vendor_claims?vendor=lumenar").text  # 4,500 > 2,000
    assert "chipwatch-partial-export" not in get(ds, "/chipwatch/search_claims?q=faster").text  # limit 200
