"""A crawl frontier shared through Redis: ``chipwatch crawl --worker`` processes and one ``chipwatch store``.

A real redis-server (Debian's, ``make redis``) on a free port of 127.0.0.1 and the replay server with a
generated site of 2,000 articles in the fixture sites' formats (RSS 2.0 feeds and article pages), 60 of
them on the SEC's hosts so the SEC's global rate is exercised. Each worker gets its own SEC pace file, so
only the Redis pace can keep them under the limit together.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from chipwatch.replay import ReplayServer, free_port
from tests.conftest import REPO, TEST_USER_AGENT, run_chipwatch

VENDORS = 20
PER_VENDOR = 97
SEC_DOCUMENTS = 60  # on www.sec.gov: paced by the SEC middleware through Redis
DOCUMENTS = VENDORS * PER_VENDOR + SEC_DOCUMENTS  # 2,000
FAST = ("-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=1",
        "-s", "DOWNLOAD_TIMEOUT=10", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8")

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None,
                                reason="redis-server is not installed (make redis)")




@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server on 127.0.0.1 (no persistence), stopped after the test."""
    import redis

    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def article_page(title: str, published: datetime, n: int) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{title}</title>
<meta property="og:title" content="{title}"></head>
<body><article class="post"><header class="entry-header"><h1 class="entry-title">{title}</h1>
<time class="entry-date published" datetime="{published.isoformat()}">{published:%B %d, %Y}</time></header>
<div class="entry-content">
<p>SAN JOSE, Calif., {published:%B %d, %Y} -- The company today announced release number {n} of its
inference accelerator line, with memory bandwidth of {n % 9 + 1}.{n % 7} TB/s and {n % 50 + 10} percent
lower power than the part it replaces.</p>
<p>Volume shipments begin next quarter. Customers in {n % 12 + 2} countries have placed orders, the company
said, and the software stack supports the most common open models without changes.</p>
</div></article></body></html>
"""


def rss_feed(base: str, host: str, prefix: str, count: int, start: int) -> tuple[str, dict[str, str]]:
    """An RSS 2.0 feed of ``count`` articles on ``host`` and the pages themselves (path -> html)."""
    items, pages = [], {}
    first = datetime(2026, 10, 1, 12, tzinfo=UTC)
    for k in range(count):
        n = start + k
        published = first - timedelta(hours=n)
        title = f"Release {n} of the accelerator line"
        path = f"{host}/{prefix}/release-{n}"
        pages[path + "/index.html"] = article_page(title, published, n)
        items.append(f"""<item><title>{title}</title><link>{base}/{path}/</link><guid>{base}/{path}/</guid>
<pubDate>{format_datetime(published, usegmt=True)}</pubDate><description>Release {n}.</description></item>""")
    feed = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{host}</title>'
            f"<link>{base}/{host}/</link><description>news</description>{''.join(items)}</channel></rss>")
    return feed, pages


def write_site(root: Path, base: str, registry: Path, *, vendors: int = VENDORS, per_vendor: int = PER_VENDOR,
               sec: bool = True) -> None:
    """``vendors`` newsrooms of ``per_vendor`` articles and one SEC-hosted feed; the registry naming their feeds."""
    files, entries = {}, []
    for v in range(vendors):
        host = f"news.vendor{v}.test"
        feed, pages = rss_feed(base, host, "news", per_vendor, v * per_vendor)
        files[f"{host}/feed.xml"] = feed
        files.update(pages)
        entries.append(f"""  - slug: vendor{v}
    name: Vendor{v}
    founded: 2001
    sources:
      - {{kind: feed, url: "${{REPLAY_URL}}/{host}/feed.xml"}}
""")
    if sec:
        feed, pages = rss_feed(base, "www.sec.gov", "news/press-release", SEC_DOCUMENTS, vendors * per_vendor)
        files["www.sec.gov/news/pressreleases.rss"] = feed
        files.update(pages)
        entries.append("""  - slug: regulator
    name: Regulator
    founded: 1934
    sources:
      - {kind: feed, url: "${REPLAY_URL}/www.sec.gov/news/pressreleases.rss"}
