"""Writing the site without ever showing a half-written one, and without rewriting what
did not change.

Two trees sit side by side: the live output folder and a spare one beside it (hidden,
``.public.sitegen-spare``). A build brings the spare tree up to date (keeping files whose
key did not change, hard-linking unchanged files from the live tree, writing the rest),
then swaps the two folders with one atomic ``renameat2(RENAME_EXCHANGE)``. An error, a crash
or Ctrl-C before the swap leaves the live folder exactly as it was.

The output folder is guarded: sitegen only replaces a folder it made (it leaves a marker
file in it) and refuses folders whose loss would hurt (the site, its sources, home, /).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.cache import BuildCache
from sitegen.diagnostics import SitegenError

MARKER = ".sitegen-output"
MARKER_TEXT = b"This folder is written by sitegen: every build replaces it whole.\n"
_SPARE = ".sitegen-spare"
_NEW = ".sitegen-new-"
_OLD = ".sitegen-old-"


def check_output_dir(site_dir: Path, output: Path) -> None:
    """Refuse an output folder that sitegen must never replace."""
    site = site_dir.resolve()
    target = output.resolve()
    forbidden = {Path("/").resolve(), Path.home().resolve()}
    if target in forbidden or target == site or site.is_relative_to(target):
        raise SitegenError(f"refusing to use {output} as the output folder: it holds the site or your files")
    for source in ("content", "layouts", "assets"):
        if target.is_relative_to(site / source):
            raise SitegenError(f"refusing to use {output} as the output folder: it is inside {source}/")
    if target.exists() and not target.is_dir():
        raise SitegenError(f"the output path {output} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise SitegenError(
            f"refusing to replace {output}: it is not empty and sitegen did not make it "
            f"(no {MARKER} file in it); empty it or choose another --output"
        )


def safe_relative(relative: str) -> tuple[str, ...]:
    """The parts of an output path, refusing anything that could leave the output folder."""
    # split, not PurePosixPath: that would quietly read "editor//index.html" as "editor/index.html"
    parts = tuple(relative.split("/"))
    unsafe = any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts)
    if not relative or unsafe:
        raise SitegenError(f"refusing to write outside the output folder: {relative!r}")
    return parts


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # what the file was made from
    size: int
    mtime_ns: int
    ino: int


@dataclass(frozen=True)
class TreeState:
    """What a build recorded about a tree: its folder's identity and every file in it."""

    dev: int
    ino: int
    entries: dict[str, Entry]
    # every folder's mtime: a file added or removed by hand changes its folder's, so the
    # spare tree is known to hold nothing else without walking it (empty: walk it)
    folders: dict[str, int] = field(default_factory=dict)


def _stat_entry(path: Path, key: str) -> Entry:
    st = os.stat(path, follow_symlinks=False)
    return Entry(key, st.st_size, st.st_mtime_ns, st.st_ino)


def _verified(state: object, root: Path, exact: bool) -> TreeState | None:
    """``state`` if the tree on disk is still what it says; with ``exact``, no extra files either."""
    if not isinstance(state, TreeState):
        return None
    try:
        st = os.stat(root, follow_symlinks=False)
    except OSError:
        return None
    if (st.st_dev, st.st_ino) != (state.dev, state.ino):
        return None
    prefix = str(root) + os.sep
    for relative, entry in state.entries.items():
        try:
            st = os.stat(prefix + relative, follow_symlinks=False)
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns, st.st_ino) != (entry.size, entry.mtime_ns, entry.ino):
            return None
    # a record written before folders were recorded has none: walk the tree then
    folders: dict[str, int] = getattr(state, "folders", None) or {}
    if exact and folders:
        for relative, mtime in folders.items():
            try:
                if os.stat(prefix + relative if relative else root, follow_symlinks=False).st_mtime_ns != mtime:
                    return None
            except OSError:
                return None
    elif exact:
        count = sum(len(files) for _, _, files in os.walk(root))
        if count != len(state.entries):
            return None
    return state


def _has_folders(state: TreeState) -> bool:
    return bool(getattr(state, "folders", None))


def _folders(root: Path, entries: dict[str, Entry]) -> dict[str, int]:
    """The mtime of every folder that holds the entries, the root's as ``""``."""
    names = {""}
    for relative in entries:
        folder = posixpath.dirname(relative)
        while folder and folder not in names:
            names.add(folder)
            folder = posixpath.dirname(folder)
    prefix = str(root) + os.sep
    return {name: os.stat(prefix + name if name else root).st_mtime_ns for name in sorted(names)}


