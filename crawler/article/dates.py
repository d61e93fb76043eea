"""Dates in every shape newsrooms write them, and the publication date of a page.

Feeds use RFC 822 (``Tue, 02 Dec 2025 09:00:00 GMT``, sometimes with a
two-digit year: ``Mon, 08 Jun 26``), Atom and meta tags ISO 8601, pages and
datelines ``March 3, 2026`` or ``Mar. 3, 2026``. A parsed value is a
timezone-aware ``datetime`` (UTC when the source gives no zone) or a ``date``
when the source gives no time.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, date, datetime, time, timedelta

EARLIEST_YEAR = 1970  # no vendor we track published before this; a floor when `founded` is unknown
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MONTH_FIRST = re.compile(MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I)
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})\s+" + MONTH + r",?\s+(?P<year>\d{4})", re.I)
_ISO_DAY = re.compile(r"^(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})$")
_RFC822 = re.compile(r"^\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}")

Published = datetime | date


def parse_date(value: str | None) -> Published | None:
    """Parse one date string in any format we meet; ``None`` when it is not a date.

    >>> parse_date("Mon, 08 Jun 26 09:00:00 GMT")
    datetime.datetime(2026, 6, 8, 9, 0, tzinfo=datetime.timezone.utc)
    >>> parse_date("March 3, 2026")
    datetime.date(2026, 3, 3)
    """
    if not value or not value.strip():
        return None
    value = " ".join(value.split())
    for parser in (_parse_iso, _parse_rfc822, _parse_words):
        parsed = parser(value)
        if parsed is not None:
            return parsed
    return None


def _parse_iso(value: str) -> Published | None:
    match = _ISO_DAY.match(value)
    if match:
        return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_rfc822(value: str) -> datetime | None:
    if not _RFC822.match(value):
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)  # also widens two-digit years
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_words(value: str) -> date | None:
    match = _MONTH_FIRST.search(value) or _DAY_FIRST.search(value)
    if not match:
        return None
    return _safe_date(int(match["year"]), _MONTHS[match["month"][:3].lower()], int(match["day"]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_of(value: Published) -> date:
    """The calendar day of a parsed value (UTC for datetimes)."""
    return value.astimezone(UTC).date() if isinstance(value, datetime) else value


def latest_moment(value: Published) -> datetime:
    """The latest instant ``value`` can mean: a bare date stands for the end of that day (UTC)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time.max, tzinfo=UTC)


def iso(value: Published) -> str:
    """ISO text for storage: ``2026-03-03T14:00:00+00:00`` (UTC) or ``2026-03-03``."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(microsecond=0).isoformat()
    return value.isoformat()


def plausible(value: Published, *, founded: int | None = None, now: datetime | None = None) -> bool:
    """Neither in the future (a day of slack for time zones) nor before the vendor existed."""
    now = now or datetime.now(UTC)
    if day_of(value) > (now + timedelta(days=1)).date():
        return False
    return day_of(value).year >= max(founded or EARLIEST_YEAR, EARLIEST_YEAR)


# --- dates written in pages -----------------------------------------------------------------

_WIRE_MARK = r"(?:--|\u2014|\u2013|/\s*PRNewswire\s*/|\(\s*GLOBE NEWSWIRE\s*\)|\(\s*BUSINESS WIRE\s*\))"
# "SANTA CLARA, Calif., Feb. 26, 2025 --", "HSINCHU, Taiwan, R.O.C., Jan. 16, 2026 –", "SAN JOSE, Calif. – March 18, 2026 –"
_DATELINE = re.compile(
    r"[A-Z][A-Za-z.\-' ]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,15}){0,2}(?:,|\s+(?:--|\u2014|\u2013|-))\s+" + MONTH
    + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\s*" + _WIRE_MARK)
_URL_DAY = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?!\d)")
_URL_STAMP = re.compile(r"/(?P<year>20\d{2})(?P<month>\d{2})(?P<day>\d{2})\d{0,8}/")


def dateline_date(text: str) -> date | None:
    """The date in a press-release dateline near the start of ``text``.

    >>> dateline_date("SUNNYVALE, Calif., March 3, 2026 -- Today Acme ...")
    datetime.date(2026, 3, 3)
    >>> dateline_date("HSINCHU, Taiwan, R.O.C., Jan. 16, 2026 \u2013 Acme today ...")
    datetime.date(2026, 1, 16)
    """
    match = _DATELINE.search(text[:3000])
    if not match:
        return None
    return _safe_date(int(match["year"]), _MONTHS[match["month"][:3].lower()], int(match["day"]))


def url_date(url: str) -> date | None:
    """A date spelled in a URL path: ``/2026/03/03/``, ``/2026-3-3-slug``, Business Wire's ``/20260303005123/``."""
    match = _URL_DAY.search(url) or _URL_STAMP.search(url)
    if not match:
        return None
    return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
