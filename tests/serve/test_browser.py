"""Browser tests: a real ``datasette`` process on 127.0.0.1, driven by headless Chromium through Playwright.

Uses Debian's ``chromium`` (``make browser`` installs it); skipped when it is absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from chipwatch.replay import free_port
from chipwatch.serve import datasette_args, datasette_command
from data.db import open_db
from tests.serve.conftest import populate, populate_hostile

CHROMIUM = os.environ.get("CHIPWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = os.environ.get("CHIPWATCH_SCREENSHOTS")  # a directory, to look at what the tests saw

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (make browser)"),
]




def _wait_until_up(url: str, proc: subprocess.Popen, deadline_s: float = 60) -> None:
    """Poll ``url`` until Datasette answers; fail with its output if it exits first."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"datasette exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"datasette did not answer at {url}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Datasette subprocess over a populated chipwatch.db, started as ``chipwatch serve`` starts it."""
    path = tmp_path_factory.mktemp("browser") / "chipwatch.db"
    db = open_db(path)
    ids = populate(db)
    db.close()
    port = free_port()
    proc = subprocess.Popen(datasette_command(datasette_args(path, port)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/", proc)
        yield url, ids
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{request.node.name}.png"), full_page=True)
    context.close()


def _screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)


def _table_rows(page) -> int:
    return page.locator("table.rows-and-columns tbody tr").count()


def test_search_claims_by_full_text(server, page):
    url, _ = server
    page.goto(f"{url}/chipwatch/claims")
    assert _table_rows(page) == 5
    page.fill("input[name=_search]", "flagship GPU")
    page.press("input[name=_search]", "Enter")
    page.wait_for_url("**_search=flagship+GPU**")
    assert _table_rows(page) == 3
    assert "6.9x faster than the leading flagship GPU" in page.locator("table.rows-and-columns").inner_text()


def test_claim_rows_start_above_the_fold_with_the_column_notes_folded(server, page):
    url, _ = server
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/chipwatch/claims")
    assert page.locator("table.rows-and-columns tbody tr").first.bounding_box()["y"] < 1000
    notes = page.locator("dl.column-descriptions")
    assert not notes.is_visible()
    page.click("details.column-descriptions-toggle summary")
    assert notes.is_visible() and "Hedge words kept from the text" in notes.inner_text()


def test_click_a_facet(server, page):
    url, _ = server
    page.goto(f"{url}/chipwatch/claims")
    page.locator("#facet-vendor a", has_text="Quillon Semiconductor").click()
    page.wait_for_url("**vendor=quillon**")
    assert _table_rows(page) == 1
    assert "eight-GPU server" in page.locator("table.rows-and-columns").inner_text()


def test_follow_the_csv_export_link(server, page):
    url, _ = server
    page.goto(f"{url}/chipwatch/claims?vendor=lumenar")
    link = page.locator("p.export-links a", has_text="CSV")
    with page.expect_response(lambda r: ".csv" in r.url) as info:
        link.click()
    response = info.value
    assert response.status == 200
    lines = response.text().strip().splitlines()
    assert lines[0].startswith("id,document_id,")
    assert len(lines) == 5  # header and lumenar's four claims


def test_download_csv_from_the_advanced_export_form(server, page):
    url, _ = server
    page.goto(f"{url}/chipwatch/figures")
    page.check("input[name=_dl]")
    with page.expect_download() as info:
        page.click("form[action$='figures.csv'] [type=submit]")
    download = info.value
    assert download.suggested_filename == "figures.csv"
    assert "412500000" in Path(download.path()).read_text(encoding="utf-8")


def test_open_a_canned_query_and_a_claim_in_context(server, page):
    url, ids = server
    page.goto(f"{url}/chipwatch")
    page.click("text=Speedup claims against GPUs")
    page.wait_for_url("**/chipwatch/gpu_speedups")
    assert page.locator("h1").inner_text().startswith("Speedup claims against GPUs")
    assert _table_rows(page) == 4
    page.locator(f"a[href='/chipwatch/-/claim/{ids['first_claim']}']").first.click()
    page.wait_for_url("**/chipwatch/-/claim/*")
    assert page.locator("mark").all_inner_texts() == ["6.9x faster than the leading flagship GPU"]
    source = page.locator("a[href='https://newsroom.lumenar.example/news/lumenar-lx3-wafer-engine']")
    assert source.count() == 1


def test_open_a_claim_page_and_follow_its_source_link(server, page):
    url, ids = server
    page.route("https://newsroom.lumenar.example/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>the source</title>"))  # never the internet
    page.goto(f"{url}/chipwatch/claims?_sort=id")
    page.locator(f"a.chipwatch-context[href='/chipwatch/-/claim/{ids['first_claim']}']").click()
    page.wait_for_url(f"**/chipwatch/-/claim/{ids['first_claim']}")
    assert page.locator("h1.statement").inner_text() == (
        "LX-3 Wafer Engine · 6.9x · speed · versus leading flagship GPU · on 70B model")
    assert page.locator("table.mentions tbody tr").count() == 2
    assert "1,800 tokens per second" in page.locator("ul.siblings").inner_text()
    page.locator("a.source-link").click()
    page.wait_for_url("https://newsroom.lumenar.example/news/lumenar-lx3-wafer-engine")
    assert page.title() == "the source"


