"""Arbitrary and adversarial text: the extractor never raises, never hangs, and keeps its promises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NUMBERISH = st.sampled_from([
    "6.9x", "$22.1 billion", "1,440", "٣٤٥", "１２３", "9" * 400, "1e308", "−5%", "5–7 times", "—", "–", "‑",
    "<b>20 petaflops</b>", "&nbsp;$5bn", "Won25,000bn", "8-1/8", "between", "and", "vs", "loss", "Shr", "\n",
    "H100", "nearly seven times faster", "up 5% from a year ago", "(", ")", "[", "]", "€", "円", "ク",
    "ملیارد", "２０％", "0.0.0.0", "1,,,,2", "$", "%", "x", "per second", "fold", "twice", "half",
])
TEXT = st.lists(st.one_of(NUMBERISH, st.text(max_size=30)), max_size=60).map(" ".join)


def check(facts: list[dict], text: str) -> None:
    for fact in facts:
        assert fact["type"] in ("performance", "financial")
        assert text[fact["start"]:fact["end"]] == fact["quote"]
        assert isinstance(fact["value"], float | int)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text(extractor, text):
    check(extractor.extract(text), text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_unicode(extractor, text):
    check(extractor.extract(text, kind="news", published="bad-date"), text)


@pytest.mark.timeout(60)
def test_one_megabyte_document(extractor):
    # mostly prose, some figures, HTML remnants: the shape of a badly cleaned page
    prose = ("The company described its roadmap at length, and analysts asked about supply, software and "
             "customers in the data center market. ") * 12
    figures = "Revenue was $1.2 billion, up 5% from a year ago; the X9 runs 3x faster with 96 GB of memory. "
    block = prose + figures + "<div class=\"x\">&amp;&nbsp;</div>\n"
    text = block * (1_000_000 // len(block))
    facts = extractor.extract(text)
    assert len(facts) == 3 * (len(text) // len(block))  # the 5% is the change of the revenue
    check(facts, text)


@pytest.mark.timeout(60)
def test_one_megabyte_without_punctuation(extractor):
    # no sentence ends at all: sentences are capped, so the work stays linear
    text = ("word " * 40 + "5 GB ") * 5_000
    text += "9" * 100_000 + " " + "x" * 100_000
    facts = extractor.extract(text)
    assert len(facts) == 5_000


@pytest.mark.timeout(30)
def test_records_with_odd_fields(extractor):
    records = [{"id": 1, "text": None}, {"id": "2", "text": 12345}, {"id": "3", "text": "6.9x", "vendor": 7,
                                                                      "published": 2025, "kind": None}]
    out = list(extractor.pipe(records))
    assert [r["id"] for r, _ in out] == [1, "2", "3"]
