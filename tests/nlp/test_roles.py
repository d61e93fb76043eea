"""Role assignment by claim structure (issue 7): subject, baseline, workload, periods on unseen shapes."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import only


@pytest.mark.parametrize("text, value, product, comparator", [
    # a subject outside the catalogue: the noun phrase before the verb, never the baseline after "than"
    ("A research accelerator from Northgate University is 25 times more efficient than Nvidia's H100.",
     25, "research accelerator from Northgate University", "H100"),
    ("The Orca system runs Mistral 7B 2 times faster than the A100.", 2, "Orca system", "A100"),
    ("Intel 3 delivers 18% better performance per watt than Intel 4.", 18, "Intel 3", "Intel 4"),
    # a baseline written behind its own metric phrase
    ("The new part is 4x faster than the quoted 989 TFLOPS of the competitor's flagship H100.", 4, None, "H100"),
    # the generic baseline resolves to the predecessor the document named
    ("Acme introduced the Photon P3. Its predecessor, the Photon P2, launched in 2024.\n"
     "The processor is 30% faster than its predecessor.", 30, "P3", "P2"),
    # an anaphoric subject is the document's product, not the sentence's baseline
    ("Kobalt Labs unveiled the K7 accelerator.\nThe chip is 2.5 times faster than the B200.", 2.5, "K7", "B200"),
    # ... and with nothing to resolve to, a descriptive subject is kept
    ("According to the paper, the optical accelerator delivers 10x the throughput of an H100.", 10,
     "optical accelerator", "H100"),
    # a name before its apposition
    ("Sohu, Etched's transformer ASIC, is 20 times faster than the H100 on Llama 70B.", 20, "Sohu", "H100"),
    # a spec's product is never one named only after "than"
    ("The Lisa supercomputer reaches 2 exaflops, making it 40% faster than Frontier.", 2, "Lisa supercomputer", None),
])
def test_roles_by_structure(extract, text, value, product, comparator):
    fact = only(extract(text), value=value)
    assert (fact["product"], fact["comparator"]) == (product, comparator)


@pytest.mark.parametrize("text, workload", [
    ("The Nimbus N5 renders Blender scenes 2.2x faster than the RTX 4090.", "Blender"),
    ("The chip scores 20% higher in Geekbench 6 multi-core than the M3.", "Geekbench 6 multi-core"),
    ("In MLPerf Inference v5.0 Offline, the Raptor R1 was 1.5 times faster than the H200.",
     "MLPerf Inference v5.0 Offline"),
    ("It delivers 40% more throughput than the B200 when running Llama 3.1 405B.", "Llama 3.1 405B"),
])
def test_workload_vocabulary(extract, text, workload):
    claims = [f for f in extract(text) if f["unit"] in ("x", "%")]
    assert [f["workload"] for f in claims] == [workload]


def test_respectively_and_per_share(extract):
    facts = extract("Revenue for the third quarter of 2025 and the third quarter of 2024 was $512 million and "
                    "$430 million, respectively. The board declared a quarterly dividend of $0.25 per share.")
    assert only(facts, value=512e6)["period"] == "Q3 2025"
    assert only(facts, value=430e6)["period"] == "Q3 2024"
    assert only(facts, value=0.25)["unit"] == "USD/share"




def test_a_memory_can_be_the_subject(extract):
    facts = extract("The H200 uses HBM3E. Compared to HBM3, HBM3E increases peak memory bandwidth by 44%. "
                    "Micron will ship a 36 GB 12-Hi HBM3E product in March.")
    assert [(f["value"], f["product"]) for f in facts] == [(44, "HBM3E"), (36, "HBM3E")]


def test_a_family_with_its_model_in_apposition_is_the_model(extract):
    facts = extract("The B200 has 192 GB, up from 141 GB for the second generation Hopper chip, H200.")
    assert only(facts, value=141)["product"] == "H200"


def test_a_product_it_replaces_is_its_predecessor(extract):
    facts = extract("Acme introduced the Photon P3, which replaces the Photon P2. "
                    "The processor is 30% faster than its predecessor.")
    assert (facts[0]["product"], facts[0]["comparator"]) == ("P3", "P2")


def test_a_baseline_framed_as_a_comparison_does_not_become_the_topic(extract):
    facts = extract("Vantor launched the Aurora X5 accelerator. The H100, by comparison, draws 700 watts. "
                    "It delivers 2x the throughput of the H100. For comparison, Nvidia's B200 offers 8 TB/s. "
                    "The chip offers 12 TB/s.")
    assert [f["product"] for f in facts] == ["H100", "X5", "B200", "X5"]


def test_a_period_like_code_before_a_hardware_noun_is_a_model(extract):
    facts = extract("An eight-chip Halcyon H4 system processed 24,000 tokens per second. Q4 revenue was $5 billion.")
    assert [(f["type"], f.get("product"), f.get("period")) for f in facts] == [
        ("performance", "H4", None), ("financial", None, "Q4")]


def test_against_marks_a_baseline_that_never_becomes_the_topic(extract):
    facts = extract("Tessel unveiled its T9 accelerator. The T9 is 30% faster than the H100. "
                    "Against the A100, the T9 offers 2.5 times the memory bandwidth. It draws 600 watts.")
    assert [(f["product"], f["comparator"]) for f in facts] == [("T9", "H100"), ("T9", "A100"), ("T9", None)]


def test_each_and_every_are_anaphors(extract):
    facts = extract("The Cirrus X8 instance is 40% faster than the previous generation. Each instance offers 16 cores.")
    assert [f["product"] for f in facts] == ["X8", "X8"]
