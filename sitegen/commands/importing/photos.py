"""Photos of an imported post: found in a local copy of the old site's uploads, never fetched.

Layout: an article ``content/2019/berita-lama.md`` gets its photos in the folder beside it
named like it, ``content/2019/berita-lama/``, and refers to them as ``berita-lama/foto.jpg``
(sitegen resolves a photo's path from the article's own folder). One folder per article keeps
its photos together (moving or deleting a story is one step) and keeps two stories' photos
apart: WordPress reuses file names across months (``2019/05/IMG_1234.jpg`` and
``2019/06/IMG_1234.jpg``), which one shared folder would mix up.

A WordPress body usually shows a resized copy (``foto-300x200.jpg``); when the uploads hold
the original (``foto.jpg``), the original is taken, since sitegen makes its own sizes from the
largest photo. A photo not in the uploads keeps its old address and is reported.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitegen.commands.importing.model import Attachment

UPLOADS = "/wp-content/uploads/"

_SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


def upload_path(url: str) -> str | None:
    """``https://old.id/wp-content/uploads/2019/05/a.jpg`` → ``2019/05/a.jpg``, else None."""
    path = unquote(urlsplit(url.strip()).path)
    if UPLOADS not in path:
        return None
    relative = posixpath.normpath(path.split(UPLOADS, 1)[1])
    return None if relative.startswith("..") or relative in (".", "") else relative


class PhotoIndex:
    """The uploads folder and the export's attachments, shared by every article."""

    def __init__(self, uploads: Path | None, attachments: Mapping[str, Attachment]) -> None:
        self.uploads = uploads
        self.by_path: dict[str, Attachment] = {}
        for attachment in attachments.values():
            relative = upload_path(attachment.url)
            if relative is not None:
                self.by_path.setdefault(relative, attachment)

    def attachment(self, relative: str) -> Attachment | None:
        return self.by_path.get(relative) or self.by_path.get(_SIZED.sub("", relative))

    def file(self, relative: str) -> Path | None:
        if self.uploads is None:
            return None
        for candidate in dict.fromkeys((_SIZED.sub("", relative), relative)):
            path = self.uploads / candidate
            if path.is_file():
                return path
        return None


@dataclass
class ArticlePhotos:
    """The photos one article shows: where each comes from, under which name it is written."""

    index: PhotoIndex
    folder: str  # the folder's name beside the article: its slug
    copies: dict[str, Path] = field(default_factory=dict)  # name in the folder → the upload
    missing: list[str] = field(default_factory=list)  # addresses kept because no file was found

    def local(self, url: str) -> tuple[str | None, Attachment | None]:
        """The path to write for the photo at ``url`` (None: keep the address) and its attachment."""
        relative = upload_path(url)
        if relative is None:
            return None, None
        attachment = self.index.attachment(relative)
        source = self.index.file(relative)
        if source is None:
            if url not in self.missing:
                self.missing.append(url)
            return None, attachment
        for name, path in self.copies.items():
            if path == source:
                return f"{self.folder}/{name}", attachment
        name = _free_name(source.name, self.copies)
        self.copies[name] = source
        return f"{self.folder}/{name}", attachment

    def hook(self, src: str, alt: str) -> tuple[str, str]:
        """For the Markdown conversion: the photo's new address and its alt text."""
        written, attachment = self.local(src)
        if not alt and attachment is not None:
            alt = attachment.alt or attachment.title
        return written or src, " ".join(alt.split())

    def write(self, article_dir: Path) -> None:
        if not self.copies:
            return
        target = article_dir / self.folder
        target.mkdir(parents=True, exist_ok=True)
        for name, source in self.copies.items():
            (target / name).write_bytes(source.read_bytes())


def _free_name(name: str, taken: Mapping[str, Path]) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{suffix}"
    return candidate
