"""Watching the site's inputs, and the changes waiting for the builder.

watchdog's observer watches the site folder itself (for ``site.yaml``) and each input folder
that exists, again when one is removed and made anew. Each path an event names is classified
once (sitegen/devserver/changes.py); what a build reads is queued in :class:`Pending`, which
the builder takes after a quiet moment: one editor save is several events.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

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

from sitegen.devserver.changes import WATCHED_FOLDERS, Change, ChangeKind, change_at

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


class Pending:
    """The changes seen since the builder last took them.

    One condition guards ``_changes`` (by path), ``_last_event`` and ``_stopping``, and
    wakes the builder when one changes."""

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._changes: dict[str, ChangeKind] = {}
        self._last_event = 0.0
        self._stopping = False

    def add(self, changes: Iterable[Change]) -> None:
        with self._wake:
            self._changes.update(changes)
            self._last_event = time.monotonic()
            self._wake.notify_all()

    def take(self, debounce: float) -> list[Change] | None:
        """The changes (by path), once there are some and ``debounce`` seconds passed without
        another; None when stopping."""
        with self._wake:
            while not self._changes and not self._stopping:
                self._wake.wait()
            while not self._stopping:  # wait until the editor is done saving
                quiet = self._last_event + debounce - time.monotonic()
                if quiet <= 0:
                    break
                self._wake.wait(quiet)
            if self._stopping:
                return None
            changes = [Change(path, kind) for path, kind in sorted(self._changes.items())]
            self._changes.clear()
            return changes

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()


class _Handler(FileSystemEventHandler):
    """Queues what an event changed that a build reads (both paths of a move)."""

    def __init__(self, site_dir: Path, ignored: Sequence[str], pending: Pending) -> None:
        self.site_dir, self.ignored, self.pending = site_dir, ignored, pending

    def dispatch(self, event: FileSystemEvent) -> None:
        paths = [event.src_path]
        if isinstance(event, FileSystemMovedEvent):
            paths.append(event.dest_path)
        changes = [change_at(self.site_dir, os.fsdecode(p), self.ignored) for p in paths if p]
        found = [change for change in changes if change.kind is not ChangeKind.IGNORED]
        if found:
            self.pending.add(found)


class Watches:
    """The observer and its watches. ``start()`` and ``stop()`` are called by the thread that
    starts and stops the server; ``ensure()`` by it (in ``start()``) and then by the builder
    thread only, which the server joins after ``stop()``."""

    def __init__(self, site_dir: Path, ignored: Sequence[str], pending: Pending, echo: Echo) -> None:
        self.site_dir = site_dir
        self.echo = echo
        self._handler = _Handler(site_dir, ignored, pending)
        self._observer: BaseObserver | None = None
        self._watches: dict[str, tuple[ObservedWatch, tuple[int, int]]] = {}  # by folder name

    def start(self) -> None:
        """Watch the site folder and its input folders, from now on."""
        self._observer = Observer()
        self._observer.schedule(self._handler, str(self.site_dir), recursive=False, event_filter=_WATCHED_EVENTS)
        self.ensure()
        self._observer.start()

    def stop(self) -> None:
        if self._observer is not None:
            with contextlib.suppress(RuntimeError):  # never started
                self._observer.stop()
                self._observer.join()
            self._observer = None

    def ensure(self) -> None:
        """Watch each input folder that exists; again when one was removed and made anew."""
        observer = self._observer
        if observer is None:
            return
        for name in WATCHED_FOLDERS:
            identity = _identity(self.site_dir / name)
            have = self._watches.get(name)
            if have is not None and have[1] == identity:
                continue
            if have is not None:
                with contextlib.suppress(KeyError, OSError):
                    observer.unschedule(have[0])
                del self._watches[name]
            if identity is not None:
                self._schedule(observer, name, identity)

    def _schedule(self, observer: BaseObserver, name: str, identity: tuple[int, int]) -> None:
        folder = self.site_dir / name
        try:
            watch = observer.schedule(self._handler, str(folder), recursive=True, event_filter=_WATCHED_EVENTS)
        except OSError as exc:  # e.g. the system's limit of inotify watches
            self.echo(f"warning: cannot watch {name}/ ({exc}); rebuild by saving site.yaml", True)
            return
        self._watches[name] = (watch, identity)


def _identity(folder: Path) -> tuple[int, int] | None:
    """The device and inode of a folder, or None when it is not one (or not there)."""
    try:
        st = os.stat(folder)
        return (st.st_dev, st.st_ino) if folder.is_dir() else None
    except OSError:
        return None
