"""The ``wires`` spider: GlobeNewswire, PR Newswire and Business Wire feeds filtered to registry vendors.

The wire feeds are synthetic, built from the field lists in shared/formats.md §4.
"""

from __future__ import annotations

from chipwatch.registry import load_registry
from crawler.article.feed import FeedEntry
from crawler.article.wire import wire_vendor
from data.stories import group_stories
from tests.conftest import REGISTRIES
from tests.crawler import test_feeds_support as support
from tests.crawler.test_feeds_support import (
    EXPECTED,
    errors,
    stored,
    stored_pairs,
)

crawl, newsroom_env = support.crawl, support.newsroom_env  # fixtures shared by the newsroom tests

STOCK = "https://www.globenewswire.com/rss/stock"


def registry(monkeypatch):
    monkeypatch.setenv("REPLAY_URL", "http://127.0.0.1:1")
    return load_registry(REGISTRIES / "newsrooms.yml")


def slug(entry: FeedEntry, reg) -> str | None:
    vendor = wire_vendor(entry, reg)
    return vendor.slug if vendor else None


def test_globenewswire_stock_category_decides(monkeypatch):
    reg = registry(monkeypatch)
    assert slug(FeedEntry("Q2 results", "u", categories=[(STOCK, "Nasdaq:QNTX")]), reg) == "quantix"
    # A listed issuer that is not ours, even when our vendor is named in the title:
    assert slug(FeedEntry("Stratus Cloud Adds Voltara Helix Instances", "u",
                          categories=[(STOCK, "Nasdaq:STRC")]), reg) is None
    # Right ticker, wrong exchange: not ours.
    assert slug(FeedEntry("x", "u", categories=[(STOCK, "NYSE:QNTX")]), reg) is None


def test_pr_newswire_contributor_decides(monkeypatch):
    reg = registry(monkeypatch)
    assert slug(FeedEntry("Adds decoding", "u", contributor="Cortexa AI"), reg) == "cortexa"
    assert slug(FeedEntry("Orchard Robotics Picks Voltara Chips", "u", contributor="Orchard Robotics"), reg) is None


def test_business_wire_lead_sentence_decides(monkeypatch):
    reg = registry(monkeypatch)
    ours = FeedEntry("Developer program opens", "u",
                     summary="PALO ALTO, Calif.--(BUSINESS WIRE)--Neurix Labs today opened a program.")
    theirs = FeedEntry("Keystone names officer", "u",
                       summary="PITTSBURGH--(BUSINESS WIRE)--Keystone Analytics, a Neurix customer, today said.")
    assert slug(ours, reg) == "neurix"
    assert slug(theirs, reg) is None
    assert slug(FeedEntry("Neurixa Launches", "u"), reg) is None  # a name must be a whole word


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
