"""How precisely a quoted figure is stated, so "$22.1 billion" matches a filed 22,103 million.

A quote's last written digit sets the tolerance: half a unit of it, times the scale word
("billion", "mln"). Without a quote, the stored value's significant digits stand in.

>>> stated_tolerance("$22.1 billion", 22.1e9)
50000000.0
>>> stated_tolerance("$0.89 per diluted share", 0.89)
0.005
>>> stated_tolerance(None, 1_250_000_000.0)
5000000.0
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?\s*(?P<scale>[a-z]+)?", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
           "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}


def stated_tolerance(quote: str | None, value: float) -> float:
    """Half a unit of the last digit the quote states, in the value's own units."""
    m = figure_number(quote, value)
    if m is None:
        return _tolerance_from_value(value)
    decimals = len(m.group("dec") or "")
    scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
    return 0.5 * 10 ** -decimals * scale


def within(quoted: float, filed: float, tolerance: float) -> bool:
    """Whether ``filed`` rounds to ``quoted`` at the stated precision (a hair of float slack)."""
    return abs(quoted - filed) <= tolerance * (1 + 1e-9)


def figure_number(quote: str | None, value: float) -> re.Match | None:
    """The number in the quote that is the figure (its magnitude agrees with ``value``), if any."""
    for m in _NUMBER.finditer(quote or ""):
        number = float(m.group("int").replace(",", "") + "." + (m.group("dec") or "0"))
        scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
        if value and abs(abs(value) - number * scale) <= abs(value) * 1e-6:
            return m
    return None  # e.g. a table "in millions": the value's own digits say how precise it is


def _tolerance_from_value(value: float) -> float:
    if not value:
        return 0.0
    digits = f"{abs(value):.12g}".replace(".", "").rstrip("0").lstrip("0")
    magnitude = math.floor(math.log10(abs(value)))
    return 0.5 * 10 ** (magnitude - max(len(digits), 1) + 1)
