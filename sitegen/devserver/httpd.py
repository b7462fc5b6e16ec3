"""The preview's HTTP server: one thread per connection, bounded, each answered from a Preview.

A request is answered only when it names this machine or the bound address
(sitegen/devserver/hosts.py): otherwise 403 (400 for two Host headers), a line of text and
never a byte of the site. Its path is located strictly inside the preview folder
(sitegen/devserver/locate.py); HTML pages get the reload script (sitegen/devserver/pages.py),
which listens on ``EVENTS_PATH?page=<its path>`` (sitegen/devserver/events.py). One request
per connection, no caching, no content sniffing: nothing lingers between pages.

A connection holds one of MAX_CONNECTIONS slots (beyond them it is answered 503 rather than
given a thread) for as long as it lasts, and no longer: its request line and headers must all
arrive within HEADER_TIMEOUT of its start (however slowly they trickle in), every later read
or write within IDLE_TIMEOUT; at most MAX_EVENT_STREAMS of the slots are event streams (the
others get 503), so pages always have slots; a stream ends as soon as its client leaves.
``close_connections`` wakes every connection thread (a silent client, an event stream) so
that stopping never waits on a client.
"""

from __future__ import annotations

import contextlib
import io
import mimetypes
import os
import shutil
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from sitegen.devserver.cms_backend import API_PATH, Answer, CmsBackend
from sitegen.devserver.events import stream_events
from sitegen.devserver.hosts import host_allowed
from sitegen.devserver.locate import is_html, locate
from sitegen.devserver.pages import EVENTS_PATH, inject
from sitegen.devserver.preview import Preview
from sitegen.errors import SitegenError
from sitegen.i18n import msg, verbatim

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

KEEPALIVE = 15.0  # seconds between pings on an idle event stream (finds clients that left)

IDLE_TIMEOUT = 10.0  # seconds a connection may stay silent before it is closed

HEADER_TIMEOUT = 5.0  # seconds from a connection's start to the end of its request's headers

MAX_CONNECTIONS = 256  # beyond this, new connections get 503 rather than a thread each

MAX_EVENT_STREAMS = 32  # of those, event streams (a browser tab each): beyond, 503

PLAIN = "text/plain; charset=utf-8"

NOT_THIS_HOST = (
    b"403 forbidden: this preview answers requests for localhost, 127.0.0.1, [::1] or the --host "
    b"address only, so that a page of another site cannot read it through its own name\n"
)

TWO_HOSTS = b"400 bad request: more than one Host header\n"

TOO_MANY_STREAMS = b"503 too many live-reload streams are open: close some preview tabs\n"

