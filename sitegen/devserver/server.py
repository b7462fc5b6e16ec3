"""``sitegen serve``'s server: a local preview that rebuilds on every save and reloads the browser.

The preview is built into ``<cache_dir>/preview``, never into the site's output folder: that
one may be deployed, and drafts and future articles must never land in it. Builds go through
the build's own incremental cache, and a build swaps its output folder in whole, so the server
(which resolves every request afresh against that folder) never shows a half-built site.

Three kinds of thread: the HTTP server (one thread per connection, bounded: httpd.py),
watchdog's observer (watch.py), and one builder that waits for a quiet moment after the last
file event, then rebuilds; changes made during a build start one more build after it.

When a save changed an article without moving its page (its words, tags, places, editor),
its page is rendered at once from the last build's plan (quick.py) and served from memory
while the full build runs; that build's page is the same bytes, so the browser does not
reload twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from sitegen.build import BuildOptions, BuildResult
from sitegen.config import SiteConfig, load_config, messages_language, site_language
from sitegen.devserver import quick
from sitegen.devserver.changes import Change, ChangeKind, relative_folders
from sitegen.devserver.cms_backend import CmsBackend
from sitegen.devserver.httpd import Server
from sitegen.devserver.preview import Preview, PreviewState
from sitegen.devserver.report import Echo, Reporter, echo_to_terminal
from sitegen.devserver.session import Session
from sitegen.devserver.tracking import Tracker
from sitegen.devserver.watch import Pending, Watches
from sitegen.errors import BuildFailed, SitegenError
from sitegen.i18n import DEFAULT_LANGUAGE, msg, translator, verbatim

PREVIEW_FOLDER = "preview"

DEBOUNCE = 0.1  # seconds of quiet after the last file event: one editor save is several events

POLL_INTERVAL = 0.1  # how often the accept loop checks for stop()


class DevServer:
    """The preview server, usable from Python: ``start()``, ``stop()``, ``port``, ``url``.

    ``port=0`` picks a free port. ``start()`` binds, makes the first build (its errors show
    in the overlay), then serves and watches; ``stop()`` ends every thread and closes every
    socket, waiting for a build in progress to finish.

    Its state, by what guards it:

    - ``preview`` (what is served: the state, quick-rendered pages, the epoch) and ``pending``
      (the changes waiting for the builder) each guard their own fields with their own lock
      (a condition for ``pending``), and take no other lock while holding it (the preview's
      listeners only write a byte to a socket).
    - ``_build_lock``: one build or quick render at a time. It guards what builds leave:
      ``builds``, ``last_result``, ``_snapshot`` (the quick render's plan), ``_reporter``, ``_tracker``,
      ``quick_renders`` and ``last_quick_seconds``; callers watching the counters or
      ``last_result`` read them without it (each is one reference, replaced whole). A build
      takes ``preview``'s lock while holding it, never the other way round.
    - ``_http``, ``_watches``, ``_threads`` and ``_lock_file``: the life cycle, set by ``start()``
      and cleared by ``stop()`` on the caller's thread (the builder thread also calls
      ``_watches.ensure()``; ``stop()`` joins it).
    - everything else is set once, in ``__init__``.
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
        echo: Echo = echo_to_terminal,
    ) -> None:
        self.site_dir = site_dir.absolute()
        self.host = host
        self.debounce = debounce
        self.echo = echo
        self._requested_port = port
        config, _ = load_config(self.site_dir)
        self.cache_dir = self.site_dir / (config.cache_dir if config is not None else SiteConfig.cache_dir)
        self.root = self.cache_dir / PREVIEW_FOLDER
        output = self.site_dir / (config.output if config else SiteConfig.output)
        # a changed article's search shard is made again on each save (seconds for an old
        # story on a big site): a preview leaves the index out unless asked
        self._options = BuildOptions(output=self.root, drafts=drafts, future=future, search=search)
        # the notices laid over the site's pages speak the site's language (site.yaml), whatever
        # SITEGEN_LANG chose for the terminal
        notices_translator = translator(site_language(self.site_dir) or DEFAULT_LANGUAGE)
        self.preview = Preview(self.root, config.base_path if config is not None else "/", notices_translator)
        self.pending = Pending()
        self._stopped = threading.Event()
        # the cache and the output, should someone put them among the inputs: a build must
        # not trigger a build
        ignored = relative_folders(self.site_dir, [self.cache_dir, output])
        self._watches = Watches(self.site_dir, ignored, self.pending, echo)
        self._http: Server | None = None
        self._threads: list[threading.Thread] = []
        self._lock_file: IO[str] | None = None
        self._build_lock = threading.Lock()
        self.builds = 0  # builds attempted, for tests and curious callers
        self.last_result: BuildResult | None = None  # the last good build (its timings, its site)
        self._reporter = Reporter(echo, translator(messages_language(self.site_dir)))
        self._tracker = Tracker()  # what each build changed in the served site
        # the last good build's plan, for the quick render (quick.py)
        self._snapshot: quick.Snapshot | None = None
        self._session = Session()  # the site as the last build left it, in memory (session.py)
        self.quick_renders = 0
        self.last_quick_seconds: float | None = None

    # -- life cycle ------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._http is None:
            raise RuntimeError("the server is not started")
        return int(self._http.server_address[1])

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
        return self.preview.state

    def start(self) -> None:
        self._lock_file = lock_preview(self.cache_dir, self.site_dir)
        try:
            self._http = Server((self.host, self._requested_port), self.preview, self.echo)
            self._http.cms = CmsBackend(self.site_dir, self.host)
            self._watches.start()  # before the first build: saves made during it are not lost
            self.rebuild()
            self._threads = [
                threading.Thread(target=self._http.serve_forever, args=(POLL_INTERVAL,), name="sitegen-http"),
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
        self.preview.stop()
        self.pending.stop()
        self._watches.stop()
        http = self._http
        if http is not None:
            if any(t.name == "sitegen-http" and t.is_alive() for t in self._threads):
                http.shutdown()
            http.close_connections()
            http.server_close()  # joins the connection threads
            self._http = None
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

    # -- building --------------------------------------------------------------------------

    def rebuild(self, changed: Sequence[Change] = ()) -> PreviewState:
        """Build the preview now (the builder thread calls this; so may a caller), print one
        line, and publish the new state to the browsers."""
        with self._build_lock:
            self.builds += 1
            if any(change.kind is not ChangeKind.CONTENT for change in changed):
                self.preview.new_epoch()
            known = self._snapshot
            state = self._build(changed, first=self.builds == 1)
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

    def render_quickly(self, changed: Sequence[Change]) -> bool:
        """Show the pages of changed articles before the full build (see sitegen/devserver/quick.py);
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
            self.preview.show_quick(pages)
            self.quick_renders += 1
            self.last_quick_seconds = time.perf_counter() - started
            return True

    def _build(self, changed: Sequence[Change], first: bool) -> PreviewState:
        try:
            self._session.note(changed)
            result = self._session.build(self.site_dir, self._options)
        except BuildFailed as exc:
            return self.preview.publish(self._reporter.failed(exc, changed))
        except SitegenError as exc:
            return self.preview.publish(self._reporter.error(exc.text))
        except Exception as exc:  # a bug in sitegen must not end the preview: show it, keep serving
            internal = msg("internal error: {kind}: {why}", kind=type(exc).__name__, why=verbatim(str(exc)))
            return self.preview.publish(self._reporter.error(internal))
        self.last_result = result
        changes = self._tracker.update(result)
        self._reporter.built(result, changed, first, changes.files)
        return self.preview.publish((), result, changes)

    def _builder(self) -> None:
        while True:
            changed = self.pending.take(self.debounce)
            if changed is None:
                return
            self._watches.ensure()
            self.render_quickly(changed)
            self.rebuild(changed)


def lock_preview(cache_dir: Path, site_dir: Path) -> IO[str] | None:
    """One server per preview folder: two builds into one folder would trample each other.
    The lock is held until the returned file is closed (None: not POSIX, no lock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle = open(cache_dir / "preview.lock", "a")  # noqa: SIM115 - held until stop()
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise SitegenError(msg("another sitegen serve is already previewing {folder}", folder=str(site_dir))) from None
    return handle
