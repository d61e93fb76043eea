"""``crawler.article.dates``: every date format we meet, datelines, URL dates, plausibility."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crawler.article.dates import dateline_date, parse_date, plausible, url_date

NOW = datetime(2026, 11, 24, tzinfo=UTC)


@pytest.mark.parametrize("value, expected", [
    ("Mon, 08 Jun 26 09:00:00 GMT", datetime(2026, 6, 8, 9, 0, tzinfo=UTC)),
    ("Tue, 02 Dec 2025 09:00:00 -0500", datetime(2025, 12, 2, 14, 0, tzinfo=UTC)),
    ("2026-03-03T14:00:00Z", datetime(2026, 3, 3, 14, 0, tzinfo=UTC)),
    ("2026-03-03", date(2026, 3, 3)),
    ("Mar. 3, 2026", date(2026, 3, 3)),
    ("Sept. 9, 2026 12:30pm EDT", date(2026, 9, 9)),
    ("3 March 2026", date(2026, 3, 3)),
    ("not a date", None),
    ("2026-02-30", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_dateline_and_url_dates():
    assert dateline_date("SUNNYVALE, Calif., March 3, 2026 -- Today ...") == date(2026, 3, 3)
    assert dateline_date("SANTA CLARA, Calif., Dec. 02, 2025 (GLOBE NEWSWIRE) -- Today") == date(2025, 12, 2)
    assert dateline_date("It was March 3, 2026, a Tuesday.") is None
    assert url_date("https://www.businesswire.com/news/home/20260303005123/en/X") == date(2026, 3, 3)
    assert url_date("https://www.amd.com/en/newsroom/press-releases/2026-3-5-x.html") == date(2026, 3, 5)


def test_plausible():
    assert plausible(date(2026, 11, 25), now=NOW)  # a day of slack for time zones
    assert not plausible(date(2026, 11, 27), now=NOW)
    assert not plausible(date(2015, 1, 1), founded=2016, now=NOW)
