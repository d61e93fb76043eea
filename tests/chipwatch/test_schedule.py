"""The scheduled run: never two at once, and a crontab line that says everything it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chipwatch.schedule import AlreadyRunning, crontab_line, run_lock


def test_a_second_run_is_refused_while_the_first_holds_the_lock(tmp_path):
    lock = tmp_path / "chipwatch.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from chipwatch.schedule import run_lock\n"
        f"with run_lock(Path({str(lock)!r})):\n    print('locked', flush=True); time.sleep(30)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunning, match="pid"):
            with run_lock(lock):
                pass
    finally:
        holder.kill()
        holder.wait()
    with run_lock(lock):  # the killed holder left no stale lock behind
        pass


def test_the_crontab_line_changes_directory_logs_and_carries_the_environment():
    line = crontab_line(schedule="0 * * * *", repo=Path("/srv/chip watch"),
                        env={"SEC_USER_AGENT": "Jane Doe jane@example.org"})
    assert line.startswith("0 * * * * cd '/srv/chip watch' && mkdir -p data/logs && ")
    assert "SEC_USER_AGENT='Jane Doe jane@example.org' .venv/bin/python -m chipwatch scheduled" in line
    assert line.endswith(">> data/logs/cron.log 2>&1")
