"""What the database already holds, read for the crawler so a re-run fetches only what is new.

Read-only: every query the spiders need lives here, so ``crawler/`` holds no SQL.
``data.store`` writes; this module only reads.
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils
from w3lib.url import canonicalize_url


def url_key(url: str) -> str:
    """The spelling-independent key of a URL (query order, fragments and escapes normalised)."""
    return canonicalize_url(url, keep_fragments=False)


class SeenSet:
    """Stored document URLs (as fetched and canonical) with when they were fetched.

    >>> seen = SeenSet({url_key("https://a.test/n?b=2&a=1"): None})
    >>> seen.needs_fetch("https://a.test/n?a=1&b=2"), seen.needs_fetch("https://a.test/other")
    (False, True)
    """

    def __init__(self, fetched: dict[str, datetime | None]):
        self.fetched = fetched

    @classmethod
    def load(cls, db: sqlite_utils.Database) -> SeenSet:
        fetched: dict[str, datetime | None] = {}
        for url, canonical, at in db.execute("select url, canonical_url, fetched_at from documents"):
            moment = _moment(at)
            for known in (url, canonical):
                if known:
                    fetched[url_key(known)] = moment
        return cls(fetched)

    def needs_fetch(self, url: str, changed_at: datetime | None = None) -> bool:
        """True for a new URL, or a stored one whose ``changed_at`` (modDate, lastmod) is after its fetch."""
        key = url_key(url)
        if key not in self.fetched:
            return True
        fetched_at = self.fetched[key]
        return bool(changed_at and fetched_at and changed_at > fetched_at)

    def add(self, url: str) -> None:
        self.fetched.setdefault(url_key(url), None)


def known_accessions(db: sqlite_utils.Database, vendor: str) -> set[str]:
    """Accessions whose documents were all fetched (the filing row is written last)."""
    return {r[0] for r in db.execute("select accession from filings where vendor = ?", [vendor]).fetchall()}


def validators(db: sqlite_utils.Database, url: str) -> dict[str, str]:
    """Stored ETag / Last-Modified for ``url``, as headers for a conditional request."""
    row = db.execute("select etag, last_modified from documents where url = ?", [url]).fetchone()
    if not row:
        return {}
    headers = {}
    if row[0]:
        headers["If-None-Match"] = row[0]
    if row[1]:
        headers["If-Modified-Since"] = row[1]
    return headers


def latest_reported_filing(db: sqlite_utils.Database, vendor: str) -> str | None:
    """Filing date of the newest filing the vendor's stored XBRL values came from, if any."""
    row = db.execute("select max(filed) from reported_values where vendor = ?", [vendor]).fetchone()
    return row[0] if row else None


def last_clean_reads(db: sqlite_utils.Database) -> dict[str, datetime]:
    """Per source, when it was last read in a run that recorded no fetch error for it."""
    rows = db.execute(
        "select id, last_ok from sources where last_ok is not null and last_status = 'ok' and last_run is not null"
        " and not exists (select 1 from fetch_errors e where e.source = sources.id and e.run = sources.last_run)")
    reads = {}
    for source_id, last_ok in rows:
        moment = _moment(last_ok)
        if moment is not None:
            reads[source_id] = moment
    return reads


def _moment(value: str | None) -> datetime | None:
    """A stored timestamp (``data.runs.now()``: ISO 8601 with its UTC offset) as an aware datetime."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None
