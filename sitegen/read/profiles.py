"""Editors' profiles: one file per editor in ``editors/``, front matter and a short plain-text bio.

One file per editor (rather than one ``data/editors.yaml``): each editor edits only their own
file, through git or the CMS (one entry per editor), so two editors never meet in a merge
conflict, and every problem is reported at a line of the one file it is in.

A profile belongs to the editor whose name has the same slug as its ``name`` (the slug of the
editor's page, ``/editor/{slug}/``): ``Sefnat Besie`` and ``sefnat besie`` are one editor, as
the articles' ``editor:`` values are. The bio is plain text (paragraphs split by a blank
line), escaped where it is shown: no markup of a profile reaches a page. The photo goes
through the articles' image pipeline (sitegen.plan.photos); its alt text defaults to the
editor's name, which is what a portrait shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitegen.errors import Diagnostic, error, unknown_key, warning
from sitegen.i18n import Message, msg
from sitegen.read.blanks import without_blanks
from sitegen.read.files import find_files
from sitegen.read.frontmatter import describe, split
from sitegen.read.image_refs import PROFILE, ImageRef, resolve
from sitegen.read.sanitize import CONTROL_CHARS
from sitegen.util.slugs import slugify
from sitegen.util.yamltext import INVALID, Field, decode

EDITORS_DIR = "editors"

REQUIRED_KEYS = ("name",)
OPTIONAL_KEYS = ("jabatan", "satuan", "photo", "links")
KNOWN_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS

MAX_TEXT = 200  # a name, a rank or a unit: one line
MAX_BIO = 2_000  # a short bio: a few sentences
MAX_LINKS = 10
MAX_FILE_BYTES = 64 * 1024

_PHOTO_KEYS = ("src", "alt")
_LINK_KEYS = ("label", "url")

# the Indonesian (and other) names an editor may write for the keys: unknown_key suggests the key
_NAMES = {
    "nama": "name",
    "foto": "photo",
    "gambar": "photo",
    "image": "photo",
    "tautan": "links",
    "link": "links",
    "pangkat": "jabatan",
    "unit": "satuan",
    "kesatuan": "satuan",
}
_PHOTO_NAMES = {"file": "src", "berkas": "src", "foto": "src", "teks": "alt", "keterangan": "alt"}
_LINK_NAMES = {"nama": "label", "judul": "label", "teks": "label", "alamat": "url", "tautan": "url", "link": "url"}
_EMAIL = re.compile(r"[^@\s/?#]+@[^@\s/?#]+\.[^@\s/?#]+")


@dataclass(frozen=True)
class ProfileLink:
    label: str
    url: str  # http(s) with a host, or mailto: with an address

    @property
    def is_web(self) -> bool:
        return self.url.startswith(("http://", "https://"))


@dataclass(frozen=True)
class EditorProfile:
    """One editor's profile as read; nothing of it is HTML."""

    source: str  # editors/sefnat-besie.md
    name: str
    slug: str  # of the editor's page: slugify(name)
    jabatan: str
    satuan: str
    bio: tuple[str, ...]  # paragraphs of plain text
    links: tuple[ProfileLink, ...]
    photo: ImageRef | None
    line: int  # of 'name': where the profile is named in errors about it as a whole

    @property
    def images(self) -> tuple[ImageRef, ...]:
        """The photo, as images.plan takes an article's."""
        return (self.photo,) if self.photo is not None else ()


