"""``crawler.article.feed``: RSS/Atom (feedparser) -> entries, on the fixture feeds and small inline quirks."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.article.feed import parse_feed
from tests.conftest import SITE

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
