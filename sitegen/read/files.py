"""Finding a site's source files, and knowing when one changed without reading it.

Hidden files and folders are skipped; a link, a pipe or a device is skipped with a warning.
A file is trusted unchanged while its size, times, inode and device are those recorded when
its bytes were hashed (git's rule, with a window for a file changed close to the record).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from sitegen.cache import BuildCache
from sitegen.errors import Diagnostic, warning
from sitegen.read.articles import content_digest

CONTENT_DIR = "content"

ASSETS_DIR = "assets"


# A file whose size, times, inode and device are those recorded when its bytes were hashed
# still holds those bytes, as git's index trusts them: writing a file changes its ctime,
# which no program can set back. A file changed within RACY_NS of the record could share a
# timestamp with the version that was hashed (timestamps are coarse), so it is read again.
RACY_NS = 2_000_000_000


def source_digests(
    site_dir: Path, sources: list[str], cache: BuildCache, signatures: dict[str, Signature] | None = None
) -> list[str]:
    """The hash of each source's bytes (articles.content_digest): read and hashed again only
    when its file changed since the cache recorded it. ``signatures``: from find_files, or
    taken here."""
    started = time.time_ns()
    signatures = signatures or {}
    name = f"sources:{site_dir}"
    record = cache.get_state(name)
    valid = isinstance(record, tuple) and len(record) == 2 and isinstance(record[1], dict)
    recorded_at, known = record if valid else (0, {})
    fresh: dict[str, tuple[Signature | None, str]] = {}
    digests = []
    rehashed = False
    for source in sources:
        path = os.path.join(site_dir, source)
        sign = signatures.get(source)
        if sign is None:
            try:
                sign = signature(os.stat(path))
            except OSError:
                sign = None
        hit = known.get(source)
        settled = sign is not None and max(sign[1], sign[2]) < recorded_at - RACY_NS
        if settled and hit is not None and hit[0] == sign:
            content = hit[1]
        else:
            content = content_digest(_read_bytes(path))
            rehashed = True
        fresh[source] = (sign, content)
        digests.append(content)
    if rehashed or len(fresh) != len(known):
        cache.set_state(name, (started, fresh))
    return digests


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


Signature = tuple[int, int, int, int, int]  # a file's size, mtime, ctime, inode and device


def signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def find_files(
    site_dir: Path, folder: str, suffix: str | None = None, signatures: dict[str, Signature] | None = None
) -> tuple[list[str], list[Diagnostic]]:
    """Files below ``site_dir/folder`` as sorted site-relative paths; with ``signatures``,
    each file's signature is put there too (from the one ``stat`` the walk makes).

    Hidden files and folders (editor backups, ``.git``) are skipped. A symbolic link is
    followed only when it is a file inside the site; a linked folder (``content`` itself
    included), a link loop, a named pipe or a device is skipped with a warning, so no byte
    from outside the site reaches the output and nothing can hang the build.
    """
    root = os.path.join(site_dir, folder)
    site = site_dir.resolve()
    found: list[str] = []
    problems: list[Diagnostic] = []
    if os.path.islink(root):
        return found, [warning(folder, None, "symbolic link to a folder is not followed")]
    if not os.path.isdir(root):
        return found, problems
    signed = signatures if signatures is not None else {}
    pending = [(root, folder)]
    while pending:
        directory, relative_dir = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            relative = f"{relative_dir}/{name}"
            if entry.is_symlink():
                try:
                    linked_folder = entry.is_dir()  # follows the link
                except OSError:  # a loop
                    linked_folder = False
                if linked_folder:
                    problems.append(warning(relative, None, "symbolic link to a folder is not followed"))
                    continue
                if suffix and not name.endswith(suffix):
                    continue
                try:
                    target = Path(entry.path).resolve(strict=True)
                except (OSError, RuntimeError):  # a loop, or a link to nothing
                    target = None
                if target is None or not target.is_relative_to(site) or not target.is_file():
                    problems.append(warning(relative, None, "symbolic link points outside the site; skipped"))
                    continue
                found.append(relative)
                with contextlib.suppress(OSError):
                    signed[relative] = signature(os.stat(target))
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, relative))
                continue
            if suffix and not name.endswith(suffix):
                continue
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                problems.append(warning(relative, None, "not a regular file; skipped"))
                continue
            found.append(relative)
            signed[relative] = signature(st)
    return sorted(found), problems
