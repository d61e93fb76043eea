"""Role assignment by claim structure (issue 7): subject, baseline, workload, periods on unseen shapes."""

from __future__ import annotations

import pytest

from nlp.components import model_spans
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


# --- general behaviours first seen on blind sets, on sentences of our own ---


def test_hyphenated_and_family_model_names_are_products(extract):
    facts = extract("The Quill KX-7 board has a 95 W power envelope. Its successor Quillium4 packs 640 cores.")
    assert only(facts, unit="W")["product"] == "KX-7"
    assert only(facts, unit="cores")["product"] == "Quillium4"


def test_short_codes_need_to_be_written_as_a_product_once():
    text = "Inside the Z5 cluster. Z5 reaches 2 exaflops while Q3 sales and a G7 meeting stay codes."
    assert [text[a:b] for a, b in model_spans(text)] == ["Z5", "Z5"]


def test_precision_formats_are_never_products(extract):
    fact = only(extract("The WR-2 runs its FP16 and INT8 math on 384 compute cores."), unit="cores")
    assert fact["product"] == "WR-2"
    assert model_spans("FP16 BF16 FP64 TF32 MXFP4") == []


def test_a_comparator_does_not_become_the_topic(extract):
    text = ("The Tessel T4 is up to 1.5 times faster than the R2 in our tests. "
            "Memory bandwidth is 140 GB/s, twice as fast as the one in the R3.")
    facts = extract(text)
    assert only(facts, unit="GB/s")["product"] == "T4"
    twice = only(facts, value=2.0)
    assert (twice["product"], twice["comparator"]) == ("T4", "R3")


def test_comparator_spec_belongs_to_the_comparator(extract):
    facts = extract("The Pyre P8 carries 192 GB of HBM3E at 6.4 TB/s, versus 96 GB and 3.2 TB/s on the K9.")
    assert only(facts, value=192.0)["product"] == "P8"
    assert only(facts, value=96.0)["product"] == "K9"
    assert only(facts, value=3.2)["product"] == "K9"


def test_headline_with_a_rival_keeps_the_subject(extract):
    text = ("Orrery's Vega V2 takes aim at the H200\n"
            "The Vega V2 pairs two dies with 160 GB of memory. Each die carries 80 cores.")
    facts = extract(text)
    assert only(facts, unit="GB")["product"] == "V2"
    assert only(facts, unit="cores")["product"] == "V2"


def test_elided_claims_inherit_metric_and_comparator(extract):
    facts = extract("The Lumo L9 delivers 1.8x the inference throughput of its L7 on one model and 2.4x on "
                    "another, with 30% lower latency.")
    second = only(facts, value=2.4)
    assert (second["metric"], second["comparator"], second["direction"]) == ("throughput", "L7", "higher")
    assert only(facts, value=30.0)["direction"] == "lower"


def test_comparator_after_than_a_card_and_below(extract):
    facts = extract("The Lumo L9 is up to 8 times faster than a GeForce RTX 5090 card and 3x faster than the "
                    "leading flagship GPU. Power draw is 600 W, 15% below the L7.")
    assert only(facts, value=8.0)["comparator"] == "RTX 5090"
    assert only(facts, value=3.0)["comparator"] == "the leading flagship GPU"
    below = only(facts, value=15.0)
    assert (below["metric"], below["direction"], below["comparator"]) == ("power", "lower", "L7")


def test_appositive_change_joins_the_amount(extract):
    facts = extract("Net revenue was $9.8 billion in fiscal 2025, an increase of 12% compared with $8.75 billion "
                    "in fiscal 2024.", kind="filing")
    assert [f["value"] for f in facts] == [9.8e9, 8.75e9]
    assert only(facts, value=9.8e9)["change"].startswith("+12%")
    assert only(facts, value=8.75e9)["period"] == "FY2024"


def test_a_number_inside_a_product_name_can_sit_between_count_and_unit(extract):
    facts = extract("The machine is built from 2,048 of Vantor's Helio 3 processors.")
    assert only(facts, unit="processors")["value"] == 2048.0


def test_a_metric_after_of_is_not_the_comparator(extract):
    fact = only(extract("Vantor says the Helio 5 matches the H100 at half the power."), unit="x")
    assert fact["comparator"] == "H100"


