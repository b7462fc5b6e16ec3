"""Markdown bodies into safe HTML.

Content is untrusted: everything Python-Markdown produces goes through the allowlist
sanitizer of :mod:`sitegen.read.sanitize` before it reaches a page or a feed, unless
``site.yaml`` says ``trust_html: true``, and what it removes is reported, so an editor learns
why an embed vanished.

A document is also held to limits, so one crafted file cannot hang or crash a build:
``MAX_BODY_BYTES`` of Markdown, ``TIME_LIMIT`` seconds to convert it, and HTML nested at
most ``MAX_HTML_DEPTH`` levels (checked by the sanitizer's inspector).

One converter serves a process, reset between documents; where the release of
Python-Markdown is one it was verified against, its inline step is replaced by a shortcut
that gives the same HTML faster. ``TIME_LIMIT``, ``plain_markdown``, ``VERIFIED_MARKDOWN``
and ``_markdown`` are read from this module when a body is converted (tests replace them).
"""

from __future__ import annotations

import contextlib
import html
import re
import signal
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import markdown
import markdown.treeprocessors

from sitegen.i18n import Message, msg
from sitegen.read.sanitize import (
    CONTROL_CHARS,
    MAX_HTML_DEPTH,
    NestedTooDeeply,
    Removed,
    absolutize,
    inspect,
    might_remove,
    removal_warnings,
    sanitize,
)
from sitegen.read.video import embed_players
from sitegen.util.slugs import slugify

__all__ = [
    "CONTROL_CHARS",
    "MAX_BODY_BYTES",
    "MAX_HTML_DEPTH",
    "RENDERING",
    "TIME_LIMIT",
    "VERIFIED_MARKDOWN",
    "NestedTooDeeply",
    "Removed",
    "Rendered",
    "_QuickInlineProcessor",
    "_markdown",
    "absolutize",
    "converter_note",
    "inspect",
    "might_remove",
    "plain_markdown",
    "plain_text",
    "quick_inline_verified",
    "removal_warnings",
    "removed_from",
    "render",
    "sanitize",
    "summarize",
    "time_limit",
    "with_dateline",
]

MAX_BODY_BYTES = 2 * 1024 * 1024

# Part of the build cache's key of rendered bodies: raise it whenever a change here changes
# the HTML of an unchanged body, so no cache serves bodies rendered the old way.
RENDERING = 4

TIME_LIMIT = 5.0  # seconds to convert one body: far more than any real article needs


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
    the same output in a fraction of the inline time (tests/test_markup.py compares the
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


def converter_note() -> Message | None:
    """The build's note when the shortcut is off for this release of Python-Markdown."""
    if quick_inline_verified():
        return None
    return msg(
        "warning: Python-Markdown {version} is not a release sitegen's fast inline step was verified against "
        "({verified}): rendering with its stock step (same HTML, slower)",
        version=markdown.__version__,
        verified=", ".join(VERIFIED_MARKDOWN),
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


class Rendered(str):
    """A body's HTML that remembers what the sanitizer removed from it."""

    removed: tuple[Removed, ...] = ()


def render(body: str, trusted: bool = False) -> Rendered:
    """Safe HTML for a Markdown body (with ``trusted``, its raw HTML is kept as written), its
    YouTube videos as click-to-load players (:mod:`sitegen.read.video`).

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
        result = Rendered(CONTROL_CHARS.sub("", produced if trusted else embed_players(sanitize(produced))))
    result.removed = removed
    return result


def removed_from(rendered: str, body: str) -> tuple[Removed, ...]:
    """What the sanitizer removed from ``body``: from ``rendered`` when it knows, else found
    again (HTML from a cache is a plain string), unless the body cannot hold anything the
    sanitizer removes: most news articles, converted once and never again."""
    if isinstance(rendered, Rendered):
        return rendered.removed
    if not might_remove(body):
        return ()
    return render(body).removed


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
