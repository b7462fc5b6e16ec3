"""The article files as editors wrote them: their lines, to point at the line a problem is on,
and what ``sitegen new`` left in them for the editor to fill in.

Read apart from the build's read stage, which keeps no file's lines; an article whose front
matter cannot be read is left out here (the build reports it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitegen.commands.new import BODY_PLACEHOLDER, PLACEHOLDER
from sitegen.errors import Diagnostic, error
from sitegen.read.articles import read_tags
from sitegen.read.frontmatter import split
from sitegen.util.yamltext import Field, decode


@dataclass(frozen=True)
class Source:
    """An article file's lines and front matter, to point at the line a problem is on."""

    path: str
    lines: tuple[str, ...]
    fields: dict[str, Field]
    body_line: int

    def line_of(self, link: str) -> int:
        """The first body line holding ``link`` as a whole (not ``/x/`` inside ``/portal/x/``),
        else holding it at all; the body's first line when none does."""
        whole = re.compile(rf"(?<![\w/.%-]){re.escape(link)}(?![\w/%#?-])")
        body = range(self.body_line, len(self.lines) + 1)
        for number in body:
            if whole.search(self.lines[number - 1]):
                return number
        return next((number for number in body if link in self.lines[number - 1]), self.body_line)

    def tags(self) -> tuple[str, ...]:
        """The tags as the read stage takes them."""
        item = self.fields.get("tags")
        return read_tags(item.value)[0] if item is not None else ()


def read_sources(site_dir: Path, paths: Iterable[str]) -> dict[str, Source]:
    """Every article that has readable front matter (the others are reported by the build)."""
    sources = {}
    for path in paths:
        text, _ = decode(path, (site_dir / path).read_bytes())
        if text is None:
            continue
        document, _ = split(path, text)
        if document is not None:
            sources[path] = Source(path, tuple(text.split("\n")), document.fields, document.body_line)
    return sources


def placeholders(source: Source) -> list[Diagnostic]:
    """What ``sitegen new`` left for the editor and the editor has not filled in yet."""
    problems = []
    for key, item in source.fields.items():
        values = item.value if isinstance(item.value, list) else [item.value]
        for value in values:
            if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
                problems.append(error(source.path, item.line, f"'{key}' is still a placeholder: '{value.strip()}'"))
    for number in range(source.body_line, len(source.lines) + 1):
        if BODY_PLACEHOLDER in source.lines[number - 1]:
            problems.append(error(source.path, number, f"the story is still the placeholder '{BODY_PLACEHOLDER}'"))
    return problems
