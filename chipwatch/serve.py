"""Serve the database with Datasette, configured by ``metadata.yml`` and the ``plugins/`` directory.

``serve`` first makes sure the database exists (an empty one, with the full
schema, if nothing was crawled yet), then runs a soundness check in the spirit
of ``datasette DB -m metadata.yml --get /``, in-process and wider: the home
page and the database page must answer 200 and every canned query must
compile (``EXPLAIN``, not a full run, so it costs the same at any size), so a broken
``metadata.yml``, plugin or query (say, after a schema change) fails with one
clear line instead of a server that answers errors; only then does it start
the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml

from chipwatch.config import REPO_ROOT, parse_allow_sql
from data.db import open_db

METADATA = REPO_ROOT / "metadata.yml"
PLUGINS_DIR = REPO_ROOT / "plugins"
TEMPLATES_DIR = REPO_ROOT / "templates"  # the claim and vendor pages, and table pages with tidier notes

# Datasette settings for our data: long claim sentences and document texts, facet-heavy browsing.
SETTINGS: dict[str, str] = {
    "sql_time_limit_ms": "3000",  # canned queries with window functions over a year of claims
    "facet_time_limit_ms": "500",
    "default_facet_size": "6",  # four facets of six values keep the first rows above the fold; "…" shows more
    "default_page_size": "50",
    "max_returned_rows": "2000",
    "truncate_cells_html": "240",  # compact rows: documents.text and long sentences end in "…"
    "suggest_facets": "off",  # suggestions over ids and offsets are noise; useful facets are configured
    # "Export everything": a streamed CSV (`.csv?_stream=on`) is never cut short; 0 lifts Datasette's
    # 100 MB cap (a million claims is ~300 MB). plugins/chipwatch_export.py makes the stream exact.
    "max_csv_mb": "0",
}


class ServeError(RuntimeError):
    """Datasette cannot serve the database with our metadata and plugins."""


def datasette_args(db_path: str | Path, port: int, *, host: str = "127.0.0.1",
                   metadata: Path = METADATA) -> list[str]:
    """The ``datasette`` arguments that serve ``db_path`` on ``host:port`` (run them with :func:`datasette_command`).

    >>> datasette_args("data/chipwatch.db", 8001)[:2]
    ['serve', 'data/chipwatch.db']
    """
    args = ["serve", str(db_path), "-m", str(metadata),
            "--plugins-dir", str(PLUGINS_DIR), "--template-dir", str(TEMPLATES_DIR), "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, value]
    return args


def datasette_command(args: list[str]) -> list[str]:
    """``args`` run by the ``datasette`` of this interpreter (the one in .venv)."""
    return [sys.executable, "-m", "datasette", *args]


def ensure_database(db_path: str | Path) -> bool:
    """Create the database with the full schema if it is missing; return True if it was created."""
    path = Path(db_path)
    if path.exists():
        return False
    open_db(path).close()
    return True


def described_databases(metadata: Path = METADATA) -> set[str]:
    """Database names (file stems) that ``metadata.yml`` configures."""
    return set((load_metadata(metadata).get("databases") or {}).keys())


def load_metadata(metadata: Path = METADATA) -> dict:
    """``metadata.yml`` as a dict; :class:`ServeError` naming the file when it is not valid YAML."""
    try:
        return yaml.safe_load(metadata.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ServeError(f"{metadata}: cannot read the Datasette metadata ({exc})") from exc


def facet_columns(table: dict) -> list[str]:
    """The columns a table's configured facets count: ``vendor`` and ``{counted: vendor}`` alike."""
    return [facet if isinstance(facet, str) else next(iter(facet.values())) for facet in table.get("facets", [])]


def make_datasette(db_path: str | Path, *, metadata: Path = METADATA):
    """An in-process Datasette configured exactly like the served one (metadata, plugins, settings)."""
    from datasette.app import Datasette  # imported here: every other chipwatch command starts faster

    settings = {name: int(value) if value.isdigit() else value == "on" for name, value in SETTINGS.items()}
    return Datasette([str(db_path)], metadata=load_metadata(metadata), plugins_dir=str(PLUGINS_DIR),
                     template_dir=str(TEMPLATES_DIR), settings=settings)


