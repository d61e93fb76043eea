"""A small chipwatch database with realistic rows in every table, and Datasette over it.

Rows go in through the project's own writers (``data.store``, ``data.facts``,
``data.runs``); only claim groups and stories, which no writer here builds yet,
are inserted with sqlite-utils. The vendors are fictional.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from datasette.app import Datasette

from chipwatch import serve
from chipwatch.registry import Vendor
from data import facts, store
from data.db import open_db
from data.runs import finish_run, start_run

RELEASE_URL = "https://newsroom.lumenar.example/news/lumenar-lx3-wafer-engine"
WIRE_URL = "https://wire.demonewswire.example/news-release/2026/03/10/lumenar-lx3"
WIRE_FETCHED_URL = "http://127.0.0.1:9/wire.demonewswire.example/news-release/2026/03/10/lumenar-lx3"
EXHIBIT_URL = "https://www.sec.gov/Archives/edgar/data/9990001/000999000126000011/lmnr-ex991.htm"
QUILLON_URL = "https://ir.quillon.example/news/quillon-q4-2025-results"

SPEEDUP = "The LX-3 Wafer Engine runs a 70B model 6.9x faster than the leading flagship GPU."
TOKENS = "On the same model it serves up to 1,800 tokens per second per user."
REVENUE = "Quillon reported revenue of $412.5 million for the fourth quarter, up 38% year over year."
ASIC = "The Q7 inference ASIC delivers nearly seven times the throughput per watt of an eight-GPU server."

VENDORS = (
    Vendor(slug="lumenar", name="Lumenar Systems", aliases=("Lumenar",), ticker="LMNR", exchange="Nasdaq",
           cik="0009990001", website="https://www.lumenar.example", founded=2016),
    Vendor(slug="quillon", name="Quillon Semiconductor", aliases=("Quillon",), ticker="QLN", exchange="NYSE",
           cik="0009990002", website="https://www.quillon.example", founded=2012),
)


def _claim(text: str, sentence: str, quote: str, **fields) -> dict:
    start = text.index(quote)
    return {"type": "performance", "quote": quote, "sentence": sentence, "start": start,
            "end": start + len(quote), **fields}


def _figure(text: str, sentence: str, quote: str, **fields) -> dict:
    start = text.index(quote)
    return {"type": "financial", "quote": quote, "sentence": sentence, "start": start,
            "end": start + len(quote), **fields}


def populate(db, *, demo: bool = False) -> dict[str, str]:
    """Fill every table with a few related rows; return the ids tests refer to."""
    store.upsert_vendors(db, VENDORS, demo=demo)
    db["sources"].upsert_all([
        {"id": "lumenar-feed", "vendor": "lumenar", "kind": "feed",
         "url": "https://newsroom.lumenar.example/releases.xml"},
        {"id": "quillon-feed", "vendor": "quillon", "kind": "feed", "url": "https://ir.quillon.example/rss"},
        {"id": "demo-wire", "vendor": None, "kind": "wire", "url": "https://wire.demonewswire.example/rss.xml"},
    ], pk="id")
    ok_run = start_run(db, "crawl", demo=demo)
    store.save_filing(db, {
        "accession": "0009990001-26-000011", "vendor": "lumenar", "cik": "0009990001", "form": "8-K",
        "items": "7.01,9.01", "filing_date": "2026-03-10", "report_date": "2026-03-10",
        "acceptance_datetime": "2026-03-10T16:05:12.000Z", "primary_document": "lmnr-20260310.htm",
        "index_url": "https://www.sec.gov/Archives/edgar/data/9990001/0009990001-26-000011-index.html",
    }, run_id=ok_run)
    release_text = f"SUNNYVALE, Calif., March 10, 2026 -- Lumenar Systems today introduced the LX-3. {SPEEDUP} {TOKENS}"
    wire_text = f"Lumenar Systems (Nasdaq: LMNR) said on Tuesday: {SPEEDUP}"
    exhibit_text = f"Exhibit 99.1. {SPEEDUP} Demo data: fictional company."
    quillon_text = f"SAN JOSE, Calif., Feb. 18, 2026 -- {REVENUE} {ASIC}"
    docs = {
        "release": (RELEASE_URL, "lumenar-feed", "press_release", "Lumenar Unveils the LX-3 Wafer Engine",
                    release_text, "2026-03-10T13:00:00+00:00", {}),
        # fetched from a mirror, naming its canonical URL: links should prefer the canonical one
        "wire": (WIRE_FETCHED_URL, "demo-wire", "news", "Lumenar says LX-3 runs 70B models 6.9x faster", wire_text,
                 "2026-03-10T14:30:00+00:00", {"canonical_url": WIRE_URL}),
        "exhibit": (EXHIBIT_URL, "lumenar-edgar", "filing", "Lumenar 8-K EX-99.1", exhibit_text, "2026-03-10",
                    {"form": "8-K", "accession": "0009990001-26-000011", "exhibit": "EX-99.1"}),
        "quillon": (QUILLON_URL, "quillon-feed", "press_release", "Quillon Reports Fourth Quarter 2025 Results",
                    quillon_text, "2026-02-18T21:05:00+00:00", {}),
    }
    ids = {}
    for key, (url, source, kind, title, text, published, extra) in docs.items():
        vendor = "quillon" if key == "quillon" else "lumenar"
        ids[key], _ = store.save_document(db, {"url": url, "vendor": vendor, "source": source, "kind": kind,
                                               "title": title, "text": text, "published": published, **extra},
                                          run_id=ok_run, demo=demo)
    speedup = {"product": "LX-3 Wafer Engine", "metric": "speed", "value": 6.9, "unit": "x", "direction": "higher",
               "comparator": "leading flagship GPU", "workload": "70B model", "hedge": None}
    for key in ("release", "wire", "exhibit"):
        doc = {"id": ids[key], "vendor": "lumenar", "published": docs[key][5]}
        found = [_claim(docs[key][4], SPEEDUP, "6.9x faster than the leading flagship GPU", **speedup)]
        if key == "release":
            found.append(_claim(release_text, TOKENS, "up to 1,800 tokens per second", product="LX-3 Wafer Engine",
                                metric="throughput", value=1800, unit="tokens/s", direction="higher",
                                hedge="up to", workload="70B model"))
        facts.replace_facts(db, doc, found, "test-1")
    facts.replace_facts(db, {"id": ids["quillon"], "vendor": "quillon", "published": docs["quillon"][5]}, [
        _figure(quillon_text, REVENUE, "revenue of $412.5 million", company="Quillon Semiconductor",
                metric="revenue", value=412_500_000, unit="USD", period="Q4 2025", change="+38% year over year"),
        _figure(quillon_text, REVENUE, "up 38%", company="Quillon Semiconductor", metric="revenue", value=38,
                unit="%", period="Q4 2025"),  # a growth rate: never "the latest revenue"
        _claim(quillon_text, ASIC, "nearly seven times the throughput per watt of an eight-GPU server",
               product="Q7", metric="efficiency", value=7, unit="x", direction="higher",
               comparator="eight-GPU server", hedge="nearly"),
    ], "test-1")
    group = store.short_hash("lumenar", "LX-3 Wafer Engine", "speed", 6.9, "x")
    first_claim = db.execute("select id from claims where document_id = ?", [ids["release"]]).fetchone()[0]
    db["claim_groups"].insert({
        "id": group, "signature": "lumenar|LX-3 Wafer Engine|speed|6.9|x|leading flagship GPU",
        "vendor": "lumenar", "product": "LX-3 Wafer Engine", "metric": "speed", "value": 6.9, "unit": "x",
        "direction": "higher", "comparator": "leading flagship GPU", "workload": "70B model",
        "first_claim": first_claim, "first_document": ids["release"], "first_published": "2026-03-10T13:00:00+00:00",
        "mentions": 3, "documents": 3, "sources": '["lumenar-feed", "demo-wire", "lumenar-edgar"]'})
    db.execute("update claims set claim_group = ? where unit = 'x' and vendor = 'lumenar'", [group])
    db["stories"].insert({"id": "story-lx3", "title": "Lumenar Unveils the LX-3 Wafer Engine",
                          "origin_document": ids["release"], "first_published": "2026-03-10T13:00:00+00:00",
                          "documents": 3, "sources": '["lumenar-feed", "demo-wire", "lumenar-edgar"]'})
    db.execute("update documents set story = 'story-lx3' where vendor = 'lumenar'")
    db.conn.commit()
    store.save_reported_values(db, [
        {"vendor": "quillon", "cik": "0009990002", "taxonomy": "us-gaap", "tag": "Revenues", "metric": "revenue",
         "unit": "USD", "value": 371_200_000.0, "start": "2025-07-01", "end": "2025-09-30", "fy": 2025, "fp": "Q3",
         "form": "10-Q", "filed": "2025-11-06", "frame": "CY2025Q3", "accession": "0009990002-25-000031"},
        {"vendor": "quillon", "cik": "0009990002", "taxonomy": "us-gaap", "tag": "Revenues", "metric": "revenue",
         "unit": "USD", "value": 1_040_100_000.0, "start": "2025-01-01", "end": "2025-09-30", "fy": 2025,
         "fp": "Q3", "form": "10-Q", "filed": "2025-11-06", "frame": None, "accession": "0009990002-25-000031"},
    ])
    finish_run(db, ok_run, status="ok", stats={"spiders": {}}, message="12 requests, 4 new documents")
    failed_run = start_run(db, "crawl", demo=demo)
    store.record_fetch_error(db, run_id=failed_run, source="quillon-feed", url="https://ir.quillon.example/rss",
                             reason="HTTP 503 Service Unavailable", status=503)
    finish_run(db, failed_run, status="failed", errors=1, message="3 requests, 0 new documents, 1 fetch errors")
    ids.update({"group": group, "first_claim": first_claim, "failed_run": str(failed_run)})
    return ids


@pytest.fixture
def sample_db(tmp_path) -> tuple[Path, dict[str, str]]:
    """``(path, ids)`` of a populated non-demo database named chipwatch.db (the name metadata.yml uses)."""
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    ids = populate(db)
    db.close()
    return path, ids


def make_datasette(path: Path) -> Datasette:
    """Datasette in-process, configured exactly like ``chipwatch serve``."""
    return serve.make_datasette(path)


def get(ds: Datasette, path: str):
    """GET ``path`` through Datasette's in-process client."""
    return asyncio.run(ds.client.get(path))


