"""What a build records about an output tree, and how far a record is trusted.

A record holds the tree folder's identity (device and inode), every file's key, size, mtime
and inode, and every folder's mtime. It is trusted only for the folder whose identity it
holds, and only as far as it was checked on disk: a file that differs from its record (the
tree was changed by hand) makes the whole record untrusted, and a folder whose mtime changed
may hold a file nobody recorded.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import NamedTuple

from sitegen.util.hashing import digest


class Entry(NamedTuple):
    """A file of a tree as recorded. A tuple: there is one for every file of the site, and
    tuples are cheap to make."""

    key: str  # what the file was made from
    size: int
    mtime_ns: int
    ino: int


class TreeState:
    """What a build recorded about a tree: its folder's identity and every file in it.

    A record read back is trusted only as far as it was checked on disk: the first look at
    ``entries`` stats every file and finds none if one differs; ``entry`` stats just one.
    A build that changed something links a few files from the live tree and stats those;
    a build that changed nothing checks them all.
    """

    def __init__(
        self, dev: int, ino: int, entries: dict[str, Entry], folders: dict[str, int], unchecked: Path | None = None
    ) -> None:
        self.dev = dev
        self.ino = ino
        self.recorded = entries  # as recorded, checked or not
        # every folder's mtime: a file added or removed by hand changes its folder's, so the
        # spare tree is known to hold nothing else without walking it
        self.folders = folders
        self.unchecked = unchecked  # the tree's folder while its files are not checked yet
        self.broken = False  # a file differs from its record: the tree was changed by hand

    @property
    def entries(self) -> dict[str, Entry]:
        """Every file, all checked on disk; none when one differs."""
        return self.recorded if self.check() else {}

    def check(self) -> bool:
        """True when every file is on disk what its record says (stat-ed once, the first time)."""
        if self.unchecked is not None and not self.broken:
            self.broken = not _files_match(self.recorded, self.unchecked)
        self.unchecked = None
        return not self.broken

    def entry(self, relative: str, key: str) -> Entry | None:
        """The file's record if it was made from ``key`` and is on disk what the record says."""
        found = self.recorded.get(relative)
        if found is None or found.key != key or self.broken:
            return None
        if self.unchecked is not None and not _files_match({relative: found}, self.unchecked):
            self.broken = True  # trust none of it from here on, as a full check would not
            return None
        return found


def _files_match(entries: dict[str, Entry], root: Path) -> bool:
    """True when every file is still on disk what its record says."""
    prefix = str(root) + os.sep
    for relative, entry in entries.items():
        try:
            st = os.stat(prefix + relative, follow_symlinks=False)
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns, st.st_ino) != (entry.size, entry.mtime_ns, entry.ino):
            return False
    return True


def stat_entry(path: Path, key: str) -> Entry:
    st = os.stat(path, follow_symlinks=False)
    return Entry(key, st.st_size, st.st_mtime_ns, st.st_ino)


# A record is stored as plain tuples of strings and numbers, which pickle reads and writes
# in C; an object per file cost a Python call each way and made records several times
# slower to read and write.
_FORMAT = "sitegen tree 1"


def encoded(state: TreeState) -> tuple[object, ...]:
    keys, sizes, mtimes, inodes = tuple(zip(*state.recorded.values(), strict=True)) or ((), (), (), ())
    names, times = tuple(state.folders), tuple(state.folders.values())
    return (_FORMAT, state.dev, state.ino, tuple(state.recorded), keys, sizes, mtimes, inodes, names, times)


def decoded(value: object, root: Path) -> TreeState | None:
    """The record of the tree at ``root``, its files not checked yet; None unless ``value``
    is a sound record, as this sitegen writes them, of that very folder."""
    if not isinstance(value, tuple) or len(value) != 10 or value[0] != _FORMAT:
        return None
    _, dev, ino, paths, keys, sizes, mtimes, inodes, names, times = value
    columns = (paths, keys, sizes, mtimes, inodes, names, times)
    if any(type(c) is not tuple for c in columns) or {len(c) for c in columns[:5]} != {len(paths)}:
        return None
    strings = set(map(type, paths)) | set(map(type, keys)) | set(map(type, names))
    numbers = {type(dev), type(ino)} | set(map(type, sizes)) | set(map(type, mtimes)) | set(map(type, inodes))
    if not strings <= {str} or numbers | set(map(type, times)) != {int} or len(names) != len(times):
        return None
    if "" not in names:  # the root folder's mtime: without it a file added there goes unseen
        return None
    try:
        st = os.stat(root, follow_symlinks=False)
    except OSError:
        return None
    if (st.st_dev, st.st_ino) != (dev, ino):
        return None
    entries = dict(zip(paths, map(Entry._make, zip(keys, sizes, mtimes, inodes, strict=True)), strict=True))
    return TreeState(dev, ino, entries, dict(zip(names, times, strict=True)), unchecked=root)


def verified_exactly(state: TreeState | None, root: Path) -> TreeState | None:
    """``state`` if the tree at ``root`` is what it says, with no other file either."""
    if state is None:
        return None
    prefix = str(root) + os.sep
    for relative, mtime in state.folders.items():
        try:
            if os.stat(prefix + relative if relative else root, follow_symlinks=False).st_mtime_ns != mtime:
                return None
        except OSError:
            return None
    return state if state.check() else None


def folder_mtimes(root: Path, entries: dict[str, Entry]) -> dict[str, int]:
    """The mtime of every folder that holds the entries, the root's as ``""``."""
    names = {""}
    for relative in entries:
        folder = posixpath.dirname(relative)
        while folder and folder not in names:
            names.add(folder)
            folder = posixpath.dirname(folder)
    prefix = str(root) + os.sep
    return {name: os.stat(prefix + name if name else root).st_mtime_ns for name in sorted(names)}


def manifest_digest(entries: dict[str, Entry]) -> str:
    """One hash of a tree's files and their keys."""
    return digest(*(f"{path}={entry.key}" for path, entry in sorted(entries.items())))
