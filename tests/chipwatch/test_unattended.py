"""Issue 9: unattended runs are hostile-input safe: bad limits are refused, SEC etiquette can't be switched off."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from chipwatch.bounds import Bounds
from chipwatch.config import ConfigError, load_settings
from chipwatch.replay import Answer
from crawler.middlewares.pace import SharedPace
from data.db import open_db
from tests.conftest import REPO, demo_env, run_chipwatch
from tests.crawler.newsroom import templated


@pytest.mark.parametrize("value", ["0", "-1", "fast", "nan", "inf"])
def test_a_bad_sec_rate_is_a_config_error(value):
    with pytest.raises(ConfigError, match="CHIPWATCH_SEC_RATE"):
        load_settings({"CHIPWATCH_SEC_RATE": value})


@pytest.mark.parametrize("name", ["CHIPWATCH_TIMEOUT", "CHIPWATCH_SEC_PAUSE", "CHIPWATCH_RETRY_AFTER_MAX",
                                  "CHIPWATCH_MAX_RUN_SECONDS"])
def test_other_limits_refuse_garbage(name):
    with pytest.raises(ConfigError, match=name):
        load_settings({name: "soon"})


@pytest.mark.parametrize("value", ["0", "-1", "garbage"])
def test_a_bad_sec_rate_stops_the_crawl_before_any_request(replay, crawl_env, value):
    result = run_chipwatch("crawl", "--spider", "edgar", env=crawl_env("edgar.yml", CHIPWATCH_SEC_RATE=value),
                           timeout=60)
    assert result.returncode == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"Error: CHIPWATCH_SEC_RATE={value!r} must be a number of at least 0.01"]
    assert replay.requests == []


@pytest.mark.parametrize("override", ["SEC_MAX_REQUESTS_PER_SECOND=0",
                                      "DOWNLOADER_MIDDLEWARES={\"crawler.middlewares.sec.SecEtiquetteMiddleware\": null}"])
def test_the_sec_middleware_cannot_be_switched_off_while_edgar_is_crawled(replay, crawl_env, override):
    result = run_chipwatch("crawl", "--spider", "edgar", "-s", override, env=crawl_env("edgar.yml"), timeout=60)
    assert result.returncode == 2, result.output
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert replay.requests == []


def test_sec_turns_are_spaced_across_processes(tmp_path):
    """Two processes taking turns on one pace file get one schedule: no two turns closer than the interval."""
    pace = tmp_path / "sec.pace"
    code = (f"from crawler.middlewares.pace import SharedPace\np = SharedPace({str(pace)!r})\n"
            "print(*(p.take_turn(0.05)[0] for _ in range(10)))")
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    turns = sorted(float(t) for proc in procs for t in proc.communicate(timeout=30)[0].split())
    assert len(turns) == 20
    gaps = [b - a for a, b in zip(turns, turns[1:], strict=False)]
    assert min(gaps) >= 0.05 - 1e-6


def test_a_pause_written_by_one_process_holds_back_another(tmp_path):
    SharedPace(tmp_path / "p").pause(time.time() + 30)
    turn, paused_until = SharedPace(tmp_path / "p").take_turn(0.1)
    assert turn >= paused_until > time.time() + 20


# --- one writer per database -----------------------------------------------------------------

HOLD_LOCK = ("import sys, time; from pathlib import Path; from chipwatch.schedule import writer_lock\n"
             "with writer_lock(Path(sys.argv[1]), command='scheduled'):\n"
             "    print('locked', flush=True); time.sleep(float(sys.argv[2]))")


def hold_write_lock(db_path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path), str(seconds)], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


@pytest.mark.parametrize("args", [("crawl", "--spider", "feeds"), ("extract",), ("run", "--no-serve")])
def test_every_writing_command_is_refused_while_another_writes(replay, crawl_env, db_path, args):
    holder = hold_write_lock(db_path, 60)
    try:
        result = run_chipwatch(*args, env=crawl_env("newsrooms.yml"), timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 75, result.output
    assert result.stderr.startswith("Error: another chipwatch command is writing this database (pid ")
    assert "scheduled" in result.stderr and "CHIPWATCH_LOCK_WAIT" in result.stderr
    assert replay.requests == []  # refused before anything was fetched


def test_a_writer_can_wait_for_the_lock_instead(replay, crawl_env, db_path):
    holder = hold_write_lock(db_path, 2)
    started = time.monotonic()
    result = run_chipwatch("extract", "--quiet", env=crawl_env("newsrooms.yml", CHIPWATCH_LOCK_WAIT="30"), timeout=90)
    holder.wait()
    assert result.returncode == 0, result.output
    assert time.monotonic() - started >= 1.5  # it waited for the holder, then ran
    assert "extract run" in result.stderr


def test_a_bad_lock_wait_is_a_config_error():
    with pytest.raises(ConfigError, match="CHIPWATCH_LOCK_WAIT"):
        load_settings({"CHIPWATCH_LOCK_WAIT": "forever"})


# --- bounded and stoppable -------------------------------------------------------------------

HANGING_FEED = "/newsroom.voltara.test/releases.xml"


def hang(path: str, seconds: float = 120):
    """A rule: the host behind ``/<host>/<path>`` accepts the request and answers only after ``seconds``."""
    _, host, rest = path.split("/", 2)

    def rule(info):
        if info.host == host and info.path.startswith("/" + rest):
            return Answer(200, b"", delay=seconds)
        return None

    return rule


def serve_newsrooms(replay, *rules) -> None:
    """The newsroom fixture sites on ``replay``, behind ``rules`` (faults first)."""
    replay.rules[:0] = [*rules, templated(replay)]


def runs(db_path) -> list[dict]:
    return list(open_db(db_path).query("select stage, status, message from runs order by id"))


def test_sigterm_stops_a_crawl_stuck_on_a_hanging_host_within_seconds(replay, crawl_env, db_path):
    serve_newsrooms(replay, hang(HANGING_FEED))
    proc = subprocess.Popen([sys.executable, "-m", "chipwatch", "crawl", "--spider", "feeds"], cwd=REPO,
                            env=crawl_env("newsrooms.yml", CHIPWATCH_TIMEOUT="60"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not replay.hits("newsroom.voltara.test") and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    signalled = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert time.monotonic() - signalled < 10, stderr  # Scrapy alone waits for the 60 s download
    assert proc.returncode == 143, stderr
    assert "stopped by SIGTERM" in stderr and "Traceback" not in stderr
    assert runs(db_path)[-1]["status"] == "stopped"
    assert open_db(db_path).execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_hanging_host_cannot_hold_the_run_past_its_limit(replay, crawl_env, db_path):
    serve_newsrooms(replay, hang(HANGING_FEED))
    started = time.monotonic()
    result = run_chipwatch("run", "--no-serve", env=crawl_env("newsrooms.yml", CHIPWATCH_TIMEOUT="60",
                                                              CHIPWATCH_MAX_RUN_SECONDS="4"), timeout=90)
    assert time.monotonic() - started < 30, result.output
    assert result.returncode == 124, result.output
    assert "CHIPWATCH_MAX_RUN_SECONDS" in result.stderr
    assert [r["status"] for r in runs(db_path)] == ["timed out"]  # extraction was not started after it


def test_a_per_source_budget_closes_only_the_slow_spider(replay, crawl_env, db_path):
    serve_newsrooms(replay, hang(HANGING_FEED))
    result = run_chipwatch("crawl", "--spider", "feeds", "--spider", "sitemaps",
                           env=crawl_env("newsrooms.yml", CHIPWATCH_TIMEOUT="8",
                                         CHIPWATCH_SOURCE_BUDGET_SECONDS="3"), timeout=90)
    assert result.returncode == 124, result.output
    assert runs(db_path)[-1]["status"] == "timed out"
    sitemap_docs = open_db(db_path).execute(
        "select count(*) from documents where source like 'lumenchip%'").fetchone()[0]
    assert sitemap_docs > 0  # the other spider finished its work


class StopAfter(Bounds):
    """Bounds whose stop request arrives after ``n`` checks, as a SIGTERM between documents would."""

    def __init__(self, n: int):
        super().__init__(float("inf"))
        self.checks = n

    @property
    def status(self):
        self.checks -= 1
        if self.checks < 0 and self.signum is None:
            self.request_stop(signal.SIGTERM)
        return super().status


def test_a_stop_during_extraction_keeps_what_was_done_and_the_rerun_completes_it(replay, crawl_env, db_path,
                                                                                  monkeypatch):
    from chipwatch.extract import run_extract
    from chipwatch.registry import load_registry

    serve_newsrooms(replay)
    env = crawl_env("newsrooms.yml")
    assert run_chipwatch("crawl", env=env, timeout=120).returncode in (0, 1)
    settings = load_settings(env)
    monkeypatch.setenv("REPLAY_URL", replay.url)  # the registry's URLs name it
    registry = load_registry(settings.sources_path)
    first = run_extract(settings, registry, progress=False, bounds=StopAfter(3))
    assert first.bounded == "stopped" and 0 < first.documents < first.pending
    db = open_db(db_path)
    assert runs(db_path)[-1]["status"] == "stopped"
    assert db.execute("select count(*) from claims").fetchone()[0] > 0
    loose = db.execute("select count(*) from claims where claim_group is null").fetchone()[0]
    assert loose == 0  # the claims stored so far are grouped, not left loose
    second = run_extract(settings, registry, progress=False)
    assert second.documents == first.pending - first.documents
    interrupted = sorted(db.execute("select document_id, raw, start from claims").fetchall())
    run_extract(settings, registry, progress=False, force=True)  # an uninterrupted extraction of everything
    assert sorted(db.execute("select document_id, raw, start from claims").fetchall()) == interrupted


# --- clear errors instead of tracebacks --------------------------------------------------------

@pytest.mark.parametrize("args", [("check",), ("crawl", "--spider", "feeds"), ("extract",), ("export",),
                                  ("serve",), ("scheduled",), ("run", "--no-serve")])
def test_a_database_that_is_not_sqlite_is_one_error_line_in_every_command(crawl_env, tmp_path, args):
    not_a_db = tmp_path / "chipwatch.db"
    not_a_db.write_text("these are notes, not a database\n" * 50)
    result = run_chipwatch(*args, env=crawl_env("newsrooms.yml", CHIPWATCH_DB=str(not_a_db)), timeout=60)
    assert result.returncode == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: CHIPWATCH_DB={not_a_db} is not a usable SQLite database (file is not a database); "
                      "restore it from a backup or move it aside and crawl again"]
    assert "Traceback" not in result.output
    assert not_a_db.read_text() == "these are notes, not a database\n" * 50


@pytest.mark.parametrize(("name", "value"), [("CHIPWATCH_LOG_LEVEL", "LOUD"), ("CHIPWATCH_SINCE", "99999999d"),
                                             ("PORT", "70000"), ("CHIPWATCH_TIMEOUT", "soon")])
def test_check_refuses_each_bad_setting_with_one_line(crawl_env, name, value):
    result = run_chipwatch("check", env=crawl_env("newsrooms.yml", **{name: value}), timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {name}={value!r}") and result.stderr.count("\n") == 1


# --- as cron runs it ---------------------------------------------------------------------------

def cron_command(env: dict[str, str]) -> str:
    """The command part of the crontab line `chipwatch cron` prints for ``env``."""
    from chipwatch.schedule import crontab_line

    keep = {k: v for k, v in env.items() if k.startswith("CHIPWATCH_") or k in ("SEC_USER_AGENT", "REPLAY_URL")}
    return crontab_line(repo=REPO, env=keep).split(" ", 5)[5]  # after the five schedule fields


def as_cron(command: str, home) -> subprocess.CompletedProcess:
    """Run ``command`` the way cron does: /bin/sh, an almost empty environment, no terminal."""
    return subprocess.run(["env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin", "SHELL=/bin/sh", "LOGNAME=cron",
                           "/bin/sh", "-c", command], capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)


def test_a_good_scheduled_run_under_cron_prints_nothing_and_logs_everything(replay, crawl_env, db_path, tmp_path):
    serve_newsrooms(replay)
    proc = as_cron(cron_command(crawl_env("newsrooms.yml")), tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (proc.stdout, proc.stderr) == ("", "")  # so cron sends no mail
    log = (db_path.parent / "logs" / "scheduled.log").read_text(encoding="utf-8")
    assert "scheduled run starting" in log and "scheduled run finished: ok" in log
    assert "extract run" in log
    assert [r["status"] for r in runs(db_path)] == ["ok", "ok"]
    assert (db_path.parent / "exports" / "claims.csv").exists()


def test_a_failing_scheduled_run_under_cron_prints_what_went_wrong(replay, crawl_env, db_path, tmp_path):
    serve_newsrooms(replay, lambda info: Answer(503) if info.host == "blog.neurix.test" else None)
    proc = as_cron(cron_command(crawl_env("newsrooms.yml", CHIPWATCH_TIMEOUT="5")), tmp_path)
    assert proc.returncode == 1
    assert "neurix-feed: FAILED" in proc.stderr and "scheduled run finished: FAILED" in proc.stderr
    assert "scheduled.log" in proc.stderr  # where the whole story is


# --- killed anywhere, nothing lost -----------------------------------------------------------



def snapshot(db_path) -> dict[str, list]:
    """What a finished run leaves: every document, claim, figure and group, in a comparable form."""
    db = open_db(db_path)
    return {
        "documents": db.execute("select id, url, title, text from documents order by id").fetchall(),
        "claims": db.execute("select document_id, start, end, raw, product, comparator, claim_group "
                             "from claims order by document_id, start").fetchall(),
        "figures": db.execute("select document_id, start, end, raw, metric, value, period "
                              "from figures order by document_id, start").fetchall(),
        "groups": db.execute("select id, mentions from claim_groups order by id").fetchall(),
        "integrity": db.execute("pragma integrity_check").fetchall(),
    }


KILL_POINTS = [  # (what has been stored when the signal comes, how many, which signal)
    ("documents", 1, signal.SIGKILL), ("documents", 5, signal.SIGTERM), ("documents", 12, signal.SIGKILL),
    ("documents", 20, signal.SIGTERM), ("documents", 27, signal.SIGKILL),
    ("extract runs", 1, signal.SIGKILL), ("claims", 1, signal.SIGTERM), ("claims", 20, signal.SIGKILL),
    ("claims", 45, signal.SIGTERM), ("claims", 70, signal.SIGKILL),
]
COUNTS = {"documents": "select count(*) from documents", "claims": "select count(*) from claims",
          "extract runs": "select count(*) from runs where stage = 'extract'"}


def wait_until_stored(db_path, what: str, at_least: int, proc: subprocess.Popen) -> bool:
    """Poll the database (as Datasette would, read-only) until ``what`` reaches ``at_least``."""
    import sqlite3

    while proc.poll() is None:
        try:
            conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
            try:
                if conn.execute(COUNTS[what]).fetchone()[0] >= at_least:
                    return True
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.01)
    return False


def test_a_demo_run_killed_at_ten_points_recovers_to_exactly_the_uninterrupted_result(tmp_path):
    env = demo_env()  # one port for every run: stored URLs (and the ids made from them) name it
    reference = tmp_path / "reference.db"
    demo = [sys.executable, "-m", "chipwatch", "demo", "--no-serve", "--db"]
    done = subprocess.run([*demo, str(reference)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = snapshot(reference)
    assert len(expected["documents"]) > 27 and len(expected["claims"]) > 70 and expected["integrity"] == [("ok",)]
    hit = []
    for what, count, signum in KILL_POINTS:
        db = tmp_path / f"killed-{what}-{count}.db"
        run = subprocess.Popen([*demo, str(db)], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        if wait_until_stored(db, what, count, run):
            run.send_signal(signum)
            hit.append((what, count))
        run.wait(timeout=60)
        again = subprocess.run([*demo, str(db)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, (what, count, again.stderr)
        got = snapshot(db)
        for key in expected:  # name the table and the first row that differs
            missing = [row for row in expected[key] if row not in got[key]][:1]
            extra = [row for row in got[key] if row not in expected[key]][:1]
            assert got[key] == expected[key], f"killed after {count} {what}: {key}: missing {missing}, extra {extra}"
        assert "running" not in {r["status"] for r in runs(db)}
    assert len(hit) >= 8, hit  # the signals came mid-run, not after it had finished


def test_two_writers_started_together_one_runs_and_one_is_told_to_wait(replay, crawl_env, db_path):
    serve_newsrooms(replay)
    env = crawl_env("newsrooms.yml")
    both = [subprocess.Popen([sys.executable, "-m", "chipwatch", "crawl", "--spider", "feeds"], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(proc.wait(timeout=120), proc.stderr.read()) for proc in both]
    assert sorted(code for code, _ in results) == [0, 75], results
    assert [r["status"] for r in runs(db_path)] == ["ok"]  # the refused one never started a run
    paths = [hit.path for hit in replay.hits("newsroom.voltara.test")]
    assert len(paths) == len(set(paths))  # nothing was fetched twice


def test_sigterm_during_extraction_stops_the_run_and_records_it(replay, crawl_env, db_path):
    serve_newsrooms(replay)
    env = crawl_env("newsrooms.yml")
    proc = subprocess.Popen([sys.executable, "-m", "chipwatch", "run", "--no-serve"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_until_stored(db_path, "extract runs", 1, proc), "the run ended before extracting"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert [(r["stage"], r["status"]) for r in runs(db_path)] == [("crawl", "ok"), ("extract", "stopped")]
    again = run_chipwatch("extract", "--quiet", env=env, timeout=120)
    assert again.returncode == 0 and open_db(db_path).execute("select count(*) from claims").fetchone()[0] > 0
