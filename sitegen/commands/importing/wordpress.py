"""Reading a WordPress export (WXR 1.0 to 1.2, WordPress 3.x to 6.x) into posts.

Two streamed passes over the file: the first collects what posts refer to by id (the
authors' display names, the attachments: featured images and galleries), the second reads
the posts. Attachments often come after the posts that show them, and holding only those
small records (never a body) keeps memory bounded whatever the number of posts.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from sitegen.commands.importing.html_tree import plain_text
from sitegen.commands.importing.model import DRAFT, PUBLISHED, Attachment, Post, Tally
from sitegen.commands.importing.wordpress_content import Content, expand
from sitegen.commands.importing.xmlstream import Record, StreamInfo, records

_WORDPRESS = re.compile(r"http://wordpress\.org/export/1\.\d+/(excerpt/)?$")

_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}

_STATUSES = {"publish": PUBLISHED, "future": PUBLISHED, "draft": DRAFT, "pending": DRAFT}

_ZERO_DATE = "0000-00-00 00:00:00"

# the default category, in English and in Indonesian WordPress
_UNCATEGORIZED = {"uncategorized", "tak-berkategori", "tidak-berkategori"}


def short(tag: str) -> str:
    """``{http://wordpress.org/export/1.1/}post_id`` → ``wp:post_id``, whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    match = _WORDPRESS.match(uri)
    if match:
        return f"{'excerpt' if match.group(1) else 'wp'}:{local}"
    return f"{_PREFIXES.get(uri, uri)}:{local}"


def _is_record(tag: str, depth: int) -> bool:
    return depth == 2 and (tag == "item" or short(tag) == "wp:author")


class _Item:
    """One ``<item>``'s children, by their short names (the first of each, and the lists)."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.values: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.categories: list[tuple[str, str, str]] = []  # (domain, nicename, name)
        self.comments = 0
        for child in record.element:
            name = short(child.tag)
            if name == "wp:postmeta":
                key = _text(child, "wp:meta_key")
                self.meta.setdefault(key, _text(child, "wp:meta_value"))
            elif name == "category":
                text = " ".join((child.text or "").split())
                self.categories.append((child.get("domain", ""), child.get("nicename", ""), text))
            elif name == "wp:comment":
                self.comments += 1
            else:
                self.values.setdefault(name, child.text or "")

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def line(self, name: str) -> int:
        for tag, line in self.record.lines.items():
            if short(tag) == name:
                return line
        return self.record.line


def _text(element: ET.Element, name: str) -> str:
    for child in element:
        if short(child.tag) == name:
            return (child.text or "").strip()
    return ""


class WordPressExport:
    def __init__(self, path: Path, tz: ZoneInfo) -> None:
        self.path = path
        self.tz = tz
        self.authors: dict[str, str] = {}
        self.attachments: dict[str, Attachment] = {}
        self.children: dict[str, list[Attachment]] = {}  # post id → attachments uploaded to it
        self.tally = Tally()
        self.info = StreamInfo()

    def scan(self) -> None:
        """The first pass: authors and attachments."""
        with open(self.path, "rb") as handle:
            for record in records(handle, _is_record, StreamInfo()):
                if short(record.element.tag) == "wp:author":
                    login = _text(record.element, "wp:author_login")
                    name = " ".join(_text(record.element, "wp:author_display_name").split())
                    self.authors[login] = name or login
                    continue
                item = _Item(record)
                if item.get("wp:post_type") == "attachment":
                    attachment = Attachment(
                        id=item.get("wp:post_id"),
                        url=item.get("wp:attachment_url") or item.get("guid"),
                        title=" ".join(item.get("title").split()),
                        alt=" ".join(item.meta.get("_wp_attachment_image_alt", "").split()),
                        caption=" ".join(item.get("excerpt:encoded").split()),
                        parent=item.get("wp:post_parent"),
                    )
                    self.attachments[attachment.id] = attachment
                    self.children.setdefault(attachment.parent, []).append(attachment)

    def posts(self) -> Iterator[Post]:
        """The second pass: every post, published or draft; the rest is counted in ``tally``."""
        with open(self.path, "rb") as handle:
            for record in records(handle, _is_record, self.info):
                if record.element.tag != "item":
                    continue
                item = _Item(record)
                self.tally.skip("comment", item.comments)
                kind = item.get("wp:post_type") or "post"
                status = item.get("wp:status")
                if kind != "post":
                    self.tally.skip(kind)
                elif status not in _STATUSES:
                    self.tally.skip(f"post ({status or 'no status'})")
                else:
                    yield self._post(item, _STATUSES[status])

    def _post(self, item: _Item, status: str) -> Post:
        problems: list[tuple[int, str]] = []
        date = self._date(item, "wp:post_date_gmt", "wp:post_date", problems)
        updated = self._date(item, "wp:post_modified_gmt", "wp:post_modified", [])
        post_id = item.get("wp:post_id")
        login = item.get("dc:creator")
        featured = self.attachments.get(item.meta.get("_thumbnail_id", "").strip())
        return Post(
            line=item.record.line,
            status=status,
            title=" ".join(item.get("title").split()),
            date=date,
            updated=updated if updated and date and updated > date else None,
            author=self.authors.get(login, login),
            slug=unquote(item.get("wp:post_name")),
            body_html=item.values.get("content:encoded", ""),
            body_line=item.line("content:encoded"),
            tags=_tags(item.categories),
            summary=plain_text(item.get("excerpt:encoded")),
            aliases=_aliases(item.get("link"), post_id),
            featured=featured,
            id=post_id,
            problems=tuple(problems),
        )

    def _date(self, item: _Item, gmt: str, local: str, problems: list[tuple[int, str]]) -> dt.datetime | None:
        """The moment from the GMT field, or from the local one (a draft's GMT date is zero)."""
        for name, zone in ((gmt, dt.UTC), (local, self.tz)):
            text = item.get(name)
            if not text or text == _ZERO_DATE:
                continue
            try:
                return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone).astimezone(self.tz)
            except ValueError:
                problems.append((item.line(name), f"<{name}> '{text}' is not a date (YYYY-MM-DD HH:MM:SS)"))
                return None
        if not problems:
            problems.append((item.record.line, f"the post has no date (<{gmt}> and <{local}> are empty or zero)"))
        return None

    def content(self, post: Post) -> Content:
        """The post's body as the HTML WordPress shows."""
        return expand(post.body_html, post.id, self.attachments, self.children.get(post.id, ()))


def _tags(categories: list[tuple[str, str, str]]) -> tuple[str, ...]:
    tags: list[str] = []
    for domain, nicename, name in categories:
        if domain not in ("category", "post_tag") or not name:
            continue
        if domain == "category" and (nicename.lower() in _UNCATEGORIZED or name.lower() == "uncategorized"):
            continue
        if name not in tags:
            tags.append(name)
    return tuple(tags)


def _aliases(link: str, post_id: str) -> tuple[str, ...]:
    """The paths the post was read at: its permalink's, and WordPress's ``/?p=ID``."""
    found: list[str] = []
    parts = urlsplit(link)
    if parts.path or parts.query:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if path != "/":
            found.append(path)
    if post_id.isdigit() and f"/?p={post_id}" not in found:
        found.append(f"/?p={post_id}")
    return tuple(found)
