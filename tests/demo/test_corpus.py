"""The bundled demo corpus is well-formed: real EDGAR shapes, parseable feeds, no dangling links, demo-marked.

The key sets below were read off the real samples in shared/realdata (NVIDIA's
2026 submissions JSON, a companyfacts capture, an ``index.json`` listing).
"""

from __future__ import annotations

import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from chipwatch.demo import DEMO_SITE, DEMO_SOURCES, demo_env, start_demo_server
from chipwatch.registry import load_registry
from demo.build import site_files, stale_files
from demo.corpus import load_corpus

SUBMISSIONS_KEYS = {
    "cik", "entityType", "sic", "sicDescription", "ownerOrg", "insiderTransactionForOwnerExists",
    "insiderTransactionForIssuerExists", "name", "tickers", "exchanges", "ein", "lei", "description", "website",
    "investorWebsite", "category", "fiscalYearEnd", "stateOfIncorporation", "stateOfIncorporationDescription",
    "addresses", "phone", "flags", "formerNames", "filings",
}
RECENT_KEYS = {
    "accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "act", "form", "fileNumber", "filmNumber",
    "items", "core_type", "size", "isXBRL", "isInlineXBRL", "primaryDocument", "primaryDocDescription",
}
ADDRESS_KEYS = {"street1", "street2", "city", "stateOrCountry", "zipCode", "stateOrCountryDescription",
                "isForeignLocation", "foreignStateTerritory", "country", "countryCode"}
FACT_KEYS = {"end", "val", "accn", "fy", "fp", "form", "filed"}
BASE = "http://127.0.0.1:9/"  # any base: feed links are relative to the feed
SUBMISSIONS = sorted((DEMO_SITE / "data.sec.gov" / "submissions").glob("CIK*.json"))
FEEDS = ["newsroom.lumenar.example/releases.xml", "ir.quillon.example/news-events/press-releases/rss",
         "news.meridianmemory.example/feed/", "wire.demonewswire.example/rss/technology.xml"]
DEMO_MARK = "Demo data: fictional company"


def tree_file(url_path: str) -> Path:
    """The file the replay server answers ``/<host>/<path>`` with (a directory gives its index file)."""
    path = DEMO_SITE / url_path.lstrip("/")
    if path.is_dir():
        path = next(path / n for n in ("index.html", "index.xml", "index.json") if (path / n).is_file())
    return path


def recent_rows(path: Path) -> list[dict]:
    recent = json.loads(path.read_text())["filings"]["recent"]
    return [dict(zip(recent, values, strict=True)) for values in zip(*recent.values(), strict=True)]


def test_site_is_generated_from_the_corpus():
    assert stale_files(site_files(load_corpus()), DEMO_SITE) == [], "run: python -m demo.build"


def test_corpus_entries_use_only_known_fields():
    """A typo (or an unquoted comma in a YAML flow mapping) would otherwise vanish silently."""
    corpus = load_corpus()
    for company in corpus.companies.values():
        for filing in company["filings"]:
            for doc in filing["documents"]:
                assert set(doc) <= {"file", "type", "description", "release", "heading", "paragraphs"}, doc
                assert doc.get("release") is None or doc["release"] in corpus.releases
    for release_id, release in corpus.releases.items():
        assert set(release) <= {"vendor", "issuer", "ticker", "title", "published", "modified", "city", "date_text",
                                "summary", "highlights", "paragraphs", "contacts"}, release_id


def test_three_fictional_vendors_with_invented_ciks():
    assert [p.name for p in SUBMISSIONS] == ["CIK0009990001.json", "CIK0009990002.json", "CIK0009990003.json"]


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.stem)
def test_submissions_have_the_real_shape(path):
    data = json.loads(path.read_text())
    assert set(data) == SUBMISSIONS_KEYS
    assert re.fullmatch(r"\d{10}", data["cik"]) and path.stem == f"CIK{data['cik']}"
    assert set(data["filings"]) == {"recent", "files"} and data["filings"]["files"] == []
    assert set(data["addresses"]) == {"mailing", "business"}
    assert all(set(a) == ADDRESS_KEYS for a in data["addresses"].values())
    recent = data["filings"]["recent"]
    assert set(recent) == RECENT_KEYS
    assert len({len(column) for column in recent.values()}) == 1
    rows = recent_rows(path)
    assert [r["filingDate"] for r in rows] == sorted((r["filingDate"] for r in rows), reverse=True)
    for row in rows:
        assert re.fullmatch(r"\d{10}-\d{2}-\d{6}", row["accessionNumber"])
        assert row["acceptanceDateTime"].endswith(".000Z")
        assert "2025-01-01" <= row["filingDate"] <= "2026-12-31"
        assert isinstance(row["size"], int) and row["isXBRL"] in (0, 1)


