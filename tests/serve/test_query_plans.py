"""Canned queries and feeds that must stay fast at a million claims read their order off an index.

SQLite's plan says "USE TEMP B-TREE FOR ORDER BY" when it sorts every matching row before the
first one comes out; at a million claims that is what timed the Atom feed out (issue 8). Plans depend
on table statistics, so they are checked against those of a million-claim database.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from chipwatch.serve import facet_columns, load_metadata
from data.db import open_db

QUERIES = load_metadata()["databases"]["chipwatch"]["queries"]
TABLES = load_metadata()["databases"]["chipwatch"]["tables"]


STATS = Path(__file__).parent / "fixtures" / "sqlite_stat1_1m_claims.json"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """An empty chipwatch.db that SQLite plans for as if it held a million claims (their statistics)."""
    path = tmp_path_factory.mktemp("plans") / "chipwatch.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("delete from sqlite_stat1")
    conn.executemany("insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)",
                     json.loads(STATS.read_text(encoding="utf-8"))["rows"])
    conn.commit()
    conn.close()
    database = sqlite3.connect(path)  # statistics are read when a connection opens
    yield database
    database.close()


def _plan(db, sql: str) -> list[str]:
    params = {"vendor": "lumenar", "q": "x", "id": "x"}
    return [row[3] for row in db.execute(f"explain query plan {sql}", params).fetchall()]


@pytest.mark.parametrize(("query", "index"), [
    ("new_claims", "idx_claims_published_id"),
    ("vendor_claims_feed", "idx_claims_vendor_published_metric"),
    ("claim_groups_mentions", "idx_claim_groups_mentions_first_published_id"),
    ("vendor_claims", "idx_claims_vendor_published_metric"),
])
def test_the_query_reads_its_order_off_an_index(db, query, index):
    plan = _plan(db, QUERIES[query]["sql"])
    assert any(index in step for step in plan), plan
    claims_sorts = [step for step in plan if step == "USE TEMP B-TREE FOR ORDER BY"]
    # the feeds' outer ORDER BY sorts at most 100 rows (+1 status row); the vendor subquery in vendor_claims
    # sorts the vendors table; nothing sorts the claims
    assert len(claims_sorts) <= (0 if query == "claim_groups_mentions" else 1), plan


@pytest.mark.parametrize(("table", "column"), [("claims", c) for c in facet_columns(TABLES["claims"])]
                         + [("figures", c) for c in facet_columns(TABLES["figures"])])
def test_a_filtered_streamed_export_reads_each_page_as_a_range(db, table, column):
    """The SQL Datasette runs for page two of ``<table>.csv?_stream=on&<column>=…`` once sorted by id."""
    sql = (f'select * from {table} where "{column}" = :v and ("id" > :p0 or ("id" = :p0 and "id" > :p1)) '
           'order by "id", "id" limit 2001')
    plan = [row[3] for row in db.execute(f"explain query plan {sql}", {"v": "x", "p0": "a", "p1": "a"})]
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
