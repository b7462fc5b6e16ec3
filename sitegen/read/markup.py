"""Markdown bodies into safe HTML.

Content is untrusted: Python-Markdown passes raw HTML and ``javascript:`` links through,
so everything it produces goes through an allowlist sanitizer (nh3, a binding of the
Rust ``ammonia`` crate) before it reaches a page or a feed, unless ``site.yaml`` says
``trust_html: true``. What the sanitizer removes is reported, so an editor learns why an
embed vanished.

A document is also held to limits, so one crafted file cannot hang or crash a build:
``MAX_BODY_BYTES`` of Markdown, ``TIME_LIMIT`` seconds to convert it, and HTML nested at
most ``MAX_HTML_DEPTH`` levels (the sanitizer's HTML5 parser is quadratic in the depth,
and it runs in native code that no signal interrupts).
"""

from __future__ import annotations

import contextlib
import html
import re
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import markdown
import markdown.treeprocessors
import nh3

from sitegen.util.slugs import slugify

MAX_BODY_BYTES = 2 * 1024 * 1024

# Part of the build cache's key of rendered bodies: raise it whenever a change here changes
# the HTML of an unchanged body, so no cache serves bodies rendered the old way.
RENDERING = 2

TIME_LIMIT = 5.0  # seconds to convert one body; news articles take milliseconds

MAX_HTML_DEPTH = 500  # open elements; real articles stay below 20

MAX_REPORTED = 10  # removals reported one by one per article; the rest are counted


# Characters no page or feed may carry: C0 controls but tab, newline and carriage return;
# DEL and the C1 controls (invisible, pasted from e-mail and WhatsApp, parse errors in
# HTML5); lone surrogates and the noncharacters (XML 1.0 forbids U+FFFE and U+FFFF).
# (written as what is allowed: a class of astral characters listed one by one is 17 times slower)
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
    if tag == "iframe" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.netloc not in EMBED_HOSTS or not parts.path.startswith("/embed/"):
            return None
    if attribute == "style" and not _TABLE_ALIGN.fullmatch(value):
        return None
    return value


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


# The characters without which an inline pattern of Python-Markdown cannot match.
_TRIGGERS = {
    "backtick": "`",
    "escape": "\\",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "linebreak": "\n",
    "html": "<",
    "entity": "&",
    "em_strong": "*_",
    "em_strong2": "_",
    "not_strong": "*_",
}


class _QuickInlineProcessor(markdown.treeprocessors.InlineProcessor):
    """Python-Markdown tries every inline pattern on every piece of text, and in news prose
    most cannot match: there is no ``[``, ``*`` or ``<`` in the text at all. Skipping those
    (and looking each pattern up once, not in the registry for every piece of text) gives
    the same output in well under half the inline time (tests/test_markup.py compares the
    two on the benchmark corpus and on hostile input)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._patterns: list[tuple[Any, str | None]] = []

    # overrides the name-mangled private method that InlineProcessor runs on each piece of
    # text (and that its pattern step calls again for the text inside a match)
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, markdown.util.AtomicString):
            return data
        patterns = self._patterns
        if len(patterns) != len(self.inlinePatterns):  # the registry is read once per converter
            patterns = self._patterns = _with_triggers(self.inlinePatterns)
        count = len(patterns)
        startIndex = 0
        # the trigger characters in the text: a match only replaces text with a placeholder,
        # so what is found here is all the text can hold for the patterns still to come
        present = {c for c in _TRIGGER_CHARS if c in data}
        while patternIndex < count:
            pattern, chars = patterns[patternIndex]
            if chars is not None and present.isdisjoint(chars):
                patternIndex += 1  # as the pattern step answers when nothing matched
                startIndex = 0
                continue
            data, matched, startIndex = _apply_pattern(self, pattern, data, patternIndex, startIndex)
            if not matched:
                patternIndex += 1
        return data


_TRIGGER_CHARS = "".join(sorted(set("".join(_TRIGGERS.values()))))

_apply_pattern: Any = getattr(markdown.treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern", None)


# The Python-Markdown releases (major.minor) whose private inline methods the shortcut above was
# verified against: tests/test_markup.py proves it gives byte-identical HTML on generated and
# hostile input, the shipped articles and the golden site. Any other release renders with the
# stock inline step (the same HTML, more slowly) and the build says so once.
VERIFIED_MARKDOWN = ("3.10", "3.11")


def quick_inline_verified(version: str | None = None) -> bool:
    """Whether the inline shortcut may replace Python-Markdown's own step in this release."""
    release = ".".join((version or markdown.__version__).split(".")[:2])
    stock = markdown.treeprocessors.InlineProcessor
    return (
        release in VERIFIED_MARKDOWN and _apply_pattern is not None and hasattr(stock, "_InlineProcessor__handleInline")
    )


