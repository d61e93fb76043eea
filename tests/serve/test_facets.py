"""The ``counted`` facets of claims and figures read counts kept ahead, and always agree with counting rows."""

from __future__ import annotations

import sqlite3

import pytest

from data.facet_counts import COUNTED
from tests.serve.conftest import get, make_datasette


def facets(datasette, path: str) -> dict:
    data = get(datasette, path).json()
    return {name: ({row["value"]: row["count"] for row in facet["results"]}, facet["type"])
            for name, facet in data["facet_results"].items()}


def counted_by_rows(datasette, path: str, column: str) -> dict:
    """The same facet as Datasette's own column facet: counted over the matching rows."""
    sep = "&" if "?" in path else "?"
    data = get(datasette, f"{path}{sep}_facet={column}&_facet_size=max").json()
    return {row["value"]: row["count"] for row in data["facet_results"][column]["results"]}


@pytest.mark.parametrize("table", ["claims", "figures"])
def test_counted_facets_agree_with_counting_rows_unfiltered_and_filtered(datasette, table):
    unfiltered = facets(datasette, f"/chipwatch/{table}.json?_facet_size=max")
    # shown as plain column facets; that they read the kept counts is the next test's business
    assert set(unfiltered) == set(COUNTED[table]) and {kind for _, kind in unfiltered.values()} == {"column"}
    for column, (counts, _) in unfiltered.items():
        assert counts == counted_by_rows(datasette, f"/chipwatch/{table}.json", column)
        for value in counts:  # one equality filter: read from the counts within that value
            filtered = facets(datasette, f"/chipwatch/{table}.json?{column}={value}&_facet_size=max")
            for other, (other_counts, _) in filtered.items():
                assert other_counts == counted_by_rows(datasette, f"/chipwatch/{table}.json?{column}={value}", other)


def test_the_page_reads_the_counts_kept_ahead_and_counts_rows_when_they_cannot_answer(sample_db):
    path = sample_db[0]
    conn = sqlite3.connect(path)
    with conn:  # a visible mark: nothing but the kept counts could show 999
        conn.execute("update facet_counts set count = 999 where tbl = 'claims' and within = '' and facet = 'vendor' "
                     "and value = 'lumenar'")
    conn.close()
    datasette = make_datasette(path)
    assert facets(datasette, "/chipwatch/claims.json")["vendor"][0]["lumenar"] == 999
    # a search, two filters or a range: the rows are counted as Datasette does
    assert facets(datasette, "/chipwatch/claims.json?_search=faster")["vendor"][0].get("lumenar") != 999
    assert facets(datasette, "/chipwatch/claims.json?vendor=lumenar&unit=x")["vendor"][0]["lumenar"] != 999
    assert facets(datasette, "/chipwatch/claims.json?value__gt=0")["vendor"][0]["lumenar"] != 999


def test_a_database_without_the_counts_falls_back_to_counting_rows(sample_db):
    path = sample_db[0]
    conn = sqlite3.connect(path)
    with conn:
        for (name,) in conn.execute("select name from sqlite_master where type = 'trigger' and name like "
                                    "'facet_counts_claims%'").fetchall():
            conn.execute(f"drop trigger [{name}]")
        conn.execute("delete from facet_counts")
    conn.close()
    datasette = make_datasette(path)
    assert facets(datasette, "/chipwatch/claims.json")["vendor"][0] == counted_by_rows(datasette, "/chipwatch/claims.json",
                                                                                       "vendor")
