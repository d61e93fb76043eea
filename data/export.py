"""Write tables of the database to files: one CSV and one JSON array per table.

``make export`` (``chipwatch export``) writes ``data/exports/claims.csv``,
``data/exports/claims.json`` and so on. Each file is written beside its final
name and renamed into place, so an interrupted export never leaves a
half-written file where a reader expects a whole one.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import sqlite_utils

DEFAULT_TABLES = ("claims", "figures", "claim_groups", "reported_values", "filings", "vendors")
DEFAULT_OUT_DIR = Path("data/exports")


class ExportError(ValueError):
    """The database or a requested table does not exist."""


def export_tables(db_path: str | Path, out_dir: str | Path = DEFAULT_OUT_DIR,
                  tables: Iterable[str] = DEFAULT_TABLES,
                  on_written: Callable[[Path, int], None] | None = None) -> list[Path]:
    """Write ``<table>.csv`` and ``<table>.json`` for each table into ``out_dir``; return the paths.

    Each file is one read of the table, so it holds every row exactly once; ``on_written(path, rows)``
    is called after each file (``chipwatch export`` can print the row counts with it).

    >>> export_tables("data/chipwatch.db", "data/exports", ["claims"])  # doctest: +SKIP
    [PosixPath('data/exports/claims.csv'), PosixPath('data/exports/claims.json')]
    """
    db_path, out_dir = Path(db_path), Path(out_dir)
    if not db_path.is_file():
        raise ExportError(f"{db_path}: no such database (run `chipwatch crawl` first)")
    db = sqlite_utils.Database(db_path)
    try:
        tables = list(tables)
        missing = [t for t in tables if not db[t].exists()]
        if missing:
            raise ExportError(f"{db_path}: no table {missing[0]!r} (tables: {', '.join(db.table_names())})")
        out_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for table in tables:
            columns = list(db[table].columns_dict)
            for suffix in ("csv", "json"):
                path, counted = out_dir / f"{table}.{suffix}", _Counted(db[table].rows)
                chunks = _csv_lines(columns, counted) if suffix == "csv" else _json_chunks(counted)
                written.append(_write_atomically(path, chunks))
                if on_written:
                    on_written(path, counted.count)
        return written
    finally:
        db.close()


def _csv_lines(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """CSV text, header first, in chunks: a table of any size streams through."""
    buffer = _LineBuffer()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    yield buffer.take()
    for row in rows:
        writer.writerow(row)
        yield buffer.take()


def _json_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array of row objects, one row per line."""
    yield "["
    for index, row in enumerate(rows):
        yield ("\n" if index == 0 else ",\n") + json.dumps(row, ensure_ascii=False, default=str)
    yield "\n]\n"


class _Counted:
    """An iterable of rows that counts what went through it."""

    def __init__(self, rows: Iterable[dict]) -> None:
        self._rows, self.count = rows, 0

    def __iter__(self) -> Iterator[dict]:
        for row in self._rows:
            self.count += 1
            yield row


class _LineBuffer:
    """A write target for ``csv.writer`` that hands back what was written since the last call."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> int:
        self._parts.append(text)
        return len(text)

    def take(self) -> str:
        text, self._parts = "".join(self._parts), []
        return text


def _write_atomically(path: Path, chunks: Iterable[str]) -> Path:
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)
    os.replace(partial, path)
    return path
