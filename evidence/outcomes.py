"""Outcomes of a check: a quoted figure against the filed value, guidance against the actual.

>>> against_filing(22.1e9, 22.103e9, 0.05e9)
('match', 1.000136)
>>> against_guidance(43.0e9, None, 44.1e9, 0.86e9)
'beat'
"""

from __future__ import annotations

from evidence.precision import within

MATCH, DIFFERS, NO_FILING, NOT_COMPARABLE = "match", "differs", "no filing yet", "not comparable"
BEAT, MET, MISSED = "beat", "met", "missed"
OUTCOMES = (MATCH, DIFFERS, NO_FILING, NOT_COMPARABLE, BEAT, MET, MISSED)


def against_filing(quoted: float, filed: float, tolerance: float) -> tuple[str, float | None]:
    """``(match|differs, filed / quoted)``: a match when the filed value rounds to the quoted one."""
    ratio = round(filed / quoted, 6) if quoted else None
    return (MATCH if within(quoted, filed, tolerance) else DIFFERS), ratio


def against_guidance(low: float, high: float | None, actual: float, tolerance: float) -> str:
    """``beat`` above the guided range, ``missed`` below it, ``met`` inside it.

    A single guided number is a range of its stated precision ("$43.0 billion" is 42.95-43.05).
    """
    high = low if high is None else high
    if actual > high + tolerance:
        return BEAT
    if actual < low - tolerance:
        return MISSED
    return MET
