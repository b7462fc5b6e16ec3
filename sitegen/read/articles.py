"""The read stage: one source file in, one immutable :class:`Article` (or diagnostics) out.

``read_article`` is a pure function of the file's path, its bytes and the configuration,
so it can run in worker processes and its result can be cached by the bytes' hash.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error, unknown_key, warning
from sitegen.i18n import Message, msg
from sitegen.read import aliases, markup
from sitegen.read.blanks import without_blanks
from sitegen.read.corrections import Correction, read_corrections
from sitegen.read.frontmatter import Document, describe, split
from sitegen.read.image_refs import ImageRef, body_references, featured_reference, gallery_references
from sitegen.read.keys import article_key
from sitegen.read.names import KEY_NAMES, empty
from sitegen.read.topics import name_problem, read_tags
from sitegen.util.dates import DateError, parse_date
from sitegen.util.pattern import PathPattern
from sitegen.util.slugs import check_slug, slugify
from sitegen.util.yamltext import INVALID, Field, decode

REQUIRED_KEYS = ("title", "date", "editor", "location")

# C0 and C1 controls (but tab and newline), DEL and the characters XML forbids: pasted from
# e-mail and WhatsApp, invisible, and they break strict HTML parsers and XML
_CONTROL = markup.CONTROL_CHARS

OPTIONAL_KEYS = (
    "tags",
    "dateline",
    "summary",
    "slug",
    "updated",
    "draft",
    "image",
    "gallery",
    "aliases",
    "corrections",
)
KNOWN_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS

MAX_PLACES = 6  # dusun, desa, kecamatan, kabupaten, provinsi and one to spare


# No slots: frozen dataclasses with slots unpickle field by field, which is slower,
# and every warm build unpickles every article from the cache.
@dataclass(frozen=True)
class Article:
    source: str  # path from the site folder, with '/' separators: content/2023/falas.md
    title: str
    date: dt.datetime  # aware
    updated: dt.datetime | None
    editor: str
    location: str
    places: tuple[str, ...]  # most specific first: (desa, kecamatan, kabupaten)
    tags: tuple[str, ...]
    dateline: str
    summary: str
    slug: str
    draft: bool
    body_html: str  # sanitized; the dateline is added where the body is shown (body_with_dateline)
    path: str  # the page's path below the site root: /2023/12/slug/
    digest: str  # a hash of everything the article was made from (its file and the settings)
    # the photos it refers to (featured first, the gallery's last), as written: their bytes are read after reading
    images: tuple[ImageRef, ...] = ()
    aliases: tuple[str, ...] = ()  # old paths that redirect to the page (read.aliases)
    corrections: tuple[Correction, ...] = ()  # oldest first (read.corrections)

    @property
    def output_file(self) -> str:
        return output_file(self.path)

    def body_with_dateline(self, site_title: str) -> str:
        """The body as Indonesian news shows it: ``SOE, <site> –`` opens the first paragraph."""
        if not self.dateline:
            return self.body_html
        return markup.with_dateline(self.body_html, self.dateline, site_title)


def output_file(path: str) -> str:
    """The file a page's path is written to: ``/2023/12/x/`` → ``2023/12/x/index.html``."""
    relative = path.lstrip("/")
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


@dataclass(frozen=True)
class ReadResult:
    source: str
    article: Article | None
    diagnostics: tuple[Diagnostic, ...]
    # the lines of the keys, for later checks that span articles (duplicate URLs, tags)
    lines: tuple[tuple[str, int], ...] = ()
    markdown_key: str = ""  # the build cache's key of the rendered body


class _Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Diagnostic] = []

    def error(self, line: int | None, message: Message) -> None:
        self.items.append(error(self.source, line, message))

    def warning(self, line: int | None, message: Message) -> None:
        self.items.append(warning(self.source, line, message))

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def result(self) -> ReadResult:
        """No article: what was found wrong."""
        return ReadResult(self.source, None, tuple(self.items))


class _Meta(NamedTuple):
    """The front matter's values, checked; None where a value is missing or wrong."""

    title: str | None
    editor: str | None
    location: str | None
    dateline: str | None
    summary: str | None
    tags: tuple[str, ...]
    date: dt.datetime | None
    updated: dt.datetime | None
    draft: bool
    slug: str | None
    featured: ImageRef | None
    gallery: tuple[ImageRef, ...]
    aliases: tuple[str, ...]
    corrections: tuple[Correction, ...]


