"""Markdown bodies into safe HTML.

Content is untrusted: Python-Markdown passes raw HTML and ``javascript:`` links through,
so everything it produces goes through an allowlist sanitizer (nh3, a binding of the
Rust ``ammonia`` crate) before it reaches a page or a feed.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import markdown
import markdown.treeprocessors
import nh3

from sitegen.slugs import slugify

MAX_BODY_BYTES = 2 * 1024 * 1024

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
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}  # fmt: skip
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Embeds a newsroom needs, allowed by host: anything else in an iframe is dropped.
EMBED_HOSTS = ("www.youtube.com", "youtube.com", "www.youtube-nocookie.com")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.netloc not in EMBED_HOSTS or not parts.path.startswith("/embed/"):
            return None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener",
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


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
    gives the same output in a little over half the inline time (tests/test_markup.py
    compares the two on the benchmark corpus and on hostile input)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._triggers = {
            id(md.inlinePatterns[name]): chars for name, chars in _TRIGGERS.items() if name in md.inlinePatterns
        }

    # overrides the name-mangled private method that InlineProcessor calls for each pattern
    def _InlineProcessor__applyPattern(
        self, pattern: Any, data: str, patternIndex: int, startIndex: int = 0
    ) -> tuple[Any, bool, int]:
        chars = self._triggers.get(id(pattern))
        if chars is not None and not any(c in data for c in chars):
            return data, False, 0
        result: tuple[Any, bool, int] = super()._InlineProcessor__applyPattern(  # type: ignore[misc]
            pattern, data, patternIndex, startIndex
        )
        return result


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # One instance per process, reset between documents: building one costs more than
    # converting a news article.
    md = plain_markdown()
    md.treeprocessors.register(_QuickInlineProcessor(md), "inline", 20)
    return md


def plain_markdown() -> markdown.Markdown:
    """The converter as Python-Markdown makes it (the tests compare it with the fast one)."""
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": lambda value, _sep: slugify(value), "permalink": False}},
        output_format="html",
    )


def render(body: str) -> str:
    """Sanitized HTML for a Markdown body. Raises RecursionError on pathological nesting."""
    produced = _markdown().reset().convert(body)
    return sanitize(produced)


def sanitize(fragment: str) -> str:
    return _cleaner().clean(fragment)


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

    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener",
        attribute_filter=rewrite,
        strip_comments=True,
    )
