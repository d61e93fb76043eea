"""Find the filed XBRL fact for a period in ``reported_values``.

companyfacts repeats a period's value in every later filing that shows it as a comparative, so
one period has several facts; the earliest filed is "as first reported", the latest shows a
restatement. Q4 is rarely filed on its own (the 10-K reports the year), so an additive Q4 is
derived as the year minus the nine months to Q3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlite_utils

from evidence.periods import Period


@dataclass(frozen=True)
class FiledValue:
    """A value as filed: ``value`` as first reported, ``latest`` as last re-filed."""

    value: float
    latest: float
    taxonomy: str
    tag: str
    unit: str
    start: str | None
    end: str
    filed: str
    accession: str | None
    fact_id: str
    derived: str | None = None


def find_filed(db: sqlite_utils.Database, vendor: str, concepts, unit: str, period: Period, *,
               instant: bool = False, tolerance: int = 10, derive_q4: bool = True) -> FiledValue | None:
    """The first concept in ``concepts`` with a fact for ``period``; None when nothing is filed.

    ``derive_q4`` allows "FY minus 9M" for a fourth quarter (amounts, not per-share figures).
    """
    for taxonomy, tag in concepts:
        facts = _facts(db, vendor, taxonomy, tag, unit)
        found = _for_period(facts, period, instant, tolerance)
        if found is None and derive_q4 and not instant and period.months == 3 and period.label.startswith("Q4"):
            found = _derived_q4(facts, period, tolerance)
        if found is not None:
            return found
    return None


def _facts(db, vendor: str, taxonomy: str, tag: str, unit: str) -> list[dict]:
    return list(db.query(
        "select * from reported_values where vendor = ? and taxonomy = ? and tag = ? and unit = ? "
        "order by filed, accession", [vendor, taxonomy, tag, unit]))


def _for_period(facts: list[dict], period: Period, instant: bool, tolerance: int) -> FiledValue | None:
    matching = [f for f in facts if _covers(f, period, instant, tolerance)]
    if not matching:
        return None
    first, last = matching[0], matching[-1]
    return FiledValue(first["value"], last["value"], first["taxonomy"], first["tag"], first["unit"],
                      first["start"], first["end"], first["filed"], first["accession"], first["id"])


def _covers(fact: dict, period: Period, instant: bool, tolerance: int) -> bool:
    if not _near(fact["end"], period.end, tolerance):
        return False
    if instant:
        return not fact["start"]
    return bool(fact["start"]) and _near(fact["start"], period.start, tolerance)


def _near(day: str | None, expected: date, tolerance: int) -> bool:
    try:
        return abs((date.fromisoformat(str(day)[:10]) - expected).days) <= tolerance
    except ValueError:
        return False


def _derived_q4(facts: list[dict], period: Period, tolerance: int) -> FiledValue | None:
    year_start = period.start - timedelta(days=273)  # nine months before Q4 starts
    year = _for_period(facts, Period(period.label, year_start, period.end, 12), False, tolerance + 7)
    nine = _for_period(facts, Period(period.label, year_start, period.start - timedelta(days=1), 9), False,
                       tolerance + 7)
    if year is None or nine is None:
        return None
    return FiledValue(year.value - nine.value, year.latest - nine.latest, year.taxonomy, year.tag, year.unit,
                      period.start.isoformat(), year.end, year.filed, year.accession, year.fact_id,
                      derived=f"FY {year.value:g} minus 9M {nine.value:g}")
