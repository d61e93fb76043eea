"""The ``feeds`` spider against fixture feeds written in the real formats (synthetic), through the real CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from chipwatch.replay import Answer
from tests.conftest import SITE
from tests.crawler.newsroom import (
    EXPECTED,
    FAST,
    add_fault,
    answer_path,
    errors,
    stored,
    stored_pairs,
)

VOLTARA_FEED = SITE / "newsroom.voltara.test" / "releases.xml"






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
