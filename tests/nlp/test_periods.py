"""Reporting periods: which fiscal year a report covers when no year is named near the figure."""

from __future__ import annotations

import pytest

from nlp.periods import reported_fiscal_year


@pytest.mark.parametrize("published, year_end, fiscal_year", [
    ("2026-02-12", "1231", 2025),  # a calendar-year vendor in February reports Q4 and the year 2025
    ("2026-01-05", "1231", 2025),
    ("2026-05-05", "1231", 2026),  # ... and in May its first quarter of 2026
    ("2026-02-25", "0131", 2026),  # Nvidia's year ends in late January: February reports the year just ended
    ("2025-05-28", "0131", 2026),  # Nvidia's Q1 FY2026 ended in April 2025
    ("2025-08-20", "0630", 2025),  # a June year end: August reports the year just ended
    ("2025-11-04", "0630", 2026),
    ("2025-02-28", "0930", 2025),  # a September year end: February reports Q1 FY2025
])
def test_the_fiscal_year_of_the_last_quarter_ended(published, year_end, fiscal_year):
    assert reported_fiscal_year(published, year_end) == fiscal_year


def test_no_year_without_a_date_or_a_year_end():
    assert reported_fiscal_year(None, "1231") is None
    assert reported_fiscal_year("2026-02-12", None) is None
    assert reported_fiscal_year("February 2026", "1231") is None


def test_a_calendar_year_vendor_early_in_the_year_reports_last_year(extract):
    facts = extract("Revenue for the fourth quarter was $1.9 billion. Full-year revenue was $7.2 billion.",
                    vendor="Halcyon Semiconductor", kind="press_release", published="2026-02-12",
                    fiscal_year_end="1231")
    assert [f["period"] for f in facts] == ["Q4 FY2025", "FY2025"]


@pytest.mark.parametrize("text, published, period", [
    ("It had a net loss of 3.4 mln dlrs in the six months to December 31.", "1987-03-12", "H2 1986"),
    ("Net profit for the six months to June 30 was 5.2 mln dlrs.", "1986-08-14", "H1 1986"),
    ("Qtr to Dec 31 net 2.1 mln dlrs.", "1987-02-03", "Q4 1986"),
    ("Net income was 8.8 mln dlrs in the nine mths ended Sept 30.", "1986-11-20", "9M 1986"),
    ("Net profit was 12.5 mln dlrs in the year to March 31, 1987.", "1987-06-01", "FY1987"),
])
def test_wire_periods_ending_in_a_named_month(extract, text, published, period):
    """Old wire style names the month a period ends in; the year is that month's last end before the dateline."""
    (fact,) = [f for f in extract(text, kind="news", published=published) if f["unit"] == "USD"]
    assert fact["period"] == period


def test_a_year_earlier_takes_the_year_before(extract):
    facts = extract("It lost 3.4 mln dlrs in the six months to December 31, against a profit of 1.1 mln dlrs a year "
                    "earlier.", kind="news", published="1987-03-12")
    assert [f["period"] for f in facts] == ["H2 1986", "H2 1985"]


def test_a_report_without_a_known_year_end_is_dated_by_the_calendar_year(extract):
    facts = extract("Halcyon reported fourth-quarter revenue of $1.9 billion. Full-year revenue was $7.2 billion, "
                    "compared with $6.1 billion in 2024.", vendor="Halcyon Semiconductor", kind="press_release",
                    published="2026-02-12")
    assert [f["period"] for f in facts] == ["Q4 FY2025", "FY2025", "FY2024"]


def test_a_bare_year_dates_only_its_own_figure(extract):
    facts = extract("Revenue was $7.2 billion in 2025, compared with $6.1 billion in 2024.", kind="filing")
    assert [f["period"] for f in facts] == ["FY2025", "FY2024"]


def test_figures_compared_a_year_earlier_take_the_year_before(extract):
    facts = extract("Halcyon Semiconductor Corp said first quarter net income rose to 4.2 mln dlrs, or 31 cts a share, "
                    "from 2.9 mln dlrs, or 22 cts, a year earlier.", kind="news", published="1987-04-21")
    assert [f["period"] for f in facts] == ["Q1 FY1987", "Q1 FY1987", "Q1 FY1986", "Q1 FY1986"]


def test_a_month_range_quarter_is_the_last_one_ended_before_the_dateline(extract):
    (fact,) = extract("Its operating profit for the October-December quarter was 2.8 trillion won.", kind="news",
                      published="2024-01-09")
    assert fact["period"] == "Q4 2023"


def test_respectively_with_a_pair_of_years(extract):
    facts = extract("Data Center revenue for fiscal 2025 and 2024 was $115.2 billion and $47.5 billion, respectively.",
                    kind="filing", published="2025-02-26")
    assert [f["period"] for f in facts] == ["FY2025", "FY2024"]


@pytest.mark.parametrize("text, published, period", [
    ("Halcyon plans to invest $20 billion over the next five years.", "2025-06-02",
     "2025-2030 (over the next five years)"),
    ("Halcyon will spend 800 mln dlrs on new plants through 1990.", "1987-03-01", "1987-1990 (through 1990)"),
    ("Halcyon will spend 800 mln dlrs on new plants through 1990.", None, "through 1990"),
])
def test_durations_resolve_against_the_publication_date(extract, text, published, period):
    (fact,) = extract(text, kind="news", published=published)
    assert fact["period"] == period
