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
import stat
from pathlib import Path

from sitegen.cache import BuildCache
from sitegen.errors import SitegenError
from sitegen.write.records import Entry, TreeState, decoded, encoded, folder_mtimes, stat_entry, verified_exactly

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
    for source in ("content", "layouts", "assets", "editors"):
        if target.is_relative_to(site / source):
            raise SitegenError(f"refusing to use {output} as the output folder: it is inside {source}/")
    if target.exists() and not target.is_dir():
        raise SitegenError(f"the output path {output} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise SitegenError(
            f"refusing to replace {output}: it is not empty and sitegen did not make it "
            f"(no {MARKER} file in it); empty it or choose another --output"
        )


def resolve_output(site_dir: Path, given: Path) -> Path:
    """The folder to publish into, checked (check_output_dir). A link is followed to its
    target, which is checked as well: the new tree is swapped in beside the target, so the
    link stays a link and keeps pointing at the site."""
    try:
        output = given.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise SitegenError(f"the output path {given} cannot be followed ({exc})") from None
    check_output_dir(site_dir, given)
    return output


def safe_relative(relative: str) -> tuple[str, ...]:
    """The parts of an output path, refusing anything that could leave the output folder."""
    # split, not PurePosixPath: that would quietly read "editor//index.html" as "editor/index.html"
    parts = tuple(relative.split("/"))
    unsafe = any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts)
    if not relative or unsafe:
        raise SitegenError(f"refusing to write outside the output folder: {relative!r}")
    return parts


def spare_of(output: Path) -> Path:
    """The spare tree beside an output folder: the longer path, where every file is first written."""
    return output.parent / f".{output.name}{_SPARE}"


class Publisher:
    def __init__(self, output: Path, cache: BuildCache) -> None:
        self.output = output.absolute()
        self.parent = self.output.parent
        self.spare = spare_of(self.output)
        self.cache = cache
        # Two records per output folder (a preview and the real build keep their own), one
        # for each tree, and a pointer: which is the live tree's, and whether the other may
        # be trusted. A swap makes the live tree the spare one: only the pointer changes for
        # its record, which is not written again. A pointer gone wrong is harmless: a record
        # is only used for the folder whose identity it holds, and checked against it.
        self._pointer = f"live:{self.output}"
        self._records = (f"tree0:{self.output}", f"tree1:{self.output}")
        self.parent.mkdir(parents=True, exist_ok=True)
        recover(self.output)
        pointer = cache.get_state(self._pointer)
        self._live, self._spare_known = next((p for p in _POINTERS if p == pointer), (0, False))
        self.live = decoded(cache.get_state(self._records[self._live]), self.output)
        # A long-lived publisher (sitegen serve's session) may trust the spare tree it swapped
        # out itself, as it recorded it then, rather than check it file by file on disk.
        self.trust_own_spare = False
        self._own_spare: TreeState | None = None

    def unchanged(self, desired: dict[str, str]) -> bool:
        """True when the live tree already holds exactly these files with these keys."""
        live = self.live
        if live is None or len(live.recorded) != len(desired):
            return False
        if not all(live.recorded.get(path, _NO_ENTRY).key == key for path, key in desired.items()):
            return False
        return len(live.entries) == len(desired)  # and every file is on disk as recorded

    def begin(self, desired: dict[str, str]) -> Tree:
        spare_state = None
        if self._spare_known:
            spare_state = self._spare_state()
            # from here the spare tree changes: a crash must not leave a record that trusts it
            self.cache.set_state(self._pointer, (self._live, False))
            self._spare_known = False
        if spare_state is None:
            remove_tree(self.spare)
            try:
                self.spare.mkdir()
            except FileExistsError:
                raise SitegenError(f"{self.spare} cannot be removed: remove it by hand") from None
        entries = dict(spare_state.entries) if spare_state else {}
        tree = Tree(self.spare, entries, dict(spare_state.folders) if spare_state else None)
        for relative in [p for p in entries if p not in desired]:
            tree.remove(relative)
        for relative, key in desired.items():
            have = entries.get(relative)
            if have is not None and have.key == key:
                continue
            # the live tree's file, checked now: its files are not checked up front
            source = self.live.entry(relative, key) if self.live is not None else None
            if source is not None:
                tree.link(relative, os.path.join(self.output, relative), source)
            else:
                tree.missing.append(relative)
        return tree

    def _spare_state(self) -> TreeState | None:
        """The spare tree's record, checked on disk (unless it is the one this publisher swapped
        out itself and trusts: ``trust_own_spare``); None when it does not hold."""
        own, self._own_spare = self._own_spare, None
        if self.trust_own_spare and own is not None and _folder_identity(self.spare) == (own.dev, own.ino):
            return own
        return verified_exactly(decoded(self.cache.get_state(self._records[1 - self._live]), self.spare), self.spare)

    def commit(self, tree: Tree) -> None:
        if self.output.exists():
            _exchange(tree.root, self.output)
        else:
            os.rename(tree.root, self.output)
        st = os.stat(self.output)
        new_live = TreeState(st.st_dev, st.st_ino, tree.entries, tree.folder_times(self.output))
        # the old live tree is the spare one now, and its record, left where it is, the
        # spare record; unless the old tree is unknown to the cache or was changed by hand
        known = self.live is not None and not self.live.broken
        new = 1 - self._live
        records: dict[str, object] = {self._records[new]: encoded(new_live), self._pointer: (new, known)}
        records[f"spare:{self.output}"] = None  # where sitegen kept the spare record before
        self.cache.set_states(records)
        if not known:
            remove_tree(self.spare)
        self._own_spare = self.live if known else None
        self.live, self._live, self._spare_known = new_live, new, known