Echo = Callable[[str, bool], None]  # (line, to stderr)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], preview: Preview, echo: Echo) -> None:
        self.preview = preview
        self.echo = echo
        self.cms: CmsBackend | None = None  # /admin/ and its local backend, when set
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self._open: set[socket.socket] = set()  # guarded by _open_lock
        self._open_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.event_slots = threading.BoundedSemaphore(MAX_EVENT_STREAMS)
        self.bound_host = address[0]  # a Host naming it is answered, as one naming the loopback
        try:
            super().__init__(address, Handler)
        except OSError as exc:
            why = verbatim(exc.strerror or str(exc))
            raise SitegenError(
                msg("cannot serve on {host}:{port}: {why}", host=address[0], port=address[1], why=why)
            ) from None

    def server_bind(self) -> None:
        # HTTPServer's own looks the host's name up in DNS: slow, and no use here
        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.settimeout(0.5)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n\r\n")
            self.shutdown_request(request)
            return
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            held = request in self._open
            self._open.discard(request)
        super().shutdown_request(request)
        if held:
            self._slots.release()

    def close_connections(self) -> None:
        """Wake every connection thread (a silent client, an event stream) so it ends now."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client that goes away mid-answer is normal; anything else is worth one line
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            self.echo(f"warning: a request failed: {type(error).__name__}: {error}", True)


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "sitegen-serve"
    protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers between pages
    timeout = IDLE_TIMEOUT

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # replaced by one that keeps the request's deadline
        self._reader = RequestReader(self.connection, self.timeout, time.monotonic() + HEADER_TIMEOUT)
        self.rfile = io.BufferedReader(self._reader)

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        # the request is in (or refused): from here on, each write has the idle timeout
        self._reader.deadline = None
        self.connection.settimeout(self.timeout)
        return parsed

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_POST(self) -> None:
        cms = self.server.cms
        if cms is None or self.path.split("?", 1)[0] != API_PATH:
            self.send_error(501, "Unsupported method ('POST')")  # only the CMS's endpoint takes one
            return
        refused = self._refusal()
        if refused is not None:
            self.close_connection = True
            self._send(refused[0], PLAIN, refused[1], True)
            return
        self._send_answer(cms.post(self.headers.get, self.rfile), True)

    def _send_answer(self, answer: Answer, with_body: bool) -> None:
        self._send(answer.status, answer.content_type, answer.body, with_body, answer.headers)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for rebuilds and errors."""

    def _answer(self, with_body: bool) -> None:
        preview = self.server.preview
        try:
            refused = self._refusal()
            if refused is not None:
                self.close_connection = True
                self._send(refused[0], PLAIN, refused[1], with_body)
                return
            if self.path.split("?", 1)[0] == EVENTS_PATH:
                self._events(preview, with_body)
                return
            state = preview.state
            cms = self.server.cms
            admin = cms.admin(self.path, state.base_path, self.headers.get("Host")) if cms else None
            if admin is not None:
                self._send_answer(admin, with_body)
                return
            target = locate(preview.root, self.path, state.base_path)
            if target.redirect is not None:
                self._send(301, PLAIN, b"", with_body, [("Location", target.redirect)])
                return
            file = target.file
            if file is not None and not is_html(file):
                self._send_file(file, with_body)
                return
            status, data = preview.html_page(state, file, self.path)
            if data is None:
                self._send(404, PLAIN, b"404 not found\n", with_body)
                return
            self._send_html(status, data, preview.page_id(state, data), with_body)
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _refusal(self) -> tuple[int, bytes] | None:
        """The status and line that refuse this request when it names another host, else None.

        A request without Host is answered, from any client: a browser always sends one (the
        rebinding page gets its own name sent), so a request without it was written by a
        client that reached the port itself, and could as well have sent ``Host: 127.0.0.1``.
        Who may reach the port at all is ``--host``'s business."""
        named = self.headers.get_all("Host", [])
        if len(named) > 1:
            return 400, TWO_HOSTS
        if not self.path.startswith("/"):  # absolute form: its authority overrides Host
            try:
                authority = urlsplit(self.path).netloc
            except ValueError:
                return 403, NOT_THIS_HOST
            if authority:
                named.append(authority)
        if all(host_allowed(host, self.server.bound_host) for host in named):
            return None
        return 403, NOT_THIS_HOST

    def _events(self, preview: Preview, with_body: bool) -> None:
        slots = self.server.event_slots
        if not slots.acquire(blocking=False):
            self._send(503, PLAIN, TOO_MANY_STREAMS, with_body, [("Retry-After", "5")])
            return
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if with_body:
                self.wfile.write(b"retry: 1000\n\n")
                page = parse_qs(self.path.partition("?")[2]).get("page", [None])[0]
                stream_events(preview, self.connection, self.wfile.write, page, KEEPALIVE)
        finally:
            slots.release()

    def _send_file(self, path: Path, with_body: bool) -> None:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the headers are sent
        except OSError:  # gone in a swap a moment ago
            self._send(404, PLAIN, b"404 not found\n", with_body)
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            self._headers(200, content_type(path), size, [])
            if with_body:
                shutil.copyfileobj(handle, self.wfile)

    def _send_html(self, status: int, page: bytes, build_id: str, with_body: bool) -> None:
        self._send(status, "text/html; charset=utf-8", inject(page, build_id), with_body)

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        with_body: bool,
        extra: Sequence[tuple[str, str]] = (),
    ) -> None:
        self._headers(status, content_type, len(body), extra)
        if with_body:
            self.wfile.write(body)

    def _headers(self, status: int, content_type: str, length: int, extra: Sequence[tuple[str, str]]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()


class RequestReader(io.RawIOBase):
    """A connection's bytes, each read within the idle timeout and, while ``deadline`` is set
    (until the headers are in), before that moment: a client sending one byte at a time
    never lets a timeout per read expire, a deadline for the whole request does."""

    def __init__(self, connection: socket.socket, idle: float | None, deadline: float | None) -> None:
        super().__init__()
        self.connection = connection
        self.idle = idle
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        timeout = self.idle
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request line and headers took too long")
            timeout = left if timeout is None else min(timeout, left)
        self.connection.settimeout(timeout)
        return self.connection.recv_into(buffer)


def content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml"):
        kind += "; charset=utf-8"
    return kind
