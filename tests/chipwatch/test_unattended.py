"""Issue 9: unattended runs are hostile-input safe: bad limits are refused, SEC etiquette can't be switched off."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from chipwatch.config import ConfigError, load_settings
from crawler.middlewares.pace import SharedPace
from tests.conftest import REPO, run_chipwatch


@pytest.mark.parametrize("value", ["0", "-1", "fast", "nan", "inf"])
def test_a_bad_sec_rate_is_a_config_error(value):
    with pytest.raises(ConfigError, match="CHIPWATCH_SEC_RATE"):
        load_settings({"CHIPWATCH_SEC_RATE": value})


@pytest.mark.parametrize("name", ["CHIPWATCH_TIMEOUT", "CHIPWATCH_SEC_PAUSE", "CHIPWATCH_RETRY_AFTER_MAX",
                                  "CHIPWATCH_MAX_RUN_SECONDS"])
def test_other_limits_refuse_garbage(name):
    with pytest.raises(ConfigError, match=name):
        load_settings({name: "soon"})


@pytest.mark.parametrize("value", ["0", "-1", "garbage"])
def test_a_bad_sec_rate_stops_the_crawl_before_any_request(replay, crawl_env, value):
    result = run_chipwatch("crawl", "--spider", "edgar", env=crawl_env("edgar.yml", CHIPWATCH_SEC_RATE=value),
                           timeout=60)
    assert result.returncode == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"Error: CHIPWATCH_SEC_RATE={value!r} must be a number of at least 0.01"]
    assert replay.requests == []


@pytest.mark.parametrize("override", ["SEC_MAX_REQUESTS_PER_SECOND=0",
                                      "DOWNLOADER_MIDDLEWARES={\"crawler.middlewares.sec.SecEtiquetteMiddleware\": null}"])
def test_the_sec_middleware_cannot_be_switched_off_while_edgar_is_crawled(replay, crawl_env, override):
    result = run_chipwatch("crawl", "--spider", "edgar", "-s", override, env=crawl_env("edgar.yml"), timeout=60)
    assert result.returncode == 2, result.output
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert replay.requests == []


def test_sec_turns_are_spaced_across_processes(tmp_path):
    """Two processes taking turns on one pace file get one schedule: no two turns closer than the interval."""
    pace = tmp_path / "sec.pace"
    code = (f"from crawler.middlewares.pace import SharedPace\np = SharedPace({str(pace)!r})\n"
            "print(*(p.take_turn(0.05)[0] for _ in range(10)))")
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    turns = sorted(float(t) for proc in procs for t in proc.communicate(timeout=30)[0].split())
    assert len(turns) == 20
    gaps = [b - a for a, b in zip(turns, turns[1:], strict=False)]
    assert min(gaps) >= 0.05 - 1e-6


def test_a_pause_written_by_one_process_holds_back_another(tmp_path):
    SharedPace(tmp_path / "p").pause(time.time() + 30)
    turn, paused_until = SharedPace(tmp_path / "p").take_turn(0.1)
    assert turn >= paused_until > time.time() + 20
