"""Full-text search on a static host: a Pagefind index of the published articles.

Pagefind (``pip install 'sitegen[search]'``, the ``pagefind`` package with its binary) is fed
one record per published article, made from the plan (search_records: the title, weighted,
the story's text, its places and topics, filters, metadata and a date to sort by); no written
page is read again. Its service (search_service) hands back the bundle, which is written to
``pagefind/`` in the new tree before it is swapped in, and the ``/cari/`` page
(``layouts/search.html``) loads it in the reader's browser. A draft or a scheduled article
never reaches the index, not even in a ``--drafts`` preview.

The index is one more set of files of the build. Its key is a digest of every record (and of
the binary and how it is run): while that key is unchanged and the live tree still holds the
files recorded under it, the files are kept like any unchanged page (a layout change or a new
related story leaves the records, so the index, alone); otherwise Pagefind indexes every
record again (it cannot add to an index it wrote), and of what it writes, a file with the bytes
of the live one is kept (linked) rather than counted as written. Pagefind writes its filter
files in a different order on every run: search_bundle puts them in order, so the same records
always give the same bytes and an incremental build the bytes of a clean one.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
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
from sitegen.write.search_bundle import BundleUnknown, put_in_order
from sitegen.write.search_records import Record, indexed, records
from sitegen.write.search_service import ServiceFailed, make_index

__all__ = ["INDEX_DIR", "SearchIndex", "find_binary", "identity", "indexed", "plan", "planned"]

INDEX_DIR = "pagefind"  # the bundle's folder in the output; layouts/search.html loads it from there

LAYOUT = "search.html"

STATE = "search"  # the cache's state row: (key, {file: key})

TIMEOUT = 3600  # seconds: meant for a hang, not for a big site on a busy machine

SKIPPED = msg("search index skipped: install sitegen[search] to build it")

EMPTY = msg("search index skipped: no published article to index")

OFF = msg("search index skipped: --no-search")

_ARGUMENTS = 2  # bump when the records or the way Pagefind is run change: every index is then rebuilt

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


@dataclass
class SearchIndex:
    """What the build does about the index: keep it (its files are in ``desired``), make it
    again after the pages are written (``stale``), or nothing (no binary, no article)."""

    cache: BuildCache
    site: Site | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    live: TreeState | None = None
    live_root: Path | None = None
    binary: Path | None = None
    language: str = "id"
    key: str = ""
    stale: bool = False
    notes: list[Message] = field(default_factory=list)

    def write(self, tree: Tree, desired: dict[str, str]) -> list[Diagnostic]:
        """Index the records into the new tree and record the files (a no-op unless stale)."""
        if not self.stale or self.binary is None or self.site is None:
            return []
        staging = tree.root / _STAGING  # where the binary runs: an empty folder of its own
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            bundle = _run(self.binary, records(self.site, self.pages), self.language, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(bundle, str):
            return [
                warning(
                    INDEX_DIR,
                    None,
                    msg("search index not built: {why}; the site is published without it", why=verbatim(bundle)),
                )
            ]
        files: dict[str, str] = {}
        live = self.live.entries if self.live is not None and self.live_root is not None else {}
        for name in sorted(bundle):
            relative = f"{INDEX_DIR}/{name}"
            key = files[relative] = digest("bytes", bundle[name])
            before = live.get(relative)
            if before is not None and before.key == key and self.live_root is not None:
                tree.link(relative, str(self.live_root / relative), before)  # the same bytes: keep the file
            else:
                tree.write(relative, bundle[name], key)
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
    index these records make, its files join ``desired`` and are kept like any file."""
    index = SearchIndex(cache, live=publisher.live, live_root=publisher.output, language=site.config.language or "id")
    skipped = _skipped(index, site, pages, desired, enabled)
    if skipped is not None:
        index.notes.append(skipped)
        return index
    index.key = _key(index, site, pages)
    if index.key == "":
        index.notes.append(EMPTY)
        return index
    index.site, index.pages = site, pages
    kept = _kept_files(index)
    if kept is not None:
        desired.update(kept)
    else:
        index.stale = True
    return index


def _key(index: SearchIndex, site: Site, pages: dict[str, Page]) -> str:
    """A digest of every record, made one at a time and let go (no article: "")."""
    parts = [identity(index.binary), index.language]
    for record in records(site, pages):
        parts += [record.url, record.html]
    return digest(*parts) if len(parts) > 2 else ""


def _skipped(
    index: SearchIndex, site: Site, pages: dict[str, Page], desired: dict[str, str], enabled: bool
) -> Message | None:
    """Why the build makes no index (its note), or None; on the way, the binary is put in ``index``."""
    if not enabled:
        return OFF
    index.binary = find_binary()
    if index.binary is None:
        return SKIPPED
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


def _run(binary: Path, found: Iterable[Record], language: str, folder: Path) -> dict[str, bytes] | str:
    """The bundle made of the records and put in order; or what went wrong."""
    try:
        return put_in_order(make_index(binary, found, language, folder, TIMEOUT), language)
    except ServiceFailed as exc:
        return str(exc)
    except BundleUnknown as exc:
        return f"Pagefind wrote a bundle this sitegen does not know ({exc})"
