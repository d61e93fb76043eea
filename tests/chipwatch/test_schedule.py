"""The scheduled run: never two at once, and a crontab line that says everything it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chipwatch.schedule import AlreadyRunning, crontab_line, run_lock, with_line
from tests.conftest import run_chipwatch


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


def test_the_crontab_line_changes_directory_runs_quietly_and_carries_the_environment():
    line = crontab_line(schedule="0 * * * *", repo=Path("/srv/chip watch"),
                        env={"SEC_USER_AGENT": "Jane Doe jane@example.org"})
    assert line.startswith("0 * * * * cd '/srv/chip watch' && ")
    assert "SEC_USER_AGENT='Jane Doe jane@example.org' .venv/bin/python -m chipwatch scheduled --quiet" in line
    assert line.endswith("# chipwatch scheduled run")  # the mark --install and --remove find it by


def test_installing_replaces_an_older_chipwatch_line_and_keeps_the_others():
    table = "MAILTO=ops@example.org\n0 3 * * * /usr/local/bin/backup\n5 * * * * old  # chipwatch scheduled run\n"
    new = crontab_line(repo=Path("/srv/chipwatch"), env={})
    once = with_line(table, new)
    assert once.splitlines() == ["MAILTO=ops@example.org", "0 3 * * * /usr/local/bin/backup", new]
    assert with_line(once, new) == once  # idempotent
    assert with_line(once, "") == "MAILTO=ops@example.org\n0 3 * * * /usr/local/bin/backup\n"


FAKE_CRONTAB = """#!/bin/sh
# crontab(1)'s two calls chipwatch makes, on a file: -l prints the table, - replaces it from stdin
table="$CRONTAB_FILE"
case "$1" in
  -l) [ -f "$table" ] || { echo "no crontab for $(id -un)" >&2; exit 1; }; cat "$table" ;;
  -) cat > "$table" ;;
  *) exit 2 ;;
esac
"""


def test_cron_install_and_remove_through_crontab(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "crontab").write_text(FAKE_CRONTAB)
    (bin_dir / "crontab").chmod(0o755)
    table = tmp_path / "table"
    table.write_text("0 3 * * * /usr/local/bin/backup\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
    env.update(PATH=f"{bin_dir}:{env['PATH']}", CRONTAB_FILE=str(table), SEC_USER_AGENT="Jane Doe jane@example.org")
    first = run_chipwatch("cron", "--install", env=env, timeout=60)
    again = run_chipwatch("cron", "--install", env=env, timeout=60)
    assert (first.returncode, first.stderr.strip(), again.stderr.strip()) == (0, "installed", "already installed")
    rows = table.read_text().splitlines()
    assert rows[0] == "0 3 * * * /usr/local/bin/backup" and len(rows) == 2
    assert "SEC_USER_AGENT='Jane Doe jane@example.org'" in rows[1] and rows[1].endswith("# chipwatch scheduled run")
    assert run_chipwatch("cron", "--remove", env=env, timeout=60).stderr.strip() == "removed"
    assert table.read_text() == "0 3 * * * /usr/local/bin/backup\n"
