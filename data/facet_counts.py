"""Facet counts kept by triggers, so the big tables' facets read a few rows instead of counting a million.

For each counted table, ``facet_counts`` holds how many rows have each value of each counted column,
over the whole table (``within`` = '') and within each value of every other counted column
(``within`` = 'vendor', ``within_value`` = 'nvidia': the metrics of NVIDIA's claims). Triggers on the
table keep it exact on every insert, delete and update, in the same transaction as the change; a
database from before gets its counts once, on open. Datasette's ``counted`` facet
(plugins/chipwatch_facets.py) reads them for a page with no filter or one equality filter on a
counted column, and counts rows as usual for anything else.

``claim_months`` is kept the same way: each vendor's claims per month and metric, the vendor page's chart.
"""

from __future__ import annotations

import hashlib

import sqlite_utils

# table -> the columns whose facets are counted ahead (metadata.yml's `counted` facets)
COUNTED: dict[str, list[str]] = {
    "claims": ["vendor", "metric", "unit", "product"],
    "figures": ["vendor", "metric", "unit", "period"],
}

_SCHEMA = """
create table if not exists facet_counts (
    tbl text not null, within text not null, within_value text not null, facet text not null, value,
    count integer not null, primary key (tbl, within, within_value, facet, value)
);
create table if not exists claim_months (
    vendor text not null, month text not null, metric text not null, count integer not null,
    primary key (vendor, month, metric)
);
"""
MONTHS_TRIGGER = "claim_months_v1"
_MONTHS_KEY = "{row}.vendor as vendor, substr({row}.published, 1, 7) as month, coalesce({row}.metric, 'unknown') as metric"
_MONTHS_WHERE = "vendor is not null and month >= '1900'"


def ensure_facet_counts(db: sqlite_utils.Database) -> None:
    """Create the counts tables and the triggers that keep them; count a table whose triggers are new."""
    db.conn.executescript(_SCHEMA)
    for table, columns in COUNTED.items():
        if db[table].exists():
            _keep(db, table, "facet_counts", _trigger_name(table, columns),
                  [f"delete from facet_counts where tbl = '{table}'",
                   *(_count_sql(table, within, facet) for within, facet in _pairs(columns))],
                  _trigger_sql(table, columns, _trigger_name(table, columns)))
    if db["claims"].exists():
        name = MONTHS_TRIGGER
        step = ("insert into claim_months (vendor, month, metric, count) select vendor, month, metric, {n} from "
                f"(select {_MONTHS_KEY}) where {_MONTHS_WHERE} on conflict do update set count = count + ({{n}});")
        old, new = step.format(row="old", n=-1), step.format(row="new", n=1)
        _keep(db, "claims", "claim_months", name,
              ["delete from claim_months",
               "insert into claim_months (vendor, month, metric, count) select vendor, month, metric, count(*) from "
               f"(select {_MONTHS_KEY.format(row='claims')} from claims) where {_MONTHS_WHERE} group by 1, 2, 3"],
              [f"create trigger [{name}_ai] after insert on claims begin {new} end",
               f"create trigger [{name}_ad] after delete on claims begin {old} end",
               f"create trigger [{name}_au] after update of vendor, published, metric on claims begin {old} {new} end"])


def _keep(db: sqlite_utils.Database, table: str, target: str, name: str, count: list[str], triggers: list[str]) -> None:
    """Install ``triggers`` (named ``name``_ai/_ad/_au) on ``table``, counting ``target`` afresh with ``count``,
    unless exactly they are in place; older triggers keeping ``target`` are replaced."""
    present = {row[0] for row in db.execute(
        "select name from sqlite_master where type = 'trigger' and tbl_name = ? and name like ?",
        [table, f"{target}_%"])}
    if present == {f"{name}_ai", f"{name}_ad", f"{name}_au"}:
        return
    with db.conn:  # triggers and the first counts together: a kill leaves neither
        for trigger in present:
            db.execute(f"drop trigger [{trigger}]")
        for sql in [*count, *triggers]:
            db.execute(sql)


def counted_trigger(table: str) -> str | None:
    """The name stem of ``table``'s triggers, or None when its facets are not counted ahead."""
    return _trigger_name(table, COUNTED[table]) if table in COUNTED else None


def _trigger_name(table: str, columns: list[str]) -> str:
    # the columns are in the name, so changing COUNTED recounts on the next open
    return f"facet_counts_{table}_{hashlib.sha1(','.join(columns).encode()).hexdigest()[:8]}"


def _pairs(columns: list[str]) -> list[tuple[str | None, str]]:
    return [(None, facet) for facet in columns] + [(w, f) for w in columns for f in columns if w != f]


def _count_sql(table: str, within: str | None, facet: str) -> str:
    within_value = f"[{within}]" if within else "''"
    where = f"[{facet}] is not null" + (f" and [{within}] is not null" if within else "")
    return (f"insert into facet_counts (tbl, within, within_value, facet, value, count) "
            f"select '{table}', '{within or ''}', {within_value}, '{facet}', [{facet}], count(*) from [{table}] "
            f"where {where} group by {within_value}, [{facet}]")


def _rows(columns: list[str], row: str) -> str:
    """The (within, within_value, facet, value) rows one table row counts in, as a SQL union."""
    parts = [f"select '{w or ''}' as w, {f'{row}.[{w}]' if w else chr(39) * 2} as wv, '{f}' as f, {row}.[{f}] as v"
             for w, f in _pairs(columns)]
    return " union all ".join(parts)


def _trigger_sql(table: str, columns: list[str], name: str) -> list[str]:
    def change(row: str, step: int) -> str:
        return (f"insert into facet_counts (tbl, within, within_value, facet, value, count) "
                f"select '{table}', w, wv, f, v, {step} from ({_rows(columns, row)}) where v is not null "
                f"and wv is not null on conflict do update set count = count + ({step});")

    of = ", ".join(f"[{c}]" for c in columns)
    return [f"create trigger [{name}_ai] after insert on [{table}] begin {change('new', 1)} end",
            f"create trigger [{name}_ad] after delete on [{table}] begin {change('old', -1)} end",
            f"create trigger [{name}_au] after update of {of} on [{table}] begin {change('old', -1)} "
            f"{change('new', 1)} end"]
