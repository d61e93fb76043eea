"""Helpers shared by the newsroom and wire spider tests (feeds, sitemaps, listings, wires, faults).

The fixtures that use them (``newsroom_env``, ``crawl``) are in ``tests/crawler/conftest.py``.

The fixture sites under ``tests/fixtures/site/<host>/`` write their links as
``${REPLAY_URL}/<host>/...`` (real feeds carry absolute links, and the replay
server's port is only known at run time); :func:`templated` serves those files
with the placeholder filled in. Fault rules go *before* it (:func:`add_fault`).
"""

from __future__ import annotations

from collections.abc import Callable

from chipwatch.replay import Answer, ReplayServer, RequestInfo

REGISTRY = "newsrooms.yml"
NEWSROOM_HOSTS = frozenset({
    "newsroom.voltara.test", "ir.quantix.test", "blog.neurix.test", "www.lumenchip.test", "www.cortexa.test",
    "www.globenewswire.com", "www.prnewswire.com", "feed.businesswire.com", "www.businesswire.com",
})
# Fast and deterministic crawls: no politeness delays against 127.0.0.1, one retry, short waits.
FAST = ("-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=1",
        "-s", "RETRY_AFTER_MAX=3", "-s", "DOWNLOAD_TIMEOUT=3")

# What a full crawl of the fixture sites stores, per spider: (source, path on the replay server).
EXPECTED = {
    "feeds": {
        ("voltara-feed", "/newsroom.voltara.test/news/voltara-introduces-helix-h300-inference-accelerator"),
        ("voltara-feed", "/newsroom.voltara.test/news/voltara-reports-third-quarter-fiscal-2026-results"),
        ("voltara-feed", "/newsroom.voltara.test/news/voltara-and-meridian-cloud-expand-partnership"),
        ("quantix-feed", "/ir.quantix.test/news-events/press-releases/detail/412/"
                         "quantix-reports-second-quarter-2026-financial-results"),
        ("quantix-feed", "/ir.quantix.test/news-events/press-releases/detail/418/quantix-opens-design-center-in-porto"),
        ("neurix-feed", "/blog.neurix.test/2026/04/21/neurix-n2-sparse-inference/"),
        ("neurix-feed", "/blog.neurix.test/news/neurix-raises-series-c/"),
    },
    "sitemaps": {
        ("lumenchip-sitemap", "/www.lumenchip.test/news/releases/2026/05/lumenchip-ships-photon-x-optical-interconnect"),
        ("lumenchip-sitemap", "/www.lumenchip.test/news/releases/2026/09/lumenchip-appoints-chief-financial-officer"),
    },
    "listings": {
        ("cortexa-listing", "/www.cortexa.test/press/cortexa-unveils-wafer-scale-inference-cloud"),
        ("cortexa-listing", "/www.cortexa.test/press/cortexa-partners-with-nordlys-energy"),
    },
    "wires": {
        ("globenewswire", "/www.globenewswire.com/news-release/2026/07/28/3112045/0/en/"
                          "Quantix-Reports-Second-Quarter-2026-Financial-Results.html"),
        ("globenewswire", "/www.globenewswire.com/news-release/2026/10/06/3140877/0/en/"
                          "LumenChip-to-Present-at-Optical-Computing-Summit.html"),
        ("prnewswire", "/www.prnewswire.com/news-releases/voltara-introduces-helix-h300-inference-accelerator-302405518.html"),
        ("prnewswire", "/www.prnewswire.com/news-releases/cortexa-ai-adds-speculative-decoding-to-inference-cloud-302461190.html"),
        ("businesswire", "/www.businesswire.com/news/home/20261103005120/en/Neurix-Labs-Opens-N2-Developer-Program"),
    },
}


def templated(server: ReplayServer) -> Callable[[RequestInfo], Answer | None]:
    """A replay rule serving the newsroom fixture hosts with ``${REPLAY_URL}`` replaced by the server's URL."""

    def rule(info: RequestInfo) -> Answer | None:
        if info.host not in NEWSROOM_HOSTS:
            return None
        answer = server._from_tree(info)  # the server's own file answer, then fill the placeholder in
        answer.body = answer.body.replace(b"${REPLAY_URL}", server.url.encode("ascii"))
        return answer

    return rule


def add_fault(server: ReplayServer, rule: Callable[[RequestInfo], Answer | None]) -> None:
    """Install a fault rule ahead of the fixture files."""
    server.rules.insert(0, rule)


def answer_path(path: str, answer: Answer) -> Callable[[RequestInfo], Answer | None]:
    """A rule answering requests for ``/<host>/<path>`` (``path`` as the replay URL path) with ``answer``."""

    def rule(info: RequestInfo) -> Answer | None:
        return answer if f"/{info.host}{info.path}".split("?")[0] == path else None

    return rule


def stored(db) -> dict[str, dict]:
    """Documents in the database keyed by their URL path on the replay server."""
    rows = {}
    for row in db.query("select * from documents"):
        path = "/" + row["url"].split("/", 3)[3]
        rows[path] = row
    return rows


def stored_pairs(db) -> set[tuple[str, str]]:
    return {(row["source"], path) for path, row in stored(db).items()}


def errors(db, run: int | None = None) -> list[dict]:
    sql = "select * from fetch_errors" + (" where run = ?" if run else "") + " order by id"
    return list(db.query(sql, [run] if run else []))


def last_run(db) -> int:
    return db.execute("select max(id) from runs").fetchone()[0]
