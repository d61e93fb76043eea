"""``crawler.article.text``: the main text of article pages in the layouts we meet, against hand-checked text.

``tests/fixtures/articles/NAME.html`` are pages in the layouts we meet (iPressroom, Q4, WordPress,
JSON-LD CMS, a generic startup site, the three wires), written by us; ``NAME.txt`` is the
hand-checked main text and ``NAME.url`` the page's address.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.article import parse_article
from tests.conftest import FIXTURES

ARTICLES = sorted((FIXTURES / "articles").glob("*.html"))


NOW = datetime(2026, 11, 24, tzinfo=UTC)


def token_f1(found: str, expected: str) -> float:
    """Bag-of-words F1 between extracted and hand-checked text (1.0 = same words)."""
    got, want = Counter(re.findall(r"\w+", found.lower())), Counter(re.findall(r"\w+", expected.lower()))
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def parse_fixture(page: Path):
    url = page.with_suffix(".url").read_text().strip()
    return parse_article(page.read_bytes(), url, charset="utf-8", now=NOW)


@pytest.mark.parametrize("page", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_main_text_matches_the_hand_checked_text(page):
    assert token_f1(parse_fixture(page).text, page.with_suffix(".txt").read_text()) >= 0.9


def test_main_text_accuracy_over_all_fixtures():
    scores = [token_f1(parse_fixture(p).text, p.with_suffix(".txt").read_text()) for p in ARTICLES]
    assert len(scores) >= 10
    assert sum(scores) / len(scores) >= 0.97
