"""One row per run of a stage in the ``runs`` table: when, what, how it went."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime

import sqlite_utils


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def start_run(db: sqlite_utils.Database, stage: str, *, demo: bool = False) -> int:
    """Insert a ``running`` row for ``stage`` and return its id.

    Rows left ``running`` by a process that no longer exists (a run killed
    half-way) are marked ``abandoned`` first, so the table never lies.
    """
    mark_abandoned(db)
    table = db["runs"]
    table.insert({"stage": stage, "started": now(), "status": "running", "demo": int(demo),
                  "pid": os.getpid(), "pid_started": process_start_time(os.getpid()), "errors": 0})
    return table.last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, *, status: str, stats: dict | None = None,
               errors: int = 0, message: str | None = None) -> None:
    db["runs"].update(run_id, {"finished": now(), "status": status, "errors": errors,
                               "stats": json.dumps(stats or {}, sort_keys=True, default=str),
                               "message": message})


def record_failure(db: sqlite_utils.Database, run_id: int, message: str, *, stats: dict | None = None) -> bool:
    """Mark the run ``failed`` with ``message`` if the database still takes the write; return whether it did.

    For a full database (SQLITE_FULL): the row with its statistics may not fit, the bare status
    usually does (an update in place); if neither does, the next run marks the row ``abandoned``.
    """
    for row_stats in (stats, None):
        try:
            with db.conn:
                finish_run(db, run_id, status="failed", stats=row_stats, message=message[:500])
            return True
        except sqlite3.Error:
            continue
    return False


def mark_abandoned(db: sqlite_utils.Database) -> int:
    """Mark ``running`` rows whose process is gone as ``abandoned``; return how many."""
    count = 0
    for row in db.query("select id, pid, pid_started from runs where status = 'running'"):
        if row["pid"] == os.getpid():
            continue
        if row["pid"] and _alive(row["pid"]) and not _reused(row["pid"], row["pid_started"]):
            continue
        db["runs"].update(row["id"], {"status": "abandoned", "finished": now(),
                                      "message": "the process ended before the run finished"})
        count += 1
    return count


def process_start_time(pid: int) -> int | None:
    """When ``pid`` started, in clock ticks since boot (Linux /proc), so a reused pid is told apart."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[19])  # field 22, after the command name
    except (OSError, IndexError, ValueError):
        return None


def _reused(pid: int, recorded_start: int | None) -> bool:
    """The pid is alive but belongs to a process that started after the run's own did."""
    current = process_start_time(pid)
    return recorded_start is not None and current is not None and current != recorded_start


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