def read_profiles(site_dir: Path) -> tuple[tuple[EditorProfile, ...], list[Diagnostic]]:
    """Every profile of ``editors/`` (by source), and the problems of each file; two profiles
    of one editor are an error at both."""
    sources, problems = find_files(site_dir, EDITORS_DIR, suffix=".md")
    profiles: list[EditorProfile] = []
    for source in sources:
        data = (site_dir / source).read_bytes()
        profile, found = read_profile(source, data)
        problems.extend(found)
        if profile is not None:
            profiles.append(profile)
    by_slug: dict[str, list[EditorProfile]] = {}
    for profile in profiles:
        by_slug.setdefault(profile.slug, []).append(profile)
    for same in by_slug.values():
        for profile in same if len(same) > 1 else ():
            others = ", ".join(o.source for o in same if o is not profile)
            message = msg("'{name}' also has a profile in {others}", name=profile.name, others=others)
            problems.append(error(profile.source, profile.line, message))
    return tuple(p for p in profiles if len(by_slug[p.slug]) == 1), problems


def read_profile(source: str, data: bytes) -> tuple[EditorProfile | None, list[Diagnostic]]:
    """One file's profile, or None and what is wrong with it (every problem at once)."""
    if len(data) > MAX_FILE_BYTES:
        return None, [error(source, 1, msg("a profile is at most {size} KB", size=MAX_FILE_BYTES // 1024))]
    text, problem = decode(source, data)
    if text is None:
        return None, [problem] if problem else []
    document, problems = split(source, text)
    if document is None:
        return None, problems
    fields = {key: item for key, item in document.fields.items() if item.value is not INVALID}
    fields = without_blanks(fields, OPTIONAL_KEYS)
    for key, item in fields.items():
        if key not in KNOWN_KEYS:
            problems.append(warning(source, item.line, unknown_key(key, KNOWN_KEYS, _NAMES)))
    if "name" not in document.fields:
        message = msg("missing required key '{key}': the editor's name", key="name")
        problems.append(error(source, document.start_line, message))
    name = _text(source, fields, "name", problems)
    jabatan = _text(source, fields, "jabatan", problems)
    satuan = _text(source, fields, "satuan", problems)
    links = _links(source, fields.get("links"), problems)
    bio = _bio(source, document.body, document.body_line, problems)
    photo = _photo(source, fields.get("photo"), name, problems) if name else None
    if not name or any(p.severity == "error" for p in problems):
        return None, problems
    if not slugify(name):
        message = msg("'name': '{name}' has no letter or digit", name=name)
        return None, [*problems, error(source, fields["name"].line, message)]
    line = fields["name"].line
    return EditorProfile(source, name, slugify(name), jabatan, satuan, bio, links, photo, line), problems


def _clean(text: str) -> str:
    return " ".join(CONTROL_CHARS.sub("", text).split())


def _text(source: str, fields: dict[str, Field], key: str, problems: list[Diagnostic]) -> str:
    item = fields.get(key)
    if item is None:
        return ""
    if key == "name" and (item.value is None or (isinstance(item.value, str) and not _clean(item.value))):
        problems.append(error(source, item.line, msg("'{key}' is empty — {hint}", key=key, hint=_NAME_HINT)))
        return ""
    if not isinstance(item.value, str):
        problems.append(
            error(source, item.line, msg("'{key}' must be text, not {kind}", key=key, kind=describe(item.value)))
        )
        return ""
    text = _clean(item.value)
    if len(text) > MAX_TEXT:
        message = msg("'{key}' is longer than {size} characters", key=key, size=MAX_TEXT)
        problems.append(error(source, item.line, message))
    return text


_NAME_HINT = msg("write the editor's name as the articles' 'editor' has it")


def _bio(source: str, body: str, line: int, problems: list[Diagnostic]) -> tuple[str, ...]:
    paragraphs = tuple(text for part in re.split(r"\n[ \t]*\n", body) if (text := _clean(part)))
    if sum(len(p) for p in paragraphs) > MAX_BIO:
        message = msg("the bio is longer than {size} characters: keep it to a few sentences", size=MAX_BIO)
        problems.append(error(source, line, message))
    return paragraphs


def _photo(source: str, item: Field | None, name: str, problems: list[Diagnostic]) -> ImageRef | None:
    """``photo: file.jpg``, or a mapping ``{src, alt}``; alt defaults to the editor's name."""
    if item is None:
        return None
    value = {"src": item.value} if isinstance(item.value, str) else item.value
    if not isinstance(value, dict):
        message = msg(
            "'photo' must be a file name, or 'src' and 'alt' on indented lines, not {kind}", kind=describe(value)
        )
        problems.append(error(source, item.line, message))
        return None
    for key in value:
        if key not in _PHOTO_KEYS:
            message = msg("'photo': {problem}", problem=unknown_key(str(key), _PHOTO_KEYS, _PHOTO_NAMES))
            problems.append(error(source, item.line, message))
    src, alt = value.get("src"), value.get("alt", "")
    if not isinstance(src, str) or not _clean(src) or not isinstance(alt, str):
        problems.append(error(source, item.line, msg("'photo' needs 'src', the photo's file (and 'alt' as text)")))
        return None
    src = _clean(src)
    path, why = resolve(source, src, (f"{EDITORS_DIR}/", "assets/"))
    if path is None:
        why = why or msg("is a web address: put the photo in the site folder")
        problems.append(error(source, item.line, msg("'photo': '{src}' {why}", src=src, why=why)))
        return None
    return ImageRef(src, path, _clean(alt) or name, item.line, PROFILE)


def _links(source: str, item: Field | None, problems: list[Diagnostic]) -> tuple[ProfileLink, ...]:
    """``links:`` as a list of ``{label, url}`` (what the CMS writes) or a mapping label → URL."""
    if item is None:
        return ()
    value: Any = item.value
    if isinstance(value, dict):
        value = [{"label": label, "url": url} for label, url in value.items()]
    if not isinstance(value, list) or len(value) > MAX_LINKS:
        message = msg(
            "'links' must be a list of at most {count} links, each with 'label' and 'url', not {kind}",
            count=MAX_LINKS,
            kind=describe(value),
        )
        problems.append(error(source, item.line, message))
        return ()
    links = []
    for number, entry in enumerate(value, 1):
        link = _link(entry)
        if isinstance(link, Message):
            problems.append(error(source, item.line, msg("'links', link {number}: {why}", number=number, why=link)))
        else:
            links.append(link)
    return tuple(links)


def _link(entry: Any) -> ProfileLink | Message:
    """The link of ``entry``, or why it is none."""
    if not isinstance(entry, dict) or set(entry) - set(_LINK_KEYS):
        extra = sorted(str(k) for k in entry) if isinstance(entry, dict) else []
        unknown = next((k for k in extra if k not in _LINK_KEYS), "")
        if unknown:
            return msg("must have 'label' and 'url' ({problem})", problem=unknown_key(unknown, _LINK_KEYS, _LINK_NAMES))
        return msg("must have 'label' and 'url'")
    label, url = entry.get("label"), entry.get("url")
    if not isinstance(label, str) or not _clean(label) or len(_clean(label)) > MAX_TEXT:
        return msg("'label' must be a short text, like Instagram")
    if not isinstance(url, str):
        return msg("'url' must be text, not {kind}", kind=describe(url))
    why = url_problem(url.strip())
    if why is not None:
        return msg("'{url}' {why}", url=_clean(url), why=why)
    return ProfileLink(_clean(label), url.strip())


def url_problem(url: str) -> Message | None:
    """Why ``url`` cannot be a profile's link, or None: only ``http(s)://host/…`` and
    ``mailto:address`` are taken (never ``javascript:``, a relative path, spaces or controls)."""
    if not url or any(c.isspace() for c in url) or CONTROL_CHARS.search(url) or len(url) > 2_000:
        return msg("is not a web address (no spaces, at most {size} characters)", size=2_000)
    if url.lower().startswith("mailto:"):
        return None if _EMAIL.fullmatch(url[7:]) else msg("is not an e-mail address: write mailto:nama@contoh.id")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is no number)
    except ValueError:
        return msg("is not a valid web address")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return msg("must start with https:// (or http://, or mailto: for e-mail)")
    return None
