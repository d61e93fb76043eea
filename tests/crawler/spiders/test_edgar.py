"""The ``edgar`` spider end to end: ``python -m chipwatch crawl --spider edgar`` against the replay server.

The fixture EDGAR (tests/fixtures/site/{data.sec.gov,www.sec.gov}, registry
tests/fixtures/registries/edgar.yml) holds three fictional filers: aurora (5 tracked
filings since the 2024-01-01 horizon, one of them on a files[] page; 9 documents),
borealis (drifted JSON, IPO forms, no companyfacts; 4 filings, 5 documents) and
cygnus (foreign issuer; 3 filings, 5 documents).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import pytest

from chipwatch.replay import (
    ACCESS_DENIED,
    RATE_PAGE,
    SEC_HOSTS,
    UNDECLARED_PAGE,
    Answer,
    ReplayServer,
    RequestInfo,
)
from data.db import open_db
from tests.conftest import REGISTRIES, REPO, SITE, TEST_USER_AGENT, CliResult, run_chipwatch

ALL_DOCUMENTS, ALL_FILINGS = 19, 12
AURORA_DOCUMENTS, AURORA_FILINGS = 9, 5
AURORA_ARCHIVES = "/Archives/edgar/data/9900001"
Q4_RELEASE = "/000990000126000005/aurs-q4fy25pr.htm"
Q4_CFO_COMMENTARY = "/000990000126000005/aurs-q4fy25cfocommentary.htm"


@dataclass
class Crawl:
    result: CliResult
    sec: list[RequestInfo]  # requests the SEC hosts received during this crawl

    def paths(self, host: str) -> list[str]:
        return [r.path for r in self.sec if r.host == host]


def crawl(replay: ReplayServer, env: dict[str, str], *args: str) -> Crawl:
    start = len(replay.requests)
    result = run_chipwatch("crawl", "--spider", "edgar", *args, env=env)
    return Crawl(result, [r for r in replay.requests[start:] if r.host in SEC_HOSTS])


def table_counts(db_path) -> dict[str, int]:
    db = open_db(db_path)
    counts = {t: db[t].count for t in ("documents", "filings", "reported_values", "fetch_errors")}
    db.close()
    return counts


def max_per_second(times: list[float]) -> int:
    """The most requests in any half-open 1 s window (t - 1, t], the way the replay server counts."""
    times, best, first = sorted(times), 0, 0
    for i, t in enumerate(times):
        while times[first] <= t - 1.0:
            first += 1
        best = max(best, i - first + 1)
    return best


def sec_answer(path_suffix: str, body: bytes, content_type: str = "application/xml"):
    """A replay rule: answer 403 ``body`` for the SEC request whose path ends with ``path_suffix``."""
    def rule(info: RequestInfo) -> Answer | None:
        if info.host in SEC_HOSTS and info.path.endswith(path_suffix):
            return Answer(403, body, {"Content-Type": content_type})
        return None
    return rule


# --- a first crawl, then one with nothing new (run once for the module) ---------------------------

@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """Crawl the fixture EDGAR twice with the same database; keep what each crawl did."""
    db_path = tmp_path_factory.mktemp("edgar") / "chipwatch.db"
    with ReplayServer(SITE) as replay:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
        env.update({  # the module-scoped twin of conftest's crawl_env
            "CHIPWATCH_DB": str(db_path), "CHIPWATCH_SOURCES": str(REGISTRIES / "edgar.yml"),
            "CHIPWATCH_EDGAR_DATA_URL": replay.base("data.sec.gov"),
            "CHIPWATCH_EDGAR_ARCHIVES_URL": replay.base("www.sec.gov"), "REPLAY_URL": replay.url,
            "SEC_USER_AGENT": TEST_USER_AGENT, "CHIPWATCH_SINCE": "2024-01-01", "CHIPWATCH_TIMEOUT": "5",
            "CHIPWATCH_LOG_LEVEL": "WARNING",
        })
        first = crawl(replay, env)
        after_first = table_counts(db_path)
        second = crawl(replay, env)
        yield {"first": first, "second": second, "after_first": after_first,
               "after_second": table_counts(db_path), "db": db_path}


def test_first_crawl_succeeds_and_stores_every_tracked_filing(baseline):
    first = baseline["first"]
    assert first.result.returncode == 0, first.result.output
    assert baseline["after_first"] == {"documents": ALL_DOCUMENTS, "filings": ALL_FILINGS,
                                       "reported_values": 14, "fetch_errors": 0}


def test_every_sec_request_declares_the_user_agent(baseline):
    assert {r.headers.get("user-agent") for r in baseline["first"].sec} == {TEST_USER_AGENT}


def test_horizon_and_pagination_decide_what_is_fetched(baseline):
    data = baseline["first"].paths("data.sec.gov")
    archives = baseline["first"].paths("www.sec.gov")
    assert "/submissions/CIK0009900001-submissions-001.json" in data  # its filingTo reaches the horizon
    assert "/submissions/CIK0009900003-submissions-001.json" not in data  # wholly before the horizon
    assert not any("/000990000123" in p or "/000990000122" in p for p in archives)  # 2022/2023 filings
    assert not any("/000990000324" in p or "form4" in p for p in archives)  # untracked forms
    assert not any("9900004" in p for p in data + archives)  # quasar has no CIK


def test_exhibits_come_from_the_index_page(baseline):
    db = open_db(baseline["db"])
    rows = list(db.query("select url, kind, exhibit, form, accession, title, published, etag, text from documents "
                         "where accession = '0009900001-26-000005' order by url"))
    assert [(r["url"].rsplit("/", 1)[-1], r["kind"], r["exhibit"]) for r in rows] == [
        ("aurs-20260212.htm", "filing", None),
        ("aurs-q4fy25cfocommentary.htm", "exhibit", "EX-99.2"),
        ("aurs-q4fy25pr.htm", "exhibit", "EX-99.1"),
    ]
    release = rows[2]
    assert release["title"] == "Aurora Silicon Reports Fourth Quarter and Fiscal 2025 Financial Results"
    assert (release["form"], release["published"]) == ("8-K", "2026-02-12")
    assert release["etag"].startswith('"') and "Halo-3" in release["text"]
    assert "<font" not in release["text"]


def test_filings_rows_carry_items_even_when_the_json_lacks_them(baseline):
    db = open_db(baseline["db"])
    items = {r["accession"]: r["items"] for r in db.query("select accession, items from filings")}
    assert items["0009900001-26-000005"] == "2.02,9.01"
    assert items["0009900002-25-000004"] == "8.01,9.01"  # borealis' JSON has no items array: from the index
    forms = sorted(r["form"] for r in db.query("select form from filings"))
    assert forms == sorted(["8-K", "8-K", "8-K", "10-Q", "10-K", "S-1", "S-1/A", "424B4", "8-K", "6-K", "6-K",
                            "20-F"])


def test_reported_values_are_curated_and_within_the_horizon(baseline):
    db = open_db(baseline["db"])
    rows = list(db.query("select vendor, metric, value, filed from reported_values"))
    assert {r["vendor"] for r in rows} == {"aurora", "cygnus"}  # borealis: companyfacts 404 = not applicable
    assert min(r["filed"] for r in rows) >= "2024-01-01"
    assert {"revenue", "net_income", "eps_diluted", "cash", "shares_outstanding"} == {
        r["metric"] for r in rows if r["vendor"] == "aurora"}


def test_second_crawl_with_nothing_new_only_polls_the_submissions(baseline):
    second = baseline["second"]
    assert second.result.returncode == 0, second.result.output
    assert second.paths("www.sec.gov") == []
    assert sorted(second.paths("data.sec.gov")) == sorted([
        "/submissions/CIK0009900001.json", "/submissions/CIK0009900002.json", "/submissions/CIK0009900003.json",
        "/submissions/CIK0009900001-submissions-001.json",  # a page that reaches into the horizon
        # companyfacts only where nothing is stored yet: borealis has no XBRL facts before its IPO (404)
        "/api/xbrl/companyfacts/CIK0009900002.json",
    ])
    assert baseline["after_second"] == baseline["after_first"]


# --- refusing to run without a declared User-Agent -----------------------------------------------

def test_scrapy_crawl_edgar_refuses_without_user_agent(crawl_env, replay):
    env = crawl_env("edgar.yml")
    del env["SEC_USER_AGENT"]
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "edgar"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert "SEC_USER_AGENT is not set or has no contact address" in proc.stderr
    assert [r for r in replay.requests if r.host in SEC_HOSTS] == []


def test_chipwatch_crawl_refuses_an_undeclared_user_agent_setting(crawl_env, replay, open_test_db):
    result = run_chipwatch("crawl", "--spider", "edgar", "-s", "SEC_USER_AGENT=python-requests/2.32",
                           env=crawl_env("edgar.yml"))
    assert result.returncode == 1
    assert "SEC_USER_AGENT is not set or has no contact address" in result.output
    assert [r for r in replay.requests if r.host in SEC_HOSTS] == []
    assert open_test_db()["documents"].count == 0


def test_sec_refusing_the_user_agent_stops_all_sec_traffic(crawl_env, replay, open_test_db):
    replay.rules.append(sec_answer("", UNDECLARED_PAGE, "text/html"))
    result = crawl(replay, crawl_env("edgar.yml"))
    assert result.result.returncode == 1
    assert len(result.sec) <= 2  # the first refusal stops everything queued behind it
    reasons = [r["reason"] for r in open_test_db()["fetch_errors"].rows]
    assert any("undeclared automated tool" in r and "SEC_USER_AGENT" in r and "is wrong" in r for r in reasons)


# --- politeness -------------------------------------------------------------------------------------

def test_sec_request_rate_never_exceeds_the_limit(crawl_env, replay, open_test_db):
    # Scrapy's own delays off, so only SecEtiquetteMiddleware stands between the spider and the server.
    result = crawl(replay, crawl_env("edgar.yml"), "--vendor", "aurora", "-s", "SEC_MAX_REQUESTS_PER_SECOND=5",
                   "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.result.returncode == 0, result.result.output
    assert len(result.sec) == 17  # submissions, page, companyfacts, 5 index pages, 9 documents
    assert max_per_second([r.at for r in result.sec]) <= 5
    assert open_test_db()["documents"].count == AURORA_DOCUMENTS


def test_rate_limit_page_pauses_all_sec_traffic_then_recovers(crawl_env, replay, open_test_db):
    block = {"first": None, "until": 0.0, "pages": 0}

    def rate_limit_once(info: RequestInfo) -> Answer | None:
        """The first hit on the Q4 release trips SEC's block; knocking during the block extends it."""
        if info.host not in SEC_HOSTS:
            return None
        if block["first"] is None and info.path.endswith(Q4_RELEASE) or info.at < block["until"]:
            block["first"] = block["first"] or info.at
            block["until"], block["pages"] = info.at + 1.0, block["pages"] + 1
            return Answer(403, RATE_PAGE, {"Content-Type": "text/html"})
        return None

    replay.rules.append(rate_limit_once)
    result = crawl(replay, crawl_env("edgar.yml"), "--vendor", "aurora", "-s", "SEC_RATE_LIMIT_PAUSE=2")
    assert result.result.returncode == 0, result.result.output
    tripped = block["first"]
    later = [r.at - tripped for r in result.sec if r.at > tripped + 0.3]  # allow requests already in flight
    assert later and min(later) >= 1.9  # nothing reached the SEC during the pause
    assert [r.path for r in result.sec].count(AURORA_ARCHIVES + Q4_RELEASE) == 2  # retried once, after it
    db = open_test_db()
    assert db["fetch_errors"].count == 0
    assert (db["documents"].count, db["filings"].count) == (AURORA_DOCUMENTS, AURORA_FILINGS)


