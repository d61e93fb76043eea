"""``crawler.edgar.urls``: CIK spellings and the URLs of EDGAR's endpoints."""

from __future__ import annotations

import pytest

from crawler.edgar import urls
from crawler.edgar.submissions import (
    normalise_cik,
)


@pytest.mark.parametrize("value", ["0009900002", "9900002", 9900002, " 9900002 "])
def test_every_cik_spelling_normalises_to_ten_digits(value):
    assert normalise_cik(value) == "0009900002"


@pytest.mark.parametrize("value", [None, "", "CIK123", True, "12345678901"])
def test_unusable_cik_is_none(value):
    assert normalise_cik(value) is None


def test_urls_pad_the_cik_for_data_and_not_for_archives():
    assert urls.submissions_url("https://data.sec.gov", "0009900001") == \
        "https://data.sec.gov/submissions/CIK0009900001.json"
    assert urls.companyfacts_url("https://data.sec.gov", 9900001) == \
        "https://data.sec.gov/api/xbrl/companyfacts/CIK0009900001.json"
    assert urls.index_html_url("https://www.sec.gov", "0009900001", "0009900001-26-000005") == \
        "https://www.sec.gov/Archives/edgar/data/9900001/000990000126000005/0009900001-26-000005-index.html"
