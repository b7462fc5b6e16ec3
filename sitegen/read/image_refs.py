"""The photos an article names: its featured ``image`` and the ``<img>`` of its body.

A pure function of the article's own text, so they are cached with the article. No image
byte is read here; a changed photo must not hide behind an unchanged article.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from itertools import chain
from typing import Any
from urllib.parse import unquote, urlsplit

from sitegen.errors import Diagnostic, error, unknown_key, warning
from sitegen.i18n import Message, msg
from sitegen.read.frontmatter import describe
from sitegen.read.sanitize import CONTROL_CHARS
from sitegen.read.tags import start_tags
from sitegen.util.yamltext import Field

FEATURED = "featured"

BODY = "body"

PROFILE = "profile"  # an editor's photo (sitegen.read.profiles)

# where an article's photos may be: beside it in content/, or in the site's assets/
PHOTO_FOLDERS = ("content/", "assets/")

GALLERY = "gallery"

MAX_GALLERY = 50  # photos in one gallery: a page of thumbnails, not an archive

_KEYS = ("src", "alt", "caption", "credit")
# the image's keys as an editor may name them
_NAMES = {"file": "src", "berkas": "src", "foto": "src", "keterangan": "caption", "teks": "alt", "sumber": "credit"}


# -- references: the read stage ---------------------------------------------------------------


@dataclass(frozen=True)
class ImageRef:
    """An image an article refers to, as the editor wrote it."""

    src: str  # as written: foto.jpg, ../foto/a.jpg, /assets/peta.png
    path: str  # the file, from the site folder: content/2023/foto.jpg
    alt: str
    line: int  # where the editor wrote it: the 'image' key, or the Markdown line
    kind: str  # FEATURED, BODY or GALLERY
    caption: str = ""
    credit: str = ""

    def problem(self, source: str, message: Message) -> Diagnostic:
        """An error at the reference, worded for where it was written."""
        if self.kind == FEATURED:
            return error(source, self.line, msg("'image': {problem}", problem=message))
        if self.kind == GALLERY:
            return error(source, self.line, msg("'gallery' photo '{src}': {problem}", src=self.src, problem=message))
        if self.kind == PROFILE:
            return error(source, self.line, msg("'photo': {problem}", problem=message))
        return error(source, self.line, msg("image '{src}': {problem}", src=self.src, problem=message))


def no_alt(src: str) -> Message:
    return msg("image '{src}' has no alt text: say what it shows in ![…]({src})", src=src)


def resolve(source: str, src: str, folders: tuple[str, ...] = PHOTO_FOLDERS) -> tuple[str | None, Message | None]:
    """The file a local image reference means, from the site folder, or why it means none.

    ``foto.jpg`` is beside the article, ``/assets/x.png`` in the site's assets folder. A web
    address (``https://…``, ``//cdn…``) is not local: ``(None, None)``. ``folders``: where a
    photo may be (an editor's profile: editors/ instead of content/).
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):
        return None, None
    path = unquote(parts.path)
    if not path.strip():
        return None, msg("has no file name")
    if "\\" in path or "\x00" in path:
        return None, msg("has a backslash: write folders with '/', like foto/kegiatan.jpg")
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
        if not resolved.startswith("assets/"):
            if folders[0] == "editors/":
                return None, msg("is neither beside the profile (foto.jpg) nor in the assets folder (/assets/foto.jpg)")
            return None, msg("is neither beside the article (foto.jpg) nor in the assets folder (/assets/foto.jpg)")
        return _published(resolved, folders)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if resolved == ".." or resolved.startswith("../") or resolved in (".", ""):
        return None, msg("points outside the site folder")
    return _published(resolved, folders)


def _published(resolved: str, folders: tuple[str, ...]) -> tuple[str | None, Message | None]:
    """``resolved`` when a photo there may be published: never a hidden file or one in a hidden
    folder (the build cache holds held articles' variants under names anyone can compute), and
    only from ``folders`` (content/ or assets/ for an article)."""
    if any(part.startswith(".") for part in resolved.split("/")):
        return None, msg("is a hidden file or in a hidden folder: it is never published")
    if not resolved.startswith(folders):
        if folders[0] == "editors/":
            return None, msg("is neither in editors/ nor in assets/: put the photo beside the profile")
        return None, msg("is neither in content/ nor in assets/: put the photo beside the article")
    return resolved, None


def featured_reference(source: str, item: Field | None) -> tuple[ImageRef | None, list[Diagnostic]]:
    """The front matter's ``image:``, a mapping ``{src, alt, caption?, credit?}``; its problems
    are reported at the key's line."""
    if item is None or item.value is None:
        return None, []
    return _photo(source, item.value, item.line, FEATURED, msg("'image'"))


def gallery_references(source: str, item: Field | None) -> tuple[tuple[ImageRef, ...], list[Diagnostic]]:
    """The front matter's ``gallery:``, a list of mappings shaped like ``image:``; each photo's
    problems are reported at its own line, every photo's in one run."""
    if item is None or item.value is None:
        return (), []
    value = item.value
    if not isinstance(value, list):
        shape = msg(
            "'gallery' must be a list of photos, each a '- src: …' line with 'alt' (and 'caption', 'credit') "
            "below it, not {kind}",
            kind=describe(value),
        )
        return (), [error(source, item.line, shape)]
    if len(value) > MAX_GALLERY:
        many = msg(
            "'gallery' has {count} photos; at most {most} are allowed", count=format(len(value), ","), most=MAX_GALLERY
        )
        return (), [error(source, item.line, many)]
    lines = item.item_lines if len(item.item_lines) == len(value) else (item.line,) * len(value)
    refs: list[ImageRef] = []
    problems: list[Diagnostic] = []
    for number, (photo, line) in enumerate(zip(value, lines, strict=True), start=1):
        ref, found = _photo(source, photo, line, GALLERY, msg("'gallery' photo {number}", number=number))
        problems.extend(found)
        if ref is not None:
            refs.append(ref)
    return tuple(refs), problems


def _photo(source: str, value: Any, line: int, kind: str, where: Message) -> tuple[ImageRef | None, list[Diagnostic]]:
    """One photo of the front matter, a mapping ``{src, alt, caption?, credit?}``, or its problems
    at ``line`` (``where`` names it in them)."""
    if not isinstance(value, dict):
        shape = msg(
            "{where} must be 'src' and 'alt' lines (and 'caption', 'credit' if you like) indented below it, not {kind}",
            where=where,
            kind=describe(value),
        )
        return None, [error(source, line, shape)]
    texts, messages = _image_texts(value, where)
    if messages:
        return None, [error(source, line, message) for message in messages]
    src = texts["src"]
    path, why = resolve(source, src)
    if why is not None:
        return None, [error(source, line, msg("{where}: '{src}' {why}", where=where, src=src, why=why))]
    if path is None:
        web = msg("{where}: '{src}' is a web address: put the photo in the site folder", where=where, src=src)
        return None, [error(source, line, web)]
    return ImageRef(src, path, texts["alt"], line, kind, texts.get("caption", ""), texts.get("credit", "")), []


def _image_texts(value: dict[Any, Any], where: Message) -> tuple[dict[str, str], list[Message]]:
    """The texts of a photo's mapping, spaces collapsed, and what is wrong with it."""
    problems = [
        msg("{where}: {problem}", where=where, problem=unknown_key(str(key), _KEYS, _NAMES))
        for key in value
        if key not in _KEYS
    ]
    texts: dict[str, str] = {}
    for key in _KEYS:
        text = value.get(key)
        if text is None:
            continue
        if not isinstance(text, str):
            problems.append(msg("{where}: '{key}' must be text, not {kind}", where=where, key=key, kind=describe(text)))
            continue
        texts[key] = " ".join(CONTROL_CHARS.sub("", text).split())
    if "src" not in value:
        problems.append(msg("{where} needs 'src': the photo's file, like foto-kegiatan.jpg", where=where))
    elif "src" in texts and not texts["src"]:
        problems.append(msg("{where}: 'src' is empty — write the photo's file, like foto-kegiatan.jpg", where=where))
    if "alt" not in value or ("alt" in texts and not texts["alt"]):
        problems.append(
            msg("{where} needs 'alt': say what the photo shows, for readers who cannot see it", where=where)
        )
    return texts, problems


def body_references(source: str, body_html: str, body: str, body_line: int) -> tuple[list[ImageRef], list[Diagnostic]]:
    """The local images of a sanitized body (its real ``<img>`` tags, as an HTML tokenizer finds
    them), each at the line of the Markdown that shows it."""
    refs: list[ImageRef] = []
    problems: list[Diagnostic] = []
    if "<img" not in body_html.lower():  # no tag could be an img: spare the tokenizer
        return refs, problems
    lines = _Lines(body.split("\n"))
    for tag in start_tags(body_html, "img"):
        src = tag.attributes.get("src", "").strip()
        if not src:
            continue
        path, why = resolve(source, src)
        if path is None and why is None:
            continue  # a web address stays as it is
        line = body_line + lines.find(src)
        if why is not None:
            problems.append(error(source, line, msg("image '{src}' {why}", src=src, why=why)))
            continue
        assert path is not None
        alt = " ".join(CONTROL_CHARS.sub("", tag.attributes.get("alt", "")).split())
        if not alt:
            problems.append(warning(source, line, no_alt(src)))
        refs.append(ImageRef(src, path, alt, line, BODY))
    return refs, problems


class _Lines:
    """Finds the Markdown line of each image, in the order of the HTML.

    Images mostly come in the order of their lines, so each search starts at the line of the
    one before and wraps around: the lines are read about once in all. A photo seen again is
    looked for after its last line. The lines read are counted: past a few readings of the
    whole body (a body made to defeat the order) an image gets the nearest line still known.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cursor = 0  # the line of the image before
        self.searched_from: dict[str, int] = {}  # the same photo twice: the second is on a later line
        self.budget = 4 * len(lines) + 1_000

    def find(self, src: str) -> int:
        """The index of the line that shows ``src`` (the first line at all when none does:
        the editor still learns the file)."""
        start = self.searched_from.get(src, 0)
        index = self._search(src, max(start, self.cursor), start)
        if index is None:
            index = min(start, max(len(self.lines) - 1, 0))
        else:
            self.cursor = index
        self.searched_from[src] = index + 1
        return index

    def _search(self, src: str, begin: int, start: int) -> int | None:
        for needle in (src, html.escape(src), posixpath.basename(src)):
            for index in chain(range(begin, len(self.lines)), range(start, min(begin, len(self.lines)))):
                if self.budget <= 0:
                    return None
                self.budget -= 1
                if needle in self.lines[index]:
                    return index
        return None
