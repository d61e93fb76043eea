"""Numbers as written in chip-vendor prose: digits, words, scales and multiplier words.

Pure functions, no spaCy: ``parse_number("1,440")`` -> 1440.0, ``parse_number("8-1/8")`` -> 8.125,
``parse_number("seven")`` -> 7.0, ``scale_factor("bn")`` -> 1e9,
``normalise_multiplier("nearly seven times")`` -> (7.0, "nearly").
"""

from __future__ import annotations

import re

WORD_NUMBERS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}

SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mil": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tln": 1e12, "tn": 1e12, "quadrillion": 1e15,
    "billion billion": 1e18,
}

# Multiplier words and what they mean: "twice" is 2 x, "half" is 0.5 x, "one-third" is 0.333 x.
MULTIPLIER_WORDS: dict[str, float] = {
    "twice": 2, "double": 2, "doubles": 2, "doubled": 2, "doubling": 2,
    "triple": 3, "triples": 3, "tripled": 3, "tripling": 3, "thrice": 3,
    "quadruple": 4, "quadruples": 4, "quadrupled": 4, "quadrupling": 4,
    "half": 0.5, "one-half": 0.5, "one-third": 0.333, "a third": 0.333, "two-thirds": 0.667,
    "one-quarter": 0.25, "a quarter": 0.25, "three-quarters": 0.75,
}

_DIGITS = re.compile(r"^(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?P<frac>\.[0-9]+)?(?:-(?P<n>[0-9])/(?P<d>[0-9]{1,2}))?$")


def parse_number(text: str) -> float | None:
    """The value of a written number, or None when ``text`` is not one.

    >>> parse_number("1,804,062"), parse_number("8-1/8"), parse_number("Seven")
    (1804062.0, 8.125, 7.0)
    """
    text = text.strip()
    word = WORD_NUMBERS.get(text.lower())
    if word is not None:
        return float(word)
    match = _DIGITS.match(text)
    if not match or not (match.group("int") or match.group("frac")):
        return None
    value = float((match.group("int") or "0").replace(",", "") + (match.group("frac") or ""))
    if match.group("n"):
        denominator = int(match.group("d"))
        if denominator == 0:
            return None
        value += int(match.group("n")) / denominator
    return value


def scale_factor(word: str | None) -> float:
    """The factor of a scale word ("bn" -> 1e9); 1.0 for None or an unknown word."""
    if not word:
        return 1.0
    return SCALES.get(" ".join(word.lower().replace("-", " ").split()), 1.0)


def multiplier_word_value(word: str) -> float | None:
    """The value of a multiplier word ("twice" -> 2.0, "five-fold" -> 5.0), or None.

    >>> multiplier_word_value("five-fold"), multiplier_word_value("one-third")
    (5.0, 0.333)
    """
    key = " ".join(word.lower().split())
    if key in MULTIPLIER_WORDS:
        return float(MULTIPLIER_WORDS[key])
    match = re.match(r"^(\w+)[- ]?fold$", key)
    if match:
        return parse_number(match.group(1))
    return None


_HEDGED_TIMES = re.compile(
    r"^(?:(?P<hedge>nearly|almost|about|roughly|around|up to|more than|over|approximately)\s+)?"
    r"(?P<num>[\w.,-]+)\s*(?:x|×|times)\b", re.IGNORECASE)


def normalise_multiplier(text: str) -> tuple[float, str | None] | None:
    """A multiplier phrase as ``(value, hedge)``: "nearly seven times" -> (7.0, "nearly"), "6.9x" -> (6.9, None).

    >>> normalise_multiplier("twice")
    (2.0, None)
    """
    word = multiplier_word_value(text)
    if word is not None:
        return word, None
    match = _HEDGED_TIMES.match(text.strip())
    if not match:
        return None
    value = parse_number(match.group("num"))
    if value is None:
        return None
    hedge = match.group("hedge")
    return value, hedge.lower() if hedge else None


def format_number(value: float) -> str:
    """A compact display of a value: 7.0 -> "7", 6.9 -> "6.9"."""
    return f"{value:g}"