def test_search_claims_canned_query_form(server, page):
    url, _ = server
    page.goto(f"{url}/chipwatch/search_claims")
    page.fill("input[name=q]", "tokens per second")
    page.click("form.sql [type=submit]")
    page.wait_for_url("**q=tokens+per+second**")
    assert _table_rows(page) == 1
    assert "1,800 tokens per second" in page.locator("table.rows-and-columns").inner_text()


def test_open_a_vendor_page_see_its_chart_and_load_its_feed(server, page):
    url, _ = server
    page.goto(f"{url}/chipwatch/vendors")
    page.locator("a.chipwatch-vendor[href='/chipwatch/-/vendor/lumenar']").click()
    page.wait_for_url("**/chipwatch/-/vendor/lumenar")
    assert page.locator("h1").inner_text() == "Lumenar Systems"
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() == 2 and bars.first.bounding_box()["height"] > 50  # drawn, not just in the markup
    feed = page.request.get(url + page.locator("a.feed").get_attribute("href"))
    assert feed.status == 200
    import xml.etree.ElementTree as ET

    entries = ET.fromstring(feed.text()).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 4


def test_both_atom_feeds_parse(server, page):
    import xml.etree.ElementTree as ET

    url, _ = server
    for path, count in (("/chipwatch/new_claims.atom", 5), ("/chipwatch/vendor_claims_feed.atom?vendor=quillon", 1)):
        response = page.request.get(url + path)
        assert response.status == 200 and response.headers["content-type"].startswith("application/xml")
        assert len(ET.fromstring(response.text()).findall("{http://www.w3.org/2005/Atom}entry")) == count


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """Datasette over a database whose stored text carries scripts, event handlers and javascript: links."""
    path = tmp_path_factory.mktemp("hostile") / "chipwatch.db"
    db = open_db(path)
    ids = {**populate(db), **populate_hostile(db)}
    db.close()
    port = free_port()
    proc = subprocess.Popen(datasette_command(datasette_args(path, port)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/", proc)
        yield url, ids
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _assert_nothing_ran(page) -> None:
    """No injected script ran, no element carries an event handler, no link or image points at javascript:."""
    assert page.evaluate("window.__pwned") is None
    handlers = page.evaluate("""() => [...document.querySelectorAll('section.content *')].flatMap(
        el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))""")
    assert handlers == []
    hrefs = page.evaluate("() => [...document.querySelectorAll('[href],[src]')].map(el => el.getAttribute('href')"
                          " || el.getAttribute('src'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]


def hostile_pages(ids: dict) -> list[str]:
    """Every page this project adds or changes, at the hostile rows."""
    return [f"/chipwatch/-/claim/{ids['hostile_claim']}", "/chipwatch/-/vendor/hostile", "/chipwatch/vendors",
            "/chipwatch/claims", "/chipwatch/documents",
            f"/chipwatch/documents/{ids['hostile_document']}", "/chipwatch/figures", "/chipwatch/gpu_speedups",
            "/", "/chipwatch/-/search?q=HX+script", "/chipwatch/-/search?q=hostile&vendor=hostile",
            "/chipwatch/claims?_search=script"]


def test_stored_script_never_runs_on_our_pages(hostile_server, page):
    url, ids = hostile_server
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in hostile_pages(ids):
        page.goto(url + path)
        page.mouse.move(300, 300)
        page.hover("section.content")  # an onmouseover would fire here
        _assert_nothing_ran(page)
    assert dialogs == []


def test_the_hostile_claim_page_shows_the_markup_as_text(hostile_server, page):
    url, ids = hostile_server
    page.goto(f"{url}/chipwatch/-/claim/{ids['hostile_claim']}")
    assert page.locator("mark").all_inner_texts() == ["4x faster than a <script>"]
    assert "<script>" in page.locator("dd.document-title").inner_text()
    assert page.locator("a.source-link").count() == 0  # a javascript: source is shown, not linked


def test_search_from_the_home_page_see_the_hit_marked_and_apply_a_vendor_facet(server, page):
    url, _ = server
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url + "/")
    assert "How claims are extracted" in page.locator("section.content").inner_text()
    page.fill("form.search input[name=q]", "GPU")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/chipwatch/-/search?q=GPU")
    claims = page.locator("section.kind-claims li.hit")
    assert claims.count() == 4
    assert "GPU" in claims.first.locator("mark").all_inner_texts()
    assert claims.first.locator("mark").first.bounding_box()["height"] > 0  # marked on screen, not only in markup
    page.locator("section.kind-claims ul.facet-vendor a", has_text="quillon").click()
    page.wait_for_url("**vendor=quillon**")
    assert page.locator("section.kind-claims li.hit").count() == 1
    assert "eight-GPU server" in page.locator("section.kind-claims li.hit").inner_text()
    page.locator("section.kind-claims li.hit a.hit-link").click()
    page.wait_for_url("**/chipwatch/-/claim/*")
    assert page.locator("mark").all_inner_texts() == ["nearly seven times the throughput per watt of an eight-GPU server"]


def test_search_from_a_table_page(server, page):
    url, _ = server
    page.goto(url + "/chipwatch/vendors")
    page.fill("form.chipwatch-search input[name=q]", "revenue")
    page.click("form.chipwatch-search [type=submit]")
    page.wait_for_url("**/chipwatch/-/search?q=revenue")
    assert page.locator("section.kind-figures li.hit").count() == 2
    assert page.locator("section.kind-figures mark").first.inner_text() == "revenue"


@pytest.fixture(scope="module")
def crawled_hostile_server(tmp_path_factory):
    """Datasette over what the real crawler and extractor stored from a newsroom page that carries hostile text.

    The page (tests/serve/fixtures/hostile_site) writes ``<script>``, ``onerror=`` and ``javascript:`` links as
    text, in its title and body, a ``javascript:`` canonical link and a ``javascript:`` feed entry.
    """
    import shutil
    import sys

    from chipwatch.replay import ReplayServer

    fixtures = Path(__file__).parent / "fixtures"
    tmp = tmp_path_factory.mktemp("crawled-hostile")
    with ReplayServer(tmp / "site") as replay:
        for source in (fixtures / "hostile_site").rglob("*"):
            if source.is_file():
                target = tmp / "site" / source.relative_to(fixtures / "hostile_site")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(source.read_text(encoding="utf-8").replace("${REPLAY_URL}", replay.url),
                                  encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
        env.update(CHIPWATCH_DB=str(tmp / "chipwatch.db"), CHIPWATCH_SOURCES=str(fixtures / "hostile.yml"),
                   REPLAY_URL=replay.url, CHIPWATCH_TIMEOUT="5", CHIPWATCH_SEC_PACE_FILE=str(tmp / "sec.pace"))
        fast = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=1"]
        for args in (["crawl", "--spider", "feeds", *fast], ["extract"]):
            subprocess.run([sys.executable, "-m", "chipwatch", *args], env=env, capture_output=True, text=True,
                           timeout=300)
    shutil.rmtree(tmp / "site")
    db = open_db(tmp / "chipwatch.db")
    claim = db.execute("select id from claims where sentence like '%<script>%' order by id limit 1").fetchone()
    assert claim, "the crawler and extractor stored no claim from the hostile page"
    assert db.execute("select count(*) from fetch_errors where url like 'javascript:%'").fetchone()[0] == 1
    db.close()
    port = free_port()
    proc = subprocess.Popen(datasette_command(datasette_args(tmp / "chipwatch.db", port)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/", proc)
        yield url, claim[0]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_crawled_hostile_text_never_runs_on_our_pages(crawled_hostile_server, page):
    url, claim = crawled_hostile_server
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/", "/chipwatch/-/search?q=script", "/chipwatch/-/search?q=hostile&vendor=hostile",
                 "/chipwatch/-/search?q=revenue", f"/chipwatch/-/claim/{claim}", "/chipwatch/-/vendor/hostile",
                 "/chipwatch/claims?_search=script", "/chipwatch/documents", "/chipwatch/fetch_errors",
                 "/chipwatch/new_claims"):
        page.goto(url + path)
        page.mouse.move(300, 300)
        page.hover("section.content")
        _assert_nothing_ran(page)
    assert dialogs == []


def test_crawled_hostile_text_shows_as_text_in_the_search_hits(crawled_hostile_server, page):
    url, _ = crawled_hostile_server
    page.goto(url + "/chipwatch/-/search?q=script")
    hit = page.locator("section.kind-claims li.hit").first
    assert "<script>window.__pwned" in hit.inner_text()
    assert "script" in hit.locator("mark").all_inner_texts()
    assert page.locator("section.kind-documents a.hit-link").first.inner_text().startswith("Hostile Labs <script>")
