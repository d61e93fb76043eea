"""The spaCy pipeline: components, sentence boundaries, periods, vendor names."""

from __future__ import annotations

import pytest

from nlp.components import sentence_starts
from nlp.context import DocState
from nlp.periods import period_for, update_state
from nlp.pipeline import build_pipeline


def test_pipeline_is_blank_english_with_our_components():
    nlp = build_pipeline([{"slug": "acme", "name": "Acme", "aliases": [], "ticker": None}])
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["products", "vendors", "chipwatch_models", "chipwatch_sentences",
                              "chipwatch_quantities", "chipwatch_facts"]
    doc = nlp("Acme said the MI355X beats the H100.")
    assert {s.text for s in doc.spans["products"]} == {"MI355X", "H100"}
    assert [s.id_ for s in doc.spans["vendors"]] == ["Acme"]


@pytest.mark.parametrize(("text", "starts"), [
    ("Revenue rose 5%. Net income fell.", ["Revenue", "Net"]),
    ("Texas Instruments Inc. said the U.S. unit grew. It did.", ["Texas", "It"]),
    ("HEADLINE WITHOUT A STOP\nShr loss 14 cts vs loss 22 cts\nNet loss 12.3 mln", ["HEADLINE", "Shr", "Net"]),
    ("It served 9,400 tokens per second on Llama 3 8B. Its rival was slower.", ["It", "Its"]),
])
def test_sentence_starts(text, starts):
    assert [text[i:].split()[0] for i in sentence_starts(text)] == starts


@pytest.mark.parametrize(("sentence", "figure", "period"), [
    ("Revenue for the second quarter of fiscal 2026 was $8.3 billion.", "$8.3", "Q2 FY2026"),
    ("For fiscal 2023, revenue was $5.12 billion.", "$5.12", "FY2023"),
    ("Revenue of $7.4 billion, up 9% from Q2.", "$7.4", None),
    ("Net profit 5.3 mln vs loss 2.6 mln", "2.6", "Q4 FY1986"),
    ("Global sales rose to $11.4 billion in October.", "$11.4", "October"),
    ("Net loss 13.2 mln dlrs vs loss 40.7 mln", "40.7", "Q4 FY1986"),
    ("Credits of 700,000 dlrs in quarter and 2,100,000 dlrs in nine mths.", "2,100,000", "9M FY1987"),
    ("It earned $6 billion in its last reported quarter.", "$6", "last reported quarter"),
])
def test_periods(sentence, figure, period):
    wire = "mln" in sentence or "dlrs" in sentence  # a dated wire story under a "FOURTH QUARTER" headline
    state = DocState(kind="news", published="1987-06-18" if wire else None)
    if wire:
        update_state(state, "ACME CORP FOURTH QUARTER")
    lo = sentence.index(figure)
    assert period_for(state, sentence, lo, lo + len(figure)) == period


def test_vendor_slug_becomes_the_display_name(extract):
    fact = extract("Revenue was $2.1 billion.", vendor="halcyon")[0]
    assert fact["company"] == "Halcyon Semiconductor"
    fact = extract("Revenue was $2.1 billion.", vendor="Unlisted Corp")[0]
    assert fact["company"] == "Unlisted Corp"
