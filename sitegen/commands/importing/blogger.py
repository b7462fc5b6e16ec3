"""Reading a Blogger export into posts: both of Blogger's formats.

- The old "Back up content" file: an Atom ``<feed>`` whose ``<entry>`` kinds are told by a
  ``<category scheme="http://schemas.google.com/g/2005#kind" term="…#post"/>`` (also
  ``#comment``, ``#page``, ``#settings``, ``#template``); a draft has
  ``<app:control><app:draft>yes</app:draft></app:control>``; labels are categories of the
  scheme ``http://www.blogger.com/atom/ns#``; the old address is the ``alternate`` link.
- Google Takeout's ``feed.atom``: each entry says ``<blogger:type>`` (``POST``, ``PAGE``,
  ``COMMENT``) and ``<blogger:status>`` (``LIVE``, ``DRAFT``, ``SCHEDULED``,
  ``SOFT_TRASHED`` …), the old path is ``<blogger:filename>`` (``/2019/05/berita-lama.html``),
  labels are plain categories. Its namespace is matched by name (any URI holding
  ``blogger``), as Google has not published a schema for it.

Both are read the same way: one streamed pass, entries one at a time.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from sitegen.commands.importing.html_tree import plain_text
from sitegen.commands.importing.model import DRAFT, PUBLISHED, Post, Tally
from sitegen.commands.importing.wordpress_content import Content
from sitegen.commands.importing.xmlstream import Record, StreamInfo, records

ATOM = "{http://www.w3.org/2005/Atom}"

KIND_SCHEME = "http://schemas.google.com/g/2005#kind"

_TAKEOUT_STATUSES = {"LIVE": PUBLISHED, "SCHEDULED": PUBLISHED, "DRAFT": DRAFT}


def _is_record(tag: str, depth: int) -> bool:
    return depth == 1 and tag == f"{ATOM}entry"


def _local(tag: str) -> tuple[str, str]:
    """``{uri}name`` → (a short name for the namespace, name)."""
    if not tag.startswith("{"):
        return "", tag
    uri, _, name = tag[1:].partition("}")
    if uri == ATOM[1:-1]:
        return "atom", name
    if "blogger" in uri:
        return "blogger", name
    if uri == "http://purl.org/atom/app#":
        return "app", name
    return uri, name


class _Entry:
    def __init__(self, record: Record) -> None:
        self.record = record
        self.values: dict[str, str] = {}
        self.categories: list[tuple[str, str]] = []  # (scheme, term)
        self.links: dict[str, str] = {}  # rel → href
        self.author = ""
        self.draft = False
        for child in record.element:
            space, name = _local(child.tag)
            if (space, name) == ("atom", "category"):
                self.categories.append((child.get("scheme", ""), child.get("term", "")))
            elif (space, name) == ("atom", "link"):
                self.links.setdefault(child.get("rel", "alternate"), child.get("href", ""))
            elif (space, name) == ("atom", "author"):
                found = child.find(f"{ATOM}name")
                self.author = " ".join((found.text or "").split()) if found is not None else ""
            elif (space, name) == ("app", "control"):
                self.draft = any(_local(c.tag)[1] == "draft" and (c.text or "").strip() == "yes" for c in child)
            else:
                self.values.setdefault(f"{space}:{name}", child.text or "")

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def line(self, name: str) -> int:
        for tag, line in self.record.lines.items():
            if ":".join(_local(tag)) == name:
                return line
        return self.record.line

    def kind(self) -> tuple[str, str]:
        """(what the entry is: post, page, comment …; its status: PUBLISHED, DRAFT or another word)."""
        takeout = self.get("blogger:type")
        if takeout:
            status = self.get("blogger:status").upper()
            return takeout.lower(), _TAKEOUT_STATUSES.get(status, status.lower() or "no status")
        for scheme, term in self.categories:
            if scheme == KIND_SCHEME:
                return term.rpartition("#")[2] or "unknown", DRAFT if self.draft else PUBLISHED
        return "unknown", PUBLISHED


class BloggerExport:
    def __init__(self, path: Path, tz: ZoneInfo) -> None:
        self.path = path
        self.tz = tz
        self.tally = Tally()
        self.info = StreamInfo()

    def posts(self) -> Iterator[Post]:
        with open(self.path, "rb") as handle:
            for record in records(handle, _is_record, self.info):
                entry = _Entry(record)
                kind, status = entry.kind()
                if kind != "post":
                    self.tally.skip(kind)
                elif status not in (PUBLISHED, DRAFT):
                    self.tally.skip(f"post ({status})")
                else:
                    yield self._post(entry, status)

    def _post(self, entry: _Entry, status: str) -> Post:
        problems: list[tuple[int, str]] = []
        date = self._date(entry, problems)
        updated = _parse(entry.get("atom:updated"))
        old_path = entry.get("blogger:filename") or _path(entry.links.get("alternate", ""))
        stem = posixpath.splitext(posixpath.basename(old_path))[0] if old_path else ""
        tags = tuple(dict.fromkeys(t for s, t in entry.categories if s != KIND_SCHEME and t.strip()))
        return Post(
            line=entry.record.line,
            status=status,
            title=" ".join(entry.get("atom:title").split()),
            date=date,
            updated=updated.astimezone(self.tz) if updated and date and updated > date else None,
            author=entry.author,
            slug=unquote(stem),
            body_html=entry.values.get("atom:content", ""),
            body_line=entry.line("atom:content"),
            tags=tuple(" ".join(t.split()) for t in tags),
            summary=plain_text(entry.get("blogger:metaDescription")),
            aliases=(old_path,) if old_path else (),
            id=entry.get("atom:id"),
            problems=tuple(problems),
        )

    def _date(self, entry: _Entry, problems: list[tuple[int, str]]) -> dt.datetime | None:
        for name in ("atom:published", "blogger:created", "atom:updated"):
            text = entry.get(name)
            if not text:
                continue
            moment = _parse(text)
            if moment is None:
                problems.append((entry.line(name), f"<{name.partition(':')[2]}> '{text}' is not a date"))
            return moment.astimezone(self.tz) if moment else None
        problems.append((entry.record.line, "the post has no date (no <published>)"))
        return None

    @staticmethod
    def content(post: Post) -> Content:
        """Blogger stores the HTML it shows: nothing to expand."""
        return Content(post.body_html)


def _parse(text: str) -> dt.datetime | None:
    """An Atom date (``2019-05-12T10:30:00.000+08:00``, ``…Z``), aware; None if unreadable."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _path(url: str) -> str:
    return urlsplit(url).path if url else ""
