"""Written numbers, scales and multiplier words."""

from __future__ import annotations

import pytest

from nlp.numbers import multiplier_word_value, normalise_multiplier, parse_number, scale_factor


@pytest.mark.parametrize(("text", "value"), [
    ("1,440", 1440.0), ("6.9", 6.9), (".5", 0.5), ("8-1/8", 8.125), ("seven", 7.0), ("Nine", 9.0),
    ("1,804,062", 1804062.0),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,23", "8-1/0", "--"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def test_scales():
    assert scale_factor("bn") == 1e9
    assert scale_factor("mln") == 1e6
    assert scale_factor("billion  billion") == 1e18
    assert scale_factor(None) == 1.0


@pytest.mark.parametrize(("word", "value"), [
    ("twice", 2.0), ("doubles", 2.0), ("half", 0.5), ("one-third", 0.333), ("five-fold", 5.0), ("tripled", 3.0),
])
def test_multiplier_words(word, value):
    assert multiplier_word_value(word) == value


def test_normalise_multiplier_keeps_the_hedge():
    assert normalise_multiplier("nearly seven times") == (7.0, "nearly")
    assert normalise_multiplier("6.9x") == (6.9, None)
    assert normalise_multiplier("7X") == (7.0, None)
    assert normalise_multiplier("many times") is None
