"""The gather stage: from every article read, the complete plan of the site.

Everything a page shows is resolved here, from an index built after all content is read:
sorting, terms (tags, places, editors, archives), pagination, neighbours, related stories.
Rendering then gets a plain, complete context per page and never looks anything up.

A page's context holds only what the page can show (cards, links and counts rather than
whole articles), so its fingerprint changes exactly when its output can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic
from sitegen.plan.clashes import duplicate_paths, pages_over_articles
from sitegen.plan.model import (
    FEED,
    NAV_TAG_COUNT,
    ArticleContext,
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
)
from sitegen.plan.photos import ImageFile, Pictures, pictures
from sitegen.plan.redirects import alias_problems, redirects
from sitegen.plan.related import Choice, choose
from sitegen.plan.taxonomy import (
    Term,
    chain_keys,
    collect_archives,
    collect_editors,
    collect_locations,
    collect_tags,
    newest_first,
    place_chain,
    place_path,
)
from sitegen.read.articles import Article, ReadResult
from sitegen.util.slugs import slugify
from sitegen.util.urls import same_file as same_file  # devserver.quick compares files as the planner does


def gather(
    config: SiteConfig,
    results: list[ReadResult],
    now: dt.datetime,
    drafts: bool = False,
    future: bool = False,
    known_related: object = None,
    images: Mapping[str, ImageFile] | None = None,
) -> tuple[Site | None, list[Diagnostic]]:
    """The site's plan. ``known_related`` is a previous build's related-articles record
    (related.choose): only the choices its changes can reach are made again. ``images``: the
    photo files the articles refer to, by their path (images.plan)."""
    lines = {r.source: dict(r.lines) for r in results}
    published, held = published_and_held(results, now, drafts, future)
    problems = duplicate_paths(published, lines)
    articles = tuple(newest_first(published))
    terms = _terms(config, articles, lines, problems)
    if any(p.severity == "error" for p in problems):
        return None, problems

    chosen = choose(articles, terms, config.related_count, known_related)
    files = images or {}
    pages = Planner(config, articles, terms, chosen.choice, files, now).plan()
    problems.extend(pages_over_articles(pages, lines, {t.path: t for t in terms}))
    aliases = redirects(config, articles)
    problems.extend(alias_problems(pages, aliases, lines))
    pages += tuple(r.page for r in aliases if r.page is not None)
    if any(p.severity == "error" for p in problems):
        return None, problems
    shown = sorted({ref.path for article in articles for ref in article.images if ref.path in files})
    site = Site(config, articles, tuple(terms), pages, tuple(held), now, chosen, tuple(files[p] for p in shown))
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


def _newest(cards: tuple[Card, ...]) -> dt.datetime | None:
    return max((c.updated or c.date for c in cards), default=None)


def status_of(article: Article, now: dt.datetime) -> str:
    """What a preview marks on an article's page and cards: "draft", "scheduled" or ""."""
    return "draft" if article.draft else "scheduled" if article.date > now else ""


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
    ) -> None:
        self.config = config
        self.images = images
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
        self.common: PlainContext = {"site": config, "nav_tags": nav_links(tags, self.links)}
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
        context: ListContext = {**self.common, "listing": listing, "pager": pager}
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
        self.add_plain("/cari/", "search.html")  # sitegen/write/search.py
        self.add_plain("/404.html", "404.html")
        return tuple(self.pages)

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
        return Listing(term.kind, term.name, term.path, feed, term.count, parents, kids)

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
            card=lambda article: cards[article.path],
            status=lambda article: self.status[article.source],
            shown=lambda article: self.pictures[article.source],
            links=self.links,
        )
        for index, article in enumerate(articles):
            self.add_article(index, article, contexts)

    def add_article(self, index: int, article: Article, contexts: ArticleContexts) -> None:
        self.pages.append(article_page(index, article, contexts))


def article_page(index: int, article: Article, contexts: ArticleContexts) -> Page:
    return Page(article.path, "article.html", contexts(index), modified=article.updated or article.date)


class ArticleContexts:
    """The context of each article's page, from the site's articles (newest first), terms,
    shared context and related-stories choice; ``card``, ``status`` and ``shown`` give an
    article's card, preview status and photos. The planner makes every one; the dev
    server's quick render (sitegen/devserver/quick.py) makes one, with the same code."""

    def __init__(
        self,
        config: SiteConfig,
        articles: tuple[Article, ...],
        terms: list[Term],
        common: PlainContext,
        chosen: Choice,
        card: Callable[[Article], Card],
        status: Callable[[Article], str],
        shown: Callable[[Article], Pictures],
        links: Mapping[str, Link] | None = None,
    ) -> None:
        self.config, self.articles, self.common, self.chosen = config, articles, common, chosen
        self.card, self.status, self.shown = card, status, shown
        # one Link per term, shared by every article filed there (each Link hashes itself)
        made = links if links is not None else {t.path: Link(t.name, t.path) for t in terms}
        self.tag_links = {t.slug: made[t.path] for t in terms if t.kind == "tag"}
        self.editor_links = {t.slug: made[t.path] for t in terms if t.kind == "editor"}
        self.place_links = {t.path: made[t.path] for t in terms if t.kind == "location"}
        self.by_source = {a.source: a for a in articles}
        # articles filed under the same places or tags share one tuple of links: a page's
        # fingerprint hashes a tuple once per build (memoized by identity), not once per page
        self.shared_places: dict[tuple[str, ...], tuple[Link, ...]] = {}
        self.shared_tags: dict[tuple[str, ...], tuple[Link, ...]] = {}

    def __call__(self, index: int) -> ArticleContext:
        articles, card = self.articles, self.card
        article = articles[index]
        chain = place_chain(self.config, article)
        places = self.shared_places.get(chain)
        if places is None:
            links, config = self.place_links, self.config
            places = self.shared_places[chain] = tuple([links[place_path(config, key)] for key, _ in chain_keys(chain)])
        tags = self.shared_tags.get(article.tags)
        if tags is None:
            tags = self.shared_tags[article.tags] = tuple([self.tag_links[slugify(n)] for n in article.tags])
        shown = self.shown(article)
        return {
            **self.common,
            "article": article,
            "status": self.status(article),
            "tags": tags,
            "places": places,
            "editor": self.editor_links[slugify(article.editor)],
            "newer": card(articles[index - 1]) if index > 0 else None,
            "older": card(articles[index + 1]) if index + 1 < len(articles) else None,
            "related": tuple(card(self.by_source[s]) for s in self.chosen.get(article.source, ())),
            "featured": shown.featured,
            "images": shown.body,
            "share_image": shown.share,
        }
