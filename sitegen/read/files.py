"""Finding a site's source files, and knowing when one changed without reading it.

Hidden files and folders are skipped; a link that leaves its folder, a pipe or a device is
skipped with a warning; a name that is not UTF-8 is an error.
A file is trusted unchanged while its stamp is the one recorded when its bytes were hashed
and that stamp was settled then (sitegen.util.filestamp).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from sitegen.cache import BuildCache
from sitegen.errors import Diagnostic, error, printable, warning
from sitegen.i18n import msg
from sitegen.read.keys import content_digest
from sitegen.util.filestamp import Stamp, settled, stamp

CONTENT_DIR = "content"

ASSETS_DIR = "assets"


def source_digests(
    site_dir: Path, sources: list[str], cache: BuildCache, stamps: dict[str, Stamp] | None = None
) -> list[str]:
    """The hash of each source's bytes (articles.content_digest): read and hashed again only
    when its file changed since the cache recorded it. ``stamps``: from find_files, or
    taken here."""
    started = time.time_ns()
    stamps = stamps or {}
    name = f"sources:{site_dir}"
    record = cache.get_state(name)
    valid = isinstance(record, tuple) and len(record) == 2 and isinstance(record[1], dict)
    recorded_at, known = record if valid else (0, {})
    fresh: dict[str, tuple[Stamp | None, str]] = {}
    digests = []
    rehashed = False
    for source in sources:
        path = os.path.join(site_dir, source)
        sign = stamps.get(source)
        if sign is None:
            try:
                sign = stamp(os.stat(path))
            except OSError:
                sign = None
        hit = known.get(source)
        if sign is not None and hit is not None and hit[0] == sign and settled(sign, recorded_at):
            content = hit[1]
        else:
            content = content_digest(_read_bytes(path))
            rehashed = True
        fresh[source] = (sign, content)
        digests.append(content)
    if rehashed or len(fresh) != len(known):
        cache.set_state(name, (started, fresh))
    return digests


def read_assets(site_dir: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The files of ``assets/`` by source path, and the problems of finding them."""
    files, problems = find_files(site_dir, ASSETS_DIR)
    return {relative: (site_dir / relative).read_bytes() for relative in files}, problems


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def find_files(
    site_dir: Path, folder: str, suffix: str | None = None, signatures: dict[str, Stamp] | None = None
) -> tuple[list[str], list[Diagnostic]]:
    """Files below ``site_dir/folder`` as sorted site-relative paths; with ``signatures``,
    each file's stamp is put there too (from the one ``stat`` the walk makes).

    Hidden files and folders (editor backups, ``.git``) are skipped. A symbolic link is
    followed only when it leads to a file of ``folder`` itself that is not hidden; a linked
    folder (``content`` itself included), a link loop, a named pipe or a device is skipped
    with a warning, so no byte from outside the folder (``.git/config``, ``.env``, the build
    cache with its drafts) reaches the output and nothing can hang the build. A name that is
    not UTF-8 is an error (no URL or log line can hold it), its folder's files unread.
    """
    root = os.path.join(site_dir, folder)
    found: list[str] = []
    problems: list[Diagnostic] = []
    if os.path.islink(root):
        return found, [warning(folder, None, msg("symbolic link to a folder is not followed"))]
    if not os.path.isdir(root):
        return found, problems
    bounds = (site_dir.resolve(), Path(root).resolve())
    signed = signatures if signatures is not None else {}
    pending = [(root, folder)]
    while pending:
        directory, relative_dir = pending.pop()
        for entry in _listing(directory):
            name = entry.name
            if name.startswith("."):
                continue
            relative = f"{relative_dir}/{name}"
            if entry.is_symlink():
                _follow_link(entry, relative, bounds, suffix, found, problems, signed)
            elif entry.is_dir(follow_symlinks=False):
                if _named_in_utf8(relative, problems):
                    pending.append((entry.path, relative))
            elif not suffix or name.endswith(suffix):
                st = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(st.st_mode):
                    problems.append(warning(relative, None, msg("not a regular file; skipped")))
                elif _named_in_utf8(relative, problems):
                    found.append(relative)
                    signed[relative] = stamp(st)
    return sorted(found), problems


def _named_in_utf8(relative: str, problems: list[Diagnostic]) -> bool:
    """Whether a file's name is UTF-8; if not, an error names it (escaped: it cannot be printed)."""
    try:
        relative.encode()
    except UnicodeEncodeError:
        problems.append(error(printable(relative), None, msg("the file name is not UTF-8: rename it")))
        return False
    return True


def _listing(directory: str) -> list[os.DirEntry[str]]:
    """A folder's entries by name; none when it cannot be listed."""
    try:
        with os.scandir(directory) as listing:
            return sorted(listing, key=lambda e: e.name)
    except OSError:
        return []


def _follow_link(
    entry: os.DirEntry[str],
    relative: str,
    bounds: tuple[Path, Path],
    suffix: str | None,
    found: list[str],
    problems: list[Diagnostic],
    signed: dict[str, Stamp],
) -> None:
    """A symbolic link met by find_files: its file is found when it is one of the folder the
    walk is in (``bounds``: the site and that folder, resolved) and not a hidden one."""
    try:
        linked_folder = entry.is_dir()  # follows the link
    except OSError:  # a loop
        linked_folder = False
    if linked_folder:
        problems.append(warning(relative, None, msg("symbolic link to a folder is not followed")))
        return
    if suffix and not entry.name.endswith(suffix):
        return
    try:
        target = Path(entry.path).resolve(strict=True)
    except (OSError, RuntimeError):  # a loop, or a link to nothing
        target = None
    site, home = bounds
    if target is None or not target.is_relative_to(site) or not target.is_file():
        problems.append(warning(relative, None, msg("symbolic link points outside the site; skipped")))
    elif any(part.startswith(".") for part in target.relative_to(site).parts):
        problems.append(warning(relative, None, msg("symbolic link points to a hidden file; skipped")))
    elif not target.is_relative_to(home):
        problems.append(
            warning(relative, None, msg("symbolic link points outside {folder}/; skipped", folder=home.name))
        )
    elif _named_in_utf8(relative, problems):
        found.append(relative)
        with contextlib.suppress(OSError):
            signed[relative] = stamp(os.stat(target))
