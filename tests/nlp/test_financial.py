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


# --- general behaviours first seen on blind sets, on sentences of our own ---


def test_percent_restating_a_spec_keeps_its_metric(extract):
    fact = only(extract("The Nadir N5 reaches 1.2 exaflops, roughly 40% more than its predecessor."), value=40.0)
    assert (fact["metric"], fact["hedge"], fact["comparator"]) == ("compute", "roughly", "its predecessor")


def test_rates_wafer_sizes_and_shares_are_not_specs(extract):
    text = ("The plant makes 90,000 chips a month on 300-millimeter wafers, and the stacks now account for "
            "over half of its shipments.")
    assert [f for f in extract(text) if f["type"] == "performance"] == []


def test_relative_change_after_an_amount_change_is_not_a_fact(extract):
    facts = extract("Revenue was $5.30 billion, an increase of $1.10 billion, or 26%, compared to a year ago. "
                    "Storage revenue decreased by $45 million, or 7%, to $600 million.")
    assert sorted(f["value"] for f in facts) == [4.5e7, 6e8, 1.1e9, 5.3e9]
    assert "+26%" in only(facts, value=1.1e9)["change"]
    assert "-7%" in only(facts, value=6e8)["change"]


def test_change_between_verb_and_new_amount(extract):
    facts = extract("The board raised its quarterly dividend 8 percent to 27 cents a share.")
    fact = only(facts, type="financial")
    assert (fact["value"], fact["metric"], fact["change"]) == (0.27, "dividend", "+8%")


def test_guidance_in_bullets_and_clauses(extract):
    facts = extract("Second-quarter 2026 revenue expected between $410 million and $430 million\n"
                    "Tarn AG raised its revenue outlook to about 9.1 billion euros, after third-quarter revenue "
                    "rose 5 percent to 2.3 billion euros.")
    assert only(facts, value=4.1e8)["metric"] == "guidance_revenue"
    assert only(facts, value=9.1e9)["metric"] == "guidance_revenue"
    assert only(facts, value=2.3e9)["metric"] == "revenue"


def test_per_share_is_a_unit_and_up_from_keeps_the_metric(extract):
    facts = extract("KESTON <KST> Q1 NET\nFirst quarter net income of 2.4 mln dlrs, or 18 cts a share, up from "
                    "1.6 mln dlrs a year earlier, and it expects full-year earnings of 1.90 dlrs a share, up from "
                    "1.55 dlrs last year.", kind="news", published="1987-05-02")
    assert only(facts, value=1.6e6)["metric"] == "net_income"
    prior = only(facts, value=1.55)
    assert (prior["unit"], prior["metric"], prior["period"]) == ("USD/share", "eps", "FY1986")


def test_proceeds_are_funding_and_accounting_negatives(extract):
    facts = extract("We received net proceeds of approximately $412.0 million from the offering. "
                    "Fourth-quarter GAAP net loss per share of $(0.12).")
    assert only(facts, value=4.12e8)["metric"] == "funding"
    eps = only(facts, value=-0.12)
    assert (eps["unit"], eps["metric"]) == ("USD/share", "eps")


def test_all_caps_wire_brief_reads_like_mixed_case(extract):
    facts = extract("SHR LOSS 14 CTS VS PROFIT 6 CTS\nNET 3.7 MLN DLRS VS 2.9 MLN", published="1987-05-02",
                    kind="news")
    loss = only(facts, value=-0.14)
    assert (loss["unit"], loss["metric"]) == ("USD/share", "eps")
    assert only(facts, value=0.06)["unit"] == "USD/share"
    assert only(facts, value=3.7e6)["metric"] == "net_income"


def test_a_share_of_the_workforce_is_not_a_fact(extract):
    assert extract("Halcyon will cut 900 jobs, about 7 percent of its workforce, the company said.") == []


def test_a_companys_share_is_market_share_not_its_stock(extract):
    fact = only(extract("Halcyon's share slipped to 61.4 percent in the quarter, a research firm said."), unit="%")
    assert fact["metric"] == "other"


def test_funding_in_a_headline_verb(extract):
    assert only(extract("Chip startup Vantor raises $250 million"), unit="USD")["metric"] == "funding"


def test_capex_named_as_purchases_of_property_and_equipment(extract):
    fact = only(extract("Purchases of property and equipment were $840 million in fiscal 2026.", kind="filing"),
                unit="USD")
    assert fact["metric"] == "capex"


def test_earned_on_sales_of_gives_each_figure_its_own_label(extract):
    facts = extract("Halcyon earned 9.1 mln dlrs on sales of 120.5 mln dlrs in fiscal 1986.")
    assert only(facts, value=9.1e6)["metric"] == "net_income"
    assert only(facts, value=120.5e6)["metric"] == "revenue"


def test_shr_profit_in_dollars_is_eps(extract):
    facts = extract("Shr profit 1.12 dlrs vs profit 98 cts", published="1987-02-24", kind="news")
    assert [(f["value"], f["unit"], f["metric"]) for f in facts] == [(1.12, "USD/share", "eps"),
                                                                    (0.98, "USD/share", "eps")]


def test_a_margin_level_is_not_a_change(extract):
    facts = extract("Gross margin was 58.4%, down 130 basis points from a year ago.", kind="filing")
    level = only(facts, value=58.4)
    assert (level["metric"], level["change"]) == ("gross_margin", None)


def test_spending_on_fabs_is_capex(extract):
    fact = only(extract("The chipmaker will spend about $20 billion on two new fabs in Ohio."), unit="USD")
    assert fact["metric"] == "capex"


def test_a_change_to_a_record_price_attaches_to_the_price(extract):
    facts = extract("Vantor shares jumped 12% to a record $145.20 in premarket trading.")
    assert [(f["value"], f["change"]) for f in facts] == [(145.2, "+12%")]


def test_coordinated_percents_of_revenue_are_shares(extract):
    text = "Sales to customers in Asia represented approximately 23% and 27% of net revenue in fiscal 2025."
    facts = extract(text, kind="filing")
    assert [f["metric"] for f in facts] == ["other", "other"]


def test_an_exchange_rate_is_not_an_amount(extract):
    facts = extract("Sales came to about US$410 million at an average rate of 1,402 won per dollar.")
    assert [(f["value"], f["unit"]) for f in facts] == [(410e6, "USD")]


def test_a_second_change_after_a_dated_comparison_still_attaches(extract):
    facts = extract("Halcyon reported revenue of KRW 812.5 billion for May 2026, up 9.4% from May 2025 "
                    "and a decrease of 2.2% from April 2026.", kind="filing")
    assert [f["value"] for f in facts] == [812.5e9]
    assert facts[0]["change"].startswith("+9.4%") and "-2.2%" in facts[0]["change"]


def test_a_metric_before_its_change_verb_names_a_multiplier(extract):
    fact = only(extract("Vantor says performance per watt improved almost threefold on the VX-8."), unit="x")
    assert (fact["value"], fact["metric"], fact["hedge"]) == (3.0, "efficiency", "almost")


def test_a_wire_stock_move_in_fractions_is_a_share_price(extract):
    facts = extract("Halcyon's shares fell 2-1/8 to 31-3/4 in heavy trading.", published="1987-07-01", kind="news")
    assert sorted((f["value"], f["unit"], f["metric"]) for f in facts) == [
        (2.125, "USD", "share_price"), (31.75, "USD", "share_price")]
    assert extract("The board met 3-1/2 hours.") == []
