"""The search index in shards: which published article goes into which of several small
Pagefind indexes, where each index's files go, and what tells the reader's page about them.

A shard is the articles of one year (the article's year in the site's time zone, as the
``tahun`` filter has it), except the newest month's, which make a shard of their own: the
newest stories are the ones editors publish and correct, and an edit there makes again an
index of a month's articles, not a year's. A finer split (a shard per month of the newest
year) would make any edit of that year as quick, but every shard costs the reader requests
and kilobytes on every search (docs/performance.md, "Run K"). When a story of a newer month
is published, the last month's stories join their year's shard, which is made again once.

Each shard is a whole Pagefind index made by its own ``pagefind --service`` run. The first
shard (the oldest) is the *primary*: its bundle is written to ``pagefind/`` as Pagefind
writes it, with the script and the WebAssembly the search page loads. Every other shard goes
to ``pagefind/<shard>/`` without those files (they are the same bytes in every bundle, and a
merged index loads none of them): its entry file, metadata, word index, fragments and
filters. ``pagefind/shards.json`` lists the other shards' folders and the values of each
filter; the search page merges the shards into the primary with Pagefind's ``mergeIndex``
(with a year chosen, only that year's).

A shard's key is a digest of its records, its name, whether it is the primary, the binary
and the language: an edit changes the key of the shard that holds the story (of two, when
the story moved), and every other shard is kept as it is.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sitegen.plan.model import Page, Site
from sitegen.write.search_records import Record, indexed, record

INDEX_DIR = "pagefind"  # the primary's folder in the output; layouts/search.html loads it from there

MANIFEST = f"{INDEX_DIR}/shards.json"  # the other shards' folders, below INDEX_DIR

# a merged index reads only these of its bundle: its entry file, its metadata and its chunks
_OWN_FILES = ("pagefind-entry.json",)
_OWN_FOLDERS = ("index/", "fragment/", "filter/")


@dataclass(frozen=True)
class Shard:
    name: str  # "2024", or "2026-03" for the newest month
    primary: bool
    key: str
    count: int  # the articles in it

    @property
    def folder(self) -> str:
        """Where its files go in the output."""
        return INDEX_DIR if self.primary else f"{INDEX_DIR}/{self.name}"

    def keeps(self, name: str) -> bool:
        """Whether a file of this shard's bundle (its path in the bundle) is published."""
        if self.primary:
            return True
        if name in _OWN_FILES or name.startswith(_OWN_FOLDERS):
            return True
        return posixpath.dirname(name) == "" and name.startswith("pagefind.") and name.endswith(".pf_meta")


def shard_name(year: int, month: int, newest: tuple[int, int]) -> str:
    """The shard of an article of this local year and month, the newest month being ``newest``
    (year, month)."""
    return f"{year:04d}-{month:02d}" if (year, month) == newest else f"{year:04d}"


def _published(site: Site, pages: dict[str, Page]) -> Iterator[tuple[str, Page]]:
    for relative in sorted(pages):
        page = pages[relative]
        if indexed(page, site):
            yield relative, page


def _local(page: Page, zone: ZoneInfo) -> tuple[int, int]:
    assert page.article is not None
    local = page.article.date.astimezone(zone)
    return local.year, local.month


def newest_month(site: Site, pages: dict[str, Page]) -> tuple[int, int]:
    """The newest local (year, month) of a published article ((0, 0): none)."""
    zone = ZoneInfo(site.config.timezone)
    return max((_local(page, zone) for _, page in _published(site, pages)), default=(0, 0))


def shard_records(site: Site, pages: dict[str, Page], newest: tuple[int, int]) -> Iterator[tuple[str, Record]]:
    """Every published article's record with its shard, in the order of their output files;
    each made as it is asked for (the whole site's records are never held at once)."""
    zone = ZoneInfo(site.config.timezone)
    for _, page in _published(site, pages):
        year, month = _local(page, zone)
        yield shard_name(year, month, newest), record(page, site.config, zone)


def records_of(site: Site, pages: dict[str, Page], newest: tuple[int, int], name: str) -> Iterator[Record]:
    """The records of one shard, made as they are asked for."""
    return (found for shard, found in shard_records(site, pages, newest) if shard == name)


@dataclass(frozen=True)
class Shards:
    """The shards these pages make, in order (the primary first), and every value of each filter."""

    shards: list[Shard]
    filters: dict[str, list[str]]


def shards(site: Site, pages: dict[str, Page], identity: str, language: str) -> Shards:
    """The shards, each with its key, made in one pass over the records."""
    newest = newest_month(site, pages)
    hashers: dict[str, hashlib.blake2b] = {}
    counts: dict[str, int] = {}
    values: dict[str, set[str]] = {}
    for name, found in shard_records(site, pages, newest):
        hasher = hashers.get(name)
        if hasher is None:
            hasher = hashers[name] = hashlib.blake2b(digest_size=16)
        for part in (found.url, found.html):
            data = part.encode()
            hasher.update(len(data).to_bytes(8, "little"))
            hasher.update(data)
        counts[name] = counts.get(name, 0) + 1
        for filter_name, value in found.filters:
            values.setdefault(filter_name, set()).add(value)
    result = []
    for n, name in enumerate(sorted(hashers)):
        primary = n == 0
        role = "primary" if primary else "merged"
        key = hashlib.blake2b(
            "\n".join([identity, language, name, role, hashers[name].hexdigest()]).encode(), digest_size=16
        ).hexdigest()
        result.append(Shard(name, primary, key, counts[name]))
    return Shards(result, {name: sorted(found) for name, found in sorted(values.items())})


def manifest(found: Shards) -> bytes:
    """``pagefind/shards.json``: the folders (below ``pagefind/``) of the shards to merge, and
    every value of each filter (the search page offers them without loading every shard's
    filter files)."""
    merged = [f"{shard.name}/" for shard in found.shards if not shard.primary]
    text = json.dumps({"merge": merged, "filters": found.filters}, ensure_ascii=True)
    # the filters' values are editors' text: no markup character appears as itself, so the
    # file is inert whatever a browser takes it for (JSON reads the escapes back as the text)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n").encode()
