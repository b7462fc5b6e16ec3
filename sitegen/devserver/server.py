"""``sitegen serve``: a local preview that rebuilds on every save and reloads the browser.

The preview is built into ``<cache_dir>/preview``, never into the site's output folder: that
one may be deployed, and drafts and future articles must never land in it. Builds go through
the build's own incremental cache, and a build swaps its output folder in whole, so the server
(which resolves every request afresh against that folder) never shows a half-built site.

Three kinds of thread: the HTTP server (one thread per connection, bounded), watchdog's
observer, and one builder that waits for a quiet moment after the last file event, then
rebuilds; changes made during a build start one more build after it. Each request path is
decoded, refused if it holds ``..``, a hidden part, a NUL or a backslash, and the file it
names must resolve strictly inside the preview folder, so a symbolic link cannot lead out.

HTML pages get a small script that listens on ``/__sitegen/events?page=<its path>``
(server-sent events) and reloads the page when what it would be served now differs from what
it shows: a save reloads the pages it changed, not every open tab. While the last build
failed, every HTML answer is an overlay page listing the errors, with status 500; other files
(CSS, images, feeds) still come from the last good build. The next good build clears it.

When a save changed an article without moving its page (its words, tags, places, editor),
its page is rendered at once from the last build's plan (sitegen/quick.py) and served from
memory while the full build runs; that build's page is the same bytes, so the browser does
not reload twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import ipaddress
import json
import mimetypes
import os
import secrets
import shutil
import signal
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any
from urllib.parse import parse_qs, quote, unquote_to_bytes

import click
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
    FileSystemMovedEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from sitegen.build import BuildOptions, BuildResult, build
from sitegen.config import CONFIG_FILE, SiteConfig, load_config
from sitegen.devserver import quick
from sitegen.errors import BuildFailed, SitegenError
from sitegen.read.files import ASSETS_DIR, CONTENT_DIR
from sitegen.util.text import counted
from sitegen.write import search

EVENTS_PATH = "/__sitegen/events"

WATCHED_FOLDERS = (CONTENT_DIR, "layouts", ASSETS_DIR)

PREVIEW_FOLDER = "preview"

DEBOUNCE = 0.1  # seconds of quiet after the last file event: one editor save is several events

KEEPALIVE = 15.0  # seconds between pings on an idle event stream (finds clients that left)

IDLE_TIMEOUT = 10.0  # seconds a connection may stay silent before it is closed

MAX_CONNECTIONS = 256  # beyond this, new connections get 503 rather than a thread each

POLL_INTERVAL = 0.1  # how often the accept loop checks for stop()


# Editors' backups, swap and lock files: saving with them never changes the site.
_TEMP_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".part", ".crdownload")

_WATCHED_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,  # closed after writing; never the reads of a build (no open/close-no-write)
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


Echo = Callable[[str, bool], None]  # (line, to stderr)


def _echo(line: str, err: bool) -> None:
    click.echo(line, err=err)


# -- what a request may reach ---------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a request path names: a file strictly inside the served folder, a redirect
    (a folder asked for without its trailing slash), or neither (not found)."""

    file: Path | None = None
    redirect: str | None = None


NOT_FOUND = Target()


def locate(root: Path, request_path: str, base_path: str = "/") -> Target:
    """Map a request path (as sent, percent-encoded, maybe with a query) to a file inside ``root``.

    The site is served at the path of its ``base_url``, as it will be published. Anything that
    could step out of ``root`` is not found: ``..`` in any spelling (``%2e%2e``, ``..%2f``), NUL,
    backslashes, hidden parts, undecodable bytes, and symbolic links that resolve outside.
    """
    path = request_path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return NOT_FOUND
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return NOT_FOUND
    if "\x00" in decoded or "\\" in decoded:
        return NOT_FOUND
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if any(part.startswith(".") for part in parts):  # "..", and hidden files such as sitegen's marker
        return NOT_FOUND
    base = [part for part in base_path.split("/") if part]
    if parts[: len(base)] != base:
        return Target(redirect=_location(base)) if not parts else NOT_FOUND
    inside = parts[len(base) :]
    try:
        top = root.resolve(strict=True)
    except (OSError, RuntimeError):
        return NOT_FOUND
    found = _inside(top, top.joinpath(*inside))
    if found is None:
        return NOT_FOUND
    if found.is_dir():
        if not decoded.endswith("/"):
            return Target(redirect=_location(parts))
        index = _inside(top, found / "index.html")
        return Target(file=index) if index is not None and index.is_file() else NOT_FOUND
    return Target(file=found) if found.is_file() else NOT_FOUND


