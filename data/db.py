"""Open the database and keep its schema: tables, foreign keys, indexes, full-text search, WAL.

The schema is created idempotently on every open, so a new column or index
reaches an old database without a migration step.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from data.facet_counts import ensure_facet_counts
from evidence.schema import ensure_evidence_schema


class DatabaseError(RuntimeError):
    """The database file cannot be used: a directory, unwritable, not SQLite, or damaged."""


class DiskFull(DatabaseError):
    """A write found no room: SQLite's SQLITE_FULL ("database or disk is full") or a file's ENOSPC.

    Everything committed before it stays; a re-run once there is room again stores the rest.
    """

    def __init__(self, path: str | Path, detail: str, *, database: bool = True):
        self.path, self.detail = Path(path), detail
        full = ("the disk is full (or the database reached its size limit, CHIPWATCH_MAX_DB_PAGES)" if database
                else "the disk is full")
        super().__init__(f"{full}: cannot write {path} ({detail}); "
                         "free some space and run again, nothing already stored is lost")


def is_disk_full(exc: BaseException) -> bool:
    """True for SQLite's SQLITE_FULL and for an OSError with ENOSPC (or EDQUOT: over a disk quota)."""
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "database or disk is full" in str(exc)
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


# The largest a database may grow, in pages (PRAGMA max_page_count on every connection open_db makes);
# None: as large as the disk allows. An operations bound (and how the tests fill "the disk" without root):
# set from CHIPWATCH_MAX_DB_PAGES by the CLI through limit_database_pages().
MAX_PAGES: int | None = None


def limit_database_pages(pages: int | None) -> None:
    """Bound every database this process opens to ``pages`` pages (None: no bound beyond the disk's)."""
    global MAX_PAGES
    MAX_PAGES = pages

# table -> (columns, primary key, foreign keys as (column, other_table, other_column))
SCHEMA: dict[str, tuple[dict, str, list[tuple[str, str, str]]]] = {
    "vendors": ({
        "slug": str, "name": str, "ticker": str, "exchange": str, "cik": str,
        "website": str, "founded": int, "fiscal_year_end": str, "aliases": str, "demo": int,
    }, "slug", []),
    "runs": ({
        "id": int, "stage": str, "started": str, "finished": str, "status": str,
        "demo": int, "pid": int, "pid_started": int, "stats": str, "errors": int, "message": str,
    }, "id", []),
    "sources": ({
        "id": str, "vendor": str, "kind": str, "url": str, "last_run": int,
        "last_status": str, "last_ok": str, "items_seen": int,
    }, "id", [("vendor", "vendors", "slug")]),
    "filings": ({
        "accession": str, "vendor": str, "cik": str, "form": str, "items": str,
        "filing_date": str, "report_date": str, "acceptance_datetime": str,
        "primary_document": str, "index_url": str, "fetched_at": str, "run": int,
    }, "accession", [("vendor", "vendors", "slug"), ("run", "runs", "id")]),
    "stories": ({
        "id": str, "title": str, "origin_document": str, "first_published": str,
        "documents": int, "sources": str,
    }, "id", []),
    "documents": ({
        "id": str, "url": str, "canonical_url": str, "vendor": str, "source": str, "kind": str,
        "form": str, "accession": str, "exhibit": str, "title": str, "published": str,
        "fetched_at": str, "content_hash": str, "etag": str, "last_modified": str,
        "text": str, "words": int, "story": str, "extracted_version": str, "run": int, "demo": int,
    }, "id", [("vendor", "vendors", "slug"), ("accession", "filings", "accession"),
              ("story", "stories", "id"), ("run", "runs", "id")]),
    "claim_groups": ({
        "id": str, "signature": str, "vendor": str, "product": str, "metric": str, "value": float,
        "unit": str, "direction": str, "comparator": str, "workload": str,
        "first_claim": str, "first_document": str, "first_published": str,
        "mentions": int, "documents": int, "sources": str,
    }, "id", []),
    "claims": ({
        "id": str, "document_id": str, "vendor": str, "product": str, "metric": str,
        "value": float, "value_high": float, "unit": str, "direction": str, "comparator": str,
        "workload": str, "hedge": str, "raw": str, "sentence": str, "start": int, "end": int,
        "published": str, "extractor_version": str, "claim_group": str,
    }, "id", [("document_id", "documents", "id"), ("vendor", "vendors", "slug"),
              ("claim_group", "claim_groups", "id")]),
    "figures": ({
        "id": str, "document_id": str, "vendor": str, "company": str, "metric": str,
        "value": float, "value_high": float, "unit": str, "period": str, "change": str,
        "note": str, "raw": str, "sentence": str, "start": int, "end": int,
        "published": str, "extractor_version": str,
    }, "id", [("document_id", "documents", "id"), ("vendor", "vendors", "slug")]),
    "reported_values": ({
        "id": str, "vendor": str, "cik": str, "taxonomy": str, "tag": str, "metric": str,
        "unit": str, "value": float, "start": str, "end": str, "fy": int, "fp": str,
        "form": str, "filed": str, "frame": str, "accession": str,
    }, "id", [("vendor", "vendors", "slug")]),
    "fetch_errors": ({
        "id": int, "run": int, "source": str, "url": str, "status": int, "reason": str, "at": str,
    }, "id", [("run", "runs", "id")]),
}

