"""Reporting periods: which fiscal year a report covers when no year is named near the figure."""

from __future__ import annotations

import pytest

from nlp.periods import reported_fiscal_year
from tests.nlp.conftest import only


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


# --- general behaviours first seen on blind sets, on sentences of our own ---


def test_calendar_quarters_stay_calendar(extract):
    facts = extract("Halcyon reports on fiscal 2025.\nFor the first quarter of 2026, Halcyon expects revenue of "
                    "$120 million. Revenue for the second quarter of fiscal 2026 was $98 million.")
    assert only(facts, value=1.2e8)["period"] == "Q1 2026"
    assert only(facts, value=9.8e7)["period"] == "Q2 FY2026"


def test_forecast_periods_do_not_move_the_reported_one(extract):
    facts = extract("Vantor reported bookings of €2.1 billion for the second quarter, up from €1.7 billion in the "
                    "first quarter, and expects third-quarter sales of about €3 billion. Net income was "
                    "€0.6 billion.")
    assert only(facts, value=6e8)["period"] == "Q2"
    assert only(facts, value=1.7e9)["period"] == "Q1"


def test_month_range_quarter_and_year_ended(extract):
    facts = extract("Operating profit for the July-September quarter rose to 3.1 trillion won.\n"
                    "Results for the fiscal year ended December 31, 2025 follow. Revenue for the fourth quarter was "
                    "$51 million.")
    assert only(facts, unit="KRW")["period"] == "Q3"
    assert only(facts, value=5.1e7)["period"] == "Q4 FY2025"


def test_a_compared_figure_takes_the_period_named_after_it(extract):
    text = ("Server segment net revenue was $4.4 billion in fiscal 2025, or 52% of total net revenue, "
            "compared with $3.0 billion, or 41% of total net revenue, in fiscal 2024.")
    facts = extract(text, kind="filing")
    assert only(facts, value=4.4e9)["period"] == "FY2025"
    assert only(facts, value=3.0e9)["period"] == "FY2024"
    assert only(facts, value=41.0)["period"] == "FY2024"


def test_a_year_named_for_a_comparison_does_not_date_the_figure(extract):
    text = ("Revenue was $5 billion in fiscal 2025. "
            "The Edge segment represented 12% of net revenue, down from 17% in fiscal 2024.")
    facts = extract(text, kind="filing")
    assert only(facts, value=12.0)["period"] == "FY2025"
    assert only(facts, value=17.0)["period"] == "FY2024"


def test_share_prices_and_valuations_carry_no_period(extract):
    text = "Orlin's third-quarter profit fell 8 percent to $1.9 billion. Orlin shares closed up 75 cents at $21.40."
    facts = extract(text, kind="news")
    assert only(facts, value=1.9e9)["period"] == "Q3"
    assert only(facts, value=21.4)["period"] is None


def test_a_month_named_with_the_figure_beats_the_storys_quarter(extract):
    text = ("Orlin's third-quarter profit fell 8 percent to $1.9 billion. "
            "Chip sales rose 30 percent to $17.8 billion in August.")
    assert only(extract(text, kind="news"), value=17.8e9)["period"] == "August"


def test_outlook_lines_share_the_forecast_period(extract):
    text = ("Revenue for the third quarter of fiscal 2026 was $4.1 billion. "
            "For the fourth quarter of fiscal 2026, revenue is expected to be $4.6 billion, plus or minus 2%. "
            "Non-GAAP gross margin is expected to be 61.0%, plus or minus 50 basis points.")
    facts = extract(text, kind="press_release")
    assert only(facts, value=4.1e9)["period"] == "Q3 FY2026"
    assert only(facts, value=61.0)["period"] == "Q4 FY2026"


def test_a_year_ago_figure_after_an_outlook_is_revenue(extract):
    facts = extract("The company said it expects third quarter revenues of 40 mln to 44 mln dlrs, "
                    "compared with 36.5 mln dlrs a year ago.", published="1987-06-01", kind="news")
    assert only(facts, value=40e6)["metric"] == "guidance_revenue"
    assert only(facts, value=36.5e6)["metric"] == "revenue"


def test_a_month_named_with_its_year_dates_the_figure_but_a_month_range_does_not(extract):
    facts = extract("Halcyon booked revenue of KRW 640.2 billion for March 2026. Revenue for January "
                    "through March 2026 totaled KRW 1,850.7 billion.", kind="filing")
    assert only(facts, value=640.2e9)["period"] == "March 2026"
    assert only(facts, value=1850.7e9)["period"] != "January"


