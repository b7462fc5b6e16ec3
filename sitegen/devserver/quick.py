"""The dev server's quick render: the page of an article whose text was edited, at once.

A save in the editor is most often a change to one article's words. Its own page then
depends on nothing that changed but the article: its neighbours, related stories, tags,
places and editor are chosen from front matter that stayed the same. So ``sitegen serve``
renders that one page from the last build's plan with the new article in it (in a time that
does not grow with the site) and shows it to the browser while the full incremental build,
which also updates the lists, feeds and neighbours that show the article's title or summary,
runs behind it. The full build's page is the same bytes; the server compares page ids
(sitegen/devserver/preview.py) and reloads a browser again only if they differ.

A change of its other front matter that keeps its page where it is (its tags, places or
editor; its date within the month of its URL) is rendered quickly too: the page then also
shows other tag, place and editor links, related stories, neighbours and navigation, all
worked out with the build's own functions (the terms collected anew, related stories
re-ranked where the change reaches, the planner's own page context), still well before the
full build.

Anything else (a new, moved, deleted, drafted or due article, a new tag, place or editor
whose page would take another page's URL, layouts, assets, settings, an error or a warning
in the file, several articles whose front matter changed at once) takes the full build only:
only changes of kind CONTENT (sitegen/devserver/changes.py) are rendered here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from sitegen.devserver.changes import Change, ChangeKind
from sitegen.plan.contexts import ArticleContexts
from sitegen.plan.model import ArticleContext, Card, Page, Site
from sitegen.plan.photos import ImageFile, pictures, planned
from sitegen.plan.planner import same_file, shared_context, status_of
from sitegen.plan.related import choose
from sitegen.plan.taxonomy import (
    Term,
    collect_archives,
    collect_editors,
    collect_locations,
    collect_tags,
    filed_under,
    newest_first,
    place_chain,
)
from sitegen.read.articles import Article, output_file, read_article
from sitegen.read.files import ASSETS_DIR, find_files
from sitegen.render.environment import make_environment, render_page
from sitegen.write.assets import publish_assets

# What an article's own page takes from other articles is chosen by these fields: when
# they are the same, the page's context is the old one with the new article in it.
PLANNED = ("source", "path", "date", "updated", "editor", "location", "places", "tags", "draft", "slug")

# Kept by a change the quick render can show: the page's place (its path and whether it is
# published at all). Other planned fields changed: the context is planned anew (_replanned).
KEPT = ("source", "path", "draft", "slug")


@dataclass(frozen=True)
class Snapshot:
    """What a quick render needs from the last good build."""

    site: Site
    env: jinja2.Environment
    pages: Mapping[str, Page]  # by the article's source
    photos: Mapping[str, ImageFile]
    page_files: frozenset[str]  # every page's output file, as site.same_file compares them


def snapshot(site_dir: Path, site: Site, env: jinja2.Environment | None = None) -> Snapshot:
    """The last good build's plan, with the layout environment it rendered with (``env``,
    its layouts already compiled), or one made like it."""
    if env is None:
        env = make_environment(site_dir, site.config)
        asset_files, _ = find_files(site_dir, ASSETS_DIR)
        publish_assets(env, {relative: (site_dir / relative).read_bytes() for relative in asset_files})
    pages = {article.source: page for page in site.pages if (article := page.article) is not None}
    page_files = frozenset(same_file(page.output_file) for page in site.pages)
    return Snapshot(site, env, pages, {image.path: image for image in site.images}, page_files)


def render_edited(site_dir: Path, snap: Snapshot, changed: Sequence[Change]) -> dict[str, bytes] | None:
    """The new bytes of each changed article's page (by output file), or None when the
    change needs the full build."""
    if not changed or any(change.kind is not ChangeKind.CONTENT for change in changed):
        return None
    rendered: dict[str, bytes] = {}
    for change in changed:
        edit = _edit(site_dir, snap, change.path)
        if edit is None:
            return None
        page, old, new = edit
        if len(changed) > 1 and _card(snap, new) != _card(snap, old):
            return None  # another changed article's page could show its card, made from the old one
        context: ArticleContext
        if any(getattr(new, f) != getattr(old, f) for f in PLANNED):
            if len(changed) > 1 or _collides(snap, new):  # (planned against the others' old versions)
                return None
            context = _replanned(snap, old, new)
        else:
            shown = pictures(new, snap.photos)
            context = {
                **page.article_context,
                "article": new,
                "featured": shown.featured,
                "images": shown.body,
                "gallery": shown.gallery,
                "share_image": shown.share,
            }
        html = render_page(snap.env, page.template, context, page.path)
        rendered[page.output_file] = html.encode()
    return rendered


def _edit(site_dir: Path, snap: Snapshot, source: str) -> tuple[Page, Article, Article] | None:
    """The page of the article at ``source``, the article it shows and the article read anew,
    when the change keeps the page where it was; else None."""
    page = snap.pages.get(source)
    old = page.article if page is not None else None
    if page is None or old is None:
        return None
    try:
        with open(os.path.join(site_dir, source), "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    result = read_article(source, data, snap.site.config)
    new = result.article
    if new is None or result.diagnostics or any(getattr(new, f) != getattr(old, f) for f in KEPT):
        return None
    if status_of(new, snap.site.now) != status_of(old, snap.site.now):  # due, or not any more
        return None
    if not planned(new.images, snap.photos):  # a photo (or a featured photo's crops) the build has not made
        return None
    return page, old, new


def _card(snap: Snapshot, article: Article) -> Card:
    """The article's card as the site shows it on its neighbours', related and list pages."""
    site = snap.site
    return Card.of(site.config, article, {t.slug: t.name for t in site.tags}, status_of(article, site.now))


def _replanned(snap: Snapshot, old: Article, new: Article) -> ArticleContext:
    """The context of the article's page as the full build plans it, for a change of its
    front matter that keeps its page where it was: the terms collected anew with the
    build's own functions (_terms), related stories re-ranked where the change reaches, and
    the page's context made by the planner's own code (planner.ArticleContexts)."""
    site = snap.site
    config, now = site.config, site.now
    articles = tuple(new if a is old else a for a in site.articles)
    moved = new.date != old.date
    if moved:
        articles = tuple(newest_first(articles))
    terms = _terms(snap, old, new, articles, moved)
    chosen = choose(articles, terms, config.related_count, site.related).choice
    tags = [t for t in terms if t.kind == "tag"]
    tag_names = {t.slug: t.name for t in tags}

    def card(article: Article) -> Card:
        return Card.of(config, article, tag_names, status_of(article, now))

    contexts = ArticleContexts(
        config,
        articles,
        terms,
        shared_context(config, tags, now),
        chosen,
        now,
        card=card,
        status=lambda article: status_of(article, now),
        shown=lambda article: pictures(article, snap.photos),
        profiles=site.profiles,
    )
    return contexts(next(i for i, a in enumerate(articles) if a is new))


def _terms(snap: Snapshot, old: Article, new: Article, articles: tuple[Article, ...], moved: bool) -> list[Term]:
    """The site's terms with ``new`` in place of ``old``. A kind of term is collected anew when
    what files the article under it changed (all of them when its date did: every term lists
    its articles newest first); else the last build's terms stand, as they name the old
    article only by its source and date."""
    site = snap.site
    config = site.config
    lines: defaultdict[str, dict[str, int]] = defaultdict(dict)  # for warnings: the build reports them
    unchanged = {
        "tag": new.tags == old.tags,
        "location": place_chain(config, new) == place_chain(config, old),
        "editor": new.editor == old.editor,
    }
    terms: list[Term] = []
    for kind, collect in (("tag", collect_tags), ("location", collect_locations), ("editor", collect_editors)):
        if unchanged[kind] and not moved:
            terms.extend(t for t in site.terms if t.kind == kind)
        else:
            found, _ = collect(config, articles, lines)
            terms.extend(found)
    terms.extend(collect_archives(config, articles) if moved else [t for t in site.terms if t.kind == "archive"])
    return terms


def _collides(snap: Snapshot, new: Article) -> bool:
    """True when the change files the article under a new tag, place or editor whose list
    page or feed would land on the URL of a page the site has (a village "2" in a district
    "Page" is the regency's second list page): the full build refuses that, so the quick
    render must not show it."""
    fresh = filed_under(snap.site.config, new) - {t.path for t in snap.site.terms}
    files = {output_file(path) for path in fresh} | {output_file(path + "feed.xml") for path in fresh}
    return any(same_file(name) in snap.page_files for name in files)
