"""Financial figures: base units, losses, changes, growth rates, conversions, periods."""

from __future__ import annotations

from tests.nlp.conftest import only


def test_amount_with_attached_changes(extract):
    facts = extract("Revenue for the third quarter of fiscal 2026 was $1.12 billion, up 64% from a year ago and "
                    "up 11% from the previous quarter.", vendor="halcyon", kind="press_release")
    fact = only(facts, type="financial")
    assert (fact["value"], fact["unit"], fact["metric"], fact["period"]) == (1.12e9, "USD", "revenue", "Q3 FY2026")
    assert fact["change"] == "+64% YoY; +11% QoQ"
    assert fact["company"] == "Halcyon Semiconductor"


def test_growth_rate_alone_is_a_fact(extract):
    fact = only(extract("Edge revenue for fiscal year 2025 was up 47% from a year ago."), type="financial")
    assert (fact["value"], fact["unit"], fact["metric"], fact["change"], fact["note"]) == \
        (47.0, "%", "revenue", "+47% YoY", "growth rate only")


def test_eps_and_losses(extract):
    facts = extract("Net loss was $18.9 million, or $0.22 per share, compared with net income of $4.1 million.")
    assert only(facts, value=-18.9e6)["metric"] == "net_income"
    eps = only(facts, value=-0.22)
    assert (eps["unit"], eps["metric"]) == ("USD/share", "eps")
    assert only(facts, value=4.1e6)["metric"] == "net_income"


def test_wire_table_lines(extract):
    text = "ACME MICRO <ACMM> 2ND QTR NET\nShr profit nine cts vs loss four cts\nNet profit 6.2 mln vs loss 2.8 mln\n" \
           "Revs 84.5 mln vs 61.0 mln\nAvg shrs 68.4 mln vs 66.9 mln\n"
    facts = extract(text, kind="news", published="1987-07-30")
    values = sorted(f["value"] for f in facts)
    assert values == [-2.8e6, -0.04, 0.09, 6.2e6, 6.1e7, 8.45e7]
    assert only(facts, value=0.09)["unit"] == "USD/share"
    assert only(facts, value=0.09)["period"] == "Q2 FY1987"
    assert only(facts, value=-0.04)["period"] == "Q2 FY1986"


def test_currency_conversion_and_ranges(extract):
    facts = extract("The company expects second-quarter sales between €2.4 billion ($2.6 billion) and "
                    "€2.8 billion ($3.0 billion).")
    eur = only(facts, unit="EUR")
    usd = only(facts, unit="USD")
    assert (eur["value"], eur["value_high"], eur["metric"]) == (2.4e9, 2.8e9, "guidance_revenue")
    assert (usd["value"], usd["value_high"]) == (2.6e9, 3.0e9)


def test_conversion_in_parentheses(extract):
    facts = extract("It expects an operating profit of 3.9 trillion won ($2.9 billion) for the year.")
    assert only(facts, unit="KRW")["value"] == 3.9e12
    converted = only(facts, unit="USD")
    assert (converted["metric"], converted["note"]) == ("operating_income", "USD conversion")


def test_share_moves_and_stakes(extract):
    facts = extract("Shares fell 3.7% in premarket trading. The group holds a 71.5% stake in the venture.")
    move = only(facts, value=3.7)
    assert (move["metric"], move["change"]) == ("share_price", "-3.7%")
    assert only(facts, value=71.5)["metric"] == "other"


def test_guidance_tolerance_is_not_a_fact(extract):
    facts = extract("For the fourth quarter, the company expects revenue of $1.25 billion, plus or minus 2%.")
    assert [(f["value"], f["metric"]) for f in facts] == [(1.25e9, "guidance_revenue")]


def test_multiples_of_money_matters(extract):
    fact = only(extract("The company's share price is up four-fold since 2021."), type="financial")
    assert (fact["value"], fact["unit"], fact["metric"]) == (4.0, "x", "share_price")


def test_a_scaled_amount_after_vs_at_a_sentence_end(extract):
    facts = extract("Qtr to March 31 net 4.1 mln dlrs vs 3.2 mln. Sales rose.", kind="news", published="1987-04-02")
    assert [f["value"] for f in facts] == [4100000, 3200000]
