"""The article files as editors wrote them: their lines, to point at the line a problem is on,
and what ``sitegen new`` left in them for the editor to fill in.

Read apart from the build's read stage, which keeps no file's lines; an article whose front
matter cannot be read is left out here (the build reports it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from sitegen.commands.new import BODY_PLACEHOLDER, PLACEHOLDER
from sitegen.errors import Diagnostic, error
from sitegen.i18n import msg
from sitegen.read.frontmatter import split
from sitegen.read.topics import read_tags
from sitegen.util.yamltext import Field, decode

# A link is found whole where it follows none of _BEFORE and precedes none of _AFTER.
_BEFORE = r"[\w/.%-]"
_AFTER = re.compile(r"[\w/%#?-]")
_STARTS = re.compile(rf"(?<!{_BEFORE})")
_FEW = 8  # links of one length searched for one by one; more are looked up in one pass


def _position(text: str, link: str, whole: bool) -> int:
    """Where ``link`` is first in ``text`` (as a whole, or at all), or -1."""
    if not whole:
        return text.find(link)
    match = re.search(rf"(?<!{_BEFORE}){re.escape(link)}(?!{_AFTER.pattern})", text)
    return match.start() if match else -1


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
        return self.lines_of([link])[link]

    def lines_of(self, links: Iterable[str]) -> dict[str, int]:
        """:meth:`line_of` each link. A page may hold thousands: links of one length are looked
        up together, in one pass over the lines, instead of one pass per link."""
        wanted = set(links)
        found: dict[str, int] = {}
        body = self.lines[self.body_line - 1 :]
        text = "\n".join(body)  # a link has no line break (no line could hold it), so no match spans two lines
        starts = list(accumulate((len(line) + 1 for line in body), initial=0))
        for whole in (True, False):
            by_length: dict[int, set[str]] = defaultdict(set)
            for link in wanted - found.keys():
                if "\n" not in link:
                    by_length[len(link)].add(link)
            for length, same in by_length.items():
                if length and len(same) > _FEW:
                    found.update(self._pass(same, length, whole))
                    continue
                for link in same:
                    if (at := _position(text, link, whole)) >= 0:
                        found[link] = self.body_line + bisect_right(starts, at) - 1
        return {link: found.get(link, self.body_line) for link in wanted}

    def _pass(self, links: set[str], length: int, whole: bool) -> dict[str, int]:
        """The first line holding each of ``links``, all ``length`` long, in one pass."""
        found: dict[str, int] = {}
        for number in range(self.body_line, len(self.lines) + 1):
            line = self.lines[number - 1]
            for at in [m.start() for m in _STARTS.finditer(line)] if whole else range(len(line) - length + 1):
                piece = line[at : at + length]
                if piece in links and piece not in found and not (whole and _AFTER.match(line, at + length)):
                    found[piece] = number
            if len(found) == len(links):
                break
        return found

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
                problems.append(
                    error(
                        source.path,
                        item.line,
                        msg("'{key}' is still a placeholder: '{value}'", key=key, value=value.strip()),
                    )
                )
    for number in range(source.body_line, len(source.lines) + 1):
        if BODY_PLACEHOLDER in source.lines[number - 1]:
            problems.append(
                error(source.path, number, msg("the story is still the placeholder '{text}'", text=BODY_PLACEHOLDER))
            )
    return problems