def soundness_check(db_path: str | Path, *, metadata: Path = METADATA) -> int:
    """GET ``/`` and the database page in-process, and compile every canned query; return how many passed.

    A canned query is prepared with ``EXPLAIN``, never run: at a million claims running every query in
    full took longer than the SQL time limit, and serve refused to start over a query that was fine.
    Raises :class:`ServeError` naming the first page that did not answer 200 or query that does not compile.
    """
    datasette = make_datasette(db_path, metadata=metadata)
    name = Path(db_path).stem
    queries = (load_metadata(metadata).get("databases", {}).get(name) or {}).get("queries") or {}
    return asyncio.run(_check(datasette, db_path, name, queries))


async def _check(datasette, db_path: str | Path, name: str, queries: dict) -> int:
    paths = ["/", f"/{name}"]
    for path in paths:
        response = await datasette.client.get(path)
        if response.status_code != 200:
            raise ServeError(f"Datasette cannot serve {db_path}: GET {path} answered {response.status_code}: "
                             f"{_error_detail(response.text)}")
    for query, config in queries.items():
        await _compile_query(datasette, db_path, name, query, config)
    return len(paths) + len(queries)


async def _compile_query(datasette, db_path: str | Path, name: str, query: str, config: dict | str) -> None:
    """Prepare canned query ``query`` on Datasette's own connection (its SQL functions included)."""
    from datasette.utils import derive_named_parameters

    sql = config if isinstance(config, str) else config.get("sql") or ""
    database = datasette.get_database(name)
    params = {param: None for param in await derive_named_parameters(database, sql)}
    try:
        await database.execute(f"explain {sql}", params)
    except Exception as exc:  # sqlite3.Error or Datasette's QueryInterrupted/InvalidSql: all mean "cannot serve"
        raise ServeError(f"Datasette cannot serve {db_path}: canned query {query} "
                         f"(/{name}/{query}) does not compile: {exc}") from exc


def _error_detail(body: str) -> str:
    """The error message of a Datasette JSON error, else the start of the body."""
    try:
        return str(json.loads(body).get("error") or body[:200])
    except (ValueError, AttributeError):
        return " ".join(body.split())[:200]


def serve(db_path: str | Path, port: int, *, host: str = "127.0.0.1") -> int:
    """Check, then serve ``db_path`` until interrupted; return Datasette's exit code."""
    db_path = Path(db_path)
    if ensure_database(db_path):
        print(f"chipwatch: no database at {db_path}; created an empty one "
              "(run `chipwatch crawl` and `chipwatch extract` to fill it)", file=sys.stderr)
    if db_path.stem not in described_databases():
        print(f"chipwatch: {METADATA.name} describes no database named {db_path.stem!r}; tables, canned "
              "queries and facets will be missing (name the file chipwatch.db or demo.db)", file=sys.stderr)
    soundness_check(db_path)
    sql = "" if parse_allow_sql(os.environ) else " (arbitrary SQL off: CHIPWATCH_ALLOW_SQL=0)"
    print(f"chipwatch: serving {db_path} at http://{host}:{port}/{sql}", file=sys.stderr)
    return run_until_stopped(datasette_command(datasette_args(db_path, port, host=host)))


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM it when its parent dies, even by SIGKILL."""
    import ctypes

    PR_SET_PDEATHSIG = 1  # noqa: N806 - the name in <sys/prctl.h>
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the SIGTERM relay below still works
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def run_until_stopped(command: list[str]) -> int:
    """Run ``command``; pass SIGTERM on to it, so stopping chipwatch never leaves an orphan server behind.

    A SIGKILL cannot be relayed, so the child also asks the kernel to end it when this process dies.
    Returns the command's exit code (``128 + N`` when signal N ended it).
    """
    proc = subprocess.Popen(command, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: proc.terminate())
    try:
        code = proc.wait()
    except KeyboardInterrupt:  # Ctrl-C reached the child too (same process group); let it finish
        code = proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 128 - code if code < 0 else code  # killed by signal N: exit 128+N, as a shell reports it