@pytest.fixture
def datasette(sample_db) -> Datasette:
    return make_datasette(sample_db[0])


# Crawled text is untrusted: a page can carry markup, event handlers and javascript: links into any column.
PWN = "window.__pwned = (window.__pwned || 0) + 1"
HOSTILE_TITLE = f"<script>{PWN}</script>Hostile <b>bold</b> title"
HOSTILE_SENTENCE = f'The <img src=x onerror="{PWN}"> HX-1 is 4x faster than a <script>{PWN}</script> GPU.'
HOSTILE_LINK = f"javascript:{PWN}"


def populate_hostile(db) -> dict[str, str]:
    """A vendor, source, document, claims and a figure whose stored text tries to run script."""
    store.upsert_vendors(db, [Vendor(slug="hostile", name=f"Hostile <svg onload=\"{PWN}\">",
                                     website=HOSTILE_LINK)])
    db["sources"].upsert({"id": "hostile-feed", "vendor": "hostile", "kind": "feed", "url": HOSTILE_LINK}, pk="id")
    text = f"{HOSTILE_TITLE}. {HOSTILE_SENTENCE} It draws <a href=\"{HOSTILE_LINK}\">30 W</a> less."
    doc_id, _ = store.save_document(db, {
        "url": "https://hostile.example/news/hx-1", "canonical_url": HOSTILE_LINK, "vendor": "hostile",
        "source": "hostile-feed", "kind": "press_release", "title": HOSTILE_TITLE, "text": text,
        "published": "2026-04-01T09:00:00+00:00"})
    quote = "4x faster than a <script>"
    facts.replace_facts(db, {"id": doc_id, "vendor": "hostile", "published": "2026-04-01T09:00:00+00:00"}, [
        _claim(text, HOSTILE_SENTENCE, quote, product=f"HX-1<img src=x onerror=\"{PWN}\">", metric="speed",
               value=4, unit="x", direction="higher", comparator=f"<script>{PWN}</script> GPU",
               workload=HOSTILE_LINK, hedge="<i onmouseover=\"x\">up to</i>"),
        _claim(text, HOSTILE_SENTENCE, "30 W", product="HX-1", metric="power", value=30, unit="W",
               direction="lower"),
        _figure(text, HOSTILE_SENTENCE, "HX-1", company=HOSTILE_TITLE, metric="revenue", value=1.0, unit="USD",
                period="<script>Q1</script>"),
    ], "test-1")
    db.conn.commit()
    claim = db.execute("select id from claims where document_id = ? and unit = 'x'", [doc_id]).fetchone()[0]
    return {"hostile_document": doc_id, "hostile_claim": claim}
