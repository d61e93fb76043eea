"""A chipwatch database built through the project's own store functions, with invented vendors.

Nimbus Silicon files XBRL and its fiscal year ends late January (52/53 weeks: FY2026 ends
Sunday 1 February 2026); Corvid Logic files on the calendar year; Quillon is private and files
nothing. Their companyfacts are ``tests/fixtures/evidence/companyfacts_*.json``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from chipwatch.registry import Vendor
from crawler.edgar.xbrl import reported_rows
from data import store
from data.db import open_db
from data.facts import replace_facts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "evidence"
VENDORS = [
    Vendor(slug="nimbus", name="Nimbus Silicon", ticker="NMBS", cik="0009990001", fiscal_year_end="0131"),
    Vendor(slug="corvid", name="Corvid Logic", ticker="CRVD", cik="0009990002", fiscal_year_end="1231"),
    Vendor(slug="quillon", name="Quillon", fiscal_year_end="1231"),
]


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "chipwatch.db")
    store.upsert_vendors(database, VENDORS)
    for vendor in ("nimbus", "corvid"):
        data = json.loads((FIXTURES / f"companyfacts_{vendor}.json").read_text(encoding="utf-8"))
        cik = next(v.cik for v in VENDORS if v.slug == vendor)
        rows, problems = reported_rows(data, vendor=vendor, cik=cik, since=date(2025, 1, 1))
        assert not problems
        store.save_reported_values(database, rows)
    return database


@pytest.fixture
def add_figures(db):
    """``add_figures(vendor, [(quote, metric, value, unit, period), ...])``: one press release of figures,
    stored as the extractor stores them; returns their ids in order."""
    def add(vendor: str, figures: list[tuple], *, url: str | None = None, published: str = "2025-11-19") -> list[str]:
        text = " ".join(f[0] for f in figures)
        doc = {"url": url or f"https://{vendor}.example.com/news/{published}", "vendor": vendor,
               "source": f"{vendor}-news", "kind": "press_release", "title": "Results",
               "published": published, "text": text}
        doc_id, _ = store.save_document(db, doc)
        facts, offset = [], 0
        for quote, metric, value, unit, period, *high in figures:
            facts.append({"type": "financial", "metric": metric, "value": value, "value_high": high[0] if high else None,
                          "unit": unit, "period": period, "quote": quote, "sentence": quote, "company": vendor,
                          "start": offset, "end": offset + len(quote)})
            offset += len(quote) + 1
        replace_facts(db, {"id": doc_id, **doc}, facts, "test")
        return [row["id"] for row in db.query("select id from figures where document_id = ? order by start", [doc_id])]
    return add
