"""The unattended run: a lock so two never overlap, a log file, and the crontab line that starts it.

A run killed at any point loses nothing: documents and facts are written in
per-item transactions, a run row left ``running`` is marked ``abandoned`` by
the next run, and the next run fetches and extracts whatever is still missing.
"""

from __future__ import annotations

import fcntl
import os
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from chipwatch.config import REPO_ROOT

DEFAULT_SCHEDULE = "17 */6 * * *"  # every six hours, off the hour


class AlreadyRunning(RuntimeError):
    """Another scheduled run holds the lock."""


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock on ``path``; raise AlreadyRunning if another process has it.

    ``flock`` locks vanish with the process that held them, so a killed run never leaves a stale lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise AlreadyRunning(f"another chipwatch run holds {path} ({holder})") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()


def lock_path(db_path: Path) -> Path:
    return db_path.with_suffix(".lock")


def log_dir(db_path: Path) -> Path:
    return db_path.parent / "logs"


def crontab_line(*, schedule: str = DEFAULT_SCHEDULE, repo: Path = REPO_ROOT, env: dict[str, str] | None = None) -> str:
    """The crontab line for the scheduled run, with the environment it needs spelled out.

    >>> crontab_line(repo=Path("/srv/chipwatch"), env={})  # doctest: +ELLIPSIS
    '17 */6 * * * cd /srv/chipwatch && mkdir -p data/logs && .venv/bin/python -m chipwatch scheduled >> ...'
    """
    env = {} if env is None else env
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(env.items()))
    command = f"{assignments} .venv/bin/python -m chipwatch scheduled" if assignments else \
        ".venv/bin/python -m chipwatch scheduled"
    return f"{schedule} cd {shlex.quote(str(repo))} && mkdir -p data/logs && {command} >> data/logs/cron.log 2>&1"
