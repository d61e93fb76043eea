"""``chipwatch.serve``: the Datasette command line, the soundness check, and an empty database that serves."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import yaml

from chipwatch.config import REPO_ROOT as REPO
from chipwatch.serve import (
    METADATA,
    PLUGINS_DIR,
    ServeError,
    datasette_args,
    datasette_command,
    described_databases,
    ensure_database,
    load_metadata,
    soundness_check,
)


def test_datasette_args_serve_with_metadata_plugins_and_settings(tmp_path):
    args = datasette_args(tmp_path / "chipwatch.db", 8123)
    assert args[:2] == ["serve", str(tmp_path / "chipwatch.db")]
    assert args[args.index("-m") + 1] == str(METADATA)
    assert args[args.index("--plugins-dir") + 1] == str(PLUGINS_DIR)
    assert args[args.index("--port") + 1] == "8123"
    assert args[args.index("--host") + 1] == "127.0.0.1"
    settings = {args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"}
    assert {"sql_time_limit_ms", "facet_time_limit_ms", "default_page_size"} <= set(settings)


def test_datasette_command_runs_this_interpreters_datasette():
    command = datasette_command(["serve", "x.db"])
    assert command[0] == sys.executable and command[1:] == ["-m", "datasette", "serve", "x.db"]


def test_datasette_args_host_can_be_changed(tmp_path):
    args = datasette_args(tmp_path / "x.db", 80, host="0.0.0.0")
    assert args[args.index("--host") + 1] == "0.0.0.0"


def test_missing_database_is_created_with_the_schema(tmp_path):
    path = tmp_path / "sub" / "chipwatch.db"
    assert ensure_database(path) is True
    tables = {r[0] for r in sqlite3.connect(path).execute("select name from sqlite_master where type='table'")}
    assert {"claims", "figures", "documents", "runs"} <= tables
    assert ensure_database(path) is False


def test_metadata_describes_the_default_and_demo_database_names():
    assert described_databases() >= {"chipwatch", "demo"}


def test_soundness_check_passes_on_a_populated_database(sample_db):
    pages = soundness_check(sample_db[0])
    assert pages == 2 + len(load_metadata()["databases"]["chipwatch"]["queries"])


def test_soundness_check_passes_on_an_empty_database(tmp_path):
    ensure_database(tmp_path / "chipwatch.db")
    soundness_check(tmp_path / "chipwatch.db")


def test_soundness_check_names_a_broken_metadata_file(tmp_path, sample_db):
    broken = tmp_path / "metadata.yml"
    broken.write_text("databases:\n  chipwatch: [unclosed\n", encoding="utf-8")
    with pytest.raises(ServeError, match=r"metadata\.yml: cannot read"):
        soundness_check(sample_db[0], metadata=broken)


def test_soundness_check_names_a_canned_query_the_schema_broke(tmp_path, sample_db):
    metadata = load_metadata()
    metadata["databases"]["chipwatch"]["queries"]["gpu_speedups"]["sql"] = "select speedup from claims"
    broken = tmp_path / "metadata.yml"
    broken.write_text(yaml.safe_dump(metadata), encoding="utf-8")
    with pytest.raises(ServeError, match=r"canned query gpu_speedups .*no such column: speedup"):
        soundness_check(sample_db[0], metadata=broken)


def test_soundness_check_compiles_canned_queries_without_running_them(tmp_path, sample_db):
    """A query that would run for minutes (at a million claims, one did) does not stop serve from starting."""
    metadata = load_metadata()
    metadata["databases"]["chipwatch"]["queries"]["gpu_speedups"]["sql"] = (
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000000000) "
        "select count(*) from n where :vendor is null or :vendor = i")
    slow = tmp_path / "metadata.yml"
    slow.write_text(yaml.safe_dump(metadata), encoding="utf-8")
    started = time.monotonic()
    soundness_check(sample_db[0], metadata=slow)
    assert time.monotonic() - started < 3  # the SQL time limit; a full run would take minutes



def serve_like_parent(tmp_path) -> tuple[subprocess.Popen, int]:
    """A process running a child through ``run_until_stopped`` (as `chipwatch serve` runs Datasette), and the child's pid."""
    pidfile = tmp_path / "child.pid"
    child = f"import os, time; open({str(pidfile)!r}, 'w').write(str(os.getpid())); time.sleep(120)"
    parent = subprocess.Popen([sys.executable, "-c", "import sys; from chipwatch.serve import run_until_stopped; "
                               f"sys.exit(run_until_stopped([sys.executable, '-c', {child!r}]))"], cwd=REPO)
    while not pidfile.exists() or not pidfile.read_text():
        assert parent.poll() is None, "the parent exited before starting its child"
        time.sleep(0.05)
    return parent, int(pidfile.read_text())


def test_stopping_chipwatch_serve_stops_datasette_too(tmp_path):
    """SIGTERM to the parent reaches the server it started: no orphan keeps the port."""
    parent, child_pid = serve_like_parent(tmp_path)
    try:
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(timeout=30) == 128 + signal.SIGTERM  # the child's end, passed on
        with pytest.raises(ProcessLookupError):
            os.kill(child_pid, 0)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_killing_chipwatch_serve_outright_still_stops_datasette(tmp_path):
    """SIGKILL cannot be relayed: the kernel ends the child when its parent dies (PR_SET_PDEATHSIG)."""
    parent, child_pid = serve_like_parent(tmp_path)
    try:
        parent.kill()
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while running(child_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(child_pid)
    finally:
        if parent.poll() is None:
            parent.kill()


def running(pid: int) -> bool:
    """Whether ``pid`` still runs; a dead orphan stays a zombie until init reaps it, which does not count."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return not stat.read().split(") ", 1)[1].startswith("Z")
    except FileNotFoundError:
        return False


def test_opening_the_database_gathers_planner_statistics(tmp_path):
    """ANALYZE after the schema is ensured: SQLite picks the facet indexes instead of guessing."""
    from data.db import open_db

    db = open_db(tmp_path / "chipwatch.db")
    db["claims"].insert_all({"id": f"c{n}", "vendor": "v" + str(n % 3)} for n in range(30))
    db.close()
    db = open_db(tmp_path / "chipwatch.db")
    stats = {row[1] for row in db.execute("select * from sqlite_stat1 where tbl = 'claims'").fetchall()}
    assert "idx_claims_vendor" in stats
