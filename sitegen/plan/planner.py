"""The gather stage: from every article read, the complete plan of the site.

Everything a page shows is resolved here, from an index built after all content is read:
sorting, terms (tags, places, editors, archives), pagination, neighbours, related stories.
Rendering then gets a plain, complete context per page and never looks anything up.

A page's context holds only what the page can show (cards, links and counts rather than
whole articles), so its fingerprint changes exactly when its output can.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import cast

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error
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
    published, held = _published(results, now, drafts, future)
    problems = _duplicate_paths(published, lines)
    articles = tuple(newest_first(published))
    terms = _terms(config, articles, lines, problems)
    if any(p.severity == "error" for p in problems):
        return None, problems

    chosen = choose(articles, terms, config.related_count, known_related)
    files = images or {}
    pages = _Planner(config, articles, terms, chosen.choice, files, now).plan()
    problems.extend(_pages_over_articles(pages, lines, {t.path: t for t in terms}))
    aliases = redirects(config, articles)
    problems.extend(alias_problems(pages, aliases, lines))
    pages += tuple(r.page for r in aliases if r.page is not None)
    if any(p.severity == "error" for p in problems):
        return None, problems
    shown = sorted({ref.path for article in articles for ref in article.images if ref.path in files})
    site = Site(config, articles, tuple(terms), pages, tuple(held), now, chosen, tuple(files[p] for p in shown))
    return site, problems


def _published(
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


def _duplicate_paths(articles: list[Article], lines: dict[str, dict[str, int]]) -> list[Diagnostic]:
    by_file: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        # case and Unicode normalization differences still land on one file on many disks
        by_file[same_file(article.output_file)].append(article)
    problems = []
    for same in by_file.values():
        if len(same) < 2:
            continue
        for article in same:
            others = ", ".join(o.source for o in same if o is not article)
            line = lines[article.source].get("slug", 1)
            problems.append(error(article.source, line, f"the URL {article.path} is also the URL of {others}"))
    return problems


_TERM_WORDS = {"tag": ("tag", "tags"), "location": ("place", "location"), "editor": ("editor", "editor")}


def _pages_over_articles(
    pages: tuple[Page, ...], lines: dict[str, dict[str, int]], terms: dict[str, Term]
) -> list[Diagnostic]:
    """Two pages on one URL would silently lose one of them. An article whose URL is also a
    page sitegen makes (``permalink: /{slug}/`` and a file named ``tag.md``) is an error on
    the article; a tag, place or editor whose page lands on another list's page (a village
    "2" in a district "Page": ``/lokasi/kabupaten-alor/page/2/``) is an error on the
    articles that name it."""
    owners: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        owners[same_file(page.output_file)].append(page)
    problems = []
    for same in owners.values():
        if len(same) < 2:
            continue
        for page in same:
            others = [o for o in same if o is not page]
            article = page.article
            if article is not None:
                line = lines.get(article.source, {}).get("slug", 1)
                taken = ", ".join(o.path for o in others)
                problems.append(
                    error(article.source, line, f"the URL {article.path} is taken by a page sitegen makes ({taken})")
                )
            elif any(o.path == page.path for o in others):
                problems.extend(_term_over_page(page, lines, terms))
    return sorted(set(problems))


def _term_over_page(page: Page, lines: dict[str, dict[str, int]], terms: dict[str, Term]) -> list[Diagnostic]:
    """An error on each article filed under the term of ``page``, if it is the first page of
    a tag's, place's or editor's list: its URL is that of another page."""
    if page.template != "list.html" or cast(ListContext, page.context)["listing"].path != page.path:
        return []
    term = terms.get(page.path)
    if term is None or term.kind not in _TERM_WORDS:
        return []
    word, key = _TERM_WORDS[term.kind]
    message = f"{word} '{term.name}' has the URL {term.path} of a list page"
    return [error(named.source, lines.get(named.source, {}).get(key, 1), message) for named in term.articles]


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


