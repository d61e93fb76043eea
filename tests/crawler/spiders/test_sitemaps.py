"""The ``sitemaps`` spider (synthetic fixtures in the sitemaps.org format), through the real CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chipwatch.replay import Answer
from tests.conftest import SITE
from tests.crawler.newsroom import (
    EXPECTED,
    add_fault,
    answer_path,
    errors,
    stored,
    stored_pairs,
)

INDEX = SITE / "www.lumenchip.test" / "sitemap.xml"


NEWS = SITE / "www.lumenchip.test" / "sitemap-news.xml"


def test_sitemap_crawl_follows_pattern_and_lastmod(crawl, replay, open_test_db):
    result = crawl("sitemaps")
    assert result.returncode == 0, result.output
    db = open_test_db()
    assert stored_pairs(db) == EXPECTED["sitemaps"]
    assert errors(db) == []
    # sitemap-pages.xml (lastmod 2022) is older than CHIPWATCH_SINCE; /about/ does not match link_pattern;
    # the 2023 release is older than CHIPWATCH_SINCE.
    fetched = {r.path for r in replay.hits("www.lumenchip.test")}
    assert "/sitemap-pages.xml" not in fetched and "/about/leadership" not in fetched
    assert not any("/2023/" in p for p in fetched)


def test_json_ld_date_in_the_future_is_skipped_for_the_meta_date(crawl, open_test_db):
    crawl("sitemaps")
    docs = stored(open_test_db())
    cfo = docs["/www.lumenchip.test/news/releases/2026/09/lumenchip-appoints-chief-financial-officer"]
    assert cfo["published"] == "2026-09-01T12:00:00+00:00"  # JSON-LD says 2031: rejected
    assert cfo["title"] == "LumenChip Appoints Chief Financial Officer"


def test_second_crawl_with_nothing_new_reads_only_the_index(crawl, replay, open_test_db):
    assert crawl("sitemaps").returncode == 0
    before = len(replay.requests)
    assert crawl("sitemaps").returncode == 0
    paths = sorted(f"/{r.host}{r.path}" for r in replay.requests[before:])
    assert paths == ["/robots.txt/", "/www.lumenchip.test/sitemap.xml"]
    assert len(stored(open_test_db())) == 2


def test_lastmod_after_raises_the_floor(crawl, newsroom_env, tmp_path, replay, open_test_db):
    registry = (SITE.parent / "registries" / "newsrooms.yml").read_text()
    registry = registry.replace('link_pattern: "/news/releases/"',
                                'link_pattern: "/news/releases/"\n        lastmod_after: "2026-06-01"')
    path = tmp_path / "registry.yml"
    path.write_text(registry)
    result = crawl("sitemaps", env=dict(newsroom_env, CHIPWATCH_SOURCES=str(path)))
    assert result.returncode == 0, result.output
    assert [p.rsplit("/", 1)[1] for p in stored(open_test_db())] == ["lumenchip-appoints-chief-financial-officer"]


def test_page_with_a_newer_lastmod_is_fetched_again(crawl, replay, open_test_db):
    assert crawl("sitemaps").returncode == 0
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat(timespec="seconds")
    index = INDEX.read_bytes().replace(b"2026-09-01T12:00:00+00:00", later.encode())
    news = NEWS.read_bytes().replace(b"2026-05-12T13:00:00+00:00", later.encode())
    for path, body in (("/www.lumenchip.test/sitemap.xml", index), ("/www.lumenchip.test/sitemap-news.xml", news)):
        add_fault(replay, answer_path(path, Answer(200, body.replace(b"${REPLAY_URL}", replay.url.encode()),
                                                   {"Content-Type": "text/xml"})))
    before = len(replay.requests)
    assert crawl("sitemaps").returncode == 0
    pages = [r.path for r in replay.requests[before:] if "/news/releases/" in r.path]
    assert pages == ["/news/releases/2026/05/lumenchip-ships-photon-x-optical-interconnect"]
    assert len(stored(open_test_db())) == 2