# Single columns for filters and facets; (filter, sort) pairs so a filtered page reads rows in order and
# stops at its page size instead of sorting every match. Measured at 1M claims (issue 8): the vendor
# filter went from 836 to 102 ms, the Atom feed from a time-out to 11 ms.
INDEXES: dict[str, list[list[str]]] = {
    "documents": [["vendor"], ["kind"], ["published"], ["source"], ["url"], ["extracted_version"],
                  ["story"], ["accession"], ["vendor", "published"]],
    "claims": [["document_id"], ["vendor"], ["product"], ["metric"], ["unit"], ["published"],
               ["claim_group"], ["published", "id"], ["vendor", "published", "metric"], ["unit", "published"],
               ["metric", "published"], ["claim_group", "published"],
               # (facet, id): a filtered streamed CSV pages by id (plugins/chipwatch_export.py) and reads
               # each page as a range instead of sorting every match (0.27 s to 1 ms a page at 1M claims)
               ["vendor", "id"], ["metric", "id"], ["unit", "id"], ["product", "id"],
               # the stored claims a new claim could be the same claim as (data/claim_groups.py)
               ["unit", "vendor", "value"]],
    "figures": [["document_id"], ["vendor"], ["metric"], ["period"], ["published"], ["unit"],
                ["vendor", "published"], ["metric", "published"],
                ["vendor", "id"], ["metric", "id"], ["unit", "id"], ["period", "id"],  # as for claims
                ["vendor", "metric", "unit", "published"]],  # the vendor page's latest figures
    "filings": [["vendor"], ["form"], ["filing_date"], ["vendor", "filing_date"]],
    "reported_values": [["vendor"], ["metric"], ["end"], ["form"], ["fp"], ["vendor", "metric", "end"]],
    "fetch_errors": [["run"], ["source"], ["status"]],
    "claim_groups": [["vendor"], ["metric"], ["first_published"], ["unit"], ["mentions", "first_published", "id"]],
    "runs": [["status"], ["stage"]],
    "sources": [["vendor"], ["kind"], ["last_status"]],
    "stories": [["first_published"]],
    "vendors": [["name"]],
}

# ANALYZE reads at most this many rows per index: statistics good enough for the planner, in
# milliseconds at any size (a full ANALYZE of a million claims takes seconds, on every open).
ANALYSIS_LIMIT = 1000

