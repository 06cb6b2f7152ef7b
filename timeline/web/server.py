"""``timeline serve``: the web view over HTTP, read-only, from the standard library's server.

    GET /                    the page, every event in it (as ``timeline events`` lists them)
    GET /static/…            its script, styles and the vendored vis-timeline
    GET /api/events?…        the events as ``timeline events --format json`` gives them; the
                             parameters are the command's: from, to, within, include_undated,
                             actor, kind, status, place, search, article, limit, offset
    GET /api/events/ID       one event with its history and every source's paragraph
    GET /api/ids?…           just the ids (the page's search asks the lemma index this way)

Nothing is written: the database is opened with :func:`timeline.db.open_for_read`, and anything
but GET and HEAD is refused.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import Engine

from timeline import db
from timeline.errors import TimelineError
from timeline.output.formats import event_dict
from timeline.query import MAX_SQL_INT, EventQuery, find_events, get_event, matching_ids, parse_period
from timeline.vocabulary import kind_code, status_code
from timeline.web.page import SERVED_CSP, STATIC, detail_dict, page_items, render_page

TEXT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
              ".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
QUERY_KEYS = {"from", "to", "within", "include_undated", "actor", "kind", "status", "place", "search",
              "article", "limit", "offset"}


class BadRequest(Exception):
    """A request the view cannot answer as asked: 400 with its message."""


def _flag(value: str) -> bool:
    if value.lower() in ("", "1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise BadRequest(f"not a yes/no value: {value!r}")


def _int(name: str, value: str, low: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"{name}: not a number: {value!r}") from None
    if not low <= number <= MAX_SQL_INT:
        raise BadRequest(f"{name}: out of range: {value}")
    return number


def query_from_params(params: dict[str, list[str]]) -> EventQuery:
    """The ``timeline events`` options from a query string (one value each)."""
    unknown = sorted(set(params) - QUERY_KEYS)
    if unknown:
        raise BadRequest(f"unknown parameter: {unknown[0]}")
    one = {k: v[-1] for k, v in params.items()}
    try:
        return EventQuery(
            start=parse_period(one["from"], "from")[0] if one.get("from") else None,
            end=parse_period(one["to"], "to")[1] if one.get("to") else None,
            within=_flag(one["within"]) if "within" in one else False,
            include_undated=_flag(one["include_undated"]) if "include_undated" in one else False,
            actor=one.get("actor"), place=one.get("place"),
            # a code or the pack's word for it, as on the command line («встреча», «запланировано»)
            kind=kind_code(one.get("kind")), status=status_code(one.get("status")),
            search=one.get("search"), article=one.get("article"),
            limit=_int("limit", one["limit"], 1) if "limit" in one else None,
            offset=_int("offset", one["offset"], 0) if "offset" in one else 0,
        )
    except TimelineError as exc:
        raise BadRequest(str(exc)) from exc


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


class ViewServer(ThreadingHTTPServer):
    """One engine shared by the request threads; each request has its own session."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], engine: Engine, *, title: str = "timeline",
                 log: Callable[[str], None] | None = None) -> None:
        self.engine = engine
        self.title = title
        self.log = log
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, ViewHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}/"

    def allowed_host(self, header: str | None) -> bool:
        """On a loopback address, only requests naming a local host: a web page elsewhere cannot
        point a name of its own at 127.0.0.1 (DNS rebinding) and read the database through it."""
        if not is_loopback(str(self.server_address[0])):
            return True
        if not header:
            return False
        name = urlsplit(f"//{header}").hostname or ""
        return is_loopback(name)


class ViewHandler(BaseHTTPRequestHandler):
    server: ViewServer
    server_version = "timeline"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log is not None:
            self.server.log(format % args)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"read-only\n", "text/plain; charset=utf-8",
                   extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse

    def _answer(self, head: bool) -> None:
        if not self.server.allowed_host(self.headers.get("Host")):
            self._send(HTTPStatus.FORBIDDEN, b"unknown host\n", "text/plain; charset=utf-8", head=head)
            return
        # http.server reads the request line as Latin-1; a client sending raw UTF-8 (curl) means UTF-8.
        try:
            target = self.path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            target = self.path
        parts = urlsplit(target)
        path = unquote(parts.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        try:
            if path == "/":
                self._page(head)
            elif path.startswith("/static/"):
                self._static(path.removeprefix("/static/"), head)
            elif path == "/api/events":
                self._json(self._events(params), head)
            elif path == "/api/ids":
                self._json(self._ids(params), head)
            elif path.startswith("/api/events/"):
                self._json(self._event(path.removeprefix("/api/events/")), head)
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head=head)
        except BadRequest as exc:
            self._json({"error": str(exc)}, head, HTTPStatus.BAD_REQUEST)
        except TimelineError as exc:
            status = HTTPStatus.NOT_FOUND if str(exc).startswith("no event") else HTTPStatus.BAD_REQUEST
            self._json({"error": str(exc)}, head, status)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away mid-answer

    # ------------------------------------------------------------ routes

    def _page(self, head: bool) -> None:
        with db.session_scope(self.server.engine) as session:
            items = page_items(session)
        body = render_page(items, inline=False, title=self.server.title).encode("utf-8")
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", head=head,
                   extra={"Content-Security-Policy": SERVED_CSP})

    def _static(self, name: str, head: bool) -> None:
        root = STATIC.resolve()
        file = (root / name).resolve()
        # Only files under static/, however the path is spelled.
        if not file.is_relative_to(root) or not file.is_file():
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head=head)
            return
        kind = TEXT_TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, file.read_bytes(), kind, head=head,
                   extra={"Cache-Control": "max-age=3600"})

    def _events(self, params: dict[str, list[str]]) -> list[dict[str, Any]]:
        query = query_from_params(params)
        with db.session_scope(self.server.engine) as session:
            return [event_dict(e) for e in find_events(session, query)]

    def _ids(self, params: dict[str, list[str]]) -> dict[str, Any]:
        query = query_from_params(params)
        with db.session_scope(self.server.engine) as session:
            return {"ids": sorted(matching_ids(session, query))}

    def _event(self, ref: str) -> dict[str, Any]:
        if not ref.isdigit():
            raise BadRequest(f"not an event id: {ref!r}")
        with db.session_scope(self.server.engine) as session:
            return detail_dict(get_event(session, _int("id", ref, 1)))

    # ------------------------------------------------------------ answers

    def _json(self, value: Any, head: bool, status: HTTPStatus = HTTPStatus.OK) -> None:
        body = (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", head=head)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, *, head: bool = False,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)


def make_server(engine: Engine, host: str = "127.0.0.1", port: int = 8000, *, title: str = "timeline",
                log: Callable[[str], None] | None = None) -> ViewServer:
    """A server bound to ``host:port`` (port 0: a free one); :meth:`serve_forever` runs it."""
    try:
        return ViewServer((host, port), engine, title=title, log=log)
    except OSError as exc:
        raise TimelineError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def serve(server: ViewServer) -> None:
    """Answer until Ctrl-C (or :meth:`shutdown` from another thread), then close the socket."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("Stopped.\n")
    finally:
        server.server_close()


def serve_in_thread(server: ViewServer) -> threading.Thread:
    """For tests and benchmarks: the server answering in a daemon thread."""
    thread = threading.Thread(target=server.serve_forever, name="timeline-serve", daemon=True)
    thread.start()
    return thread

