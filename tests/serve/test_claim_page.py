"""The claim page (plugins/chipwatch_claim_page.py): a claim as a statement, in its text, with its kin."""

from __future__ import annotations

import re

import pytest

from data.db import open_db
from tests.serve.conftest import (
    HOSTILE_LINK,
    RELEASE_URL,
    SPEEDUP,
    get,
    make_datasette,
    populate,
    populate_hostile,
)


@pytest.fixture
def claim_html(datasette, sample_db) -> str:
    _, ids = sample_db
    response = get(datasette, f"/chipwatch/-/claim/{ids['first_claim']}")
    assert response.status_code == 200
    return response.text


def test_the_claim_reads_as_a_statement(claim_html):
    h1 = re.search(r'<h1 class="statement">(.*?)</h1>', claim_html, re.S).group(1)
    parts = re.findall(r'<span class="part">(.*?)</span>', h1)
    assert parts == ["LX-3 Wafer Engine", "6.9x", "speed", "versus leading flagship GPU", "on 70B model"]


def test_only_the_claims_own_words_are_marked(claim_html):
    assert re.findall(r"<mark>(.*?)</mark>", claim_html) == ["6.9x faster than the leading flagship GPU"]
    assert "<strong class=\"sentence\">The LX-3 Wafer Engine runs a 70B model <mark>" in claim_html
    assert "Lumenar Systems today introduced the LX-3." in claim_html  # text before the sentence
    assert "</mark>.</strong> On the same model it serves" in claim_html  # the next claim is not marked


def test_the_document_title_date_kind_and_source_link(claim_html):
    assert "Lumenar Unveils the LX-3 Wafer Engine" in claim_html
    assert "2026-03-10T13:00:00+00:00" in claim_html and "press_release" in claim_html
    assert f'class="source-link" href="{RELEASE_URL}"' in claim_html


def test_other_mentions_of_the_group_earliest_first(claim_html):
    table = claim_html[claim_html.index('class="rows-and-columns mentions"'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 3  # header, wire story and 8-K exhibit
    assert "<td>news</td>" in table and "<td>filing</td>" in table
    assert 'href="https://wire.demonewswire.example/news-release/2026/03/10/lumenar-lx3"' in table


def test_other_claims_of_the_document(claim_html):
    siblings = claim_html[claim_html.index('class="siblings"'):]
    assert "up to 1,800 tokens per second" in siblings[:siblings.index("</ul>")]


def test_claims_table_and_queries_link_to_the_claim_page(datasette, sample_db):
    _, ids = sample_db
    assert f'href="/chipwatch/-/claim/{ids["first_claim"]}"' in get(datasette, "/chipwatch/claims").text
    assert f'href="/chipwatch/-/claim/{ids["first_claim"]}"' in get(datasette, "/chipwatch/gpu_speedups").text


def test_an_unknown_claim_or_database_is_not_found(datasette):
    assert get(datasette, "/chipwatch/-/claim/nope").status_code == 404
    assert get(datasette, "/nodb/-/claim/nope").status_code == 404


def test_a_claim_without_offsets_marks_its_words_in_the_sentence(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    populate(db)
    db.execute("update claims set start = null, \"end\" = null")
    db.conn.commit()
    claim = db.execute("select id from claims where unit = 'x' and vendor = 'lumenar' limit 1").fetchone()[0]
    db.close()
    html = get(make_datasette(path), f"/chipwatch/-/claim/{claim}").text
    assert len(re.findall(r"<mark>(.*?)</mark>", html)) == 1
    assert SPEEDUP.split(" 6.9x")[0] in html


def test_stored_markup_is_escaped_and_javascript_links_are_not_links(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    ids = populate_hostile(db)
    db.close()
    html = get(make_datasette(path), f"/chipwatch/-/claim/{ids['hostile_claim']}").text
    content = html[html.index('<section class="content">'):]
    assert "<script>window" not in content and "<img src=x" not in content and "<svg" not in content
    assert "&lt;script&gt;" in content
    assert f'href="{HOSTILE_LINK}' not in html and 'href="javascript:' not in html.lower()
    assert re.findall(r"<mark>(.*?)</mark>", content) == ["4x faster than a &lt;script&gt;"]


def test_a_checked_claim_shows_what_the_evidence_says(sample_db):
    path, ids = sample_db
    db = open_db(path)
    db["claim_checks"].upsert({
        "claim_id": ids["first_claim"], "outcome": "overstated", "overstated_pct": 8, "claimed_ratio": 9.2,
        "supported_ratio": 8.5, "basis": "per accelerator", "system_ratio": 4.25, "accelerator_ratio": 8.5,
        "round": "v6.0", "division": "closed", "model": "llama2-70b-99", "scenario": "Server",
        "product": "LX-3", "comparator": "Q7", "product_result": "v6.0/closed/Lumenar/results/lx3",
        "comparator_result": "v6.0/closed/Quillon/results/q7", "product_accelerators": 1,
        "comparator_accelerators": 8, "rules_broken": '["chip counts stated"]',
        "reason": "overstated by 8%: the results support 8.50x"}, pk="claim_id")
    db.conn.commit()
    html = get(make_datasette(path), f"/chipwatch/-/claim/{ids['first_claim']}").text
    section = html[html.index("What the evidence says"):html.index("Other mentions of this claim")]
    assert "<strong>overstated</strong> by 8% — overstated by 8%: the results support 8.50x" in section
    assert "8.50x" in section and "v6.0 closed" in section
    assert "/chipwatch/benchmark_results/v6.0%2Fclosed%2FLumenar%2Fresults%2Flx3" in section
    assert "Breaks the MLPerf messaging rules: chip counts stated" in section


def test_an_unchecked_claim_says_no_result_covers_it(claim_html):
    section = claim_html[claim_html.index("What the evidence says"):claim_html.index("Other mentions of this claim")]
    assert "No independent result covers this claim yet" in section
