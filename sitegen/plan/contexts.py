"""The context of each article's page: the planner makes every one, the dev server's quick
render (sitegen/devserver/quick.py) one, with this same code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from sitegen.config import SiteConfig
from sitegen.plan.model import ArticleContext, Card, Link, PlainContext
from sitegen.plan.photos import Pictures
from sitegen.plan.profiles import Profile
from sitegen.plan.related import Choice
from sitegen.plan.taxonomy import Term, chain_keys, place_chain, place_path
from sitegen.read.articles import Article
from sitegen.read.corrections import shown as shown_corrections
from sitegen.util.slugs import slugify


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
        now: dt.datetime,
        card: Callable[[Article], Card],
        status: Callable[[Article], str],
        shown: Callable[[Article], Pictures],
        profiles: Mapping[str, Profile],
        links: Mapping[str, Link] | None = None,
    ) -> None:
        self.config, self.articles, self.common, self.chosen, self.now = config, articles, common, chosen, now
        self.card, self.status, self.shown, self.profiles = card, status, shown, profiles
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
        editor = slugify(article.editor)
        return {
            **self.common,
            "article": article,
            "status": self.status(article),
            "tags": tags,
            "places": places,
            "editor": self.editor_links[editor],
            "profile": self.profiles.get(editor),
            "newer": card(articles[index - 1]) if index > 0 else None,
            "older": card(articles[index + 1]) if index + 1 < len(articles) else None,
            "related": tuple(card(self.by_source[s]) for s in self.chosen.get(article.source, ())),
            "featured": shown.featured,
            "images": shown.body,
            "gallery": shown.gallery,
            "share_image": shown.share,
            "corrections": shown_corrections(article.corrections, self.now),
        }
