"""The photos an article names: its featured ``image`` and the ``<img>`` of its body.

A pure function of the article's own text, so they are cached with the article. No image
byte is read here; a changed photo must not hide behind an unchanged article.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

from sitegen.errors import Diagnostic, error, suggest, warning
from sitegen.read.frontmatter import describe
from sitegen.util.yamltext import Field

FEATURED = "featured"

BODY = "body"

_KEYS = ("src", "alt", "caption", "credit")


# -- references: the read stage ---------------------------------------------------------------


@dataclass(frozen=True)
class ImageRef:
    """An image an article refers to, as the editor wrote it."""

    src: str  # as written: foto.jpg, ../foto/a.jpg, /assets/peta.png
    path: str  # the file, from the site folder: content/2023/foto.jpg
    alt: str
    line: int  # where the editor wrote it: the 'image' key, or the Markdown line
    kind: str  # FEATURED or BODY
    caption: str = ""
    credit: str = ""

    def problem(self, source: str, message: str) -> Diagnostic:
        """An error at the reference, worded for where it was written."""
        where = "'image'" if self.kind == FEATURED else f"image '{self.src}'"
        return error(source, self.line, f"{where}: {message}")


def resolve(source: str, src: str) -> tuple[str | None, str | None]:
    """The file a local image reference means, from the site folder, or why it means none.

    ``foto.jpg`` is beside the article, ``/assets/x.png`` in the site's assets folder. A web
    address (``https://…``, ``//cdn…``) is not local: ``(None, None)``.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):
        return None, None
    path = unquote(parts.path)
    if not path.strip():
        return None, "has no file name"
    if "\\" in path or "\x00" in path:
        return None, "has a backslash: write folders with '/', like foto/kegiatan.jpg"
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
        if not resolved.startswith("assets/"):
            return None, "is neither beside the article (foto.jpg) nor in the assets folder (/assets/foto.jpg)"
        return resolved, None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if resolved == ".." or resolved.startswith("../") or resolved in (".", ""):
        return None, "points outside the site folder"
    return resolved, None


def featured_reference(source: str, item: Field | None) -> tuple[ImageRef | None, list[Diagnostic]]:
    """The front matter's ``image:``, a mapping ``{src, alt, caption?, credit?}``; its problems
    are reported at the key's line."""
    if item is None or item.value is None:
        return None, []
    value, line = item.value, item.line
    shape = "a mapping with 'src' and 'alt' (and 'caption', 'credit' if you like) on indented lines below it"
    if not isinstance(value, dict):
        return None, [error(source, line, f"'image' must be {shape}, not {describe(value)}")]
    texts, messages = _image_texts(value)
    if messages:
        return None, [error(source, line, message) for message in messages]
    src = texts["src"]
    path, why = resolve(source, src)
    if why is not None:
        return None, [error(source, line, f"'image': '{src}' {why}")]
    if path is None:
        return None, [error(source, line, f"'image': '{src}' is a web address: put the photo in the site folder")]
    return ImageRef(src, path, texts["alt"], line, FEATURED, texts.get("caption", ""), texts.get("credit", "")), []


def _image_texts(value: dict[Any, Any]) -> tuple[dict[str, str], list[str]]:
    """The texts of an ``image:`` mapping, spaces collapsed, and what is wrong with it."""
    problems = [f"'image': unknown key '{key}'{suggest(str(key), _KEYS)}" for key in value if key not in _KEYS]
    texts: dict[str, str] = {}
    for key in _KEYS:
        text = value.get(key)
        if text is None:
            continue
        if not isinstance(text, str):
            problems.append(f"'image': '{key}' must be text, not {describe(text)}")
            continue
        texts[key] = " ".join(text.split())
    if "src" not in value:
        problems.append("'image' needs 'src': the photo's file, like foto-kegiatan.jpg")
    elif "src" in texts and not texts["src"]:
        problems.append("'image': 'src' must not be empty")
    if "alt" not in value or ("alt" in texts and not texts["alt"]):
        problems.append("'image' needs 'alt': say what the photo shows, for readers who cannot see it")
    return texts, problems


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.setdefault(name, value or "")

    handle_startendtag = handle_starttag


# An <img> start tag of sanitized HTML; quoted attribute values may hold '>'. The sanitizer
# escapes '<' in text, so outside a tag no '<img' can appear.
_IMG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


def _attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def body_references(source: str, body_html: str, body: str, body_line: int) -> tuple[list[ImageRef], list[Diagnostic]]:
    """The local images of a sanitized body, each at the line of the Markdown that shows it."""
    refs: list[ImageRef] = []
    problems: list[Diagnostic] = []
    lines = body.split("\n")
    searched_from: dict[str, int] = {}  # the same photo twice: the second is on a later line
    for match in _IMG.finditer(body_html):
        attributes = _attributes(match.group(0))
        src = attributes.get("src", "").strip()
        if not src:
            continue
        path, why = resolve(source, src)
        if path is None and why is None:
            continue  # a web address stays as it is
        index = _find(lines, src, searched_from.get(src, 0))
        searched_from[src] = index + 1
        line = body_line + index
        if why is not None:
            problems.append(error(source, line, f"image '{src}' {why}"))
            continue
        assert path is not None
        alt = " ".join(attributes.get("alt", "").split())
        if not alt:
            hint = f"say what it shows in ![…]({src})"
            problems.append(warning(source, line, f"image '{src}' has no alt text: {hint}"))
        refs.append(ImageRef(src, path, alt, line, BODY))
    return refs, problems


def _find(lines: list[str], src: str, start: int) -> int:
    """The index of the first line from ``start`` that holds the reference (the first line at all
    when none does: the editor still learns the file)."""
    for needle in (src, html.escape(src), posixpath.basename(src)):
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index
    return min(start, max(len(lines) - 1, 0))
