"""Rules added in extractor 1.2 from a third blind set: all-caps wire briefs, spec sheets, benchmark names,
market share, head-count shares. Each test is one general behaviour, on sentences of our own."""

from __future__ import annotations

from nlp.components import model_spans
from tests.nlp.conftest import only


def test_all_caps_wire_brief_reads_like_mixed_case(extract):
    facts = extract("SHR LOSS 14 CTS VS PROFIT 6 CTS\nNET 3.7 MLN DLRS VS 2.9 MLN", published="1987-05-02",
                    kind="news")
    loss = only(facts, value=-0.14)
    assert (loss["unit"], loss["metric"]) == ("USD/share", "eps")
    assert only(facts, value=0.06)["unit"] == "USD/share"
    assert only(facts, value=3.7e6)["metric"] == "net_income"


def test_a_model_number_is_not_counted_with_the_next_numbers_unit(extract):
    facts = extract("The Brio BX-4410 part packs 96 cores and 192 threads across 12 compute chiplets.")
    assert sorted((f["value"], f["unit"]) for f in facts) == [(12.0, "chiplets"), (96.0, "cores")]


def test_a_number_inside_a_product_name_can_sit_between_count_and_unit(extract):
    facts = extract("The machine is built from 2,048 of Vantor's Helio 3 processors.")
    assert only(facts, unit="processors")["value"] == 2048.0


def test_a_benchmark_score_percent_stays_a_percent_with_the_benchmark_as_workload(extract):
    fact = only(extract("Vantor claims the HX-5 scores 28% higher in Cinebench R24 than the HX-4."), unit="%")
    assert (fact["metric"], fact["product"], fact["comparator"]) == ("speed", "HX-5", "HX-4")
    assert fact["workload"] == "Cinebench R24"
    assert model_spans("It tops Cinebench R24 and Geekbench 6.") == []


def test_a_named_model_beats_a_generic_workload(extract):
    fact = only(extract("The Q9 card has 1.8x the inference throughput of the Q8 on Mixtral 8x7B."), unit="x")
    assert fact["workload"] == "Mixtral 8x7B"


def test_a_workload_in_the_next_clause_belongs_to_its_own_figure(extract):
    text = ("The Z7 finished the GPT-3 175B benchmark 2.2 times faster than the Z6, "
            "and on ResNet-50 inference it processed 48,000 samples per second.")
    facts = extract(text)
    assert only(facts, unit="x")["workload"] == "GPT-3 175B benchmark"
    assert only(facts, unit="samples/s")["workload"] == "ResNet-50 inference"


def test_a_share_of_the_workforce_is_not_a_fact(extract):
    assert extract("Halcyon will cut 900 jobs, about 7 percent of its workforce, the company said.") == []


def test_taped_out_chips_are_not_a_spec(extract):
    assert extract("The startup has taped out 3 chips and hired 80 engineers.") == []


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


def test_a_compared_figure_takes_the_period_named_after_it(extract):
    text = ("Server segment net revenue was $4.4 billion in fiscal 2025, or 52% of total net revenue, "
            "compared with $3.0 billion, or 41% of total net revenue, in fiscal 2024.")
    facts = extract(text, kind="filing")
    assert only(facts, value=4.4e9)["period"] == "FY2025"
    assert only(facts, value=3.0e9)["period"] == "FY2024"
    assert only(facts, value=41.0)["period"] == "FY2024"


def test_a_metric_after_of_is_not_the_comparator(extract):
    fact = only(extract("Vantor says the Helio 5 matches the H100 at half the power."), unit="x")
    assert fact["comparator"] == "H100"


def test_a_process_code_is_a_product(extract):
    fact = only(extract("Compared with its S3 node, the S2 process offers 12% higher speed."), unit="%")
    assert (fact["product"], fact["comparator"]) == ("S2", "S3")


def test_shr_profit_in_dollars_is_eps(extract):
    facts = extract("Shr profit 1.12 dlrs vs profit 98 cts", published="1987-02-24", kind="news")
    assert [(f["value"], f["unit"], f["metric"]) for f in facts] == [(1.12, "USD/share", "eps"),
                                                                    (0.98, "USD/share", "eps")]


def test_a_margin_level_is_not_a_change(extract):
    facts = extract("Gross margin was 58.4%, down 130 basis points from a year ago.", kind="filing")
    level = only(facts, value=58.4)
    assert (level["metric"], level["change"]) == ("gross_margin", None)


def test_a_year_named_for_a_comparison_does_not_date_the_figure(extract):
    text = ("Revenue was $5 billion in fiscal 2025. "
            "The Edge segment represented 12% of net revenue, down from 17% in fiscal 2024.")
    facts = extract(text, kind="filing")
    assert only(facts, value=12.0)["period"] == "FY2025"
    assert only(facts, value=17.0)["period"] == "FY2024"


def test_benchmark_suite_names_are_workloads(extract):
    fact = only(extract("In 3DMark Time Spy the HX-5 scored 31% more than the HX-4."), unit="%")
    assert fact["workload"] == "3DMark Time Spy"


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


def test_a_model_size_before_training_stays_in_the_workload(extract):
    fact = only(extract("The Vega V3 accelerator runs GPT-3 175B training 4 times faster than the V2."), unit="x")
    assert fact["workload"] == "GPT-3 175B training"


def test_spending_on_fabs_is_capex(extract):
    fact = only(extract("The chipmaker will spend about $20 billion on two new fabs in Ohio."), unit="USD")
    assert fact["metric"] == "capex"


def test_a_change_to_a_record_price_attaches_to_the_price(extract):
    facts = extract("Vantor shares jumped 12% to a record $145.20 in premarket trading.")
    assert [(f["value"], f["change"]) for f in facts] == [(145.2, "+12%")]


def test_a_product_is_never_its_own_comparator(extract):
    facts = extract("Compared with the prior generation, the HX-7 delivers up to 4x the AI performance.")
    fact = only(facts, unit="x")
    assert (fact["product"], fact["comparator"]) == ("HX-7", "prior generation")


def test_an_appositive_comparator_after_compared_with(extract):
    fact = only(extract("Compared with its predecessor, the HX-5, the HX-7 runs vision models 2.2x faster."), unit="x")
    assert (fact["product"], fact["comparator"]) == ("HX-7", "HX-5")


def test_a_spec_after_upgrade_from_belongs_to_the_older_product(extract):
    text = "The HX-7 carries 192 GB of memory, a big upgrade from 96 GB of memory in the case of the HX-5."
    facts = extract(text)
    assert only(facts, value=192.0)["product"] == "HX-7"
    assert only(facts, value=96.0)["product"] == "HX-5"


def test_coordinated_percents_of_revenue_are_shares(extract):
    text = "Sales to customers in Asia represented approximately 23% and 27% of net revenue in fiscal 2025."
    facts = extract(text, kind="filing")
    assert [f["metric"] for f in facts] == ["other", "other"]
