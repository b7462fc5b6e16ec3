"""Path patterns with ``{year}``, ``{month}``, ``{day}`` and ``{slug}`` placeholders: site.yaml's
``permalink`` (an article's URL) and ``new_article_path`` (where ``sitegen new`` writes one).

:class:`PathPattern` is the one place that knows the placeholders: it says why a pattern is
unusable for either job, and fills one in. A pattern that passes its check formats without
error and leaves no brace in the result.
"""

from __future__ import annotations

import datetime as dt
import string
from pathlib import PurePosixPath

from sitegen.i18n import Message, msg

FIELDS = ("year", "month", "day", "slug")

_NAMES = ", ".join("{" + name + "}" for name in FIELDS)


class PathPattern:
    """A pattern as site.yaml writes it, like ``/{year}/{month}/{slug}/``.

    A plain class with one slot: a permalink is filled in for every article read.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def format(self, local: dt.datetime, slug: str) -> str:
        """The pattern filled in from a local date and a slug."""
        return self.text.format(year=f"{local.year:04d}", month=f"{local.month:02d}", day=f"{local.day:02d}", slug=slug)

    def names(self) -> list[str]:
        """The placeholders, in order; ValueError for a stray ``{`` or ``}``."""
        return [name for _, name, _, _ in string.Formatter().parse(self.text) if name is not None]

    def permalink_problem(self) -> Message | None:
        """Why the pattern cannot make article URLs, or None when it can."""
        text = self.text
        if not text.startswith("/"):
            return msg("must start with '/'")
        if not (text.endswith("/") or text.endswith(".html")):
            return msg("must end with '/' or '.html'")
        stray = msg("has a stray '{brace}': placeholders are written {names}", brace="{' or '}", names=_NAMES)
        try:
            names = self.names()
        except ValueError:
            return stray
        unknown = _unknown(names)
        if unknown is not None:
            return msg("unknown placeholder '{name}' (use {names})", name="{" + unknown + "}", names=_NAMES)
        sample = text.format(year="2000", month="01", day="01", slug="x")
        if "{" in sample or "}" in sample:  # '{{slug}}': an escaped brace, not a placeholder
            return stray
        if "slug" not in names:
            return msg("must contain '{name}'", name="{slug}")
        if ".." in text or "\\" in text:
            return msg("must not contain '..' or backslashes")
        return None

    def article_path_problem(self) -> Message | None:
        """Why the pattern cannot place new articles below the site folder, or None when it can."""
        try:
            names = self.names()
        except ValueError:
            return msg("has a stray '{brace}'", brace="{' or '}")
        unknown = _unknown(names)
        if unknown is not None:
            return msg("has an unknown placeholder '{name}' (use {names})", name="{" + unknown + "}", names=_NAMES)
        parts = PurePosixPath(self.text).parts
        if len(parts) < 2 or parts[0] != "content" or ".." in parts or "\\" in self.text:
            return msg("must be a path inside content/, like {example}", example="content/{year}/{slug}.md")
        if not self.text.endswith(".md") or "slug" not in names:
            return msg("must end with '{name}.md' or another name holding {name} and ending in .md", name="{slug}")
        return None


def _unknown(names: list[str]) -> str | None:
    return next((name for name in names if name not in FIELDS), None)
