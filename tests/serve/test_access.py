"""``CHIPWATCH_ALLOW_SQL=0`` against a real started Datasette: arbitrary SQL is refused, the rest answers."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from chipwatch.config import ConfigError, load_settings
from chipwatch.replay import free_port
from chipwatch.serve import datasette_args, datasette_command


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.fixture(scope="module", params=["0", "1"])
def started(request, tmp_path_factory):
    """``(base URL, CHIPWATCH_ALLOW_SQL)`` of a datasette process started as ``chipwatch serve`` starts it."""
    from data.db import open_db
    from tests.serve.conftest import populate

    path = tmp_path_factory.mktemp("access") / "chipwatch.db"
    db = open_db(path)
    populate(db)
    db.close()
    port = free_port()
    env = {**os.environ, "CHIPWATCH_ALLOW_SQL": request.param}
    proc = subprocess.Popen(datasette_command(datasette_args(path, port)), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if _status(url + "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield url, request.param
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_arbitrary_sql_follows_the_setting(started):
    url, allow = started
    expected = 403 if allow == "0" else 200
    assert _status(url + "/chipwatch.json?sql=select+count(*)+from+claims")[0] == expected
    assert _status(url + "/chipwatch/claims?_where=unit%3D%27x%27")[0] == expected


def test_canned_queries_tables_and_our_pages_answer_without_sql(started):
    url, allow = started
    for path in ("/", "/chipwatch", "/chipwatch/claims?vendor=lumenar", "/chipwatch/search_claims?q=faster",
                 "/chipwatch/new_claims.atom", "/chipwatch/-/search?q=faster", "/chipwatch/-/vendor/lumenar"):
        assert _status(url + path)[0] == 200, path
    edit_link = "View and edit SQL" in _status(url + "/chipwatch/claims")[1]
    assert edit_link == (allow == "1")


def test_a_value_that_is_neither_yes_nor_no_is_refused():
    with pytest.raises(ConfigError, match="CHIPWATCH_ALLOW_SQL='maybe'"):
        load_settings({"CHIPWATCH_ALLOW_SQL": "maybe"})
    assert load_settings({"CHIPWATCH_ALLOW_SQL": "off"}).allow_sql is False
    assert load_settings({}).allow_sql is True
