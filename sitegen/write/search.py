"""Full-text search on a static host: a Pagefind index of the published articles.

Pagefind (``pip install 'sitegen[search]'``, the ``pagefind`` package with its binary) is fed
one record per published article, made from the plan (search_records: the title, weighted,
the story's text, its places and topics, filters, metadata and a date to sort by); no written
page is read again. Its service (search_service) hands back the bundle, which is written to
``pagefind/`` in the new tree before it is swapped in, and the ``/cari/`` page
(``layouts/search.html``) loads it in the reader's browser. A draft or a scheduled article
never reaches the index, not even in a ``--drafts`` preview.

The index is made in shards (search_shards: a year's articles each, the newest month's
apart), each an index of its own that the reader's browser merges. A shard's key is a digest
of its records (and of the binary and how it is run): while that key is unchanged and the
live tree still holds the files recorded under it, the shard's files are kept like any
unchanged page (a layout change or a new related story leaves the records, so the index,
alone); otherwise Pagefind indexes that shard's records again (it cannot add to an index it
wrote), the stale shards by up to ``IN_FLIGHT`` processes at once, and of what it writes, a
file with the bytes of the live one is kept (linked) rather than counted as written. A shard
no longer made is left out of the new tree. Pagefind writes its filter files in a different
order on every run: search_bundle puts them in order, so the same records always give the
same bytes and an incremental build the bytes of a clean one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.cache import BuildCache
from sitegen.errors import Diagnostic, warning
from sitegen.i18n import Message, msg, verbatim
from sitegen.plan.model import Page, Site
from sitegen.render.environment import LAYOUTS_DIR
from sitegen.util.hashing import digest
from sitegen.write.output import Publisher, Tree
from sitegen.write.records import Entry, TreeState
from sitegen.write.search_bundle import BundleUnknown, put_in_order
from sitegen.write.search_records import Record, indexed
from sitegen.write.search_service import ServiceFailed, make_index
from sitegen.write.search_shards import INDEX_DIR, MANIFEST, Shard, manifest, newest_month, records_of, shards

__all__ = ["INDEX_DIR", "SearchIndex", "find_binary", "identity", "indexed", "plan", "planned"]


LAYOUT = "search.html"

STATE = "search"  # the cache's state row: (_VERSION, {shard: (key, {file: key})})

# shards made by Pagefind processes at once: Pagefind indexes on one core, and its memory
# grows with the words of the shard (docs/performance.md, "Run K")
IN_FLIGHT = 1

TIMEOUT = 3600  # seconds: meant for a hang, not for a big site on a busy machine

SKIPPED = msg("search index skipped: install sitegen[search] to build it")

EMPTY = msg("search index skipped: no published article to index")

OFF = msg("search index skipped: --no-search")

_ARGUMENTS = 3  # bump when the records or the way Pagefind is run change: every index is then rebuilt

_STAGING = ".sitegen-search"  # inside the new tree, removed before the swap

_VERSION = "shards-1"  # of the state row

_NONE = Entry("", -1, -1, -1)


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
    """What the build does about the index: keep each shard whose files the live tree holds
    (they are in ``desired``), make the others again after the pages are written (``stale``),
    or nothing (no binary, no article)."""

    cache: BuildCache
    site: Site | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    live: TreeState | None = None
    live_root: Path | None = None
    binary: Path | None = None
    language: str = "id"
    shards: list[Shard] = field(default_factory=list)
    kept: dict[str, dict[str, str]] = field(default_factory=dict)  # shard -> its files (output file -> key)
    manifest: bytes = b""
    stale: bool = False
    notes: list[Message] = field(default_factory=list)

    @property
    def to_make(self) -> list[Shard]:
        return [shard for shard in self.shards if shard.name not in self.kept]

    def write(self, tree: Tree, desired: dict[str, str]) -> list[Diagnostic]:
        """Index the stale shards into the new tree and record every shard's files (a no-op
        unless stale). A shard Pagefind could not make leaves the whole index out."""
        if not self.stale or self.binary is None or self.site is None:
            return []
        made = self._make(tree.root / _STAGING)
        failed = sorted(name for name, bundle in made.items() if isinstance(bundle, str))
        if failed:
            for relative in sorted(r for r in desired if r.startswith(INDEX_DIR + "/")):
                del desired[relative]
                tree.remove(relative)
            self.cache.set_state(STATE, None)
            why = str(made[failed[0]])
            return [
                warning(
                    INDEX_DIR,
                    None,
                    msg("search index not built: {why}; the site is published without it", why=verbatim(why)),
                )
            ]
        shards = dict(self.kept)
        for shard in self.to_make:
            bundle = made[shard.name]
            assert not isinstance(bundle, str)
            shards[shard.name] = self._put(tree, shard, bundle)
            desired.update(shards[shard.name])
        self._put_file(tree, MANIFEST, self.manifest)
        desired[MANIFEST] = digest("bytes", self.manifest)
        self.cache.set_state(STATE, (_VERSION, {s.name: (s.key, shards[s.name]) for s in self.shards}))
        return []

    def _make(self, staging: Path) -> dict[str, dict[str, bytes] | str]:
        """The bundles of the stale shards, made by up to ``IN_FLIGHT`` Pagefind processes at once."""
        assert self.binary is not None and self.site is not None
        binary, site, pages, language = self.binary, self.site, self.pages, self.language
        newest = newest_month(site, pages)
        shutil.rmtree(staging, ignore_errors=True)

        def make(shard: Shard) -> dict[str, bytes] | str:
            folder = staging / shard.name  # where the binary runs: an empty folder of its own
            folder.mkdir(parents=True)
            return _run(binary, records_of(site, pages, newest, shard.name), language, folder)

        todo = self.to_make
        workers = max(1, min(IN_FLIGHT, os.cpu_count() or 1, len(todo)))
        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                return dict(zip([shard.name for shard in todo], pool.map(make, todo), strict=True))
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _put(self, tree: Tree, shard: Shard, bundle: dict[str, bytes]) -> dict[str, str]:
        """A shard's published files into the tree; their keys (output file -> key)."""
        files: dict[str, str] = {}
        for name in sorted(bundle):
            if shard.keeps(name):
                relative = f"{shard.folder}/{name}"
                files[relative] = self._put_file(tree, relative, bundle[name])
        return files

    def _put_file(self, tree: Tree, relative: str, data: bytes) -> str:
        """One file into the tree: the live one kept (linked) when it has these bytes."""
        key = digest("bytes", data)
        live = self.live.entries if self.live is not None and self.live_root is not None else {}
        before = live.get(relative)
        if before is not None and before.key == key and self.live_root is not None:
            tree.link(relative, str(self.live_root / relative), before)  # the same bytes: keep the file
        else:
            tree.write(relative, data, key)
            tree.missing.append(relative)  # counted as written
        return key


