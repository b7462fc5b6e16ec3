"""A WordPress post's content → plain HTML, before the conversion to Markdown.

WordPress stores what the editor typed, not what it shows: Gutenberg's block markers
(``<!-- wp:paragraph -->``), shortcodes (``[caption]``, ``[gallery]``, ``[embed]``) and, in the
classic editor, paragraphs as blank-line separated text that WordPress's ``wpautop`` wraps in
``<p>`` when it shows the post. This module does what WordPress does when it shows a post, for
the shortcodes it ships; a shortcode of a plugin is left as text and named in a warning, for
an editor to replace by hand (its meaning is the plugin's).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitegen.commands.importing.model import Attachment
from sitegen.commands.importing.youtube import embed_html, youtube_id

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)


_CAPTION_IMAGE = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", re.S | re.I)

# the shortcodes WordPress ships that a news post uses, in one pattern: every position found
# is one in the content as stored, so a warning's line is the export's
_KNOWN = re.compile(
    r"\[(?:wp_)?caption\b(?P<caption>[^\]]*)\](?P<captioned>.*?)\[/(?:wp_)?caption\]"
    r"|\[gallery\b(?P<gallery>[^\]]*)\]"
    r"|\[embed\b[^\]]*\](?P<embed>.*?)\[/embed\]",
    re.S | re.I,
)

_KNOWN_NAMES = {"caption", "wp_caption", "gallery", "embed"}

_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)

_SHORTCODE = re.compile(r"\[([a-z][a-z0-9_-]*)(?=[\s\]/])([^\]\[]*)\]")

_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")

# wpautop leaves a chunk alone when it opens with one of these
_BLOCK_START = re.compile(
    r"<(?:p|div|ul|ol|li|h[1-6]|table|blockquote|figure|pre|iframe|hr|dl|section|address|form|"
    r"style|script|object|video|audio)\b",
    re.I,
)

# never split into paragraphs: a blank line inside these belongs to them
_PROTECTED = re.compile(r"<(pre|table|script|style)\b.*?</\1>", re.S | re.I)


@dataclass
class Content:
    """The HTML of a post, and what could not be carried over (line within the content)."""

    html: str
    warnings: list[tuple[int, str]] = field(default_factory=list)


def shortcode_attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTRIBUTE.finditer(text)}


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


class _Expander:
    """Expands the shortcodes of one post: it knows the export's attachments."""

    def __init__(self, post_id: str, attachments: Mapping[str, Attachment], children: Sequence[Attachment]) -> None:
        self.post_id = post_id
        self.attachments = attachments
        self.children = children  # the attachments uploaded to this post, for [gallery] without ids
        self.warnings: list[tuple[int, str]] = []
        self.text = ""

    def run(self, text: str) -> str:
        self.text = text
        for match in _SHORTCODE.finditer(text):
            if _is_shortcode(match, text) and match.group(1) not in _KNOWN_NAMES:
                self.warnings.append(
                    (_line(text, match.start()), f"shortcode [{match.group(1)}] is kept as text: replace it by hand")
                )
        text = _KNOWN.sub(self.known, text)
        return _URL_LINE.sub(self.url_line, text)

    def known(self, match: re.Match[str]) -> str:
        if match.group("caption") is not None:
            return self.caption(match)
        if match.group("gallery") is not None:
            return self.gallery(match)
        return self.embed(match)

    def caption(self, match: re.Match[str]) -> str:
        attributes = shortcode_attributes(match.group("caption"))
        found = _CAPTION_IMAGE.match(match.group("captioned"))
        if found is None:
            self.warnings.append((_line(self.text, match.start()), "[caption] without a photo: its text is kept"))
            return match.group("captioned")
        image, text = found.group(1), found.group(2).strip() or html.escape(attributes.get("caption", ""))
        return f"\n\n<figure>{image}<figcaption>{text}</figcaption></figure>\n\n"

    def gallery(self, match: re.Match[str]) -> str:
        attributes = shortcode_attributes(match.group("gallery"))
        wanted = [i.strip() for i in attributes.get("ids", attributes.get("include", "")).split(",") if i.strip()]
        photos = [self.attachments.get(i) for i in wanted] if wanted else list(self.children)
        missing = [i for i, photo in zip(wanted, photos, strict=True) if photo is None] if wanted else []
        line = _line(self.text, match.start())
        if missing:
            self.warnings.append((line, f"[gallery]: no attachment {', '.join(missing)} in the export: left out"))
        found = [photo for photo in photos if photo is not None]
        if not found:
            self.warnings.append((line, "[gallery] shows no photo the export holds: left out"))
            return ""
        return "\n\n" + "\n\n".join(_figure(photo) for photo in found) + "\n\n"

    def embed(self, match: re.Match[str]) -> str:
        url = html.unescape(match.group("embed").strip())
        video = youtube_id(url)
        if video:
            return f"\n\n{embed_html(video)}\n\n"
        self.warnings.append((_line(self.text, match.start()), f"[embed] of {url} is no YouTube video: kept as a link"))
        return f'\n\n<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>\n\n'

    def url_line(self, match: re.Match[str]) -> str:
        video = youtube_id(html.unescape(match.group(1)))
        return f"\n{embed_html(video)}\n" if video else match.group(0)


def _is_shortcode(match: re.Match[str], text: str) -> bool:
    """Whether ``[name …]`` is a shortcode rather than words in brackets (``[bukan tautan]``):
    it has attributes, a closing ``[/name]``, or a name words do not have (``contact-form-7``)."""
    name = match.group(1)
    return "=" in match.group(2) or f"[/{name}]" in text or "_" in name or "-" in name


def _figure(photo: Attachment) -> str:
    alt = html.escape(photo.alt or photo.title, quote=True)
    caption = f"<figcaption>{html.escape(photo.caption)}</figcaption>" if photo.caption else ""
    return f'<figure><img src="{html.escape(photo.url, quote=True)}" alt="{alt}">{caption}</figure>'


def autop(text: str) -> str:
    """WordPress's ``wpautop``, as far as Markdown needs it: text separated by a blank line is a
    paragraph, a single newline inside one is a line break."""
    kept: list[str] = []

    def protect(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _PROTECTED.sub(protect, text.replace("\r\n", "\n"))
    chunks = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk) or re.fullmatch(r"\x00\d+\x00", chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    joined = "\n\n".join(chunks)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], joined)


def expand(
    text: str,
    post_id: str = "",
    attachments: Mapping[str, Attachment] | None = None,
    children: Sequence[Attachment] = (),
) -> Content:
    """The HTML WordPress shows for the stored content ``text``."""
    text = _BLOCK_COMMENT.sub("", text)
    expander = _Expander(post_id, attachments or {}, children)
    text = expander.run(text)
    return Content(autop(text), expander.warnings)
