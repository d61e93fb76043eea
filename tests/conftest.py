"""Shared test fixtures: a local replay server, a scratch database, and the chipwatch CLI in a subprocess.

No test touches the internet: every spider test points the real spiders at
``chipwatch.replay.ReplayServer`` on 127.0.0.1, serving ``tests/fixtures/site``.
Crawls run in a subprocess (``python -m chipwatch crawl``), which is how users
run them and keeps Twisted's reactor out of pytest's process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from chipwatch.replay import ReplayServer, free_port
from data.db import open_db

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SITE = FIXTURES / "site"
REGISTRIES = FIXTURES / "registries"
TEST_USER_AGENT = "chipwatch-tests tests@example.org"


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def replay():
    """A ReplayServer over tests/fixtures/site; add fault rules with ``replay.rules.append(...)``."""
    with ReplayServer(SITE, sec_block_seconds=600) as server:
        yield server


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "chipwatch.db"


@pytest.fixture
def crawl_env(replay, db_path):
    """Environment for a crawl of the replay server: every base URL points at 127.0.0.1."""

    def make(registry: str = "test.yml", **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
        env.update({
            "CHIPWATCH_DB": str(db_path),
            "CHIPWATCH_SOURCES": str(REGISTRIES / registry),
            "CHIPWATCH_EDGAR_DATA_URL": replay.base("data.sec.gov"),
            "CHIPWATCH_EDGAR_ARCHIVES_URL": replay.base("www.sec.gov"),
            "REPLAY_URL": replay.url,
            "SEC_USER_AGENT": TEST_USER_AGENT,
            "CHIPWATCH_SINCE": "2024-01-01",
            "CHIPWATCH_TIMEOUT": "5",
            "CHIPWATCH_LOG_LEVEL": "WARNING",
            "CHIPWATCH_SEC_PACE_FILE": str(db_path.parent / "sec.pace"),  # tests don't pace each other
        })
        env.update(extra)
        return env

    return make


def demo_env(**extra: str) -> dict[str, str]:
    """Environment for `chipwatch demo` in a test: no inherited settings, the demo corpus on a free port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
    # its own SEC pace file: the default one is shared by every chipwatch process on the machine, and a
    # pause another process recorded there would stall this test
    pace = Path(tempfile.mkdtemp(prefix="chipwatch-test-pace-")) / "sec-pace.json"
    env.update({"CHIPWATCH_DEMO_PORT": str(free_port()), "CHIPWATCH_SEC_PACE_FILE": str(pace), **extra})
    return env


def run_chipwatch(*args: str, env: dict[str, str], timeout: float = 240, stdin: str | None = None) -> CliResult:
    """Run ``python -m chipwatch ARGS`` as a user would, and capture what it says."""
    proc = subprocess.run([sys.executable, "-m", "chipwatch", *args], env=env, cwd=REPO, input=stdin,
                          capture_output=True, text=True, timeout=timeout)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def chipwatch():
    return run_chipwatch


@pytest.fixture
def open_test_db(db_path):
    def opener():
        return open_db(db_path)

    return opener
