"""Workloads outside the vocabulary: a workload noun phrase attached to the claim ("faster in games")."""

from __future__ import annotations

import pytest

from nlp.components import model_spans
from nlp.workloads import attached_workload, task_paraphrase
from tests.nlp.conftest import only


def _around(text: str, figure: str) -> tuple[str, int, int]:
    return text, text.index(figure), text.index(figure) + len(figure)


@pytest.mark.parametrize("text, figure, workload", [
    ("In games, the V2 is up to 2x faster than the X1.", "2x", "games"),
    ("The V2 is 40% faster than the M3 in a popular video editor.", "40%", "popular video editor"),
    ("The D3 is 35% faster at compiling code than the Xeon 6.", "35%", "compiling code"),
    ("The L1 cuts latency by 50% for real-time speech translation.", "50%", "real-time speech translation"),
    ("The B4 is 4x faster on transformer models than the previous generation.", "4x", "transformer models"),
    ("The H9 delivers 60% more throughput than the rival's flagship H100 when serving DeepSeek-R1.", "60%",
     "DeepSeek-R1"),
])
def test_a_workload_attached_to_the_claim(text, figure, workload):
    assert attached_workload(*_around(text, figure)) == workload


@pytest.mark.parametrize("text, figure", [
    ("It is 3 times faster than the H200 running the same model.", "3 times"),  # a reference, not a workload
    ("The X2 offers 141 GB, up from 80 GB for the second generation chip.", "141 GB"),
    ("N4P delivers 11% more performance than N5 at the same power.", "11%"),
    ("The X2 is 2x faster than the X1, the company said in a statement.", "2x"),
])
def test_no_workload_where_none_is_attached(text, figure):
    assert attached_workload(*_around(text, figure)) is None


def test_claims_take_attached_workloads_and_baselines_end_at_an_attachment(extract):
    facts = extract("Polar Labs said the Aurora board is 8 times faster than a Raspberry Pi 5 at image "
                    "recognition. The Sparrow S3 laptop chip beats the M4 by 20% in games.")
    assert [(f["comparator"], f["workload"]) for f in facts] == [("a Raspberry Pi 5", "image recognition"),
                                                                ("M4", "games")]


@pytest.mark.parametrize("text, figure, workload", [
    ("Its CS-3 system trains models 8 times faster than a cluster of H100 GPUs.", "8 times", "models"),
    ("The Mac renders 3D scenes 2.6 times faster than an older laptop.", "2.6 times", "3D scenes"),
    ("The B4 speeds up genome sequencing by 12x relative to CPUs.", "12x", "genome sequencing"),
])
def test_the_object_of_the_claim_verb_is_its_workload(text, figure, workload):
    assert attached_workload(*_around(text, figure)) == workload


def test_a_claim_continuing_the_sentence_before_keeps_its_workload(extract):
    facts = extract("The Halcyon X4 system processed 24,000 tokens per second on Llama 2 70B. "
                    "That was 1.4 times the result of an eight-GPU H200 system. The X4 has 96 cores.")
    assert [f["workload"] for f in facts] == ["Llama 2 70B", "Llama 2 70B", None]


@pytest.mark.parametrize("text, figure, workload", [
    ("The V9 is 2x faster for AI than the X1.", "2x", "AI"),
    ("The V9 is 30% faster in multithreaded workloads.", "30%", "multithreaded workloads"),
])
def test_domains_and_thread_counts_are_workloads(text, figure, workload):
    assert attached_workload(*_around(text, figure)) == workload


def test_a_domain_before_a_metric_or_a_hardware_noun_is_no_workload():
    assert attached_workload(*_around("The X1 offers 2x the AI performance of the Y1, a leader in AI chips.", "2x")) \
        is None


def test_more_benchmarks_and_applications_in_the_vocabulary(extract):
    facts = extract("The V9 scores 20% higher in Speedometer 3.0 than the M3. It renders 2x faster in Redshift than "
                    "the M3.")
    assert [f["workload"] for f in facts] == ["Speedometer 3.0", "Redshift"]


def test_a_figure_referring_back_to_the_task_keeps_its_workload(extract):
    facts = extract("The Tern runs Llama 3.1 405B at 1,200 tokens per second. It is 3 times faster than the H200 "
                    "running the same model. The Tern draws 300 watts.")
    assert [f["workload"] for f in facts] == ["Llama 3.1 405B", "Llama 3.1 405B", None]


