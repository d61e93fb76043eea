"""Store MLPerf summaries in ``benchmark_results``, incrementally: an unchanged file adds nothing.

``benchmark_files`` remembers each file's URL and content hash. A file that cannot be read (empty,
a required column missing) is recorded there with its problem and stores no rows; rows already
loaded from an earlier good copy stay. Fetching is the caller's business: this takes bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import sqlite_utils

from data.runs import now
from evidence.accelerators import Catalogue
from evidence.errors import SummaryFormatError
from evidence.mlperf import parse_summary


@dataclass
class SummaryLoad:
    """What one load did: ``rows`` stored (0 when ``unchanged``), ``problems`` met, ``error`` if refused."""

    url: str
    rows: int = 0
    unchanged: bool = False
    problems: list[str] = field(default_factory=list)
    error: str | None = None


def load_summary(db: sqlite_utils.Database, url: str, data: bytes, *, round_name: str | None = None,
                 catalogue: Catalogue | None = None) -> SummaryLoad:
    """Parse the summary.csv ``data`` fetched from ``url`` and upsert its rows, keyed by round and Location.

    >>> load_summary(db, "https://example.org/v6.1/summary.csv", data)  # doctest: +SKIP
    SummaryLoad(url='https://example.org/v6.1/summary.csv', rows=492, unchanged=False, problems=[], error=None)
    """
    digest = hashlib.sha256(data).hexdigest()
    known = next(db.query("select content_hash from benchmark_files where url = ?", [url]), None)
    if known and known["content_hash"] == digest:
        return SummaryLoad(url, unchanged=True)
    try:
        rows, problems = parse_summary(data, round_name=round_name, catalogue=catalogue)
    except SummaryFormatError as exc:
        _record_file(db, url, round_name, None, 0, [str(exc)])
        return SummaryLoad(url, problems=[str(exc)], error=str(exc))
    for row in rows:
        row["source_url"] = url
    with db.conn:
        _record_file(db, url, round_name or (rows[0]["round"] if rows else None), digest, len(rows), problems)
        # a corrected file may withdraw results: what the new copy no longer lists goes
        db.execute("delete from benchmark_results where source_url = ? and id not in (select value from json_each(?))",
                   [url, json.dumps([row["id"] for row in rows])])
        if rows:
            db["benchmark_results"].upsert_all(rows, pk="id")
    return SummaryLoad(url, rows=len(rows), problems=problems)


def _record_file(db, url: str, round_name: str | None, digest: str | None, rows: int, problems: list[str]) -> None:
    # a refused file keeps the hash of the last good copy, so a repaired file is loaded again
    row = {"url": url, "loaded_at": now(), "problems": json.dumps(problems) if problems else None}
    if digest:
        row.update(content_hash=digest, rows=rows)
    if round_name:
        row["round"] = round_name
    db["benchmark_files"].upsert(row, pk="url")
