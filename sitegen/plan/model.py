"""What the plan hands to rendering: immutable links, cards, pagers and pages.

A page's ``context`` holds only these values and plain data, so its fingerprint (the hash of
everything it shows) decides whether it must be rendered again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from dataclasses import dataclass, field, fields
from typing import Any

from sitegen.config import SiteConfig
from sitegen.plan.photos import ImageFile
from sitegen.plan.related import Related
from sitegen.plan.taxonomy import (
    Term,
    place_chain,
)
from sitegen.read.articles import Article, output_file
from sitegen.util.slugs import slugify

NAV_TAG_COUNT = 6

RSS = "rss"  # the template name of feeds, which code writes rather than a layout


_SHOWN: dict[type, operator.attrgetter[Any]] = {}


def _repr_digest(value: object) -> str:
    """A hash of a dataclass's fields (all but ``digest``), nested ones by their repr.

    The small objects of page contexts carry it, so a page's fingerprint takes each in one
    step (see fingerprint.Fingerprinter) instead of walking the same fields on thousands of
    pages. The repr of a tuple of the fields runs in C, unlike a dataclass's own repr.
    """
    kind = type(value)
    shown = _SHOWN.get(kind)
    if shown is None:
        names = [f.name for f in fields(kind) if f.name != "digest"]  # type: ignore[arg-type]
        shown = _SHOWN[kind] = operator.attrgetter(*names)
    text = f"{kind.__name__}{shown(value)!r}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Link:
    name: str
    path: str
    digest: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", _repr_digest(self))


@dataclass(frozen=True, slots=True)
class Summary:
    """A term as an index shows it: name, link, count and the terms below it."""

    name: str
    path: str
    count: int
    children: tuple[Summary, ...] = ()
    digest: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", _repr_digest(self))


@dataclass(frozen=True, slots=True)
class Listing:
    """The term a list page is about."""

    kind: str  # tag, location, editor, archive
    name: str
    path: str
    feed_path: str | None
    count: int
    parents: tuple[Link, ...]  # for places and months: the terms above, outermost first
    children: tuple[Summary, ...]  # for places and years: the terms below
    digest: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", _repr_digest(self))


@dataclass(frozen=True, slots=True)
class Index:
    kind: str
    path: str
    entries: tuple[Summary, ...]
    digest: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", _repr_digest(self))


@dataclass(frozen=True, slots=True)
class Card:
    """An article as list pages, neighbour links and related stories show it: no body."""

    title: str
    path: str
    date: dt.datetime
    updated: dt.datetime | None
    summary: str
    editor: str
    location: str
    places: tuple[str, ...]
    tags: tuple[str, ...]
    dateline: str
    # "draft" or "scheduled" for what only a preview (--drafts, --future) shows; else ""
    status: str = ""
    # A hash of the repr of every field above, so a page's fingerprint takes a card in one
    # step: thousands of list pages share the same cards.
    digest: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        # from what the card shows, not the article's digest: editing a body must not
        # re-render every list that names the article
        object.__setattr__(self, "digest", _repr_digest(self))

    @classmethod
    def of(cls, config: SiteConfig, article: Article, tag_names: dict[str, str], status: str = "") -> Card:
        """The card of an article, its tags and places (most specific first, aliases applied)
        spelled as the site files them."""
        tags = tuple(tag_names.get(slugify(tag), tag) for tag in article.tags)
        places = tuple(reversed(place_chain(config, article)))
        return cls(
            article.title,
            article.path,
            article.date,
            article.updated,
            article.summary,
            article.editor,
            ", ".join(places),
            places,
            tags,
            article.dateline,
            status,
        )


@dataclass(frozen=True, slots=True)
class Pager:
    """One page of a paginated list."""

    number: int
    total: int
    items: tuple[Card, ...]
    path: str
    first_path: str
    prev_path: str | None
    next_path: str | None
    page_paths: tuple[str, ...]  # every page of the list, for numbered links
    digest: str = field(default="", repr=False, compare=False)

    @property
    def window(self) -> tuple[tuple[int, str] | None, ...]:
        """The numbered links to show: the first and last pages and two on each side of
        this one, ``None`` where a gap is (computed here: a loop over every page of a
        500-page list in the layout, on each of its 500 pages, would cost quadratic time)."""
        shown = sorted({1, self.total, *range(max(1, self.number - 2), min(self.total, self.number + 2) + 1)})
        result: list[tuple[int, str] | None] = []
        for n in shown:
            if result and result[-1] is not None and n - result[-1][0] > 1:
                result.append(None)
            result.append((n, self.page_paths[n - 1]))
        return tuple(result)

    def __post_init__(self) -> None:
        # the cards by their digests; every path of the list follows from first_path and
        # total (see paginate), and the page's own paths are hashed too
        parts = [str(self.number), str(self.total), self.path, self.first_path, str(self.prev_path)]
        parts += [str(self.next_path), str(len(self.page_paths)), *(card.digest for card in self.items)]
        object.__setattr__(self, "digest", hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest())


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # below the site root: /tag/polri/page/2/
    template: str
    context: dict[str, Any] = field(hash=False)
    in_sitemap: bool = True
    modified: dt.datetime | None = None
    output_file: str = field(init=False, repr=False, compare=False)  # asked for often: made once

    def __post_init__(self) -> None:
        object.__setattr__(self, "output_file", output_file(self.path))

    @property
    def article(self) -> Article | None:
        """The article an article page shows; None for every other page."""
        return self.context.get("article") if self.template == "article.html" else None


@dataclass(frozen=True)
class Held:
    """An article kept out of the output, and why."""

    article: Article
    reason: str  # "draft" or "future"


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    articles: tuple[Article, ...]  # published, newest first
    terms: tuple[Term, ...]  # every tag, place, editor and archive period
    pages: tuple[Page, ...]
    held: tuple[Held, ...]
    now: dt.datetime
    related: Related | None = None  # the related-articles choice with its record, for the cache
    images: tuple[ImageFile, ...] = ()  # the photos the published articles show, each once

    @property
    def tags(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.kind == "tag")
