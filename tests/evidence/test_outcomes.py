"""Outcome rules: a match is rounding to the stated precision; guidance is a range, beaten above it."""

from __future__ import annotations

import pytest

from evidence.outcomes import against_filing, against_guidance


def test_a_match_is_within_the_stated_precision_and_keeps_the_ratio():
    assert against_filing(22.1e9, 22.103e9, 0.05e9) == ("match", pytest.approx(1.000136, abs=1e-6))
    assert against_filing(22.1e9, 22.2e9, 0.05e9)[0] == "differs"


def test_a_zero_quote_has_no_ratio():
    assert against_filing(0.0, 0.0, 0.0) == ("match", None)


@pytest.mark.parametrize(("low", "high", "actual", "tolerance", "outcome"), [
    (430e6, 450e6, 457.2e6, 0.0, "beat"),
    (430e6, 450e6, 440.0e6, 0.0, "met"),
    (430e6, 450e6, 450.0e6, 0.0, "met"),    # the top of the range is still met
    (430e6, 450e6, 429.9e6, 0.0, "missed"),
    (22e9, None, 22.4e9, 0.5e9, "met"),     # "$22 billion" covers 21.5 to 22.5
    (22.0e9, None, 22.4e9, 0.05e9, "beat"),  # "$22.0 billion" does not
])
def test_guidance_against_the_actual(low, high, actual, tolerance, outcome):
    assert against_guidance(low, high, actual, tolerance) == outcome
