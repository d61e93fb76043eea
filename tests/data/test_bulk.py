"""bulk_load: the same rows as the per-document write path, with search and counts rebuilt once; a kill
half-way leaves nothing stale, because the next open rebuilds what the missing triggers no longer keep."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from data import store
from data.bulk import batches, bulk_load, derived_triggers
from data.db import open_db
from data.facts import replace_facts
from tests.data.test_facet_counts import kept, random_facts, truth

PRODUCTS = ["Lynx L3", "Zenith Z9", None]


def write(db, n: int, rng: random.Random) -> None:
    document = {"url": f"https://x.example/{n}", "vendor": rng.choice([None, "acme", "zenith"]), "source": "feed",
                "kind": "press_release", "published": f"2026-0{rng.randint(1, 9)}-01",
                "text": f"Release {n} says the chip is {rng.choice(['faster', 'cooler', 'smaller'])}."}
    doc_id, _ = store.save_document(db, document)
    facts = random_facts(rng)
    for fact in facts:
        fact.update(sentence=f"Sentence {n} about {rng.choice(['inference', 'training'])}.",
                    product=rng.choice(PRODUCTS))
    replace_facts(db, {"id": doc_id, **document}, facts, "v1")


def contents(db) -> dict:
    search = {word: db.execute("select count(*) from claims_fts where claims_fts match ?", [word]).fetchone()[0]
              for word in ("inference", "training", "lynx")}
    documents = db.execute("select count(*) from documents_fts where documents_fts match 'faster'").fetchone()[0]
    rows = {t: sorted(db.execute(f"select id from {t}").fetchall()) for t in ("documents", "claims", "figures")}
    months = sorted(db.execute("select vendor, month, metric, count from claim_months where count != 0"))
    return {"search": search, "documents_fts": documents, "rows": rows, "months": months,
            "counts": {t: kept(db, t) for t in ("claims", "figures")}}


def test_a_bulk_load_stores_what_the_write_path_stores_with_search_and_counts_exact(tmp_path):
    one_by_one = open_db(tmp_path / "one.db")
    rng = random.Random(5)
    for n in range(60):
        write(one_by_one, n, rng)

    bulk = open_db(tmp_path / "bulk.db")
    rng = random.Random(5)
    with bulk_load(bulk):
        assert derived_triggers(bulk) == [], "the derived triggers are off during the load"
        for batch in batches(range(60), every=7):
            with bulk.atomic():
                for n in batch:
                    write(bulk, n, rng)
    triggers = set(derived_triggers(one_by_one))
    assert triggers and set(derived_triggers(bulk)) == triggers, "every derived trigger is back afterwards"
    assert contents(bulk) == contents(one_by_one)
    assert contents(bulk)["search"]["inference"] > 0, "the test must find something"
    for table in ("claims", "figures"):
        assert kept(bulk, table) == truth(bulk, table)


def test_batches_keep_every_item_in_order():
    assert list(batches(range(7), every=3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], every=3)) == []


KILLED_LOAD = """
import os, random, sys
from data.bulk import batches, bulk_load
from data.db import open_db
from tests.data.test_bulk import write
db = open_db(sys.argv[1])
rng = random.Random(9)
with bulk_load(db):
    for batch in batches(range(40), every=10):
        with db.atomic():
            for n in batch:
                write(db, n, rng)
        if batch[0] == 20:
            os._exit(9)  # dies as a SIGKILL would: no finally, no rebuild
"""


def test_a_load_killed_half_way_is_rebuilt_on_the_next_open(tmp_path):
    path = tmp_path / "killed.db"
    done = subprocess.run([sys.executable, "-c", KILLED_LOAD, str(path)], cwd=os.getcwd(), capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert done.returncode == 9, done.stderr
    reopened = open_db(path)  # finds the derived triggers missing and rebuilds search and counts
    assert reopened["documents"].count == 30, "the three committed batches stay; the fourth never began"
    assert derived_triggers(reopened)
    claims = reopened["claims"].count
    assert claims > 0
    for word in ("inference", "training"):
        found = reopened.execute("select count(*) from claims_fts where claims_fts match ?", [word]).fetchone()[0]
        assert found == reopened.execute("select count(*) from claims where sentence like ?", [f"%{word}%"]).fetchone()[0]
    for table in ("claims", "figures"):
        assert kept(reopened, table) == truth(reopened, table)