def _inside(top: Path, path: Path) -> Path | None:
    """``path`` with every link resolved, if it exists and is strictly inside ``top``."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a link loop
        return None
    return resolved if resolved.is_relative_to(top) else None


def _location(parts: Sequence[str]) -> str:
    """A redirect target built from checked parts: always one leading slash, never ``//host``."""
    return "/" + "".join(quote(part) + "/" for part in parts)


# -- what the watcher reacts to ---------------------------------------------------------------


def relevant_path(site_dir: Path, path: str, ignored: Sequence[Path] = ()) -> str | None:
    """The site-relative path of a changed file if a rebuild should follow, else None.

    ``site.yaml`` and anything under content/, layouts/, assets/ count, except what the build
    skips anyway (hidden files and folders), editors' temporary files, and ``ignored`` folders
    (the cache and output, should someone put them there: a build must not trigger a build).
    """
    relative = os.path.relpath(path, site_dir)
    parts = Path(relative).parts
    if relative == CONFIG_FILE:
        return relative
    if not parts or parts[0] not in WATCHED_FOLDERS:
        return None
    name = parts[-1]
    if any(part.startswith(".") for part in parts) or name.startswith("#") or name == "4913":  # vim's probe
        return None
    if name.endswith(_TEMP_SUFFIXES):
        return None
    absolute = Path(site_dir, relative)
    if any(absolute.is_relative_to(folder) for folder in ignored):
        return None
    return "/".join(parts)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """The warning printed when the preview is reachable from other machines, or None."""
    if is_loopback(host):
        return None
    return (
        f"warning: serving on {host or 'every address'}: the preview (with any drafts and future "
        "articles you asked for) is reachable from other machines on the network; sitegen serve is "
        "a development server, leave out --host to keep it on 127.0.0.1"
    )


# -- the state the pages are served from -----------------------------------------------------


