"""The ``wires`` spider: GlobeNewswire, PR Newswire and Business Wire feeds filtered to registry vendors (synthetic feeds, formats.md §4)."""

from __future__ import annotations

from data.stories import group_stories
from tests.crawler.newsroom import (
    EXPECTED,
    errors,
    stored,
    stored_pairs,
)


def test_wire_crawl_keeps_only_registry_vendors(crawl, replay, open_test_db):
    result = crawl("wires")
    assert result.returncode == 0, result.output
    db = open_test_db()
    assert stored_pairs(db) == EXPECTED["wires"]
    assert errors(db) == []
    docs = stored(db)
    assert {row["kind"] for row in docs.values()} == {"press_release"}
    assert {row["vendor"] for row in docs.values()} == {"quantix", "lumenchip", "voltara", "cortexa", "neurix"}
    prn = docs["/www.prnewswire.com/news-releases/voltara-introduces-helix-h300-inference-accelerator-302405518.html"]
    assert prn["text"].startswith("SUNNYVALE, Calif., March 3, 2026 /PRNewswire/ -- Voltara Corporation")
    assert prn["published"] == "2026-03-03"
    # Items from other issuers are never fetched.
    assert not [r for r in replay.requests if "Helio" in r.path or "orchard" in r.path or "Keystone" in r.path]


def test_second_crawl_with_nothing_new_reads_only_the_wire_feeds(crawl, replay):
    assert crawl("wires").returncode == 0
    before = len(replay.requests)
    assert crawl("wires").returncode == 0
    hosts = sorted(r.host for r in replay.requests[before:])
    assert hosts == ["feed.businesswire.com", "robots.txt", "www.globenewswire.com", "www.prnewswire.com"]


def test_newsroom_and_wire_copies_become_one_story(crawl, open_test_db):
    assert crawl("feeds", "wires").returncode == 0
    db = open_test_db()
    group_stories(db)
    docs = stored(db)
    helix = docs["/newsroom.voltara.test/news/voltara-introduces-helix-h300-inference-accelerator"]
    wire = docs["/www.prnewswire.com/news-releases/voltara-introduces-helix-h300-inference-accelerator-302405518.html"]
    assert helix["story"] == wire["story"]
    quantix = [d for p, d in docs.items() if "quantix-reports-second-quarter" in p.lower()]
    assert len(quantix) == 2 and quantix[0]["story"] == quantix[1]["story"]
    assert len({d["story"] for d in docs.values()}) == len(docs) - 2