class Publisher:
    def __init__(self, output: Path, cache: BuildCache) -> None:
        self.output = output.absolute()
        self.parent = self.output.parent
        self.spare = self.parent / f".{self.output.name}{_SPARE}"
        self.cache = cache
        # one record per output folder: a preview and the real build keep their own
        self._live_key, self._spare_key = f"live:{self.output}", f"spare:{self.output}"
        self.parent.mkdir(parents=True, exist_ok=True)
        recover(self.output)
        self.live = _verified(cache.get_state(self._live_key), self.output, exact=False)

    def unchanged(self, desired: dict[str, str]) -> bool:
        """True when the live tree already holds exactly these files with these keys."""
        if self.live is None or len(self.live.entries) != len(desired):
            return False
        return all(self.live.entries.get(path, _NO_ENTRY).key == key for path, key in desired.items())

    def begin(self, desired: dict[str, str]) -> Tree:
        spare_state = _verified(self.cache.get_state(self._spare_key), self.spare, exact=True)
        # from here the spare tree changes: a crash must not leave a record that trusts it
        self.cache.set_state(self._spare_key, None)
        if spare_state is None:
            shutil.rmtree(self.spare, ignore_errors=True)
            self.spare.mkdir()
        entries = dict(spare_state.entries) if spare_state else {}
        tree = Tree(
            self.spare, entries, dict(spare_state.folders) if spare_state and _has_folders(spare_state) else None
        )
        live = self.live.entries if self.live else {}
        for relative in [p for p in entries if p not in desired]:
            tree.remove(relative)
        for relative, key in desired.items():
            have = entries.get(relative)
            if have is not None and have.key == key:
                continue
            source = live.get(relative)
            if source is not None and source.key == key:
                tree.link(relative, os.path.join(self.output, relative), source)
            else:
                tree.missing.append(relative)
        return tree

    def commit(self, tree: Tree) -> None:
        if self.output.exists():
            _exchange(tree.root, self.output)
        else:
            os.rename(tree.root, self.output)
        st = os.stat(self.output)
        new_live = TreeState(st.st_dev, st.st_ino, tree.entries, tree.folder_times(self.output))
        self.cache.set_state(self._spare_key, self.live if self.live else None)
        self.cache.set_state(self._live_key, new_live)
        if self.live is None:
            # the old tree is unknown to the cache: it cannot serve as the next spare
            shutil.rmtree(self.spare, ignore_errors=True)
        self.live = new_live


_NO_ENTRY = Entry("", -1, -1, -1)


class Tree:
    """The spare tree being brought up to date; ``missing`` lists what must still be made."""

    def __init__(self, root: Path, entries: dict[str, Entry], folders: dict[str, int] | None = None) -> None:
        self.root = root
        self.entries = entries
        self.missing: list[str] = []
        self._prefix = str(root) + os.sep
        self._dirs: set[str] = set()
        # the folders' mtimes as recorded (None: unknown), and the files changed since
        self.folders = folders
        self.touched: set[str] = set()

    def folder_times(self, at: Path) -> dict[str, int]:
        """Every folder's mtime now, the tree being at ``at`` (it moves when it is swapped
        in): the recorded ones, with those that changed re-read."""
        if self.folders is None:
            return _folders(at, self.entries)
        prefix = str(at) + os.sep
        names = {""}
        for relative in self.touched:
            folder = posixpath.dirname(relative)
            while folder and folder not in names:
                names.add(folder)
                folder = posixpath.dirname(folder)
        result = dict(self.folders)
        for name in names:
            try:
                result[name] = os.stat(prefix + name if name else at).st_mtime_ns
            except FileNotFoundError:  # removed with its last file
                result.pop(name, None)
        return result

    def path(self, relative: str) -> str:
        """The file's path in the tree, its folder made. Plain strings: this runs for
        every file of the site, and pathlib costs more than the system calls here."""
        path = self._prefix + "/".join(safe_relative(relative))
        folder = os.path.dirname(path)
        if folder not in self._dirs:
            os.makedirs(folder, exist_ok=True)
            self._dirs.add(folder)
        return path

    def write(self, relative: str, data: bytes, key: str) -> None:
        write_new(self.path(relative), data)
        self.record(relative, key)

    def record(self, relative: str, key: str) -> None:
        """Note a file that was written into the tree (perhaps by another process)."""
        self.entries[relative] = _stat_entry(Path(self._prefix + relative), key)
        self.touched.add(relative)

    def link(self, relative: str, source: str, entry: Entry) -> None:
        path = self.path(relative)
        _remove(path)
        os.link(source, path, follow_symlinks=False)
        self.entries[relative] = entry
        self.touched.add(relative)

    def remove(self, relative: str) -> None:
        path = self._prefix + "/".join(safe_relative(relative))
        _remove(path)
        self.entries.pop(relative, None)
        self.touched.add(relative)
        folder = os.path.dirname(path)
        while len(folder) >= len(self._prefix):
            try:
                os.rmdir(folder)
            except OSError:
                break
            self._dirs.discard(folder)
            folder = os.path.dirname(folder)


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def write_new(path: str, data: bytes) -> None:
    """Write a file as a new inode: never through a hard link another tree shares."""
    _remove(path)
    with open(path, "xb") as handle:
        handle.write(data)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step (Linux renameat2); elsewhere, three quick renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(b))
    aside = b.parent / f".{b.name}{_OLD}{os.getpid()}"
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def recover(output: Path) -> None:
    """After a build that was killed: put back an output it had moved aside, and remove
    half-written trees."""
    parent = output.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{output.name}{_OLD}*"))
    if not output.exists() and olds:
        os.rename(olds.pop(), output)
    for stale in olds + sorted(parent.glob(f".{output.name}{_NEW}*")):
        shutil.rmtree(stale, ignore_errors=True)