@dataclass(frozen=True)
class PreviewState:
    """What is being served: ``generation`` grows whenever that changes (a build that wrote
    something, a failure, a quick render); ``built`` is the generation of the last build
    (not of a quick render); ``errors`` is empty when the last build succeeded."""

    generation: int
    errors: tuple[str, ...]
    base_path: str
    built: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class DevServer:
    """The preview server, usable from Python: ``start()``, ``stop()``, ``port``, ``url``.

    ``port=0`` picks a free port. ``start()`` binds, makes the first build (its errors show
    in the overlay), then serves and watches; ``stop()`` ends every thread and closes every
    socket, waiting for a build in progress to finish.
    """

    def __init__(
        self,
        site_dir: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        drafts: bool = False,
        future: bool = False,
        search: bool = False,
        debounce: float = DEBOUNCE,
        echo: Echo = _echo,
    ) -> None:
        self.site_dir = site_dir.absolute()
        self.host = host
        self.debounce = debounce
        self.echo = echo
        self.builds = 0  # builds attempted, for tests and curious callers
        self.last_result: BuildResult | None = None  # the last good build (its timings, its site)
        self._requested_port = port
        config, _ = load_config(self.site_dir)
        cache_dir = config.cache_dir if config is not None else SiteConfig.cache_dir
        self.cache_dir = self.site_dir / cache_dir
        self.root = self.cache_dir / PREVIEW_FOLDER
        self._ignored = [self.cache_dir, self.site_dir / (config.output if config else SiteConfig.output)]
        # the search index is remade whenever an article changes (seconds on a big site):
        # a preview leaves it out unless asked
        self._options = BuildOptions(output=self.root, drafts=drafts, future=future, search=search)
        self._token = secrets.token_hex(4)  # tells this server's builds from a previous run's
        self._state = PreviewState(0, (), config.base_path if config is not None else "/")
        self._changed = threading.Condition()  # guards _state and _stopping; wakes event streams
        self._stopping = False
        self._stopped = threading.Event()
        self._wake = threading.Condition()  # guards _pending and _last_event; wakes the builder
        self._pending: set[str] = set()
        self._last_event = 0.0
        self._warnings: tuple[str, ...] = ()
        self._server: _Server | None = None
        self._observer: BaseObserver | None = None
        self._watches: dict[str, tuple[ObservedWatch, tuple[int, int]]] = {}
        self._threads: list[threading.Thread] = []
        self._lock_file: IO[str] | None = None
        self._build_lock = threading.Lock()  # one build at a time into the preview folder
        # the quick render (sitegen/quick.py): the last good build's plan, and the pages
        # rendered from it since, served in place of their files until the next build lands
        self._snapshot: quick.Snapshot | None = None
        self._quick_pages: dict[str, bytes] = {}
        self.quick_renders = 0
        self.last_quick_seconds: float | None = None
        # grows when a change can alter a page without altering its HTML (an asset, an
        # image, a layout, the settings): the ids of pages include it, so they all reload
        self._epoch = 0

    # -- life cycle ------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the server is not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Where to open the preview in a browser on this machine."""
        host = self.host
        if host in ("", "0.0.0.0"):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{self.state.base_path}"

    @property
    def state(self) -> PreviewState:
        with self._changed:
            return self._state

    def start(self) -> None:
        self._lock_preview()
        try:
            self._server = _Server((self.host, self._requested_port), self)
            self._observer = Observer()
            self._observer.schedule(_Watcher(self), str(self.site_dir), recursive=False, event_filter=_WATCHED_EVENTS)
            self._ensure_watches()
            self._observer.start()  # before the first build: saves made during it are not lost
            self.rebuild()
            self._threads = [
                threading.Thread(target=self._server.serve_forever, args=(POLL_INTERVAL,), name="sitegen-http"),
                threading.Thread(target=self._builder, name="sitegen-builder"),
            ]
            for thread in self._threads:
                thread.daemon = True  # a second Ctrl-C must be able to end the process
                thread.start()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop watching, finish a build in progress, close every connection; idempotent."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        with self._wake:
            self._wake.notify_all()
        if self._observer is not None:
            with contextlib.suppress(RuntimeError):  # never started
                self._observer.stop()
                self._observer.join()
            self._observer = None
        server = self._server
        if server is not None:
            if any(t.name == "sitegen-http" and t.is_alive() for t in self._threads):
                server.shutdown()
            server.close_connections()
            server.server_close()  # joins the connection threads
            self._server = None
        for thread in self._threads:
            thread.join()
        self._threads = []
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
        self._stopped.set()

    def wait(self) -> None:
        """Block until ``stop()`` (Ctrl-C interrupts it).

        A sleep loop, not ``Event.wait()``: a KeyboardInterrupt raised by a signal inside a
        lock's wait can leave the lock half-released ("release unlocked lock")."""
        while not self._stopped.is_set():
            time.sleep(0.1)

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _lock_preview(self) -> None:
        """One server per preview folder: two builds into one folder would trample each other."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.cache_dir / "preview.lock", "a")  # noqa: SIM115 - held until stop()
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise SitegenError(f"another sitegen serve is already previewing {self.site_dir}") from None
        self._lock_file = handle

    # -- building --------------------------------------------------------------------------

    def rebuild(self, changed: Sequence[str] = ()) -> PreviewState:
        """Build the preview now (the builder thread calls this; so may a caller), print one
        line, and publish the new state to the browsers."""
        with self._build_lock:
            self.builds += 1
            if any(not (p.startswith(CONTENT_DIR + "/") and p.endswith(".md")) for p in changed):
                with self._changed:
                    self._epoch += 1
            known = self._snapshot
            state = self._rebuild(changed, first=self.builds == 1)
            self._snapshot = None
            result = self.last_result
            if state.ok and result is not None and callable(result.plan) and known is not None:
                # nothing changed since the build that made the live tree (it was not even
                # planned), and the last snapshot is of that build's inputs: it stands
                self._snapshot = known
            elif state.ok and result is not None:
                try:
                    self._snapshot = quick.snapshot(self.site_dir, result.site, result.environment)
                except Exception:  # only a shortcut: without it, every save takes the full build
                    self._snapshot = None
            return state

    def render_quickly(self, changed: Sequence[str]) -> bool:
        """Show the pages of changed articles before the full build (see sitegen/quick.py);
        False when the change needs the full build to show."""
        started = time.perf_counter()
        with self._build_lock:
            snap = self._snapshot
            if snap is None or not self.state.ok:
                return False
            try:
                pages = quick.render_edited(self.site_dir, snap, changed)
            except Exception:  # the full build that follows reports what went wrong
                pages = None
            if not pages:
                return False
            with self._changed:
                self._quick_pages = {**self._quick_pages, **pages}
                old = self._state
                self._state = PreviewState(old.generation + 1, (), old.base_path, old.built)
                self._changed.notify_all()
            self.quick_renders += 1
            self.last_quick_seconds = time.perf_counter() - started
            return True

    def _rebuild(self, changed: Sequence[str], first: bool) -> PreviewState:
        try:
            result = build(self.site_dir, self._options)
        except BuildFailed as exc:
            for diagnostic in exc.report.sorted():
                self.echo(diagnostic.format(), True)
            errors = tuple(d.format() for d in exc.report.errors)
            failed = f"build failed: {counted(len(errors), 'error')}; serving the last good build"
            self.echo(_what(changed) + failed, True)
            return self._publish(errors)
        except SitegenError as exc:
            self.echo(f"error: {exc.message}", True)
            return self._publish((f"error: {exc.message}",))
        except Exception as exc:  # a bug in sitegen must not end the preview: show it, keep serving
            message = f"internal error: {type(exc).__name__}: {exc}"
            self.echo(message, True)
            return self._publish((message,))
        self.last_result = result
        self._report(result, first)
        self.echo(_summary(result, changed, first), False)
        return self._publish((), result)

    def _report(self, result: BuildResult, first: bool) -> None:
        warnings = tuple(d.format() for d in result.report.sorted())
        if warnings != self._warnings:  # not the same warnings after every save
            for line in warnings:
                self.echo(line, True)
            self._warnings = warnings
        if first:
            for note in result.notes:
                if note != search.OFF:  # a preview leaves the index out by default; --search builds it
                    self.echo(note, True)

    def _publish(self, errors: tuple[str, ...], result: BuildResult | None = None) -> PreviewState:
        with self._changed:
            old = self._state
            # (from the settings: the plan of a build that found nothing changed is not made)
            base_path = result.config.base_path if result is not None and result.config else old.base_path
            unchanged = old.ok and not errors and result is not None and result.files_written == 0
            generation = old.generation if unchanged and old.generation else old.generation + 1
            self._state = PreviewState(generation, errors, base_path, generation)
            self._quick_pages = {}  # the build's own files are current now
            self._changed.notify_all()
            return self._state

    def _builder(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._stopping:
                    self._wake.wait()
                while not self._stopping:  # wait until the editor is done saving
                    quiet = self._last_event + self.debounce - time.monotonic()
                    if quiet <= 0:
                        break
                    self._wake.wait(quiet)
                if self._stopping:
                    return
                changed = sorted(self._pending)
                self._pending.clear()
            self._ensure_watches()
            self.render_quickly(changed)
            self.rebuild(changed)

    # -- watching --------------------------------------------------------------------------

    def _note(self, event: FileSystemEvent) -> None:
        paths = [event.src_path]
        if isinstance(event, FileSystemMovedEvent):
            paths.append(event.dest_path)
        changed = [relevant_path(self.site_dir, os.fsdecode(p), self._ignored) for p in paths if p]
        found = {path for path in changed if path is not None}
        if found:
            with self._wake:
                self._pending.update(found)
                self._last_event = time.monotonic()
                self._wake.notify_all()

    def _ensure_watches(self) -> None:
        """Watch each input folder that exists; again when one was removed and made anew."""
        observer = self._observer
        if observer is None:
            return
        for name in WATCHED_FOLDERS:
            folder = self.site_dir / name
            try:
                st = os.stat(folder)
                identity: tuple[int, int] | None = (st.st_dev, st.st_ino) if folder.is_dir() else None
            except OSError:
                identity = None
            have = self._watches.get(name)
            if have is not None and have[1] == identity:
                continue
            if have is not None:
                with contextlib.suppress(KeyError, OSError):
                    observer.unschedule(have[0])
                del self._watches[name]
            if identity is None:
                continue
            try:
                watch = observer.schedule(_Watcher(self), str(folder), recursive=True, event_filter=_WATCHED_EVENTS)
            except OSError as exc:  # e.g. the system's limit of inotify watches
                self.echo(f"warning: cannot watch {name}/ ({exc}); rebuild by saving site.yaml", True)
                continue
            self._watches[name] = (watch, identity)

    # -- what the handler asks -------------------------------------------------------------

    def wait_for_change(self, seen: int | None, timeout: float) -> PreviewState | None:
        """The current state once its generation differs from ``seen`` (or after ``timeout``);
        None when the server is stopping."""
        with self._changed:
            if not self._stopping and self._state.generation == seen:
                self._changed.wait(timeout)
            return None if self._stopping else self._state

    def build_id(self, state: PreviewState) -> str:
        return f"{self._token}.{state.built}"

    def html_page(self, state: PreviewState, file: Path | None) -> tuple[int, bytes | None]:
        """The status and HTML (before the reload script) answered for a located file:
        the error overlay while the last build failed, a quickly rendered page, the file,
        or the site's 404 page."""
        if not state.ok:
            return 500, _overlay(state.errors)
        if file is None:
            found = _inside_root(self.root, "404.html")
            return 404, _read(found) if found is not None else None
        with self._changed:
            pages = self._quick_pages
        if pages:
            with contextlib.suppress(ValueError):
                page = pages.get(file.relative_to(self.root.resolve()).as_posix())
                if page is not None:
                    return 200, page
        return 200, _read(file)

    def page_id(self, state: PreviewState, page: bytes | None) -> str:
        """What a browser's copy of a page is compared with: the page reloads when the id of
        what it would be served now differs (a page a build did not change stays put)."""
        if not state.ok:
            return f"{self._token}.failed.{state.generation}"
        with self._changed:
            epoch = self._epoch
        digest = hashlib.blake2b(page or b"", digest_size=8).hexdigest()
        return f"{self._token}.{epoch}.{digest}"

    def id_of_path(self, state: PreviewState, request_path: str) -> str:
        """``page_id`` of the page at a request path, as ``_answer`` would serve it."""
        target = locate(self.root, request_path, state.base_path)
        if target.file is not None and not _is_html(target.file):
            return self.page_id(state, b"")
        return self.page_id(state, self.html_page(state, target.file)[1])


