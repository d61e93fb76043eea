"""Documentation tests: metadata.yml describes every table and column of the schema, and its config is valid.

When someone adds a column to ``data/db.py`` SCHEMA without describing it,
``test_every_schema_column_is_described`` names the column.
"""

from __future__ import annotations

import re

import pytest
import yaml

from chipwatch.serve import METADATA, facet_columns
from data.db import FTS, INDEXES
from data.db import SCHEMA as CORE_SCHEMA
from data.facet_counts import COUNTED
from evidence.schema import EVIDENCE_SCHEMA

# every table the database holds: the core schema and the evidence stage's own tables
SCHEMA = {**CORE_SCHEMA, **{name: spec[:3] for name, spec in EVIDENCE_SCHEMA.items()}}
ALL_INDEXES = {**INDEXES, **{name: spec[3] for name, spec in EVIDENCE_SCHEMA.items()}}

RAW = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
DB = RAW["databases"]["chipwatch"]
TABLES = DB["tables"]


def test_metadata_has_the_site_notes():
    assert "title" not in RAW, "the title belongs to plugins/chipwatch_demo.py (it must be able to say DEMO DATA)"
    for key in ("description_html", "license", "license_url", "source", "source_url"):
        assert RAW.get(key), f"metadata.yml lacks {key}"
    assert "public domain" in RAW["license"] and "copyright" in RAW["license"]


def test_demo_database_shares_the_configuration():
    assert RAW["databases"]["demo"] == DB


@pytest.mark.parametrize("table", sorted(SCHEMA))
def test_every_schema_table_is_described(table):
    assert table in TABLES, f"metadata.yml: table {table!r} has no entry"
    assert TABLES[table].get("description"), f"metadata.yml: table {table!r} has no description"


@pytest.mark.parametrize(("table", "column"), [(t, c) for t, (cols, _, _) in sorted(SCHEMA.items()) for c in cols])
def test_every_schema_column_is_described(table, column):
    described = TABLES.get(table, {}).get("columns", {})
    assert described.get(column), f"metadata.yml: column {table}.{column} has no description"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_described_columns_facets_and_sort_exist(table):
    columns = SCHEMA[table][0]
    config = TABLES[table]
    assert set(config.get("columns", {})) <= set(columns), f"{table}: describes columns the schema lacks"
    for facet in facet_columns(config):
        assert facet in columns, f"{table}: facet {facet!r} is not a column"
    for facet in config.get("facets", []):
        if isinstance(facet, dict):
            assert list(facet) == ["counted"] and facet["counted"] in COUNTED.get(table, []), \
                f"{table}: facet {facet} is not counted ahead in data/facet_counts.py"
    for key in ("sort", "sort_desc", "label_column"):
        if key in config:
            assert config[key] in columns, f"{table}: {key} {config[key]!r} is not a column"


def test_claims_browse_by_vendor_metric_unit_product_newest_first():
    assert facet_columns(TABLES["claims"]) == ["vendor", "metric", "unit", "product"]
    assert TABLES["claims"]["sort_desc"] == "published"


@pytest.mark.parametrize("table", sorted(FTS))
def test_full_text_tables_are_configured(table):
    assert TABLES[table]["fts_table"] == f"{table}_fts"
    assert TABLES[table]["fts_pk"] == "rowid"


def test_canned_queries_have_title_description_and_sql():
    queries = DB["queries"]
    assert {"gpu_speedups", "vendor_claims", "latest_revenue", "runs_with_errors", "fetch_errors_by_source",
            "claim_groups_mentions", "search_claims", "claim", "new_claims"} <= set(queries)
    for name, query in queries.items():
        assert query.get("title") and query.get("description") and query.get("sql"), name


def test_search_query_has_the_standard_shape():
    sql = DB["queries"]["search_claims"]["sql"]
    assert re.search(r"join claims on claims\.rowid = claims_fts\.rowid", sql)
    assert "match" in sql and "order by claims_fts.rank" in sql


def test_atom_query_returns_the_columns_datasette_atom_needs():
    sql = DB["queries"]["new_claims"]["sql"]
    for column in ("atom_id", "atom_title", "atom_updated", "atom_link"):
        assert f"as {column}" in sql


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_facet_and_sort_column_is_indexed(table):
    """A facet or sort over an unindexed column scans the whole table on every page view."""
    leading = {columns[0] for columns in ALL_INDEXES.get(table, [])} | {SCHEMA[table][1]}
    config = TABLES[table]
    for column in [*facet_columns(config), config.get("sort"), config.get("sort_desc")]:
        if column:
            assert column in leading, f"data/db.py INDEXES: {table}.{column} is a facet or sort but has no index"


def test_atom_feed_limits_the_claims_it_reads():
    """The feed's claims branch stops at 100 rows read off the (published, id) index, at any size."""
    sql = DB["queries"]["new_claims"]["sql"]
    branch = sql[:sql.index("union all")]
    assert re.search(r"from \(select \* from claims order by published desc, id desc limit 100\) as claims", branch)
    assert ["published", "id"] in INDEXES["claims"]
