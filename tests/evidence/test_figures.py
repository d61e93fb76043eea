"""Outcomes for one figure against the filings: one case per rule (rounding, units, calendars, restatements)."""

from __future__ import annotations

import pytest

from evidence.check import check_figures


@pytest.fixture
def check(db, add_figures):
    """``check(vendor, quote, metric, value, unit, period[, high])`` -> the figure's figure_checks row."""
    def run(vendor, *figure):
        [figure_id] = add_figures(vendor, [figure])
        check_figures(db)
        return db["figure_checks"].get(figure_id)
    return run


def test_a_rounded_figure_matches_the_exact_filed_value(check):
    row = check("nimbus", "Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026")
    assert row["outcome"] == "match"
    assert (row["filed_value"], row["tolerance"]) == (22.103e9, 0.05e9)
    assert (row["tag"], row["accession"]) == ("Revenues", "0009990001-25-000031")


def test_a_figure_stated_to_more_digits_is_held_to_them(check):
    assert check("nimbus", "Revenue was $22.10 billion.", "revenue", 22.10e9, "USD", "Q3 FY2026")["outcome"] == "match"
    row = check("nimbus", "Revenue was $22.12 billion.", "revenue", 22.12e9, "USD", "Q3 FY2026")
    assert (row["outcome"], row["tolerance"]) == ("differs", pytest.approx(0.005e9))
    assert row["ratio"] == pytest.approx(22.103 / 22.12, abs=1e-6)


def test_a_difference_keeps_both_values_and_the_ratio(check):
    row = check("nimbus", "Net income was $12.1 billion.", "net_income", 12.1e9, "USD", "Q3 FY2026")
    assert (row["outcome"], row["quoted_value"], row["filed_value"]) == ("differs", 12.1e9, 11.5e9)
    assert row["ratio"] == pytest.approx(11.5 / 12.1, abs=1e-6)


def test_eps_is_compared_in_dollars_per_share(check):
    row = check("nimbus", "Earnings per diluted share were $0.89.", "eps", 0.89, "USD/share", "Q3 FY2026")
    assert (row["outcome"], row["filed_unit"], row["tag"]) == ("match", "USD/shares", "EarningsPerShareDiluted")


def test_cash_is_the_balance_at_the_period_end(check):
    row = check("nimbus", "Cash was $40.0 billion.", "cash", 40.0e9, "USD", "Q3 FY2026")
    assert (row["outcome"], row["filed_value"]) == ("match", 40.012e9)


def test_gross_margin_is_computed_from_gross_profit_and_revenue(check):
    row = check("nimbus", "Gross margin was 72.4%.", "gross_margin", 72.4, "%", "Q3 FY2026")
    assert row["outcome"] == "match"
    assert row["filed_value"] == pytest.approx(100 * 16 / 22.103, abs=1e-4)
    assert "GrossProfit" in row["derived"]


def test_fiscal_quarters_follow_the_vendors_fiscal_year(check):
    # Nimbus's Q3 FY2026 is August-October 2025, not a quarter of calendar 2026
    row = check("nimbus", "Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026")
    assert (row["period_start"], row["period_end"]) == ("2025-08-01", "2025-10-31")
    assert row["filed_value"] == 22.103e9


def test_a_calendar_quarter_finds_a_calendar_filer_under_its_older_revenue_tag(check):
    row = check("corvid", "Revenue was $812 million.", "revenue", 812e6, "USD", "Q1 2026")
    assert (row["outcome"], row["tag"]) == ("match", "RevenueFromContractWithCustomerExcludingAssessedTax")


def test_the_fourth_quarter_is_the_year_minus_nine_months(check):
    row = check("nimbus", "Fourth-quarter revenue was $25.0 billion.", "revenue", 25.0e9, "USD", "Q4 FY2026")
    assert (row["outcome"], row["filed_value"]) == ("match", 25.0e9)
    assert row["derived"].startswith("FY 8.5e+10 minus 9M 6e+10")


def test_a_fourth_quarter_eps_is_not_derived(check):
    row = check("nimbus", "Earnings per diluted share were $0.81.", "eps", 0.81, "USD/share", "Q4 FY2026")
    assert row["outcome"] == "not comparable"
    assert "Q4 per-share" in row["reason"]


def test_a_restated_value_is_checked_as_first_reported_and_the_restatement_kept(check):
    row = check("nimbus", "Revenue was $18.4 billion.", "revenue", 18.4e9, "USD", "Q2 FY2026")
    assert (row["outcome"], row["filed_value"], row["restated_value"]) == ("match", 18.4e9, 18.25e9)
    assert row["filed"] == "2025-08-27"


def test_a_figure_quoting_the_restated_value_matches_it(check):
    row = check("nimbus", "Revenue was $18.25 billion.", "revenue", 18.25e9, "USD", "Q2 FY2026")
    assert (row["outcome"], row["reason"], row["restated_value"]) == ("match", "matches the restated value", 18.25e9)
    assert row["filed_value"] == 18.4e9


def test_a_quarter_not_yet_filed(check):
    row = check("nimbus", "Revenue was $26.0 billion.", "revenue", 26.0e9, "USD", "Q1 FY2027")
    assert (row["outcome"], row["reason"]) == ("no filing yet", "no revenue filed for Q1 FY2027")


