"""The names an article files itself under: its tags (a list, or one text split at commas), and
the rule every tag, editor and place name must meet to name a folder of the site."""

from __future__ import annotations

from typing import Any

from sitegen.i18n import Message, msg
from sitegen.read.frontmatter import describe
from sitegen.read.markup import CONTROL_CHARS
from sitegen.util.slugs import check_slug, slugify


def read_tags(value: Any) -> tuple[tuple[str, ...], list[Message]]:
    """The tags of a ``tags`` value (a list, or one text split at commas), each topic once, and
    what is wrong with the value (no tag is made of a wrong part)."""
    if value is None:
        return (), []
    values = value.split(",") if isinstance(value, str) else value
    if not isinstance(values, list):
        return (), [msg("'tags' must be a list like [Polri, Kamtibmas], not {kind}", kind=describe(values))]
    tags: list[str] = []
    problems: list[Message] = []
    seen: set[str] = set()
    for part in values:
        if not isinstance(part, str):
            problems.append(msg("each tag must be text, not {kind}", kind=describe(part)))
            continue
        tag = " ".join(CONTROL_CHARS.sub("", part).split())
        if not tag:
            continue
        if why := name_problem(tag):
            problems.append(msg("tag '{tag}' {why}", tag=tag, why=why))
            continue
        if slugify(tag) not in seen:
            seen.add(slugify(tag))
            tags.append(tag)
    return tuple(tags), problems


def name_problem(name: str) -> Message | None:
    """Why a tag, editor or place cannot name a folder of the site, or None when it can."""
    slug = slugify(name)
    if not slug:
        return msg("has no letters or digits to make a URL from")
    why = check_slug(slug)
    return msg("gives no usable URL ({why})", why=why) if why else None
