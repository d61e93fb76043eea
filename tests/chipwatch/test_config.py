"""Configuration comes from the environment with defaults that work."""

from __future__ import annotations

from datetime import date

import pytest

from chipwatch.config import REPO_ROOT, ConfigError, load_settings, parse_since, valid_user_agent


def test_defaults_point_at_the_real_sec_and_the_repo_database():
    settings = load_settings({})
    assert settings.db_path == REPO_ROOT / "data" / "chipwatch.db"
    assert settings.sources_path == REPO_ROOT / "sources.yml"
    assert settings.edgar_data_url == "https://data.sec.gov"
    assert settings.edgar_archives_url == "https://www.sec.gov"
    assert settings.sec_user_agent is None
    assert settings.port == 8001


def test_every_endpoint_is_overridable():
    settings = load_settings({"CHIPWATCH_EDGAR_DATA_URL": "http://127.0.0.1:1/data.sec.gov/",
                              "CHIPWATCH_DB": "/tmp/x.db", "PORT": "9001"})
    assert settings.edgar_data_url == "http://127.0.0.1:1/data.sec.gov"
    assert str(settings.db_path) == "/tmp/x.db"
    assert settings.port == 9001


def test_since_takes_a_date_or_a_day_count_and_defaults_to_a_year():
    today = date(2026, 11, 24)
    assert parse_since("2026-01-31", today) == date(2026, 1, 31)
    assert parse_since("30d", today) == date(2026, 10, 25)
    assert parse_since(None, today) == date(2025, 11, 24)
    with pytest.raises(ConfigError, match="CHIPWATCH_SINCE='last week'"):
        parse_since("last week", today)


def test_sec_user_agent_must_declare_a_contact():
    assert valid_user_agent("Jane Doe jane@example.org") == "Jane Doe jane@example.org"
    assert valid_user_agent("python-requests/2.32") is None
    assert valid_user_agent("") is None


def test_a_bad_port_is_a_config_error():
    with pytest.raises(ConfigError, match="PORT='http'"):
        load_settings({"PORT": "http"})


@pytest.mark.parametrize(("env", "message"), [
    ({"CHIPWATCH_SINCE": "99999999d"}, "CHIPWATCH_SINCE='99999999d' reaches back before year 1"),
    ({"CHIPWATCH_LOG_LEVEL": "LOUD"}, "CHIPWATCH_LOG_LEVEL='LOUD' is not one of DEBUG, INFO"),
    ({"PORT": "99999"}, r"PORT='99999' is not a port number \(1-65535\)"),
    ({"PORT": "0"}, "PORT='0' is not a port number"),
])
def test_values_out_of_range_are_config_errors(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_the_log_level_is_read_in_any_case():
    assert load_settings({"CHIPWATCH_LOG_LEVEL": "info"}).log_level == "INFO"
    assert load_settings({}).log_level is None


def test_the_crawler_and_demo_knobs_are_read_here_too():
    settings = load_settings({"CHIPWATCH_CONTACT": " ops@example.org ", "CHIPWATCH_DEMO_PORT": "9001",
                              "CHIPWATCH_SEC_PACE_FILE": "/tmp/pace"})
    assert (settings.contact, settings.demo_port, str(settings.sec_pace_file)) == ("ops@example.org", 9001,
                                                                                   "/tmp/pace")
    with pytest.raises(ConfigError, match="CHIPWATCH_DEMO_PORT='http' is not a port number"):
        load_settings({"CHIPWATCH_DEMO_PORT": "http"})


def test_no_other_module_reads_chipwatch_settings_from_the_environment():
    """One configuration: every CHIPWATCH_* variable is read by chipwatch/config.py, nowhere else."""
    import re

    readers = re.compile(r"os\.environ\.get\([\"']CHIPWATCH_|getenv\([\"']CHIPWATCH_"
                         r"|os\.environ\[[\"']CHIPWATCH_\w+[\"']\](?!\s*=)")  # a read, not the -v flag's write
    offenders = [str(path.relative_to(REPO_ROOT)) for package in ("chipwatch", "crawler", "data", "nlp", "plugins")
                 for path in (REPO_ROOT / package).rglob("*.py")
                 if path.name != "config.py" and readers.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_redis_frontier_is_off_unless_a_redis_url_is_set():
    assert load_settings({}).redis_url is None
    assert load_settings({"CHIPWATCH_REDIS_URL": " redis://127.0.0.1:6380/2 "}).redis_url == \
        "redis://127.0.0.1:6380/2"
    assert load_settings({"CHIPWATCH_REDIS_URL": "unix:///run/redis.sock"}).redis_url == "unix:///run/redis.sock"


@pytest.mark.parametrize("url", ["localhost:6379", "http://127.0.0.1:6379", "redis://", "redis://h:port/0",
                                 "redis://h:99999/0"])
def test_a_bad_redis_url_is_one_config_error_line(url):
    with pytest.raises(ConfigError, match=r"CHIPWATCH_REDIS_URL=.* is not a Redis URL \(redis://host:port/db") as err:
        load_settings({"CHIPWATCH_REDIS_URL": url})
    assert "\n" not in str(err.value)
