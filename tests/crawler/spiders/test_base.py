"""``crawler.spiders.base``: the request builder every spider shares, and what it does with links it cannot fetch.

A link that is not http(s) or not a URL at all (``javascript:``, ``mailto:``,
``ftp:``, an empty ``<link>``, a malformed host) is one ``fetch_errors`` row
naming its source; the entries after it in the same feed, sitemap or wire are
still fetched and stored. Run with the real spiders against the replay server.
"""

from __future__ import annotations

import re

import pytest

from chipwatch.replay import Answer, ReplayServer
from crawler.spiders.base import unfetchable_reason
from tests.conftest import SITE
from tests.crawler.newsroom import EXPECTED, add_fault, answer_path, errors, last_run, stored, stored_pairs

VOLTARA_FEED = "/newsroom.voltara.test/releases.xml"
LUMEN_NEWS = "/www.lumenchip.test/sitemap-news.xml"
PRN_FEED = "/www.prnewswire.com/rss/technology-latest-news/technology-latest-news-list.rss"
ODD_LINKS = ["javascript:void(0)", "mailto:press@voltara.test", "ftp://newsroom.voltara.test/news/old-release",
             "", "http://[newsroom.voltara.test/news/broken"]


def served(server: ReplayServer, path: str, body: bytes) -> Answer:
    return Answer(200, body.replace(b"${REPLAY_URL}", server.url.encode()), {"Content-Type": "text/xml"})


def odd_item(link: str, n: int) -> str:
    return (f"<item><title>Odd entry {n}</title><link>{link}</link><guid isPermaLink=\"false\">odd-{n}</guid>"
            f"<pubDate>Mon, 12 Oct 2026 09:00:00 GMT</pubDate><description>A teaser.</description></item>")


def with_odd_entries_first(body: bytes, items: str) -> bytes:
    """The feed with ``items`` placed after its first entry, so later entries come after the odd ones."""
    cut = body.index(b"</item>") + len(b"</item>")
    return body[:cut] + items.encode() + body[cut:]


@pytest.mark.parametrize("url, reason", [
    ("javascript:void(0)", "scheme 'javascript' is not http(s)"),
    ("mailto:press@acme.test", "scheme 'mailto' is not http(s)"),
    ("ftp://acme.test/a", "scheme 'ftp' is not http(s)"),
    ("", "empty"),
    ("   ", "empty"),
    ("/news/relative-only", "scheme '(none)' is not http(s)"),
    ("https://", "no host"),
    ("http://[acme.test/x", "Invalid IPv6 URL"),
    ("https://acme.test:99999/x", "out of range"),
])
def test_unfetchable_links_are_named(url, reason):
    assert reason in unfetchable_reason(url)


@pytest.mark.parametrize("url", ["https://acme.test/news/a", "http://127.0.0.1:8104/x?y=1", "HTTPS://Acme.test/"])
def test_http_links_are_fetchable(url):
    assert unfetchable_reason(url) is None


def test_odd_links_in_a_feed_are_errors_and_the_later_entries_are_stored(crawl, replay, open_test_db):
    body = (SITE / VOLTARA_FEED.lstrip("/")).read_bytes()
    items = "".join(odd_item(link, n) for n, link in enumerate(ODD_LINKS))
    add_fault(replay, answer_path(VOLTARA_FEED, served(replay, VOLTARA_FEED, with_odd_entries_first(body, items))))

    result = crawl("feeds")
    assert result.returncode == 1, result.output  # the crawl says something failed
    assert "Traceback" not in result.output
    db = open_test_db()
    assert stored_pairs(db) == EXPECTED["feeds"]  # both Voltara releases listed after the odd entries too
    rows = errors(db, last_run(db))
    assert len(rows) == len(ODD_LINKS)
    assert {row["source"] for row in rows} == {"voltara-feed"}
    reasons = [row["reason"] for row in rows]
    for pattern in ("'javascript'", "'mailto'", "'ftp'", "no usable link", "no usable link|Invalid IPv6"):
        assert any(re.search(pattern, reason) for reason in reasons), (pattern, reasons)
    status = db.execute("select last_status from sources where id = 'voltara-feed'").fetchone()[0]
    assert status.startswith("error")

    again = crawl("feeds")  # the odd entries are still there: reported again, nothing stored twice
    assert again.returncode == 1
    db = open_test_db()
    assert len(errors(db, last_run(db))) == len(ODD_LINKS)
    assert db["documents"].count == len(EXPECTED["feeds"])


def test_odd_links_in_a_sitemap_are_errors_and_the_later_pages_are_stored(crawl, replay, open_test_db):
    body = (SITE / LUMEN_NEWS.lstrip("/")).read_bytes()
    odd = (b"<url><loc>ftp://www.lumenchip.test/news/releases/2026/10/archive</loc><lastmod>2026-10-01</lastmod></url>"
           b"<url><loc>https://[www.lumenchip.test/news/releases/2026/10/x</loc><lastmod>2026-10-01</lastmod></url>")
    cut = body.index(b"<url>")
    add_fault(replay, answer_path(LUMEN_NEWS, served(replay, LUMEN_NEWS, body[:cut] + odd + body[cut:])))

    result = crawl("sitemaps")
    assert result.returncode == 1, result.output
    db = open_test_db()
    assert stored_pairs(db) == EXPECTED["sitemaps"]
    rows = errors(db, last_run(db))
    assert [row["source"] for row in rows] == ["lumenchip-sitemap", "lumenchip-sitemap"]
    assert all(row["reason"].startswith("unfetchable link") for row in rows)


def test_an_odd_link_in_a_wire_feed_is_an_error_and_the_other_items_go_on(crawl, replay, open_test_db):
    body = (SITE / PRN_FEED.lstrip("/")).read_bytes()
    item = ("<item><title>Cortexa AI Names Chief Operating Officer</title><link>javascript:openRelease(77)</link>"
            "<guid>javascript:openRelease(77)</guid><pubDate>Mon, 12 Oct 2026 13:00:00 +0000</pubDate>"
            "<description><![CDATA[<p>BOSTON, Oct. 12, 2026 /PRNewswire/ -- Cortexa AI today named a COO.</p>]]>"
            "</description><dc:contributor>Cortexa AI</dc:contributor></item>")
    cut = body.index(b"<item>")
    add_fault(replay, answer_path(PRN_FEED, served(replay, PRN_FEED, body[:cut] + item.encode() + body[cut:])))

    result = crawl("wires")
    assert result.returncode == 1, result.output
    db = open_test_db()
    assert stored_pairs(db) == EXPECTED["wires"]
    [row] = errors(db, last_run(db))
    assert row["source"] == "prnewswire" and "'javascript'" in row["reason"]
    assert len(stored(db)) == len(EXPECTED["wires"])
