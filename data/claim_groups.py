"""Claim groups: one row per claim, however many documents restate it.

Which mentions are the same claim is decided by a grouping function (the
extractor's ``nlp.grouping.group_claims``); this module only stores the
result: each group's first appearance, its mention and document counts, and
its sources, and each claim's ``claim_group``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlite_utils

from data.store import short_hash

GroupFn = Callable[[list[dict]], list[list[str]]]

_CLAIMS_SQL = """
select c.id, c.vendor, c.product, c.metric, c.value, c.unit, c.direction, c.comparator, c.workload,
       c.hedge, c.document_id, coalesce(c.published, d.published) as published, d.source, d.url
from claims c join documents d on d.id = c.document_id
"""


def rebuild_claim_groups(db: sqlite_utils.Database, group_claims: GroupFn) -> int:
    """Regroup every claim; return the number of groups. Runs in one transaction."""
    claims = list(db.query(_CLAIMS_SQL))
    by_id = {c["id"]: c for c in claims}
    rows, membership = [], {}
    for members in group_claims(claims):
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
        db.execute("update claims set claim_group = null")
        db.execute("delete from claim_groups")
        if rows:
            db["claim_groups"].insert_all(rows, pk="id")
        db.conn.executemany("update claims set claim_group = ? where id = ?",
                       [(g, c) for c, g in membership.items()])
    return len(rows)


def _signature(claim: dict) -> str:
    parts = (claim["vendor"], claim["product"], claim["metric"], claim["unit"], claim["direction"],
             claim["comparator"])
    return " | ".join(str(p) for p in parts if p)