# --- faults -----------------------------------------------------------------------------------------

def test_access_denied_is_recorded_as_not_found_and_the_rest_completes(crawl_env, replay, open_test_db):
    replay.rules += [sec_answer(Q4_CFO_COMMENTARY, ACCESS_DENIED),
                     sec_answer("/0009900003-26-000002-index.html", ACCESS_DENIED)]
    result = crawl(replay, crawl_env("edgar.yml"), "--vendor", "aurora,cygnus")
    assert result.result.returncode == 1  # fetch errors make the run "failed", after storing the rest
    db = open_test_db()
    errors = list(db.query("select url, status, reason from fetch_errors"))
    assert sorted((e["url"].rsplit("/", 1)[-1], e["status"]) for e in errors) == [
        ("0009900003-26-000002-index.html", 404), ("aurs-q4fy25cfocommentary.htm", 404)]
    assert all("not found on EDGAR Archives" in e["reason"] for e in errors)
    # without its index page the 6-K's primary document is still found through index.json
    assert "/Archives/edgar/data/9900003/000990000326000002/index.json" in result.paths("www.sec.gov")
    documents = {r["url"].rsplit("/", 1)[-1] for r in db.query("select url from documents")}
    assert "cygm-6k-20260115.htm" in documents and "cygm-ex991-4q25.htm" not in documents
    assert len(documents) == AURORA_DOCUMENTS - 1 + 4
    assert db["filings"].count == AURORA_FILINGS + 3  # a definite "not found" does not hold a filing back


