"""A bulk load: many documents through the usual write path, with the derived indexes rebuilt once at the end.

Every row still goes through ``store.save_document`` and ``facts.replace_facts``; what changes is what
triggers do per row. The full-text indexes, ``facet_counts`` and ``claim_months`` are derived from the
tables, so their triggers are dropped for the load and ``ensure_schema`` rebuilds them in one pass after,
which it does for any database whose triggers are missing. A kill half-way therefore never leaves stale
search results or counts behind: the next ``open_db`` finds the triggers gone and rebuilds them.

Writes are grouped into transactions of ``every`` documents (the write path's own transactions become
savepoints inside them), so a kill loses at most the batch being written; the rows are re-done by the next
run as any unfinished work is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlite_utils

from data.db import FTS, ensure_schema
from data.facet_counts import COUNTED, MONTHS_TRIGGER, counted_trigger

T = TypeVar("T")
CACHE_MB = 256  # random-key B-tree inserts at a million rows miss SQLite's 2 MB default page cache


def derived_triggers(db: sqlite_utils.Database) -> list[str]:
    """The triggers that keep derived data (FTS, facet counts, claim months) current, as installed."""
    stems = [*(f"{table}_a" for table in FTS), *(f"{counted_trigger(t)}_a" for t in COUNTED), f"{MONTHS_TRIGGER}_a"]
    names = [row[0] for row in db.execute("select name from sqlite_master where type = 'trigger'")]
    return [name for name in names if any(name.startswith(stem) and len(name) == len(stem) + 1 for stem in stems)]


@contextmanager
def bulk_load(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Write many documents with the derived triggers off; rebuild FTS and counts when the block ends."""
    previous_cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{CACHE_MB * 1024}")
    with db.atomic():
        for name in derived_triggers(db):
            db.execute(f"drop trigger [{name}]")
    try:
        yield db
    finally:
        ensure_schema(db)  # triggers back, FTS rebuilt, counts recounted, statistics refreshed
        db.execute(f"PRAGMA cache_size = {previous_cache}")


def batches(items: Iterable[T], every: int = 1000) -> Iterator[list[T]]:
    """``items`` in lists of ``every``: write each inside one ``db.atomic()``."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == every:
            yield batch
            batch = []
    if batch:
        yield batch
