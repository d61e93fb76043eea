"""facet_counts: kept exact by triggers through inserts, re-extractions and updates; counted once for an old database."""

from __future__ import annotations

import random
import sqlite3

from data import store
from data.db import open_db
from data.facet_counts import COUNTED
from data.facts import replace_facts


def truth(db, table: str) -> set[tuple]:
    """Every (within, within_value, facet, value, count) counted from the rows themselves."""
    columns, rows = COUNTED[table], set()
    for facet in columns:
        rows |= {("", "", facet, v, n) for v, n in db.execute(
            f"select [{facet}], count(*) from {table} where [{facet}] is not null group by 1")}
        for within in (c for c in columns if c != facet):
            rows |= {(within, w, facet, v, n) for w, v, n in db.execute(
                f"select [{within}], [{facet}], count(*) from {table} where [{facet}] is not null "
                f"and [{within}] is not null group by 1, 2")}
    return rows


def kept(db, table: str) -> set[tuple]:
    return set(db.execute("select within, within_value, facet, value, count from facet_counts "
                          "where tbl = ? and count != 0", [table]))


def random_facts(rng: random.Random) -> list[dict]:
    facts = []
    for k in range(rng.randint(0, 5)):
        kind = rng.choice(["performance", "financial"])
        facts.append({"type": kind, "value": rng.randint(1, 9), "unit": rng.choice(["x", "%", None]),
                      "metric": rng.choice(["speed", "revenue", None]), "start": k, "end": k + 1, "quote": "q",
                      "product": rng.choice(["LX-3", None]), "period": rng.choice(["Q3 FY2026", None])})
    return facts


def test_counts_stay_exact_through_inserts_re_extractions_and_updates(tmp_path):
    rng = random.Random(3)
    db = open_db(tmp_path / "x.db")
    ids = []
    for n in range(30):
        document = {"url": f"https://x.example/{n}", "vendor": rng.choice([None, "acme", "zenith"]),
                    "source": "feed", "kind": "press_release", "published": "2026-03-01", "text": "..."}
        doc_id, _ = store.save_document(db, document)
        ids.append((doc_id, document))
        replace_facts(db, {"id": doc_id, **document}, random_facts(rng), "v1")
        if n % 4 == 3:
            old_id, old = rng.choice(ids)
            replace_facts(db, {"id": old_id, **old}, random_facts(rng), "v2")
    db.execute("update claims set vendor = 'zenith' where rowid % 3 = 0")
    db.conn.commit()
    for table in COUNTED:
        assert kept(db, table) == truth(db, table)
        assert truth(db, table), "the test must count something"


def test_a_database_from_before_is_counted_on_open(tmp_path):
    path = tmp_path / "x.db"
    db = open_db(path)
    doc_id, document = store.save_document(db, {"url": "https://x.example/1", "vendor": "acme", "source": "feed",
                                                "kind": "press_release", "text": "..."})
    replace_facts(db, {"id": doc_id, "vendor": "acme"}, [{"type": "performance", "value": 2, "unit": "x",
                                                          "metric": "speed", "start": 0, "end": 1}], "v1")
    db.close()
    conn = sqlite3.connect(path)
    with conn:  # as a database made before the counts existed
        for (name,) in conn.execute("select name from sqlite_master where name like 'facet_counts_%'").fetchall():
            conn.execute(f"drop trigger [{name}]")
        conn.execute("drop table facet_counts")
    conn.close()
    db = open_db(path)
    assert kept(db, "claims") == truth(db, "claims") != set()


def test_claims_per_vendor_month_and_metric_are_kept_too(tmp_path):
    rng = random.Random(5)
    db = open_db(tmp_path / "x.db")
    for n in range(20):
        document = {"url": f"https://x.example/{n}", "vendor": rng.choice(["acme", "zenith"]), "source": "feed",
                    "kind": "press_release", "published": f"2026-0{rng.randint(1, 4)}-02", "text": "..."}
        doc_id, _ = store.save_document(db, document)
        replace_facts(db, {"id": doc_id, **document}, random_facts(rng), "v1")
        if n % 5 == 4:
            replace_facts(db, {"id": doc_id, **document}, random_facts(rng), "v2")
    expected = set(db.execute("select vendor, substr(published, 1, 7), coalesce(metric, 'unknown'), count(*) "
                              "from claims group by 1, 2, 3"))
    assert set(db.execute("select vendor, month, metric, count from claim_months where count > 0")) == expected != set()
