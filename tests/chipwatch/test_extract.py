"""`chipwatch extract`: incremental, versioned, and never duplicating facts."""

from __future__ import annotations

import os

from data import store
from data.db import open_db
from tests.conftest import REPO, run_chipwatch

RELEASE = ("SUNNYVALE, Calif., March 3, 2026 -- Vantor Systems today said its T2 accelerator runs a "
           "70B-parameter model 6.9x faster than comparable GPU cloud instances. Revenue for the first quarter "
           "of 2026 was $412.5 million, up 38% year over year.")
WIRE = ("Vantor Systems claims its T2 chip is nearly seven times faster than comparable GPU cloud instances, "
        "the company said on Tuesday.")


def env_for(db_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
    env.update({"CHIPWATCH_DB": str(db_path), "CHIPWATCH_SOURCES": str(REPO / "sources.yml")})
    return env


def seed(db_path) -> None:
    db = open_db(db_path)
    store.save_document(db, {"url": "https://news.vantor.example/t2", "vendor": None, "source": "vantor-feed",
                             "kind": "press_release", "published": "2026-03-03", "text": RELEASE})
    store.save_document(db, {"url": "https://wire.example/vantor-t2", "vendor": None, "source": "wire",
                             "kind": "press_release", "published": "2026-03-05", "text": WIRE})


def counts(db_path) -> dict[str, int]:
    db = open_db(db_path)
    return {t: db[t].count for t in ("claims", "figures", "claim_groups")}


def test_extract_finds_facts_then_has_nothing_left_to_do(tmp_path):
    db_path = tmp_path / "x.db"
    seed(db_path)
    first = run_chipwatch("extract", "--quiet", env=env_for(db_path))
    assert first.returncode == 0, first.output
    assert "2 documents" in first.stderr
    found = counts(db_path)
    assert found["claims"] >= 2 and found["figures"] >= 1
    again = run_chipwatch("extract", "--quiet", env=env_for(db_path))
    assert "0 documents" in again.stderr and counts(db_path) == found


def test_a_new_extractor_version_re_extracts_old_documents_without_duplicates(tmp_path):
    db_path = tmp_path / "x.db"
    seed(db_path)
    run_chipwatch("extract", "--quiet", env=env_for(db_path))
    found = counts(db_path)
    db = open_db(db_path)
    db.execute("update documents set extracted_version = '0.0.1-old'")
    db.conn.commit()
    result = run_chipwatch("extract", "--quiet", env=env_for(db_path))
    assert "2 documents" in result.stderr
    assert counts(db_path) == found
    versions = {r["extractor_version"] for r in open_db(db_path).query("select extractor_version from claims")}
    assert "0.0.1-old" not in versions and len(versions) == 1


def test_the_same_claim_in_two_documents_is_one_group_with_its_first_appearance(tmp_path):
    db_path = tmp_path / "x.db"
    seed(db_path)
    run_chipwatch("extract", "--quiet", env=env_for(db_path))
    db = open_db(db_path)
    groups = list(db.query("select * from claim_groups where documents = 2"))
    assert len(groups) == 1, list(db.query("select product, metric, value, unit, raw from claims"))
    assert groups[0]["first_published"] == "2026-03-03"


def stored_facts(db_path) -> dict[str, list]:
    db = open_db(db_path)
    return {table: db.execute(f"select id, document_id, start, end, raw, metric, value from {table} "
                              "order by id").fetchall() for table in ("claims", "figures")}


def test_two_worker_processes_store_the_same_facts_as_one(tmp_path):
    """`--workers 2`: the same claims and figures, ids included, as a single-process extraction."""
    for name in ("one.db", "two.db"):
        db = open_db(tmp_path / name)
        for i in range(40):  # enough batches that both workers get some
            store.save_document(db, {"url": f"https://news.vantor.example/r{i}", "vendor": None,
                                     "source": "vantor-feed", "kind": "press_release",
                                     "published": f"2026-03-{i % 28 + 1:02d}", "text": f"Release {i}. {RELEASE}"})
    one = run_chipwatch("extract", "--quiet", env=env_for(tmp_path / "one.db"))
    two = run_chipwatch("extract", "--quiet", "--workers", "2", env=env_for(tmp_path / "two.db"))
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert "40 documents" in two.stderr
    single, parallel = stored_facts(tmp_path / "one.db"), stored_facts(tmp_path / "two.db")
    assert single["claims"] and single["figures"]
    assert parallel == single
