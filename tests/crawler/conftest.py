"""Fixtures of the crawler tests: the newsroom fixture sites on the replay server, and a fast crawl of them."""

from __future__ import annotations

import pytest

from tests.crawler.newsroom import FAST, REGISTRY, templated


@pytest.fixture
def newsroom_env(replay, crawl_env):
    """Environment for crawling the newsroom fixture sites (registry ``newsrooms.yml``)."""
    replay.rules.append(templated(replay))
    return crawl_env(REGISTRY)


@pytest.fixture
def crawl(chipwatch, newsroom_env):
    """``crawl("feeds", ...)``: run ``chipwatch crawl --spider ...`` against the fixture sites, fast."""

    def run(*spiders: str, extra: tuple[str, ...] = (), env: dict | None = None):
        args = ["crawl", *(a for s in spiders for a in ("--spider", s)), *FAST, *extra]
        return chipwatch(*args, env=env or newsroom_env)

    return run
