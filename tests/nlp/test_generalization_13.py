"""Rules added in extractor 1.3 from a fourth blind set: exchange rates, CPU cores, chained monthly changes,
spec-versus-spec direction, latency cues, hyphenated product names, appositive comparators and past figures
next to an outlook. Each test is one general behaviour, on sentences of our own."""

from __future__ import annotations

from nlp.components import model_spans
from tests.nlp.conftest import only


def test_an_exchange_rate_is_not_an_amount(extract):
    facts = extract("Sales came to about US$410 million at an average rate of 1,402 won per dollar.")
    assert [(f["value"], f["unit"]) for f in facts] == [(410e6, "USD")]


def test_cpu_cores_count_cores_not_cpus(extract):
    fact = only(extract("The Vantor VX-8 packs 96 Arm-based CPU cores."), value=96.0)
    assert (fact["unit"], fact["metric"]) == ("cores", "cores")


def test_a_second_change_after_a_dated_comparison_still_attaches(extract):
    facts = extract("Halcyon reported revenue of KRW 812.5 billion for May 2026, up 9.4% from May 2025 "
                    "and a decrease of 2.2% from April 2026.", kind="filing")
    assert [f["value"] for f in facts] == [812.5e9]
    assert facts[0]["change"].startswith("+9.4%") and "-2.2%" in facts[0]["change"]


def test_a_spec_below_its_comparators_figure_is_lower(extract):
    facts = extract("The Vantor VX-8 draws 280 watts, versus 350 watts for the VX-7.")
    assert only(facts, value=280.0)["direction"] == "lower"


def test_a_falling_time_to_first_token_is_lower_latency(extract):
    fact = only(extract("On the VX-8, time to first token fell by 30 percent."), unit="%")
    assert (fact["metric"], fact["direction"]) == ("latency", "lower")


def test_a_metric_before_its_change_verb_names_a_multiplier(extract):
    fact = only(extract("Vantor says performance per watt improved almost threefold on the VX-8."), unit="x")
    assert (fact["value"], fact["metric"], fact["hedge"]) == (3.0, "efficiency", "almost")


def test_hyphenated_and_family_product_names_are_products():
    text = "The Orbit-5 and the Z-Class 400 both ship this year, unlike Covid-19 era parts."
    assert [text[a:b] for a, b in model_spans(text)] == ["Orbit-5", "Z-Class 400"]


def test_a_comparator_named_in_apposition(extract):
    fact = only(extract("The Z-Class 400 is up to 3x faster than its predecessor, the Z-Class 300."), unit="x")
    assert (fact["product"], fact["comparator"]) == ("Z-Class 400", "Z-Class 300")


def test_a_digit_group_does_not_break_a_compared_with_phrase(extract):
    facts = extract("The VX-8 produced 2,400 tokens/s compared with 1,500 tokens/s for the VX-7, "
                    "roughly 1.6 times faster.")
    assert only(facts, unit="x")["comparator"] == "VX-7"


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


def test_a_wire_stock_move_in_fractions_is_a_share_price(extract):
    facts = extract("Halcyon's shares fell 2-1/8 to 31-3/4 in heavy trading.", published="1987-07-01", kind="news")
    assert sorted((f["value"], f["unit"], f["metric"]) for f in facts) == [
        (2.125, "USD", "share_price"), (31.75, "USD", "share_price")]
    assert extract("The board met 3-1/2 hours.") == []


def test_a_later_claim_about_the_same_product_keeps_its_comparator(extract):
    facts = extract("The VX-8 runs 2x faster than the VX-7. On the VX-8, energy use fell by 30 percent. "
                    "The QX-2 has 20% more memory.")
    assert only(facts, unit="%", value=30.0)["comparator"] == "VX-7"
    assert only(facts, unit="%", value=20.0)["comparator"] is None


def test_a_workload_right_after_a_claim_is_its_own(extract):
    facts = extract("Vantor claims the VX-8 is 2x faster when training a 13-billion-parameter model "
                    "and delivers 35% lower latency on chatbot inference.")
    assert only(facts, unit="%")["workload"] == "inference"
    assert only(facts, unit="x")["workload"] == "13-billion-parameter model"
