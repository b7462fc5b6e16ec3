"""HTML from an exported post → the Markdown an editor would have written.

What Markdown expresses becomes Markdown: paragraphs, headings, emphasis, links (with their
titles), photos, lists (nested), quotes, code. What it cannot is kept as HTML that sitegen's
sanitizer keeps as it is: tables (with their spans) and YouTube embeds. Text comes through
exactly: character references are decoded once by the parser, typographic quotes stay, and a
character Markdown would read as markup (``*``, ``_``, ``[``, a ``#`` opening a line …) is
escaped, so the page shows what the post showed.

A photo's address goes through a hook (the importer copies the file and gives the new path).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.commands.importing.html_tree import BLOCKS, Node, parse
from sitegen.commands.importing.youtube import embed_html, youtube_id

# (src, alt) → (the src to write, the alt to write)
PhotoHook = Callable[[str, str], tuple[str, str]]

_BR = "\x00"  # a line break inside a paragraph, until the paragraph is assembled

_ESCAPE = re.compile(r"([\\`*_\[\]|])")
_LT = re.compile(r"<(?=[A-Za-z/!?])")
_AMP = re.compile(r"&(?=#?\w+;)")
_SPACES = re.compile(r"[ \t\n\r\f]+")

_LINE_START = (
    (re.compile(r"^([#>+-])"), r"\\\1"),
    (re.compile(r"^(\d+)\.(?=\s|$)"), r"\1\\."),
    (re.compile(r"^=(?==*\s*$)"), "&#61;"),
    (re.compile(r"^~(?=~~)"), "&#126;"),
)

_INLINE_HTML = {"sup", "sub", "u", "s", "del", "ins", "mark", "small", "q", "abbr", "kbd"}

_DROPPED = {"script", "style", "noscript", "object", "embed", "video", "audio", "form", "input", "button"}

_KEPT_AS_HTML = {"table", "dl"}

# the tags and attributes written inside HTML kept as it is: what sitegen's sanitizer keeps
_HTML_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href", "title"),
    "img": ("src", "alt", "title", "width", "height"),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan", "scope"),
    "ol": ("start",),
}

_HTML_TAGS = {
    "a", "b", "br", "caption", "code", "dd", "del", "dl", "dt", "em", "i", "img", "li", "ol", "p", "s",
    "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip


@dataclass(frozen=True)
class Conversion:
    markdown: str
    first_paragraph: str  # its words, for finding the story's place
    warnings: tuple[tuple[int, str], ...] = ()  # (line in the HTML, message)


def escape_text(text: str) -> str:
    """Text as Markdown that shows exactly this text (line starts are handled per line)."""
    text = _ESCAPE.sub(r"\\\1", text)
    return _LT.sub("&lt;", _AMP.sub("&amp;", text))


def escape_line_start(line: str) -> str:
    for pattern, replacement in _LINE_START:
        line = pattern.sub(replacement, line, count=1)
    return line


def _url(url: str) -> str:
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def _title(title: str) -> str:
    return f' "{html.escape(" ".join(title.split()), quote=True)}"' if title.strip() else ""


@dataclass
class _Converter:
    photo: PhotoHook | None
    warnings: list[tuple[int, str]] = field(default_factory=list)
    first_paragraph: str | None = None
    in_caption: bool = False  # a caption is one italic line: emphasis inside it is not marked
    figure_caption: str = ""  # the alt text of a photo without one: its caption says what it shows

    # -- blocks -----------------------------------------------------------------------------

    def blocks(self, node: Node) -> list[str]:
        """The Markdown blocks of a container: runs of inline content become paragraphs."""
        out: list[str] = []
        run: list[Node | str] = []
        for child in node.children:
            if isinstance(child, Node) and (child.tag in BLOCKS or child.tag in _DROPPED):
                out.extend(self.paragraphs(run))
                run = []
                out.extend(self.block(child))
            else:
                run.append(child)
        out.extend(self.paragraphs(run))
        return out

    def block(self, node: Node) -> list[str]:
        tag = node.tag
        if tag in _DROPPED:
            self.warnings.append((node.line, f"<{tag}> removed (sitegen publishes no {tag})"))
            return []
        if re.fullmatch(r"h[1-6]", tag):
            level = max(2, int(tag[1]))
            text = self.inline(node).replace(_BR, " ").strip()
            return [f"{'#' * level} {text}"] if text else []
        handler = {
            "ul": self.list_block,
            "ol": self.list_block,
            "blockquote": self.quote,
            "pre": self.code_block,
            "hr": lambda n: ["---"],
            "iframe": self.iframe,
            "figcaption": self.caption,
        }.get(tag)
        if handler is not None:
            return handler(node)
        if tag in _KEPT_AS_HTML:
            return [self.html(node)]
        if tag == "figure":
            caption = node.find("figcaption")
            self.figure_caption = " ".join(caption.text().split()) if caption else ""
            blocks = self.blocks(node)
            self.figure_caption = ""
            return blocks
        return self.blocks(node)

    def paragraphs(self, run: list[Node | str]) -> list[str]:
        text = "".join(self.inline_child(c) for c in run)
        if self.first_paragraph is None:
            words = " ".join("".join(c if isinstance(c, str) else c.text() for c in run).split())
            self.first_paragraph = words or None
        out = []
        for part in re.split(f" *{_BR}(?: *{_BR})+ *", text):  # two line breaks end a paragraph
            lines = [line.strip() for line in part.strip(f" {_BR}").split(_BR)]
            paragraph = "<br>\n".join(escape_line_start(line) for line in lines if line)
            if paragraph.strip(" \xa0"):
                out.append(self.embed_if_video(paragraph))
        return out

    def embed_if_video(self, paragraph: str) -> str:
        """A paragraph holding only a YouTube address (or a link to one) is the video."""
        match = re.fullmatch(r"\[?(https?://\S+?)\]?(?:\((\S+)\))?", paragraph.replace("\\", ""))
        if match:
            video = youtube_id(match.group(2) or match.group(1))
            if video:
                return embed_html(video)
        return paragraph

    def list_block(self, node: Node) -> list[str]:
        ordered = node.tag == "ol"
        number = int(node.attrs["start"]) if node.attrs.get("start", "").isdigit() else 1
        lines: list[str] = []
        for child in node.children:
            if not isinstance(child, Node) or child.tag != "li":
                continue
            marker = f"{number}." if ordered else "-"
            number += 1
            item = self.item_text(child)
            first, *rest = item.split("\n") if item else [""]
            lines.append(f"{marker} {first}".rstrip())
            lines.extend(f"    {line}" if line else "" for line in rest)
        return ["\n".join(lines)] if lines else []

    def item_text(self, node: Node) -> str:
        blocks = self.blocks(node)
        text = ""
        for index, block in enumerate(blocks):
            nested_list = re.match(r"(-|\d+\.) ", block) is not None
            joiner = "\n" if index and nested_list and index == 1 else "\n\n"
            text += (joiner if index else "") + block
        return text

    def quote(self, node: Node) -> list[str]:
        inner = "\n\n".join(self.blocks(node))
        return ["\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))] if inner else []

    def code_block(self, node: Node) -> list[str]:
        text = node.text().strip("\n")
        fence = "```"
        while fence in text:
            fence += "`"
        return [f"{fence}\n{text}\n{fence}"] if text.strip() else []

    def iframe(self, node: Node) -> list[str]:
        src = node.attrs.get("src", "")
        video = youtube_id(src)
        if video:
            return [embed_html(video)]
        self.warnings.append((node.line, f"embed of {src or 'nothing'} is no YouTube video: kept as a link"))
        return [f"[{escape_text(src)}]({_url(src)})"] if src else []

    def caption(self, node: Node) -> list[str]:
        self.in_caption = True
        text = self.inline(node).replace(_BR, " ").strip()
        self.in_caption = False
        return [f"*{text}*"] if text else []

    # -- inline -----------------------------------------------------------------------------

    def inline(self, node: Node) -> str:
        return "".join(self.inline_child(c) for c in node.children)

    def inline_child(self, child: Node | str) -> str:
        if isinstance(child, str):
            return escape_text(_SPACES.sub(" ", child))
        tag = child.tag
        if tag == "br":
            return _BR
        if tag in ("strong", "b"):
            return _wrap("**", self.inline(child))
        if tag in ("em", "i", "cite", "dfn", "var"):
            return self.inline(child) if self.in_caption else _wrap("*", self.inline(child))
        if tag in ("code", "tt", "samp"):
            return _code_span(_SPACES.sub(" ", child.text()))
        if tag == "a":
            return self.link(child)
        if tag == "img":
            return self.image(child)
        if tag in _INLINE_HTML:
            title = _title(child.attrs.get("title", "")).replace(' "', ' title="', 1) if tag == "abbr" else ""
            return f"<{tag}{title}>{self.inline(child)}</{tag}>"
        if tag in BLOCKS or tag in _DROPPED:
            return "".join(self.block(child)).replace("\n", " ")
        return self.inline(child)

    def link(self, node: Node) -> str:
        href = node.attrs.get("href", "").strip()
        inner = self.inline(node).strip()
        images = [c for c in node.children if isinstance(c, Node) and c.tag == "img"]
        if images and "/wp-content/uploads/" in href and inner == self.image(images[0]):
            return inner  # a photo linked to its own file: the file is the photo
        if not href or href.lower().startswith(("javascript:", "data:", "vbscript:")):
            return inner
        if not inner:
            inner = escape_text(href)
        return f"[{inner}]({_url(href)}{_title(node.attrs.get('title', ''))})"

    def image(self, node: Node) -> str:
        src = node.attrs.get("src", "").strip()
        alt = " ".join(node.attrs.get("alt", "").split())
        if not src:
            return ""
        if self.photo is not None:
            src, alt = self.photo(src, alt)
        alt = alt or self.figure_caption
        return f"![{escape_text(alt)}]({_url(src)}{_title(node.attrs.get('title', ''))})"

    # -- kept as HTML -----------------------------------------------------------------------

    def html(self, node: Node) -> str:
        """``node`` as HTML with only the tags and attributes sitegen keeps (no blank line:
        Markdown keeps an HTML block whole until one)."""
        return re.sub(r"\n\s*\n", "\n", self.html_of(node)).strip()

    def html_of(self, child: Node | str) -> str:
        if isinstance(child, str):
            return html.escape(child, quote=False)
        inner = "".join(self.html_of(c) for c in child.children)
        if child.tag not in _HTML_TAGS:
            return inner
        attrs = dict(child.attrs)
        if child.tag == "img" and self.photo is not None and attrs.get("src"):
            attrs["src"], attrs["alt"] = self.photo(attrs["src"], attrs.get("alt", ""))
        written = "".join(
            f' {name}="{html.escape(attrs[name], quote=True)}"'
            for name in _HTML_ATTRIBUTES.get(child.tag, ())
            if name in attrs
        )
        if child.tag in ("img", "br"):
            return f"<{child.tag}{written}>"
        newline = "\n" if child.tag in ("table", "thead", "tbody", "tfoot", "tr", "dl") else ""
        return f"<{child.tag}{written}>{newline}{inner}</{child.tag}>{newline}"


def _wrap(marker: str, inner: str) -> str:
    """``**bold**`` with the spaces that were inside the tag moved outside the markers."""
    stripped = inner.strip(f" {_BR}")
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip(f" {_BR}"))]
    trail = inner[len(inner.rstrip(f" {_BR}")) :]
    return f"{lead}{marker}{stripped}{marker}{trail}"


def _code_span(text: str) -> str:
    if not text:
        return ""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def to_markdown(source: str, photo: PhotoHook | None = None) -> Conversion:
    """The Markdown body for the HTML ``source``."""
    converter = _Converter(photo)
    blocks = [block for block in converter.blocks(parse(source)) if block.strip()]
    text = "\n\n".join(blocks)
    return Conversion(text + "\n" if text else "", converter.first_paragraph or "", tuple(converter.warnings))
