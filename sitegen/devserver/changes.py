"""What a changed file is to the preview: the one classification the watcher, the builder and
the quick render dispatch on.

A path is classified once, when the watcher sees it (:func:`change_at`), from its place in
the site alone: the file may be gone by then (deleted, or renamed by an editor's save), so
nothing here reads the disk. ``site.yaml`` is the settings; under ``content/``, a Markdown
file is an article and anything else (a folder of articles, a file the build does not read)
is other content; ``layouts/`` holds layouts, ``assets/`` assets, ``editors/`` the editors'
profiles and their photos (a full rebuild: a profile shows on many pages). What the build skips anyway
(hidden files and folders), editors' temporary files and the folders the build writes
(should someone put them among the inputs: a build must not trigger a build) are ignored,
as is everything else.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from sitegen.config import CONFIG_FILE
from sitegen.read.files import ASSETS_DIR, CONTENT_DIR
from sitegen.read.profiles import EDITORS_DIR

LAYOUTS_DIR = "layouts"

WATCHED_FOLDERS = (CONTENT_DIR, LAYOUTS_DIR, ASSETS_DIR, EDITORS_DIR)

# Editors' backups, swap and lock files: saving with them never changes the site.
_TEMP_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".part", ".crdownload")

# vim's probe of whether a folder is writable, and the file GNU ``sed -i`` writes before it
# renames it over the one it edits ("sed" and six letters or digits)
_TEMP_NAMES = re.compile(r"4913|sed[A-Za-z0-9]{6}")


class ChangeKind(enum.Enum):
    """What a change may alter, so what it takes to show it."""

    CONTENT = "content"  # an article's Markdown file: the quick render may show it
    CONTENT_OTHER = "content-other"  # anything else under content/: a folder of articles, a stray file
    LAYOUT = "layout"
    ASSET = "asset"
    SETTINGS = "settings"  # site.yaml
    PROFILE = "profile"  # anything under editors/: a profile or its photo
    IGNORED = "ignored"  # not an input of the build: no rebuild


_FOLDER_KINDS = {LAYOUTS_DIR: ChangeKind.LAYOUT, ASSETS_DIR: ChangeKind.ASSET, EDITORS_DIR: ChangeKind.PROFILE}


class Change(NamedTuple):
    """A changed path, relative to the site folder with ``/`` between its parts, and its kind."""

    path: str
    kind: ChangeKind

    @classmethod
    def of(cls, relative: str) -> Change:
        """The change to the file at a site-relative path (parts joined with ``/``)."""
        return cls(relative, classify(relative))


def classify(relative: str, ignored: Sequence[str] = ()) -> ChangeKind:
    """The kind of a change to the site-relative path ``relative`` (parts joined with ``/``).

    ``ignored``: site-relative folders whose changes never count (the cache, the output)."""
    if relative == CONFIG_FILE:
        return ChangeKind.SETTINGS
    parts = relative.split("/")
    if parts[0] not in WATCHED_FOLDERS or _is_temporary(parts) or _within(parts, ignored):
        return ChangeKind.IGNORED
    if parts[0] != CONTENT_DIR:
        return _FOLDER_KINDS[parts[0]]
    if len(parts) > 1 and parts[-1].endswith(".md"):
        return ChangeKind.CONTENT
    return ChangeKind.CONTENT_OTHER


def change_at(site_dir: Path, path: str, ignored: Sequence[str] = ()) -> Change:
    """The change to the file at ``path`` (as the watcher reports it, inside ``site_dir`` or not)."""
    relative = "/".join(Path(os.path.relpath(path, site_dir)).parts)
    return Change(relative, classify(relative, ignored))


def relative_folders(site_dir: Path, folders: Sequence[Path]) -> tuple[str, ...]:
    """``folders`` as ``classify`` takes them: relative to the site, with ``/`` between parts
    (a folder outside the site starts with ``..``, which no watched path does)."""
    return tuple("/".join(Path(os.path.relpath(folder, site_dir)).parts) for folder in folders)


def _is_temporary(parts: Sequence[str]) -> bool:
    """Hidden (vim's ``.x.swp``, emacs's lock ``.#x``; skipped by the build too), or an editor's
    backup or temporary file (``x~``, emacs's ``#x#``, ``x.tmp``, vim's and sed's)."""
    name = parts[-1]
    if any(part.startswith(".") for part in parts):
        return True
    return name.startswith("#") or name.endswith(_TEMP_SUFFIXES) or _TEMP_NAMES.fullmatch(name) is not None


def _within(parts: Sequence[str], folders: Sequence[str]) -> bool:
    for folder in folders:
        inside = folder.split("/")
        if parts[: len(inside)] == inside:
            return True
    return False
