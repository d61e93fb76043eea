"""Claim groups: one row per claim, however many documents restate it.

Which mentions are the same claim is decided by a grouping (the extractor's ``nlp.grouping``); this
module only stores the result: each group's first appearance, its mention and document counts, and
its sources, and each claim's ``claim_group``.

Grouping is incremental. A claim with no group is new, or was in a group that a re-extraction broke
(``release_groups`` ungroups a document's groups in the same transaction that replaces its claims).
``update_claim_groups`` regroups those claims together with the whole groups of every stored claim one
of them is the same claim as, so a run pays for its new claims and the groups they touch, not for the
history; the result is the same as regrouping everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Protocol

import sqlite_utils

from data.store import short_hash


class Grouping(Protocol):
    """What grouping the store needs (``nlp.grouping`` provides it)."""

    def group_claims(self, claims: list[dict]) -> list[list[str]]: ...

    def joinable(self, new: list[dict], stored: Iterable[dict]) -> set[str]: ...

    def value_window(self, claim: dict) -> tuple[float, float] | None: ...


_CLAIMS_SQL = """
select c.id, c.vendor, c.product, c.metric, c.value, c.unit, c.direction, c.comparator, c.workload,
       c.hedge, c.document_id, coalesce(c.published, d.published) as published, d.source, d.url, c.claim_group
from claims c join documents d on d.id = c.document_id
"""

# Past this share of all claims, regrouping everything is cheaper than looking up neighbours one by one.
_REBUILD_SHARE = 0.25


def rebuild_claim_groups(db: sqlite_utils.Database, grouping: Grouping) -> int:
    """Regroup every claim; return the number of groups. Runs in one transaction."""
    claims = list(db.query(_CLAIMS_SQL))
    _replace_groups(db, claims, grouping, everything=True)
    return db["claim_groups"].count


def update_claim_groups(db: sqlite_utils.Database, grouping: Grouping) -> int:
    """Group the claims that have no group; return the number of groups. Runs in one transaction."""
    new = list(db.query(_CLAIMS_SQL + " where c.claim_group is null"))
    if not new:
        return db["claim_groups"].count
    if len(new) > _REBUILD_SHARE * db["claims"].count:
        return rebuild_claim_groups(db, grouping)
    stored = [claim for low, high, vendor, unit in _windows(new, grouping) for claim in db.query(
        _CLAIMS_SQL + " where c.vendor is ? and c.unit = ? and c.value between ? and ? and c.claim_group is not null",
        [vendor, unit, low, high])]
    joined = grouping.joinable(new, stored)
    reopened = sorted({claim["claim_group"] for claim in stored if claim["id"] in joined})
    members = list(db.query(_CLAIMS_SQL + " where c.claim_group in (select value from json_each(?))",
                            [json.dumps(reopened)]))
    _replace_groups(db, new + members, grouping, reopened=reopened)
    return db["claim_groups"].count


def release_groups(db: sqlite_utils.Database, document_id: str) -> None:
    """Ungroup every group a claim of ``document_id`` is in, before its claims are replaced.

    Call inside the transaction that replaces the claims: the remaining members lose their group
    with it, and the next ``update_claim_groups`` regroups them, so a group never counts a mention
    that is gone, even when the process dies before regrouping.
    """
    groups = json.dumps([row[0] for row in db.execute(
        "select distinct claim_group from claims where document_id = ? and claim_group is not null", [document_id])])
    if groups != "[]":
        db.execute("update claims set claim_group = null where claim_group in (select value from json_each(?))",
                   [groups])
        db.execute("delete from claim_groups where id in (select value from json_each(?))", [groups])


def _windows(claims: list[dict], grouping: Grouping) -> list[tuple[float, float, str | None, str]]:
    """The (low, high, vendor, unit) value ranges the neighbours of ``claims`` lie in, overlaps merged."""
    by_key: dict[tuple, list[tuple[float, float]]] = {}
    for claim in claims:
        window = grouping.value_window(claim)
        if window:
            by_key.setdefault((claim["vendor"], claim["unit"]), []).append(window)
    merged = []
    for (vendor, unit), windows in by_key.items():
        windows.sort()
        low, high = windows[0]
        for next_low, next_high in windows[1:]:
            if next_low > high:
                merged.append((low, high, vendor, unit))
                low = next_low
            high = max(high, next_high)
        merged.append((low, high, vendor, unit))
    return merged


def _replace_groups(db: sqlite_utils.Database, claims: list[dict], grouping: Grouping, *,
                    reopened: list[str] = (), everything: bool = False) -> None:
    """Group ``claims`` and store their groups in place of ``reopened`` (or of every group)."""
    by_id = {c["id"]: c for c in claims}
    rows, membership = [], {}
    for members in grouping.group_claims(claims):
        mentions = sorted((by_id[m] for m in members if m in by_id),
                          key=lambda c: (c["published"] or "9999", c["id"]))
        if not mentions:
            continue
        first = mentions[0]
        group_id = short_hash("group", first["id"])
        rows.append({
            "id": group_id, "signature": _signature(first), "vendor": first["vendor"],
            "product": first["product"], "metric": first["metric"], "value": first["value"],
            "unit": first["unit"], "direction": first["direction"], "comparator": first["comparator"],
            "workload": first["workload"], "first_claim": first["id"], "first_document": first["document_id"],
            "first_published": first["published"], "mentions": len(mentions),
            "documents": len({c["document_id"] for c in mentions}),
            "sources": json.dumps(sorted({c["source"] for c in mentions if c["source"]})),
        })
        membership.update({c["id"]: group_id for c in mentions})
    with db.conn:
        if everything:
            db.execute("update claims set claim_group = null")
            db.execute("delete from claim_groups")
        else:
            db.execute("delete from claim_groups where id in (select value from json_each(?))", [json.dumps(reopened)])
        if rows:
            db["claim_groups"].insert_all(rows, pk="id", replace=True)
        db.conn.executemany("update claims set claim_group = ? where id = ?",
                            [(g, c) for c, g in membership.items()])


def _signature(claim: dict) -> str:
    parts = (claim["vendor"], claim["product"], claim["metric"], claim["unit"], claim["direction"],
             claim["comparator"])
    return " | ".join(str(p) for p in parts if p)
