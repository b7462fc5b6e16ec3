"""Reading every article through the build cache, in worker processes.

An article whose bytes and settings are unchanged comes from the cache; a body whose Markdown
is unchanged is not converted again, even when the settings change. The articles to read are
read by a Reader, which parallel_map's forked workers inherit: each worker has its own copy,
and opens its own connection to the cache (after the fork: a connection must not cross one).

Reading one article, every step of it, is held to ``markup.TIME_LIMIT``: by a signal in the
process that reads it (which pure Python cannot escape), and by parallel_map, which kills the
worker still on it a moment later (native code may ignore or swallow the signal). So the
articles are read in forked workers even when they are few; a warm build reads none.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sitegen import __version__
from sitegen.cache import DB_NAME, BuildCache
from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error
from sitegen.i18n import msg
from sitegen.parallel import parallel_map
from sitegen.read import keys, markup
from sitegen.read.articles import ReadResult, read_article
from sitegen.read.files import CONTENT_DIR, _read_bytes, find_files, source_digests
from sitegen.read.keys import article_key, source_key
from sitegen.util.filestamp import Stamp
from sitegen.util.hashing import digest

Fresh = tuple[str, ReadResult, bool]  # an article read now: its key, the result, whether it was converted

# How much longer than the time limit a worker may stay on one article before it is killed:
# the signal, where it works, reports first and spares forking a fresh worker.
KILL_GRACE = 1.0


def _markdown_key(body: str) -> str:
    return digest("markdown", __version__, keys.RENDERERS, str(markup.RENDERING), body)


class Reader:
    """Reads one article by its source path (in a worker, or in this process)."""

    def __init__(self, config: SiteConfig, site_dir: str, db: Path | None) -> None:
        self.config = config
        self.site_dir = site_dir
        self.db = db  # the cache's database, read for converted Markdown; None without a cache
        self.connection: sqlite3.Connection | None = None  # opened on first use, in each process

    def __call__(self, source: str) -> Fresh:
        """Its key, from the bytes actually read, the result, and whether its Markdown was
        converted (rather than found in the cache)."""
        keys: list[str] = []
        converted = False

        def render(body: str) -> str:
            nonlocal converted
            keys.append(_markdown_key(body))
            html, converted = self._cached_render(body)
            return html

        data = _read_bytes(os.path.join(self.site_dir, source))
        try:
            with markup.time_limit(markup.TIME_LIMIT):
                result = read_article(source, data, self.config, render_markdown=render)
        except TimeoutError:  # past the conversion, which reports its own time-out
            return self.late(source)
        if keys:
            result = replace(result, markdown_key=keys[0])
        key = result.article.digest if result.article else article_key(source, data, self.config)
        return key, result, converted

    def late(self, source: str) -> Fresh:
        """An article whose reading was stopped at the time limit: an error at its body's line."""
        data = _read_bytes(os.path.join(self.site_dir, source))
        message = msg("the Markdown takes longer than {seconds} s to render", seconds=format(markup.TIME_LIMIT, "g"))
        result = ReadResult(source, None, (error(source, _body_line(data), message),))
        return article_key(source, data, self.config), result, False

    def _cached_render(self, body: str) -> tuple[str, bool]:
        """Markdown through the cache's ``markdown`` table: an unchanged body is never
        converted twice, even when the settings change. Also says whether it was converted."""
        key = _markdown_key(body)
        if self.db is not None:
            try:
                if self.connection is None:
                    self.connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
                row = self.connection.execute("SELECT html FROM markdown WHERE key=?", (key,)).fetchone()
                if row is not None:
                    return str(row[0]), False
            except sqlite3.Error:
                pass
        return markup.render(body), True

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _body_line(data: bytes) -> int | None:
    """The line the body starts on: after the front matter's closing '---' (found as the read
    stage finds it, without reading the front matter, which may be what took so long)."""
    lines = data.decode("utf-8", "replace").split("\n", 2 + 64 * 1024)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    return None if end is None else end + 2


def read_sources(
    site_dir: Path,
    config: SiteConfig,
    cache: BuildCache,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[ReadResult], list[Diagnostic]]:
    """Every article of ``content/`` (read_all), and the problems of finding and reading them."""
    signatures: dict[str, Stamp] = {}
    sources, problems = find_files(site_dir, CONTENT_DIR, suffix=".md", signatures=signatures)
    results = read_all(site_dir, sources, config, cache, jobs, progress, signatures)
    for result in results:
        problems.extend(result.diagnostics)
    return results, problems


def read_all(
    site_dir: Path,
    sources: list[str],
    config: SiteConfig,
    cache: BuildCache,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    signatures: dict[str, Stamp] | None = None,
) -> list[ReadResult]:
    """Every article, from the cache when its bytes and the settings are unchanged."""
    contents = source_digests(site_dir, sources, cache, signatures)
    keys = [source_key(source, content, config) for source, content in zip(sources, contents, strict=True)]
    known: dict[str, ReadResult] = cache.get_many("articles", keys)
    todo = [source for source, key in zip(sources, keys, strict=True) if key not in known]
    reader = Reader(config, str(site_dir), cache.folder / DB_NAME if cache.db is not None and cache.folder else None)
    try:
        # workers read the files again rather than receive them: less memory in this process
        if todo:
            markup._markdown()  # made once in this process: every worker forked from it inherits it
        limit = markup.TIME_LIMIT + KILL_GRACE
        fresh = parallel_map(reader, todo, jobs, progress=progress, limit=limit, late=reader.late)
    finally:
        reader.close()
    by_source = {r.source: r for r in known.values()} | {r.source: r for _, r, _ in fresh}
    if cache.db is not None:
        _remember(cache, keys, fresh, by_source)
    return [by_source[source] for source in sources]


def _remember(cache: BuildCache, keys: list[str], fresh: list[Fresh], by_source: dict[str, ReadResult]) -> None:
    """Store what was read and converted now, and drop what no source of the site uses any more."""
    cache.add("articles", [(key, result) for key, result, _ in fresh])
    converted = [(r.markdown_key, r.article.body_html) for _, r, new in fresh if new and r.article]
    cache.add("markdown", converted)
    cache.prune("articles", keys + [key for key, _, _ in fresh])
    cache.prune("markdown", [r.markdown_key for r in by_source.values() if r.markdown_key])