def plan(
    site: Site,
    pages: dict[str, Page],
    desired: dict[str, str],
    cache: BuildCache,
    publisher: Publisher,
    enabled: bool = True,
) -> SearchIndex:
    """Decide about the index before the tree is prepared. Each shard the live tree holds
    as these records make it joins ``desired`` and is kept like any file."""
    index = SearchIndex(cache, live=publisher.live, live_root=publisher.output, language=site.config.language or "id")
    skipped = _skipped(index, site, pages, desired, enabled)
    if skipped is not None:
        index.notes.append(skipped)
        return index
    found = shards(site, pages, identity(index.binary), index.language)
    index.shards = found.shards
    if not index.shards:
        index.notes.append(EMPTY)
        return index
    index.site, index.pages = site, pages
    index.kept = _kept_shards(index)
    for files in index.kept.values():
        desired.update(files)
    index.manifest = manifest(found)
    manifest_key = digest("bytes", index.manifest)
    live = index.live.entries.get(MANIFEST) if index.live is not None else None
    if index.to_make or live is None or live.key != manifest_key:
        index.stale = True
    else:
        desired[MANIFEST] = manifest_key
    return index


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


def _kept_shards(index: SearchIndex) -> dict[str, dict[str, str]]:
    """The shards (name -> output file -> key) whose key is the one their files were made
    with and whose files the live tree holds."""
    state = index.cache.get_state(STATE)
    live = index.live
    if live is None or not (isinstance(state, tuple) and len(state) == 2 and state[0] == _VERSION):
        return {}
    known: dict[str, tuple[str, dict[str, str]]] = state[1]
    kept = {}
    for shard in index.shards:
        key, files = known.get(shard.name, ("", {}))
        if key == shard.key and files and all(live.entries.get(r, _NONE).key == k for r, k in files.items()):
            kept[shard.name] = files
    return kept


def _run(binary: Path, found: Iterable[Record], language: str, folder: Path) -> dict[str, bytes] | str:
    """The bundle made of the records and put in order; or what went wrong."""
    try:
        return put_in_order(make_index(binary, found, language, folder, TIMEOUT), language)
    except ServiceFailed as exc:
        return str(exc)
    except BundleUnknown as exc:
        return f"Pagefind wrote a bundle this sitegen does not know ({exc})"
