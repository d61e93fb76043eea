"""How long a run may take and whether it was asked to stop: a deadline and SIGTERM/SIGINT as a flag.

Stages check ``bounds.status`` between units of work (a spider's requests, one
document's extraction), so a stop or a timeout never cuts a write in half: every
document and every document's facts are stored in their own transaction, and
the next run picks up what is missing.
"""

from __future__ import annotations

import signal
import time
from typing import Any

STOPPED = "stopped"
TIMED_OUT = "timed out"


class Bounds:
    """A wall-clock budget for one command and the stop request of a signal, if one came."""

    def __init__(self, max_seconds: float, *, clock=time.monotonic):
        self._clock = clock
        self.max_seconds = max_seconds
        self.deadline = clock() + max_seconds
        self.signum: int | None = None
        self.handles_signals = False

    def remaining(self) -> float:
        return max(0.0, self.deadline - self._clock())

    @property
    def status(self) -> str | None:
        """``"stopped"`` after a signal, ``"timed out"`` past the deadline, else None (go on)."""
        if self.signum is not None:
            return STOPPED
        if self._clock() >= self.deadline:
            return TIMED_OUT
        return None

    def request_stop(self, signum: int, _frame: Any = None) -> None:
        self.signum = signum

    def install_signal_handlers(self) -> None:
        """SIGTERM and SIGINT set the flag instead of killing the process half-way through a stage."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.request_stop)
        self.handles_signals = True

    def restore_signal_handlers(self) -> None:
        """Back to Python's defaults (for `serve`, which handles its own Ctrl-C)."""
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self.handles_signals = False

    @property
    def exit_code(self) -> int:
        """What a shell reports for the stop: 128 + the signal's number (143 for SIGTERM)."""
        return 128 + (self.signum or signal.SIGTERM)

    def explain(self) -> str:
        if self.signum is not None:
            return f"stopped by {signal.Signals(self.signum).name}"
        return (f"timed out: the run passed its {self.max_seconds:g} s limit "
                "(CHIPWATCH_MAX_RUN_SECONDS)")


def unbounded() -> Bounds:
    """Bounds that never expire and ignore signals: for library callers and tests."""
    return Bounds(float("inf"))
