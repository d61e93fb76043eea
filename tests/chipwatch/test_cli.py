"""The command line as a user meets it: help, clean errors, and a run with no network."""

from __future__ import annotations

import os
import socket

from data.db import open_db
from tests.conftest import demo_env, run_chipwatch


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
    env.update(extra)
    return env


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when we leave: nothing listens there


def test_help_lists_every_stage():
    result = run_chipwatch("--help", env=clean_env())
    assert result.returncode == 0
    for verb in ("crawl", "extract", "serve", "export", "run", "demo", "cron", "scheduled", "check"):
        assert verb in result.stdout


def test_a_broken_registry_is_one_error_line_and_exit_2(tmp_path):
    registry = tmp_path / "sources.yml"
    registry.write_text("vendors:\n  - slug: acme\n    name: Acme\n    cik: 'abc'\n")
    result = run_chipwatch("crawl", env=clean_env(CHIPWATCH_SOURCES=str(registry),
                                                  CHIPWATCH_DB=str(tmp_path / "x.db")))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {registry}:2: vendors[0] (acme): cik: does not match ^\\d{{10}}$, got 'abc'"]


def test_cron_prints_a_crontab_line_for_the_scheduled_run():
    result = run_chipwatch("cron", env=clean_env(SEC_USER_AGENT="Jane Doe jane@example.org"))
    assert result.returncode == 0
    assert "python -m chipwatch scheduled" in result.stdout
    assert "SEC_USER_AGENT='Jane Doe jane@example.org'" in result.stdout


def test_with_no_network_run_names_each_failed_source_and_records_the_run(tmp_path):
    dead = f"http://127.0.0.1:{closed_port()}"
    registry = tmp_path / "sources.yml"
    registry.write_text(
        "vendors:\n"
        f"  - {{slug: acme, name: Acme, sources: [{{kind: feed, url: '{dead}/acme/feed.xml'}}]}}\n"
        f"  - {{slug: zeta, name: Zeta, sources: [{{kind: listing, url: '{dead}/zeta/news', "
        "link_pattern: '/news/'}]}\n")
    db_path = tmp_path / "x.db"
    result = run_chipwatch("run", "--no-serve", env=clean_env(
        CHIPWATCH_SOURCES=str(registry), CHIPWATCH_DB=str(db_path), CHIPWATCH_TIMEOUT="3",
        CHIPWATCH_LOG_LEVEL="CRITICAL"))
    assert result.returncode == 1, result.output
    failed = [line for line in result.stderr.splitlines() if ": FAILED " in line]
    assert [line.split(":")[0].strip() for line in failed] == ["acme-feed", "zeta-listing"]
    assert all("could not connect" in line for line in failed), failed
    assert "edgar: skipped: SEC_USER_AGENT is not set" in result.stderr
    db = open_db(db_path)
    crawl = next(db.query("select * from runs where stage = 'crawl'"))
    assert crawl["status"] == "failed" and crawl["errors"] >= 2
    assert {r["source"] for r in db.query("select source from fetch_errors")} == {"acme-feed", "zeta-listing"}
    assert next(db.query("select status from runs where stage = 'extract'"))["status"] == "ok"


def test_evidence_checks_figures_and_claims_of_the_demo(tmp_path):
    db = tmp_path / "demo.db"
    env = demo_env()
    built = run_chipwatch("demo", "--no-serve", "--db", str(db), env=env, timeout=300)
    assert built.returncode == 0, built.stderr
    assert "figures against filings:" in built.stderr and "claims against MLPerf results:" in built.stderr
    result = run_chipwatch("evidence", env={**env, "CHIPWATCH_DB": str(db)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "figures against filings (figure_checks):" in result.stdout
    assert "supported" in result.stdout and "match" in result.stdout