def test_the_object_before_using_is_the_workload():
    text = "The chip performs keyword spotting using 1,000 times less energy than a microcontroller."
    assert attached_workload(*_around(text, "1,000 times")) == "keyword spotting"


# --- general behaviours first seen on blind sets, on sentences of our own ---


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


def test_benchmark_suite_names_are_workloads(extract):
    fact = only(extract("In 3DMark Time Spy the HX-5 scored 31% more than the HX-4."), unit="%")
    assert fact["workload"] == "3DMark Time Spy"


def test_a_model_size_before_training_stays_in_the_workload(extract):
    fact = only(extract("The Vega V3 accelerator runs GPT-3 175B training 4 times faster than the V2."), unit="x")
    assert fact["workload"] == "GPT-3 175B training"


def test_a_workload_right_after_a_claim_is_its_own(extract):
    facts = extract("Vantor claims the VX-8 is 2x faster when training a 13-billion-parameter model "
                    "and delivers 35% lower latency on chatbot inference.")
    assert only(facts, unit="%")["workload"] == "inference"
    assert only(facts, unit="x")["workload"] == "13-billion-parameter model"


@pytest.mark.parametrize("text, figure, workload", [
    ("The Pell P2 can classify images 18 times faster than a Jetson Orin.", "18 times", "image classification"),
    ("The Wren W1 can transcode video 5 times faster than a Xeon 6 processor.", "5 times", "video transcoding"),
    ("Ember can detect objects in video 2.5 times faster than an H200.", "2.5 times", "object detection"),
    ("The Reed R2 can recognise speech with 35% lower latency than the Reed R1.", "35%", "speech recognition"),
    ("The Reed R3 is 3x faster at generating images than the Reed R2.", "3x", "image generation"),
])
def test_a_task_written_as_verb_and_object_is_named_as_its_noun_phrase(text, figure, workload):
    assert task_paraphrase(*_around(text, figure)) == workload


@pytest.mark.parametrize("text, figure", [
    ("The Pell P2 runs the model 6.9x faster, generating up to 1,800 tokens per second.", "1,800 tokens"),
    ("The Wren W1 generates nearly 900 tokens per second.", "900 tokens"),
])
def test_a_hedge_after_the_verb_is_no_task_object(text, figure):
    assert task_paraphrase(*_around(text, figure)) is None


def test_a_vocabulary_name_is_never_found_inside_a_word(extract):
    # "BERT" sits inside "Pemberton"; the claim's own workload is the training it names
    facts = extract("Pemberton Labs said its Kite X2 accelerator delivers 2.2 times the training throughput, "
                    "compared with Nvidia's H100.", vendor="Pemberton Labs")
    assert facts[0]["workload"] == "training"


def test_serving_is_a_workload_head():
    text = "The q7g.xlarge delivers 30% better price performance than the q6g.xlarge for web serving."
    assert attached_workload(*_around(text, "30%")) == "web serving"


def test_a_workload_word_naming_a_kind_of_hardware_is_not_the_workload(extract):
    facts = extract("The inference appliance from Brindle delivers 30% lower latency than the L40S.")
    assert facts[0]["workload"] is None


@pytest.mark.parametrize("text, workload", [
    ("The Brisk B2 delivers 3x the performance of the H100 for recommendation inference.", "recommendation inference"),
    ("The Brisk B2 encodes 4K video 2x faster than the M3.", "video encoding"),
    ("The Brisk B2 speeds up protein folding by 6x compared with CPUs.", "protein folding"),
    ("The Brisk B2 answers chatbot queries with 45% lower latency than an L4.", "chatbot queries"),
    ("The Brisk B2 processes transactions 25% faster than the Xeon 6.", "transactions"),
    ("The Brisk B2 delivers 3x the training throughput of the H100.", "training"),
])
def test_more_workload_shapes(extract, text, workload):
    assert extract(text)[0]["workload"] == workload


def test_the_title_a_machine_plays_is_the_workload(extract):
    facts = extract("The Quill Q2 laptop plays Baldur's Gate 3 at 60% higher frame rates than the M3.")
    assert facts[0]["workload"] == "Baldur's Gate 3"


@pytest.mark.parametrize("text, workload", [
    ("The Brisk B2 is 2x faster at compiling the Linux kernel than the M3.", "compiling the Linux kernel"),
    ("The Brisk B2 delivers 3x better performance on sparse matrix math than the A100.", "sparse matrix math"),
])
def test_kernels_and_math_are_workload_heads(extract, text, workload):
    assert extract(text)[0]["workload"] == workload
