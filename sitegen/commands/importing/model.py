"""What the importers read from an export, in one shape for every format.

A reader (``wordpress``, ``blogger``) turns each record of its export into a :class:`Post`
or counts it as skipped; the writer turns posts into articles. Lines are the export's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PUBLISHED = "published"

DRAFT = "draft"


@dataclass(frozen=True)
class Attachment:
    """An uploaded file a post can show (a WordPress attachment)."""

    id: str
    url: str
    title: str = ""
    alt: str = ""
    caption: str = ""
    parent: str = ""  # the post it was uploaded to


@dataclass(frozen=True)
class Post:
    line: int  # where the record starts in the export
    status: str  # PUBLISHED or DRAFT
    title: str
    date: dt.datetime | None  # aware; None when the export gives none that can be read
    author: str
    slug: str  # as the old site had it ("" when it had none)
    body_html: str
    body_line: int  # the export's line the body's first line is on
    updated: dt.datetime | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    aliases: tuple[str, ...] = ()  # old paths: /2019/05/berita-lama/, /?p=12
    featured: Attachment | None = None
    id: str = ""  # the old site's id of the post
    problems: tuple[tuple[int, str], ...] = ()  # (line, message): errors found while reading


@dataclass
class Tally:
    """The counts a reader keeps while reading: what it skipped, and why."""

    skipped: dict[str, int] = field(default_factory=dict)  # kind → count: page, attachment, comment …
    drafts_left_out: int = 0

    def skip(self, kind: str, count: int = 1) -> None:
        if count:
            self.skipped[kind] = self.skipped.get(kind, 0) + count
