"""A local HTTP server that answers the way SEC EDGAR, newsrooms and wires answer.

It serves a directory tree whose first level is the host name::

    ROOT/data.sec.gov/submissions/CIK0000000001.json   ->  GET /data.sec.gov/submissions/CIK0000000001.json
    ROOT/news.example.com/feed.xml                       ->  GET /news.example.com/feed.xml

so a spider reaches a real endpoint's path under ``http://127.0.0.1:PORT/<host>``
(set ``CHIPWATCH_EDGAR_DATA_URL=http://127.0.0.1:PORT/data.sec.gov`` and so on).
It reproduces the behaviours documented in ``shared/formats.md``: the SEC's 403
pages for an undeclared User-Agent and for exceeding the request rate, 403 with
S3's ``AccessDenied`` XML for a missing Archives object, ETag/Last-Modified and
304 on Archives but ``no-cache`` on ``data.sec.gov``. A file ``NAME.http`` beside
``NAME`` holds extra response lines (``Status: 503``, ``Content-Type: ...``).
Tests add ``rules``: callables that may answer a request instead of the tree.

Used by ``make demo`` (``python -m chipwatch.replay demo/site``) and by the tests.
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click

SEC_HOSTS = ("data.sec.gov", "www.sec.gov", "efts.sec.gov")
# A fixed Last-Modified for served files, so conditional requests are repeatable.
FIXED_LAST_MODIFIED = "Mon, 02 Mar 2026 21:05:11 GMT"

UNDECLARED_PAGE = b"""<!DOCTYPE html><html><head><title>SEC.gov | Your Request Originates from an Undeclared
Automated Tool</title></head><body><h1>Your Request Originates from an Undeclared Automated Tool</h1>
<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from
undeclared automated tools. Your request has been identified as part of a network of automated tools
outside of the acceptable policy and will be managed until action is taken to declare your traffic.</p>
<p>Please declare your traffic by updating your user agent to include company specific information.</p>
</body></html>"""

RATE_PAGE = b"""<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>
<body><h1>Your Request Rate Threshold Exceeded</h1><p>To allow for equitable access to all users, SEC
reserves the right to limit requests originating from undeclared automated tools. Your request has been
identified as part of a network of automated tools outside of the acceptable policy and will be managed
until action is taken to declare your traffic.</p><p>Reference ID: 0.local.replay</p>
<p>For best practices on efficiently downloading information from SEC.gov, including the latest EDGAR
filings, visit sec.gov/developer. You can also sign up for email updates on the SEC open data program,
including best practices that make it more efficient to download data, at sec.gov/opendata.</p></body></html>"""

ACCESS_DENIED = b"""<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>LOCALREPLAY0001</RequestId>\
<HostId>local-replay</HostId></Error>"""

_TYPES = {
    ".json": "application/json", ".xml": "text/xml; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=ISO-8859-1", ".htm": "text/html; charset=utf-8",
    ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".idx": "text/plain",
    ".aspx": "application/rss+xml; charset=utf-8",
}


@dataclass
class Answer:
    """A response a rule gives instead of the file tree."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a slow or hanging server)
    drop: bool = False  # close the connection without an answer


Rule = Callable[["RequestInfo"], "Answer | None"]


