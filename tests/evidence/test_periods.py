"""Period labels as dates, read against a vendor's fiscal year end."""

from __future__ import annotations

from datetime import date

import pytest

from evidence.periods import fiscal_period


@pytest.mark.parametrize(("label", "year_end", "start", "end"), [
    ("Q4 FY2025", "0126", date(2024, 10, 27), date(2025, 1, 26)),   # a late-January fiscal year
    ("Q1 FY2026", "0126", date(2025, 1, 27), date(2025, 4, 26)),
    ("FY2025", "0928", date(2024, 9, 29), date(2025, 9, 28)),        # a late-September fiscal year
    ("Q3 FY2025", "1231", date(2025, 7, 1), date(2025, 9, 30)),
    ("H1 FY2026", "0131", date(2025, 2, 1), date(2025, 7, 31)),
    ("9M FY2025", "1231", date(2025, 1, 1), date(2025, 9, 30)),
    ("Q1 2026", "0126", date(2026, 1, 1), date(2026, 3, 31)),        # no "FY": a calendar quarter
])
def test_a_label_covers_the_dates_of_its_fiscal_calendar(label, year_end, start, end):
    period = fiscal_period(label, year_end)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("label", ["Q1", "August", "last reported quarter", "", None, "Q5 FY2025"])
def test_a_label_without_a_year_names_no_period(label):
    assert fiscal_period(label, "1231") is None


def test_a_fiscal_label_needs_a_fiscal_year_end():
    assert fiscal_period("FY2025", None) is None
    assert fiscal_period("FY2025", "1331") is None