def test_a_process_code_is_a_product(extract):
    fact = only(extract("Compared with its S3 node, the S2 process offers 12% higher speed."), unit="%")
    assert (fact["product"], fact["comparator"]) == ("S2", "S3")


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


def test_a_spec_below_its_comparators_figure_is_lower(extract):
    facts = extract("The Vantor VX-8 draws 280 watts, versus 350 watts for the VX-7.")
    assert only(facts, value=280.0)["direction"] == "lower"


def test_hyphenated_and_family_product_names_are_products():
    text = "The Orbit-5 and the Z-Class 400 both ship this year, unlike Covid-19 era parts."
    assert [text[a:b] for a, b in model_spans(text)] == ["Orbit-5", "Z-Class 400"]


def test_a_comparator_named_in_apposition(extract):
    fact = only(extract("The Z-Class 400 is up to 3x faster than its predecessor, the Z-Class 300."), unit="x")
    assert (fact["product"], fact["comparator"]) == ("Z-Class 400", "Z-Class 300")


def test_a_later_claim_about_the_same_product_keeps_its_comparator(extract):
    facts = extract("The VX-8 runs 2x faster than the VX-7. On the VX-8, energy use fell by 30 percent. "
                    "The QX-2 has 20% more memory.")
    assert only(facts, unit="%", value=30.0)["comparator"] == "VX-7"
    assert only(facts, unit="%", value=20.0)["comparator"] is None


def test_a_baseline_named_in_the_next_sentence_is_the_comparator(extract):
    facts = extract("Sorrel Compute says its S1 chip runs recommendation models 4 times faster. "
                    "The comparison was made against AMD's MI250X.", vendor="Sorrel Compute")
    assert only(facts, unit="x")["comparator"] == "MI250X"


def test_a_next_sentence_without_a_baseline_statement_leaves_the_comparison_open(extract):
    facts = extract("Sorrel Compute says its S1 chip runs recommendation models 4 times faster. "
                    "The MI250X remains on sale.", vendor="Sorrel Compute")
    assert only(facts, unit="x")["comparator"] is None


def test_a_dotted_lower_case_baseline_is_kept_whole(extract):
    facts = extract("Nimbus Cloud's new q7g.xlarge instance delivers 30% better performance than the q6g.xlarge "
                    "for web serving.")
    assert only(facts, unit="%")["comparator"] in ("q6g.xlarge", "the q6g.xlarge")


def test_a_system_built_around_named_chips_is_the_subject_not_its_chips(extract):
    facts = extract("In the latest round, a Tarrow edge system built around two Lumen L2 accelerators managed "
                    "41 queries per second on ResNet-50.")
    assert only(facts, unit="queries/s")["product"] == "Tarrow edge system"


def test_a_system_that_names_its_product_keeps_it(extract):
    facts = extract("The Kestrel K9 system built with eight K2 accelerators delivers 3 PFLOPS of compute.")
    assert only(facts, unit="PFLOPS")["product"] != "K2"


def test_a_new_unnamed_subject_keeps_its_description(extract):
    facts = extract("Dunmore Systems has not yet named its next rack product. The new inference server handles "
                    "3,200 tokens per second on Llama 3.1 70B, the company said.", vendor="Dunmore Systems")
    assert only(facts, unit="tokens/s")["product"] == "inference server"


@pytest.mark.parametrize("follow, comparator", [
    ("The baseline is a cluster of eight H100 GPUs.", "H100"),
    ("It was compared with the A100.", "A100"),
])
def test_other_sentences_that_name_the_baseline(extract, follow, comparator):
    facts = extract("The Corvid C3 is 40% more efficient. " + follow)
    assert only(facts, unit="%")["comparator"] == comparator


def test_a_count_that_names_its_product_is_that_products(extract):
    facts = extract("The Corvid C9 is the new flagship. Training the model would have taken 8,000 Corvid C7 GPUs, "
                    "Corvid claims.", vendor="Corvid")
    assert only(facts, unit="GPUs")["product"] == "C7"


def test_a_sentence_going_on_about_the_product_gives_its_baseline_back(extract):
    facts = extract("Corvid says the C9 can offer 30 times the performance for LLM inference. "
                    "It cuts energy use by up to 25x over an H100.", vendor="Corvid")
    assert [f["comparator"] for f in facts] == ["H100", "H100"]


