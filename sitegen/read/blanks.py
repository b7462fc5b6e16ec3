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
    never written), and the blank parts of ``image`` left out of it."""
    kept: dict[str, Field] = {}
    for key, item in fields.items():
        if key in optional and is_blank(item.value):
            continue
        if key == "image" and isinstance(item.value, dict):
            parts = {name: part for name, part in item.value.items() if not is_blank(part)}
            item = Field(parts, item.line, item.inner)
        kept[key] = item
    return kept
