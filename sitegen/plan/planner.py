"""The gather stage: from every article read, the complete plan of the site.

Everything a page shows is resolved here, from an index built after all content is read:
sorting, terms (tags, places, editors, archives), pagination, neighbours, related stories.
Rendering then gets a plain, complete context per page and never looks anything up.

A page's context holds only what the page can show (cards, links and counts rather than
whole articles), so its fingerprint changes exactly when its output can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic
from sitegen.plan.clashes import duplicate_paths, pages_over_articles
from sitegen.plan.contexts import ArticleContexts
from sitegen.plan.corrections import correction_pages, last_modified
from sitegen.plan.model import (
    FEED,
    NAV_TAG_COUNT,
    Card,
    FeedContext,
    Held,
    HomeContext,
    Index,
    IndexContext,
    Layout,
    Link,
    ListContext,
    Listing,
    Page,
    Pager,
    PlainContext,
    Site,
    Summary,
    paginate,
)
from sitegen.plan.photos import ImageFile, Pictures, pictures
from sitegen.plan.profiles import Profile, plan_profiles, shown_photos
from sitegen.plan.redirects import alias_problems, redirects
from sitegen.plan.related import Choice, choose
from sitegen.plan.taxonomy import (
    Term,
    collect_archives,
    collect_editors,
    collect_locations,
    collect_tags,
    newest_first,
)
from sitegen.plan.timely import current_alert
from sitegen.read.articles import Article, ReadResult
from sitegen.read.profiles import EditorProfile
from sitegen.util.urls import same_file as same_file  # devserver.quick compares files as the planner does


def gather(
    config: SiteConfig,
    results: list[ReadResult],
    now: dt.datetime,
    drafts: bool = False,
    future: bool = False,
    known_related: object = None,
    images: Mapping[str, ImageFile] | None = None,
    profiles: tuple[EditorProfile, ...] = (),
) -> tuple[Site | None, list[Diagnostic]]:
    """The site's plan. ``known_related`` is a previous build's related-articles record
    (related.choose): only the choices its changes can reach are made again. ``images``: the
    photo files the articles and profiles refer to, by their path (images.plan); ``profiles``:
    the editors' (read.profiles)."""
    lines = {r.source: dict(r.lines) for r in results}
    published, held = published_and_held(results, now, drafts, future)
    problems = duplicate_paths(published, lines)
    articles = tuple(newest_first(published))
    terms = _terms(config, articles, lines, problems)
    if any(p.severity == "error" for p in problems):
        return None, problems

    chosen = choose(articles, terms, config.related_count, known_related)
    files = images or {}
    editors = {t.slug for t in terms if t.kind == "editor"}
    planned, profile_problems = plan_profiles(config, profiles, editors, files)
    problems.extend(profile_problems)
    pages = Planner(config, articles, terms, chosen.choice, files, now, planned).plan()
    problems.extend(pages_over_articles(pages, lines, {t.path: t for t in terms}))
    aliases = redirects(config, articles)
    problems.extend(alias_problems(pages, aliases, lines))
    pages += tuple(r.page for r in aliases if r.page is not None)
    if any(p.severity == "error" for p in problems):
        return None, problems
    photos = shown_photos([*articles, *(p for p in profiles if p.slug in editors)], files)
    site = Site(config, articles, tuple(terms), pages, tuple(held), now, chosen, photos, planned)
    return site, problems


def published_and_held(
    results: list[ReadResult], now: dt.datetime, drafts: bool, future: bool
) -> tuple[list[Article], list[Held]]:
    """The articles read, by source: those the build publishes, and those it holds back."""
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
    return published, held


def _terms(
    config: SiteConfig, articles: tuple[Article, ...], lines: dict[str, dict[str, int]], problems: list[Diagnostic]
) -> list[Term]:
    """Every tag, place, editor and archive period; their spelling warnings go to ``problems``."""
    terms: list[Term] = []
    for collect in (collect_tags, collect_locations, collect_editors):
        found, term_problems = collect(config, articles, lines)
        terms.extend(found)
        problems.extend(term_problems)
    terms.extend(collect_archives(config, articles))
    return terms


