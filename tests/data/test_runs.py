"""``data.runs``: the runs table never lies about a run that is gone, even when its pid lives on in another."""

from __future__ import annotations

import os
import subprocess
import sys

from data.db import open_db
from data.runs import mark_abandoned, process_start_time, start_run


def test_a_run_whose_pid_now_belongs_to_another_process_is_abandoned(tmp_path):
    db = open_db(tmp_path / "chipwatch.db")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        started = process_start_time(other.pid)
        db["runs"].insert({"stage": "crawl", "status": "running", "pid": other.pid, "pid_started": started - 1})
        db["runs"].insert({"stage": "extract", "status": "running", "pid": other.pid, "pid_started": started})
        assert mark_abandoned(db) == 1
        statuses = [r["status"] for r in db.query("select status from runs order by id")]
        assert statuses == ["abandoned", "running"]  # the live process's own run stays running
    finally:
        other.kill()
        other.wait()


def test_a_run_records_its_process_start_time(tmp_path):
    db = open_db(tmp_path / "chipwatch.db")
    run = start_run(db, "crawl")
    assert db["runs"].get(run)["pid_started"] == process_start_time(os.getpid())
