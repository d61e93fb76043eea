"""SEC pacing shared by every chipwatch process on the machine, through one small file.

The SEC counts requests per user across processes and machines, so two crawls
at once (a manual ``chipwatch crawl`` beside the cron run) must share one
schedule. The file holds two wall-clock times, ``next_turn paused_until``;
each SEC request takes its turn under an ``flock`` held for microseconds,
then sleeps (reactor-friendly) until that turn. A rate-limit pause written by
one process holds back all of them.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path
from time import time


def default_pace_path() -> Path:
    """One file per user in the temp directory (``CHIPWATCH_SEC_PACE_FILE`` overrides it, via the settings)."""
    return Path(tempfile.gettempdir()) / f"chipwatch-sec-pace-{os.getuid()}"


class SharedPace:
    """``next_turn`` and ``paused_until`` kept in ``path``, read and written under an exclusive flock."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def _update(self, change) -> tuple[float, float]:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            raw = os.read(fd, 200).split()
            try:
                next_turn, paused_until = float(raw[0]), float(raw[1])
            except (IndexError, ValueError):  # new or damaged file: start afresh
                next_turn, paused_until = 0.0, 0.0
            result = change(next_turn, paused_until)
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, f"{result[0]!r} {result[1]!r}\n".encode())
            return result
        finally:
            os.close(fd)  # closing releases the flock

    def take_turn(self, interval: float) -> tuple[float, float]:
        """Claim the next send slot; return ``(turn, paused_until)`` as wall-clock times."""
        now = time()
        taken = {}

        def change(next_turn, paused_until):
            taken["turn"] = max(now, next_turn, paused_until)
            return taken["turn"] + interval, paused_until

        _, paused_until = self._update(change)
        return taken["turn"], paused_until

    def paused_until(self) -> float:
        return self._update(lambda n, p: (n, p))[1]

    def pause(self, until: float) -> None:
        self._update(lambda n, p: (n, max(p, until)))
