"""The vendor page (plugins/chipwatch_vendor_page.py): claims over time, figures, sources and a feed."""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from data.db import open_db
from tests.serve.conftest import HOSTILE_LINK, get, make_datasette, populate_hostile

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def lumenar(datasette) -> str:
    response = get(datasette, "/chipwatch/-/vendor/lumenar")
    assert response.status_code == 200
    return response.text


def test_the_chart_stacks_claims_per_month_by_metric(lumenar):
    assert re.findall(r"<title>(.*?)</title></rect>", lumenar) == ["2026-03: 3 speed", "2026-03: 1 throughput"]
    assert '<svg class="chart"' in lumenar


def test_a_database_without_kept_month_counts_draws_the_same_chart(sample_db):
    path = sample_db[0]
    conn = sqlite3.connect(path)
    with conn:  # as a database from before claim_months: the chart counts the claims themselves
        for (name,) in conn.execute("select name from sqlite_master where name like 'claim_months_%'").fetchall():
            conn.execute(f"drop trigger [{name}]")
        conn.execute("delete from claim_months")
    conn.close()
    page = get(make_datasette(path), "/chipwatch/-/vendor/lumenar").text
    assert re.findall(r"<title>(.*?)</title></rect>", page) == ["2026-03: 3 speed", "2026-03: 1 throughput"]


def test_newest_claims_link_to_their_claim_pages(lumenar, sample_db):
    _, ids = sample_db
    assert f'href="/chipwatch/-/claim/{ids["first_claim"]}"' in lumenar
    assert "LX-3 Wafer Engine · 1,800 tokens/s · throughput · on 70B model · hedge: up to" in lumenar


def test_sources_and_the_feed_link(lumenar):
    assert 'href="https://newsroom.lumenar.example/releases.xml"' in lumenar
    assert 'type="application/atom+xml"' in lumenar
    assert 'href="/chipwatch/vendor_claims_feed.atom?vendor=lumenar"' in lumenar


def test_latest_figures_beside_reported_xbrl_values(datasette):
    html = get(datasette, "/chipwatch/-/vendor/quillon").text
    figures = html[html.index('class="rows-and-columns figures"'):]
    assert "$412.5 million" in figures[:figures.index("</table>")] and "38%" in figures
    reported = html[html.index('class="rows-and-columns reported"'):]
    assert "$371.2 million" in reported[:reported.index("</table>")]


def test_the_vendor_feed_holds_only_its_claims(datasette):
    response = get(datasette, "/chipwatch/vendor_claims_feed.atom?vendor=quillon")
    assert response.status_code == 200
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(response.text).findall(f"{ATOM}entry")]
    assert titles == ["Quillon Semiconductor: nearly seven times the throughput per watt of an eight-GPU server"]


def test_a_vendor_without_claims_has_a_feed_that_says_so(datasette):
    response = get(datasette, "/chipwatch/vendor_claims_feed.atom?vendor=nobody")
    entries = ET.fromstring(response.text).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["chipwatch has no claims of nobody yet"]


def test_the_vendors_table_links_to_vendor_pages(datasette):
    assert 'href="/chipwatch/-/vendor/lumenar"' in get(datasette, "/chipwatch/vendors").text


def test_an_unknown_vendor_is_not_found(datasette):
    assert get(datasette, "/chipwatch/-/vendor/nobody").status_code == 404


def test_stored_markup_on_the_vendor_page_is_text(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    populate_hostile(db)
    db.close()
    html = get(make_datasette(path), "/chipwatch/-/vendor/hostile").text
    content = html[html.index('<section class="content">'):]
    assert "<svg onload" not in html and "<script>Q1" not in content and "&lt;svg onload" in content
    assert f'href="{HOSTILE_LINK}' not in html