def test_a_fiscal_label_needs_the_vendors_fiscal_year_end(db, check):
    db["vendors"].update("quillon", {"fiscal_year_end": None})
    row = check("quillon", "Revenue was $310 million.", "revenue", 310e6, "USD", "FY2025")
    assert (row["outcome"], row["reason"]) == ("not comparable", "no fiscal_year_end to read 'FY2025' against")


def test_a_private_vendor_has_no_filing(check):
    row = check("quillon", "Revenue was $310 million.", "revenue", 310e6, "USD", "FY2025")
    assert (row["outcome"], row["reason"]) == ("no filing yet", "the vendor files no XBRL")


@pytest.mark.parametrize(("quote", "metric", "value", "unit", "period", "reason"), [
    ("Non-GAAP earnings per diluted share were $0.95.", "eps", 0.95, "USD/share", "Q3 FY2026", "non-GAAP"),
    ("Adjusted net income was $13.0 billion.", "net_income", 13.0e9, "USD", "Q3 FY2026", "non-GAAP"),
    ("Data Center revenue was $19.9 billion.", "revenue", 19.9e9, "USD", "Q3 FY2026", "segment"),
    ("Capital expenditures were $1.2 billion.", "capex", 1.2e9, "USD", "Q3 FY2026", "no XBRL concept for capex"),
    ("Revenue was $22.1 billion in the quarter.", "revenue", 22.1e9, "USD", "Q3",
     "period 'Q3' names no dated fiscal period"),
    ("Revenue was up 12%.", "revenue", 12, "%", "Q3 FY2026", "a percent, not an amount of revenue"),
    ("Revenue more than doubled.", "revenue", 2, "x", "Q3 FY2026", "revenue in 'x', not an amount of money"),
    ("EPS compared with $131 million.", "eps", 131e6, "USD", "Q3 FY2026", "eps in 'USD', not a per-share amount"),
    ("Cash and marketable securities were $40.0 billion.", "cash", 40.0e9, "USD", "Q3 FY2026",
     "a broader balance than cash and equivalents"),
])
def test_figures_the_filing_cannot_speak_to(check, quote, metric, value, unit, period, reason):
    row = check("nimbus", quote, metric, value, unit, period)
    assert (row["outcome"], row["reason"]) == ("not comparable", reason)


def test_an_extractor_note_can_make_a_figure_not_comparable(db, add_figures):
    [figure] = add_figures("nimbus", [("Revenue rose 12%.", "revenue", 12, "%", "Q3 FY2026")])
    db["figures"].update(figure, {"note": "growth rate only"})
    check_figures(db)
    assert db["figure_checks"].get(figure)["reason"] == "a growth rate, not an amount"


def test_a_segment_word_before_a_quote_cut_mid_phrase_still_counts(db, add_figures):
    [figure] = add_figures("nimbus", [("Data center revenue was $19.9 billion.", "revenue", 19.9e9, "USD",
                                       "Q3 FY2026")])
    db["figures"].update(figure, {"raw": "center revenue was $19.9 billion."})
    check_figures(db)
    assert db["figure_checks"].get(figure)["reason"] == "segment"


def test_a_segment_word_in_another_clause_does_not_count(check):
    row = check("nimbus", "Data center sales grew; total revenue was $22.1 billion.", "revenue", 22.1e9, "USD",
                "Q3 FY2026")
    assert row["outcome"] == "match"


def test_a_segment_word_after_the_amount_does_not_make_it_a_segment(check):
    row = check("nimbus", "Revenue was $22.1 billion, led by data center.", "revenue", 22.1e9, "USD", "Q3 FY2026")
    assert row["outcome"] == "match"


@pytest.mark.parametrize(("quote", "value", "period", "outcome"), [
    ("Revenue is expected to be $24.0 billion, plus or minus 2%.", 24.0e9, "Q4 FY2026", "beat"),
    ("Revenue is expected to be $22 billion.", 22e9, "Q3 FY2026", "met"),
    ("Revenue is expected to be $19.0 billion.", 19.0e9, "Q2 FY2026", "missed"),
])
def test_guidance_against_the_actual_reported_later(check, quote, value, period, outcome):
    row = check("nimbus", quote, "guidance_revenue", value, "USD", period)
    assert (row["comparison"], row["outcome"]) == ("guidance vs. actual", outcome)


def test_a_guidance_band_is_stored_as_its_range(check):
    row = check("nimbus", "Revenue is expected to be $24.0 billion, plus or minus 2%.", "guidance_revenue", 24.0e9,
                "USD", "Q4 FY2026")
    assert (row["quoted_value"], row["quoted_high"], row["filed_value"]) == (24.0e9, pytest.approx(24.48e9), 25.0e9)


def test_a_guided_range_is_met_inside_it(check):
    row = check("nimbus", "Revenue is expected between $21.5 billion and $22.5 billion.", "guidance_revenue",
                21.5e9, "USD", "Q3 FY2026", 22.5e9)
    assert row["outcome"] == "met"


def test_guidance_for_a_period_not_yet_reported(check):
    row = check("nimbus", "Revenue is expected to be $27.0 billion.", "guidance_revenue", 27.0e9, "USD", "Q1 FY2027")
    assert (row["comparison"], row["outcome"]) == ("guidance vs. actual", "no filing yet")
