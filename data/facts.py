"""Store what the extractor found: claims and figures, replaced per document, never duplicated.

Re-extracting a document deletes its old facts and inserts the new ones in
one transaction, then stamps ``documents.extracted_version``; a crash leaves
the document as it was, and the next ``make extract`` does it again. The groups
its old claims were in are released in the same transaction (``data.claim_groups``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import sqlite_utils

from data.claim_groups import release_groups
from data.store import short_hash

CLAIM_FIELDS = ("product", "metric", "value", "value_high", "unit", "direction", "comparator", "workload",
                "hedge")
FIGURE_FIELDS = ("company", "metric", "value", "value_high", "unit", "period", "change", "note")


def pending_ids(db: sqlite_utils.Database, version: str, *, force: bool = False) -> list[str]:
    """Ids of documents not yet extracted by ``version`` (all of them when ``force``), oldest first."""
    # '!=' as two ranges, and '+published' to keep the planner off the published index: the pending few
    # come off the extracted_version index instead of a scan of every stored document (0.19 s at 100k)
    where = "" if force else ("where extracted_version is null or extracted_version < :version "
                              "or extracted_version > :version")
    sql = f"select id from documents {where} order by +published, id"
    return [row["id"] for row in db.query(sql, {"version": version})]


def iter_documents(db: sqlite_utils.Database, ids: list[str], chunk: int = 64) -> Iterator[dict]:
    """The documents with ``ids``, read a chunk at a time so a large backlog never sits in memory."""
    for i in range(0, len(ids), chunk):
        part = ids[i:i + chunk]
        marks = ",".join("?" * len(part))
        rows = {r["id"]: r for r in db.query(
            f"select id, text, vendor, published, kind from documents where id in ({marks})", part)}
        yield from (rows[i] for i in part if i in rows)


def fact_id(document_id: str, fact: dict) -> str:
    return short_hash(document_id, fact.get("type"), fact.get("start"), fact.get("end"), fact.get("unit"),
                      fact.get("value"), fact.get("metric"))


def replace_facts(db: sqlite_utils.Database, document: dict, facts: Iterable[dict], version: str) -> tuple[int, int]:
    """Replace the facts of one document; return ``(claims, figures)`` counts."""
    claims, figures = [], []
    for fact in facts:
        row = {
            "id": fact_id(document["id"], fact), "document_id": document["id"],
            "vendor": document.get("vendor"), "raw": fact.get("quote"), "sentence": fact.get("sentence"),
            "start": fact.get("start"), "end": fact.get("end"), "published": document.get("published"),
            "extractor_version": version,
        }
        if fact.get("type") == "performance":
            row.update({k: _plain(fact.get(k)) for k in CLAIM_FIELDS})
            claims.append(row)
        elif fact.get("type") == "financial":
            row.update({k: _plain(fact.get(k)) for k in FIGURE_FIELDS})
            figures.append(row)
    with db.atomic():  # a savepoint when the caller batches documents in one transaction
        release_groups(db, document["id"])
        db.execute("delete from claims where document_id = ?", [document["id"]])
        db.execute("delete from figures where document_id = ?", [document["id"]])
        if claims:
            db["claims"].upsert_all(claims, pk="id")
        if figures:
            db["figures"].upsert_all(figures, pk="id")
        db.execute("update documents set extracted_version = ? where id = ?", [version, document["id"]])
    return len(claims), len(figures)


def _plain(value):
    return json.dumps(value) if isinstance(value, (list, dict)) else value