def converter_note() -> str | None:
    """The build's note when the shortcut is off for this release of Python-Markdown."""
    if quick_inline_verified():
        return None
    return (
        f"warning: Python-Markdown {markdown.__version__} is not a release sitegen's fast inline step was "
        f"verified against ({', '.join(VERIFIED_MARKDOWN)}): rendering with its stock step (same HTML, slower)"
    )


def _with_triggers(registry: Any) -> list[tuple[Any, str | None]]:
    """The inline patterns in their order (that of ``registry[i]``), each with the characters
    it needs (None: no shortcut known)."""
    chars = {id(registry[name]): found for name, found in _TRIGGERS.items() if name in registry}
    patterns = [registry[index] for index in range(len(registry))]
    return [(pattern, chars.get(id(pattern))) for pattern in patterns]


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # One instance per process, reset between documents: building one costs more than
    # converting a news article.
    md = plain_markdown()
    if quick_inline_verified():
        md.treeprocessors.register(_QuickInlineProcessor(md), "inline", 20)
    return md


def plain_markdown() -> markdown.Markdown:
    """The converter as Python-Markdown makes it (the tests compare it with the fast one)."""
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": lambda value, _sep: slugify(value), "permalink": False}},
        output_format="html",
    )


class NestedTooDeeply(RecursionError):
    """HTML nested deeper than MAX_HTML_DEPTH (reported like Markdown that is)."""


@dataclass(frozen=True)
class Removed:
    """Something the sanitizer took out of a body: what, and text to find its line by."""

    what: str
    needle: str
    nth: int | None = None  # for a tag: which of the document's tags of its name (from 0)


class Rendered(str):
    """A body's HTML that remembers what the sanitizer removed from it."""

    removed: tuple[Removed, ...] = ()


def render(body: str, trusted: bool = False) -> Rendered:
    """Safe HTML for a Markdown body (with ``trusted``, its raw HTML is kept as written).

    Raises TimeoutError past TIME_LIMIT and RecursionError on pathological nesting.
    """
    with time_limit(TIME_LIMIT):
        try:
            produced = _markdown().reset().convert(body)
        except BaseException:
            _markdown.cache_clear()  # an interrupted converter may keep half a document's state
            raise
        # Only raw HTML (which might_remove() sees) nests deep enough to slow the sanitizer:
        # Python-Markdown stops nesting quotes at about 300 and lists end in a RecursionError.
        # Fewer tags than the depth limit cannot break it either way: this spares most articles.
        inspecting = might_remove(body) or produced.count("<") > MAX_HTML_DEPTH
        removed = inspect(produced, report=not trusted) if inspecting else ()
        result = Rendered(CONTROL_CHARS.sub("", produced if trusted else sanitize(produced)))
    result.removed = removed
    return result


def inspect(produced: str, report: bool = True) -> tuple[Removed, ...]:
    """What the sanitizer will remove from Python-Markdown's output (with ``report``).
    Raises NestedTooDeeply on HTML nested deeper than MAX_HTML_DEPTH."""
    inspector = _Inspector(report)
    inspector.feed(produced)
    inspector.close()
    return tuple(inspector.removed)