def shown_listing(listing: Listing, number: int) -> Listing:
    """What page ``number`` of a list shows of its term: an editor's profile is shown on the
    first page only, so the others do not depend on it."""
    return listing if number == 1 or listing.profile is None else replace(listing, profile=None)


def _newest(cards: tuple[Card, ...]) -> dt.datetime | None:
    return max((c.updated or c.date for c in cards), default=None)


def status_of(article: Article, now: dt.datetime) -> str:
    """What a preview marks on an article's page and cards: "draft", "scheduled" or ""."""
    return "draft" if article.draft else "scheduled" if article.date > now else ""


def shared_context(
    config: SiteConfig, tags: list[Term], now: dt.datetime, links: Mapping[str, Link] | None = None
) -> PlainContext:
    """What every layout is handed: the settings, the navigation's tags, the current alert."""
    return {"site": config, "nav_tags": nav_links(tags, links), "alert": current_alert(config, now)}


def nav_links(tags: list[Term], links: Mapping[str, Link] | None = None) -> tuple[Link, ...]:
    """The tags every page's navigation shows: the most used first (``links``: the terms' by path)."""
    nav = sorted(tags, key=lambda t: (-t.count, t.name.casefold()))[:NAV_TAG_COUNT]
    return tuple(links[t.path] if links is not None else Link(t.name, t.path) for t in nav)


_LABELS = {"tag": "Topik", "location": "Lokasi", "editor": "Editor", "archive": "Arsip"}  # of term feeds' titles


