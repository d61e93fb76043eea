"""The unattended run: a lock so two never overlap, a log file, and the crontab line that starts it.

A run killed at any point loses nothing: documents and facts are written in
per-item transactions, a run row left ``running`` is marked ``abandoned`` by
the next run, and the next run fetches and extracts whatever is still missing.
"""

from __future__ import annotations

import fcntl
import os
import shlex
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from chipwatch.config import REPO_ROOT

DEFAULT_SCHEDULE = "17 */6 * * *"  # every six hours, off the hour


EXIT_BUSY = 75  # EX_TEMPFAIL: "try again later", which is what cron and a person should do


class AlreadyRunning(RuntimeError):
    """Another chipwatch command holds the database's write lock."""


@contextmanager
def run_lock(path: Path, *, wait: float = 0.0, command: str = "chipwatch") -> Iterator[None]:
    """Hold an exclusive lock on ``path``, waiting up to ``wait`` seconds; else raise AlreadyRunning.

    ``flock`` locks vanish with the process that held them, so a killed run never leaves a stale lock.
    The holder writes who it is into the file, so the refusal can name it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    waited = f" after waiting {wait:g} s" if wait else ""
                    raise AlreadyRunning(
                        f"another chipwatch command is writing this database ({holder}; lock {path}){waited}; "
                        "try again when it is done, or set CHIPWATCH_LOCK_WAIT=SECONDS to wait for it") from exc
                time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}: {command}, since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        yield
    finally:
        handle.close()


def writer_lock(db_path: Path, *, wait: float = 0.0, command: str = "chipwatch"):
    """The one lock every command that writes ``db_path`` takes (crawl, extract, run, demo, scheduled)."""
    return run_lock(lock_path(db_path), wait=wait, command=command)


def lock_path(db_path: Path) -> Path:
    return db_path.with_suffix(".lock")


def log_dir(db_path: Path) -> Path:
    return db_path.parent / "logs"


CRONTAB_MARK = "# chipwatch scheduled run"


def crontab_line(*, schedule: str = DEFAULT_SCHEDULE, repo: Path = REPO_ROOT, env: dict[str, str] | None = None) -> str:
    """The crontab line for the scheduled run, with the environment it needs spelled out.

    >>> crontab_line(repo=Path("/srv/chipwatch"), env={})
    '17 */6 * * * cd /srv/chipwatch && .venv/bin/python -m chipwatch scheduled --quiet  # chipwatch scheduled run'
    """
    env = {} if env is None else env
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(env.items()))
    command = ".venv/bin/python -m chipwatch scheduled --quiet"
    if assignments:
        command = f"{assignments} {command}"
    return f"{schedule} cd {shlex.quote(str(repo))} && {command}  {CRONTAB_MARK}"


def with_line(table: str, line: str) -> str:
    """``table`` (a crontab's text) with chipwatch's line replaced by ``line``; other lines untouched.

    >>> with_line("MAILTO=me\\n0 1 * * * backup\\n", "17 * * * * run  # chipwatch scheduled run")
    'MAILTO=me\\n0 1 * * * backup\\n17 * * * * run  # chipwatch scheduled run\\n'
    """
    kept = [row for row in table.splitlines() if not row.endswith(CRONTAB_MARK)]
    return "\n".join([*kept, line]) + "\n" if line else ("\n".join(kept) + "\n" if kept else "")


def _read_crontab() -> str:
    import subprocess

    proc = subprocess.run(["crontab", "-l"], capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else ""  # "no crontab for user" is an empty table


def _write_crontab(table: str) -> None:
    import subprocess

    subprocess.run(["crontab", "-"], input=table, text=True, check=True)


def install_crontab(line: str) -> bool:
    """Put ``line`` in the user's crontab (replacing an older chipwatch line); False if it was there already."""
    current = _read_crontab()
    if line in current.splitlines():
        return False
    _write_crontab(with_line(current, line))
    return True


def remove_crontab() -> bool:
    """Take chipwatch's line out of the user's crontab; False if there was none."""
    current = _read_crontab()
    if not any(row.endswith(CRONTAB_MARK) for row in current.splitlines()):
        return False
    _write_crontab(with_line(current, ""))
    return True