@dataclass
class RequestInfo:
    method: str
    host: str
    path: str  # path on the host, with query
    headers: dict[str, str]
    at: float


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (for servers started as child processes)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ReplayServer:
    """Serve ``root`` on 127.0.0.1 in a background thread; ``with ReplayServer(root) as server: server.url``."""

    def __init__(self, root: str | Path, port: int = 0, *, rules: list[Rule] | None = None,
                 sec_rate_limit: float | None = 10.0, sec_block_seconds: float = 600.0):
        self.root = Path(root).resolve()
        self.rules: list[Rule] = list(rules or [])
        self.sec_rate_limit = sec_rate_limit
        self.sec_block_seconds = sec_block_seconds
        self.requests: list[RequestInfo] = []
        self._sec_times: deque[float] = deque()
        self._sec_blocked_until = 0.0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def base(self, host: str) -> str:
        """The base URL that stands for ``https://<host>``."""
        return f"{self.url}/{host}"

    def start(self) -> ReplayServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="replay", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def hits(self, host: str | None = None, path_prefix: str = "") -> list[RequestInfo]:
        """Requests received so far, optionally for one host and path prefix."""
        return [r for r in list(self.requests)
                if (host is None or r.host == host) and r.path.startswith(path_prefix)]

    # --- answering ----------------------------------------------------------------------
    def answer(self, info: RequestInfo) -> Answer:
        for rule in self.rules:
            answer = rule(info)
            if answer is not None:
                return answer
        if info.host in SEC_HOSTS:
            refused = self._sec_gate(info)
            if refused is not None:
                return refused
        return self._from_tree(info)

    def _sec_gate(self, info: RequestInfo) -> Answer | None:
        agent = info.headers.get("user-agent", "")
        if "@" not in agent:
            return Answer(403, UNDECLARED_PAGE, {"Content-Type": "text/html"})
        with self._lock:
            now = info.at
            if now < self._sec_blocked_until:
                self._sec_blocked_until = now + self.sec_block_seconds  # hammering extends the block
                return Answer(403, RATE_PAGE, {"Content-Type": "text/html"})
            self._sec_times.append(now)
            while self._sec_times and self._sec_times[0] <= now - 1.0:
                self._sec_times.popleft()
            if self.sec_rate_limit is not None and len(self._sec_times) > self.sec_rate_limit:
                self._sec_blocked_until = now + self.sec_block_seconds
                return Answer(403, RATE_PAGE, {"Content-Type": "text/html"})
        return None

    def _from_tree(self, info: RequestInfo) -> Answer:
        rel = unquote(urlsplit(info.path).path).lstrip("/")
        path = (self.root / info.host / rel).resolve()
        if self.root / info.host not in [path, *path.parents]:
            return Answer(404, b"not found")
        if path.is_dir():
            path = next((path / n for n in ("index.html", "index.xml", "index.json") if (path / n).is_file()),
                        path / "index.html")
        if not path.is_file() or path.suffix == ".http":
            if info.host == "www.sec.gov" and rel.startswith("Archives/"):
                return Answer(403, ACCESS_DENIED, {"Content-Type": "application/xml"})
            return Answer(404, b"<html><body><h1>404 Not Found</h1></body></html>",
                          {"Content-Type": "text/html"})
        body = path.read_bytes()
        headers = {"Content-Type": _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
                   or "application/octet-stream"}
        status = 200
        if info.host == "data.sec.gov":
            headers["Cache-Control"] = "max-age=0, no-cache, no-store"
        elif info.host in SEC_HOSTS and rel.startswith("Archives/"):
            etag = f'"{hashlib.md5(body).hexdigest()}"'
            headers.update({"ETag": etag, "Last-Modified": FIXED_LAST_MODIFIED, "Accept-Ranges": "bytes"})
            if _not_modified(info.headers, etag):
                return Answer(304, b"", {"ETag": etag, "Last-Modified": FIXED_LAST_MODIFIED})
        sidecar = path.with_name(path.name + ".http")
        if sidecar.is_file():
            for line in sidecar.read_text(encoding="utf-8").splitlines():
                if ":" in line and not line.startswith("#"):
                    name, value = (p.strip() for p in line.split(":", 1))
                    if name.lower() == "status":
                        status = int(value)
                    else:
                        headers[name] = value
        return Answer(status, body, headers)

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - http.server's naming
                self._serve(send_body=True)

            def do_HEAD(self):  # noqa: N802
                self._serve(send_body=False)

            def _serve(self, send_body: bool):
                host, _, rest = self.path.lstrip("/").partition("/")
                info = RequestInfo(self.command, host, "/" + rest,
                                   {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                server.requests.append(info)
                answer = server.answer(info)
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.drop:
                    self.close_connection = True
                    return
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if send_body and answer.body:
                    try:
                        self.wfile.write(answer.body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

            def log_message(self, format, *args):  # noqa: A002 - quiet by default
                pass

        return Handler


def _not_modified(headers: dict[str, str], etag: str) -> bool:
    if headers.get("if-none-match"):
        return etag in [t.strip() for t in headers["if-none-match"].split(",")]
    since = headers.get("if-modified-since")
    if since:
        try:
            return email.utils.parsedate_to_datetime(since) >= email.utils.parsedate_to_datetime(
                FIXED_LAST_MODIFIED)
        except (TypeError, ValueError):
            return False
    return False


@click.command()
@click.argument("root", type=click.Path(exists=True, file_okay=False))
@click.option("--port", default=8765, show_default=True, help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--sec-rate", default=10.0, show_default=True, help="Requests/s before the SEC rate page.")
def main(root: str, port: int, sec_rate: float) -> None:
    """Serve ROOT (a tree of <host>/<path> files) on 127.0.0.1 the way the real endpoints answer."""
    server = ReplayServer(root, port, sec_rate_limit=sec_rate)
    click.echo(f"replaying {root} at {server.url} (Ctrl-C to stop)", err=True)
    try:
        server._httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._httpd.server_close()


if __name__ == "__main__":
    main()
