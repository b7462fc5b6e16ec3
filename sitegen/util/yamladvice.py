"""What to do about a YAML line that cannot be read, in an editor's words, never PyYAML's.

PyYAML says "mapping values are not allowed in this context" of ``title: Polisi: Warga
Diminta Waspada``; an editor is told that the title holds ': ' and is shown the line as it
must be written: ``title: "Polisi: Warga Diminta Waspada"``. Each advice is for the line the
mistake is on (0-based here, of the YAML block; the caller adds the block's first line).
"""

from __future__ import annotations

import re

import yaml

from sitegen.i18n import Message, msg

# a top-level line: its key, then its value as written
_KEY_LINE = re.compile(r"^(?P<key>[^\s#:][^:]*?):(?:[ \t]+(?P<value>.*))?$")

MAX_SHOWN = 300  # characters of a value repeated in the advice; a title is far shorter

# the first characters that make YAML read a value as something other than text
_SPECIAL = "[]{}@`*&|>!%"


def quoted(key: str, value: str) -> str:
    """The line as it must be written: ``title: "Polisi: Warga"`` (single quotes when the value
    holds a double quote and no single one); a value too long to repeat is left out."""
    if len(value) > MAX_SHOWN:
        return f'`{key}: "…"`'
    if '"' in value and "'" not in value:
        return f"`{key}: '{value}'`"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'`{key}: "{escaped}"`'


def advice(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, Message]:
    """The line (0-based) and the advice for a YAML block that cannot be read."""
    problem = exc.problem or ""
    context = exc.context or ""
    at = exc.problem_mark.line if exc.problem_mark is not None else 0
    start = exc.context_mark.line if exc.context_mark is not None else at
    if "depth" in problem:
        return at, msg("this value holds lists or groups nested too deeply to read: put text in quotes")
    if "quoted scalar" in context:
        return start, msg("a quote opened on this line is never closed: end the value with the same quote mark")
    if "tab" in problem or _char_at(exc.problem_mark, lines) == "\t":
        return at, msg("a tab is used here: YAML lines are indented with spaces only")
    if "mapping values are not allowed" in problem:
        return at, _colon(_line(lines, at))
    if "simple key" in context:
        return start, msg(
            "this line is not a 'key: value' line: start it with a key and ':', or join it to the line above"
        )
    return _special(at, start, lines)


def _special(at: int, start: int, lines: list[str]) -> tuple[int, Message]:
    """A value starting with a character YAML reads on its own, text after a closing quote,
    or anything else (a line to look at, and the usual cause)."""
    for number in dict.fromkeys((at, start)):
        match = _KEY_LINE.match(_line(lines, number))
        value = (match.group("value") or "").strip() if match else ""
        if match and value[:1] in ('"', "'"):
            key = match.group("key").strip()
            return number, msg(
                "'{key}' has text after its closing quote: put the whole value in one pair of quotes: {fixed}",
                key=key,
                fixed=quoted(key, value.replace(value[0], "")),
            )
        if match and value[:1] in ("[", "{") and ("]" if value[0] == "[" else "}") not in value:
            closing = "]" if value[0] == "[" else "}"
            return number, msg(
                "'{key}': the '{opening}' is never closed: end the list with '{closing}', or put a text in quotes",
                key=match.group("key").strip(),
                opening=value[0],
                closing=closing,
            )
        if match and value[:1] and value[0] in _SPECIAL:
            return number, starts_special(match.group("key").strip(), value)
    return at, msg(
        "this line cannot be read: write it as 'key: value', and put a value holding ': ', ' #' or quotes in quotes"
    )


def starts_special(key: str, value: str) -> Message:
    return msg(
        "'{key}' starts with '{char}', which has a meaning of its own in YAML: put the whole value in quotes: {fixed}",
        key=key,
        char=value[0],
        fixed=quoted(key, value),
    )


def _colon(line: str) -> Message:
    if line[:1].isspace():
        return msg("this line is indented: start it at the beginning of the line, as the other keys")
    match = _KEY_LINE.match(line)
    if match is None or not match.group("value"):
        return msg("this line has a ': ' that YAML cannot read: put the value in quotes")
    key, value = match.group("key").strip(), match.group("value").strip()
    fixed = quoted(key, value)
    if key == "title":
        return msg("the title contains ': ' — put the whole title in quotes: {fixed}", fixed=fixed)
    return msg("'{key}' contains ': ' — put the whole value in quotes: {fixed}", key=key, fixed=fixed)


def cut_by_comment(key: str, line: str, node: yaml.Node) -> Message | None:
    """A one-line text value that YAML cut at ' #' (the rest read as a comment), or that a
    ``&label`` started: what the editor wrote was not all taken."""
    if not isinstance(node, yaml.ScalarNode) or node.style or node.tag != "tag:yaml.org,2002:str":
        return None
    if node.start_mark.line != node.end_mark.line:
        return None
    rest = line[node.end_mark.column :].strip()
    match = _KEY_LINE.match(line)
    written = (match.group("value") or "").strip() if match else ""
    if rest.startswith("#") and node.value:
        return msg(
            "'{key}': the text from ' #' on is dropped (YAML reads it as a note): "
            "put the whole value in quotes: {fixed}",
            key=key,
            fixed=quoted(key, f"{node.value} {rest}"),
        )
    if written[:1] in ("&", "!"):
        return starts_special(key, written)
    return None


def _line(lines: list[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def _char_at(mark: yaml.Mark | None, lines: list[str]) -> str:
    if mark is None:
        return ""
    line = _line(lines, mark.line)
    return line[mark.column] if 0 <= mark.column < len(line) else ""
