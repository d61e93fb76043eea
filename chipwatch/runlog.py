"""The scheduled run's console: every line to a size-bounded, rotated log file; the terminal only on trouble.

Cron mails whatever a job prints, so a quiet run prints nothing when all went
well and the whole run's output when it did not. The log file keeps every run
either way, rotated at ``MAX_LOG_BYTES`` with ``LOG_BACKUPS`` old files kept.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_LOG_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 4  # so logs never take more than 25 MB
KEEP_LINES = 2000  # of one run, for the mail when it fails


class RunLog(io.TextIOBase):
    """A text stream that writes whole lines to a rotating log file and keeps the last lines of the run."""

    def __init__(self, path: Path, *, echo=None):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS,
                                                            encoding="utf-8")
        self.handler.setFormatter(logging.Formatter("%(message)s"))
        self.lines: deque[str] = deque(maxlen=KEEP_LINES)
        self.echo = echo  # a stream to copy to as well (not quiet), or None
        self._partial = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.echo is not None:
            self.echo.write(text)
        *complete, self._partial = (self._partial + text).split("\n")
        for line in complete:
            self._emit(line)
        return len(text)

    def flush(self) -> None:
        if self.echo is not None:
            self.echo.flush()

    def close_run(self) -> None:
        if self._partial:
            self._emit(self._partial)
            self._partial = ""
        self.handler.close()

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        self.handler.emit(logging.makeLogRecord({"msg": line, "levelno": logging.INFO, "levelname": "INFO"}))


@contextmanager
def run_log(path: Path, *, quiet: bool) -> Iterator[RunLog]:
    """Send this process's stderr (ours, click's and Scrapy's log) to ``path`` for the duration.

    ``quiet``: nothing reaches the real stderr unless the body exits non-zero or raises; then
    the run's lines are printed there, so cron's mail says what went wrong.
    """
    real = sys.stderr
    log = RunLog(path, echo=None if quiet else real)
    sys.stderr = log
    failed = True
    try:
        yield log
        failed = False
    except SystemExit as exc:
        failed = exc.code not in (0, None)
        raise
    finally:
        sys.stderr = real
        log.close_run()
        if quiet and failed:
            real.write("\n".join(log.lines) + "\n")
            real.write(f"(the whole log: {path})\n")
            real.flush()