@pytest.mark.parametrize("published, period", [
    (None, "last year"),  # no date to resolve it: kept as written, no year invented
    ("2026-03-04", "FY2025"),  # with a publication date it is the year before
])
def test_last_year_resolves_only_against_a_publication_date(extract, published, period):
    facts = extract("Fenmore Devices said revenue was $420 million last year.", vendor=None, published=published,
                    kind="news")
    assert only(facts, metric="revenue")["period"] == period


@pytest.mark.parametrize("text, period", [
    ("Brindle posted revenue of $80 million for the quarter.", "Q1 2026"),
    ("Brindle said sales last quarter rose to $80 million.", "Q1 2026"),
])
def test_an_unnumbered_quarter_is_the_last_one_ended_before_publication(extract, text, period):
    facts = extract(text, vendor="Brindle", published="2026-05-01", kind="news")
    assert only(facts, value=80000000)["period"] == period


def test_an_unnumbered_quarter_without_a_date_stays_unresolved(extract):
    facts = extract("Brindle said sales last quarter rose to $80 million.", vendor="Brindle", published=None)
    assert only(facts, value=80000000)["period"] == "last reported quarter"


def test_a_dated_filing_section_that_names_no_period_is_the_reported_fiscal_year(extract):
    facts = extract("Compute revenue - The year over year increase was due to strong demand. Revenue from data "
                    "center computing grew 62% driven by demand for our accelerators.", vendor="Sallow Semiconductor",
                    published="2026-02-20", kind="filing")
    assert only(facts, value=62)["period"] == "FY2025"


def test_a_news_story_that_names_no_period_gets_none(extract):
    facts = extract("Revenue from data center computing grew 62%, the analyst said.", published="2026-02-20",
                    kind="news")
    assert only(facts, value=62)["period"] is None


def test_the_figure_a_change_started_from_is_the_period_a_year_earlier(extract):
    facts = extract("Kessel Corp said nine-month earnings rose to 4.5 mln dlrs, or 1.10 dlrs a share, from "
                    "3.1 mln dlrs, or 76 cts.", published="1990-11-02", kind="news")
    assert [(f["value"], f["period"]) for f in facts] == [
        (4500000.0, "9M FY1990"), (1.1, "9M FY1990"), (3100000.0, "9M FY1989"), (0.76, "9M FY1989")]


def test_a_from_figure_with_its_own_period_keeps_it(extract):
    facts = extract("Revenue for fiscal 2025 rose to $3.2 billion from $2.7 billion in fiscal 2024.")
    assert [f["period"] for f in facts] == ["FY2025", "FY2024"]


@pytest.mark.parametrize("text, periods", [
    ("Micron reported revenue of $9.3 billion for the quarter. Last year revenue in the same quarter was $6.8 "
     "billion.", ["Q4 2025", "Q4 2024"]),
    ("Second-quarter revenue was $840 million, compared with $750 million in the same period last year.",
     ["Q2 FY2025", "Q2 FY2024"]),
    ("Second-quarter revenue was $840 million, up from $750 million in the prior-year quarter.",
     ["Q2 FY2025", "Q2 FY2024"]),
])
def test_the_same_period_a_year_earlier_keeps_its_span(extract, text, periods):
    facts = extract(text, published="2026-03-25", kind="press_release")
    assert [f["period"] for f in facts] == periods


@pytest.mark.parametrize("year_end, published, period", [
    ("0831", "2026-06-25", "Q3 FY2026"),  # Micron: the quarter ended in May is its third
    ("0831", "2026-09-24", "Q4 FY2026"),
    ("0131", "2026-05-28", "Q1 FY2027"),  # Nvidia: the quarter ended in April opens fiscal 2027
    (None, "2026-06-25", "Q1 2026"),  # no year end known: the calendar quarter
])
def test_an_unnumbered_quarter_is_the_vendors_last_fiscal_quarter(extract, year_end, published, period):
    fact = only(extract("Revenue for the quarter was $9.3 billion.", published=published, kind="press_release",
                        fiscal_year_end=year_end), value=9.3e9)
    assert fact["period"] == period


def test_respectively_with_a_second_date_of_the_same_span(extract):
    facts = extract("Net revenue was $7.6 billion and $6.8 billion for the three months ended September 27, 2025 "
                    "and September 28, 2024, respectively.", published="2025-11-05", kind="filing")
    assert [f["period"] for f in facts] == ["Q3 2025", "Q3 2024"]
