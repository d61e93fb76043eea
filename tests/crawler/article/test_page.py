"""``crawler.article.page``: an article page -> title, canonical URL, publication date and text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.article import PageError, parse_article
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def parse_fixture(page: Path):
    url = page.with_suffix(".url").read_text().strip()
    return parse_article(page.read_bytes(), url, charset="utf-8", now=NOW)


@pytest.mark.parametrize("name, title, published, signal", [
    ("ipressroom-v1", "Voltara Introduces Helix H300 Inference Accelerator", "2026-03-03", "page"),
    ("q4-q1", "Quantix Reports Second Quarter 2026 Financial Results", "2026-07-28", "page"),
    ("wordpress-n1", "How the Neurix N2 Skips the Zeros", "2026-04-21T16:00:00+00:00", "json-ld"),
    ("wordpress-n2", "Neurix Raises $210 Million Series C", "2026-06-02T14:00:00+00:00", "time"),
    ("jsonld-l1", "LumenChip Ships Photon-X Optical Interconnect", "2026-05-12T13:00:00+00:00", "json-ld"),
    ("generic-c1", "Cortexa Unveils Wafer-Scale Inference Cloud", "2026-02-17", "dateline"),
    ("gnw-w-gnw-q1", "Quantix Reports Second Quarter 2026 Financial Results", "2026-07-28T20:05:00+00:00", "time"),
    ("prn-w-prn-c3", "Cortexa AI Adds Speculative Decoding to Inference Cloud", "2026-09-22", "page"),
    ("bw-w-bw-n3", "Neurix Labs Opens N2 Developer Program", "2026-11-03T14:00:00+00:00", "time"),
])
def test_title_and_publication_date(name, title, published, signal):
    article = parse_fixture(FIXTURES / "articles" / f"{name}.html")
    assert article.title == title
    assert article.published == published
    assert article.date_source == signal


def test_canonical_url_from_link_rel():
    article = parse_fixture(FIXTURES / "articles" / "q4-q1.html")
    assert article.canonical_url == ("https://ir.quantix.test/news-events/press-releases/detail/412/"
                                     "quantix-reports-second-quarter-2026-financial-results")


BODY = "<p>" + "Acme builds chips for inference and sells them to cloud providers worldwide. " * 6 + "</p>"


def page(head: str = "", body: str = BODY) -> bytes:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def test_relative_canonical_is_made_absolute_and_a_home_page_canonical_ignored():
    relative = parse_article(page('<link rel="canonical" href="/news/a">'), "https://acme.test/x?utm=1")
    home = parse_article(page('<link rel="canonical" href="https://acme.test/">'), "https://acme.test/news/a")
    og = parse_article(page('<meta property="og:url" content="https://acme.test/news/b">'), "https://acme.test/b")
    assert relative.canonical_url == "https://acme.test/news/a"
    assert home.canonical_url is None
    assert og.canonical_url == "https://acme.test/news/b"


def test_json_ld_beats_meta_beats_time():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-01-05"}</script>'
            '<meta property="article:published_time" content="2026-01-06T10:00:00Z">')
    body = '<time datetime="2026-01-07">Jan 7</time>' + BODY
    assert parse_article(page(head, body), "https://a.test/n", now=NOW).published == "2026-01-05"
    meta_only = page(head.split("</script>")[1], body)
    assert parse_article(meta_only, "https://a.test/n", now=NOW).published == "2026-01-06T10:00:00+00:00"
    assert parse_article(page("", body), "https://a.test/n", now=NOW).published == "2026-01-07"


def test_feed_date_then_dateline_then_url():
    dated = page(body="<p>AUSTIN, Texas, Feb. 4, 2026 /PRNewswire/ -- " + BODY[3:])
    hint = datetime(2026, 2, 3, 21, 0, tzinfo=UTC)
    assert parse_article(dated, "https://a.test/n", hint=hint, now=NOW).published == "2026-02-03T21:00:00+00:00"
    assert parse_article(dated, "https://a.test/n", now=NOW).published == "2026-02-04"
    assert parse_article(page(), "https://a.test/2025/12/01/n", now=NOW).published == "2025-12-01"
    assert parse_article(page(), "https://a.test/n", now=NOW).published is None


def test_dates_in_the_future_or_before_the_vendor_existed_are_rejected():
    head = '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
    body = '<time datetime="1999-05-01">old</time>' + BODY
    article = parse_article(page(head, body), "https://a.test/2026/03/09/n", founded=2016, now=NOW)
    assert article.published == "2026-03-09"
    assert article.date_source == "url"


def test_truncated_and_empty_pages_are_errors():
    with pytest.raises(PageError, match="truncated"):
        parse_article(page()[:200], "https://a.test/n")
    with pytest.raises(PageError, match="no article text"):
        parse_article(b'<html><body><div id="root"></div><script>app()</script></body></html>', "https://a.test/n")


@pytest.mark.parametrize("head, h1, title", [
    ('<meta property="og:title" content="Acme Ships X1 Today | Acme Newsroom">', "Acme Ships X1 Today",
     "Acme Ships X1 Today"),
    ("<title>Acme Ships X1 Today :: Acme Investor Relations</title>", "", "Acme Ships X1 Today"),
    ("<title>Acme Ships X1 Today - Acme</title>", "<span>Acme</span>", "Acme Ships X1 Today"),
    ("<title>Q3 - Acme</title>", "", "Q3 - Acme"),
])
def test_title_without_the_site_name(head, h1, title):
    body = (f"<h1>{h1}</h1>" if h1 else "") + BODY
    assert parse_article(page(head, body), "https://a.test/n").title == title
