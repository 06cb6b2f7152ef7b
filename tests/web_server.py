"""A local HTTP server for the web tests: no test touches the internet.

Routes are set per test: a body with its content type, a status, a redirect, a delay (for the
timeout), and ETag / Last-Modified validators honoured with 304 Not Modified. Every request is
recorded (path and headers), so a test can see what the client sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).parent / "data" / "web"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None  # a redirect's target
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class Server:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def page(self, path: str, fixture: str, content_type: str = "text/html; charset=utf-8", **options: object) -> str:
        """Serve a fixture file at ``path`` (``{base}`` in it replaced by this server's address)."""
        body = (WEB / fixture).read_text(encoding="utf-8").replace("{base}", self.base).encode()
        self.routes[path] = Route(body=body, content_type=content_type, **options)  # type: ignore[arg-type]
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        state = self.server.state  # type: ignore[attr-defined]
        state.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = state.routes.get(self.path)
        if route is None:
            self._send(404, b"<html><body>Not found</body></html>", "text/html")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.location is not None:
            self.send_response(route.status)
            self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
        ):
            self.send_response(304)
            self.end_headers()
            return
        extra = {}
        if route.etag:
            extra["ETag"] = route.etag
        if route.last_modified:
            extra["Last-Modified"] = route.last_modified
        self._send(route.status, route.body, route.content_type, extra)

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
            pass


@contextmanager
def serving() -> Iterator[Server]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    state = Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
