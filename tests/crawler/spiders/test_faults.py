"""The fault matrix: every failure a newsroom crawl meets, against the replay server, through the real CLI.

For each fault: the crawl does not crash, the failure is a ``fetch_errors`` row
naming source, status and reason, the other sources and pages are stored, the
crawl exits 1; then, with the fault gone, a re-run exits 0 and the database
holds every expected document exactly once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from chipwatch.replay import Answer, ReplayServer
from crawler.middlewares.retry_after import retry_after_seconds
from tests.conftest import SITE
from tests.crawler.newsroom import (
    EXPECTED,
    add_fault,
    answer_path,
    errors,
    last_run,
    stored,
    stored_pairs,
)

VOLTARA_FEED = "/newsroom.voltara.test/releases.xml"
QUANTIX_FEED = "/ir.quantix.test/news-events/press-releases/rss"
NEURIX_FEED = "/blog.neurix.test/feed.atom"
CORTEXA_LISTING = "/www.cortexa.test/press"
PRN_FEED = "/www.prnewswire.com/rss/technology-latest-news/technology-latest-news-list.rss"
BW_FEED = "/feed.businesswire.com/rss/home/"
QUANTIX_Q1 = ("/ir.quantix.test/news-events/press-releases/detail/412/"
              "quantix-reports-second-quarter-2026-financial-results")
QUANTIX_Q2 = "/ir.quantix.test/news-events/press-releases/detail/418/quantix-opens-design-center-in-porto"
VOLTARA_V3 = "/newsroom.voltara.test/news/voltara-and-meridian-cloud-expand-partnership"
LUMEN_L1 = "/www.lumenchip.test/news/releases/2026/05/lumenchip-ships-photon-x-optical-interconnect"
LUMEN_L2 = "/www.lumenchip.test/news/releases/2026/09/lumenchip-appoints-chief-financial-officer"
CORTEXA_C1 = "/www.cortexa.test/press/cortexa-unveils-wafer-scale-inference-cloud"
CORTEXA_C2 = "/www.cortexa.test/press/cortexa-partners-with-nordlys-energy"
GNW_L3 = ("/www.globenewswire.com/news-release/2026/10/06/3140877/0/en/"
          "LumenChip-to-Present-at-Optical-Computing-Summit.html")
BW_N3 = "/www.businesswire.com/news/home/20261103005120/en/Neurix-Labs-Opens-N2-Developer-Program"


def fixture_text(server: ReplayServer, path: str) -> bytes:
    """The fixture file behind a replay path, with ``${REPLAY_URL}`` filled in."""
    file = SITE / path.lstrip("/")
    file = file / "index.html" if file.is_dir() else file
    return file.read_bytes().replace(b"${REPLAY_URL}", server.url.encode())


def malformed_feed(server: ReplayServer) -> Answer:
    body = fixture_text(server, VOLTARA_FEED)
    cut = body.index(b"</item>", body.index(b"</item>") + 1) + len(b"</item>")
    return Answer(200, body[:cut] + b"\n<item><title>Broken &nbsp; <link>", {"Content-Type": "text/xml"})


def truncated_page(server: ReplayServer) -> Answer:
    body = fixture_text(server, CORTEXA_C1)
    return Answer(200, body[: len(body) // 2], {"Content-Type": "text/html; charset=utf-8"})


def retry_after_date(server: ReplayServer) -> Answer:
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    return Answer(429, b"Too Many Requests", {"Retry-After": later})


def redirect_loop(server: ReplayServer) -> Answer:
    return Answer(302, b"", {"Location": server.url + GNW_L3})


def robots_disallow(server: ReplayServer) -> Answer:
    return Answer(200, f"User-agent: *\nDisallow: {CORTEXA_C2}\n".encode(), {"Content-Type": "text/plain"})


@dataclass
class Fault:
    spider: str
    path: str  # the replay path that misbehaves
    answer: object  # an Answer, or a function of the server giving one
    status: int | None  # expected fetch_errors.status
    reason: str  # regex the fetch_errors.reason must match
    missing: int  # expected documents lost while the fault lasts
    settings: tuple[str, ...] = field(default=())


FAULTS = {
    "timeout": Fault("feeds", VOLTARA_FEED, Answer(200, b"", delay=3.5), None, r"(?i)timeout|took longer", 3,
                     ("-s", "DOWNLOAD_TIMEOUT=2")),
    "dropped-connection": Fault("wires", BW_FEED, Answer(drop=True), None, r"(?i)connection|closed", 1),
    "http-500-page": Fault("feeds", QUANTIX_Q2, Answer(500, b"Internal Server Error"), 500, r"HTTP 500", 1),
    "http-502-feed": Fault("feeds", NEURIX_FEED, Answer(502, b"Bad Gateway"), 502, r"HTTP 502", 2),
    "http-503-listing": Fault("listings", CORTEXA_LISTING, Answer(503, b"Unavailable"), 503, r"HTTP 503", 2),
    "http-503-retry-after": Fault("sitemaps", LUMEN_L1, Answer(503, b"busy", {"Retry-After": "1"}), 503,
                                  r"honouring Retry-After", 1),
    "http-429-retry-after-too-long": Fault("wires", PRN_FEED, retry_after_date, 429, r"RETRY_AFTER_MAX", 2),
    "http-429": Fault("wires", BW_N3, Answer(429, b"Too Many Requests"), 429, r"HTTP 429", 1),
    "http-404-feed": Fault("feeds", QUANTIX_FEED, Answer(404, b"Not Found"), 404, r"HTTP 404", 2),
    "item-page-gone-404": Fault("feeds", QUANTIX_Q1, Answer(404, b"Not Found"), 404, r"HTTP 404", 1),
    "malformed-xml-feed": Fault("feeds", VOLTARA_FEED, malformed_feed, 200, r"malformed XML", 1),
    "truncated-html": Fault("listings", CORTEXA_C1, truncated_page, 200, r"truncated HTML", 1),
    "50mb-response": Fault("sitemaps", LUMEN_L2, Answer(200, b"<html>" + b" " * (50 * 1024 * 1024)), None,
                           r"larger than download max size", 1),
    "redirect-loop": Fault("wires", GNW_L3, redirect_loop, None, r"(?i)redirect", 1),
    "robots-disallow": Fault("listings", "/robots.txt/", robots_disallow, None, r"robots\.txt", 1),
}


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_is_recorded_and_a_rerun_recovers(name, crawl, replay, open_test_db):
    fault = FAULTS[name]
    answer = fault.answer(replay) if callable(fault.answer) else fault.answer
    rule = answer_path(fault.path, answer)
    add_fault(replay, rule)

    result = crawl(fault.spider, extra=fault.settings)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    db = open_test_db()
    [error] = errors(db, last_run(db))
    assert error["status"] == fault.status
    assert re.search(fault.reason, error["reason"]), error["reason"]
    expected = EXPECTED[fault.spider]
    assert stored_pairs(db) <= expected
    assert len(stored(db)) == len(expected) - fault.missing  # every other source and page was stored

    replay.rules.remove(rule)
    result = crawl(fault.spider)
    assert result.returncode == 0, result.output
    db = open_test_db()
    assert errors(db, last_run(db)) == []
    assert stored_pairs(db) == expected
    assert db["documents"].count == len(expected)  # nothing stored twice


def test_retry_after_is_waited_for_then_the_request_succeeds(crawl, replay, open_test_db):
    calls = []

    def busy_once(info):
        if f"/{info.host}{info.path}" == LUMEN_L1 and not calls:
            calls.append(info.at)
            return Answer(503, b"busy", {"Retry-After": "1"})
        return None

    add_fault(replay, busy_once)
    result = crawl("sitemaps")
    assert result.returncode == 0, result.output
    hits = [r for r in replay.requests if f"/{r.host}{r.path}" == LUMEN_L1]
    assert len(hits) == 2
    assert hits[1].at - hits[0].at >= 0.9  # the retry waited for Retry-After (behaviour, not speed)
    assert stored_pairs(open_test_db()) == EXPECTED["sitemaps"]


def test_page_gone_but_feed_has_full_content_is_stored_from_the_feed(crawl, replay, open_test_db):
    add_fault(replay, answer_path(VOLTARA_V3, Answer(404, b"Not Found")))
    result = crawl("feeds")
    assert result.returncode == 0, result.output
    db = open_test_db()
    assert errors(db) == []
    doc = stored(db)[VOLTARA_V3]
    assert "eight Meridian regions" in doc["text"]
    assert doc["published"] == "2026-10-14T15:00:00+00:00"  # the feed's pubDate
    assert doc["title"] == "Voltara and Meridian Cloud Expand Partnership to Eight Regions"


def test_page_declared_latin1_but_sent_as_utf8_is_repaired(crawl, replay, open_test_db):
    body = fixture_text(replay, CORTEXA_C1).replace(b"nearly", "nearly \u2014 Z\u00fcrich \u2014".encode())
    add_fault(replay, answer_path(CORTEXA_C1, Answer(200, body, {"Content-Type": "text/html; charset=ISO-8859-1"})))
    result = crawl("listings")
    assert result.returncode == 0, result.output
    assert "nearly \u2014 Z\u00fcrich \u2014 seven times" in stored(open_test_db())[CORTEXA_C1]["text"]


@pytest.mark.parametrize("value, seconds", [
    ("7", 7.0), (b"0", 0.0), ("Tue, 24 Nov 2026 12:00:30 GMT", 30.0), ("Tue, 24 Nov 2026 11:00:00 GMT", 0.0),
    ("soon", None), (None, None),
])
def test_retry_after_values(value, seconds):
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert retry_after_seconds(value, now) == seconds
