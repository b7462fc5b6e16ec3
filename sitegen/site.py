"""The gather stage: from every article read, the complete plan of the site.

Everything a page shows is resolved here, from an index built after all content is read:
sorting, tags, pagination, neighbours. Rendering then gets a plain, complete context per
page and never looks anything up.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitegen.articles import Article, ReadResult, output_file
from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, error, warning
from sitegen.slugs import slugify

NAV_TAG_COUNT = 6


@dataclass(frozen=True, slots=True)
class TagRef:
    """What a page needs to link to a tag."""

    name: str
    path: str


@dataclass(frozen=True, slots=True)
class TagSummary:
    """A tag with its count, for the tag index and a tag page's heading."""

    name: str
    path: str
    count: int


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    slug: str
    path: str
    articles: tuple[Article, ...]  # newest first

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def ref(self) -> TagRef:
        return TagRef(self.name, self.path)

    @property
    def summary(self) -> TagSummary:
        return TagSummary(self.name, self.path, self.count)


@dataclass(frozen=True, slots=True)
class Card:
    """An article as list pages and neighbour links show it: no body.

    A page's context holds only what the page can show, so its fingerprint, and with it
    the incremental build, changes exactly when the page's output can: editing a body
    re-renders the article, not every list that names it.
    """

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

    @classmethod
    def of(cls, article: Article) -> Card:
        return cls(
            article.title,
            article.path,
            article.date,
            article.updated,
            article.summary,
            article.editor,
            article.location,
            article.places,
            article.tags,
            article.dateline,
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


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # below the site root: /tag/polri/page/2/
    template: str
    context: dict[str, Any] = field(hash=False)
    in_sitemap: bool = True
    modified: dt.datetime | None = None

    @property
    def output_file(self) -> str:
        return output_file(self.path)


@dataclass(frozen=True)
class Held:
    """An article kept out of the output, and why."""

    article: Article
    reason: str  # "draft" or "future"


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    articles: tuple[Article, ...]  # published, newest first
    tags: tuple[Tag, ...]  # by name
    pages: tuple[Page, ...]
    held: tuple[Held, ...]


def newest_first(articles: list[Article] | tuple[Article, ...]) -> list[Article]:
    # explicit tie-breakers: the same input always gives the same order
    return sorted(articles, key=lambda a: (-a.date.timestamp(), a.source))


def gather(
    config: SiteConfig,
    results: list[ReadResult],
    now: dt.datetime,
    drafts: bool = False,
    future: bool = False,
) -> tuple[Site | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    lines = {r.source: dict(r.lines) for r in results}
    published: list[Article] = []
    held: list[Held] = []
    for result in sorted(results, key=lambda r: r.source):
        article = result.article
        if article is None:
            continue
        if article.draft and not drafts:
            held.append(Held(article, "draft"))
        elif article.date > now and not future:
            held.append(Held(article, "future"))
        else:
            published.append(article)

    problems.extend(_duplicate_paths(published, lines))
    tags, tag_problems = _collect_tags(config, published, lines)
    problems.extend(tag_problems)
    if any(p.severity == "error" for p in problems):
        return None, problems

    articles = tuple(newest_first(published))
    pages = _plan_pages(config, articles, tags)
    return Site(config, articles, tags, pages, tuple(held)), problems


def _duplicate_paths(articles: list[Article], lines: dict[str, dict[str, int]]) -> list[Diagnostic]:
    by_file: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        # case and Unicode normalization differences still land on one file on many disks
        by_file[unicodedata.normalize("NFC", article.output_file).casefold()].append(article)
    problems = []
    for same in by_file.values():
        if len(same) < 2:
            continue
        for article in same:
            others = ", ".join(o.source for o in same if o is not article)
            line = lines[article.source].get("slug", 1)
            problems.append(error(article.source, line, f"the URL {article.path} is also the URL of {others}"))
    return problems


def _collect_tags(
    config: SiteConfig, articles: list[Article], lines: dict[str, dict[str, int]]
) -> tuple[tuple[Tag, ...], list[Diagnostic]]:
    members: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for name in article.tags:
            slug = slugify(name)
            members[slug].append(article)
            spellings[slug][name] += 1
    problems: list[Diagnostic] = []
    tags = []
    for slug in sorted(members):
        counts = spellings[slug]
        # the most used spelling names the tag; ties go to the first in sorted order
        name = min(counts, key=lambda n: (-counts[n], n))
        if len(counts) > 1:
            for article in members[slug]:
                for other in article.tags:
                    if slugify(other) == slug and other != name:
                        problems.append(
                            warning(
                                article.source,
                                lines[article.source].get("tags", 1),
                                f"tag '{other}' is written '{name}' elsewhere; both are filed under '{name}'",
                            )
                        )
        path = f"/{config.tag_prefix}/{slug}/"
        tags.append(Tag(name, slug, path, tuple(newest_first(members[slug]))))
    return tuple(sorted(tags, key=lambda t: (t.name.casefold(), t.slug))), problems


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


def _plan_pages(config: SiteConfig, articles: tuple[Article, ...], tags: tuple[Tag, ...]) -> tuple[Page, ...]:
    nav_tags = tuple(t.ref for t in sorted(tags, key=lambda t: (-t.count, t.name.casefold()))[:NAV_TAG_COUNT])
    refs = {tag.slug: tag.ref for tag in tags}
    common = {"site": config, "nav_tags": nav_tags}
    pages: list[Page] = []
    cards = {article.path: Card.of(article) for article in articles}
    for pager in paginate(tuple(cards.values()), config.page_size, "/"):
        pages.append(Page(pager.path, "home.html", {**common, "pager": pager}))
    for index, article in enumerate(articles):
        newer = cards[articles[index - 1].path] if index > 0 else None
        older = cards[articles[index + 1].path] if index + 1 < len(articles) else None
        article_tags = tuple(refs[slugify(name)] for name in article.tags)
        context = {**common, "article": article, "tags": article_tags, "newer": newer, "older": older}
        pages.append(Page(article.path, "article.html", context, modified=article.updated or article.date))
    tag_root = f"/{config.tag_prefix}/"
    # contexts hold only what the page shows (a tag's summary, not all its articles), so
    # a page's fingerprint changes exactly when its output can
    pages.append(Page(tag_root, "tags.html", {**common, "tags": tuple(t.summary for t in tags)}))
    for tag in tags:
        summary = tag.summary
        for pager in paginate(tuple(cards[a.path] for a in tag.articles), config.page_size, tag.path):
            pages.append(Page(pager.path, "tag.html", {**common, "tag": summary, "pager": pager}))
    pages.append(Page("/404.html", "404.html", common, in_sitemap=False))
    return tuple(pages)
