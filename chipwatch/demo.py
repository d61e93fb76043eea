"""The offline demo: the bundled corpus (``demo/site``) served by the replay server, and the environment
that points every spider at it.

``chipwatch demo`` starts :func:`start_demo_server`, runs crawl and extract with
:func:`demo_env`, then serves ``data/demo.db``; everything stored is marked demo data.
"""

from __future__ import annotations

import os

from chipwatch.config import REPO_ROOT
from chipwatch.replay import ReplayServer
from demo.mlperf import round_url

DEMO_SITE = REPO_ROOT / "demo" / "site"
DEMO_SOURCES = REPO_ROOT / "demo" / "sources.yml"
DEMO_DB = "data/demo.db"
DEMO_SINCE = "2025-01-01"  # the corpus spans 2025-2026; a rolling horizon would drop it as it ages
DEMO_USER_AGENT = "chipwatch demo demo@example.org"
def start_demo_server(port: int | None = None) -> ReplayServer:
    """Serve the demo site on 127.0.0.1 and return the running server; stop it with ``server.stop()``.

    ``port`` defaults to ``CHIPWATCH_DEMO_PORT`` or 8765 (a fixed port keeps the corpus's URLs the same
    from one run to the next, so a re-run recognises what it fetched); if that port is taken, a free one is used
    (a re-run then fetches the newsroom pages again, since their URLs changed).
    """
    if port is None:
        from chipwatch.config import load_settings

        port = load_settings().demo_port
    try:
        return ReplayServer(DEMO_SITE, port).start()
    except OSError:
        return ReplayServer(DEMO_SITE, 0).start()


def demo_env(server: ReplayServer, *, db_path: str | None = None,
             base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with every chipwatch setting pointed at ``server``.

    The database is ``db_path``, else ``data/demo.db``: never the real database.

    >>> env = demo_env(server)  # doctest: +SKIP
    >>> env["CHIPWATCH_EDGAR_DATA_URL"]  # doctest: +SKIP
    'http://127.0.0.1:40123/data.sec.gov'
    """
    env = dict(os.environ if base is None else base)
    env.update({
        "CHIPWATCH_SOURCES": str(DEMO_SOURCES),
        "CHIPWATCH_EDGAR_DATA_URL": server.base("data.sec.gov"),
        "CHIPWATCH_EDGAR_ARCHIVES_URL": server.base("www.sec.gov"),
        "CHIPWATCH_DEMO_URL": server.url,
        "SEC_USER_AGENT": DEMO_USER_AGENT,
        "CHIPWATCH_DB": db_path or DEMO_DB,
        "CHIPWATCH_SINCE": DEMO_SINCE,
        "CHIPWATCH_MLPERF_ROUNDS": round_url(server.url),  # the demo's own small MLPerf round (demo data)
    })
    return env
