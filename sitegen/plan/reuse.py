"""The planner, keeping what the last plan made where its inputs are the same.

:class:`Replanner` is planner.Planner with each kind of page (and each card, link, summary
and listing) taken from the last plan when everything it would be made from is equal (the
same objects, mostly: untouched terms and unchanged articles are the very objects of the last
plan). A kept page is the last plan's very Page object, so its key need not be computed again
(sitegen/write/writer.py ``page_keys``, ``known``). The shared part of every context (settings,
navigation: ``common``) must be equal, or no page is kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

from sitegen.config import SiteConfig
from sitegen.plan.changes import Fresh, correction_due, dirty
from sitegen.plan.contexts import ArticleContexts
from sitegen.plan.model import (
    FEED,
    ArticleContext,
    Card,
    FeedContext,
    Index,
    IndexContext,
    Layout,
    Link,
    ListContext,
    Listing,
    Page,
    Pager,
    PlainContext,
    Summary,
    paginate,
)
from sitegen.plan.photos import ImageFile, Pictures, pictures
from sitegen.plan.planner import Planner, article_page, shown_listing
from sitegen.plan.profiles import Profile
from sitegen.plan.related import Choice
from sitegen.plan.taxonomy import Term, archive_paths, filed_under
from sitegen.read.articles import Article
from sitegen.util.slugs import slugify


@dataclass
class Kept:
    """What a plan leaves for the next one to reuse."""

    config: SiteConfig | None = None
    common: PlainContext | None = None
    images: Mapping[str, ImageFile] = field(default_factory=dict)
    profiles: Mapping[str, Profile] = field(default_factory=dict)  # by the editor's slug
    now: dt.datetime | None = None
    cards: dict[str, tuple[Article, str, Card]] = field(default_factory=dict)  # by source
    pictures: dict[str, tuple[Article, Pictures]] = field(default_factory=dict)  # by source
    links: dict[str, Link] = field(default_factory=dict)  # by term path
    summaries: dict[tuple[str, int], tuple[Term, Summary]] = field(default_factory=dict)  # by path and depth
    listings: dict[str, tuple[Term, tuple[Link, ...], Listing]] = field(default_factory=dict)  # by path
    chosen: Choice = field(default_factory=dict)
    lists: dict[str, tuple[Term, tuple[str, ...]]] = field(default_factory=dict)  # each term's sources
    pages: dict[str, Page] = field(default_factory=dict)  # by path
    articles: tuple[Article, ...] = ()  # newest first
    paths: list[str] = field(default_factory=list)  # every page's path, in order
    terms: dict[str, tuple[Term, tuple[Page, ...]]] = field(default_factory=dict)  # each term's pages
    article_pages: tuple[Page, ...] = ()  # in the order of ``articles``


class Replanner(Planner):
    def __init__(
        self,
        config: SiteConfig,
        articles: tuple[Article, ...],
        terms: list[Term],
        chosen: Choice,
        images: Mapping[str, ImageFile],
        now: dt.datetime,
        profiles: Mapping[str, Profile],
        kept: Kept,
    ) -> None:
        self.old = kept if kept.config == config else Kept()
        self.kept = Kept(config, images=images, profiles=profiles, chosen=chosen, now=now)
        before = self.old.profiles
        # the editors whose profile is not the last one: their page and their articles' pages
        self.reprofiled = {s for s in {*before, *profiles} if before.get(s) != profiles.get(s)}
        self.fresh_cards: set[str] = set()  # sources whose card is not the last one
        self.fresh_pictures: set[str] = set()
        self.renamed: set[str] = set()  # term paths whose link's name changed
        self._carded: set[str] | None = None
        super().__init__(config, articles, terms, chosen, images, now, profiles)
        self.kept.common = self.common
        self.kept.articles = articles
        self.pages_kept = self.old.common == self.common  # else every page is planned anew
        self.old_pages = self.old.pages if self.pages_kept else {}

    # -- the parts of pages -------------------------------------------------------------------

    def make_links(self) -> dict[str, Link]:
        old, made = self.old.links, {}
        for term in self.terms:
            link = old.get(term.path)
            if link is None or link.name != term.name:
                link = Link(term.name, term.path)
                self.renamed.add(term.path)
            made[term.path] = link
        self.kept.links = made
        return made

    def make_pictures(self) -> dict[str, Pictures]:
        old, images, kept = self.old.pictures, self.images, self.kept.pictures
        same_images = self.old.images == images
        result = {}
        for article in self.articles:
            source = article.source
            hit = old.get(source)
            if hit is None or hit[0] is not article or not (same_images or self._same_photos(article)):
                hit = (article, pictures(article, images))
                self.fresh_pictures.add(source)
            kept[source] = hit
            result[source] = hit[1]
        return result

    def _same_photos(self, article: Article) -> bool:
        before, now = self.old.images, self.images
        return all(before.get(ref.path) == now.get(ref.path) for ref in article.images)

    def make_cards(self) -> dict[str, Card]:
        config, tag_names, status = self.config, self.tag_names, self.status
        old, kept = self.old.cards, self.kept.cards
        # a tag spelled otherwise by most of its articles now: its name on every card that has it
        renamed = {t.slug for t in self.terms if t.kind == "tag" and self._renamed_tag(t)}
        cards = {}
        for article in self.articles:
            source = article.source
            hit = old.get(source)
            if (
                hit is None
                or hit[0] is not article
                or hit[1] != status[source]
                or (renamed and any(slugify(n) in renamed for n in article.tags))
            ):
                card = Card.of(config, article, tag_names, status[source])
                if hit is not None and hit[2] == card:
                    card = hit[2]  # (an edit of the words: the card is the same)
                else:
                    self.fresh_cards.add(source)
                hit = (article, status[source], card)
            kept[source] = hit
            cards[article.path] = hit[2]
        return cards

    def _renamed_tag(self, term: Term) -> bool:
        link = self.old.links.get(term.path)
        return link is None or link.name != term.name

    def summary(self, term: Term, depth: int = 0) -> Summary:
        key = (term.path, depth)
        hit = self.old.summaries.get(key)
        if hit is None or hit[0] is not term:
            hit = (term, super().summary(term, depth))
        self.kept.summaries[key] = hit
        return hit[1]

    def listing(self, term: Term, feed: str | None, links: dict[str, Link]) -> Listing:
        parents = tuple(links[p] for p in term.parents)
        hit = self.old.listings.get(term.path)
        if (
            hit is None
            or hit[0] is not term
            or hit[1] != parents
            or hit[2].feed_path != feed
            or (term.kind == "editor" and term.slug in self.reprofiled)
        ):
            hit = (term, parents, super().listing(term, feed, links))
        self.kept.listings[term.path] = hit
        return hit[2]

    # -- pages --------------------------------------------------------------------------------

    def add_term(self, term: Term, links: dict[str, Link], card_of: dict[int, Card]) -> None:
        """The term's pages the last plan's, in one step, when it is the same term (the same
        articles) with the same cards and listing."""
        hit = self.old.terms.get(term.path)
        feed = term.feed_path if term.kind != "archive" else None
        listing = self.listing(term, feed, links)
        if hit is not None and hit[0] is term and self.pages_kept and term.path not in self.carded:
            pages = hit[1]
            first = cast(ListContext, pages[0].context)
            if first["listing"] is listing:
                for page in pages:
                    self._keep(page)
                self.kept.terms[term.path] = hit
                return
        before = len(self.pages)
        super().add_term(term, links, card_of)
        self.kept.terms[term.path] = (term, tuple(self.pages[before:]))

    @property
    def carded(self) -> set[str]:
        """The paths of the terms that list an article whose card is not the last one."""
        if self._carded is None:
            config, fresh = self.config, self.fresh_cards
            self._carded = set()
            for article in self.articles:
                if article.source in fresh:
                    self._carded |= filed_under(config, article) | set(archive_paths(config, article))
        return self._carded

    def _article_pages(self) -> None:
        if not self.pages_kept:
            super()._article_pages()
            self.kept.article_pages = tuple(p for p in self.pages if p.template == "article.html")
            return
        dirty = self._dirty()
        if len(self.articles) == len(self.old.articles) == len(self.old.article_pages):
            self._same_order(dirty)
        else:
            self._moved(dirty)
        self.kept.article_pages = tuple(self.pages[-len(self.articles) :]) if self.articles else ()

    def _same_order(self, dirty: set[str]) -> None:
        """The article pages when the articles stand where they stood (an edit that did not
        move one): the last plan's, but for the dirty ones and those at another place."""
        articles, old_articles = self.articles, self.old.articles
        redo = [i for i, same in enumerate(map(operator.is_, articles, old_articles)) if not same]
        if any(articles[i].source != old_articles[i].source for i in redo):
            self._moved(dirty)
            return
        redo_all = set(redo) | {i for i, a in enumerate(articles) if a.source in dirty} if dirty else set(redo)
        start = len(self.pages)
        self.pages.extend(self.old.article_pages)
        contexts = self._contexts() if redo_all else None
        for index in sorted(redo_all):
            assert contexts is not None
            self.pages[start + index] = article_page(index, articles[index], contexts)
        for page in self.pages[start:]:
            self.kept.pages[page.path] = page

    def _moved(self, dirty: set[str]) -> None:
        old_articles = self.old.articles
        where = {a.source: i for i, a in enumerate(old_articles)}
        articles, last = self.articles, len(self.articles) - 1
        contexts: ArticleContexts | None = None
        for index, article in enumerate(articles):
            at = where.get(article.source)
            old = self.old_pages.get(article.path)
            if (
                old is not None
                and at is not None
                and article.source not in dirty
                and old_articles[at] is article
                # the same neighbours (whose cards, unless in ``dirty``, are the last ones)
                and (old_articles[at - 1].source == articles[index - 1].source if index and at else index == at == 0)
                and (index == last) == (at == len(old_articles) - 1)
                and (index == last or old_articles[at + 1].source == articles[index + 1].source)
                and old.template == "article.html"
            ):
                self._keep(old)
                continue
            contexts = contexts or self._contexts()
            Planner.add_article(self, index, article, contexts)
            self.kept.pages[article.path] = self.pages[-1]

    def _contexts(self) -> ArticleContexts:
        cards = self.cards
        return ArticleContexts(
            self.config,
            self.articles,
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

    def _dirty(self) -> set[str]:
        """The articles whose page may show something else than the last one (changes.dirty)."""
        terms = [t for t in self.terms if t.path in self.renamed]
        terms += [t for t in self.terms if t.kind == "editor" and t.slug in self.reprofiled]
        due = functools.partial(correction_due, before=self.old.now, now=self.now)
        fresh = Fresh(self.fresh_cards, self.fresh_pictures)
        return dirty(self.articles, fresh, (self.old.chosen, self.chosen), terms, due)

    def _correction_due(self, article: Article) -> bool:
        return bool(article.corrections) and correction_due(article, self.old.now, self.now)

    def _keep(self, page: Page) -> None:
        self.pages.append(page)
        self.kept.pages[page.path] = page

    def _old(self, path: str, template: str) -> Page | None:
        page = self.old_pages.get(path)
        return page if page is not None and page.template == template else None

    def add_home(self, cards: tuple[Card, ...]) -> None:
        self._paged(cards, "/", "home.html", None)

    def add_list(self, listing: Listing, cards: tuple[Card, ...]) -> None:
        self._paged(cards, listing.path, "list.html", listing)

    def _paged(self, cards: tuple[Card, ...], first: str, template: Layout, listing: Listing | None) -> None:
        """The pages of a paginated list: each the last plan's when it shows the same cards
        of the same number of pages (and the same term)."""
        size = self.config.page_size
        total = max(1, -(-len(cards) // size))
        before = len(self.pages)
        pagers: list[Pager] | None = None
        for number in range(1, total + 1):
            path = first if number == 1 else f"{first}page/{number}/"
            old = self._old(path, template)
            items = cards[(number - 1) * size : number * size]
            if old is not None:
                context = cast(ListContext, old.context)
                pager = context["pager"]
                shown = listing is None or context["listing"] == shown_listing(listing, number)
                if pager.total == total and pager.items == items and shown:
                    self._keep(old)
                    continue
            pagers = pagers or paginate(cards, size, first)
            if listing is None:
                self.home_page(pagers[number - 1])
            else:
                self.list_page(listing, pagers[number - 1])
            self.kept.pages[path] = self.pages[-1]
        assert len(self.pages) == before + total

    def add_feed(self, path: str, title: str, page_path: str, items: tuple[Card, ...], full: bool) -> None:
        old = self._old(path, FEED)
        size = self.config.feed_size
        if old is not None and self._same_feed(cast(FeedContext, old.context), title, page_path, items[:size], full):
            self._keep(old)
            return
        super().add_feed(path, title, page_path, items, full)
        self.kept.pages[path] = self.pages[-1]

    def _same_feed(self, context: FeedContext, title: str, page_path: str, items: tuple[Card, ...], full: bool) -> bool:
        if context["title"] != title or context["page_path"] != page_path or context["items"] != items:
            return False
        if not full:
            return True
        newest = self.articles[: len(items)]
        return context["bodies"] == newest and context["pictures"] == tuple(self.pictures[a.source] for a in newest)

    def add_index(self, index: Index) -> None:
        old = self._old(index.path, "terms.html")
        if old is not None and cast(IndexContext, old.context)["index"] == index:
            self._keep(old)
            return
        super().add_index(index)
        self.kept.pages[index.path] = self.pages[-1]

    def add_plain(self, path: str, template: Layout) -> None:
        old = self._old(path, template)
        if old is not None:
            self._keep(old)
            return
        super().add_plain(path, template)
        self.kept.pages[path] = self.pages[-1]

    def add_article(self, index: int, article: Article, contexts: ArticleContexts) -> None:
        old = self._old(article.path, "article.html")
        if old is not None and self._same_article_page(index, article, cast(ArticleContext, old.context)):
            self._keep(old)
            return
        super().add_article(index, article, contexts)
        self.kept.pages[article.path] = self.pages[-1]

    def _same_article_page(self, index: int, article: Article, context: ArticleContext) -> bool:
        """Whether the article's page would show what the last one did: the same article,
        status, neighbours, related stories (and their cards), photos and term links."""
        source, articles, cards = article.source, self.articles, self.cards
        if context["article"] is not article or source in self.fresh_cards or source in self.fresh_pictures:
            return False
        if self._correction_due(article) or slugify(article.editor) in self.reprofiled:
            return False
        newer = cards[articles[index - 1].path] if index > 0 else None
        older = cards[articles[index + 1].path] if index + 1 < len(articles) else None
        if context["newer"] is not newer or context["older"] is not older:
            return False
        related = self.chosen.get(source, ())
        if related != self.old.chosen.get(source, ()) or any(s in self.fresh_cards for s in related):
            return False
        if self.renamed:
            shown = {link.path for link in (*context["tags"], *context["places"], context["editor"])}
            return shown.isdisjoint(self.renamed)
        return True
