"""Safe YAML mappings with their file's line numbers, held to limits a hostile document cannot
exceed (size, nodes, depth). Used for front matter and for ``site.yaml``.

YAML is read with the safe loader only (it is data, never code). PyYAML's marks are 0-based
and relative to the YAML block; every line reported here is the file's own 1-based line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from sitegen.errors import Diagnostic, error, warning
from sitegen.i18n import Message, msg
from sitegen.util.dates import impossible
from sitegen.util.yamladvice import advice, cut_by_comment, starts_special

try:  # the C loader is much faster; the pure-Python one behaves the same
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

# the line breaks of YAML 1.1, as PyYAML reads them (text reaches it with CR and CRLF made LF)
_YAML_LINES = re.compile("[\n\x85\u2028\u2029]")

MAX_NODES = 2_000

MAX_DEPTH = 20

MAX_VALUE_CHARS = 10_000  # one text or number; a summary is a few hundred


class _Invalid:
    """The value of a key whose problem was already reported."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID: Any = _Invalid()


@dataclass(frozen=True)
class Field:
    """One top-level front matter key: its value and the file line it stands on."""

    value: Any
    line: int
    # for a list, the line of each item; for a mapping, (key, line) of each key: where a
    # problem inside the value is reported
    inner: tuple[tuple[Any, int], ...] = ()

    def line_of(self, part: Any) -> int:
        """The line of a list's item (by index) or a mapping's key, else the key's own line."""
        return next((line for key, line in self.inner if key == part), self.line)

    @property
    def item_lines(self) -> tuple[int, ...]:
        """A list's items: the file line each begins on (a gallery's photo is reported at its own)."""
        return tuple(line for key, line in self.inner if isinstance(key, int))


def decode(path: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text with or without BOM; CRLF and lone CR read as LF.

    A NUL byte is valid UTF-8 but never in a text file: it is UTF-16 (which an editor on
    Windows may save) or binary data, and reported like any byte that is not UTF-8.
    Offsets count from 0 at the file's first byte, BOM included.
    """
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    nul = data.find(b"\0", start)
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = start + exc.start
        return None, error(path, None, _not_utf8(min(bad, nul) if nul >= 0 else bad))
    if nul >= 0:
        return None, error(path, None, _not_utf8(nul))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def _line(lines: list[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def _not_utf8(byte: int) -> Message:
    return msg("not UTF-8 text (byte {byte}): save the file as UTF-8", byte=byte)


def parse_mapping(path: str, text: str, first_line: int) -> tuple[dict[str, Field] | None, list[Diagnostic]]:
    loader = _Loader(text)
    try:
        lines = _YAML_LINES.split(text)  # as PyYAML counts them: its marks index this list
        node, problem = _root(loader, path, first_line, lines)
        if problem is not None:
            return None, [problem]
        if node is None:
            return {}, []
        return _fields(loader, node, path, first_line, lines)
    finally:
        loader.dispose()


def _root(
    loader: yaml.SafeLoader, path: str, first_line: int, lines: list[str]
) -> tuple[yaml.MappingNode | None, Diagnostic | None]:
    """The document's mapping, not yet constructed (None for an empty one), or why there is none:
    advice on the line to change (an unclosed quote's opening line), never PyYAML's words."""
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, message = advice(exc, lines)
        return None, error(path, first_line + line, message)
    except yaml.YAMLError:
        return None, error(path, first_line, msg("the lines of 'key: value' cannot be read"))
    if node is None:
        return None, None
    if not isinstance(node, yaml.MappingNode):
        line = first_line + node.start_mark.line
        return None, error(path, line, msg("front matter must be a mapping of 'key: value' lines"))
    return node, _check_size(path, node, first_line)


def _fields(
    loader: yaml.SafeLoader, node: yaml.MappingNode, path: str, first_line: int, lines: list[str]
) -> tuple[dict[str, Field], list[Diagnostic]]:
    """Each key's value and line; a key whose value cannot be constructed is kept as INVALID."""
    fields: dict[str, Field] = {}
    problems: list[Diagnostic] = []
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(error(path, line, msg("front matter keys must be plain words")))
            continue
        key = str(key_node.value)
        if key in fields:
            first = fields[key].line
            problems.append(
                error(
                    path, line, msg("'{key}' is written twice (first on line {first}): keep one", key=key, first=first)
                )
            )
            continue
        cut = cut_by_comment(key, _line(lines, key_node.start_mark.line), value_node)
        if cut is not None:
            problems.append(warning(path, line, cut))
        try:
            value = loader.construct_object(value_node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            value_line = _line(lines, value_node.start_mark.line)
            problems.append(
                error(path, first_line + value_node.start_mark.line, _value_problem(key, value_node, value_line, exc))
            )
            # the key stays, marked: its problem is reported, and it is not "missing"
            value = INVALID
        fields[key] = Field(value, line, _inner_lines(value_node, first_line))
    return fields, problems


def _inner_lines(node: yaml.Node, first_line: int) -> tuple[tuple[Any, int], ...]:
    if isinstance(node, yaml.SequenceNode):
        return tuple((index, first_line + item.start_mark.line) for index, item in enumerate(node.value))
    if isinstance(node, yaml.MappingNode):
        return tuple((str(key.value), first_line + key.start_mark.line) for key, _ in node.value)
    return ()


def _value_problem(key: str, node: yaml.Node, line: str, exc: Exception) -> Message:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return msg("'{key}': '{value}' is an impossible date ({why})", key=key, value=node.value, why=impossible(exc))
    if node.tag == "tag:yaml.org,2002:int":
        return msg("'{key}': the number is too large", key=key)
    written = line.split(":", 1)[1].strip() if ":" in line else ""
    if written[:1] == "!":  # an unknown tag: '!penting Warga …'
        return starts_special(key, written)
    return msg("'{key}': the value cannot be read: put it in quotes", key=key)


def _check_size(path: str, root: yaml.Node, first_line: int) -> Diagnostic | None:
    """Reject alias bombs and deep nesting before anything is constructed.

    An alias makes the same node appear again, so counting every appearance catches a
    "billion laughs" document, and the count bounds the walk even for a cyclic one.
    """
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        line = first_line + node.start_mark.line
        if count > MAX_NODES:
            return error(path, line, msg("front matter has more than {count} values", count=MAX_NODES))
        if depth > MAX_DEPTH:
            return error(path, line, msg("front matter is nested deeper than {count} levels", count=MAX_DEPTH))
        if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_VALUE_CHARS:
            longest = format(MAX_VALUE_CHARS, ",")
            return error(path, line, msg("a value is longer than {count} characters", count=longest))
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            continue
        stack.extend((child, depth + 1) for child in children)
    return None


def describe(value: Any) -> Message:
    """A front matter value that has the wrong type, as an editor would name it (never in
    Python's words: None, str, dict …)."""
    if value is None:
        return msg("empty")
    if isinstance(value, str):
        return msg("'{value}'", value=value)
    if isinstance(value, bool):
        return msg("{value} (a yes/no value: put the text in quotes)", value=str(value).lower())
    if isinstance(value, int | float):
        return msg("a number ({value})", value=str(value))
    if isinstance(value, dt.date):
        return msg("a date ({value})", value=value.isoformat())
    if isinstance(value, list):
        return msg("a list (a value in [ ] is a list: put text in quotes)")
    if isinstance(value, dict):
        return msg("a group of 'key: value' lines")
    return msg("a value of another kind")