def read_article(
    source: str,
    data: bytes,
    config: SiteConfig,
    render_markdown: Callable[[str], str] = markup.render,
) -> ReadResult:
    """One file's article, or what is wrong with it: the front matter is checked as a whole (every
    problem is reported at once), then the body is rendered and its photos found; each step runs
    only when the ones before it found no error."""
    problems = _Problems(source)
    document = _document(source, data, problems)
    if document is None:
        return problems.result()
    # a blank optional value (a form's field left empty: updated: '') is the key absent
    fields = without_blanks(_fields(document, problems), OPTIONAL_KEYS)
    meta = _meta(source, fields, config, problems)
    body = _CONTROL.sub("", document.body)
    if len(body.encode()) > markup.MAX_BODY_BYTES:
        problems.error(
            document.body_line, msg("the body is larger than {size} MB", size=markup.MAX_BODY_BYTES // 2**20)
        )
    if problems.failed:
        return problems.result()
    body_html = _render(body, document.body_line, config, render_markdown, problems)
    if body_html is None:
        return problems.result()
    body_images, image_problems = body_references(source, body_html, body, document.body_line)
    problems.items.extend(image_problems)
    if problems.failed:
        return problems.result()
    article = _article(source, data, config, meta, body_html, tuple(body_images))
    lines = tuple(sorted((key, item.line) for key, item in fields.items()))
    return ReadResult(source, article, tuple(problems.items), lines)


def _document(source: str, data: bytes, problems: _Problems) -> Document | None:
    """The file's front matter and body, or None (and why) when it has none to read."""
    text, problem = decode(source, data)
    if text is None:
        if problem:
            problems.items.append(problem)
        return None
    document, found = split(source, text)
    problems.items.extend(found)
    return document


def _fields(document: Document, problems: _Problems) -> dict[str, Field]:
    """The keys to check, after reporting the unknown and the missing ones."""
    # keys whose values could not even be read were reported by split(): leave them out
    # of the checks, which would otherwise report them again
    fields = {key: item for key, item in document.fields.items() if item.value is not INVALID}
    for key, item in fields.items():
        if key not in KNOWN_KEYS:
            problems.warning(item.line, unknown_key(key, KNOWN_KEYS, KEY_NAMES))
    for key in REQUIRED_KEYS:
        if key not in document.fields:
            problems.error(document.start_line, msg("missing required key '{key}'", key=key))
    return fields


def _meta(source: str, fields: dict[str, Field], config: SiteConfig, problems: _Problems) -> _Meta:
    title = _text(fields, "title", problems)
    editor = _text(fields, "editor", problems)
    location = _text(fields, "location", problems)
    _check_names(fields, editor, location, problems)
    dateline = _text(fields, "dateline", problems, required=False)
    summary = _text(fields, "summary", problems, required=False)
    tags = _tags(fields.get("tags"), problems)
    date = _date(fields.get("date"), "date", config, problems)
    updated = _date(fields.get("updated"), "updated", config, problems)
    if date and updated and updated < date:
        problems.warning(fields["updated"].line, msg("'updated' is earlier than 'date'"))
    draft = _draft(fields.get("draft"), problems)
    slug = _slug(source, fields.get("slug"), problems)
    featured, image_problems = featured_reference(source, fields.get("image"))
    problems.items.extend(image_problems)
    gallery, gallery_problems = gallery_references(source, fields.get("gallery"))
    problems.items.extend(gallery_problems)
    old_paths = aliases.read_aliases(source, fields.get("aliases"), problems.items)
    corrections = read_corrections(source, fields.get("corrections"), config.tz, date, problems.items)
    return _Meta(
        title,
        editor,
        location,
        dateline,
        summary,
        tags,
        date,
        updated,
        draft,
        slug,
        featured,
        gallery,
        old_paths,
        corrections,
    )


def _check_names(fields: dict[str, Field], editor: str | None, location: str | None, problems: _Problems) -> None:
    """The editor and each place name a page of their own: /editor/<slug>/, /lokasi/…/<slug>/."""
    if editor is not None and (why := name_problem(editor)):
        problems.error(fields["editor"].line, msg("'editor' {why}", why=why))
    places = [place.strip() for place in (location or "").split(",") if place.strip()]
    if len(places) > MAX_PLACES:  # each is a level of the chain, with a page listing its chain: a cubic cost
        many = msg(
            "'location' has {count} places; at most {most} (desa, kecamatan, kabupaten, provinsi …) are allowed",
            count=format(len(places), ","),
            most=MAX_PLACES,
        )
        problems.error(fields["location"].line, many)
    for place in places if len(places) <= MAX_PLACES else ():  # one error says enough
        if why := name_problem(place):
            problems.error(fields["location"].line, msg("place '{place}' {why}", place=place, why=why))


def _draft(item: Field | None, problems: _Problems) -> bool:
    if item is None:
        return False
    if isinstance(item.value, bool):
        return item.value
    problems.error(item.line, msg("'draft' must be true or false, not {kind}", kind=describe(item.value)))
    return False


def _render(
    body: str, body_line: int, config: SiteConfig, render_markdown: Callable[[str], str], problems: _Problems
) -> str | None:
    """The body as sanitized HTML (a plain string: it is pickled into the cache), or None."""
    try:
        # trusted HTML skips the caller's renderer: its cache holds sanitized bodies only
        rendered = markup.render(body, trusted=True) if config.trust_html else render_markdown(body)
        removed = () if config.trust_html else markup.removed_from(rendered, body)
    except RecursionError:
        problems.error(body_line, msg("the Markdown is nested too deeply to render"))
        return None
    except TimeoutError:
        slow = msg("the Markdown takes longer than {seconds} s to render", seconds=format(markup.TIME_LIMIT, "g"))
        problems.error(body_line, slow)
        return None
    for line, message in markup.removal_warnings(body, removed):
        problems.warning(None if line is None else body_line + line - 1, message)
    return str(rendered)


def _article(
    source: str, data: bytes, config: SiteConfig, meta: _Meta, body_html: str, body_images: tuple[ImageRef, ...]
) -> Article:
    """The article of a file with no error: every required value is there."""
    title, editor, location, date, slug = meta.title, meta.editor, meta.location, meta.date, meta.slug
    assert title is not None and editor is not None and location is not None and date is not None and slug
    return Article(
        source=source,
        title=title,
        date=date,
        updated=meta.updated,
        editor=editor,
        location=location,
        places=tuple(part.strip() for part in location.split(",") if part.strip()),
        tags=meta.tags,
        dateline=meta.dateline or "",
        summary=meta.summary or markup.summarize(body_html, config.summary_length),
        slug=slug,
        draft=meta.draft,
        body_html=body_html,
        path=permalink(config, date, slug),
        digest=article_key(source, data, config),
        images=((meta.featured,) if meta.featured else ()) + body_images + meta.gallery,
        aliases=meta.aliases,
        corrections=meta.corrections,
    )


def permalink(config: SiteConfig, date: dt.datetime, slug: str) -> str:
    return PathPattern(config.permalink).format(date.astimezone(config.tz), slug)


def _text(fields: dict[str, Field], key: str, problems: _Problems, required: bool = True) -> str | None:
    item = fields.get(key)
    if item is None:
        return None
    if not isinstance(item.value, str):
        if item.value is None and not required:
            return None
        if item.value is None:
            problems.error(item.line, empty(key))
        else:
            problems.error(item.line, msg("'{key}' must be text, not {kind}", key=key, kind=describe(item.value)))
        return None
    value = " ".join(_CONTROL.sub("", item.value).split())
    if not value and required:
        problems.error(item.line, empty(key))
        return None
    return value


def _tags(item: Field | None, problems: _Problems) -> tuple[str, ...]:
    if item is None:
        return ()
    tags, messages = read_tags(item.value)
    for message in messages:
        problems.error(item.line, message)
    return tags


def _date(item: Field | None, key: str, config: SiteConfig, problems: _Problems) -> dt.datetime | None:
    if item is None:
        return None
    if item.value is None or (isinstance(item.value, str) and not item.value.strip()):
        problems.error(item.line, empty(key))
        return None
    try:
        value = parse_date(item.value, config.tz)
        value.astimezone(dt.UTC), value.astimezone(config.tz)  # year 1 or 9999 may not survive either
        return value
    except DateError as exc:
        problems.error(item.line, msg("'{key}': {why}", key=key, why=exc.message))
    except (ValueError, OverflowError):
        problems.error(
            item.line, msg("'{key}': '{value}' is too far in the past or the future", key=key, value=str(item.value))
        )
    return None


def _slug(source: str, item: Field | None, problems: _Problems) -> str | None:
    if item is None:
        slug = slugify(PurePosixPath(source).stem)
        why = check_slug(slug)
        if why:
            problems.error(1, msg("the file name gives no usable URL slug ({why}): add a 'slug:' key", why=why))
            return None
        return slug
    if not isinstance(item.value, str):
        problems.error(item.line, msg("'slug' must be text, not {kind}", kind=describe(item.value)))
        return None
    # one spelling of "é" (macOS writes it decomposed): two slugs that look alike are one URL
    slug = unicodedata.normalize("NFC", item.value)
    why = check_slug(slug)
    if why:
        problems.error(item.line, msg("'slug' {why}", why=why))
        return None
    return slug