def test_the_corpus_has_the_forms_the_brief_asks_for():
    rows = [r for path in SUBMISSIONS for r in recent_rows(path)]
    forms = {r["form"] for r in rows}
    assert {"8-K", "10-Q", "S-1", "424B4"} <= forms
    items = {r["items"] for r in rows if r["form"] == "8-K"}
    assert {"2.02,9.01", "7.01,9.01"} <= items


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.stem)
def test_every_filing_has_its_folder_index_and_documents(path):
    cik = str(int(path.stem[3:]))
    for row in recent_rows(path):
        accession = row["accessionNumber"]
        folder = DEMO_SITE / "www.sec.gov/Archives/edgar/data" / cik / accession.replace("-", "")
        listing = json.loads((folder / "index.json").read_text())["directory"]
        assert listing["name"] == f"/Archives/edgar/data/{cik}/{accession.replace('-', '')}"
        assert listing["parent-dir"] == f"/Archives/edgar/data/{cik}"
        for item in listing["item"]:
            assert set(item) == {"last-modified", "name", "type", "size"}
            assert (folder / item["name"]).is_file(), item["name"]
            if item["size"]:
                assert int(item["size"]) == (folder / item["name"]).stat().st_size
        assert (folder / row["primaryDocument"]).is_file()
        assert (folder / f"{accession}.txt").stat().st_size == row["size"]
        page = lxml.html.fromstring((folder / f"{accession}-index.html").read_bytes())
        table = page.cssselect('table.tableFile[summary="Document Format Files"]')[0]
        types = {}
        for tr in table.cssselect("tr")[1:]:
            cells = [td.text_content().strip() for td in tr.cssselect("td")]
            name = cells[2].split()[0]
            assert (folder / name).is_file(), name
            if cells[0].isdigit():
                types[name] = cells[3]
                assert int(cells[4]) == (folder / name).stat().st_size
        assert types[row["primaryDocument"]] == row["form"]
        if row["form"] == "8-K":
            assert "EX-99.1" in types.values()
        assert (folder.parent / f"{accession}-index.html").read_bytes() == (
            folder / f"{accession}-index.html").read_bytes()


@pytest.mark.parametrize("cik", ["0009990001", "0009990002", "0009990003"])
def test_companyfacts_have_the_real_shape(cik):
    data = json.loads((DEMO_SITE / f"data.sec.gov/api/xbrl/companyfacts/CIK{cik}.json").read_text())
    assert set(data) == {"cik", "entityName", "facts"} and data["cik"] == int(cik)
    assert {"dei", "us-gaap"} <= set(data["facts"])
    assert "Revenues" in data["facts"]["us-gaap"]
    for concepts in data["facts"].values():
        for concept in concepts.values():
            assert set(concept) == {"label", "description", "units"}
            for facts in concept["units"].values():
                for fact in facts:
                    assert FACT_KEYS <= set(fact) <= FACT_KEYS | {"start", "frame"}


def test_reported_revenue_matches_the_10q_text():
    data = json.loads((DEMO_SITE / "data.sec.gov/api/xbrl/companyfacts/CIK0009990001.json").read_text())
    quarter = [f for f in data["facts"]["us-gaap"]["Revenues"]["units"]["USD"] if f.get("frame") == "CY2025Q3"]
    assert quarter[0]["val"] == 212_400_000
    text = (DEMO_SITE / "www.sec.gov/Archives/edgar/data/9990001/000999000125000044/lmnr-20250930.htm").read_text()
    assert "$212.4 million" in text


@pytest.mark.parametrize("feed", FEEDS)
def test_feeds_parse_and_every_item_link_exists(feed):
    root = ET.fromstring(tree_file(feed).read_bytes())
    items = root.findall("./channel/item")
    assert items
    for item in items:
        assert item.findtext("title") and item.findtext("pubDate")
        url = urljoin(BASE + feed, item.findtext("link"))
        assert url.startswith(BASE)
        page = tree_file(urlsplit(url).path)
        assert page.is_file(), url
        assert DEMO_MARK in page.read_text(encoding="utf-8")


