"""A forgiving HTML parser into a small tree, for the conversion to Markdown.

Exported posts hold the HTML editors typed into WordPress or Blogger: unclosed ``<p>`` and
``<li>``, stray end tags, blocks inside paragraphs. The tree is built the way a browser would
see it where it matters for the conversion: a block start tag closes an open paragraph, an
``<li>`` closes the previous one, an end tag closes everything opened after its start tag, and
an end tag without a start tag is ignored. Character references are decoded once (``&amp;``
is ``&``); comments, which include Gutenberg's block markers, are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

BLOCKS = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "iframe", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "video", "audio", "object", "script",
    "style", "noscript",
}  # fmt: skip

# an open element of these is closed by a start tag of these (HTML's implied end tags)
_CLOSED_BY = {
    "p": BLOCKS,
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th", "tr"},
    "th": {"td", "th", "tr"},
}

MAX_DEPTH = 200  # deeper HTML is flattened: the conversion recurses once per level


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    line: int = 1  # in the HTML given, from 1

    def text(self) -> str:
        """The text inside, tags removed."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str) -> Node | None:
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("body")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        node = Node(tag, {name: value or "" for name, value in attrs}, line=self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
            if self.stack[depth].tag in ("ul", "ol", "table") and tag in ("li", "tr", "td", "th"):
                return  # a stray </li> never closes an outer list's item

    def handle_data(self, data: str) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    def _close_implied(self, tag: str) -> None:
        while len(self.stack) > 1 and tag in _CLOSED_BY.get(self.stack[-1].tag, ()):
            self.stack.pop()


def parse(html: str) -> Node:
    """The tree of ``html``, under a ``body`` node."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def plain_text(html: str) -> str:
    """The words of ``html`` on one line: an excerpt as a summary."""
    return " ".join(re.sub(r"\s+", " ", parse(html).text()).split())
