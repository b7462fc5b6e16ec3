"""Full-text search on a static host: a Pagefind index of the published articles.

Pagefind (``pip install 'sitegen[search]'``, the ``pagefind`` package with its binary) reads
the article pages of the new tree before it is swapped in and writes its bundle to
``pagefind/``; the ``/cari/`` page (``layouts/search.html``) loads it in the reader's browser.
Only published articles are indexed, and only their ``data-pagefind-body`` element: a
draft or a scheduled article never reaches the index, not even in a ``--drafts`` preview.

The index is one more set of files of the build. Its key is a digest of the keys of the
pages it reads (and of the binary and its arguments): while that key is unchanged and the
live tree still holds the files recorded under it, the files are kept like any unchanged
page; otherwise Pagefind runs again on the complete new tree, and of what it writes, a file
with the bytes of the live one is kept (linked) rather than counted as written. Pagefind's
output depends only on the pages it reads (Pagefind 1.5: repeated runs give the same bytes),
so an incremental build still gives the same bytes as a clean one. Not so with Pagefind
*filters* (``data-pagefind-filter``): their files come out in a different order on every run,
so the layouts use none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.cache import BuildCache
from sitegen.errors import Diagnostic, warning
from sitegen.i18n import Message, msg, verbatim
from sitegen.plan.model import Page, Site
from sitegen.render.environment import LAYOUTS_DIR
from sitegen.util.hashing import digest
from sitegen.write.output import Publisher, Tree
from sitegen.write.records import TreeState

INDEX_DIR = "pagefind"  # the bundle's folder in the output; layouts/search.html loads it from there

LAYOUT = "search.html"

STATE = "search"  # the cache's state row: (key, {file: key})

TIMEOUT = 600  # seconds: far more than the largest site needs

SKIPPED = msg("search index skipped: install sitegen[search] to build it")

EMPTY = msg("search index skipped: no published article to index")

OFF = msg("search index skipped: --no-search")

_ARGUMENTS = 1  # bump when the way Pagefind is run changes: every index is then rebuilt

_STAGING = ".sitegen-search"  # inside the new tree, removed before the swap


def planned(site: Site, site_dir: Path) -> Site:
    """The plan without the search page when the site's layouts have no ``search.html``
    (a site with a theme of its own builds as before)."""
    if (site_dir / LAYOUTS_DIR / LAYOUT).is_file():
        return site
    return replace(site, pages=tuple(page for page in site.pages if page.template != LAYOUT))


def find_binary() -> Path | None:
    """The Pagefind binary the ``pagefind`` package finds (its ``pagefind_bin`` or
    ``pagefind_bin_extended`` wheel, ``PAGEFIND_BINARY_PATH``, or one on the PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    found = get_executable()
    return found if found is not None and found.is_file() else None


def identity(binary: Path | None = None) -> str:
    """What the index is made with: the binary (its path, size and time) and how it is run.
    Part of the build's inputs: installing, upgrading or removing Pagefind changes the output."""
    binary = binary or find_binary()
    if binary is None:
        return "pagefind:none"
    st = binary.stat()
    return f"pagefind:{_ARGUMENTS}:{binary}:{st.st_size}:{st.st_mtime_ns}"


def indexed(page: Page, site: Site) -> bool:
    """A published article's page: never a draft or a scheduled article shown by a preview."""
    article = page.article
    return article is not None and not article.draft and article.date <= site.now


@dataclass
class SearchIndex:
    """What the build does about the index: keep it (its files are in ``desired``), make it
    again after the pages are written (``stale``), or nothing (no binary, no article)."""

    cache: BuildCache
    live: TreeState | None = None
    live_root: Path | None = None
    binary: Path | None = None
    language: str = "id"
    key: str = ""
    pages: list[str] = field(default_factory=list)  # output files to index
    stale: bool = False
    notes: list[Message] = field(default_factory=list)

    def write(self, tree: Tree, desired: dict[str, str]) -> list[Diagnostic]:
        """Run Pagefind on the written tree and record its files (a no-op unless stale)."""
        if not self.stale or self.binary is None:
            return []
        staging = tree.root / _STAGING
        output = tree.root / INDEX_DIR
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)  # none of its files is in ``desired``: all were removed
        try:
            # Pagefind reads a folder: give it one that holds only the pages to index
            for relative in self.pages:
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(tree.root / relative, target)
                except OSError:
                    shutil.copyfile(tree.root / relative, target)
            problem = _run(self.binary, staging, output, self.language)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if problem is not None:
            shutil.rmtree(output, ignore_errors=True)
            return [
                warning(
                    INDEX_DIR,
                    None,
                    msg("search index not built: {why}; the site is published without it", why=verbatim(problem)),
                )
            ]
        files: dict[str, str] = {}
        live = self.live.entries if self.live is not None and self.live_root is not None else {}
        for path in sorted(p for p in output.rglob("*") if p.is_file()):
            relative = path.relative_to(tree.root).as_posix()
            key = files[relative] = digest("bytes", path.read_bytes())
            before = live.get(relative)
            if before is not None and before.key == key and self.live_root is not None:
                tree.link(relative, str(self.live_root / relative), before)  # the same bytes: keep the file
            else:
                tree.record(relative, key)
                tree.missing.append(relative)  # counted as written
        desired.update(files)
        self.cache.set_state(STATE, (self.key, files))
        return []


