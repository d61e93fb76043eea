"""The search page (plugins/chipwatch_search.py): ranked, stemmed, marked, faceted, and safe with hostile text."""

from __future__ import annotations

import re

import pytest

from data.db import open_db
from tests.serve.conftest import get, make_datasette, populate_hostile


def _hits(html: str, kind: str) -> list[str]:
    section = re.search(rf'<section class="kind kind-{kind}">(.*?)</section>', html, re.S)
    return re.findall(r'<li class="hit">(.*?)</li>', section.group(1), re.S) if section else []


def test_claims_are_ranked_and_the_hit_is_marked(datasette):
    response = get(datasette, "/chipwatch/-/search?q=flagship+GPU")
    assert response.status_code == 200
    hits = _hits(response.text, "claims")
    assert len(hits) == 3
    assert "<mark>flagship</mark> <mark>GPU</mark>" in hits[0]
    assert 'href="/chipwatch/-/claim/' in hits[0]


def test_words_match_by_their_stem(datasette):
    # porter: "introducing" and "introduced" share the stem "introduc"
    hits = _hits(get(datasette, "/chipwatch/-/search?q=introducing").text, "documents")
    assert len(hits) == 1 and "<mark>introduced</mark>" in hits[0]


def test_figures_and_documents_are_searched_too(datasette):
    html = get(datasette, "/chipwatch/-/search?q=revenue").text
    assert len(_hits(html, "figures")) == 2
    assert "<mark>revenue</mark> of $412.5 million" in _hits(html, "figures")[0]
    assert len(_hits(html, "documents")) == 1


def test_facets_count_the_hits_and_narrow_them(datasette):
    html = get(datasette, "/chipwatch/-/search?q=GPU").text
    facet = re.search(r'<ul class="facet facet-vendor">(.*?)</ul>', html, re.S).group(1)
    assert re.search(r'vendor=lumenar">lumenar</a> 3', facet) and re.search(r'vendor=quillon">quillon</a> 1', facet)
    narrowed = get(datasette, "/chipwatch/-/search?q=GPU&vendor=quillon").text
    assert len(_hits(narrowed, "claims")) == 1 and "eight-<mark>GPU</mark> server" in _hits(narrowed, "claims")[0]
    assert 'class="clear-filter" href="/chipwatch/-/search?q=GPU"' in narrowed


def test_a_metric_facet_leaves_out_documents_which_have_no_metric(datasette):
    html = get(datasette, "/chipwatch/-/search?q=GPU&metric=speed").text
    assert len(_hits(html, "claims")) == 3 and "kind-documents" not in html


@pytest.mark.parametrize("q", ['"', "AND OR NOT", "*", "NEAR(", "faster'); drop table claims; --", ""])
def test_fts_syntax_in_the_query_is_never_an_error(datasette, q):
    assert get(datasette, "/chipwatch/-/search?" + __import__("urllib.parse").parse.urlencode({"q": q})).status_code == 200


def test_search_boxes_on_the_home_page_and_every_table_page(datasette):
    assert 'action="/chipwatch/-/search"' in get(datasette, "/").text
    for table in ("claims", "vendors", "runs"):
        assert '<form class="chipwatch-search" action="/chipwatch/-/search"' in get(datasette, f"/chipwatch/{table}").text


def test_a_table_search_links_to_the_same_matches_ranked(datasette):
    html = get(datasette, "/chipwatch/claims?_search=flagship+GPU").text
    assert 'href="/chipwatch/-/search?q=flagship+GPU">these matches ranked' in html


def test_hostile_text_is_escaped_in_the_hits(tmp_path):
    db = open_db(tmp_path / "chipwatch.db")
    populate_hostile(db)
    db.close()
    html = get(make_datasette(tmp_path / "chipwatch.db"), "/chipwatch/-/search?q=HX+script").text
    body = html.split('<div class="chipwatch-search">', 1)[1].split("</section>\n</div>", 1)[0]
    assert "<script" not in body and "<img" not in body and "<svg" not in body
    assert "&lt;<mark>script</mark>&gt;" in body
    assert not [href for href in re.findall(r'href="([^"]*)"', body) if "javascript" in href.lower()]


def test_a_common_word_is_ranked_among_its_newest_matches_and_says_so(datasette, monkeypatch):
    from datasette.plugins import pm

    plugin = next(p for p in pm.get_plugins() if hasattr(p, "search_kind"))
    monkeypatch.setattr(plugin, "CANDIDATES_SQL", plugin.CANDIDATES_SQL.replace(f"limit {plugin.CANDIDATES}", "limit 2"))
    monkeypatch.setattr(plugin, "CANDIDATES", 2)
    html = get(datasette, "/chipwatch/-/search?q=GPU").text
    assert len(_hits(html, "claims")) == 2
    assert "Claims: 2+ matches" in html and "ranked and counted over the\n  2 most recently stored" in html
