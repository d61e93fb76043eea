"""Title the Datasette instance, and say so loudly when it serves the bundled demo corpus.

Datasette lets local metadata (``metadata.yml``) win over plugin metadata, so the
title lives here rather than in ``metadata.yml``: "chipwatch" normally, and
"chipwatch — DEMO DATA (fictional vendors)" when any attached database holds rows
marked ``demo = 1`` in ``vendors``, ``documents`` or ``runs``. Every page also gets
a banner, so a screenshot of a table page cannot be mistaken for real data.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from datasette import hookimpl

TITLE = "chipwatch"
DEMO_TITLE = "chipwatch — DEMO DATA (fictional vendors)"
DEMO_BANNER = "DEMO DATA: every vendor, claim and figure here is fictional (bundled demo corpus)."
DEMO_SQL = ("select exists(select 1 from vendors where demo = 1)"
            " or exists(select 1 from documents where demo = 1)"
            " or exists(select 1 from runs where demo = 1)")

# (db path, db mtime, wal mtime) -> holds demo rows; get_metadata runs on every page, the query only on change.
_cache: dict[tuple[str, int, int], bool] = {}


def file_holds_demo_data(path: str | Path) -> bool:
    """True when the SQLite file at ``path`` has demo rows; False for a missing table or file."""
    path = Path(path)
    try:
        stamp = (str(path), path.stat().st_mtime_ns, _mtime(path.with_name(path.name + "-wal")))
    except OSError:
        return False
    if stamp not in _cache:
        _cache.clear()  # one entry per file state is all we ever need
        _cache[stamp] = _query_demo(path)
    return _cache[stamp]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _query_demo(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute(DEMO_SQL).fetchone()[0])
    except sqlite3.Error:  # not a chipwatch database (no such table): not demo data
        return False
    finally:
        conn.close()


def serves_demo_data(datasette) -> bool:
    """True when any file-backed database attached to ``datasette`` holds demo rows."""
    return any(db.path and file_holds_demo_data(db.path) for db in datasette.databases.values())


@hookimpl
def get_metadata(datasette, key, database, table):
    return {"title": DEMO_TITLE if serves_demo_data(datasette) else TITLE}


@hookimpl
def extra_body_script(datasette):
    if not serves_demo_data(datasette):
        return ""
    # A fixed banner at the top of every page; text set via textContent, never as HTML.
    return (
        "(function(){var b=document.createElement('div');b.className='chipwatch-demo-banner';"
        f"b.textContent={json.dumps(DEMO_BANNER)};"
        "b.style.cssText='background:#b91c1c;color:#fff;font-weight:bold;padding:6px 12px;text-align:center';"
        "document.body.insertBefore(b, document.body.firstChild);})();"
    )