def removed_from(rendered: str, body: str) -> tuple[Removed, ...]:
    """What the sanitizer removed from ``body``: from ``rendered`` when it knows, else found
    again (HTML from a cache is a plain string), unless the body cannot hold anything the
    sanitizer removes: most news articles, converted once and never again."""
    if isinstance(rendered, Rendered):
        return rendered.removed
    if not might_remove(body):
        return ()
    return render(body).removed


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
    return _cleaner().clean(fragment)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block once ``seconds`` have passed.

    A SIGALRM timer interrupts even a regular expression stuck in Python-Markdown. Signals
    reach only the main thread: elsewhere (a dev server's build thread) there is no limit.
    Builds read articles in the main thread of this process or of forked workers.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    started = time.monotonic()

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer was running: give back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# a start tag of these closes an open one of the same name: <li>a<li>b is not nesting
_IMPLIED_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp"}

_IFRAME_REFUSED = "the src of <iframe>: only YouTube embeds (https://www.youtube.com/embed/…) are kept"

_HINTS = {"h1": " (the title is the page's heading: start headings with '##')"}


class _Inspector(HTMLParser):
    """Walks the HTML before it is sanitized: how deep it nests (HTML5's view, estimated from
    above) and, with ``report``, what the sanitizer's rules will remove."""

    def __init__(self, report: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.report = report
        self.removed: list[Removed] = []
        self.open: list[str] = []
        self.seen: dict[str, int] = {}  # start tags so far, by name

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag)
        self._check(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag)  # HTML5 ignores the slash of <div/>: it opens a div
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_comment(self, data: str) -> None:
        self._add("an HTML comment", "<!--")

    def handle_decl(self, decl: str) -> None:
        self._add(f"<!{decl.split(maxsplit=1)[0] if decl.strip() else ''}> declaration", "<!")

    def unknown_decl(self, data: str) -> None:
        self._add("a <![…]> section", "<![")

    def handle_pi(self, data: str) -> None:
        self._add("a <?…> instruction", "<?")

    def _open(self, tag: str) -> None:
        if tag in _VOID or (tag in _IMPLIED_END and self.open and self.open[-1] == tag):
            return
        self.open.append(tag)
        if len(self.open) > MAX_HTML_DEPTH:
            raise NestedTooDeeply(f"HTML nested deeper than {MAX_HTML_DEPTH} levels")

    def _add(self, what: str, needle: str, nth: int | None = None) -> None:
        if self.report:
            self.removed.append(Removed(what, needle.lower(), nth))

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        nth = self.seen[tag] = self.seen.get(tag, -1) + 1
        if not self.report:
            return
        if tag not in _TAGS:
            if tag in _CLEAN_CONTENT:
                self._add(f"<{tag}> element and its content", f"<{tag}", nth)
            else:
                self._add(f"<{tag}> tag; its text is kept{_HINTS.get(tag, '')}", f"<{tag}", nth)
            return
        allowed = _ATTRIBUTES.get(tag, set()) | _GENERIC_ATTRIBUTES
        for name, value in attrs:
            if name not in allowed:
                self._add(f"attribute '{name}' of <{tag}>", name)
            elif value is not None and name in _URL_ATTRIBUTES and (scheme := _refused_scheme(value)):
                self._add(f"the {scheme}: URL of <{tag}>", f"{scheme}:")
            elif value is not None and _filter_attribute(tag, name, value) is None:
                if tag == "iframe":
                    self._add(_IFRAME_REFUSED, "<iframe", nth)
                else:
                    self._add(f"attribute '{name}' of <{tag}>", name)


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")

_URL_EDGES = "".join(chr(c) for c in range(0x21))  # what URL parsers strip around a URL


def _refused_scheme(url: str) -> str | None:
    """The scheme of ``url`` when the sanitizer refuses it (browsers ignore tabs and newlines
    inside a URL and controls and spaces around it, and so does the sanitizer)."""
    match = _SCHEME.match(re.sub("[\t\n\r]", "", url.strip(_URL_EDGES)))
    if match is None or match.group(1).lower() in _URL_SCHEMES:
        return None
    return match.group(1).lower()


def removal_warnings(body: str, removed: tuple[Removed, ...]) -> list[tuple[int | None, str]]:
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
    out: list[tuple[int | None, str]] = []
    for item in removed[:MAX_REPORTED]:
        k = seen[item.needle] = seen.get(item.needle, -1) + 1
        k = k if item.nth is None else item.nth
        line = _nth_line(raw, item.needle, k) or _nth_line(decoded, item.needle, k)
        if line is None and item.needle == "<h1":  # a Markdown heading: '# Judul'
            line = next((n for n, text in enumerate(raw, start=1) if _H1.match(text)), None)
        out.append((line, f"removed {item.what}"))
    if len(removed) > MAX_REPORTED:
        out.append((None, f"removed {len(removed) - MAX_REPORTED} more things the sanitizer does not allow"))
    return out


_H1 = re.compile(r" {0,3}#(?!#)")


def _nth_line(lines: list[str], needle: str, k: int) -> int | None:
    for number, line in enumerate(lines, start=1):
        count = line.count(needle)
        if k < count:
            return number
        k -= count
    return None


_FIRST_P = re.compile(r"<p>(.*?)</p>", re.S)

_TAG = re.compile(r"<[^>]*>")

_SPACE = re.compile(r"\s+")


def plain_text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


def summarize(body_html: str, limit: int) -> str:
    """The first paragraph as plain text, cut at a word boundary near ``limit`` characters."""
    match = _FIRST_P.search(body_html)
    text = plain_text(match.group(1) if match else body_html)
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else cut[:limit]
    return cut.rstrip(" ,.;:–-") + "…"


def with_dateline(body_html: str, dateline: str, site_title: str) -> str:
    """Indonesian news style: ``SOE, <site> –`` opens the first paragraph."""
    lead = f'<span class="dateline">{html.escape(dateline.upper())}, {html.escape(site_title)}</span> – '
    if body_html.startswith("<p>"):
        return "<p>" + lead + body_html[3:]
    return f"<p>{lead.removesuffix(' – ')}</p>\n{body_html}"


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

    return nh3.clean(fragment, **_ALLOWLIST, attribute_filter=rewrite)
