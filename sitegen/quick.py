"""The dev server's quick render: the page of an article whose text was edited, at once.

A save in the editor is most often a change to one article's words. Its own page then
depends on nothing that changed but the article: its neighbours, related stories, tags,
places and editor are chosen from front matter that stayed the same. So ``sitegen serve``
renders that one page from the last build's plan with the new article in it (a few
milliseconds, whatever the size of the site) and shows it to the browser while the full
incremental build, which also updates the lists, feeds and neighbours that show the
article's title or summary, runs behind it. The full build's page is the same bytes; the
server checks that (see serve.py) and reloads a browser again only if they differ.

A change of the article's tags alone is rendered quickly too: its own page then also shows
new tag links, related stories and navigation, which are worked out here with the build's
own functions (the tags collected anew, related stories re-ranked for what the change can
reach: tens of milliseconds at 10,000 articles).

Anything else (a new, moved or deleted article, other front matter, layouts, assets,
settings, an error or a warning in the file) takes the full build only.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from sitegen.articles import Article, read_article
from sitegen.build import ASSETS_DIR, CONTENT_DIR, find_files, publish_assets
from sitegen.images import ImageFile, pictures
from sitegen.related import choose
from sitegen.render import make_environment, render_page
from sitegen.site import Card, Link, Page, Site, nav_links, status_of
from sitegen.slugs import slugify
from sitegen.taxonomy import collect_tags, place_chain

# What an article's own page takes from other articles is chosen by these fields: when
# they are the same, the page's context is the old one with the new article in it.
PLANNED = ("source", "path", "date", "updated", "editor", "location", "places", "tags", "draft", "slug")
RETAGGED = tuple(name for name in PLANNED if name != "tags")  # tags changed: see _retagged


@dataclass(frozen=True)
class Snapshot:
    """What a quick render needs from the last good build."""

    site: Site
    env: jinja2.Environment
    pages: Mapping[str, Page]  # by the article's source
    photos: Mapping[str, ImageFile]


def snapshot(site_dir: Path, site: Site) -> Snapshot:
    """The last good build's plan, with a layout environment like the one it rendered with."""
    env = make_environment(site_dir, site.config)
    asset_files, _ = find_files(site_dir, ASSETS_DIR)
    publish_assets(env, {relative: (site_dir / relative).read_bytes() for relative in asset_files})
    by_path = {article.path: article.source for article in site.articles}
    pages = {by_path[p.path]: p for p in site.pages if p.template == "article.html" and p.path in by_path}
    return Snapshot(site, env, pages, {image.path: image for image in site.images})


def render_edited(site_dir: Path, snap: Snapshot, changed: Sequence[str]) -> dict[str, bytes] | None:
    """The new bytes of each changed article's page (by output file), or None when the
    change needs the full build."""
    if not changed or any(not (p.startswith(CONTENT_DIR + "/") and p.endswith(".md")) for p in changed):
        return None
    rendered: dict[str, bytes] = {}
    for source in changed:
        page = snap.pages.get(source)
        if page is None:
            return None
        old: Article = page.context["article"]
        try:
            with open(os.path.join(site_dir, source), "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        result = read_article(source, data, snap.site.config)
        new = result.article
        if new is None or result.diagnostics or any(getattr(new, f) != getattr(old, f) for f in RETAGGED):
            return None
        if any(r.path not in snap.photos for r in new.images):  # a photo the build has not made
            return None
        shown = pictures(new, snap.photos)
        context = {
            **page.context,
            "article": new,
            "featured": shown.featured,
            "images": shown.body,
            "share_image": shown.share,
        }
        if new.tags != old.tags:
            context.update(_retagged(snap, old, new))
        html = render_page(snap.env, page.template, context, page.path)
        rendered[page.output_file] = html.encode()
    return rendered


def _retagged(snap: Snapshot, old: Article, new: Article) -> dict[str, Any]:
    """What an article's own page shows that its tags decide, as the full build plans it:
    its tag links, the navigation's tags, its related stories and its neighbours' cards
    (a card names its article's tags by their site-wide spelling, which a retag can change).
    The article keeps its date, so its place among the articles is the same."""
    site = snap.site
    config = site.config
    articles = tuple(new if a is old else a for a in site.articles)
    tags, _ = collect_tags(config, articles, defaultdict(dict))  # (spelling warnings: the build's)
    terms = [*tags, *(t for t in site.terms if t.kind != "tag")]  # in gather's order
    chosen = choose(articles, terms, config.related_count, site.related).choice
    tag_names = {t.slug: t.name for t in tags}
    tag_links = {t.slug: Link(t.name, t.path) for t in tags}
    by_source = {a.source: a for a in articles}

    def card(article: Article) -> Card:
        places = tuple(reversed(place_chain(config, article)))
        return Card.of(article, tag_names, places, status_of(article, site.now))

    index = next(i for i, a in enumerate(articles) if a is new)
    return {
        "nav_tags": nav_links(tags),
        "tags": tuple(tag_links[slugify(name)] for name in new.tags),
        "newer": card(articles[index - 1]) if index > 0 else None,
        "older": card(articles[index + 1]) if index + 1 < len(articles) else None,
        "related": tuple(card(by_source[source]) for source in chosen.get(new.source, ())),
    }