def test_feed_styles_carry_their_real_world_quirks():
    lumenar = ET.fromstring(tree_file(FEEDS[0]).read_bytes()).find("./channel/item")
    assert lumenar.findtext("content").startswith("<p>") and lumenar.findtext("modDate")
    quillon = ET.fromstring(tree_file(FEEDS[1]).read_bytes()).findall("./channel/item")
    assert all(i.findtext("description") in ("", None) for i in quillon)
    assert all(re.match(r"\w{3}, \d{2} \w{3} \d{2} ", i.findtext("pubDate")) for i in quillon)
    wire = ET.fromstring(tree_file(FEEDS[3]).read_bytes()).findall("./channel/item")
    stocks = {c.text for i in wire for c in i.findall("category") if "stock" in c.get("domain")}
    assert stocks == {"Nasdaq:LMNR", "NYSE:QLN", "Nasdaq:MRDM", "NYSE:BWLX"}  # BWLX: not a registry vendor


def test_every_document_says_it_is_demo_data():
    pages = [p for p in DEMO_SITE.rglob("*") if p.is_file() and p.suffix in (".htm", ".html")
             and not p.name.endswith("-index.html")]
    assert 25 <= len(pages) <= 35
    for page in pages:
        assert DEMO_MARK in page.read_text(encoding="utf-8"), page


def test_articles_name_their_canonical_url_and_date():
    for page in DEMO_SITE.rglob("index.html"):
        if "www.sec.gov" in page.parts:
            continue
        tree = lxml.html.fromstring(page.read_bytes())
        assert tree.cssselect("link[rel=canonical]")[0].get("href").startswith("https://")
        dated = (tree.cssselect("div.article-date, p.spr-ir-news-article-date")
                 or tree.cssselect('script[type="application/ld+json"]'))
        assert dated, page


def test_one_claim_is_restated_in_newsroom_wire_and_8k_exhibit():
    claim = "6.9x faster than the leading flagship GPU"
    holders = {p.relative_to(DEMO_SITE).parts[0] for p in DEMO_SITE.rglob("*")
               if p.is_file() and p.suffix in (".htm", ".html") and claim in p.read_text(encoding="utf-8")}
    assert holders == {"newsroom.lumenar.example", "wire.demonewswire.example", "www.sec.gov"}


def test_registry_loads_and_points_at_the_demo_server(monkeypatch):
    monkeypatch.setenv("CHIPWATCH_DEMO_URL", "http://127.0.0.1:4321")
    registry = load_registry(DEMO_SOURCES)
    assert [v.slug for v in registry.vendors] == ["lumenar", "quillon", "meridian"]
    assert all(v.cik and v.cik.startswith("000999") for v in registry.vendors)
    urls = [s.url for s in registry.sources] + [w.url for w in registry.wires]
    assert len(urls) == 4
    for url in urls:
        assert url.startswith("http://127.0.0.1:4321/")
        assert tree_file(urlsplit(url).path).is_file(), url


def test_demo_env_points_every_setting_at_the_server():
    server = start_demo_server()
    try:
        env = demo_env(server, base={})
        assert env["CHIPWATCH_EDGAR_DATA_URL"] == f"{server.url}/data.sec.gov"
        assert env["CHIPWATCH_EDGAR_ARCHIVES_URL"] == f"{server.url}/www.sec.gov"
        assert env["CHIPWATCH_DEMO_URL"] == server.url
        assert env["CHIPWATCH_SOURCES"] == str(DEMO_SOURCES) and env["CHIPWATCH_SINCE"] == "2025-01-01"
        assert "@" in env["SEC_USER_AGENT"]
        assert env["CHIPWATCH_DB"] == "data/demo.db"
        assert demo_env(server, db_path="/tmp/x.db", base={})["CHIPWATCH_DB"] == "/tmp/x.db"
        request = urllib.request.Request(f"{server.url}/ir.quillon.example/news-events/press-releases/rss")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Type"].startswith("application/rss+xml")
        sec = urllib.request.Request(f"{env['CHIPWATCH_EDGAR_DATA_URL']}/submissions/CIK0009990001.json",
                                     headers={"User-Agent": env["SEC_USER_AGENT"]})
        with urllib.request.urlopen(sec, timeout=10) as response:
            assert json.load(response)["name"] == "LUMENAR SYSTEMS, INC."
    finally:
        server.stop()
