"""``data.export``: CSV and JSON files per table, complete or not at all."""

from __future__ import annotations

import csv
import json

import pytest

from data.export import DEFAULT_TABLES, ExportError, export_tables
from tests.serve.conftest import SPEEDUP


def test_exports_csv_and_json_per_table(sample_db, tmp_path):
    path, _ = sample_db
    out = tmp_path / "exports"
    written = export_tables(path, out, ["claims", "figures"])
    assert [p.name for p in written] == ["claims.csv", "claims.json", "figures.csv", "figures.json"]
    with (out / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    assert SPEEDUP in {r["sentence"] for r in rows}
    assert list(rows[0])[:3] == ["id", "document_id", "vendor"]
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))
    assert sorted((f["metric"], f["value"], f["unit"]) for f in figures) == [("revenue", 38, "%"),
                                                                             ("revenue", 412_500_000, "USD")]


def test_default_tables_are_all_exported(sample_db, tmp_path):
    written = export_tables(sample_db[0], tmp_path)
    assert {p.stem for p in written} == set(DEFAULT_TABLES)
    assert not list(tmp_path.glob("*.partial"))


def test_csv_and_json_agree_row_for_row(sample_db, tmp_path):
    export_tables(sample_db[0], tmp_path, ["reported_values"])
    with (tmp_path / "reported_values.csv").open(encoding="utf-8", newline="") as handle:
        from_csv = sorted(float(r["value"]) for r in csv.DictReader(handle))
    from_json = sorted(r["value"] for r in json.loads((tmp_path / "reported_values.json").read_text()))
    assert from_csv == from_json == [371_200_000, 1_040_100_000]


def test_an_empty_table_gives_a_header_and_an_empty_array(tmp_path):
    from data.db import open_db

    open_db(tmp_path / "empty.db").close()
    export_tables(tmp_path / "empty.db", tmp_path / "out", ["claims"])
    assert (tmp_path / "out" / "claims.csv").read_text().startswith("id,document_id,vendor,")
    assert json.loads((tmp_path / "out" / "claims.json").read_text()) == []


def test_unknown_table_is_an_error_naming_it(sample_db, tmp_path):
    with pytest.raises(ExportError, match="no table 'claimz'"):
        export_tables(sample_db[0], tmp_path / "out", ["claims", "claimz"])
    assert not (tmp_path / "out").exists()  # checked before anything is written


def test_missing_database_is_an_error(tmp_path):
    with pytest.raises(ExportError, match="no such database"):
        export_tables(tmp_path / "nothing.db", tmp_path / "out")


def test_each_written_file_reports_its_row_count(sample_db, tmp_path):
    counts = {}
    export_tables(sample_db[0], tmp_path, ["claims", "figures"], on_written=lambda p, n: counts.update({p.name: n}))
    assert counts == {"claims.csv": 5, "claims.json": 5, "figures.csv": 2, "figures.json": 2}
