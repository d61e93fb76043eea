"""``crawler.article.listing``: article links on a listing page."""

from __future__ import annotations

from crawler.article.listing import listing_links
from tests.conftest import SITE

LISTING = SITE / "www.cortexa.test" / "press" / "index.html"


def test_listing_links_match_the_pattern_only():
    body = LISTING.read_bytes().replace(b"${REPLAY_URL}", b"https://r.test")
    links = listing_links(body, "https://r.test/www.cortexa.test/press", r"/press/[^/?#]+")
    assert links == ["https://r.test/www.cortexa.test/press/cortexa-partners-with-nordlys-energy",
                     "https://r.test/www.cortexa.test/press/cortexa-unveils-wafer-scale-inference-cloud"]


def test_relative_links_without_pattern_stay_below_the_listing():
    body = b'<a href="/press/a">A</a><a href="/careers">C</a><a href="https://other.test/press/b">B</a>'
    assert listing_links(body, "https://c.test/press", None) == ["https://c.test/press/a"]
