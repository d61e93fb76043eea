"""What the home page (``templates/index.html``) says about the data, read at request time.

For each database with a ``sources`` table: when each source last worked (the
crawler's ``sources.last_ok``), the last finished crawl and extract runs, and row
counts from SQLite's statistics (``sqlite_stat1``, kept by ``data.db``'s bounded
``ANALYZE``), so the page costs the same at a million claims. The evaluation
figures are the scorer's JSON files in ``data/evaluation/`` (one per gold split,
written by ``python -m nlp.evaluate --json``); without them the page says
"not measured yet" instead of showing a number nobody measured.
"""

from __future__ import annotations

import json
from pathlib import Path

from datasette import hookimpl

EVALUATION_DIR = Path(__file__).resolve().parent.parent / "data" / "evaluation"

SOURCES_SQL = """
select id, vendor, kind, last_ok, last_status from sources order by last_ok is null, vendor is null, vendor, kind, id
limit 500
"""
RUNS_SQL = """
select stage, max(finished) as finished from runs where status = 'ok' and stage in ('crawl', 'extract')
group by stage
"""
ROWS_SQL = """
select tbl, cast(substr(stat, 1, instr(stat || ' ', ' ') - 1) as integer) as n from sqlite_stat1
where idx is null or idx = (select min(idx) from sqlite_stat1 s where s.tbl = sqlite_stat1.tbl)
group by tbl
"""


def load_evaluations(directory: Path | None = None) -> list[dict]:
    """The scorer results in ``directory`` as ``{"split", "docs", "overall", "types"}``, by split name.

    A file that is not the scorer's JSON is skipped with its name and the reason, never shown as figures.
    """
    directory = EVALUATION_DIR if directory is None else directory
    results = []
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            results.append({"split": path.stem, "docs": int(data["docs"]), "overall": data["overall"],
                            "types": data.get("types") or {}})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            results.append({"split": path.stem, "error": f"{path.name}: not a scorer result ({exc})"})
    return results


async def database_story(db) -> dict | None:
    """Sources, last runs and row counts of one chipwatch database; None if it is not one."""
    if not await db.table_exists("sources") or not await db.table_exists("runs"):
        return None
    sources = [dict(r) for r in (await db.execute(SOURCES_SQL)).rows]
    runs = {r["stage"]: r["finished"] for r in (await db.execute(RUNS_SQL)).rows}
    rows = {}
    if await db.table_exists("sqlite_stat1"):
        rows = {r["tbl"]: r["n"] for r in (await db.execute(ROWS_SQL)).rows}
    return {"sources": sources, "runs": runs,
            "rows": {t: rows.get(t) for t in ("claims", "figures", "documents", "filings")}}


@hookimpl
def extra_template_vars(view_name, datasette):
    if view_name != "index":
        return {}

    async def inner():
        stories = {}
        for name, db in datasette.databases.items():
            if name.startswith("_"):
                continue
            story = await database_story(db)
            if story:
                story["search_url"] = datasette.urls.database(name) + "/-/search"
                stories[name] = story
        return {"chipwatch_stories": stories, "chipwatch_evaluations": load_evaluations()}

    return inner