def _what(changed: Sequence[str]) -> str:
    if not changed:
        return ""
    shown = ", ".join(changed[:3])
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return f"{shown}{more} changed: "


def _summary(result: BuildResult, changed: Sequence[str], first: bool) -> str:
    what = f"built {result.articles} articles, {result.pages} pages" if first else f"{_what(changed)}rebuilt"
    counts = f"{result.files_written} files written, {result.files_kept} unchanged"
    return f"{what} ({counts}) in {result.seconds:.2f} s"


class _Watcher(FileSystemEventHandler):
    def __init__(self, server: DevServer) -> None:
        self.server = server

    def dispatch(self, event: FileSystemEvent) -> None:
        self.server._note(event)


# -- HTTP ------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], dev: DevServer) -> None:
        self.dev = dev
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        try:
            super().__init__(address, _Handler)
        except OSError as exc:
            raise SitegenError(f"cannot serve on {address[0]}:{address[1]}: {exc.strerror or exc}") from None

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
        import sys

        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            self.dev.echo(f"warning: a request failed: {type(error).__name__}: {error}", True)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "sitegen-serve"
    protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers between pages
    timeout = IDLE_TIMEOUT

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for rebuilds and errors."""

    def _answer(self, with_body: bool) -> None:
        dev = self.server.dev
        try:
            if self.path.split("?", 1)[0] == EVENTS_PATH:
                self._events(dev, with_body)
                return
            state = dev.state
            target = locate(dev.root, self.path, state.base_path)
            if target.redirect is not None:
                self._send(301, "text/plain; charset=utf-8", b"", with_body, [("Location", target.redirect)])
                return
            file = target.file
            if file is not None and not _is_html(file):
                self._send_file(file, with_body)
                return
            status, data = dev.html_page(state, file)
            if data is None:
                self._send(404, "text/plain; charset=utf-8", b"404 not found\n", with_body)
                return
            self._send_html(status, data, dev.page_id(state, data), with_body)
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _events(self, dev: DevServer, with_body: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not with_body:
            return
        self.wfile.write(b"retry: 1000\n\n")
        # with ?page=PATH (as the injected script asks), the events follow that page: one
        # is sent when what it would be served changes; without, one per new build
        page = parse_qs(self.path.partition("?")[2]).get("page", [None])[0]
        seen: int | None = None
        sent: str | None = None
        while True:
            state = dev.wait_for_change(seen, KEEPALIVE)
            if state is None:
                return
            if state.generation == seen:
                self.wfile.write(b": ping\n\n")
                continue
            seen = state.generation
            kind = "reload" if state.ok else "failed"
            current = dev.build_id(state) if page is None else dev.id_of_path(state, page)
            if current != sent:
                self.wfile.write(f"event: {kind}\ndata: {current}\n\n".encode())
                sent = current

    def _send_file(self, path: Path, with_body: bool) -> None:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the headers are sent
        except OSError:  # gone in a swap a moment ago
            self._send(404, "text/plain; charset=utf-8", b"404 not found\n", with_body)
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            self._headers(200, _content_type(path), size, [])
            if with_body:
                shutil.copyfileobj(handle, self.wfile)

    def _send_html(self, status: int, page: bytes, build_id: str, with_body: bool) -> None:
        self._send(status, "text/html; charset=utf-8", _inject(page, build_id), with_body)

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


def _is_html(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def _inside_root(root: Path, name: str) -> Path | None:
    target = locate(root, "/" + name)
    return target.file


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml"):
        kind += "; charset=utf-8"
    return kind


_RELOAD_SCRIPT = """<script>/* sitegen serve: reloads the page after each rebuild (never in public/) */
(function () {
  var served = %s, source = new EventSource(%s + "?page=" + encodeURIComponent(location.pathname));
  function check(event) { if (event.data !== served) { source.close(); location.reload(); } }
  source.addEventListener("reload", check);
  source.addEventListener("failed", check);
})();
</script>
"""


def _inject(page: bytes, build_id: str) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at the end)."""
    script = (_RELOAD_SCRIPT % (json.dumps(build_id), json.dumps(EVENTS_PATH))).encode()
    at = page.lower().rfind(b"</body>")
    if at < 0:
        return page + script
    return page[:at] + script + page[at:]


