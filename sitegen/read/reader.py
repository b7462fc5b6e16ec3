"""Reading every article through the build cache, in worker processes.

An article whose bytes and settings are unchanged comes from the cache; a body whose Markdown
is unchanged is not converted again, even when the settings change.
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
from sitegen.parallel import parallel_map
from sitegen.read import markup
from sitegen.read.articles import ReadResult, article_key, read_article, source_key
from sitegen.read.files import Signature, _read_bytes, source_digests
from sitegen.util.hashing import digest

# -- reading, in parallel and through the cache ------------------------------------------

_reader_config: SiteConfig | None = None

_reader_site: str | None = None

_reader_db: Path | None = None

_reader_connection: sqlite3.Connection | None = None


def _markdown_key(body: str) -> str:
    return digest("markdown", __version__, str(markup.RENDERING), body)


def _cached_render(body: str) -> tuple[str, bool]:
    """Markdown through the cache's ``markdown`` table: an unchanged body is never
    converted twice, even when the settings change. Also says whether it was converted."""
    global _reader_connection
    key = _markdown_key(body)
    if _reader_db is not None:
        try:
            if _reader_connection is None:  # one connection per worker, opened after the fork
                _reader_connection = sqlite3.connect(f"file:{_reader_db}?mode=ro", uri=True)
            row = _reader_connection.execute("SELECT html FROM markdown WHERE key=?", (key,)).fetchone()
            if row is not None:
                return str(row[0]), False
        except sqlite3.Error:
            pass
    return markup.render(body), True


def _read_one(source: str) -> tuple[str, ReadResult, bool]:
    """Read one article (in a worker): its key, from the bytes it actually read, the result,
    and whether its Markdown was converted (rather than found in the cache)."""
    assert _reader_config is not None and _reader_site is not None
    keys: list[str] = []
    converted = False

    def render(body: str) -> str:
        nonlocal converted
        keys.append(_markdown_key(body))
        html, converted = _cached_render(body)
        return html

    data = _read_bytes(os.path.join(_reader_site, source))
    result = read_article(source, data, _reader_config, render_markdown=render)
    if keys:
        result = replace(result, markdown_key=keys[0])
    key = result.article.digest if result.article else article_key(source, data, _reader_config)
    return key, result, converted


def read_all(
    site_dir: Path,
    sources: list[str],
    config: SiteConfig,
    cache: BuildCache,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    signatures: dict[str, Signature] | None = None,
) -> list[ReadResult]:
    """Every article, from the cache when its bytes and the settings are unchanged."""
    global _reader_config, _reader_site, _reader_db, _reader_connection
    contents = source_digests(site_dir, sources, cache, signatures)
    keys = [source_key(source, content, config) for source, content in zip(sources, contents, strict=True)]
    known: dict[str, ReadResult] = cache.get_many("articles", keys)
    todo = [source for source, key in zip(sources, keys, strict=True) if key not in known]
    _reader_config, _reader_site = config, str(site_dir)
    _reader_db = cache.folder / DB_NAME if cache.db is not None and cache.folder else None
    _reader_connection = None
    try:
        # workers read the files again rather than receive them: less memory in this process
        fresh = parallel_map(_read_one, todo, jobs, progress=progress)
    finally:
        if _reader_connection is not None:
            _reader_connection.close()
        _reader_config = _reader_site = _reader_db = _reader_connection = None
    by_source = {r.source: r for r in known.values()} | {r.source: r for _, r, _ in fresh}
    if cache.db is not None:
        cache.add("articles", [(key, result) for key, result, _ in fresh])
        converted = [(r.markdown_key, r.article.body_html) for _, r, new in fresh if new and r.article]
        cache.add("markdown", converted)
        cache.prune("articles", keys + [key for key, _, _ in fresh])
        cache.prune("markdown", [r.markdown_key for r in by_source.values() if r.markdown_key])
    return [by_source[source] for source in sources]