def plan(
    site: Site,
    pages: dict[str, Page],
    desired: dict[str, str],
    cache: BuildCache,
    publisher: Publisher,
    enabled: bool = True,
) -> SearchIndex:
    """Decide about the index before the tree is prepared. When the live tree holds the
    index this plan would make, its files join ``desired`` and are kept like any file."""
    index = SearchIndex(cache, publisher.live, publisher.output, language=site.config.language or "id")
    skipped = _skipped(index, site, pages, desired, enabled)
    if skipped is not None:
        index.notes.append(skipped)
        return index
    index.key = digest(
        identity(index.binary),
        index.language,
        *(f"{relative}\0{desired[relative]}" for relative in index.pages),
    )
    kept = _kept_files(index)
    if kept is not None:
        desired.update(kept)
    else:
        index.stale = True
    return index


def _skipped(
    index: SearchIndex, site: Site, pages: dict[str, Page], desired: dict[str, str], enabled: bool
) -> Message | None:
    """Why the build makes no index (its note), or None; on the way, the binary and the
    pages to index are put in ``index``."""
    if not enabled:
        return OFF
    index.binary = find_binary()
    if index.binary is None:
        return SKIPPED
    index.pages = sorted(relative for relative, page in pages.items() if indexed(page, site))
    if not index.pages:
        return EMPTY
    taken = sorted(relative for relative in desired if relative.startswith(INDEX_DIR + "/"))
    if taken:
        return msg("search index skipped: {page} is a page of the site, where the index would go", page=taken[0])
    return None


def _kept_files(index: SearchIndex) -> dict[str, str] | None:
    """The index's files (output file -> key) when the live tree holds those its key made."""
    state = index.cache.get_state(STATE)
    live = index.live
    if live is None or not (isinstance(state, tuple) and len(state) == 2) or state[0] != index.key:
        return None
    files: dict[str, str] = state[1]
    kept = {relative: entry.key for relative, entry in live.entries.items() if relative in files}
    return files if files and kept == files else None


def _run(binary: Path, site: Path, output: Path, language: str) -> str | None:
    """Run Pagefind; what went wrong, or None. It runs in the staging folder with no
    ``PAGEFIND_*`` variables, so no configuration file or setting of the machine reaches it."""
    command = [
        str(binary),
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--force-language",
        language,
        "--silent",
    ]
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    try:
        done = subprocess.run(command, cwd=site, env=env, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return f"Pagefind ran longer than {TIMEOUT} s"
    except OSError as exc:
        return f"Pagefind could not be run ({exc})"
    if done.returncode != 0:
        said = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
        reason = f": {said[0].removeprefix('Error: ').strip()}" if said else ""
        return f"Pagefind failed with status {done.returncode}{reason}"
    return None
