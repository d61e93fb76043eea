"""The local replay server answers like the real endpoints, so spider tests mean something."""

from __future__ import annotations

import httpx
import pytest

from chipwatch.replay import Answer, ReplayServer

UA = {"User-Agent": "chipwatch-tests tests@example.org"}


@pytest.fixture
def site(tmp_path):
    (tmp_path / "data.sec.gov" / "submissions").mkdir(parents=True)
    (tmp_path / "data.sec.gov" / "submissions" / "CIK0000000001.json").write_text('{"cik": "0000000001"}')
    archive = tmp_path / "www.sec.gov" / "Archives" / "edgar" / "data" / "1" / "000000000126000001"
    archive.mkdir(parents=True)
    (archive / "ex991.htm").write_text("<html><body>release</body></html>")
    (tmp_path / "news.example.com").mkdir()
    (tmp_path / "news.example.com" / "feed.xml").write_text("<rss/>")
    (tmp_path / "news.example.com" / "feed.xml.http").write_text("Status: 503\nRetry-After: 7\n")
    return tmp_path


def test_files_are_served_under_their_host_with_real_content_types(site):
    with ReplayServer(site) as server:
        response = httpx.get(f"{server.base('data.sec.gov')}/submissions/CIK0000000001.json", headers=UA)
        assert response.json() == {"cik": "0000000001"}
        assert response.headers["content-type"] == "application/json"
        assert "no-cache" in response.headers["cache-control"] and "etag" not in response.headers


def test_sec_refuses_an_undeclared_user_agent(site):
    with ReplayServer(site) as server:
        response = httpx.get(f"{server.base('data.sec.gov')}/submissions/CIK0000000001.json",
                             headers={"User-Agent": "python-httpx"})
        assert response.status_code == 403 and "Undeclared Automated Tool" in response.text


def test_archives_send_validators_answer_304_and_deny_missing_objects_with_s3_xml(site):
    with ReplayServer(site) as server:
        url = f"{server.base('www.sec.gov')}/Archives/edgar/data/1/000000000126000001/ex991.htm"
        first = httpx.get(url, headers=UA)
        assert first.status_code == 200 and first.headers["etag"] and first.headers["last-modified"]
        again = httpx.get(url, headers={**UA, "If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        missing = httpx.get(url.replace("ex991", "ex992"), headers=UA)
        assert missing.status_code == 403 and "<Code>AccessDenied</Code>" in missing.text


def test_exceeding_the_sec_rate_blocks_all_sec_traffic(site):
    with ReplayServer(site, sec_rate_limit=3, sec_block_seconds=60) as server:
        url = f"{server.base('data.sec.gov')}/submissions/CIK0000000001.json"
        statuses = [httpx.get(url, headers=UA).status_code for _ in range(5)]
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [403, 403]
        assert "Request Rate Threshold Exceeded" in httpx.get(url, headers=UA).text


def test_sidecar_files_set_status_and_headers_and_rules_answer_first(site):
    with ReplayServer(site) as server:
        response = httpx.get(f"{server.base('news.example.com')}/feed.xml")
        assert (response.status_code, response.headers["retry-after"]) == (503, "7")
        server.rules.append(lambda info: Answer(429, b"slow down") if info.path == "/feed.xml" else None)
        assert httpx.get(f"{server.base('news.example.com')}/feed.xml").status_code == 429
        assert httpx.get(f"{server.base('news.example.com')}/nothing").status_code == 404
        assert [r.path for r in server.hits("news.example.com")] == ["/feed.xml", "/feed.xml", "/nothing"]
