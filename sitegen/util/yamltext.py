"""Safe YAML mappings with their file's line numbers, held to limits a hostile document cannot
exceed (size, nodes, depth). Used for front matter and for ``site.yaml``.

YAML is read with the safe loader only (it is data, never code). PyYAML's marks are 0-based
and relative to the YAML block; every line reported here is the file's own 1-based line.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

import yaml

from sitegen.errors import Diagnostic, error

try:  # the C loader is much faster; the pure-Python one behaves the same
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

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
    # a list's items: the file line each begins on (a gallery's photo is reported at its own)
    item_lines: tuple[int, ...] = ()


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
        return None, error(path, None, f"not UTF-8 (byte {min(bad, nul) if nul >= 0 else bad})")
    if nul >= 0:
        return None, error(path, None, f"not UTF-8 (byte {nul})")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def parse_mapping(path: str, text: str, first_line: int) -> tuple[dict[str, Field] | None, list[Diagnostic]]:
    loader = _Loader(text)
    try:
        node, problem = _root(loader, path, first_line)
        if problem is not None:
            return None, [problem]
        if node is None:
            return {}, []
        return _fields(loader, node, path, first_line)
    finally:
        loader.dispose()


def _root(loader: yaml.SafeLoader, path: str, first_line: int) -> tuple[yaml.MappingNode | None, Diagnostic | None]:
    """The document's mapping, not yet constructed (None for an empty one), or why there is none."""
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # the context mark is where the broken construct began (an unclosed quote's
        # opening line), which is where an editor must look
        mark = exc.context_mark or exc.problem_mark
        line = first_line + mark.line if mark is not None else first_line
        return None, error(path, line, f"YAML syntax error: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        return None, error(path, first_line, f"YAML error: {exc}")
    if node is None:
        return None, None
    if not isinstance(node, yaml.MappingNode):
        line = first_line + node.start_mark.line
        return None, error(path, line, "front matter must be a mapping of 'key: value' lines")
    return node, _check_size(path, node, first_line)


def _fields(
    loader: yaml.SafeLoader, node: yaml.MappingNode, path: str, first_line: int
) -> tuple[dict[str, Field], list[Diagnostic]]:
    """Each key's value and line; a key whose value cannot be constructed is kept as INVALID."""
    fields: dict[str, Field] = {}
    problems: list[Diagnostic] = []
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(error(path, line, "front matter keys must be plain words"))
            continue
        key = str(key_node.value)
        if key in fields:
            problems.append(error(path, line, f"duplicate key '{key}' (first on line {fields[key].line})"))
            continue
        try:
            value = loader.construct_object(value_node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            problems.append(error(path, first_line + value_node.start_mark.line, _value_problem(key, value_node, exc)))
            # the key stays, marked: its problem is reported, and it is not "missing"
            value = INVALID
        fields[key] = Field(value, line, _item_lines(value_node, first_line))
    return fields, problems


def _item_lines(node: yaml.Node, first_line: int) -> tuple[int, ...]:
    if not isinstance(node, yaml.SequenceNode):
        return ()
    return tuple(first_line + item.start_mark.line for item in node.value)


def _value_problem(key: str, node: yaml.Node, exc: Exception) -> str:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return f"'{key}': '{node.value}' is an impossible date ({exc})"
    if node.tag == "tag:yaml.org,2002:int":
        return f"'{key}': the number is too large"
    if isinstance(exc, yaml.MarkedYAMLError):
        return f"'{key}': {exc.problem or exc.context}"  # one line, no YAML-relative marks
    return f"'{key}': invalid value: {exc}"


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
            return error(path, line, f"front matter has more than {MAX_NODES} values")
        if depth > MAX_DEPTH:
            return error(path, line, f"front matter is nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_VALUE_CHARS:
            return error(path, line, f"a value is longer than {MAX_VALUE_CHARS:,} characters")
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            continue
        stack.extend((child, depth + 1) for child in children)
    return None
