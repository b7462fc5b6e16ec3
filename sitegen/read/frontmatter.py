"""Splitting an article into YAML front matter and Markdown body, with file line numbers.

YAML is read with the safe loader only (front matter is data, never code). PyYAML's marks
are 0-based and relative to the YAML block; every line reported here is the file's own
1-based line.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.errors import Diagnostic, error
from sitegen.i18n import msg
from sitegen.util.yamltext import Field, describe, parse_mapping

__all__ = ["Document", "describe", "split"]

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
        return None, [error(path, 1, msg("missing front matter: the file must start with a '---' line"))]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None, [error(path, 1, msg("front matter is not closed: add a '---' line after it"))]
    yaml_text = "\n".join(lines[1:end])
    if len(yaml_text.encode()) > MAX_FRONT_MATTER_BYTES:
        return None, [error(path, 2, msg("front matter is larger than {size} KB", size=MAX_FRONT_MATTER_BYTES // 1024))]
    fields, problems = parse_mapping(path, yaml_text, first_line=2)
    if fields is None:
        return None, problems
    body = "\n".join(lines[end + 1 :])
    return Document(fields=fields, body=body, body_line=end + 2, start_line=1), problems
