"""Output paths a file system can hold, checked for every planned file before the new tree is
begun: a build never stops half way through writing it.

A slug, tag, editor or place names a folder, and a location's places a row of folders. A name
longer than the file system allows (255 bytes on every common one), a path longer than the
system accepts once the output folder is in front of it, or a row of folders deeper than
MAX_DEPTH is an error at the front matter key that made it (the file, when that is unknown).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error
from sitegen.i18n import Message, msg
from sitegen.plan.model import Site
from sitegen.read.articles import ReadResult
from sitegen.write.output import spare_of

# Folders below the output folder. A real site needs a handful (a place's page is six deep);
# far more can only come from a location of dozens of places, and would reach the limits of
# the tools that walk a tree folder by folder, one call deeper for each.
MAX_DEPTH = 64

# Linux's, where the system cannot say
NAME_MAX = 255
PATH_MAX = 4096

_KEYS = {"tag": "tags", "location": "location", "editor": "editor", "archive": "date"}


def system_limits(root: Path) -> tuple[int, int]:
    """The longest name and path (with its final NUL) the file system of ``root`` takes."""
    folder = root
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError):
        return NAME_MAX, PATH_MAX


def path_problems(
    root: Path,
    files: Iterable[str],
    site: Site,
    results: Sequence[ReadResult],
    published: Mapping[str, str],
) -> list[Diagnostic]:
    """An error for each output file (relative to ``root``, the longest path the tree is
    written at) that the file system cannot hold, at the key that made it. ``published``:
    each asset's published name by its source."""
    name_max, path_max = system_limits(root)
    room = path_max - 1 - len(os.fsencode(root)) - 1  # after "root/", before the NUL
    # a path this short (in characters, each at most 4 bytes) has nothing to check: one
    # comparison for almost every file; and it cannot hold MAX_DEPTH separators either
    quick = min(room, name_max, 2 * MAX_DEPTH) // 4
    found: list[tuple[str, Message]] = []
    for relative in files:
        if len(relative) > quick:
            found += [(relative, why) for why in _problems(relative, name_max, path_max, room)]
    if not found:
        return []
    return sorted(set(_attributed(found, site, results, published)))


def site_path_problems(
    site_dir: Path,
    loaded: tuple[SiteConfig, Site, Sequence[ReadResult]],
    files: Iterable[str],
    published: Mapping[str, str],
) -> list[Diagnostic]:
    """path_problems of a build into the site's own output folder (what ``sitegen check`` says)."""
    config, site, results = loaded
    output = site_dir / config.output
    with contextlib.suppress(OSError, RuntimeError):  # a loop of links: the build says so
        output = output.resolve()
    return path_problems(spare_of(output), files, site, results, published)


def _problems(relative: str, name_max: int, path_max: int, room: int) -> list[Message]:
    """What is wrong with one output path, completing "<the key> …"."""
    problems = []
    data = relative.encode()
    if len(data) > room:
        most = f"{path_max - 1:,}"
        problems.append(
            msg(
                "makes an output path longer than a file system allows ({most} bytes with the output folder)", most=most
            )
        )
    if relative.count("/") > MAX_DEPTH:
        problems.append(msg("makes an output path more than {most} folders deep", most=MAX_DEPTH))
    if len(data) > name_max:
        longest = max(len(part) for part in data.split(b"/"))
        if longest > name_max:
            problems.append(
                msg(
                    "makes a file or folder name longer than {most} bytes ({longest} bytes)",
                    most=name_max,
                    longest=longest,
                )
            )
    return problems


def _attributed(
    found: list[tuple[str, Message]], site: Site, results: Sequence[ReadResult], published: Mapping[str, str]
) -> list[Diagnostic]:
    """Each problem at whoever made the path: the articles and the key of the deepest page
    (an article's, a tag's, a place's…) the file belongs to, or the asset."""
    owners: dict[str, list[tuple[str, str]]] = {}
    for term in site.terms:
        owners[term.path.lstrip("/")] = [(a.source, _KEYS.get(term.kind, "")) for a in term.articles]
    for article in site.articles:
        owners[article.path.lstrip("/")] = [(article.source, "slug")]
    for source, name in published.items():
        owners[name] = [(source, "")]
    lines = {r.source: dict(r.lines) for r in results}
    problems = []
    for relative, why in found:
        for source, key in _owners(relative, owners):
            line = lines.get(source, {}).get(key) if key else None
            if line is not None:
                problems.append(error(source, line, msg("'{key}' {why}", key=key, why=why)))
            elif key == "slug":
                problems.append(error(source, None, msg("the file name {why}", why=why)))
            else:
                problems.append(error(source, None, msg("its output path {why}", why=why)))
    return problems


def _owners(relative: str, owners: Mapping[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The (source, key) pairs of the deepest planned page or file that holds ``relative``."""
    if relative in owners:
        return owners[relative]
    folder = relative
    while "/" in folder:
        folder = folder.rpartition("/")[0]
        if folder + "/" in owners:
            return owners[folder + "/"]
    return [(relative, "")]