def test_malformed_edgar_json_is_recorded_without_a_crash(crawl_env, replay, open_test_db):
    no_form = (b'{"cik":"0009900002","name":"BOREALIS COMPUTE CORP","filings":{"recent":{'
               b'"accessionNumber":["0009900002-25-000004"],"filingDate":["2025-05-07"]},"files":[]}}')
    replay.rules += [
        lambda i: Answer(200, no_form, {"Content-Type": "application/json"})
        if i.path == "/submissions/CIK0009900002.json" else None,
        lambda i: Answer(200, b'{"cik":"9900003","name":"CYGNUS"}', {"Content-Type": "application/json"})
        if i.path == "/submissions/CIK0009900003.json" else None,
        lambda i: Answer(200, b"<html>maintenance</html>", {"Content-Type": "text/html"})
        if i.path == "/api/xbrl/companyfacts/CIK0009900001.json" else None,
    ]
    result = crawl(replay, crawl_env("edgar.yml"))
    assert result.result.returncode == 1
    assert "Traceback" not in result.result.output
    db = open_test_db()
    reasons = sorted(r["reason"] for r in db["fetch_errors"].rows)
    assert reasons[0].startswith("EDGAR submissions JSON: filings.recent has no form array")
    assert reasons[1].startswith("companyfacts is not JSON")
    assert reasons[2].startswith("unexpected EDGAR submissions JSON: no filings.recent")
    assert db["filings"].count == AURORA_FILINGS  # the well-formed vendor is complete


