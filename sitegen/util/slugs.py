"""Readable, stable URL slugs for titles, tags and file names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sitegen.i18n import Message, msg

_APOSTROPHES = re.compile(r"['’‘`´]")

_NOT_WORD = re.compile(r"[^\w]+")

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """``Jum'at Curhat`` → ``jumat-curhat``; ``Pemilu 2024`` → ``pemilu-2024``.

    Accents are dropped (``é`` → ``e``), apostrophes vanish rather than split a word, other
    letters are kept as they are (a tag in another script keeps a readable slug).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped.casefold())
    slug = _NOT_WORD.sub("-", stripped).replace("_", "-")
    return re.sub(r"-{2,}", "-", slug).strip("-")


def check_slug(slug: str) -> Message | None:
    """Why ``slug`` cannot be one path segment of a URL, or None when it can."""
    if not slug:
        return msg("is empty")
    if slug in (".", "..") or "/" in slug or "\\" in slug or "\x00" in slug:
        return msg("must not contain '/', '\\', NUL or be '.' or '..'")
    # compatibility forms as Windows reads them: COM¹ is COM1, a full-width ＣＯＮ is CON
    name = slug if slug.isascii() else unicodedata.normalize("NFKD", slug)
    if name.casefold().split(".")[0] in _WINDOWS_RESERVED:
        return msg("'{slug}' is a name Windows reserves", slug=slug)
    if not re.fullmatch(r"[\w-]+", slug):
        return msg("may hold only letters, digits and '-'")
    return None
