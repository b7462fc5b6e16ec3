"""What the plan hands to rendering: immutable links, cards, pagers and pages.

A page's ``context`` holds only these values and plain data, so its fingerprint (the hash of
everything it shows) decides whether it must be rendered again. Each kind of page has its
context's type (a ``TypedDict``: a plain dict at run time, its keys checked by mypy), and a
feed is marked by its template, ``FEED``: code writes it (``render.feeds``), not a layout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, Final, Literal, TypedDict, cast, final

from sitegen.config import Alert, SiteConfig
from sitegen.plan.photos import ImageFile, ImageInfo, Pictures
from sitegen.plan.profiles import Profile
from sitegen.plan.related import Related
from sitegen.plan.taxonomy import (
    Term,
    place_chain,
)
from sitegen.read.articles import Article, output_file
from sitegen.read.corrections import Correction
from sitegen.util.slugs import slugify

NAV_TAG_COUNT = 6

# The layouts the planner renders pages with, and the templates of a feed and of an alias's
# redirect page, which code writes (so any site's layouts serve them).
Layout = Literal["home.html", "list.html", "terms.html", "article.html", "search.html", "404.html", "ralat.html"]

FEED: Final = "rss"

REDIRECT: Final = "redirect"

CORRECTIONS_FEED: Final = "rss-ralat"  # the feed of corrections (render.corrections)

Template = Layout | Literal["rss", "redirect", "rss-ralat"]


def _repr_digest(value: object) -> str:
    """A hash of a dataclass's fields (all but ``digest``), nested ones by their repr.

    The small objects of page contexts carry it, so a page's fingerprint takes each in one
    step (see fingerprint.Fingerprinter) instead of walking the same fields on thousands of
    pages. The repr of a tuple of the fields runs in C, unlike a dataclass's own repr.
    """
    kind = type(value)
    text = f"{kind.__name__}{_shown(kind)(value)!r}"  # type: ignore[arg-type]  # (a class is hashable)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@cache
def _shown(kind: type[Any]) -> operator.attrgetter[Any]:
    """What a digest is made of: every field of the dataclass but ``digest``."""
    return operator.attrgetter(*[f.name for f in fields(kind) if f.name != "digest"])


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
    profile: Profile | None = None  # for an editor with a profile (plan.profiles)
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


def paginate(items: tuple[Card, ...], size: int, first_path: str) -> list[Pager]:
    total = max(1, -(-len(items) // size))
    paths = tuple(first_path if n == 1 else f"{first_path}page/{n}/" for n in range(1, total + 1))
    return [
        Pager(
            number=n,
            total=total,
            items=items[(n - 1) * size : n * size],
            path=paths[n - 1],
            first_path=first_path,
            prev_path=paths[n - 2] if n > 1 else None,
            next_path=paths[n] if n < total else None,
            page_paths=paths,
        )
        for n in range(1, total + 1)
    ]


# -- page contexts: what each kind of page hands its layout (or, for a feed, render.feeds) ---
# The planner builds each as a dict display, in the order of these keys: a context's
# fingerprint follows the order of its keys.


class _Shared(TypedDict):
    """What every layout shows: the site's settings, the navigation's tags and the alert banner
    while it is current (None otherwise: its state at the build's moment is part of every page)."""

    site: SiteConfig
    nav_tags: tuple[Link, ...]
    alert: Alert | None


@final
class PlainContext(_Shared):
    """The search page and the 404 page: the shared part only (one dict for both)."""


@final
class HomeContext(_Shared):
    feed_path: str
    pager: Pager


@final
class ListContext(_Shared):
    """A page of the list of a tag, place, editor or archive period."""

    listing: Listing
    pager: Pager


@final
class IndexContext(_Shared):
    """The index of every tag, place, editor or archive period."""

    index: Index


@final
class ArticleContext(_Shared):
    article: Article
    status: str  # see Card.status
    tags: tuple[Link, ...]
    places: tuple[Link, ...]  # outermost first
    editor: Link
    profile: Profile | None  # the editor's, if they have one
    newer: Card | None
    older: Card | None
    related: tuple[Card, ...]
    # the photos, with their variants: a replaced photo changes the page
    featured: ImageInfo | None
    images: tuple[ImageInfo, ...]
    gallery: tuple[ImageInfo, ...]  # the front matter's gallery, shown below the story
    share_image: ImageInfo | None
    corrections: tuple[Correction, ...]  # those published at the build's moment, oldest first


@final
class CorrectionsContext(_Shared):
    """A page of /ralat/: the corrected stories, newest correction first, each with its own."""

    feed_path: str
    pager: Pager
    corrections: tuple[tuple[Correction, ...], ...]  # of each card of ``pager``, newest first


@final
class CorrectionFeedContext(TypedDict):
    """The feed of corrections: one item for each, newest first, naming its story."""

    site: SiteConfig
    title: str
    page_path: str
    items: tuple[tuple[Card, Correction], ...]


@final
class FeedContext(TypedDict):
    """An RSS feed: the site's carries full text (``bodies``, ``pictures``), a list's summaries."""

    site: SiteConfig
    title: str
    page_path: str
    items: tuple[Card, ...]
    bodies: tuple[Article, ...] | None  # the articles of ``items``, for the site feed
    pictures: tuple[Pictures, ...] | None  # and their photos


@final
class RedirectContext(TypedDict):
    """An alias's page (render.redirect): it sends the reader on to the article's page."""

    site: SiteConfig
    title: str  # the article's
    target: str  # the article's path


LayoutContext = PlainContext | HomeContext | ListContext | IndexContext | ArticleContext | CorrectionsContext

PageContext = LayoutContext | FeedContext | RedirectContext | CorrectionFeedContext


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # below the site root: /tag/polri/page/2/
    template: Template  # FEED's context is a FeedContext, REDIRECT's a RedirectContext, a layout's a LayoutContext
    context: PageContext = field(hash=False)
    in_sitemap: bool = True
    modified: dt.datetime | None = None
    output_file: str = field(init=False, repr=False, compare=False)  # asked for often: made once

    def __post_init__(self) -> None:
        object.__setattr__(self, "output_file", output_file(self.path))

    @property
    def article(self) -> Article | None:
        """The article an article page shows; None for every other page."""
        # (asked of every page by several stages: no call through article_context)
        return self.context["article"] if self.template == "article.html" else None  # type: ignore[typeddict-item]

    @property
    def article_context(self) -> ArticleContext:
        """The context of an article page; ValueError for any other page."""
        if self.template != "article.html":
            raise ValueError(f"{self.path} is not an article's page")
        # The template tells the kinds apart (to mypy, a union of TypedDicts whose keys
        # include another's is that other): the planner pairs article.html with an ArticleContext.
        return cast(ArticleContext, self.context)


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
    images: tuple[ImageFile, ...] = ()  # the photos the published articles and profiles show, each once
    profiles: Mapping[str, Profile] = field(default_factory=dict)  # by the editor's slug

    @property
    def tags(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.kind == "tag")