def test_crawl_killed_half_way_is_completed_by_the_next_run(crawl_env, replay, db_path, open_test_db):
    release = threading.Event()

    def hang_on_q4_release(info: RequestInfo) -> None:
        if info.path.endswith(Q4_RELEASE):
            release.wait(30)  # the server sits on this one request until the crawl is killed
        return None

    replay.rules.append(hang_on_q4_release)
    env = crawl_env("edgar.yml")
    proc = subprocess.Popen([sys.executable, "-m", "chipwatch", "crawl", "--spider", "edgar", "--vendor", "aurora"],
                            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not replay.hits("www.sec.gov", AURORA_ARCHIVES + Q4_RELEASE) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.5)  # let the documents already downloaded reach the database
    finally:
        proc.kill()  # SIGKILL: no clean shutdown, no finishing of the run row
        proc.wait(timeout=30)
        release.set()
    replay.rules.remove(hang_on_q4_release)
    db = open_test_db()
    assert db["documents"].count < AURORA_DOCUMENTS
    assert "0009900001-26-000005" not in {r["accession"] for r in db["filings"].rows}
    stored = {r["url"]: r["etag"] for r in db["documents"].rows}
    db.close()

    rerun = crawl(replay, env, "--vendor", "aurora")
    assert rerun.result.returncode == 0, rerun.result.output
    db = open_test_db()
    assert (db["documents"].count, db["filings"].count) == (AURORA_DOCUMENTS, AURORA_FILINGS)
    assert db.execute("select count(*) from (select url from documents group by url having count(*) > 1)"
                      ).fetchone()[0] == 0
    # documents stored before the kill were asked for conditionally (and the server said 304)
    conditional = {r.path: r.headers.get("if-none-match") for r in rerun.sec if r.host == "www.sec.gov"
                   and r.headers.get("if-none-match")}
    assert conditional
    for url, etag in stored.items():
        path = url.split("/www.sec.gov", 1)[1]
        if path in [r.path for r in rerun.sec]:
            assert conditional.get(path) == etag
    assert [r["status"] for r in db.query("select status from runs order by id")] == ["abandoned", "ok"]