def _folder_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return st.st_dev, st.st_ino


_POINTERS = [(0, False), (0, True), (1, False), (1, True)]  # (live record, spare record trusted)

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
            return folder_mtimes(at, self.entries)
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
        self.entries[relative] = stat_entry(Path(self._prefix + relative), key)
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
        remove_tree(stale)


_OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


def remove_tree(path: Path) -> None:
    """Remove one of sitegen's own folders (or a file, or a link) whatever a crash or a hand
    left in it: no recursion (a tree thousands of folders deep), no path longer than a name
    (a tree deeper than the system lets a path be), folders without permission opened up, any
    name. One folder is open at a time; what cannot be removed at all is left."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            os.unlink(path)
            return
        fd = _open_folder(str(path), None)
    except OSError:
        return
    pending = [_clear(fd)]  # the folders still to remove, of each folder on the way down
    while pending:
        if pending[-1]:
            try:
                below = _open_folder(pending[-1][-1], fd)
            except OSError:
                pending[-1].pop()
                continue
            os.close(fd)
            fd = below
            pending.append(_clear(fd))
            continue
        pending.pop()
        if pending:  # this folder is empty: up to its parent, which removes it
            above = os.open("..", _OPEN_FOLDER, dir_fd=fd)
            os.close(fd)
            fd = above
            with contextlib.suppress(OSError):
                os.rmdir(pending[-1].pop(), dir_fd=fd)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.rmdir(path)


def _open_folder(name: str, parent: int | None) -> int:
    """A folder opened for reading (never through a link), its permissions fixed if need be."""
    try:
        return os.open(name, _OPEN_FOLDER, dir_fd=parent)
    except PermissionError:
        os.chmod(name, 0o700, dir_fd=parent)
        return os.open(name, _OPEN_FOLDER, dir_fd=parent)


def _clear(fd: int) -> list[str]:
    """Remove every file and link of an open folder; the names of its folders."""
    folders = []
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o700)  # removing a name needs write permission on the folder
    with contextlib.suppress(OSError), os.scandir(fd) as listing:
        for entry in listing:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.name)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.name, dir_fd=fd)
    return folders
