"""``crawler.article.wire``: which registry vendor issued a wire item."""

from __future__ import annotations

from chipwatch.registry import load_registry
from crawler.article.feed import FeedEntry
from crawler.article.wire import wire_vendor
from tests.conftest import REGISTRIES

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
