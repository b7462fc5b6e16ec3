"""Empty values of optional front matter keys, read as the keys being absent.

A form (the CMS, sitegen/render/cms.py) writes a field left blank as an empty value:
``updated: ''``, ``image: {}``, ``tags: []``, ``slug: ''``. Such a value means "not given",
never an error, so it is left out before the keys are checked.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sitegen.util.yamltext import Field


def is_blank(value: Any) -> bool:
    """An empty value, as a form writes for a field left blank: ``''``, ``[]``, ``{}``, null,
    or a mapping of nothing but those (``image: {src: '', alt: ''}``)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    if isinstance(value, dict):
        return all(is_blank(part) for part in value.values())
    return False


def without_blanks(fields: dict[str, Field], optional: Collection[str]) -> dict[str, Field]:
    """The front matter with each optional key whose value is blank left out (absent, as if
    never written), and the blank parts of ``image`` and of each ``gallery`` photo left out."""
    kept: dict[str, Field] = {}
    for key, item in fields.items():
        if key in optional and is_blank(item.value):
            continue
        if key == "image" and isinstance(item.value, dict):
            item = Field(_parts(item.value), item.line, item.inner)
        if key == "gallery" and isinstance(item.value, list):
            item = _gallery(item)
        kept[key] = item
    return kept


def _parts(value: dict[Any, Any]) -> dict[Any, Any]:
    return {name: part for name, part in value.items() if not is_blank(part)}


def _gallery(item: Field) -> Field:
    """A gallery without the photos left wholly blank (a form's empty row), the blank parts of
    the others left out; each photo keeps its line."""
    lines = item.item_lines if len(item.item_lines) == len(item.value) else (item.line,) * len(item.value)
    pairs = zip(item.value, lines, strict=True)
    photos = [(_parts(photo) if isinstance(photo, dict) else photo, line) for photo, line in pairs]
    kept = [(photo, line) for photo, line in photos if not is_blank(photo)]
    return Field([photo for photo, _ in kept], item.line, tuple((index, line) for index, (_, line) in enumerate(kept)))
