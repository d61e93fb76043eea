"""Issue 9: a full disk (or a database at its size limit) is one Error: line and exit 74, and loses nothing.

"Full" without root: CHIPWATCH_MAX_DB_PAGES caps the database (SQLite's PRAGMA max_page_count, which
gives the same SQLITE_FULL a full disk does), and /dev/full stands in for a log file on a full disk.
Every test runs the real command against the demo corpus served on 127.0.0.1.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from chipwatch.cli import EXIT_DISK_FULL
from chipwatch.config import ConfigError, load_settings
from chipwatch.demo import demo_env, start_demo_server
from chipwatch.replay import free_port
from data.db import open_db
from tests.conftest import run_chipwatch

TABLES = {
    "documents": "select id, url, title, text from documents order by id",
    "filings": "select accession, form, items from filings order by accession",
    "reported_values": "select id, value from reported_values order by id",
    "claims": "select document_id, start, end, raw, claim_group from claims order by document_id, start",
    "figures": "select document_id, start, end, raw, value from figures order by document_id, start",
    "claim_groups": "select id, mentions from claim_groups order by id",
}


def snapshot(db_path) -> dict[str, list]:
    db = open_db(db_path)
    got = {name: db.execute(sql).fetchall() for name, sql in TABLES.items()}
    got["integrity"] = db.execute("pragma integrity_check").fetchall()
    db.close()
    return got


def page_count(db_path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("pragma page_count").fetchone()[0]
    finally:
        conn.close()


def runs(db_path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select stage, status, message from runs order by id").fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus():
    server = start_demo_server(free_port())
    yield server
    server.stop()


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """An uninterrupted crawl and extract of the corpus, and the database's size at each step."""
    db = tmp_path_factory.mktemp("reference") / "chipwatch.db"
    open_db(db).close()
    sizes = {"schema": page_count(db)}
    env = env_for(corpus, db)
    assert run_chipwatch("crawl", env=env).returncode == 0
    sizes["crawl"] = page_count(db)
    assert run_chipwatch("extract", "--quiet", env=env).returncode == 0
    return snapshot(db), sizes


def env_for(corpus, db_path, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
    # its own SEC pace file: the per-user default is shared with every chipwatch process on the machine,
    # and another one's rate-page pause would hold these runs back for minutes
    return {**demo_env(corpus, db_path=str(db_path), base=base), "CHIPWATCH_LOG_LEVEL": "WARNING",
            "CHIPWATCH_SEC_PACE_FILE": str(Path(db_path).parent / "sec.pace"), **extra}


def assert_one_disk_full_line(result, path) -> None:
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: the disk is full (or the database reached its size limit, CHIPWATCH_MAX_DB_PAGES): "
                      f"cannot write {path} "
                      "(database or disk is full); free some space and run again, nothing already stored is lost"]
    assert "Traceback" not in result.stderr


def test_a_crawl_that_fills_the_database_stops_with_one_line_and_the_rerun_completes_it(corpus, reference, tmp_path):
    expected, sizes = reference
    db = tmp_path / "chipwatch.db"
    half_way = (sizes["schema"] + sizes["crawl"]) // 2
    full = run_chipwatch("crawl", env=env_for(corpus, db, CHIPWATCH_MAX_DB_PAGES=str(half_way)))
    assert full.returncode == EXIT_DISK_FULL == 74, full.stderr
    assert_one_disk_full_line(full, db)
    assert "closed early: the disk is full" in full.stderr
    [(stage, status, message)] = runs(db)
    assert (stage, status) == ("crawl", "failed") and message.startswith(f"disk full: {db}")
    stored = len(snapshot(db)["documents"])
    assert 0 < stored < len(expected["documents"])  # it did fill up half-way

    env = env_for(corpus, db)  # space freed
    assert run_chipwatch("crawl", env=env).returncode == 0
    assert run_chipwatch("extract", "--quiet", env=env).returncode == 0
    assert snapshot(db) == expected  # no row missing, none twice


def test_an_extract_that_fills_the_database_stops_with_one_line_and_the_rerun_completes_it(corpus, reference,
                                                                                           tmp_path):
    expected, sizes = reference
    db = tmp_path / "chipwatch.db"
    assert run_chipwatch("crawl", env=env_for(corpus, db)).returncode == 0
    full = run_chipwatch("extract", "--quiet", env=env_for(corpus, db, CHIPWATCH_MAX_DB_PAGES=str(page_count(db) + 2)))
    assert full.returncode == 74, full.stderr
    assert_one_disk_full_line(full, db)
    assert runs(db)[-1][:2] == ("extract", "failed")

    assert run_chipwatch("extract", "--quiet", env=env_for(corpus, db)).returncode == 0
    assert snapshot(db) == expected


def test_a_scheduled_run_on_a_full_database_mails_the_error_line_and_logs_it(corpus, reference, tmp_path):
    _, sizes = reference
    db = tmp_path / "chipwatch.db"
    full = run_chipwatch("scheduled", "--quiet",
                         env=env_for(corpus, db, CHIPWATCH_MAX_DB_PAGES=str(sizes["schema"] + 10)))
    assert full.returncode == 74
    assert_one_disk_full_line(full, db)  # in cron's mail
    assert f"cannot write {db}" in (tmp_path / "logs" / "scheduled.log").read_text(encoding="utf-8")


def test_a_database_already_full_when_opened_is_the_same_line(corpus, tmp_path):
    db = tmp_path / "chipwatch.db"
    result = run_chipwatch("crawl", env=env_for(corpus, db, CHIPWATCH_MAX_DB_PAGES="8"))  # not even the schema fits
    assert result.returncode == 74
    assert result.stderr.startswith(f"Error: the disk is full (or the database reached its size limit, "
                                    f"CHIPWATCH_MAX_DB_PAGES): cannot write {db} (")
    assert len(result.stderr.strip().splitlines()) <= 3  # "demo corpus", "crawling", Error: at most


def test_a_log_file_on_a_full_disk_fails_the_scheduled_run_with_its_path(corpus, reference, tmp_path):
    expected, _ = reference
    db = tmp_path / "chipwatch.db"
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "scheduled.log").symlink_to("/dev/full")  # every write: ENOSPC
    result = run_chipwatch("scheduled", "--quiet", env=env_for(corpus, db))
    assert result.returncode == 74, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: the disk is full: cannot write {logs / 'scheduled.log'} "
        "(No space left on device); free some space and run again, nothing already stored is lost")
    assert "scheduled run finished: ok" in result.stderr  # the run's lines, which the log could not keep
    assert "Logging error" not in result.stderr and "Traceback" not in result.stderr
    assert snapshot(db) == expected  # the database itself was fine


@pytest.mark.parametrize("value", ["0", "-5", "lots", "1.5"])
def test_a_bad_max_db_pages_is_a_config_error(value):
    with pytest.raises(ConfigError, match="CHIPWATCH_MAX_DB_PAGES"):
        load_settings({"CHIPWATCH_MAX_DB_PAGES": value})
