"""The real start tags of HTML, found by an HTML tokenizer, and where they are.

Text that merely looks like a tag (``<img`` inside an attribute, escaped in code, in a comment,
inside an iframe's raw text) is not a tag: anything that edits HTML after it is sanitized
edits only what this finds, at the offsets it gives, and leaves every other byte alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

# Elements whose content an HTML5 parser reads as raw text, up to the first '</name' followed
# by a space, '/' or '>' (html.parser knows only script and style, and ends them differently).
RAW_TEXT = ("script", "style", "iframe", "xmp", "noembed", "noframes")


@dataclass(frozen=True)
class Tag:
    """A start tag: its name, attributes (the first of each name, character references
    decoded) and where it is in the HTML: ``html[start:end]`` is the tag as written."""

    name: str
    attributes: dict[str, str]
    start: int
    end: int


class _Tokenizer(HTMLParser):
    def __init__(self, fragment: str, names: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.names = names
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", fragment)]
        self.tags: list[Tag] = []
        self.raw: list[tuple[str, int, int]] = []  # the raw text of elements: name, from, to
        self.raw_from: tuple[str, int] | None = None

    def set_cdata_mode(self, elem: str, **options: Any) -> None:
        super().set_cdata_mode(elem, **options)
        self.interesting = re.compile(rf"</{re.escape(elem)}[\t\n\f\r />]", re.IGNORECASE)

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        end = start + len(self.get_starttag_text() or "")
        if tag in RAW_TEXT:
            self.raw_from = (tag, end)
            self.set_cdata_mode(tag)  # html.parser sets it again for script and style
        if tag in self.names:
            attributes: dict[str, str] = {}
            for name, value in attrs:
                attributes.setdefault(name, value or "")
            self.tags.append(Tag(tag, attributes, start, end))

    handle_startendtag = handle_starttag  # HTML5 ignores the slash of <iframe/>: raw text follows

    def handle_endtag(self, tag: str) -> None:
        if self.raw_from is not None and tag == self.raw_from[0]:
            self.raw.append((*self.raw_from, self._here()))
            self.raw_from = None


def _tokenize(fragment: str, names: frozenset[str]) -> _Tokenizer:
    tokenizer = _Tokenizer(fragment, names)
    tokenizer.feed(fragment)
    tokenizer.close()
    if tokenizer.raw_from is not None:  # raw text to the end
        tokenizer.raw.append((*tokenizer.raw_from, len(fragment)))
    return tokenizer


def start_tags(fragment: str, *names: str) -> list[Tag]:
    """The start tags named ``names`` (lower case), in the order of the HTML."""
    return _tokenize(fragment, frozenset(names)).tags


def without_raw_text(fragment: str, *names: str) -> str:
    """``fragment`` with the raw text of its ``names`` elements taken out (their tags stay)."""
    spans = [(start, end) for name, start, end in _tokenize(fragment, frozenset()).raw if name in names and start < end]
    kept, at = [], 0
    for start, end in spans:
        kept.append(fragment[at:start])
        at = end
    kept.append(fragment[at:])
    return "".join(kept)


def splice(fragment: str, replacements: list[tuple[Tag, str]]) -> str:
    """``fragment`` with each tag replaced by its markup (tags in the order of the HTML)."""
    out, at = [], 0
    for tag, markup in replacements:
        out += [fragment[at : tag.start], markup]
        at = tag.end
    out.append(fragment[at:])
    return "".join(out)
