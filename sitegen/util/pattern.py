"""Path patterns with ``{year}``, ``{month}``, ``{day}`` and ``{slug}`` placeholders (``permalink``,
``new_article_path``): which placeholders exist and whether a pattern is usable.
"""

from __future__ import annotations

import string
from pathlib import PurePosixPath

# Where a new article goes, below the site folder: site.yaml's ``new_article_path``
# (default ``content/{year}/{slug}.md``), checked by check_path_pattern.
PATH_FIELDS = ("year", "month", "day", "slug")


def check_path_pattern(pattern: str) -> str | None:
    """Why ``pattern`` cannot place new articles, or None when it can."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        return "has a stray '{' or '}'"
    unknown = [name for name in names if name not in PATH_FIELDS]
    if unknown:
        return f"has an unknown placeholder '{{{unknown[0]}}}' (use {{year}}, {{month}}, {{day}}, {{slug}})"
    parts = PurePosixPath(pattern).parts
    if len(parts) < 2 or parts[0] != "content" or ".." in parts or "\\" in pattern:
        return "must be a path inside content/, like content/{year}/{slug}.md"
    if not pattern.endswith(".md") or "slug" not in names:
        return "must end with '{slug}.md' or another name holding {slug} and ending in .md"
    return None
