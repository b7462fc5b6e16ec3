"""The build cache's keys of read articles and rendered bodies.

An article's key covers everything the article is made from: its path, its bytes, the
settings, sitegen's version and the releases of the Markdown converter and the sanitizer
(RENDERERS). A body's key covers the same releases, so an upgrade that closes a hole in the
sanitizer renders every body again instead of serving what the old release let through.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import lru_cache
from typing import Any

import markdown
import nh3

from sitegen import __version__
from sitegen.config import SiteConfig
from sitegen.read import markup
from sitegen.util.hashing import digest

# Raise it whenever the read stage's rules change what an unchanged file gives (a new key, a new
# error, a field of Article), so that no cache serves an article read by the old rules. The key
# holds markup.RENDERING too: a cached article carries its rendered body.
READING = 3

# in the keys: a sanitizer release that closes a hole must not keep what the old one let through
RENDERERS = f"markdown={markdown.__version__} nh3={getattr(nh3, '__version__', '?')}"


def article_key(source: str, data: bytes, config: SiteConfig) -> str:
    """What an article is made from: its path, bytes, the settings, sitegen's and RENDERERS."""
    return source_key(source, content_digest(data), config)


def source_key(source: str, content: str, config: SiteConfig) -> str:
    """:func:`article_key` from the bytes' hash (``content_digest``), from a copy of the hash state
    after sitegen's version, RENDERERS and the settings (this runs for every article of every build)."""
    h = _settings_hash(config, RENDERERS).copy()
    for part in (source.encode(), content.encode()):
        h.update(len(part).to_bytes(8, "little") + part)
    return str(h.hexdigest())


@lru_cache(maxsize=8)
def _settings_hash(config: SiteConfig, renderers: str) -> Any:
    h = hashlib.blake2b(digest_size=16)
    rules = f"{READING}:{markup.RENDERING}"
    for part in (__version__.encode(), rules.encode(), renderers.encode(), _settings_text(config).encode()):
        h.update(len(part).to_bytes(8, "little") + part)
    return h


def content_digest(data: bytes) -> str:
    return digest("content", data)


@lru_cache(maxsize=8)
def _settings_text(config: SiteConfig) -> str:
    # the alert banner is no part of reading an article: changing it re-renders pages, never re-reads them
    return repr(replace(config, alert=None))
