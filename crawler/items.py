"""What spiders yield. The pipeline stores each kind in its own table."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DocumentItem:
    """A fetched document: a press release, a news article, a filing or one of its exhibits."""

    url: str
    vendor: str | None
    source: str
    kind: str  # press_release | news | filing | exhibit
    text: str
    title: str | None = None
    canonical_url: str | None = None
    published: str | None = None  # ISO date or datetime
    form: str | None = None
    accession: str | None = None
    exhibit: str | None = None  # EX-99.1 ...
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FilingItem:
    """One EDGAR filing of a tracked form, from a submissions JSON."""

    accession: str
    vendor: str
    cik: str
    form: str
    filing_date: str
    items: str | None = None
    report_date: str | None = None
    acceptance_datetime: str | None = None
    primary_document: str | None = None
    index_url: str | None = None


@dataclass
class ReportedValueItem:
    """A batch of XBRL companyfacts values for one vendor (kept as one item: thousands of rows)."""

    vendor: str
    cik: str
    rows: list[dict] = field(default_factory=list)


@dataclass
class FetchErrorItem:
    """A fetch that failed for good (after retries): recorded against its source and run."""

    source: str
    url: str
    reason: str
    status: int | None = None


@dataclass
class SourceSeenItem:
    """A source was read successfully; ``items`` is how many entries it listed."""

    source: str
    url: str
    items: int = 0


@dataclass
class BenchmarkFileItem:
    """A fetched MLPerf Inference summary.csv: parsed and stored by ``evidence.benchmarks.load_summary``."""

    source: str
    url: str
    body: bytes
    round: str | None = None
