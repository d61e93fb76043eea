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


# The pace in one Redis hash, changed by scripts (atomic on the server) and timed by the server's clock,
# so workers on machines whose clocks disagree still space their SEC requests on one schedule.
_TAKE_TURN = """
local t = redis.call('TIME'); local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local next_turn = tonumber(redis.call('HGET', KEYS[1], 'next_turn') or '0')
local paused_until = tonumber(redis.call('HGET', KEYS[1], 'paused_until') or '0')
local turn = math.max(now, next_turn, paused_until)
redis.call('HSET', KEYS[1], 'next_turn', string.format('%.6f', turn + tonumber(ARGV[1])))
return {string.format('%.6f', turn - now), string.format('%.6f', paused_until - now)}
"""
_PAUSE = """
local t = redis.call('TIME'); local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local paused_until = tonumber(redis.call('HGET', KEYS[1], 'paused_until') or '0')
redis.call('HSET', KEYS[1], 'paused_until', string.format('%.6f', math.max(paused_until, now + tonumber(ARGV[1]))))
return string.format('%.6f', math.max(paused_until, now + tonumber(ARGV[1])) - now)
"""
_PAUSED_UNTIL = """
local t = redis.call('TIME'); local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
return string.format('%.6f', tonumber(redis.call('HGET', KEYS[1], 'paused_until') or '0') - now)
"""
REDIS_PACE_KEY = "chipwatch:sec:pace"


class RedisPace:
    """SharedPace's interface over Redis: one SEC schedule for every worker of a shared crawl frontier.

    Times go in and out as this machine's wall clock; Redis keeps them on its own clock.
    """

    def __init__(self, redis_url: str, key: str = REDIS_PACE_KEY):
        import redis

        self.key = key
        self.server = redis.Redis.from_url(redis_url, socket_timeout=10, socket_connect_timeout=10)
        self._take_turn = self.server.register_script(_TAKE_TURN)
        self._pause = self.server.register_script(_PAUSE)
        self._paused_until = self.server.register_script(_PAUSED_UNTIL)

    def take_turn(self, interval: float) -> tuple[float, float]:
        """Claim the next send slot; return ``(turn, paused_until)`` as wall-clock times."""
        turn_in, paused_in = self._take_turn(keys=[self.key], args=[f"{interval:.6f}"])
        now = time()
        return now + float(turn_in), now + float(paused_in)

    def paused_until(self) -> float:
        return time() + float(self._paused_until(keys=[self.key]))

    def pause(self, until: float) -> None:
        self._pause(keys=[self.key], args=[f"{max(0.0, until - time()):.6f}"])


def open_pace(path: Path | str | None, redis_url: str | None) -> SharedPace | RedisPace:
    """The SEC pace to share: through Redis when a shared frontier is configured, else the flock'd file."""
    if redis_url:
        return RedisPace(redis_url)
    return SharedPace(Path(path) if path else default_pace_path())
