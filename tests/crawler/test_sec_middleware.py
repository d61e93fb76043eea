"""SecEtiquetteMiddleware's pure parts: recognising SEC's 403 pages and which requests are SEC's.

Its behaviour on the wire (pacing, pause, retry, refusal) is tested through real crawls
in test_edgar_spider.py.
"""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from chipwatch.replay import ACCESS_DENIED, RATE_PAGE, UNDECLARED_PAGE
from crawler.middlewares.sec import SecEtiquetteMiddleware, classify_sec_403, is_sec_host

# The real rate page's wording (shared/formats.md §1), which differs from the replay server's.
REAL_RATE_PAGE = (b"<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body>"
                  b"<h1>You\xe2\x80\x99ve Exceeded the SEC\xe2\x80\x99s Traffic Limit</h1></body></html>")


@pytest.mark.parametrize(("body", "kind"), [
    (RATE_PAGE, "rate"),  # mentions undeclared tools too, but is the rate page
    (REAL_RATE_PAGE, "rate"),
    (UNDECLARED_PAGE, "undeclared"),
    (ACCESS_DENIED, "access_denied"),
    (b"<html><body>Forbidden</body></html>", None),
])
def test_classify_sec_403(body, kind):
    assert classify_sec_403(body) == kind


@pytest.mark.parametrize(("host", "expected"), [
    ("www.sec.gov", True), ("data.sec.gov", True), ("efts.sec.gov", True), ("sec.gov", True),
    ("notsec.gov", False), ("sec.gov.example.com", False), (None, False),
])
def test_real_sec_hosts(host, expected):
    assert is_sec_host(host) is expected


def make_middleware(**settings):
    crawler = get_crawler(settings_dict={"SEC_USER_AGENT": "Jane Doe jane@example.org", **settings})
    return SecEtiquetteMiddleware.from_crawler(crawler)


def test_configured_bases_count_as_sec_even_on_a_shared_local_host():
    mw = make_middleware(EDGAR_DATA_URL="http://127.0.0.1:9/data.sec.gov",
                         EDGAR_ARCHIVES_URL="http://127.0.0.1:9/www.sec.gov")
    assert mw.is_sec("http://127.0.0.1:9/data.sec.gov/submissions/CIK0009900001.json")
    assert mw.is_sec("https://www.sec.gov/Archives/edgar/data/1/x.htm")
    assert not mw.is_sec("http://127.0.0.1:9/news.example.com/feed.xml")
    assert not mw.is_sec("http://127.0.0.1:9/data.sec.gov.evil/x")


@pytest.mark.parametrize("rate", [0, -1])
def test_zero_rate_is_refused_loudly_not_switched_off(rate):
    # NotConfigured would make Scrapy drop the middleware silently and send SEC requests unpaced
    from scrapy.exceptions import NotConfigured

    with pytest.raises(ValueError, match="above 0") as caught:
        make_middleware(SEC_MAX_REQUESTS_PER_SECOND=rate)
    assert not isinstance(caught.value, NotConfigured)