def test_a_sentence_about_something_else_gives_no_baseline_back(extract):
    facts = extract("Corvid says the C9 can offer 30 times the performance for LLM inference. "
                    "Separately, the Corvid C4 is 2x faster than an H100.", vendor="Corvid")
    assert only(facts, value=30)["comparator"] is None


@pytest.mark.parametrize("text, product", [
    ("Researchers at Dunlin University say their chip is 40 times more efficient than Nvidia's A100.",
     "Dunlin University chip"),
    ("Orrin said its chip is 2x faster than the H100.", "Orrin chip"),
])
def test_an_owned_anaphor_with_no_antecedent_is_its_owners_hardware(extract, text, product):
    assert extract(text)[0]["product"] == product


def test_a_makers_name_before_the_beaten_model_still_marks_the_baseline(extract):
    facts = extract("The new Orrin chip beats the Nvidia H100 by 30%.")
    assert facts[0]["comparator"] == "H100"


def test_a_lower_case_cloud_instance_type_is_a_product_without_an_introduction(extract):
    facts = extract("Customers running the trn3.48xlarge see 40% lower cost than on p5.48xlarge.")
    fact = only(facts, value=40)
    assert (fact["product"], fact["comparator"]) == ("trn3.48xlarge", "p5.48xlarge")


def test_a_count_of_parts_belongs_to_the_system_they_make_up(extract):
    facts = extract("Corvid unveiled the Corvid Array, a research system. Powered by 1,152 of Corvid's C7 "
                    "processors, it holds 2 billion neurons.", vendor="Corvid")
    assert only(facts, unit="processors")["product"] == "Corvid Array"


def test_a_component_before_a_relative_clause_holding_the_figure_is_its_subject(extract):
    facts = extract("Corvid unveiled the C9. Corvid said one of the key changes is a new matrix engine that "
                    "doubles the throughput.", vendor="Corvid")
    assert only(facts, unit="x")["product"] == "new matrix engine"


def test_a_product_named_before_the_relative_clause_stays_the_subject(extract):
    facts = extract("The Corvid C9 has a new matrix engine that doubles the throughput.", vendor="Corvid")
    assert only(facts, unit="x")["product"] == "C9"


def test_a_vendor_name_with_a_node_number_is_a_node_not_the_vendor():
    from nlp.extract import Extractor
    facts = Extractor([{"slug": "tollan", "name": "Tollan", "aliases": [], "ticker": None}]).extract(
        "Tollan 3 delivers an 18% gain relative to Tollan 4.")
    assert (facts[0]["product"], facts[0]["comparator"]) == ("Tollan 3", "Tollan 4")


@pytest.mark.parametrize("text", [
    "The Orrin O2 achieved 1.5x the H100 result in MLPerf Inference v5.0 Server.",
    "The Orrin O2 delivers twice the H100's throughput.",
])
def test_the_product_whose_figure_is_multiplied_is_the_baseline(extract, text):
    assert extract(text)[0]["comparator"] == "H100"


@pytest.mark.parametrize("text, product", [
    ('The "Heron" chip is 40 times more efficient than the A100, its makers say.', "Heron chip"),
    ("Built by Tern Labs, Heron is 40 times more efficient than the A100.", "Heron"),
    ("An A100 takes 10 hours for the job; the Tern T1 finishes it 4x faster.", "T1"),
])
def test_subjects_behind_quotes_participles_and_semicolons(extract, text, product):
    assert extract(text)[0]["product"] == product


def test_a_spec_compared_with_a_baselines_quoted_figure_has_that_baseline(extract):
    facts = extract("The Zephyr Z2 delivers 1,200 TFLOPS, four times more than the quoted 312 TFLOPS of the "
                    "rival's flagship H100 SXM.")
    assert only(facts, value=1200.0)["comparator"] == "H100"
    assert (only(facts, value=312.0)["product"], only(facts, value=312.0)["comparator"]) == ("H100", None)


def test_more_than_the_figure_of_a_baseline_is_a_comparison_not_a_hedge(extract):
    facts = extract("The card carries 192 GB of memory, more than the 80 GB of Nvidia's H100.")
    assert (only(facts, value=80.0)["product"], only(facts, value=80.0)["hedge"]) == ("H100", None)
    assert only(extract("The card carries more than 80 GB of memory."), value=80.0)["hedge"] == "more than"