def _overlay(errors: Sequence[str]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed: sitegen serve</title>
<style>
body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #2b0b0e; color: #fde8e8; }}
main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.4rem; color: #ff8a8a; }}
li {{ margin: .5rem 0; }}
code {{ white-space: pre-wrap; word-break: break-word; font: 15px/1.4 ui-monospace, monospace; }}
</style>
</head>
<body>
<main>
<h1>The last build failed: {counted(len(errors), "error")}</h1>
<ul>
{items}
</ul>
<p>Still serving the last good build for everything but pages. Fix the file and save:
this page reloads by itself.</p>
</main>
</body>
</html>
""".encode()


# -- the command ---------------------------------------------------------------------------


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a process manager, ``kill``) stops the server as cleanly as Ctrl-C."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command("serve")
@click.argument("site_dir", default=".", type=click.Path(file_okay=False, dir_okay=True, exists=True, path_type=Path))
@click.option(
    "--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--drafts", is_flag=True, help="Include drafts in the preview.")
@click.option("--future", is_flag=True, help="Include articles dated in the future in the preview.")
@click.option("--search", is_flag=True, help="Build the search index too (remade whenever an article changes).")
def serve_command(site_dir: Path, port: int, host: str, drafts: bool, future: bool, search: bool) -> None:
    """Build SITE_DIR, serve it on 127.0.0.1 and rebuild on every save; the browser reloads
    by itself. The preview is built in the cache folder, never into the output folder."""
    if not (site_dir / CONFIG_FILE).is_file():
        raise SitegenError(f"no {CONFIG_FILE} in {site_dir}: is this a site folder?")
    warning = exposure_warning(host)
    if warning:
        click.echo(warning, err=True)
    server = DevServer(site_dir, host, port, drafts=drafts, future=future, search=search)
    with _sigterm_as_interrupt():
        try:
            server.start()
            click.echo(f"Serving {server.site_dir} on {server.url} (Ctrl-C to stop)")
            server.wait()
        except KeyboardInterrupt:
            click.echo("stopping…", err=True)
        finally:
            server.stop()
    click.echo("stopped")
