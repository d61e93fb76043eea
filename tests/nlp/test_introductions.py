"""Names a document introduces are products there, so anaphors resolve to them and baselines stay baselines."""

from __future__ import annotations

from nlp.introductions import introduced_names
from tests.nlp.conftest import only


def test_naming_and_launching_introduce_a_name():
    text = ("Researchers built a processor they call Lumen. Quarrel unveiled Helix, its first part. "
            "The team named it Tern. Arlo introduced the Arlo A7.")
    assert introduced_names(text) == {"Lumen", "Helix", "Tern", "Arlo A7"}


def test_common_words_and_hardware_nouns_are_no_names():
    text = "Nvidia launched the GPU. Halcyon announced Tuesday that it had called The meeting."
    assert introduced_names(text) == set()


def test_the_chip_resolves_to_the_introduced_name_not_the_baseline(extract):
    facts = extract("The new chip, called Tern, runs Llama 3.1 405B at 1,200 tokens per second. "
                    "It is 3 times faster than the H200 running the same model.")
    assert only(facts, unit="tokens/s")["product"] == "Tern"
    claim = only(facts, unit="x")
    assert (claim["product"], claim["comparator"]) == ("Tern", "H200")


def test_an_apposition_to_a_hardware_noun_names_it(extract):
    facts = extract("A new cloud instance type, the m9x.metal, is 25% faster than the previous generation. "
                    "The instance has 192 cores.")
    assert [f["product"] for f in facts] == ["m9x.metal", "m9x.metal"]


def test_a_spec_written_of_a_rival_belongs_to_the_rival(extract):
    facts = extract("The Strata X2 reaches 1,000 TFLOPS. That is more than three times the quoted 312 TFLOPS "
                    "of the rival's flagship A100 SXM.")
    assert only(facts, value=312)["product"] == "A100"  # the catalogue name
    assert only(facts, value=3)["product"] == "X2"


def test_a_named_predecessor_is_the_baseline_its_predecessor_stands_for(extract):
    facts = extract("Corvid introduced the Kestrel 9 processor. Its predecessor, the Kestrel 8, shipped last year. "
                    "The processor is 35% faster than its predecessor.")
    assert (facts[0]["product"], facts[0]["comparator"]) == ("Kestrel 9", "Kestrel 8")


def test_a_new_name_before_a_hardware_noun_is_introduced(extract):
    facts = extract("Halcyon Semiconductor's new Orion processor outperforms the EPYC 9654 by 27%. "
                    "The Orion has 128 cores.")
    assert [f["product"] for f in facts] == ["Orion", "Orion"]


def test_a_rival_set_apart_does_not_become_the_topic(extract):
    facts = extract("Vantor today launched the Aurora X5 accelerator. Unlike Nvidia's H200, which relies on HBM3E, "
                    "the new accelerator uses on-package SRAM. It delivers 3.2 times the throughput of the H200.")
    assert (facts[0]["product"], facts[0]["comparator"]) == ("X5", "H200")


def test_appointments_and_digit_groups_introduce_nothing():
    text = ("Halcyon named Rafael Moreno as chief executive. Its Merlin processor, built on a 5-nanometer process, "
            "integrates 1,024 small cores.")
    assert introduced_names(text) == set()


def test_an_own_name_before_a_hardware_noun_is_introduced():
    text = "Ostrava says its Sable neuromorphic chip holds 1.2 million neurons. Its AI chips are not named."
    assert introduced_names(text) == {"Sable"}


def test_a_hardware_noun_called_by_a_lower_case_description_introduces_it(extract):
    facts = extract("Varn Labs said it built an experimental chip called a photonic mixer, which converts light "
                    "into signals. The chip is 3 times faster than the Jetson Orin.")
    assert only(facts, unit="x")["product"] == "photonic mixer"


def test_a_description_called_without_a_hardware_noun_is_no_name():
    assert introduced_names("What analysts called a breakthrough was 3 times faster.") == set()