def test_a_baselines_own_spec_after_a_possessive_belongs_to_it(extract):
    facts = extract("The Tamarind T5 reaches 5.2 petaflops, compared with the 4 petaflops of AMD's MI300X.")
    assert (only(facts, value=5.2)["product"], only(facts, value=5.2)["comparator"]) == ("T5", "MI300X")
    assert (only(facts, value=4.0)["product"], only(facts, value=4.0)["comparator"]) == ("MI300X", None)


def test_a_comparators_family_with_its_model_in_apposition_is_the_model(extract):
    facts = extract("The B200 memory totals 288 GB (up from 141 GB on the second Hopper chip, H200).")
    assert (only(facts, value=288.0)["product"], only(facts, value=288.0)["comparator"]) == ("B200", "H200")
    assert (only(facts, value=141.0)["product"], only(facts, value=141.0)["comparator"]) == ("H200", None)


@pytest.mark.parametrize("text, product", [
    ("In tests, a photonic processor from a university lab ran 3x faster than the H100.", "photonic processor"),
    ("The wafer-scale engine outperforms the H100 by 10x on sparse models.", "wafer-scale engine"),
])
def test_a_described_part_without_a_name_is_its_description(extract, text, product):
    assert only(extract(text), unit="x")["product"] == product


def test_the_device_of_on_device_ai_is_no_hardware_and_the_phrase_is_a_workload(extract):
    fact = only(extract("The new NPU delivers 45 TOPS for on-device AI.", vendor="Orrin"), value=45.0)
    assert (fact["product"], fact["workload"]) == ("Orrin NPU", "on-device AI")


def test_a_subject_read_from_a_sentence_is_what_later_anaphors_refer_to(extract):
    facts = extract("Our new accelerator, Wren, is here. Wren is built on a 3 nm process. Compared with its "
                    "predecessor, it delivers 2.4x the performance per watt. The card carries 96 GB of HBM3E.")
    assert [f["product"] for f in facts] == ["Wren", "Wren", "Wren"]


def test_a_previous_chip_named_in_passing_does_not_become_the_topic(extract):
    facts = extract("Sable Systems unveiled the Sable S4 on Monday. Sable's previous chip, the S3, shipped last "
                    "year. The new chip is twice as fast as the S3 in training.")
    assert (only(facts, value=2.0)["product"], only(facts, value=2.0)["comparator"]) == ("S4", "S3")


def test_a_subject_phrase_ends_before_to_and_itself(extract):
    facts = extract("Intel expects its 18A node to deliver up to 15% better performance per watt than Intel 3. "
                    "Intel 3 itself brought an 18% gain relative to Intel 4, the company said.")
    assert [(f["product"], f["comparator"]) for f in facts] == [("18A node", "Intel 3"), ("Intel 3", "Intel 4")]


def test_a_spec_compared_with_a_baselines_figure_keeps_the_subject_read_from_the_sentence(extract):
    facts = extract("The Quill Q1 draws 350 watts, half the power of an H100.")
    assert [(f["value"], f["product"], f["comparator"]) for f in facts] == [
        (350.0, "Quill Q1", "H100"), (0.5, "Quill Q1", "H100")]


def test_a_named_subject_beats_its_description_in_apposition(extract):
    fact = only(extract("The Heron H3, Heron's third-generation TPU, is 4.7x faster than the H2."), value=4.7)
    assert fact["product"] == "Heron H3"


def test_a_baseline_after_compared_with_far_from_the_figure(extract):
    fact = only(extract("TSMC said N2 will deliver a 10% to 15% speed improvement at the same power compared "
                        "with N3E."), unit="%")
    assert (fact["product"], fact["comparator"]) == ("N2", "N3E")


def test_a_professional_card_with_a_pro_in_its_name_is_a_product(extract):
    facts = extract("NVIDIA launched the Blackwell architecture last year. In benchmarks for generative AI, the RTX "
                    "PRO 5000 72GB offers 3.5x the performance of prior-generation NVIDIA hardware.")
    assert only(facts, value=3.5)["product"] == "RTX PRO 5000"