class Planner:
    """Every page of the site, in a fixed order (``plan``). Each kind of page is added by its
    own method, which sitegen/plan/incremental.py overrides to keep the pages of the last plan
    whose inputs are the same."""

    def __init__(
        self,
        config: SiteConfig,
        articles: tuple[Article, ...],
        terms: list[Term],
        chosen: Choice,
        images: Mapping[str, ImageFile],
        now: dt.datetime,
        profiles: Mapping[str, Profile],
    ) -> None:
        self.config = config
        self.images = images
        self.profiles = profiles
        self.now = now
        # what a preview shows that is not published: marked on its page and its cards
        self.status = {a.source: status_of(a, now) for a in articles}
        self.chosen = chosen
        self.articles = articles
        self.terms = terms
        self.by_path = {t.path: t for t in terms}
        tags = [t for t in terms if t.kind == "tag"]
        self.tag_names = {t.slug: t.name for t in tags}
        self.pictures = self.make_pictures()
        self.cards = self.make_cards()
        self.links = self.make_links()
        self.common = shared_context(config, tags, now, self.links)
        self.pages: list[Page] = []

    def make_links(self) -> dict[str, Link]:
        """A link to each term, by its path."""
        return {t.path: Link(t.name, t.path) for t in self.terms}

    def make_pictures(self) -> dict[str, Pictures]:
        """Each article's photos, by its source."""
        images = self.images
        return {a.source: pictures(a, images) for a in self.articles}

    def make_cards(self) -> dict[str, Card]:
        """Each article's card, by its path."""
        config, tag_names, status = self.config, self.tag_names, self.status
        return {a.path: Card.of(config, a, tag_names, status[a.source]) for a in self.articles}

    def summary(self, term: Term, depth: int = 0) -> Summary:
        kids = tuple(self.summary(self.by_path[c], depth + 1) for c in term.children) if depth < 3 else ()
        return Summary(term.name, term.path, term.count, kids)

    def add_home(self, cards: tuple[Card, ...]) -> None:
        for pager in paginate(cards, self.config.page_size, "/"):
            self.home_page(pager)

    def home_page(self, pager: Pager) -> None:
        context: HomeContext = {**self.common, "feed_path": "/feed.xml", "pager": pager}
        self.pages.append(Page(pager.path, "home.html", context, modified=_newest(pager.items)))

    def add_list(self, listing: Listing, cards: tuple[Card, ...]) -> None:
        for pager in paginate(cards, self.config.page_size, listing.path):
            self.list_page(listing, pager)

    def list_page(self, listing: Listing, pager: Pager) -> None:
        context: ListContext = {**self.common, "listing": shown_listing(listing, pager.number), "pager": pager}
        self.pages.append(Page(pager.path, "list.html", context, modified=_newest(pager.items)))

    def add_feed(self, path: str, title: str, page_path: str, items: tuple[Card, ...], full: bool) -> None:
        size = self.config.feed_size
        context: FeedContext = {
            "site": self.config,
            "title": title,
            "page_path": page_path,
            "items": items[:size],
            # the site feed carries each story's full text; a list's feed, summaries
            "bodies": self.articles[:size] if full else None,
            "pictures": tuple(self.pictures[a.source] for a in self.articles[:size]) if full else None,
        }
        self.pages.append(Page(path, FEED, context, in_sitemap=False))

    def plan(self) -> tuple[Page, ...]:
        cards = tuple(self.cards.values())
        self.add_home(cards)
        self.add_feed("/feed.xml", self.config.title, "/", cards, full=True)
        self._article_pages()
        self._term_pages()
        self.add_corrections()
        self.add_plain("/cari/", "search.html")  # sitegen/write/search.py
        self.add_plain("/404.html", "404.html")
        return tuple(self.pages)

    def add_corrections(self) -> None:
        self.pages += correction_pages(self.config, self.articles, self.cards, self.common, self.now)

    def add_plain(self, path: str, template: Layout) -> None:
        self.pages.append(Page(path, template, self.common, in_sitemap=False))

    def _term_pages(self) -> None:
        """Of each kind of term, its index, then each term's list pages and feed."""
        config = self.config
        prefixes = {
            "tag": config.tag_prefix,
            "location": config.location_prefix,
            "editor": config.editor_prefix,
            "archive": config.archive_prefix,
        }
        links = self.links
        card_of = {id(a): self.cards[a.path] for a in self.articles}  # by identity: no hashing of articles
        for kind, prefix in prefixes.items():
            own = [t for t in self.terms if t.kind == kind]
            self.add_index(Index(kind, f"/{prefix}/", tuple(self.summary(t) for t in own if not t.parents)))
            for term in own:
                self.add_term(term, links, card_of)

    def add_term(self, term: Term, links: dict[str, Link], card_of: dict[int, Card]) -> None:
        """A term's list pages and feed."""
        feed = term.feed_path if term.kind != "archive" else None
        listing = self.listing(term, feed, links)
        term_cards = tuple(map(card_of.__getitem__, map(id, term.articles)))
        self.add_list(listing, term_cards)
        if feed:
            title = f"{_LABELS[term.kind]}: {term.name} – {self.config.title}"
            self.add_feed(feed, title, term.path, term_cards, full=False)

    def listing(self, term: Term, feed: str | None, links: dict[str, Link]) -> Listing:
        parents = tuple(links[p] for p in term.parents)
        kids = tuple(self.summary(self.by_path[c], 3) for c in term.children)
        profile = self.profiles.get(term.slug) if term.kind == "editor" else None
        return Listing(term.kind, term.name, term.path, feed, term.count, parents, kids, profile)

    def add_index(self, index: Index) -> None:
        context: IndexContext = {**self.common, "index": index}
        self.pages.append(Page(index.path, "terms.html", context))

    def _article_pages(self) -> None:
        articles, cards = self.articles, self.cards
        contexts = ArticleContexts(
            self.config,
            articles,
            self.terms,
            self.common,
            self.chosen,
            self.now,
            card=lambda article: cards[article.path],
            status=lambda article: self.status[article.source],
            shown=lambda article: self.pictures[article.source],
            profiles=self.profiles,
            links=self.links,
        )
        for index, article in enumerate(articles):
            self.add_article(index, article, contexts)

    def add_article(self, index: int, article: Article, contexts: ArticleContexts) -> None:
        self.pages.append(article_page(index, article, contexts))


def article_page(index: int, article: Article, contexts: ArticleContexts) -> Page:
    return Page(article.path, "article.html", contexts(index), modified=last_modified(article, contexts.now))