""")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    registry.write_text("vendors:\n" + "".join(entries), encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    with ReplayServer(root, sec_rate_limit=10.0, sec_block_seconds=1) as server:  # a breach fails fast
        write_site(root, server.url, tmp_path / "generated.yml")
        yield server


@pytest.fixture
def frontier_env(site, redis_url, tmp_path):
    return worker_envs(site, redis_url, tmp_path)


def worker_envs(site: ReplayServer, redis_url: str, tmp_path: Path):
    """``make(worker)``: the environment of one worker (or of ``store``, worker 0) crawling ``site``."""
    import os

    def make(worker: int = 0) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CHIPWATCH_", "SEC_"))}
        env.update({
            "CHIPWATCH_DB": str(tmp_path / "chipwatch.db"),
            "CHIPWATCH_SOURCES": str(tmp_path / "generated.yml"),
            "CHIPWATCH_EDGAR_DATA_URL": site.base("data.sec.gov"),
            "CHIPWATCH_EDGAR_ARCHIVES_URL": site.base("www.sec.gov"),
            "REPLAY_URL": site.url, "SEC_USER_AGENT": TEST_USER_AGENT, "CHIPWATCH_SINCE": "2024-01-01",
            # 8/s, the default, below the replay server's limit of 10: at exactly 10, scheduling jitter on a loaded
            # machine let an 11th request into one second, the rate page's retry fetched an SEC URL twice; two
            # workers pacing apart would still make about 16/s, so the shared pace is what the peak test sees
            "CHIPWATCH_SEC_RATE": "8", "CHIPWATCH_LOG_LEVEL": "WARNING", "CHIPWATCH_REDIS_URL": redis_url,
            "CHIPWATCH_SEC_PAUSE": "5",  # a rate page (a failure here) must not hold the test for ten minutes
            # a pace file per worker: only the pace in Redis is shared between them
            "CHIPWATCH_SEC_PACE_FILE": str(tmp_path / f"sec-{worker}.pace"),
        })
        return env

    return make


def start_worker(env: dict[str, str], *options: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "chipwatch", "crawl", "--worker", "--spider", "feeds", *FAST,
                             *options],
                            env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def article_hits(server: ReplayServer) -> Counter:
    """Requests per URL, robots.txt left out (each worker reads it once per host, as Scrapy does)."""
    return Counter(f"/{r.host}{r.path}" for r in server.hits() if r.host != "robots.txt")


def stored_urls(db_path: Path) -> Counter:
    from data.db import open_db

    db = open_db(db_path)
    urls = Counter(row["url"] for row in db.query("select url from documents"))
    db.close()
    return urls


def sec_peak_per_second(server: ReplayServer) -> int:
    """The most SEC requests the replay server saw in any one-second window."""
    times = sorted(r.at for r in server.hits() if r.host == "www.sec.gov")
    return max((sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times)), default=0)


def finish(proc: subprocess.Popen, timeout: float = 240) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def test_two_workers_and_one_store_fetch_and_store_every_document_once(site, frontier_env, tmp_path):
    workers = [start_worker(frontier_env(1)), start_worker(frontier_env(2))]
    results = [finish(w) for w in workers]
    assert [code for code, _ in results] == [0, 0], results
    stored = run_chipwatch("store", "--end-round", env=frontier_env(), timeout=240)
    assert stored.returncode == 0, stored.output

    hits = article_hits(site)
    assert [url for url, count in hits.items() if count > 1] == []
    assert sum(1 for url in hits if "/release-" in url) == DOCUMENTS
    urls = stored_urls(tmp_path / "chipwatch.db")
    assert len(urls) == DOCUMENTS and max(urls.values()) == 1
    shares = [int(re.search(r"spider feeds: (\d+) requests", err).group(1)) for _, err in results]
    assert min(shares) > 0, results  # both workers did part of the work


def test_a_worker_stopped_half_way_loses_nothing(site, frontier_env, tmp_path):
    first, second = start_worker(frontier_env(1)), start_worker(frontier_env(2))
    deadline = time.monotonic() + 120
    while len(article_hits(site)) < DOCUMENTS // 2 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.1)
    first.terminate()  # SIGTERM: its requests in flight go back to the shared queue
    stopped, said = finish(first)
    assert stopped == 143 and "requests in flight put back on the shared queue" in said, said
    code, err = finish(second)
    assert code == 0, err
    stored = run_chipwatch("store", env=frontier_env(), timeout=240)
    assert stored.returncode == 0, stored.output

    urls = stored_urls(tmp_path / "chipwatch.db")
    assert len(urls) == DOCUMENTS
    fetched = [url for url in article_hits(site) if "/release-" in url]
    assert len(fetched) == DOCUMENTS


CONCURRENT_REQUESTS = 8  # downloads a worker has at once; with the responses it is still parsing, its lease
# Under the SEC's limit with room to spare: a rate page's retry would be a second fetch the lease did not cause.
LEASE_OPTIONS = ("-s", f"CONCURRENT_REQUESTS={CONCURRENT_REQUESTS}", "-s", "FRONTIER_HEARTBEAT_SECONDS=3",
                 "-s", "SEC_MAX_REQUESTS_PER_SECOND=8")


def leased_urls(redis_url: str, pid: int) -> set[str]:
    """The paths of the requests the worker with this pid holds in flight (its lease in Redis)."""
    import redis
    from scrapy_redis import picklecompat

    server = redis.Redis.from_url(redis_url)
    keys = [k for k in server.keys("chipwatch:feeds:requests:inflight:*") if f"-{pid}-" in k.decode()]
    return {urlsplit(picklecompat.loads(member)["url"]).path for key in keys for member in server.zrange(key, 0, -1)}


def test_a_worker_killed_half_way_loses_nothing(site, frontier_env, redis_url, tmp_path):
    first, second = start_worker(frontier_env(1), *LEASE_OPTIONS), start_worker(frontier_env(2), *LEASE_OPTIONS)
    deadline = time.monotonic() + 120
    while len(article_hits(site)) < DOCUMENTS // 2 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
    assert first.poll() is None, finish(first)  # still working: it dies holding requests
    first.kill()  # SIGKILL: no handler runs; its lease waits for its heartbeat to expire
    first.communicate(timeout=30)
    leased = leased_urls(redis_url, first.pid)
    assert 0 < len(leased) <= 4 * CONCURRENT_REQUESTS
    code, err = finish(second)
    assert code == 0, err
    stored = run_chipwatch("store", "--end-round", env=frontier_env(), timeout=240)
    assert stored.returncode == 0, stored.output

    urls = stored_urls(tmp_path / "chipwatch.db")
    assert len(urls) == DOCUMENTS and max(urls.values()) == 1
    hits = article_hits(site)
    assert sum(1 for url in hits if "/release-" in url) == DOCUMENTS
    # fetched twice: only requests the killed worker held at its death, never one it had finished
    assert {url for url, count in hits.items() if count > 1} <= leased
    # the round is over: no lease, worker or heartbeat is left to come back in the next one
    import redis

    assert redis.Redis.from_url(redis_url).keys("chipwatch:*:requests*") == []


def test_the_sec_rate_holds_across_workers(site, frontier_env):
    workers = [start_worker(frontier_env(1)), start_worker(frontier_env(2))]
    for worker in workers:
        finish(worker)
    sec = [r for r in site.hits() if r.host == "www.sec.gov" and "/release-" in r.path]
    assert len(sec) == SEC_DOCUMENTS
    assert sec_peak_per_second(site) <= 10
    assert len({r.headers.get("user-agent") for r in sec}) == 1  # the declared SEC_USER_AGENT on every one


# --- the parts, one by one ---------------------------------------------------------------------
def test_the_redis_pace_spaces_turns_like_the_file_pace_and_shares_pauses(redis_url):
    from crawler.middlewares.pace import RedisPace, open_pace

    one, other = RedisPace(redis_url), open_pace(None, redis_url)
    first, _ = one.take_turn(0.5)
    second, _ = other.take_turn(0.5)  # another worker: the next slot, half a second later
    assert second - first == pytest.approx(0.5, abs=0.05)
    one.pause(time.time() + 30)
    assert other.paused_until() == pytest.approx(time.time() + 30, abs=0.5)
    turn, paused_until = other.take_turn(0.5)
    assert turn >= paused_until - 0.05


def leasing_queue(redis_url: str, worker: str):
    """A ReliablePriorityQueue of a spider named feeds for ``worker``, outside a crawl: an engine stand-in whose
    ``_slot.inprogress`` the test fills."""
    from types import SimpleNamespace

    import redis
    from scrapy import Spider
    from scrapy.settings import Settings

    from crawler.frontier_queue import ReliablePriorityQueue

    spider = Spider(name="feeds")
    spider.crawler = SimpleNamespace(
        settings=Settings({"FRONTIER_WORKER_ID": worker, "FRONTIER_HEARTBEAT_SECONDS": 0.5}),
        engine=SimpleNamespace(_slot=SimpleNamespace(inprogress=set())))
    return ReliablePriorityQueue(redis.Redis.from_url(redis_url), spider, "chipwatch:%(spider)s:requests")


def test_a_popped_request_stays_leased_until_finished(redis_url):
    from scrapy import Request

    queue = leasing_queue(redis_url, "a")
    queue.push(Request("http://x.test/1"))
    request = queue.pop()
    assert request.url == "http://x.test/1" and len(queue) == 0
    in_progress = queue.spider.crawler.engine._slot.inprogress
    in_progress.add(request)  # the engine: downloading, or its callback's output not all passed on yet
    assert queue.acknowledge_finished() == 0 and queue.server.zcard(queue.inflight_key) == 1
    in_progress.discard(request)
    assert queue.acknowledge_finished() == 1
    assert queue.server.zcard(queue.inflight_key) == 0


def test_a_dead_workers_leases_go_back_once_its_heartbeat_expires(redis_url):
    from scrapy import Request

    dying, survivor, other = (leasing_queue(redis_url, name) for name in ("dying", "survivor", "other"))
    for n in range(3):
        dying.push(Request(f"http://x.test/{n}"))
    for _ in range(2):  # taken and in progress when it is killed: never acknowledged
        dying.spider.crawler.engine._slot.inprogress.add(dying.pop())
    assert survivor.requeue_dead_workers() == 0 and survivor.others_in_flight() == 2  # still beating
    time.sleep(0.6)
    assert survivor.requeue_dead_workers() == 2
    assert other.requeue_dead_workers() == 0  # moved back once, not twice
    assert len(survivor) == 3 and survivor.others_in_flight() == 0


def test_without_a_redis_url_the_pace_is_the_flockd_file(tmp_path):
    from crawler.middlewares.pace import SharedPace, open_pace

    assert isinstance(open_pace(tmp_path / "sec.pace", None), SharedPace)


def test_queued_items_keep_their_type_and_bytes():
    from crawler.items import BenchmarkFileItem, DocumentItem
    from crawler.pipelines import ItemFormatError, deserialize_item, serialize_item

    document = DocumentItem(url="http://x/a", vendor="v", source="s", kind="news", text="Ünïcode text")
    summary = BenchmarkFileItem(source="mlperf", url="http://x/summary.csv", body=b"\x00a,b\n1,2\n", round="v5.1")
    assert deserialize_item(serialize_item(document)) == document
    assert deserialize_item(serialize_item(summary)) == summary
    with pytest.raises(ItemFormatError, match="not a chipwatch item"):
        deserialize_item(b'{"type": "Pickle", "fields": {}}')


def test_worker_and_store_need_a_redis_url_and_say_so_in_one_line(tmp_path):
    from tests.chipwatch.test_cli import clean_env

    env = clean_env(CHIPWATCH_DB=str(tmp_path / "x.db"))
    for args in (("crawl", "--worker"), ("store",)):
        result = run_chipwatch(*args, env=env)
        assert result.returncode == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1
        assert "needs CHIPWATCH_REDIS_URL" in result.stderr


def test_an_unreachable_redis_is_one_error_line(tmp_path):
    from tests.chipwatch.test_cli import clean_env, closed_port

    env = clean_env(CHIPWATCH_DB=str(tmp_path / "x.db"), CHIPWATCH_REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0")
    result = run_chipwatch("store", env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: cannot reach Redis at CHIPWATCH_REDIS_URL=redis://127.0.0.1:")


def test_store_refuses_an_item_it_cannot_read_and_keeps_the_queue(frontier_env, redis_url):
    import redis

    server = redis.Redis.from_url(redis_url)
    server.rpush("chipwatch:items", b"not json", b'{"type": "SourceSeenItem", "fields": {"source": "s", "url": "u"}}')
    result = run_chipwatch("store", env=frontier_env())
    assert result.returncode == 1
    assert result.stderr.startswith("Error: not a chipwatch item: ")
    assert server.llen("chipwatch:items") == 2


# --- start URLs in Redis, and per-host concurrency as one budget ------------------------------------
FEEDS = 30  # newsrooms of the small site, so 30 start requests
PER_FEED = 3
SMALL_DOCUMENTS = FEEDS * PER_FEED
START_URLS_KEY = "chipwatch:feeds:start_urls"
HOST_LEASES_KEY = "chipwatch:slots:127.0.0.1"  # every replayed host is 127.0.0.1 to Scrapy


class InFlight:
    """A replay-server rule that counts the requests the server has in hand at once (robots.txt aside).

    Each is held ``delay`` seconds, and for as long as ``holding`` is set; then the file tree answers it.
    The server holds a request for part of the time its worker holds the lease, so ``peak`` never
    exceeds the number of leases held at once.
    """

    def __init__(self, delay: float = 0.0):
        import threading

        self.delay = delay
        self.holding = threading.Event()
        self.now = self.peak = 0
        self._lock = threading.Lock()

    def __call__(self, info):
        if info.host == "robots.txt":
            return None
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        try:
            time.sleep(self.delay)
            deadline = time.monotonic() + 60
            while self.holding.is_set() and time.monotonic() < deadline:
                time.sleep(0.02)
        finally:
            with self._lock:
                self.now -= 1
        return None


@pytest.fixture
def small_site(tmp_path):
    """FEEDS newsrooms of PER_FEED articles, no SEC feed, every request counted by an InFlight rule."""
    root = tmp_path / "site"
    root.mkdir()
    in_flight = InFlight()
    with ReplayServer(root, rules=[in_flight]) as server:
        write_site(root, server.url, tmp_path / "generated.yml", vendors=FEEDS, per_vendor=PER_FEED, sec=False)
        server.in_flight = in_flight
        yield server


@pytest.fixture
def small_env(small_site, redis_url, tmp_path):
    return worker_envs(small_site, redis_url, tmp_path)


def start_requests_taken(stderr: str) -> int:
    return int(re.search(r"spider feeds: .* (\d+) start requests taken", stderr).group(1))


def feed_hits(server: ReplayServer) -> Counter:
    return Counter(url for url, count in article_hits(server).items() for _ in range(count)
                   if url.endswith("/feed.xml"))


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_start_urls_are_pushed_once_and_each_is_fetched_once_by_one_of_two_workers(small_site, small_env,
                                                                                   redis_url):
    import redis

    server = redis.Redis.from_url(redis_url)
    results = [finish(w) for w in [start_worker(small_env(1)), start_worker(small_env(2))]]
    assert [code for code, _ in results] == [0, 0], results
    seeders = [err for _, err in results if "pushed to Redis by this worker" in err]
    assert len(seeders) == 1 and f"({FEEDS} pushed to Redis by this worker)" in seeders[0], results
    assert sum(start_requests_taken(err) for _, err in results) == FEEDS  # each taken by one worker
    assert server.llen(START_URLS_KEY) == 0 and server.exists(f"{START_URLS_KEY}:seeded")
    hits = article_hits(small_site)
    assert [url for url, count in hits.items() if count > 1] == []
    assert len(feed_hits(small_site)) == FEEDS and sum(1 for url in hits if "/release-" in url) == SMALL_DOCUMENTS

    # the round is seeded: a worker started now pushes nothing again, takes nothing, fetches nothing
    code, err = finish(start_worker(small_env(3)))
    assert code == 0 and start_requests_taken(err) == 0 and "pushed to Redis" not in err, err
    assert article_hits(small_site) == hits
    stored = run_chipwatch("store", "--end-round", env=small_env(), timeout=240)
    assert stored.returncode == 0, stored.output
    assert server.keys("chipwatch:feeds:start_urls*") == []  # the next round seeds afresh


def test_a_worker_that_joins_late_finds_the_start_urls_left(small_site, small_env, redis_url):
    import redis

    server = redis.Redis.from_url(redis_url)
    # one request at a time, closed after two responses: it takes a start request only when it has room
    code, said = finish(start_worker(small_env(1), "-s", "CONCURRENT_REQUESTS=1", "-s", "CLOSESPIDER_PAGECOUNT=2",
                                     "-s", "FRONTIER_HEARTBEAT_SECONDS=2"))
    assert code == 0, said
    left = server.llen(START_URLS_KEY)
    assert 0 < left < FEEDS and start_requests_taken(said) == FEEDS - left, said

    code, err = finish(start_worker(small_env(2), "-s", "FRONTIER_HEARTBEAT_SECONDS=2"))
    assert code == 0, err
    assert start_requests_taken(err) == left and server.llen(START_URLS_KEY) == 0
    assert len(feed_hits(small_site)) == FEEDS
    assert sum(1 for url in article_hits(small_site) if "/release-" in url) == SMALL_DOCUMENTS


GLOBAL_LIMIT = 3  # each worker alone may send 8 at once to the host (FAST's CONCURRENT_REQUESTS_PER_DOMAIN)


def test_per_host_concurrency_is_one_budget_across_workers(small_site, small_env, redis_url):
    import redis

    small_site.in_flight.delay = 0.05  # long enough for requests to overlap
    options = ("-s", f"GLOBAL_CONCURRENT_REQUESTS_PER_DOMAIN={GLOBAL_LIMIT}")
    results = [finish(w) for w in [start_worker(small_env(1), *options), start_worker(small_env(2), *options)]]
    assert [code for code, _ in results] == [0, 0], results
    assert 2 <= small_site.in_flight.peak <= GLOBAL_LIMIT
    hits = article_hits(small_site)
    assert [url for url, count in hits.items() if count > 1] == []
    assert sum(1 for url in hits if "/release-" in url) == SMALL_DOCUMENTS
    assert redis.Redis.from_url(redis_url).keys("chipwatch:slots:*") == []  # every lease given back


def test_host_leases_of_a_killed_worker_expire(small_site, small_env, redis_url):
    import redis

    server, in_flight = redis.Redis.from_url(redis_url), small_site.in_flight
    options = ("-s", "GLOBAL_CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "GLOBAL_CONCURRENCY_LEASE_SECONDS=2",
               "-s", "FRONTIER_HEARTBEAT_SECONDS=2")
    in_flight.holding.set()  # the server answers nothing for now: the worker's requests stay in flight
    first = start_worker(small_env(1), *options)
    assert wait_for(lambda: in_flight.now == 2 or first.poll() is not None), finish(first)
    assert server.zcard(HOST_LEASES_KEY) == 2 and in_flight.peak == 2
    first.kill()  # SIGKILL, holding both leases on the host
    first.communicate(timeout=30)
    in_flight.holding.clear()
    assert wait_for(lambda: server.zcard(HOST_LEASES_KEY) == 0)  # nobody renews them: they expire

    code, err = finish(start_worker(small_env(2), *options))  # the host is not blocked by the dead worker
    assert code == 0, err
    assert in_flight.peak == 2
    assert sum(1 for url in article_hits(small_site) if "/release-" in url) == SMALL_DOCUMENTS


def test_a_start_request_keeps_its_callback_meta_and_conditional_get_headers_through_redis():
    from scrapy import Request
    from scrapy.settings import Settings

    from crawler.spiders.feeds import FeedsSpider

    spider = FeedsSpider()
    spider.settings = Settings()
    request = Request("https://news.acme.test/feed.xml", callback=spider.parse_feed, errback=spider.record_failure,
                      headers={"If-None-Match": '"5d41402a"', "If-Modified-Since": "Mon, 02 Mar 2026 21:05:11 GMT"},
                      meta={"source": "acme-feed", "vendor": "acme", "handle_httpstatus_list": [304]},
                      priority=5, dont_filter=True)
    back = spider.make_request_from_data(spider.start_data(request))
    assert back.to_dict(spider=spider) == request.to_dict(spider=spider)
    assert back.headers["If-None-Match"] == b'"5d41402a"' and back.callback == spider.parse_feed


def test_an_edgar_start_request_keeps_its_vendor_through_redis(tmp_path):
    from chipwatch.registry import load_registry
    from crawler.spiders.edgar import EdgarSpider

    registry = tmp_path / "sources.yml"
    registry.write_text('vendors:\n  - {slug: acme, name: Acme, founded: 2001, cik: "0000000001"}\n',
                        encoding="utf-8")
    spider = EdgarSpider()
    spider.registry = load_registry(registry)
    vendor = spider.registry.vendor("acme")
    request = spider.request("https://data.sec.gov/submissions/CIK0000000001.json", spider.parse_submissions,
                             source="acme-edgar", cb_kwargs={"vendor": vendor})
    back = spider.make_request_from_data(spider.start_data(request))
    assert back.cb_kwargs == {"vendor": vendor} and back.meta == request.meta


def test_start_data_that_is_not_a_request_is_a_named_error():
    from scrapy import Request, Spider

    from crawler.start_data import StartDataError, request_from_data, request_to_data

    with pytest.raises(StartDataError, match="not a JSON request"):
        request_from_data(b"https://acme.test/feed.xml", Spider("s"))
    with pytest.raises(StartDataError, match="cannot go to Redis as JSON"):
        request_to_data(Request("https://acme.test/", meta={"when": object()}), Spider("s"))


def test_a_global_host_limit_below_one_stops_the_run(redis_url):
    from scrapy.utils.test import get_crawler

    from crawler.middlewares.host_slots import GlobalHostConcurrencyMiddleware

    crawler = get_crawler(settings_dict={"REDIS_URL": redis_url, "GLOBAL_CONCURRENT_REQUESTS_PER_DOMAIN": 0,
                                         "GLOBAL_CONCURRENCY_LEASE_SECONDS": 20,
                                         "GLOBAL_CONCURRENCY_KEY": "chipwatch:slots:%(slot)s"})
    with pytest.raises(ValueError, match="at least 1"):
        GlobalHostConcurrencyMiddleware.from_crawler(crawler)
