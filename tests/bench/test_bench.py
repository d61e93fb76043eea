"""The benchmark suite's own parts, at sizes that take a second: what it builds and measures is right."""

from __future__ import annotations

import doctest

from bench import timing
from bench.crawl import scaled_corpus
from bench.synthetic import RARE_WORD, build, history
from data.db import open_db


def test_timing_examples_hold():
    result = doctest.testmod(timing)
    assert result.attempted > 0 and result.failed == 0


def test_a_synthetic_database_has_the_asked_size_and_true_offsets(tmp_path):
    built = build(tmp_path / "chipwatch.db", 200)
    assert (built["documents"], built["claims"], built["figures"]) == (20, 200, 40)
    db = open_db(tmp_path / "chipwatch.db")
    texts = {row["id"]: row["text"] for row in db.query("select id, text from documents")}
    for claim in db.query("select document_id, start, end, raw from claims"):
        assert texts[claim["document_id"]][claim["start"]:claim["end"]] == claim["raw"]
    assert db.execute("select count(*) from claims_fts where claims_fts match 'faster'").fetchone()[0] > 0


def test_the_same_size_builds_the_same_database(tmp_path):
    build(tmp_path / "a.db", 100)
    build(tmp_path / "b.db", 100)
    rows = [open_db(tmp_path / name).execute("select id, raw from claims order by id").fetchall()
            for name in ("a.db", "b.db")]
    assert rows[0] == rows[1]


def test_the_rare_word_is_rare_and_present(tmp_path):
    build(tmp_path / "chipwatch.db", 20_000, claims_per_document=10)
    db = open_db(tmp_path / "chipwatch.db")
    hits = db.execute("select count(*) from claims where sentence like ?", [f"%{RARE_WORD}%"]).fetchone()[0]
    assert 1 <= hits <= 5


def test_the_scaled_corpus_copies_every_release_under_a_new_title():
    one, three = scaled_corpus(1), scaled_corpus(3)
    for vendor, room in one.newsrooms.items():
        assert len(three.newsrooms[vendor]["releases"]) == 3 * len(room["releases"])
    for room in three.newsrooms.values():  # a release may appear in a newsroom and on the wire, but once in each
        titles = [three.releases[r]["title"] for r in room["releases"]]
        assert len(titles) == len(set(titles))


def test_a_history_is_built_once_and_shared(tmp_path):
    lines = []
    path, built = history(300, tmp_path, echo=lines.append)
    assert path.name == "chipwatch.db" and built["claims"] == 300 and built["build_seconds"] is not None
    again, reused = history(300, tmp_path, echo=lines.append)
    assert again == path and reused["claims"] == 300 and reused["build_seconds"] is None
    assert sum("building" in line for line in lines) == 1


def test_a_killed_build_is_never_taken_for_a_history(tmp_path):
    half = tmp_path / "claims-300" / "building.db"
    half.parent.mkdir()
    half.write_bytes(b"a build that died")
    path, built = history(300, tmp_path, echo=lambda line: None)
    assert built["claims"] == 300 and not half.exists() and path.exists()
