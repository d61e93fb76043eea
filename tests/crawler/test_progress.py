"""The console during a crawl: one line per spider as it finishes (crawler.extensions.ProgressLines), then the summary.

Scrapy's own INFO lines stay off unless ``chipwatch -v`` asks for them.
"""

from __future__ import annotations

import re

from chipwatch.replay import Answer
from tests.crawler.newsroom import add_fault

PROGRESS = re.compile(r"^  (\w+) finished: (\d+) requests?, (\d+) new, (\d+) unchanged, (\d+) fetch errors?(.*) "
                      r"\((\d+\.\d) s\)(.*)$")


def progress_lines(stderr: str) -> dict[str, tuple]:
    """spider -> (new, unchanged, fetch errors, the rest, seconds, ending) from its progress line."""
    return {m[1]: m.groups()[2:] for m in map(PROGRESS.match, stderr.splitlines()) if m}


def requests_made(stderr: str) -> dict[str, int]:
    return {m[1]: int(m[2]) for m in map(PROGRESS.match, stderr.splitlines()) if m}


def test_each_spider_prints_one_line_when_it_finishes_then_the_summary(crawl):
    result = crawl("feeds", "listings")
    assert result.returncode == 0, result.stderr
    lines = progress_lines(result.stderr)
    assert set(lines) == {"feeds", "listings"}
    new, unchanged, errors, extra, _, ending = lines["feeds"]
    assert int(new) > 0 and (unchanged, errors, ending) == ("0", "0", "")
    assert re.fullmatch(r", \d+ sources? read", extra)
    stderr = result.stderr.splitlines()
    last_progress = max(i for i, line in enumerate(stderr) if PROGRESS.match(line))
    assert stderr[-1].startswith("crawl run ") and last_progress < len(stderr) - 1  # the summary comes after
    assert requests_made(result.stderr)["feeds"] > 0
    read = re.findall(r"^  feeds: (\S+) read, \d+ entr(?:y|ies) listed$", result.stderr, re.M)
    assert len(read) == int(re.search(r"(\d+) sources? read", extra)[1]) > 0  # one line per source, as it is read
    assert "spider feeds:" not in result.stderr  # the progress lines said it; the summary does not repeat them


def test_a_rerun_counts_what_it_found_unchanged_and_a_failure_is_counted(crawl, replay):
    first = progress_lines(crawl("feeds").stderr)["feeds"]
    add_fault(replay, lambda info: Answer(404) if info.host == "blog.neurix.test" else None)
    again = crawl("feeds")
    assert again.returncode == 1
    new, _, errors, *_ = progress_lines(again.stderr)["feeds"]
    assert new == "0" and int(errors) >= 1 and first[0] != "0"


def test_scrapy_info_lines_stay_off_unless_asked_for(crawl, chipwatch, newsroom_env):
    quiet = crawl("feeds")
    assert "[scrapy" not in quiet.stderr and "INFO" not in quiet.stderr
    loud = chipwatch("-v", "crawl", "--spider", "feeds", env=newsroom_env)
    assert "[scrapy.core.engine] INFO: Spider opened" in loud.stderr
    assert "feeds finished:" in loud.stderr


def test_progress_lines_can_be_switched_off(crawl):
    result = crawl("feeds", extra=("-s", "CHIPWATCH_PROGRESS=False"))
    assert result.returncode == 0
    assert progress_lines(result.stderr) == {}
    assert "spider feeds:" in result.stderr  # the summary stays
