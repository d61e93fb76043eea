"""The ``listings`` spider: article links chosen by ``link_pattern`` on an HTML list page (synthetic site)."""

from __future__ import annotations

from tests.conftest import SITE
from tests.crawler.newsroom import (
    EXPECTED,
    errors,
    stored,
    stored_pairs,
)


def test_listing_crawl_stores_articles_with_wrong_charset_repaired(crawl, open_test_db):
    result = crawl("listings")
    assert result.returncode == 0, result.output
    db = open_test_db()
    assert stored_pairs(db) == EXPECTED["listings"]
    assert errors(db) == []
    nordlys = stored(db)["/www.cortexa.test/press/cortexa-partners-with-nordlys-energy"]
    # Served as "charset=utf-8" but encoded in Windows-1252.
    assert "Cortexa\u2019s inference cloud" in nordlys["text"] and "Caf\u00e9 owners" in nordlys["text"]
    assert nordlys["published"] == "2026-05-05"  # from the dateline: the page has no date markup
    assert "Stay in the loop" not in nordlys["text"]


def test_second_crawl_with_nothing_new_reads_only_the_listing(crawl, replay, open_test_db):
    assert crawl("listings").returncode == 0
    before = len(replay.requests)
    assert crawl("listings").returncode == 0
    paths = sorted(f"/{r.host}{r.path}" for r in replay.requests[before:])
    assert paths == ["/robots.txt/", "/www.cortexa.test/press"]


def test_listing_without_matching_links_is_a_failure(crawl, newsroom_env, tmp_path, open_test_db):
    registry = (SITE.parent / "registries" / "newsrooms.yml").read_text().replace(
        '"/press/[^/?#]+"', '"/news/[^/?#]+"')
    path = tmp_path / "registry.yml"
    path.write_text(registry)
    result = crawl("listings", env=dict(newsroom_env, CHIPWATCH_SOURCES=str(path)))
    assert result.returncode == 1
    [error] = errors(open_test_db())
    assert error["source"] == "cortexa-listing" and error["status"] == 200
    assert "no links matching" in error["reason"]
