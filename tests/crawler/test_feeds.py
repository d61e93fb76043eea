"""The ``feeds`` spider and the RSS/Atom parser, against fixture feeds written in the real formats (synthetic)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from chipwatch.replay import Answer
from crawler.article.feed import parse_feed
from tests.conftest import SITE
from tests.crawler import test_feeds_support as support
from tests.crawler.test_feeds_support import (
    EXPECTED,
    FAST,
    add_fault,
    answer_path,
    errors,
    stored,
    stored_pairs,
)

crawl, newsroom_env = support.crawl, support.newsroom_env  # fixtures shared by the newsroom tests

VOLTARA_FEED = SITE / "newsroom.voltara.test" / "releases.xml"
QUANTIX_FEED = SITE / "ir.quantix.test" / "news-events" / "press-releases" / "rss"
NEURIX_FEED = SITE / "blog.neurix.test" / "feed.atom"


def test_ipressroom_feed_reads_bare_content_and_moddate():
    feed = parse_feed(VOLTARA_FEED.read_bytes(), "https://newsroom.voltara.test/releases.xml")
    first = feed.entries[0]
    assert first.title == "Voltara and Meridian Cloud Expand Partnership to Eight Regions"
    assert first.published == datetime(2026, 10, 14, 15, 0, tzinfo=UTC)
    assert first.modified == datetime(2026, 10, 14, 17, 0, tzinfo=UTC)
    assert "eight Meridian regions" in first.full_text()


def test_q4_feed_with_empty_descriptions_and_two_digit_years():
    feed = parse_feed(QUANTIX_FEED.read_bytes(), "https://ir.quantix.test/news-events/press-releases/rss")
    assert [e.published.year for e in feed.entries] == [2026, 2026, 2023]
    assert feed.entries[0].summary is None
    assert feed.entries[0].full_text() is None


def test_atom_feed_in_iso_8859_1():
    feed = parse_feed(NEURIX_FEED.read_bytes(), "https://blog.neurix.test/feed.atom")
    assert "Zürich" in feed.title
    assert [e.title for e in feed.entries] == ["Neurix Raises $210 Million Series C", "How the Neurix N2 Skips the Zeros"]
    assert feed.entries[1].published == datetime(2026, 4, 21, 16, 0, tzinfo=UTC)
    assert feed.entries[0].link.endswith("/blog.neurix.test/news/neurix-raises-series-c/")


def test_feed_declared_utf8_but_sent_in_latin1_is_read():
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\u00e9</title>'
            '<item><title>Se\u00f1or chips</title><link>https://x.test/a</link></item></channel></rss>')
    feed = parse_feed(body.encode("latin-1"), "https://x.test/rss")
    assert feed.error is None
    assert feed.entries[0].title == "Se\u00f1or chips"


def test_malformed_feed_reports_error_and_recovers_entries():
    body = (b'<rss version="2.0"><channel><item><title>One</title><link>https://x.test/1</link></item>'
            b'<item><title>Two &nbsp; broken</title><link>https://x.test/2</link></item>')
    feed = parse_feed(body, "https://x.test/rss")
    assert feed.error.startswith("malformed XML")
    assert feed.entries[0].link == "https://x.test/1"


def test_feed_crawl_stores_every_item_once(crawl, newsroom_env, open_test_db):
    result = crawl("feeds")
    assert result.returncode == 0, result.output
    db = open_test_db()
    assert stored_pairs(db) == EXPECTED["feeds"]
    assert errors(db) == []
    docs = stored(db)
    helix = docs["/newsroom.voltara.test/news/voltara-introduces-helix-h300-inference-accelerator"]
    assert helix["vendor"] == "voltara" and helix["kind"] == "press_release"
    assert helix["title"] == "Voltara Introduces Helix H300 Inference Accelerator"
    assert helix["canonical_url"] == ("https://newsroom.voltara.test/news/"
                                      "voltara-introduces-helix-h300-inference-accelerator")
    assert helix["published"] == "2026-03-03"
    assert helix["text"].startswith("SUNNYVALE, Calif., March 3, 2026 -- Voltara Corporation")
    assert "Share on LinkedIn" not in helix["text"] and "More news" not in helix["text"]
    quantix = docs["/ir.quantix.test/news-events/press-releases/detail/418/quantix-opens-design-center-in-porto"]
    assert quantix["published"] == "2026-09-09"
    seen = {r["id"]: r for r in db.query("select id, last_status, items_seen from sources")}
    assert seen["quantix-feed"]["last_status"] == "ok" and seen["quantix-feed"]["items_seen"] == 3


def test_item_before_since_is_not_fetched(crawl, replay):
    # The feed's third item is from January 2023; crawl_env sets CHIPWATCH_SINCE=2024-01-01.
    assert crawl("feeds").returncode == 0
    assert replay.hits("ir.quantix.test", "/news-events/press-releases/detail/418/")
    assert not replay.hits("ir.quantix.test", "/news-events/press-releases/detail/301/")


def test_item_edited_after_it_was_stored_is_fetched_again(crawl, replay, open_test_db):
    assert crawl("feeds").returncode == 0
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    body = VOLTARA_FEED.read_text(encoding="utf-8").replace("${REPLAY_URL}", replay.url)
    body = body.replace("<modDate>Tue, 03 Mar 2026 15:00:00 GMT</modDate>", f"<modDate>{later}</modDate>")
    add_fault(replay, answer_path("/newsroom.voltara.test/releases.xml",
                                  Answer(200, body.encode(), {"Content-Type": "text/xml"})))
    before = len(replay.requests)
    assert crawl("feeds").returncode == 0
    pages = [r.path for r in replay.requests[before:] if r.host == "newsroom.voltara.test" and "/news/" in r.path]
    assert pages == ["/news/voltara-introduces-helix-h300-inference-accelerator"]
    assert len(stored(open_test_db())) == len(EXPECTED["feeds"])


def test_second_crawl_with_nothing_new_reads_only_the_feeds(crawl, replay, open_test_db):
    assert crawl("feeds").returncode == 0
    before = len(replay.requests)
    result = crawl("feeds")
    assert result.returncode == 0, result.output
    second = replay.requests[before:]
    paths = sorted(f"/{r.host}{r.path}" for r in second)
    assert paths == sorted(["/robots.txt/", "/newsroom.voltara.test/releases.xml",
                            "/ir.quantix.test/news-events/press-releases/rss", "/blog.neurix.test/feed.atom"])
    assert len(stored(open_test_db())) == len(EXPECTED["feeds"])


def test_vendor_option_limits_the_crawl(chipwatch, newsroom_env, replay, open_test_db):
    result = chipwatch("crawl", "--spider", "feeds", "--vendor", "quantix", *FAST, env=newsroom_env)
    assert result.returncode == 0, result.output
    assert {row["vendor"] for row in stored(open_test_db()).values()} == {"quantix"}
    assert not replay.hits("newsroom.voltara.test")
