"""Storage: upserts are idempotent, re-extraction replaces facts, runs never lie."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from data import store
from data.claim_groups import rebuild_claim_groups
from data.db import open_db
from data.facts import iter_documents, pending_ids, replace_facts
from data.runs import finish_run, start_run
from nlp import grouping

DOC = {"url": "https://news.example.com/a?utm=1&b=2", "vendor": None, "source": "acme-feed",
       "kind": "press_release", "title": "Acme ships", "published": "2026-03-03",
       "text": "Acme's chip runs 6.9x faster than a GPU."}
CLAIM = {"type": "performance", "value": 6.9, "unit": "x", "metric": "speed", "direction": "higher",
         "product": "A1", "comparator": "a GPU", "workload": None, "hedge": None,
         "quote": "6.9x faster than a GPU", "start": 17, "end": 39, "sentence": DOC["text"]}
FIGURE = {"type": "financial", "value": 1.2e9, "unit": "USD", "metric": "revenue", "period": "Q1 2026",
          "company": "Acme", "change": "+10% YoY", "quote": "$1.2 billion", "start": 0, "end": 12,
          "sentence": "Revenue was $1.2 billion."}


def test_the_schema_is_complete_and_reopening_changes_nothing(tmp_path):
    path = tmp_path / "x.db"
    first = open_db(path)
    tables = set(first.table_names())
    assert {"vendors", "documents", "claims", "figures", "runs", "claims_fts", "documents_fts"} <= tables
    assert first.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert {fk.other_table for fk in first["claims"].foreign_keys} >= {"documents", "vendors"}
    first.close()
    assert set(open_db(path).table_names()) == tables


def test_the_same_document_stored_twice_is_one_row(tmp_path):
    db = open_db(tmp_path / "x.db")
    first_id, changed = store.save_document(db, dict(DOC))
    assert changed
    again_id, changed = store.save_document(db, dict(DOC, url="https://news.example.com/a?b=2&utm=1"))
    assert (again_id, changed) == (first_id, False)
    assert db["documents"].count == 1


def test_changed_text_queues_the_document_for_extraction_again(tmp_path):
    db = open_db(tmp_path / "x.db")
    doc_id, _ = store.save_document(db, dict(DOC))
    replace_facts(db, {"id": doc_id, **DOC}, [CLAIM], "v1")
    assert pending_ids(db, "v1") == []
    store.save_document(db, dict(DOC, text=DOC["text"] + " Now shipping."))
    assert pending_ids(db, "v1") == [doc_id]


def test_re_extraction_replaces_facts_and_never_duplicates(tmp_path):
    db = open_db(tmp_path / "x.db")
    doc_id, _ = store.save_document(db, dict(DOC))
    document = next(iter_documents(db, [doc_id]))
    assert replace_facts(db, document, [CLAIM, FIGURE], "v1") == (1, 1)
    assert replace_facts(db, document, [CLAIM, FIGURE], "v1") == (1, 1)
    assert (db["claims"].count, db["figures"].count) == (1, 1)
    replace_facts(db, document, [FIGURE], "v2")
    assert (db["claims"].count, db["figures"].count) == (0, 1)
    assert db["documents"].get(doc_id)["extracted_version"] == "v2"
    assert pending_ids(db, "v2") == [] and pending_ids(db, "v3") == [doc_id]


def test_claims_are_searchable_by_full_text(tmp_path):
    db = open_db(tmp_path / "x.db")
    doc_id, _ = store.save_document(db, dict(DOC))
    replace_facts(db, {"id": doc_id, **DOC}, [CLAIM], "v1")
    hits = list(db["claims"].search("faster GPU"))
    assert [h["raw"] for h in hits] == ["6.9x faster than a GPU"]


def test_claim_groups_record_first_appearance_mentions_and_sources(tmp_path):
    db = open_db(tmp_path / "x.db")
    ids = []
    for n, (source, published) in enumerate([("wire", "2026-03-05"), ("acme-feed", "2026-03-03")]):
        doc_id, _ = store.save_document(db, dict(DOC, url=f"https://x.example/{n}", source=source,
                                                 published=published))
        replace_facts(db, {"id": doc_id, **DOC, "published": published}, [CLAIM], "v1")
        ids.append(doc_id)

    assert rebuild_claim_groups(db, grouping) == 1
    group = next(db["claim_groups"].rows)
    assert (group["mentions"], group["documents"]) == (2, 2)
    assert group["first_published"] == "2026-03-03" and group["first_document"] == ids[1]
    assert json.loads(group["sources"]) == ["acme-feed", "wire"]
    assert {c["claim_group"] for c in db["claims"].rows} == {group["id"]}
    assert rebuild_claim_groups(db, grouping) == 1  # rebuilding is idempotent
    assert db["claim_groups"].count == 1


def test_a_run_killed_half_way_is_marked_abandoned_by_the_next(tmp_path):
    path = tmp_path / "x.db"
    code = (f"import os; from data.db import open_db; from data.runs import start_run; "
            f"start_run(open_db({str(path)!r}), 'crawl'); os._exit(9)")
    subprocess.run([sys.executable, "-c", code], check=False, cwd=os.getcwd())
    db = open_db(path)
    assert db["runs"].get(1)["status"] == "running"
    run_id = start_run(db, "crawl")
    assert db["runs"].get(1)["status"] == "abandoned"
    finish_run(db, run_id, status="ok", stats={"requests": 3})
    assert db["runs"].get(run_id)["status"] == "ok"
    assert json.loads(db["runs"].get(run_id)["stats"]) == {"requests": 3}
