"""The allowlist sanitizer of bodies, and what it removes from them.

Python-Markdown passes raw HTML and ``javascript:`` links through, so its output goes through
an allowlist (nh3, a binding of the Rust ``ammonia`` crate) before it reaches a page or a
feed. One allowlist serves the body sanitizer and the feed's pass that makes links absolute.

What the sanitizer removes is found before it runs (:func:`inspect`, which also holds HTML to
``MAX_HTML_DEPTH`` levels of nesting: the sanitizer's HTML5 parser is quadratic in the depth,
and it runs in native code that no signal interrupts) and reported with the line of the body
it came from (:func:`removal_warnings`). :func:`might_remove` tells, from the Markdown alone,
which bodies can hold nothing it removes: most news articles.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import nh3

from sitegen.i18n import Message, msg
from sitegen.read.tags import without_raw_text

MAX_HTML_DEPTH = 500  # open elements; real articles stay below 20

MAX_REPORTED = 10  # removals reported one by one per article; the rest are counted


# Characters no page or feed may carry: C0 controls but tab, newline and carriage return;
# DEL and the C1 controls (invisible, pasted from e-mail and WhatsApp, parse errors in
# HTML5); lone surrogates and the noncharacters (XML 1.0 forbids U+FFFE and U+FFFF).
# (written as what is allowed: a class of astral characters listed one by one is much slower)
CONTROL_CHARS = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd"
    + "".join(f"{chr(plane * 0x10000)}-{chr(plane * 0x10000 + 0xFFFD)}" for plane in range(1, 17))
    + "]"
)


_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip

_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "code": {"class"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "q": {"cite"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
}  # fmt: skip

_GENERIC_ATTRIBUTES = {"lang", "title"}  # ammonia allows these on every allowed tag

_CLEAN_CONTENT = {"script", "style"}  # removed with everything inside them

_URL_ATTRIBUTES = {"href", "src", "cite"}

_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Embeds a newsroom needs, allowed by host: anything else in an iframe is dropped.
EMBED_HOSTS = ("www.youtube.com", "youtube.com", "www.youtube-nocookie.com")

# the only style kept: the column alignment of a Markdown table (| :-- | --: |)
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in _URL_ATTRIBUTES and _refused_scheme(value):
        return None  # the sanitizer checks href and src, not cite: one rule for all three
    if tag == "iframe" and attribute == "src" and not _embed(value):
        return None
    if attribute == "style" and not _TABLE_ALIGN.fullmatch(value):
        return None
    return value


def _embed(url: str) -> bool:
    """Whether ``url`` is a YouTube embed: its path stays below /embed/ however a browser or
    the server reads it (percent-decoded, backslashes as slashes, dot segments resolved)."""
    parts = urlsplit(url.strip(_URL_EDGES))
    if parts.scheme.lower() != "https" or parts.netloc.lower() not in EMBED_HOSTS:
        return False
    path = parts.path
    for _ in range(3):  # decoded again: a server behind a proxy may decode twice
        path = unquote(path)
    segments = path.replace("\\", "/").split("/")
    return path.startswith("/embed/") and not any(segment in (".", "..") for segment in segments)


# One allowlist for the body sanitizer and for the feed's pass that makes links absolute.
_ALLOWLIST: dict[str, Any] = {
    "tags": _TAGS,
    "attributes": _ATTRIBUTES,
    "url_schemes": _URL_SCHEMES,
    "clean_content_tags": _CLEAN_CONTENT,
    "link_rel": "noopener",
    "strip_comments": True,
}


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(**_ALLOWLIST, attribute_filter=_filter_attribute)


class NestedTooDeeply(RecursionError):
    """HTML nested deeper than MAX_HTML_DEPTH (reported like Markdown that is)."""


@dataclass(frozen=True)
class Removed:
    """Something the sanitizer took out of a body: what, and text to find its line by."""

    what: Message
    needle: str
    nth: int | None = None  # for a tag: which of the document's tags of its name (from 0)


def inspect(produced: str, report: bool = True) -> tuple[Removed, ...]:
    """What the sanitizer will remove from Python-Markdown's output (with ``report``).
    Raises NestedTooDeeply on HTML nested deeper than MAX_HTML_DEPTH."""
    inspector = _Inspector(report)
    inspector.feed(produced)
    inspector.close()
    return tuple(inspector.removed)


# What the sanitizer can remove from Python-Markdown's output must come from one of these:
# raw HTML (tags, comments, declarations, autolinks), a '# heading' (h1), the [TOC] marker
# (a div with a class), a fenced code block with {attributes}, or a link destination with
# a scheme other than the allowed ones (tests/test_properties.py checks the claim).
_LINE_START = r"^[ \t>*+\-0-9.)]*"  # what may open a line of a quote or a list item

_RAW_HTML = re.compile(r"<[A-Za-z/!?]")

_LINE_MARKUP = re.compile(rf"{_LINE_START}(?:#(?!#)|=+[ \t]*$|(?:`{{3,}}|~{{3,}})[^\n]*\{{)", re.M)

_DESTINATION = re.compile(rf"\]\s*\(\s*<?([^)\s>]*)|{_LINE_START}\[[^\]\n]*\]:\s*<?(\S*)", re.M)


def might_remove(body: str) -> bool:
    # substring tests first: this runs for every article and most hold none of these
    if "<" in body and _RAW_HTML.search(body):
        return True
    if "[TOC]" in body:
        return True
    body = body.replace("\r", "\n")  # Python-Markdown ends a line at a lone CR too
    if ("#" in body or "=" in body or "{" in body) and _LINE_MARKUP.search(body):
        return True
    if "]" in body:
        for match in _DESTINATION.finditer(body):
            destination = match.group(1) or match.group(2) or ""
            if "&" in destination or "\\" in destination or _refused_scheme(destination):
                return True
    return False


def sanitize(fragment: str) -> str:
    return _without_iframe_text(_cleaner().clean(fragment))


def _without_iframe_text(cleaned: str) -> str:
    """Sanitized HTML without the raw text of its iframes: the sanitizer keeps it as written
    (a browser never shows it, but a feed reader may parse it as markup)."""
    return without_raw_text(cleaned, "iframe") if "<iframe" in cleaned else cleaned


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# a start tag of these closes an open one of the same name: <li>a<li>b is not nesting
_IMPLIED_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp"}

# Formatting elements: an HTML5 parser keeps a list of those still active, and opens again
# every one a closing block left open, inside the next content; the elements that end them.
_FORMATTING = {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"}

_MARKERS = {"applet", "caption", "marquee", "object", "td", "th", "template"}

_IFRAME_REFUSED = msg("the src of <iframe>: only YouTube embeds (https://www.youtube.com/embed/…) are kept")


class _Inspector(HTMLParser):
    """Walks the HTML before it is sanitized: how deep it nests (HTML5's view, estimated from
    above) and, with ``report``, what the sanitizer's rules will remove."""

    def __init__(self, report: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.report = report
        self.removed: list[Removed] = []
        self.nesting = _Nesting()
        self.seen: dict[str, int] = {}  # start tags so far, by name

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.nesting.open(tag)
        self._check(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.nesting.open(tag)  # HTML5 ignores the slash of <div/>: it opens a div
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.nesting.close(tag)

    def handle_comment(self, data: str) -> None:
        self._add(msg("an HTML comment"), "<!--")

    def handle_decl(self, decl: str) -> None:
        name = decl.split(maxsplit=1)[0] if decl.strip() else ""
        self._add(msg("<!{name}> declaration", name=name), "<!")

    def unknown_decl(self, data: str) -> None:
        self._add(msg("a <![…]> section"), "<![")

    def handle_pi(self, data: str) -> None:
        self._add(msg("a <?…> instruction"), "<?")

    def _add(self, what: Message, needle: str, nth: int | None = None) -> None:
        if self.report:
            self.removed.append(Removed(what, needle.lower(), nth))

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        nth = self.seen[tag] = self.seen.get(tag, -1) + 1
        if not self.report:
            return
        if tag not in _TAGS:
            if tag in _CLEAN_CONTENT:
                self._add(msg("<{tag}> element and its content", tag=tag), f"<{tag}", nth)
            elif tag == "h1":
                self._add(
                    msg("<h1> tag; its text is kept (the title is the page's heading: start headings with '##')"),
                    "<h1",
                    nth,
                )
            else:
                self._add(msg("<{tag}> tag; its text is kept", tag=tag), f"<{tag}", nth)
            return
        allowed = _ATTRIBUTES.get(tag, set()) | _GENERIC_ATTRIBUTES
        for name, value in attrs:
            if name not in allowed:
                self._add(msg("attribute '{name}' of <{tag}>", name=name, tag=tag), name)
            elif value is not None and name in _URL_ATTRIBUTES and (scheme := _refused_scheme(value)):
                self._add(msg("the {scheme}: URL of <{tag}>", scheme=scheme, tag=tag), f"{scheme}:")
            elif value is not None and _filter_attribute(tag, name, value) is None:
                if tag == "iframe":
                    self._add(_IFRAME_REFUSED, "<iframe", nth)
                else:
                    self._add(msg("attribute '{name}' of <{tag}>", name=name, tag=tag), name)


class _Entry:
    """A formatting element in the list of active ones: open, or closed by a block around it
    (and so opened again by the parser inside the next content)."""

    __slots__ = ("name", "open")

    def __init__(self, name: str) -> None:
        self.name = name
        self.open = True


class _Nesting:
    """How deep an HTML5 parser will nest the elements, estimated from above: the open elements
    and the active formatting elements it will open again. Every list is bounded by the depth
    limit, so each tag costs at most a walk of it."""

    def __init__(self) -> None:
        self.elements: list[tuple[str, _Entry | None]] = []  # the open ones, each with its entry
        self.active: list[_Entry | None] = []  # the active formatting elements; None: a marker
        self.reopened = 0  # entries of active closed by a block: each is opened again

    def open(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag in _IMPLIED_END and self.elements and self.elements[-1][0] == tag:
            self._pop(len(self.elements) - 1)  # <li>a<li>b is not nesting
        entry = _Entry(tag) if tag in _FORMATTING else None
        if entry is not None or tag in _MARKERS:
            self.active.append(entry)
        self.elements.append((tag, entry))
        if len(self.elements) + self.reopened > MAX_HTML_DEPTH:
            raise NestedTooDeeply(f"HTML nested deeper than {MAX_HTML_DEPTH} levels")

    def close(self, tag: str) -> None:
        for index in range(len(self.elements) - 1, -1, -1):
            if self.elements[index][0] == tag:
                self._pop(index)
                return
        if tag in _FORMATTING:  # the end of a formatting element closed by a block: no longer active
            for index in range(len(self.active) - 1, -1, -1):
                entry = self.active[index]
                if entry is None:
                    return
                if entry.name == tag:
                    del self.active[index]
                    self.reopened -= 1
                    return

    def _pop(self, index: int) -> None:
        """Close the element at ``index`` and every one inside it."""
        while len(self.elements) > index:
            tag, entry = self.elements.pop()
            if entry is not None and len(self.elements) == index:  # closed by its own end tag
                self.active = [other for other in self.active if other is not entry]
            elif entry is not None:
                entry.open = False
                self.reopened += 1
            elif tag in _MARKERS:  # what a cell leaves open ends with it
                while self.active and (left := self.active.pop()) is not None:
                    self.reopened -= not left.open


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")

_URL_EDGES = "".join(chr(c) for c in range(0x21))  # what URL parsers strip around a URL


def _refused_scheme(url: str) -> str | None:
    """The scheme of ``url`` when the sanitizer refuses it (browsers ignore tabs and newlines
    inside a URL and controls and spaces around it, and so does the sanitizer)."""
    match = _SCHEME.match(re.sub("[\t\n\r]", "", url.strip(_URL_EDGES)))
    if match is None or match.group(1).lower() in _URL_SCHEMES:
        return None
    return match.group(1).lower()


def removal_warnings(body: str, removed: tuple[Removed, ...]) -> list[tuple[int | None, Message]]:
    """Each removal as (line of the body counted from 1, or None; message).

    The line is where the removed thing's text appears in the body, as written or with its
    character references decoded: the k-th removed attribute or URL of a kind at the k-th
    appearance of its text, a tag at the appearance of its own number among the tags of its
    name (Markdown writes no tag an editor could not, but h1 and table cells).
    """
    if not removed:
        return []
    raw = [re.sub("[\t\n\r]", "", line).lower() for line in body.split("\n")]
    decoded = [re.sub("[\t\n\r]", "", html.unescape(line)).lower() for line in body.split("\n")]
    seen: dict[str, int] = {}
    out: list[tuple[int | None, Message]] = []
    for item in removed[:MAX_REPORTED]:
        k = seen[item.needle] = seen.get(item.needle, -1) + 1
        k = k if item.nth is None else item.nth
        line = _nth_line(raw, item.needle, k) or _nth_line(decoded, item.needle, k)
        if line is None and item.needle == "<h1":  # a Markdown heading: '# Judul'
            line = next((n for n, text in enumerate(raw, start=1) if _H1.match(text)), None)
        out.append((line, msg("removed {what}", what=item.what)))
    if len(removed) > MAX_REPORTED:
        more = len(removed) - MAX_REPORTED
        out.append((None, msg("removed {count} more things the sanitizer does not allow", count=more)))
    return out


_H1 = re.compile(r" {0,3}#(?!#)")


def _nth_line(lines: list[str], needle: str, k: int) -> int | None:
    for number, line in enumerate(lines, start=1):
        count = line.count(needle)
        if k < count:
            return number
        k -= count
    return None


def absolutize(fragment: str, page_url: str) -> str:
    """Every link and image of sanitized HTML as an absolute URL (feed readers need them).

    The sanitizer parses the HTML and rewrites attributes only, so text that merely looks
    like ``src="…"`` stays as the editor wrote it.
    """

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if _filter_attribute(tag, attribute, value) is None:
            return None
        if attribute in ("href", "src"):
            return urljoin(page_url, value)
        return value

    return _without_iframe_text(nh3.clean(fragment, **_ALLOWLIST, attribute_filter=rewrite))
