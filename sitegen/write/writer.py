"""Writing a planned site: every output file with the key it is made from, then the spare
tree brought up to date and swapped in.

Equal keys, equal bytes: a file whose key the live (or spare) tree already holds is kept,
not made again. Nothing of the live tree changes before the swap: an error raises
BuildFailed while the new tree is still the spare one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path

import jinja2

from sitegen.cache import BuildCache
from sitegen.config import SiteConfig
from sitegen.errors import BuildFailed, Report
from sitegen.parallel import Progress
from sitegen.plan.fingerprint import Fingerprinter
from sitegen.plan.model import Page, Site
from sitegen.plan.photos import ImageFile
from sitegen.render import cms, feeds
from sitegen.render.environment import template_digests
from sitegen.render.redirect import redirect_files
from sitegen.util.hashing import digest
from sitegen.write import variants
from sitegen.write.assets import check_budget, feed_stylesheet, publish_assets
from sitegen.write.output import MARKER, MARKER_TEXT, Publisher, Tree
from sitegen.write.pages import render_pages
from sitegen.write.search import SearchIndex


@dataclass(frozen=True)
class Outputs:
    """Every output file of a build and the key it is made from."""

    desired: dict[str, str]  # output file -> key; the search index's files join it when kept
    pages: dict[str, Page]  # rendered from the layouts
    photos: dict[str, ImageFile]  # photo variants, with the photo each is made from
    files: dict[str, bytes]  # the rest: sitemaps, robots.txt, the marker, the assets
    assets: dict[str, bytes]  # assets/ by source path
    published: dict[str, str]  # each asset's published name
    # what every page's key was made with besides its context: the layouts' digests, the assets' names
    made_with: tuple[dict[str, str], str] = ({}, "")
    sitemaps: Sitemaps | None = None


def plan_outputs(
    site_dir: Path,
    site: Site,
    env: jinja2.Environment,
    assets: dict[str, bytes],
    last: Outputs | None = None,
    templates: dict[str, str] | None = None,
) -> Outputs:
    """Every output file and its key (the assets' published names are given to ``env``).
    A page's key covers its layout and the layouts that one uses (editing article.html
    re-renders article pages only), the assets' published names, and everything its
    context holds. ``last``: the outputs of the last plan, whose kept pages keep their keys;
    ``templates``: template_digests, when the caller knows them."""
    published = publish_assets(env, assets)
    templates = templates if templates is not None else template_digests(env, site_dir)
    pages = {page.output_file: page for page in site.pages}
    assets_key = digest(*sorted(published.values()))
    known = last if last is not None and last.made_with == (templates, assets_key) else None
    desired = page_keys(list(pages.values()), templates, assets_key, known)
    stylesheet = feed_stylesheet(site.config, published)
    maps = sitemaps(site.config, site, stylesheet, last.sitemaps if last is not None else None)
    files = {name: text.encode() for name, text in extra_files(site.config, site, stylesheet, maps).items()}
    files[MARKER] = MARKER_TEXT
    for source, content in assets.items():
        files[published[source]] = content
    for relative, content in files.items():
        desired[relative] = digest("bytes", content)
    photos = variants.outputs(site.images)
    for relative in photos:
        desired[relative] = variants.output_key(relative)  # named by their content: equal names, equal bytes
    return Outputs(desired, pages, photos, files, assets, published, (templates, assets_key), maps)


def page_keys(
    pages: list[Page], templates: dict[str, str], assets_key: str, last: Outputs | None = None
) -> dict[str, str]:
    """Each page's key (output file → hash): its layout chain's digest, the assets' names,
    its path and the fingerprint of its context. (Not spread over forked workers: the pool
    would cost more than the hashing it shares.) ``last``: outputs planned with the same
    layouts and assets, whose very Page objects (a plan kept them: sitegen/plan/reuse.py)
    keep their keys."""
    fingerprint = Fingerprinter()  # its memo holds every context object: dropped on return
    keys = {}
    before, known = (last.pages, last.desired) if last is not None else ({}, {})
    for page in pages:
        if before.get(page.output_file) is page:
            keys[page.output_file] = known[page.output_file]
            continue
        # (the repr of a tuple of strings is an unambiguous encoding, and runs in C)
        parts = (templates.get(page.template, page.template), assets_key, page.template, page.path)
        keys[page.output_file] = blake2b(repr((*parts, fingerprint(page.context))).encode(), digest_size=16).hexdigest()
    return keys


Sitemaps = tuple[list[tuple[str, dt.datetime | None]], str | None, dict[str, str]]  # entries, stylesheet, files


def sitemaps(config: SiteConfig, site: Site, stylesheet: str | None = None, last: Sitemaps | None = None) -> Sitemaps:
    """The sitemaps' entries, stylesheet and files (``last``'s files when the entries and the
    stylesheet are the same)."""
    entries = [(page.path, page.modified) for page in site.pages if page.in_sitemap]
    if last is not None and last[0] == entries and last[1] == stylesheet:
        return last
    return entries, stylesheet, feeds.sitemaps(config, entries, stylesheet)


def extra_files(
    config: SiteConfig, site: Site, stylesheet: str | None = None, maps: Sitemaps | None = None
) -> dict[str, str]:
    """Sitemaps, robots.txt and the aliases' redirect maps: written by code from the whole plan.
    ``stylesheet``: the site path of the sitemaps' XSLT page (feed_stylesheet); ``maps``: the
    sitemaps, when the caller made them (``sitemaps``)."""
    return {
        **(maps or sitemaps(config, site, stylesheet))[2],
        "sitemap-news.xml": feeds.news_sitemap(config, site.articles, site.now, stylesheet),
        "robots.txt": feeds.robots(config),
        **cms.files(config),
        **redirect_files(config, site.articles),
    }


class SiteWriter:
    """Brings the spare tree up to date with a build's outputs and swaps it in (``write``).

    ``lap`` is told as each of its stages ends; ``progress`` hears how far rendering is.
    """

    def __init__(
        self,
        site_dir: Path,
        cache: BuildCache,
        report: Report,
        jobs: int | None,
        lap: Callable[[str], None],
        progress: Progress | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.cache = cache
        self.report = report
        self.jobs = jobs
        self.lap = lap
        self.progress = progress

    def write(
        self, site: Site, env: jinja2.Environment, outputs: Outputs, publisher: Publisher, index: SearchIndex
    ) -> int:
        """The new tree, live; how many of its files were written (rather than kept)."""
        tree = publisher.begin(outputs.desired)
        self.lap("prepare")
        store = self.publish_photos(site, tree, outputs)
        self.lap("images")
        rendered = self.render(env, tree, outputs.pages)
        self.lap("render")
        self.complete(site, tree, outputs, rendered, index)
        publisher.commit(tree)
        variants.prune_store(store, outputs.photos)
        return len(tree.missing)

    def check(self) -> None:
        if self.report.errors:
            raise BuildFailed(self.report)

    def publish_photos(self, site: Site, tree: Tree, outputs: Outputs) -> Path | None:
        """The missing photo variants, from the cache's store or made; the store."""
        store = variants.store_folder(self.cache)
        wanted = [relative for relative in tree.missing if relative in outputs.photos]
        failed = variants.publish(self.site_dir, wanted, outputs.photos, tree, outputs.desired, store, self.jobs)
        self.report.extend(variants.problems_at_references(site.articles, failed))
        self.check()
        return store

    def render(self, env: jinja2.Environment, tree: Tree, pages: dict[str, Page]) -> list[str]:
        """The missing pages, rendered into the tree; their output files."""
        todo = [relative for relative in tree.missing if relative in pages]
        self.report.extend(render_pages(env, tree, pages, todo, self.jobs, self.progress))
        self.check()
        return todo

    def complete(self, site: Site, tree: Tree, outputs: Outputs, rendered: list[str], index: SearchIndex) -> None:
        """The rest of the tree: the rendered pages recorded, the other files written, the
        search index made on the complete tree, and every article page within its budget."""
        desired = outputs.desired
        for relative in rendered:
            tree.record(relative, desired[relative])
        for relative in tree.missing:
            if relative not in outputs.pages and relative not in outputs.photos:
                tree.write(relative, outputs.files[relative], desired[relative])
        self.report.extend(index.write(tree, desired))  # Pagefind reads the complete new tree
        sizes = {relative: entry.size for relative, entry in tree.entries.items()}
        budget = site.config.page_budget_kb
        self.report.extend(check_budget(site, sizes, self.site_dir, outputs.assets, outputs.published, budget))
        self.check()
