"""YouTube videos in a body, as click-to-load players: a poster and a play button that are a
plain link to the video, which a small script of the article page turns into the
``youtube-nocookie.com`` player only when the reader taps it. Before the tap the page loads
nothing from YouTube but, at most, the poster image (lazily); without JavaScript the link opens
the video on YouTube.

A paragraph of its own that is only a YouTube address, only a link to one (``[Judul](…)``,
``<https://youtu.be/…>``), or only a linked image (``[![alt](poster.jpg)](https://youtu.be/…)``,
whose image is the poster and goes through the image pipeline like any body photo) becomes a
player; so does an ``<iframe>`` the sanitizer kept (only YouTube embeds survive it). An address
whose video ID is not 11 characters of ``[A-Za-z0-9_-]`` stays what the sanitizer made of it;
an iframe that is no player (a playlist, an ID of another shape) becomes a plain link, and one
whose address the sanitizer removed is left out, so no page embeds YouTube before a tap.

Runs on sanitized HTML only; every value written here is escaped, and the ID, checked, is the
only part of the editor's address that reaches the markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")

# where a YouTube address may point: the watch page, a short link, a short, an embed
_WATCH_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com")
_EMBED_HOSTS = ("youtube.com", "www.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com")

POSTER = "https://i.ytimg.com/vi/{id}/hqdefault.jpg"  # YouTube's thumbnail: 480×360

WATCH = "https://www.youtube.com/watch?v={id}"

PLAYER = "https://www.youtube-nocookie.com/embed/{id}?autoplay=1"  # what the page's script loads

DEFAULT_TITLE = "Video YouTube"

# the title YouTube's "Share → Embed" code gives every iframe: no caption
_GENERIC_TITLES = {"youtube video player", "youtube video", ""}


def video_id(url: str) -> str | None:
    """The video a YouTube address shows, or None when it is no address of one video."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password or parts.port:
        return None
    candidate = _candidate((parts.hostname or "").lower(), parts.path, parts.query)
    if candidate is None or candidate == "videoseries" or not VIDEO_ID.fullmatch(candidate):
        return None  # (a playlist's embed is /embed/videoseries?list=…: eleven letters, no video)
    return candidate


def _candidate(host: str, path: str, query: str) -> str | None:
    """What stands where the address's kind puts the video's ID."""
    if host in ("youtu.be", "www.youtu.be"):
        return path[1:].removesuffix("/")
    if host in _EMBED_HOSTS and path.startswith("/embed/"):
        return path[len("/embed/") :].removesuffix("/")
    if host not in _WATCH_HOSTS:
        return None
    if path.rstrip("/") == "/watch":
        values = parse_qs(query).get("v", [])
        return values[0] if len(values) == 1 else None
    if path.startswith(("/shorts/", "/live/")):
        return path.split("/", 2)[2].removesuffix("/")
    return None


def player(video: str, title: str, poster: str = "", caption: str = "") -> str:
    """The player's markup: a figure holding a link to the video with its poster (``poster``: an
    ``<img>`` tag already sanitized, else YouTube's thumbnail) and a play button."""
    assert VIDEO_ID.fullmatch(video), video
    e = html.escape
    name = title or DEFAULT_TITLE
    thumbnail = f'<img src="{POSTER.format(id=video)}" alt="{e(name)}" width="480" height="360" loading="lazy">'
    image = poster or thumbnail
    label = f"Putar video: {name}"
    figcaption = f"<figcaption>{e(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="video"><a href="{WATCH.format(id=video)}" data-youtube="{video}" aria-label="{e(label)}">'
        f'{image}<span class="video-play" aria-hidden="true">Putar video</span></a>{figcaption}</figure>'
    )


def embed_players(fragment: str) -> str:
    """Sanitized HTML with each YouTube video of its own paragraph, and each iframe, as a player."""
    lowered = fragment.lower()
    if "youtu" not in lowered and "<iframe" not in lowered:  # no address or embed at all: most articles
        return fragment
    finder = _Finder(fragment)
    finder.feed(fragment)
    finder.close()
    out, at = [], 0
    for start, end, markup in finder.replacements:
        if start < at:
            continue
        out += [fragment[at:start], markup]
        at = end
    out.append(fragment[at:])
    return "".join(out)


