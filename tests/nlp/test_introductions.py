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
