"""Posts → article files under content/, each read back the way a build reads it.

One post that cannot be imported (no title, no date, a slug taken by an earlier post, no
place) is reported at its line in the export and nothing is written for it; the others are
imported. An article file that exists is left alone unless ``force``: running the import
again is safe.

Two posts with one slug in one year would be one file (``content/{year}/{slug}.md``) and
one URL: the second is an error, not renamed with a suffix. The slug is the story's address,
which the old site's links and search engines know; a silently changed one would break them
for the second story without anyone deciding it. The message names both posts so an editor
can choose.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitegen.commands.importing.html_to_markdown import to_markdown
from sitegen.commands.importing.model import DRAFT, Attachment, Post, Tally
from sitegen.commands.importing.photos import ArticlePhotos, PhotoIndex
from sitegen.commands.importing.places import Places
from sitegen.commands.importing.wordpress_content import Content
from sitegen.config import SiteConfig
from sitegen.errors import Report, error, warning
from sitegen.i18n import verbatim
from sitegen.read.articles import read_article
from sitegen.util.slugs import check_slug, slugify


@dataclass(frozen=True)
class Options:
    site_dir: Path
    export: str  # the export's name in messages
    location: str | None = None  # the place of a story whose words name none
    drafts: bool = False
    force: bool = False


@dataclass
class Summary:
    imported: int = 0
    drafts: int = 0  # imported as drafts
    already_there: int = 0
    failed: int = 0
    default_location: int = 0
    photos: int = 0  # copied
    missing_photos: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)


# text YAML reads back as the same text when written bare: no indicator first, no ': ' or ' #',
# nothing a flow list would split, no number, date or yes/no word (checked by the tests)
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+~=<]([^:#\[\]{},?\n]*[^\s:#\[\]{},?])?")

_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def yaml_value(value: str | list[str]) -> str:
    """A value as YAML writes it on one line, quoted only where YAML needs quotes."""
    if isinstance(value, list):
        if all(_PLAIN.fullmatch(item) and item.lower() not in _YAML_WORDS for item in value):
            return "[" + ", ".join(value) + "]"
    elif _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 30)
    return text.rstrip("\n").removesuffix("\n...")


def _date(moment: dt.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="seconds")


class Importer:
    def __init__(self, config: SiteConfig, options: Options, places: Places, photos: PhotoIndex) -> None:
        self.config = config
        self.options = options
        self.places = places
        self.photos = photos
        self.summary = Summary()
        # article path → (line, title) of the post that took it: never the post, whose body
        # would keep every imported story in memory
        self.seen: dict[str, tuple[int, str]] = {}

    # The importer's messages are for whoever moves the old site over (a developer, once), and
    # stay in English: shown as they are, not looked up in the catalogue.
    def error(self, line: int | None, message: str) -> None:
        self.summary.report.add(error(self.options.export, line, verbatim(message)))

    def warning(self, line: int | None, message: str) -> None:
        self.summary.report.add(warning(self.options.export, line, verbatim(message)))

    def add(self, post: Post, content: Callable[[Post], Content], tally: Tally) -> None:
        """Import one post (``content`` gives its body as HTML)."""
        if post.status == DRAFT and not self.options.drafts:
            tally.drafts_left_out += 1
            return
        relative = self._target(post)
        if relative is None:
            self.summary.failed += 1
            return
        target = self.options.site_dir / relative
        if target.exists() and not self.options.force:
            self.summary.already_there += 1
            return
        text, photos = self._article(post, content, relative)
        if text is None:
            self.summary.failed += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        photos.write(target.parent)
        data = text.encode("utf-8")
        target.write_bytes(data)
        self.summary.imported += 1
        self.summary.drafts += post.status == DRAFT
        self.summary.photos += len(photos.copies)
        self.summary.missing_photos.extend(photos.missing)
        self._read_back(relative, data)

    def _target(self, post: Post) -> str | None:
        """The article's path below the site folder, or None after reporting why there is none."""
        for line, message in post.problems:
            self.error(line, f"{message}: nothing written for this post")
        if not post.title:
            self.error(post.line, "the post has no title: nothing written for it")
        if post.problems or not post.title or post.date is None:
            return None
        slug = unicodedata.normalize("NFC", post.slug or slugify(post.title))
        why = check_slug(slug)
        if why:
            self.error(post.line, f"the slug '{slug}' {why}: nothing written for this post")
            return None
        relative = f"content/{post.date.year:04d}/{slug}.md"
        first = self.seen.get(relative)
        if first is not None:
            self.error(
                post.line,
                f"the slug '{slug}' of '{post.title}' is taken in {post.date.year} by '{first[1]}' "
                f"(line {first[0]}): nothing written for this post; give one of them another slug",
            )
            return None
        self.seen[relative] = (post.line, post.title)
        return relative

    def _article(
        self, post: Post, content: Callable[[Post], Content], relative: str
    ) -> tuple[str | None, ArticlePhotos]:
        slug = relative.rsplit("/", 1)[1].removesuffix(".md")
        photos = ArticlePhotos(self.photos, slug)
        html = content(post)
        for line, message in html.warnings:
            self.warning(post.body_line + line - 1, message)
        body = to_markdown(html.html, photos.hook)
        for _line, message in body.warnings:
            self.warning(post.line, message)
        location = self._location(post, body.first_paragraph)
        if not post.author:
            self.error(post.line, "the post has no author: nothing written for it")
        if location is None or not post.author:
            return None, photos
        image = self._featured(post.featured, photos, post.title)
        return _front_matter(post, slug, location, image) + body.markdown, photos

    def _location(self, post: Post, first_paragraph: str) -> str | None:
        found = self.places.find(first_paragraph)
        if found.location is not None:
            return found.location
        for name, places in found.ambiguous:
            self.warning(post.line, f"'{name}' could be {' or '.join(places)}: not taken as the place")
        if self.options.location:
            self.summary.default_location += 1
            return self.options.location
        self.error(
            post.line,
            "no known place in the dateline or first paragraph: give the place with --location "
            "(nothing written for this post)",
        )
        return None

    def _featured(self, attachment: Attachment | None, photos: ArticlePhotos, title: str) -> dict[str, str]:
        if attachment is None:
            return {}
        src, _ = photos.local(attachment.url)
        if src is None:
            if attachment.url not in photos.missing:
                photos.missing.append(attachment.url)
            return {}
        image = {"src": src, "alt": attachment.alt or attachment.title or title}
        if attachment.caption:
            image["caption"] = attachment.caption
        return image

    def _read_back(self, relative: str, data: bytes) -> None:
        result = read_article(relative, data, self.config)
        self.summary.report.extend(result.diagnostics)


def _front_matter(post: Post, slug: str, location: str, image: dict[str, str]) -> str:
    assert post.date is not None
    lines = [
        "---",
        f"title: {yaml_value(post.title)}",
        f"date: {_date(post.date)}",
        f"editor: {yaml_value(post.author)}",
        f"location: {yaml_value(location)}",
    ]
    tags = [t for t in post.tags if slugify(t) and not check_slug(slugify(t))]
    if tags:
        lines.append(f"tags: {yaml_value(tags)}")
    if post.summary:
        lines.append(f"summary: {yaml_value(post.summary)}")
    lines.append(f"slug: {yaml_value(slug)}")
    if post.updated:
        lines.append(f"updated: {_date(post.updated)}")
    if post.status == DRAFT:
        lines.append("draft: true")
    if image:
        lines.append("image:")
        lines.extend(f"  {key}: {yaml_value(value)}" for key, value in image.items())
    if post.aliases:
        lines.append(f"aliases: {yaml_value(list(post.aliases))}")
    lines.append("---")
    return "\n".join(lines) + "\n"
