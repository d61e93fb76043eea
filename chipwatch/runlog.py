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


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that keeps the first write error instead of printing it.

    logging prints a failed write's traceback to sys.stderr, which during a run is the RunLog itself:
    the error would be written to the file that just failed. The RunLog reports it once, at the end.
    """

    write_error: OSError | None = None

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if self.write_error is None and isinstance(error, OSError):
            self.write_error = error


class RunLog(io.TextIOBase):
    """A text stream that writes whole lines to a rotating log file and keeps the last lines of the run."""

    def __init__(self, path: Path, *, echo=None):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.handler = _LogFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
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

    def close_run(self) -> OSError | None:
        """Write out the last line and close the file; return the first error writing it, if any."""
        if self._partial:
            self._emit(self._partial)
            self._partial = ""
        try:
            self.handler.close()  # flushes: a full disk may only show here
        except OSError as exc:
            self.handler.write_error = self.handler.write_error or exc
        return self.handler.write_error

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        self.handler.emit(logging.makeLogRecord({"msg": line, "levelno": logging.INFO, "levelname": "INFO"}))


@contextmanager
def run_log(path: Path, *, quiet: bool) -> Iterator[RunLog]:
    """Send this process's stderr (ours, click's and Scrapy's log) to ``path`` for the duration.

    ``quiet``: nothing reaches the real stderr unless the body exits non-zero or raises; then
    the run's lines are printed there, so cron's mail says what went wrong.
    A log file that could not be written (a full disk) makes the run fail too (LogFileFull), after
    the run's lines were printed, since the file does not hold them.
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
        write_error = log.close_run()
        if quiet and (failed or write_error):
            real.write("\n".join(log.lines) + "\n")
            if not write_error:
                real.write(f"(the whole log: {path})\n")
            real.flush()
        if write_error and not failed:
            raise LogFileFull(path, write_error)


class LogFileFull(OSError):
    """The run log could not be written (ENOSPC): an OSError with its errno and the log's path."""

    def __init__(self, path: Path, error: OSError):
        super().__init__(error.errno, error.strerror or str(error), str(path))
