"""The precision a quote states: half a unit of its last written digit."""

from __future__ import annotations

import pytest

from evidence.precision import stated_tolerance, within


@pytest.mark.parametrize(("quote", "value", "tolerance"), [
    ("$22.1 billion", 22.1e9, 0.05e9),
    ("revenue of $22.10 billion, up 12%", 22.1e9, 0.005e9),
    ("$812 million", 812e6, 0.5e6),
    ("5.2 mln dlrs", 5.2e6, 0.05e6),
    ("$0.89 per diluted share", 0.89, 0.005),
    ("gross margin was 72.4%", 72.4, 0.05),
    ("a loss of $1.5 billion", -1.5e9, 0.05e9),
])
def test_the_last_written_digit_sets_the_tolerance(quote, value, tolerance):
    assert stated_tolerance(quote, value) == pytest.approx(tolerance)


def test_without_the_number_in_the_quote_the_value_digits_count():
    assert stated_tolerance("in millions: 22,103", 22_103e6) == pytest.approx(0.5e6)
    assert stated_tolerance(None, 1.25e9) == pytest.approx(0.005e9)


def test_the_year_in_a_quote_is_not_taken_for_the_figure():
    assert stated_tolerance("quarter ended January 26, 2025, of $39.3 billion", 39.3e9) == pytest.approx(0.05e9)


def test_within_is_inclusive_at_the_rounding_edge():
    assert within(22.1e9, 22.15e9, 0.05e9)
    assert not within(22.1e9, 22.151e9, 0.05e9)
