"""Parse ``data.sec.gov/submissions`` JSON: a company's filings as rows, tolerant of field drift.

The filing list is *columnar*: ``filings.recent`` holds parallel arrays
(``accessionNumber[i]``, ``form[i]``, ``filingDate[i]`` ...) that are zipped by
index. Older filings live in ``filings.files[]`` pages, each a *flat* object of
the same arrays. The key set drifts between captures (``core_type``,
``isXBRLNumeric``, ``ownerOrg`` come and go; ``cik`` is a padded string, an
unpadded string or an int), so everything but accession, form and filing date
is optional. Problems that lose data are returned as messages, never raised,
so one odd row does not hide a company's other filings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Forms whose documents we fetch: current/periodic reports, IPO registration and prospectus,
# and the foreign-private-issuer equivalents (6-K, 20-F, F-1).
TRACKED_FORMS = frozenset({"8-K", "10-K", "10-Q", "S-1", "S-1/A", "424B4", "6-K", "20-F", "F-1"})
REQUIRED_COLUMNS = ("accessionNumber", "form", "filingDate")


class EdgarFormatError(ValueError):
    """The JSON is not an EDGAR submissions object (no filing arrays at all)."""


@dataclass(frozen=True)
class FilingRow:
    """One filing from the columnar arrays."""

    accession: str
    form: str
    filing_date: str  # YYYY-MM-DD
    report_date: str | None = None
    acceptance_datetime: str | None = None
    items: str | None = None  # "2.02,9.01" for an 8-K; None when the array is missing or empty
    primary_document: str | None = None
    primary_description: str | None = None


@dataclass(frozen=True)
class FilesPage:
    """An entry of ``filings.files[]``: an older page of filings and the dates it spans."""

    name: str
    filing_count: int | None = None
    filing_from: str | None = None
    filing_to: str | None = None

    def may_hold_since(self, since: date) -> bool:
        """True when the page can hold filings on or after ``since`` (no ``filingTo`` = cannot rule out)."""
        return not self.filing_to or self.filing_to[:10] >= since.isoformat()


@dataclass
class Submissions:
    """What one submissions JSON (or one ``files[]`` page) says."""

    cik: str | None
    name: str | None
    filings: list[FilingRow] = field(default_factory=list)
    pages: list[FilesPage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def tracked_since(self, since: date, forms: frozenset[str] = TRACKED_FORMS) -> list[FilingRow]:
        """Filings of ``forms`` filed on or after ``since``, oldest first."""
        horizon = since.isoformat()
        rows = [f for f in self.filings if f.form in forms and f.filing_date >= horizon]
        return sorted(rows, key=lambda f: (f.filing_date, f.accession))


def normalise_cik(value: Any) -> str | None:
    """Any of EDGAR's CIK spellings as 10 digits: ``"0001045810"``, ``"320193"``, ``320193`` -> padded.

    >>> normalise_cik(320193)
    '0000320193'
    """
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    return f"{int(text):010d}" if text.isdigit() and len(text) <= 10 else None


def parse_submissions(data: Any) -> Submissions:
    """Parse a submissions JSON, or a flat ``files[]`` page, into :class:`Submissions`.

    Raises :class:`EdgarFormatError` when there is no filing list at all.
    """
    if not isinstance(data, dict):
        raise EdgarFormatError(f"expected a JSON object, got {type(data).__name__}")
    filings = data.get("filings")
    if isinstance(filings, dict):
        columns, where, files = filings.get("recent"), "filings.recent", filings.get("files")
    elif "accessionNumber" in data:  # a files[] page: the arrays at the top level
        columns, where, files = data, "page", []
    else:
        raise EdgarFormatError("no filings.recent and no accessionNumber array")
    result = Submissions(cik=normalise_cik(data.get("cik")), name=_text(data.get("name")))
    if not isinstance(columns, dict):
        raise EdgarFormatError(f"{where} is missing or not an object")
    result.filings, result.problems = parse_columns(columns, where)
    result.pages, page_problems = parse_files(files)
    result.problems += page_problems
    return result


def parse_columns(columns: dict[str, Any], where: str = "filings.recent") -> tuple[list[FilingRow], list[str]]:
    """Zip the parallel arrays into rows; return ``(rows, problems)``."""
    missing = [k for k in REQUIRED_COLUMNS if not isinstance(columns.get(k), list)]
    if missing:
        return [], [f"{where} has no {', '.join(missing)} array"]
    count = len(columns["accessionNumber"])
    problems = [f"{where}.{key} has {len(values)} entries, accessionNumber has {count}"
                for key, values in columns.items() if isinstance(values, list) and len(values) != count]
    rows = []
    for i in range(count):
        row = _row(columns, i)
        if row is None:
            problems.append(f"{where}[{i}] lacks a valid accession number, form or filing date")
        else:
            rows.append(row)
    return rows, problems


def parse_files(files: Any) -> tuple[list[FilesPage], list[str]]:
    """Parse ``filings.files[]``; return ``(pages, problems)``. ``None`` or ``[]`` means no pages."""
    if not files:
        return [], []
    if not isinstance(files, list):
        return [], [f"filings.files is {type(files).__name__}, not a list"]
    pages, problems = [], []
    for i, entry in enumerate(files):
        name = _text(entry.get("name")) if isinstance(entry, dict) else None
        if not name or "/" in name:
            problems.append(f"filings.files[{i}] has no usable name")
            continue
        count = entry.get("filingCount")
        pages.append(FilesPage(name=name, filing_count=count if isinstance(count, int) else None,
                               filing_from=_date(entry.get("filingFrom")), filing_to=_date(entry.get("filingTo"))))
    return pages, problems


def _row(columns: dict[str, Any], i: int) -> FilingRow | None:
    accession = _cell(columns, "accessionNumber", i)
    form = _cell(columns, "form", i)
    filed = _date(_cell(columns, "filingDate", i))
    if not (accession and form and filed and _is_accession(accession)):
        return None
    return FilingRow(
        accession=accession, form=form, filing_date=filed,
        report_date=_date(_cell(columns, "reportDate", i)),
        acceptance_datetime=_cell(columns, "acceptanceDateTime", i),
        items=_cell(columns, "items", i),
        primary_document=_cell(columns, "primaryDocument", i),
        primary_description=_cell(columns, "primaryDocDescription", i),
    )


def _cell(columns: dict[str, Any], key: str, i: int) -> str | None:
    values = columns.get(key)
    if not isinstance(values, list) or i >= len(values):
        return None
    return _text(values[i])


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _date(value: Any) -> str | None:
    """``"2026-03-04"`` or ``"2026-03-04T00:00:00.000Z"`` -> ``"2026-03-04"``; anything else -> None."""
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _is_accession(value: str) -> bool:
    """``0001045810-26-000024``: 10 digits, 2 digits, 6 digits."""
    parts = value.split("-")
    return [len(p) for p in parts] == [10, 2, 6] and all(p.isdigit() for p in parts)
