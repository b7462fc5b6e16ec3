"""What the preview serves, and the listeners (event streams) told when it changes.

The pages come from the last build's folder, resolved afresh for every request (a build swaps
it in whole, so no request sees a half-built site), except the pages the quick render made
since that build, served from memory until the next build lands. While the last build failed,
every HTML answer is the last good page with the overlay listing its errors over it; other
files still come from the last good build. A page's id is what a browser's copy of it is
compared with: it reloads when the id of what it would be served now differs, so a save
reloads the pages it changed only, and every page whose bytes it changed, whatever the build
wrote. A tab on an article that moved is sent to its new address (``moved_to``); one on an
article held back gets a notice page rather than the 404 page. Editors' aids are added on
the way out (notices.py): the marks on placeholders, the search page's notice.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from sitegen.build import BuildResult
from sitegen.devserver import notices
from sitegen.devserver.locate import file_at, is_html, locate
from sitegen.devserver.tracking import Changes
from sitegen.i18n import Translator

SEARCH_PAGE = "cari/index.html"  # the search page's file (sitegen/write/search.py)

SEARCH_INDEX = "pagefind/pagefind.js"


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


class Preview:
    """The served state of one preview folder (``root``).

    One lock guards every field that changes: ``_state`` (a PreviewState, replaced whole),
    ``_quick_pages`` (the quick render's pages by output file, replaced whole), ``_epoch``,
    ``_stopping`` and ``_listeners``, which are called (under the lock: they must not block)
    whenever the state changes or the preview stops. ``root``, ``token`` and ``translate``
    never change.
    ``_epoch`` grows when a change can alter a page without altering its HTML (an asset, an
    image, a layout, the settings): the ids of pages include it, so they all reload.
    """

    def __init__(self, root: Path, base_path: str, translate: Translator) -> None:
        self.root = root
        self.translate = translate  # the notices' language: the site's (notices.py)
        self.token = secrets.token_hex(4)  # tells this server's builds from a previous run's
        self._lock = threading.Lock()
        self._state = PreviewState(0, (), base_path)
        self._quick_pages: Mapping[str, bytes] = {}
        self._epoch = 0
        self._changes = Changes()  # the moves and held articles of the last good build
        self._stopping = False
        self._listeners: set[Callable[[], None]] = set()

    @property
    def state(self) -> PreviewState:
        with self._lock:
            return self._state

    def stop(self) -> None:
        """End every event stream."""
        with self._lock:
            self._stopping = True
            self._tell()

    def new_epoch(self) -> None:
        with self._lock:
            self._epoch += 1

    def publish(
        self, errors: tuple[str, ...], result: BuildResult | None = None, changes: Changes | None = None
    ) -> PreviewState:
        """Serve what a build left: its folder (``result``, with what ``changes`` in it), or
        the overlay of its ``errors``."""
        with self._lock:
            old = self._state
            # (from the settings: the plan of a build that found nothing changed is not made)
            base_path = result.config.base_path if result is not None and result.config else old.base_path
            # the served bytes decide, not the files written: an undo writes nothing new
            unchanged = old.ok and not errors and changes is not None and not changes.files
            if changes is not None:
                self._changes = changes
            generation = old.generation if unchanged and old.generation else old.generation + 1
            self._state = PreviewState(generation, errors, base_path, generation)
            self._quick_pages = {}  # the build's own files are current now
            self._tell()
            return self._state

    def show_quick(self, pages: Mapping[str, bytes]) -> None:
        """Serve quickly rendered pages (by output file) in place of the last build's."""
        with self._lock:
            self._quick_pages = {**self._quick_pages, **pages}
            old = self._state
            self._state = PreviewState(old.generation + 1, (), old.base_path, old.built)
            self._tell()

    def current(self) -> PreviewState | None:
        """The state being served; None once the preview is stopping."""
        with self._lock:
            return None if self._stopping else self._state

    def listen(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (which must not block) whenever the state changes or the preview stops."""
        with self._lock:
            self._listeners.add(listener)

    def unlisten(self, listener: Callable[[], None]) -> None:
        with self._lock:
            self._listeners.discard(listener)

    def _tell(self) -> None:
        for listener in self._listeners:
            listener()

    def build_id(self, state: PreviewState) -> str:
        return f"{self.token}.{state.built}"

    def html_page(self, state: PreviewState, file: Path | None, request_path: str = "/") -> tuple[int, bytes | None]:
        """The status and HTML (before the reload script) answered for a located file: a
        quickly rendered page, the file, the notice of an article held back, or the site's
        404 page; while the last build failed, with the overlay of its errors over it."""
        status, page = self._page(state, file, request_path)
        if not state.ok:
            overlay = notices.error_overlay(state.errors, self.translate)
            return 500, notices.at_end(page or notices.empty_page(self.translate), overlay)
        if page is not None and notices.has_placeholders(page):
            page = notices.at_top(page, notices.todo_marks(self.translate))
        if page is not None and file is not None and self._is_search_without_index(file):
            page = notices.at_top(page, notices.search_notice(self.translate))
        return status, page

    def _page(self, state: PreviewState, file: Path | None, request_path: str) -> tuple[int, bytes | None]:
        if file is None:
            with self._lock:
                held = self._changes.held.get(self._site_path(state, request_path) or "")
            if held is not None:
                return 404, notices.held_page(held, self.translate)  # the status the site will answer
            found = file_at(self.root, "404.html")
            return 404, read(found) if found is not None else None
        with self._lock:
            pages = self._quick_pages
        if pages:
            with contextlib.suppress(ValueError):
                page = pages.get(file.relative_to(self.root.resolve()).as_posix())
                if page is not None:
                    return 200, page
        return 200, read(file)

    def _is_search_without_index(self, file: Path) -> bool:
        with contextlib.suppress(ValueError, OSError):
            if file.relative_to(self.root.resolve()).as_posix() == SEARCH_PAGE:
                return file_at(self.root, SEARCH_INDEX) is None
        return False

    def moved_to(self, state: PreviewState, request_path: str) -> str | None:
        """Where the article that was at ``request_path`` is now, when it moved (and nothing
        is at its old address): the path to send its tab to."""
        if not state.ok or locate(self.root, request_path, state.base_path).file is not None:
            return None
        with self._lock:
            moved = self._changes.moves.get(self._site_path(state, request_path) or "")
        if moved is None or any(c in moved for c in "\r\n\\"):  # it goes out in an event's data line
            return None
        return state.base_path.rstrip("/") + moved

    @staticmethod
    def _site_path(state: PreviewState, request_path: str) -> str | None:
        """A request path as the plan writes page paths (below the site root), or None."""
        path = unquote(request_path.split("?", 1)[0].split("#", 1)[0])
        base = state.base_path.rstrip("/")
        if not path.startswith(base + "/"):
            return None
        return path[len(base) :]

    def page_id(self, state: PreviewState, page: bytes | None) -> str:
        """What a browser's copy of a page is compared with: the page reloads when the id of
        what it would be served now differs (a page a build did not change stays put)."""
        if not state.ok:
            return f"{self.token}.failed.{state.generation}"
        with self._lock:
            epoch = self._epoch
        digest = hashlib.blake2b(page or b"", digest_size=8).hexdigest()
        return f"{self.token}.{epoch}.{digest}"

    def id_of_path(self, state: PreviewState, request_path: str) -> str:
        """``page_id`` of the page at a request path, as the HTTP handler would serve it."""
        target = locate(self.root, request_path, state.base_path)
        if target.file is not None and not is_html(target.file):
            return self.page_id(state, b"")
        return self.page_id(state, self.html_page(state, target.file, request_path)[1])


def read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
