"""Splitting an article into YAML front matter and Markdown body, with file line numbers.

YAML is read with the safe loader only (front matter is data, never code). PyYAML's marks
are 0-based and relative to the YAML block; every line reported here is the file's own
1-based line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitegen.errors import Diagnostic, error
from sitegen.util.yamltext import Field, parse_mapping

# Limits that keep a hostile document from exhausting memory or time.
MAX_FRONT_MATTER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Document:
    fields: dict[str, Field]
    body: str
    body_line: int  # the file line the body starts on
    start_line: int  # the line of the opening ``---``


def split(path: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, [error(path, 1, "missing front matter: the file must start with a '---' line")]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None, [error(path, 1, "front matter is not closed: add a '---' line after it")]
    yaml_text = "\n".join(lines[1:end])
    if len(yaml_text.encode()) > MAX_FRONT_MATTER_BYTES:
        return None, [error(path, 2, f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB")]
    fields, problems = parse_mapping(path, yaml_text, first_line=2)
    if fields is None:
        return None, problems
    body = "\n".join(lines[end + 1 :])
    return Document(fields=fields, body=body, body_line=end + 2, start_line=1), problems


def describe(value: Any) -> str:
    """A front matter value that has the wrong type, as an editor would name it."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put the text in quotes)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)