FTS: dict[str, list[str]] = {
    "documents": ["title", "text"],
    "claims": ["sentence", "product", "comparator", "workload"],
    "figures": ["sentence", "metric", "company"],
}


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the chipwatch database at ``path`` with the full schema.

    A path that cannot hold the database raises DatabaseError with what to do, never sqlite3's own.
    """
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"CHIPWATCH_DB={path} is a directory; point it at a file such as {path}/chipwatch.db")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the directory for CHIPWATCH_DB={path}: {exc.strerror}") from exc
    try:
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA busy_timeout = 30000")  # a crawl and Datasette share the file
        if MAX_PAGES is not None:
            db.execute(f"PRAGMA max_page_count = {int(MAX_PAGES)}")
        db.enable_wal()
        # WAL with synchronous=NORMAL: no fsync per commit, still never corrupt after a crash; a power cut
        # can lose the last commits, which the next run fetches or extracts again
        db.execute("PRAGMA synchronous = NORMAL")
        ensure_schema(db)
    except sqlite3.DatabaseError as exc:  # OperationalError too: unwritable, locked read-only, ...
        if is_disk_full(exc):
            raise DiskFull(path, str(exc)) from exc
        raise DatabaseError(_explain(path, exc)) from exc
    return db


def check_database(path: str | Path) -> str:
    """Say whether ``path`` can serve as the database, without creating or changing anything."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"CHIPWATCH_DB={path} is a directory; point it at a file such as {path}/chipwatch.db")
    if not path.exists():
        parent = next((p for p in path.parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
            raise DatabaseError(f"CHIPWATCH_DB={path} cannot be created: {parent} is not a writable directory")
        return "not created yet (the first crawl creates it)"
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseError(f"CHIPWATCH_DB={path} is not readable and writable by this user")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_explain(path, exc)) from exc
    if verdict != "ok":
        raise DatabaseError(f"CHIPWATCH_DB={path} is damaged ({verdict}); restore it from a backup or move it "
                            "aside and crawl again")
    return "ok"


def _explain(path: Path, exc: sqlite3.DatabaseError) -> str:
    message = str(exc)
    if "not a database" in message or "malformed" in message:
        return (f"CHIPWATCH_DB={path} is not a usable SQLite database ({message}); restore it from a backup "
                "or move it aside and crawl again")
    return f"cannot open CHIPWATCH_DB={path}: {message}"


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and FTS tables; never drop anything."""
    for name, (columns, pk, fks) in SCHEMA.items():
        table = db[name]
        if not table.exists():
            table.create(columns, pk=pk, foreign_keys=fks, not_null={pk} if pk != "id" else None)
        else:
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for column, kind in missing.items():
                table.add_column(column, kind)
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db[name].create_index(columns, if_not_exists=True)
    for name, columns in FTS.items():
        if not db[f"{name}_fts"].exists():
            db[name].enable_fts(columns, create_triggers=True, tokenize="porter")
        elif missing_fts_triggers(db, name):
            # a kill during the first open can leave the FTS table with only some of its triggers
            # (sqlite-utils creates them in a script, outside one transaction): rebuild it whole;
            # enable_fts fills the new index from the table itself
            db[name].enable_fts(columns, create_triggers=True, tokenize="porter", replace=True)
        narrow_update_trigger(db, name, columns)
    ensure_facet_counts(db)
    ensure_evidence_schema(db)
    refresh_statistics(db)


def missing_fts_triggers(db: sqlite_utils.Database, table: str) -> set[str]:
    """Which of the insert, delete and update triggers that keep ``table``'s FTS index current are missing."""
    wanted = {f"{table}_ai", f"{table}_ad", f"{table}_au"}
    present = {row[0] for row in db.execute(
        "select name from sqlite_master where type = 'trigger' and tbl_name = ?", [table]).fetchall()}
    return wanted - present


def narrow_update_trigger(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    """Make ``table``'s FTS update trigger fire only when an indexed column changes.

    sqlite-utils' trigger re-indexes the row on any update: stamping a document's extracted_version
    re-indexed its whole text, and setting a claim's group re-indexed its sentence.
    """
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [f"{table}_au"]).fetchone()
    if row is None or " UPDATE OF " in row[0].upper():
        return
    narrowed = row[0].replace(f'AFTER UPDATE ON "{table}"',
                              f'AFTER UPDATE OF {", ".join(f"[{c}]" for c in columns)} ON "{table}"', 1)
    if narrowed != row[0]:  # a trigger of another shape is left as it is
        with db.conn:
            db.execute(f'DROP TRIGGER "{table}_au"')
            db.execute(narrowed)


def refresh_statistics(db: sqlite_utils.Database) -> None:
    """Run a bounded ``ANALYZE`` so SQLite's planner picks the facet and sort indexes.

    Without statistics SQLite guesses, and at a million claims it guessed wrong (a full scan for
    ``?vendor=``). Call it after a build that added many rows (``chipwatch extract``); it also runs
    on every open, where it costs a few milliseconds.
    """
    db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    db.execute("ANALYZE")
    db.conn.commit()
