"""A figure's period label ("Q4 FY2025", "FY2025", "H1 2026") as calendar dates, read against the
vendor's fiscal calendar (``vendors.fiscal_year_end``, MMDD).

Fiscal year N ends in calendar year N on the fiscal year end's month and day; quarters end three
months apart before it. 52/53-week filers end on a nearby weekday, so matching allows a tolerance.

>>> fiscal_period("Q4 FY2025", "0126")
Period(label='Q4 FY2025', start=datetime.date(2024, 10, 27), end=datetime.date(2025, 1, 26), months=3)
>>> fiscal_period("Q1 2026", "0126").end
datetime.date(2026, 3, 31)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_LABEL = re.compile(r"^(?:(?P<part>Q[1-4]|H[12]|9M)\s+)?(?P<fiscal>FY)?(?P<year>(?:19|20)\d\d)$")
_MONTHS = {"Q1": (3, 3), "Q2": (6, 3), "Q3": (9, 3), "Q4": (12, 3), "H1": (6, 6), "H2": (12, 6),
           "9M": (9, 9), None: (12, 12)}  # part -> (months from the year's start to its end, length)


@dataclass(frozen=True)
class Period:
    """The dates a figure's period covers; ``months`` is its length (3 for a quarter, 12 for a year)."""

    label: str
    start: date
    end: date
    months: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def fiscal_period(label: str | None, fiscal_year_end: str | None) -> Period | None:
    """The Period a label names, or None for labels that name no year ("Q1", "August", "last quarter").

    A label with "FY" is fiscal and needs ``fiscal_year_end``; one without ("Q1 2026") is calendar.
    """
    m = _LABEL.match((label or "").strip())
    if not m:
        return None
    year, part = int(m.group("year")), m.group("part")
    year_end = _fiscal_year_end(year, fiscal_year_end) if m.group("fiscal") else date(year, 12, 31)
    if year_end is None:
        return None
    offset, months = _MONTHS[part]
    end = _months_after(year_end, offset - 12)
    start = _months_after(end, -months) + timedelta(days=1)
    return Period(label, start, end, months)


def _fiscal_year_end(year: int, mmdd: str | None) -> date | None:
    if not (mmdd and len(mmdd) == 4 and mmdd.isdigit()):
        return None
    month, day = int(mmdd[:2]), int(mmdd[2:])
    if not 1 <= month <= 12:
        return None
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _months_after(day: date, months: int) -> date:
    """``day`` moved by ``months``; a month-end stays a month-end (Mar 31 - 3 months = Dec 31)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_end else min(day.day, last))
