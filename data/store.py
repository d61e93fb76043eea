"""Writes from the stages: idempotent upserts keyed so a re-run adds no duplicate.

Document ids are a hash of the canonical URL; fact ids a hash of document and
span. Each batch is one transaction, so a crash leaves the database as it was
before the batch and a re-run fills in the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils
from w3lib.url import canonicalize_url

from data.runs import now


def short_hash(*parts: Any) -> str:
    """A stable 16-hex-digit id from the given parts."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def document_id(url: str) -> str:
    """The id of the document at ``url``: the same for every spelling of the same URL."""
    return short_hash(canonicalize_url(url, keep_fragments=False))


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def upsert_vendors(db: sqlite_utils.Database, vendors: Iterable, *, demo: bool = False) -> None:
    rows = []
    for vendor in vendors:
        row = vendor.as_row()
        row["aliases"] = json.dumps(row["aliases"])
        row["demo"] = int(demo)
        rows.append(row)
    db["vendors"].upsert_all(rows, pk="slug")


def upsert_sources(db: sqlite_utils.Database, registry) -> None:
    rows = [{"id": s.id, "vendor": s.vendor, "kind": s.kind, "url": s.url} for s in registry.sources]
    rows += [{"id": w.id, "vendor": None, "kind": "wire", "url": w.url} for w in registry.wires]
    rows += [{"id": f"{v.slug}-edgar", "vendor": v.slug, "kind": "edgar", "url": None}
             for v in registry.vendors if v.cik]
    if rows:
        db["sources"].upsert_all(rows, pk="id")


def save_document(db: sqlite_utils.Database, doc: dict, *, run_id: int | None = None,
                  demo: bool = False) -> tuple[str, bool]:
    """Upsert one document; return ``(id, changed)``.

    A document whose text is unchanged keeps its extraction; a changed text
    clears ``extracted_version`` so ``make extract`` picks it up again.
    """
    doc_id = document_id(doc.get("canonical_url") or doc["url"])
    digest = content_hash(doc["text"])
    existing = db.execute("select content_hash from documents where id = ?", [doc_id]).fetchone()
    changed = existing is None or existing[0] != digest
    columns = db["documents"].columns_dict  # one PRAGMA per document, not one per field
    row = {k: v for k, v in doc.items() if k in columns}
    row.update({"id": doc_id, "content_hash": digest, "fetched_at": now(),
                "words": len(doc["text"].split()), "demo": int(demo)})
    if run_id is not None:
        row["run"] = run_id
    if changed:
        row["extracted_version"] = None
    with db.atomic():  # a savepoint when the caller batches documents in one transaction
        db["documents"].upsert(row, pk="id", alter=False)
    return doc_id, changed


def save_filing(db: sqlite_utils.Database, filing: dict, *, run_id: int | None = None) -> None:
    row = dict(filing, fetched_at=now(), run=run_id)
    with db.conn:
        db["filings"].upsert(row, pk="accession")


def save_reported_values(db: sqlite_utils.Database, rows: list[dict]) -> int:
    for row in rows:
        row["id"] = short_hash(row["cik"], row["taxonomy"], row["tag"], row["unit"],
                               row.get("start"), row["end"], row.get("accession"), row.get("fp"))
    with db.conn:
        db["reported_values"].upsert_all(rows, pk="id", batch_size=500)
    return len(rows)


def record_fetch_error(db: sqlite_utils.Database, *, run_id: int | None, source: str, url: str,
                       reason: str, status: int | None = None) -> None:
    with db.conn:
        db["fetch_errors"].insert({"run": run_id, "source": source, "url": url, "status": status,
                                   "reason": reason, "at": now()})
        _touch_source(db, source, run_id, f"error: {reason}"[:200])


def record_source_seen(db: sqlite_utils.Database, *, run_id: int | None, source: str, items: int) -> None:
    with db.conn:
        _touch_source(db, source, run_id, "ok", items=items)


def _touch_source(db: sqlite_utils.Database, source: str, run_id: int | None, status: str,
                  items: int | None = None) -> None:
    row: dict[str, Any] = {"id": source, "last_run": run_id, "last_status": status}
    if status == "ok":
        row["last_ok"] = now()
        row["items_seen"] = items
    db["sources"].upsert(row, pk="id")
