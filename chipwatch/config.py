"""Configuration from the environment, in one place, with defaults that work.

Every endpoint is overridable so tests and ``make demo`` can point the real
spiders at a local server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_DB = "data/chipwatch.db"
DEFAULT_SOURCES = "sources.yml"
DEFAULT_EDGAR_DATA_URL = "https://data.sec.gov"
DEFAULT_EDGAR_ARCHIVES_URL = "https://www.sec.gov"
DEFAULT_PORT = 8001
DEFAULT_HORIZON_DAYS = 365
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A configuration value is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    db_path: Path
    sources_path: Path
    edgar_data_url: str
    edgar_archives_url: str
    sec_user_agent: str | None
    since: date
    port: int
    # Limits (issue 9): validated numbers, so a bad value is an Error: line, never a disabled safeguard.
    sec_rate: float = 8.0
    sec_pause: float = 600.0
    timeout: float = 30.0
    retry_after_max: float = 120.0
    max_run_seconds: float = 5 * 3600.0
    source_budget_seconds: float = 1800.0
    lock_wait: float = 0.0
    # Scrapy's own logging; None: WARNING, or INFO with `chipwatch -v`
    log_level: str | None = None
    contact: str | None = None  # in the crawler's User-Agent; default: the SEC_USER_AGENT's address
    demo_port: int = 8765  # a fixed port keeps the demo corpus's URLs the same from run to run
    sec_pace_file: Path | None = None  # default: one per user in the temp directory
    mlperf_rounds: tuple[str, ...] = ()  # MLPerf Inference summary.csv URLs, one per round
    # The shared crawl frontier (issue 13): `chipwatch crawl --worker` and `chipwatch store` meet here
    redis_url: str | None = None
    # CHIPWATCH_ALLOW_SQL=0: Datasette denies arbitrary SQL (execute-sql); canned queries still answer
    allow_sql: bool = True
    # An operations bound (and the tests' "full disk"): the database never grows past this many pages
    max_db_pages: int | None = None
    # The Scrapy HTTP cache (off unless HTTPCACHE_ENABLED=1) is pruned to this size after every crawl
    httpcache_max_mb: float = 200.0

    def as_env(self) -> dict[str, str]:
        """The settings as environment variables, for a child process."""
        env = {
            "CHIPWATCH_DB": str(self.db_path),
            "CHIPWATCH_SOURCES": str(self.sources_path),
            "CHIPWATCH_EDGAR_DATA_URL": self.edgar_data_url,
            "CHIPWATCH_EDGAR_ARCHIVES_URL": self.edgar_archives_url,
            "CHIPWATCH_SINCE": self.since.isoformat(),
            "PORT": str(self.port),
        }
        if self.sec_user_agent:
            env["SEC_USER_AGENT"] = self.sec_user_agent
        return env


def parse_since(value: str | None, today: date | None = None) -> date:
    """``CHIPWATCH_SINCE``: an ISO date, or a number of days back (``"90d"``).

    >>> parse_since("2026-01-31")
    datetime.date(2026, 1, 31)
    """
    today = today or date.today()
    if not value:
        return today - timedelta(days=DEFAULT_HORIZON_DAYS)
    value = value.strip()
    if value.endswith("d") and value[:-1].isdigit():
        try:
            return today - timedelta(days=int(value[:-1]))
        except OverflowError as exc:  # "99999999d" reaches before year 1
            raise ConfigError(f"CHIPWATCH_SINCE={value!r} reaches back before year 1; use fewer days or a date") from exc
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"CHIPWATCH_SINCE={value!r} is not a date (YYYY-MM-DD) or a day count (90d)") from exc


def valid_user_agent(value: str | None) -> str | None:
    """SEC asks for a declared "Name email" User-Agent; return it only if it has a contact address."""
    if value and "@" in value and len(value.split()) >= 2:
        return value.strip()
    return None


def repo_path(value: str) -> Path:
    """``value`` as a path; relative paths are taken from the repository root, not the working directory."""
    path = Path(value)
    return path if path.is_absolute() else REPO_ROOT / path


def parse_port(env, name: str, default: int) -> int:
    """A TCP port from ``env[name]``, else ConfigError naming the variable."""
    raw = (env.get(name) or str(default)).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ConfigError(f"{name}={raw!r} is not a port number (1-65535)")
    return int(raw)


REDIS_SCHEMES = ("redis", "rediss", "unix")


def parse_redis_url(value: str | None) -> str | None:
    """``CHIPWATCH_REDIS_URL``: ``redis://host:port/db``, ``rediss://...`` or ``unix:///path``; else ConfigError.

    >>> parse_redis_url("redis://127.0.0.1:6379/0")
    'redis://127.0.0.1:6379/0'
    """
    if not value or not value.strip():
        return None
    url = value.strip()
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    usable = parts.path if parts.scheme == "unix" else parts.hostname
    if parts.scheme not in REDIS_SCHEMES or not usable or not port_ok:
        raise ConfigError(f"CHIPWATCH_REDIS_URL={value!r} is not a Redis URL "
                          "(redis://host:port/db, rediss://host:port/db or unix:///path/to/socket)")
    return url


FLAG_VALUES = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def parse_allow_sql(env) -> bool:
    """``CHIPWATCH_ALLOW_SQL``: may visitors run arbitrary SQL in Datasette? Default yes; else ConfigError.

    >>> parse_allow_sql({}), parse_allow_sql({"CHIPWATCH_ALLOW_SQL": "0"})
    (True, False)
    """
    raw = (env.get("CHIPWATCH_ALLOW_SQL") or "").strip().lower()
    if not raw:
        return True
    if raw not in FLAG_VALUES:
        raise ConfigError(f"CHIPWATCH_ALLOW_SQL={env.get('CHIPWATCH_ALLOW_SQL')!r} is not one of 1, 0, on, off, "
                          "true, false, yes, no")
    return FLAG_VALUES[raw]


def parse_max_db_pages(value: str | None) -> int | None:
    """``CHIPWATCH_MAX_DB_PAGES``: a whole number of SQLite pages (4 KiB each), or unset for no bound.

    >>> parse_max_db_pages("25600"), parse_max_db_pages(None)
    (25600, None)
    """
    if value is None or not value.strip():
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise ConfigError(f"CHIPWATCH_MAX_DB_PAGES={value!r} must be a whole number of pages (4 KiB each), at least 1")
    return int(value)


def load_settings(env: os._Environ | dict | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    port = parse_port(env, "PORT", DEFAULT_PORT)
    log_level = (env.get("CHIPWATCH_LOG_LEVEL") or "").strip().upper() or None
    if log_level is not None and log_level not in LOG_LEVELS:
        raise ConfigError(f"CHIPWATCH_LOG_LEVEL={env.get('CHIPWATCH_LOG_LEVEL')!r} is not one of "
                          f"{', '.join(LOG_LEVELS)}")
    demo_port = parse_port(env, "CHIPWATCH_DEMO_PORT", 8765)
    pace_file = env.get("CHIPWATCH_SEC_PACE_FILE")
    rounds = tuple(url.strip() for url in (env.get("CHIPWATCH_MLPERF_ROUNDS") or "").split(",") if url.strip())
    for url in rounds:
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"CHIPWATCH_MLPERF_ROUNDS: {url!r} is not an http(s) URL")
    return Settings(
        db_path=repo_path(env.get("CHIPWATCH_DB") or DEFAULT_DB),
        sources_path=repo_path(env.get("CHIPWATCH_SOURCES") or DEFAULT_SOURCES),
        edgar_data_url=(env.get("CHIPWATCH_EDGAR_DATA_URL") or DEFAULT_EDGAR_DATA_URL).rstrip("/"),
        edgar_archives_url=(env.get("CHIPWATCH_EDGAR_ARCHIVES_URL") or DEFAULT_EDGAR_ARCHIVES_URL).rstrip("/"),
        sec_user_agent=valid_user_agent(env.get("SEC_USER_AGENT")),
        since=parse_since(env.get("CHIPWATCH_SINCE")),
        port=port,
        log_level=log_level,
        contact=(env.get("CHIPWATCH_CONTACT") or "").strip() or None,
        demo_port=demo_port,
        sec_pace_file=Path(pace_file) if pace_file else None,
        mlperf_rounds=rounds,
        redis_url=parse_redis_url(env.get("CHIPWATCH_REDIS_URL")),
        allow_sql=parse_allow_sql(env),
        max_db_pages=parse_max_db_pages(env.get("CHIPWATCH_MAX_DB_PAGES")),
        **limits_from_env(env),
    )


# --- limits (issue 9) ----------------------------------------------------------------------
# name in the environment -> (Settings field, default, smallest allowed value)
LIMITS = {
    "CHIPWATCH_SEC_RATE": ("sec_rate", 8.0, 0.01),  # SEC allows 10/s per user; 0 would mean "no pacing"
    "CHIPWATCH_SEC_PAUSE": ("sec_pause", 600.0, 0.0),
    "CHIPWATCH_TIMEOUT": ("timeout", 30.0, 1.0),
    "CHIPWATCH_RETRY_AFTER_MAX": ("retry_after_max", 120.0, 0.0),
    # a 6-hourly cron: stop well before the next run is due
    "CHIPWATCH_MAX_RUN_SECONDS": ("max_run_seconds", 5 * 3600.0, 1.0),
    "CHIPWATCH_SOURCE_BUDGET_SECONDS": ("source_budget_seconds", 1800.0, 1.0),
    # how long a command waits for another one writing the same database (0: refuse at once, exit 75)
    "CHIPWATCH_LOCK_WAIT": ("lock_wait", 0.0, 0.0),
    # the HTTP cache's size after each crawl, in megabytes (only when HTTPCACHE_ENABLED=1)
    "CHIPWATCH_HTTPCACHE_MAX_MB": ("httpcache_max_mb", 200.0, 0.0),
}


def env_number(env, name: str, default: float, minimum: float) -> float:
    """A positive, finite number from ``env[name]`` (``default`` when unset), else ConfigError.

    >>> env_number({"CHIPWATCH_SEC_RATE": "-1"}, "CHIPWATCH_SEC_RATE", 8.0, 0.01)
    Traceback (most recent call last):
    ...
    chipwatch.config.ConfigError: CHIPWATCH_SEC_RATE='-1' must be a number of at least 0.01
    """
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not (value >= minimum and value != float("inf")):  # also refuses nan
        raise ConfigError(f"{name}={raw!r} must be a number of at least {minimum:g}")
    return value


def limits_from_env(env) -> dict[str, float]:
    return {field: env_number(env, name, default, minimum) for name, (field, default, minimum) in LIMITS.items()}