class _Part(NamedTuple):
    kind: str  # "start", "end" or "data"
    tag: str
    attributes: dict[str, str]
    text: str  # the start tag as written, or the text (character references decoded)
    at: int  # where it starts in the HTML


@dataclass
class _Paragraph:
    start: int
    parts: list[_Part] = field(default_factory=list)


class _Finder(HTMLParser):
    """The paragraphs that are one video, and the iframes: (from, to, markup), in order."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.fragment = fragment
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", fragment)]
        self.paragraph: _Paragraph | None = None
        self.replacements: list[tuple[int, int, str]] = []

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        text = self.get_starttag_text() or ""
        attributes: dict[str, str] = {}
        for name, value in attrs:
            attributes.setdefault(name, value or "")
        if tag == "p":
            self.paragraph = _Paragraph(start)
        elif self.paragraph is not None:
            self.paragraph.parts.append(_Part("start", tag, attributes, text, start))
        if tag == "iframe" and self.paragraph is None:
            self._iframe(start, attributes, block=True)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        end = self.fragment.find(">", start) + 1 or len(self.fragment)
        paragraph = self.paragraph
        if tag == "p" and paragraph is not None:
            self.paragraph = None
            markup = _paragraph_player(paragraph.parts)
            if markup is not None:
                self.replacements.append((paragraph.start, end, markup))
            else:
                self._iframes_inside(paragraph)
        elif paragraph is not None:
            paragraph.parts.append(_Part("end", tag, {}, "", start))

    def handle_data(self, data: str) -> None:
        if self.paragraph is not None:
            self.paragraph.parts.append(_Part("data", "", {}, data, self._here()))

    def _iframe(self, start: int, attributes: dict[str, str], block: bool) -> None:
        closing = self.fragment.find("</iframe>", start)
        end = closing + len("</iframe>") if closing >= 0 else self.fragment.find(">", start) + 1
        self.replacements.append((start, end, _iframe_markup(attributes, block)))

    def _iframes_inside(self, paragraph: _Paragraph) -> None:
        """An iframe amid a paragraph's text: a plain link (a figure cannot stand in a paragraph)."""
        for part in paragraph.parts:
            if part.kind == "start" and part.tag == "iframe":
                self._iframe(part.at, part.attributes, block=False)


def _iframe_markup(attributes: dict[str, str], block: bool) -> str:
    src = attributes.get("src", "").strip()
    if not src:  # the sanitizer took its address: nothing to show or link to
        return ""
    title = " ".join(attributes.get("title", "").split())
    video = video_id(src)
    if video is not None and block:
        caption = "" if title.lower() in _GENERIC_TITLES else title
        return player(video, caption, caption=caption)
    href = WATCH.format(id=video) if video is not None else src
    text = title if title.lower() not in _GENERIC_TITLES else "Tonton video di YouTube"
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def _paragraph_player(parts: list[_Part]) -> str | None:
    """The player a paragraph's content makes, or None when it is not one video alone."""
    content = [part for part in parts if not (part.kind == "data" and not part.text.strip())]
    shape = [(part.kind, part.tag) for part in content]
    if shape == [("data", "")]:  # a bare address
        video = video_id(content[0].text)
        return player(video, "") if video is not None else None
    if shape == [("start", "iframe"), ("end", "iframe")]:
        return _iframe_markup(content[0].attributes, block=True)
    if len(shape) < 3 or shape[0] != ("start", "a") or shape[-1] != ("end", "a"):
        return None
    return _link_player(content[0].attributes.get("href", ""), content[1:-1])


def _link_player(href: str, inner: list[_Part]) -> str | None:
    """The player of a paragraph that is one link: to a video, around its poster or its title."""
    video = video_id(href)
    if video is None or any(part.tag in ("a", "iframe") for part in inner):
        return None
    if [(part.kind, part.tag) for part in inner] == [("start", "img")]:  # a linked image: the poster
        alt = " ".join(inner[0].attributes.get("alt", "").split())
        return player(video, alt, poster=inner[0].text)
    if any(part.tag == "img" for part in inner):
        return None
    text = " ".join("".join(part.text for part in inner if part.kind == "data").split())
    caption = "" if text.startswith(("http://", "https://")) else text
    return player(video, caption, caption=caption)
