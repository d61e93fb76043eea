"""Performance claims end to end, on our own sentences written in the styles the extractor meets."""

from __future__ import annotations

from tests.nlp.conftest import only


def test_seed_like_launch_claims(extract):
    # phrased like the seed article's claims, in our own words
    text = ("Cerebras Systems says its wafer-scale chip answers a trillion-parameter model nearly seven times "
            "faster than comparable GPU clusters. Its WSE-3 chip, which holds 4 trillion transistors on one "
            "wafer, serves inference at a claimed 6.9x the throughput of a typical GPU server. "
            "Analysts called the 7x benchmark claim bold.")
    facts = extract(text, vendor="cerebras", kind="news")
    nearly = only(facts, value=7.0, hedge="nearly")
    assert (nearly["unit"], nearly["metric"], nearly["direction"]) == ("x", "speed", "higher")
    assert "GPU" in nearly["comparator"]
    claimed = only(facts, value=6.9)
    assert (claimed["unit"], claimed["metric"], claimed["hedge"], claimed["product"]) == \
        ("x", "throughput", "claims", "WSE-3")
    transistors = only(facts, unit="transistors")
    assert (transistors["value"], transistors["metric"], transistors["product"]) == \
        (4e12, "transistor_count", "WSE-3")
    assert only(facts, value=7.0, hedge="claims")["unit"] == "x"


def test_specs_of_a_named_chip(extract):
    facts = extract("The Halcyon A900 offers up to 20 petaflops of FP4 compute and 288 GB of HBM3E memory "
                    "with 8 TB/s of bandwidth, at a board power of 1,000 watts.")
    compute = only(facts, unit="PFLOPS")
    assert (compute["value"], compute["hedge"], compute["product"], compute["metric"]) == \
        (20.0, "up to", "A900", "compute")
    assert only(facts, unit="GB")["product"] == "A900"
    assert only(facts, unit="TB/s")["metric"] == "bandwidth"
    assert only(facts, unit="W")["value"] == 1000.0


def test_one_phrase_several_metrics(extract):
    facts = extract("The new engine slashes cost and energy use by up to 18x versus the H100.")
    assert sorted(f["metric"] for f in facts) == ["cost", "power"]
    assert {f["direction"] for f in facts} == {"lower"}
    assert {f["comparator"] for f in facts} == {"H100"}


def test_lower_is_lower(extract):
    facts = extract("Vantor said the Tessel card uses 100 times less energy and is 40% cheaper than a GPU.")
    energy = only(facts, value=100.0)
    assert (energy["metric"], energy["direction"], energy["hedge"]) == ("power", "lower", "claims")


def test_ranges(extract):
    fact = only(extract("Software updates made the servers 1.7-2.1 times faster than last spring."), unit="x")
    assert (fact["value"], fact["value_high"]) == (1.7, 2.1)


def test_scope_excludes_deployments_and_test_setups(extract):
    facts = extract("The operator will deploy 12,000 A900 GPUs in a cluster. Results came from 4-GPU H100 "
                    "servers running Llama 3 8B. A rack holds 36 CPUs and 72 GPUs.")
    assert sorted((f["value"], f["unit"]) for f in facts) == [(36.0, "CPUs"), (72.0, "GPUs")]


def test_restatement_is_not_a_second_fact(extract):
    facts = extract("The rack delivers 2,880 petaflops (aka 2.9 exaflops) of inference.")
    assert [(f["value"], f["unit"]) for f in facts] == [(2880.0, "PFLOPS")]


def test_provenance(extract):
    text = "Intro line.\nThe chip is built on a 3nm process and runs at 2.1GHz."
    for fact in extract(text):
        assert text[fact["start"]:fact["end"]] == fact["quote"]
        assert text[fact["sentence_start"]:].startswith(fact["sentence"])
        assert fact["sentence"].startswith("The chip")


def test_a_multiple_of_a_quoted_spec_takes_the_spec_metric(extract):
    facts = extract("The Strata X2 is more than three times the quoted 312 TFLOPS of the A100.")
    assert only(facts, unit="x")["metric"] == "compute"


def test_winning_verbs_name_speed_unless_a_metric_follows(extract):
    facts = extract("The Orion processor outperforms the EPYC 9654 by 27% in SPECrate 2017 integer. "
                    "The Orion beats the H100 by about 25 percent on performance per dollar.")
    assert [f["metric"] for f in facts] == ["speed", "price_performance"]


def test_the_metric_before_a_copula(extract):
    facts = extract("The Nimbus N5's throughput is 2.5x that of the H100.")
    assert (only(facts, unit="x")["metric"], only(facts, unit="x")["comparator"]) == ("throughput", "H100")


