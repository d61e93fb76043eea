"""Claim groups are kept up to date incrementally, and always equal a regrouping from scratch."""

from __future__ import annotations

import random
import shutil

from data import store
from data.claim_groups import rebuild_claim_groups, update_claim_groups
from data.db import open_db
from data.facts import replace_facts
from nlp import grouping

PRODUCTS = [None, "WSE-3", "CS-2", "Wafer Scale Engine"]
BASELINES = [None, "the H100", "a CPU server"]


def claim_facts(rng: random.Random, n: int) -> list[dict]:
    return [{"type": "performance", "value": rng.choice([0.91, 1.0, 1.09, 2.0, 2.1, 7.0]), "unit": "x",
             "metric": rng.choice(["speed", "throughput"]), "direction": "higher", "start": k, "end": k + 1,
             "product": rng.choice(PRODUCTS), "comparator": rng.choice(BASELINES), "quote": f"q{k}",
             "sentence": f"claim {k}"} for k in range(n)]


def save(db, n: int, published: str, facts: list[dict]) -> str:
    document = {"url": f"https://news.example.com/{n}", "vendor": None, "source": f"feed-{n % 3}",
                "kind": "press_release", "title": f"Release {n}", "published": published, "text": "..."}
    doc_id, _ = store.save_document(db, document)
    replace_facts(db, {"id": doc_id, **document}, facts, "v1")
    return doc_id


def groups_of(db) -> tuple[list, list]:
    return (sorted(tuple(row.values()) for row in db["claim_groups"].rows),
            sorted((row["id"], row["claim_group"]) for row in db["claims"].rows))


def test_grouping_after_each_document_equals_grouping_everything_at_the_end(tmp_path):
    rng = random.Random(7)
    db = open_db(tmp_path / "x.db")
    ids = []
    for n in range(40):
        ids.append(save(db, n, f"2026-03-{n % 28 + 1:02d}", claim_facts(rng, rng.randint(0, 4))))
        if n % 5 == 4:  # a re-extraction changes an older document's claims
            old = rng.choice(ids)
            replace_facts(db, {"id": old, "vendor": None, "published": "2026-02-01"}, claim_facts(rng, 3), "v1")
        update_claim_groups(db, grouping)
        assert db.execute("select count(*) from claims where claim_group is null").fetchone()[0] == 0
    incremental = groups_of(db)
    db.close()
    shutil.copy(tmp_path / "x.db", tmp_path / "y.db")
    again = open_db(tmp_path / "y.db")
    rebuild_claim_groups(again, grouping)
    assert groups_of(again) == incremental
    assert incremental[0], "the test must make groups"


def test_a_re_extraction_releases_the_groups_of_the_replaced_claims(tmp_path):
    db = open_db(tmp_path / "x.db")
    fact = {"type": "performance", "value": 6.9, "unit": "x", "metric": "speed", "product": "WSE-3", "start": 0,
            "end": 4, "quote": "6.9x"}
    first = save(db, 1, "2026-03-01", [fact])
    save(db, 2, "2026-03-02", [dict(fact, value=7.0)])
    update_claim_groups(db, grouping)
    assert [g["mentions"] for g in db["claim_groups"].rows] == [2]

    # the first release is re-extracted and no longer makes the claim: the group loses its mention at once
    replace_facts(db, {"id": first, "vendor": None, "published": "2026-03-01"}, [], "v2")
    assert db["claim_groups"].count == 0
    update_claim_groups(db, grouping)
    assert [(g["mentions"], g["first_published"]) for g in db["claim_groups"].rows] == [(1, "2026-03-02")]


def test_claims_left_ungrouped_by_a_killed_run_are_grouped_by_the_next(tmp_path):
    db = open_db(tmp_path / "x.db")
    fact = {"type": "performance", "value": 3.0, "unit": "x", "metric": "speed", "start": 0, "end": 2, "quote": "3x"}
    save(db, 1, "2026-03-01", [fact])  # stored, then the process died before grouping
    save(db, 2, "2026-03-02", [dict(fact, value=3.1)])
    assert update_claim_groups(db, grouping) == 1
    assert update_claim_groups(db, grouping) == 1  # nothing new: nothing regrouped


class CountingGrouping:
    """nlp.grouping, counting how many claims each regrouping is handed."""

    def __init__(self):
        self.sizes = []

    def group_claims(self, claims):
        self.sizes.append(len(claims))
        return grouping.group_claims(claims)

    joinable = staticmethod(grouping.joinable)
    value_window = staticmethod(grouping.value_window)


def test_a_new_claim_costs_its_neighbours_not_the_history(tmp_path):
    db = open_db(tmp_path / "x.db")
    # ten products, each with forty values 25% apart: 400 claims, none the same as another
    history = [{"type": "performance", "value": 1.25 ** (k % 40), "unit": "x", "metric": "speed",
                "product": f"LX-{k // 40}", "start": k, "end": k + 1, "quote": f"{k}x"} for k in range(400)]
    save(db, 1, "2026-01-01", history)
    counting = CountingGrouping()
    update_claim_groups(db, counting)
    assert counting.sizes == [400]  # the first grouping sees everything

    new = {"type": "performance", "value": 20.5, "unit": "x", "metric": "speed", "product": "LX-3", "start": 0,
           "end": 1, "quote": "n"}
    save(db, 2, "2026-02-01", [new])
    update_claim_groups(db, counting)
    # 20.5x of the LX-3 is the same claim as its 22.7x (1.25 ** 14) and no other: one group reopened
    assert counting.sizes[1] == 2
    assert db["claim_groups"].count == 400
    assert update_claim_groups(db, counting) and len(counting.sizes) == 2