def nav_links(tags: list[Term]) -> tuple[Link, ...]:
    """The tags every page's navigation shows: the most used first."""
    nav = sorted(tags, key=lambda t: (-t.count, t.name.casefold()))[:NAV_TAG_COUNT]
    return tuple(Link(t.name, t.path) for t in nav)


_LABELS = {"tag": "Topik", "location": "Lokasi", "editor": "Editor", "archive": "Arsip"}  # of term feeds' titles


class _Planner:
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
        # what a preview shows that is not published: marked on its page and its cards
        self.status = {a.source: status_of(a, now) for a in articles}
        self.pictures = {a.source: pictures(a, images) for a in articles}
        self.chosen = chosen
        self.articles = articles
        self.terms = terms
        self.by_path = {t.path: t for t in terms}
        tags = [t for t in terms if t.kind == "tag"]
        tag_names = {t.slug: t.name for t in tags}
        self.cards = {a.path: Card.of(config, a, tag_names, self.status[a.source]) for a in articles}
        self.common: PlainContext = {"site": config, "nav_tags": nav_links(tags)}
        self.pages: list[Page] = []

    def summary(self, term: Term, depth: int = 0) -> Summary:
        kids = tuple(self.summary(self.by_path[c], depth + 1) for c in term.children) if depth < 3 else ()
        return Summary(term.name, term.path, term.count, kids)

    def add_home(self, cards: tuple[Card, ...]) -> None:
        for pager in paginate(cards, self.config.page_size, "/"):
            context: HomeContext = {**self.common, "feed_path": "/feed.xml", "pager": pager}
            self.pages.append(Page(pager.path, "home.html", context, modified=_newest(pager.items)))

    def add_list(self, listing: Listing, cards: tuple[Card, ...]) -> None:
        for pager in paginate(cards, self.config.page_size, listing.path):
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
        self.pages.append(Page("/cari/", "search.html", self.common, in_sitemap=False))  # sitegen/write/search.py
        self.pages.append(Page("/404.html", "404.html", self.common, in_sitemap=False))
        return tuple(self.pages)

    def _term_pages(self) -> None:
        """Of each kind of term, its index, then each term's list pages and feed."""
        config = self.config
        prefixes = {
            "tag": config.tag_prefix,
            "location": config.location_prefix,
            "editor": config.editor_prefix,
            "archive": config.archive_prefix,
        }
        links = {t.path: Link(t.name, t.path) for t in self.terms}
        card_of = {id(a): self.cards[a.path] for a in self.articles}  # by identity: no hashing of articles
        for kind, prefix in prefixes.items():
            own = [t for t in self.terms if t.kind == kind]
            index = Index(kind, f"/{prefix}/", tuple(self.summary(t) for t in own if not t.parents))
            context: IndexContext = {**self.common, "index": index}
            self.pages.append(Page(index.path, "terms.html", context))
            for term in own:
                feed = term.feed_path if kind != "archive" else None
                listing = Listing(
                    kind,
                    term.name,
                    term.path,
                    feed,
                    term.count,
                    tuple(links[p] for p in term.parents),
                    tuple(self.summary(self.by_path[c], 3) for c in term.children),
                )
                term_cards = tuple(map(card_of.__getitem__, map(id, term.articles)))
                self.add_list(listing, term_cards)
                if feed:
                    title = f"{_LABELS[kind]}: {term.name} – {config.title}"
                    self.add_feed(feed, title, term.path, term_cards, full=False)

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
        )
        for index, article in enumerate(articles):
            context = contexts(index)
            self.pages.append(Page(article.path, "article.html", context, modified=article.updated or article.date))


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
    ) -> None:
        self.config, self.articles, self.common, self.chosen = config, articles, common, chosen
        self.card, self.status, self.shown = card, status, shown
        self.tag_links = {t.slug: Link(t.name, t.path) for t in terms if t.kind == "tag"}
        self.editor_links = {t.slug: Link(t.name, t.path) for t in terms if t.kind == "editor"}
        # one Link per place, shared by every article filed there (each Link hashes itself)
        self.place_links = {t.path: Link(t.name, t.path) for t in terms if t.kind == "location"}
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
            "gallery": shown.gallery,
            "share_image": shown.share,
        }