def test_a_claim_reported_by_its_makers_is_a_claim(extract):
    facts = extract("ACCEL is 3,000 times faster than Nvidia's A100 in vision tasks, the team reported in Nature. "
                    "The state-of-the-art X2 is 2x faster than the X1.")
    assert [f["hedge"] for f in facts] == ["claims", None]


# --- general behaviours first seen on blind sets, on sentences of our own ---


def test_compound_metric_nouns_take_their_head(extract):
    facts = extract("The Lumo L9 delivers 1.8x the inference throughput of the L7, is 35% more energy "
                    "efficient, and cuts memory power by 20%.")
    assert [f["metric"] for f in facts if f["value"] == 1.8] == ["throughput"]
    assert [f["metric"] for f in facts if f["value"] == 35.0] == ["efficiency"]
    assert [f["metric"] for f in facts if f["value"] == 20.0] == ["power"]


def test_metric_words_that_qualify_or_are_weak(extract):
    facts = extract("We repurchased 4.2 million shares of our common stock for $610 million and repurchased "
                    "$1.3 billion of our common stock. Gross margin as a percentage of net revenue was 47.5%. "
                    "The company sold 9 million shares at $21 each.")
    assert only(facts, value=6.1e8)["metric"] == "buyback"
    assert only(facts, value=1.3e9)["metric"] == "buyback"
    assert only(facts, value=47.5)["metric"] == "gross_margin"
    assert only(facts, value=21.0)["metric"] == "share_price"


def test_taped_out_chips_are_not_a_spec(extract):
    assert extract("The startup has taped out 3 chips and hired 80 engineers.") == []


def test_a_falling_time_to_first_token_is_lower_latency(extract):
    fact = only(extract("On the VX-8, time to first token fell by 30 percent."), unit="%")
    assert (fact["metric"], fact["direction"]) == ("latency", "lower")


def test_price_performance_is_its_own_metric(extract):
    facts = extract("The q7g.xlarge instance delivers 30% better price performance than the q6g.xlarge.")
    assert only(facts, unit="%")["metric"] == "price_performance"


def test_a_multiplier_before_a_noun_and_improvement_is_a_claim(extract):
    facts = extract("Halvard Foundry said its H3 process offers 15% higher speed than H5 at the same power, "
                    "and a 1.3 times density improvement.", vendor="Halvard Foundry")
    fact = only(facts, unit="x")
    assert (fact["value"], fact["metric"], fact["direction"]) == (1.3, "other", "higher")


def test_a_percent_against_a_process_node_is_a_performance_claim(extract):
    facts = extract("Tollan Foundry says Tollan 3 delivers an 18% gain relative to Tollan 4.", vendor="Tollan Foundry")
    fact = only(facts, value=18)
    assert (fact["type"], fact["metric"], fact["product"], fact["comparator"]) == \
        ("performance", "speed", "Tollan 3", "Tollan 4")


def test_a_percent_against_a_period_stays_financial(extract):
    facts = extract("Sallow Semiconductor said revenue grew 18% compared with Q3.", vendor="Sallow Semiconductor")
    assert only(facts, value=18)["type"] == "financial"


def test_a_condition_held_fixed_is_not_the_metric(extract):
    facts = extract("Tollan 3 offers an 18% gain over Tollan 4 at the same power, the foundry said.")
    assert only(facts, value=18)["metric"] == "speed"


def test_people_who_say_are_not_the_subject(extract):
    facts = extract("Customers say the z4-standard-8 is 20% faster than the z3-standard-8.")
    assert only(facts, value=20)["product"] == "z4-standard-8"


def test_a_bare_gain_goes_on_with_the_previous_comparisons_metric(extract):
    facts = extract("Tollan expects its T2 node to deliver up to 15% better performance per watt than Tollan 3. "
                    "Tollan 3 itself brought an 18% gain relative to Tollan 4, the company said.", vendor="Tollan")
    assert only(facts, value=18)["metric"] == "efficiency"


def test_a_share_of_systems_is_no_claim(extract):
    assert extract("More than 75% of the systems on the TOP500 list of the world's fastest supercomputers use "
                   "its GPUs.") == []
    assert [f["value"] for f in extract("Nvidia holds 80% of the AI accelerator market.")] == [80.0]


def test_a_one_x_that_is_a_name_is_no_multiplier(extract):
    assert extract("It was adopted by leading robotics companies 1X, Agile Robots and Waabi.") == []
    assert [f["value"] for f in extract("The Q2 delivers 1x the throughput of the H100 at half the power.")] == [1.0, 0.5]


def test_a_share_of_everything_or_of_a_ranking_is_no_claim(extract):
    assert extract("Correct markers make up only about 1% of all protein markers in the sample.") == []
    assert extract("Slurm is used in more than half of the top 10 and top 100 systems.") == []
    assert [f["value"] for f in extract("The K9 matches the H100 at a third of the power.")] == [0.333]
