"""The build, top to bottom: read everything, gather the plan, then write everything.

No output is touched until every input has been read and checked; the new site is written
beside the old one and swapped in only when it is complete. What a previous build already
made (parsed articles, rendered Markdown, unchanged pages) is reused through the cache,
keyed by the exact inputs, so an incremental build gives the same bytes as a clean one.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path

import jinja2

from sitegen import __version__
from sitegen.cache import BuildCache
from sitegen.config import SiteConfig, check_base_url, load_config
from sitegen.errors import BuildFailed, Diagnostic, Report, SitegenError, warning
from sitegen.parallel import parallel_map
from sitegen.plan import photos as images
from sitegen.plan.fingerprint import Fingerprinter
from sitegen.plan.model import Page, Site
from sitegen.plan.planner import gather
from sitegen.read import markup
from sitegen.read.articles import ReadResult
from sitegen.read.files import ASSETS_DIR, CONTENT_DIR, Signature, find_files
from sitegen.read.reader import read_all
from sitegen.render import feeds
from sitegen.render.environment import (
    RenderError,
    check_layouts,
    layouts_digest,
    make_environment,
    render_page,
    template_digests,
)
from sitegen.util.dates import indonesian
from sitegen.util.hashing import digest
from sitegen.write import search, variants
from sitegen.write.assets import check_budget, publish_assets
from sitegen.write.output import MARKER, MARKER_TEXT, Entry, Publisher, Tree, check_output_dir, write_new

LAYOUT_CODE = "layouts"  # in the cache folder: the layouts compiled by Jinja

REQUIRED_LAYOUTS = ("home.html", "article.html", "list.html", "terms.html", "404.html")


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    now: dt.datetime | None = None  # the moment that decides what is "future"; default: the clock
    use_cache: bool = True
    jobs: int | None = None  # worker processes; default: every core
    search: bool = True  # build the Pagefind index when the search extra is installed
    # told how far the long stages are: (stage, done, total); the command line draws a
    # progress line with it when it writes to a terminal
    progress: Callable[[str, int, int], None] | None = None


class Stopwatch:
    """Seconds spent in each stage, for ``sitegen build --timings`` and the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self._last
        self._last = now


@dataclass
class BuildResult:
    """What a build did. ``site`` is the plan; a build that found nothing changed did not
    need one, and makes it only when asked."""

    plan: Site | Callable[[], Site]
    output: Path
    report: Report
    config: SiteConfig | None = None  # the settings it built with (known without the plan)
    # the layouts as it rendered with them, compiled (None when it rendered nothing)
    environment: jinja2.Environment | None = None
    files_written: int = 0
    files_kept: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: tuple[int, int] = (0, 0)  # published articles and pages, known without the plan

    @property
    def site(self) -> Site:
        if callable(self.plan):
            self.plan = self.plan()
        return self.plan

    @property
    def articles(self) -> int:
        return self.counts[0]

    @property
    def pages(self) -> int:
        return self.counts[1]


def _stage_progress(options: BuildOptions, stage: str) -> Callable[[int, int], None] | None:
    report = options.progress
    if report is None:
        return None
    return lambda done, total: report(stage, done, total)


def build_time() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock. It decides which
    articles are due and what the news sitemap's last 48 hours are."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def open_cache(site_dir: Path, config: SiteConfig, options: BuildOptions) -> BuildCache:
    return BuildCache(site_dir / config.cache_dir if options.use_cache else None)


@dataclass(frozen=True)
class Inputs:
    """Everything read from the site folder, before any plan is made."""

    config: SiteConfig
    results: list[ReadResult]
    photos: dict[str, images.ImageFile]
    now: dt.datetime


def read_inputs(
    site_dir: Path,
    options: BuildOptions,
    report: Report,
    cache: BuildCache | None = None,
    clock: Stopwatch | None = None,
    settings: tuple[SiteConfig | None, list[Diagnostic]] | None = None,
) -> Inputs | None:
    """Read and check the settings (``settings``: as load_config already read them) and
    every article and photo. None when the settings fail."""
    config, problems = settings if settings is not None else load_config(site_dir)
    report.extend(problems)
    if config is None:
        return None
    if options.base_url is not None:
        problem = check_base_url(options.base_url)
        if problem:
            raise SitegenError(f"--base-url: {problem}")
        config = config.with_base_url(options.base_url)
    clock = clock or Stopwatch()
    signatures: dict[str, Signature] = {}
    sources, source_problems = find_files(site_dir, CONTENT_DIR, suffix=".md", signatures=signatures)
    report.extend(source_problems)
    reading = _stage_progress(options, "reading articles")
    results = read_all(site_dir, sources, config, cache or BuildCache(None), options.jobs, reading, signatures)
    for result in results:
        report.extend(result.diagnostics)
    clock.lap("read")
    # the photos' bytes, after reading (the read stage is cached by each article's own bytes)
    photos, photo_problems = images.plan(site_dir, [r.article for r in results if r.article], cache)
    report.extend(photo_problems)
    clock.lap("images")
    return Inputs(config, results, dict(photos), options.now or build_time())


def plan_site(
    site_dir: Path, inputs: Inputs, options: BuildOptions, report: Report, cache: BuildCache | None = None
) -> Site | None:
    """The gather stage over what was read. None when there are errors."""
    known = cache.get_state("related") if cache else None
    site, gather_problems = gather(
        inputs.config,
        inputs.results,
        inputs.now,
        drafts=options.drafts,
        future=options.future,
        known_related=known,
        images=inputs.photos,
    )
    # choose() hands back the very record it was given when nothing it depends on changed
    if cache is not None and site is not None and site.related is not known:
        cache.set_state("related", site.related)
    report.extend(gather_problems)
    if site is None or report.errors:
        return None
    return search.planned(site, site_dir)  # search: /cari/ only with its layout (sitegen/search.py)


def load(
    site_dir: Path,
    options: BuildOptions,
    report: Report,
    cache: BuildCache | None = None,
    clock: Stopwatch | None = None,
) -> tuple[SiteConfig, Site] | None:
    """Read and check every input and make the plan; no output is written. None on errors."""
    inputs = read_inputs(site_dir, options, report, cache, clock)
    if inputs is None:
        return None
    site = plan_site(site_dir, inputs, options, report, cache)
    if clock is not None:
        clock.lap("gather")
    return (inputs.config, site) if site is not None else None


def inputs_key(site_dir: Path, inputs: Inputs, options: BuildOptions, assets: dict[str, bytes]) -> str:
    """A hash of everything a build's output depends on: sitegen's version, the settings,
    layouts, assets, every article's bytes and photo, and what the moment of the build
    decides (which articles are published, which are in the news sitemap's 48 hours)."""
    window = inputs.now - feeds.NEWS_WINDOW
    parts = [__version__, repr(inputs.config), repr((options.drafts, options.future)), layouts_digest(site_dir)]
    parts.append(search.identity() if options.search else "search:off")  # installing Pagefind changes the output
    parts += [f"{name}={digest('bytes', data)}" for name, data in sorted(assets.items())]
    parts += [f"{name}={photo!r}" for name, photo in sorted(inputs.photos.items())]
    for result in inputs.results:
        article = result.article
        if article is None:
            parts.append(f"{result.source}:failed")
            continue
        due = article.date <= inputs.now
        fresh = window <= article.date <= inputs.now
        parts.append(f"{article.digest}:{due}:{fresh}")
    return digest(*parts)


# -- writing --------------------------------------------------------------------------------

_render_state: tuple[object, Tree, dict[str, Page]] | None = None


def _render_one(relative: str) -> Diagnostic | None:
    """Render one page straight into the tree (runs in a worker)."""
    assert _render_state is not None
    env, tree, pages = _render_state
    page = pages[relative]
    try:
        html = render_page(env, page.template, page.context, page.path)  # type: ignore[arg-type]
    except RenderError as exc:
        return exc.diagnostic
    write_new(tree.path(relative), html.encode())
    return None


def build(site_dir: Path, options: BuildOptions | None = None) -> BuildResult:
    options = options or BuildOptions()
    started = time.perf_counter()
    site_dir = site_dir.absolute()
    report = Report()
    settings = load_config(site_dir)  # read once: the cache's folder is one of them
    config = settings[0]
    cache = open_cache(site_dir, config, options) if config is not None else BuildCache(None)
    # A build allocates millions of objects it keeps (articles, cards, page contexts) and
    # makes almost no reference cycles: the cyclic collector would walk them all, again and
    # again, for nothing (0.4 s of a 10,000-article incremental build). It is off while the
    # build runs and back as it was afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = _build(site_dir, options, report, cache, started, settings)
        note = markup.converter_note()
        if note is not None:
            result.notes.insert(0, note)
        return result
    finally:
        if collecting:
            gc.enable()
        if cache.warning:
            report.add(warning(config.cache_dir if config else ".sitegen-cache", None, cache.warning))
        cache.close()


def _build(
    site_dir: Path,
    options: BuildOptions,
    report: Report,
    cache: BuildCache,
    started: float,
    settings: tuple[SiteConfig | None, list[Diagnostic]],
) -> BuildResult:
    global _render_state
    clock = Stopwatch()
    inputs = read_inputs(site_dir, options, report, cache, clock, settings)
    if inputs is None:
        raise BuildFailed(report)
    config = inputs.config
    output = options.output or site_dir / config.output
    output = output if output.is_absolute() else site_dir / output
    check_output_dir(site_dir, output)
    asset_files, asset_problems = find_files(site_dir, ASSETS_DIR)
    report.extend(asset_problems)
    assets = {relative: (site_dir / relative).read_bytes() for relative in asset_files}
    publisher = Publisher(output, cache)

    # Nothing changed since the build that made the live tree: no plan, no page, no file.
    key = inputs_key(site_dir, inputs, options, assets)
    record = f"inputs:{publisher.output}"
    known = cache.get_state(record)
    valid = isinstance(known, tuple) and len(known) == 5
    unchanged = not report.errors and publisher.live is not None and valid and known[0] == key
    if unchanged and publisher.live is not None and known[1] == _manifest_digest(publisher.live.entries):
        report.extend(known[2])
        result = BuildResult(
            lambda: _plan_later(site_dir, inputs, options),
            output,
            report,
            config,
            files_kept=len(publisher.live.entries),
            notes=list(known[3]),
            counts=known[4],
        )
        clock.lap("plan")
        result.timings = clock.laps
        result.seconds = time.perf_counter() - started
        return result

    before = len(report.items)
    site = plan_site(site_dir, inputs, options, report, cache)
    gather_warnings = [d for d in report.items[before:] if d.severity == "warning"]
    clock.lap("gather")
    if site is None or report.errors:
        raise BuildFailed(report)
    compiled = cache.folder / LAYOUT_CODE if cache.db is not None and cache.folder else None
    env = make_environment(site_dir, config, compiled)
    report.extend(check_layouts(env, site_dir, REQUIRED_LAYOUTS))
    clock.lap("layouts")
    if report.errors:
        raise BuildFailed(report)
    published_assets = publish_assets(env, assets)

    # Every output file and the key it is made from: equal keys, equal bytes. A page's key
    # covers its layout and the layouts that one uses (editing article.html re-renders
    # article pages only), the assets' published names, and everything its context holds.
    templates = template_digests(env, site_dir)
    assets_key = digest(*sorted(published_assets.values()))
    pages = {page.output_file: page for page in site.pages}
    desired = page_keys(list(pages.values()), templates, assets_key)
    data: dict[str, bytes] = {name: text.encode() for name, text in extra_files(config, site).items()}
    data[MARKER] = MARKER_TEXT
    for source, content in assets.items():
        data[published_assets[source]] = content
    for relative, content in data.items():
        desired[relative] = digest("bytes", content)
    photos = variants.outputs(site.images)
    for relative in photos:
        desired[relative] = variants.output_key(relative)  # named by their content: equal names, equal bytes
    clock.lap("plan")

    counts = (len(site.articles), len(site.pages))
    result = BuildResult(site, output, report, config, env, notes=held_notes(site), counts=counts)
    # -- search (sitegen/search.py): keep the live index (its files join desired) or make it below --
    index = search.plan(site, pages, desired, cache, publisher, enabled=options.search)
    result.notes += index.notes
    if publisher.unchanged(desired) and not index.stale:
        result.files_kept = len(desired)
    else:
        tree = publisher.begin(desired)
        clock.lap("prepare")
        store = variants.store_folder(cache)
        wanted = [relative for relative in tree.missing if relative in photos]
        failed = variants.publish(site_dir, wanted, photos, tree, desired, store, options.jobs)
        report.extend(variants.problems_at_references(site.articles, failed))
        if report.errors:
            raise BuildFailed(report)
        clock.lap("images")
        to_render = [relative for relative in tree.missing if relative in pages]
        _render_state = (env, tree, pages)
        try:
            report_progress = options.progress
            rendering = (
                (lambda done, total: report_progress("rendering pages", done, total)) if report_progress else None
            )
            problems = parallel_map(_render_one, to_render, options.jobs, progress=rendering)
        finally:
            _render_state = None
        report.extend([p for p in problems if p is not None])
        if report.errors:
            raise BuildFailed(report)
        clock.lap("render")
        for relative in to_render:
            tree.record(relative, desired[relative])
        for relative in tree.missing:
            if relative not in pages and relative not in photos:
                tree.write(relative, data[relative], desired[relative])
        report.extend(index.write(tree, desired))  # search: Pagefind on the complete new tree
        sizes = {relative: entry.size for relative, entry in tree.entries.items()}
        report.extend(check_budget(site, sizes, site_dir, assets, published_assets, config.page_budget_kb))
        if report.errors:
            raise BuildFailed(report)
        publisher.commit(tree)
        variants.prune_store(store, photos)
        result.files_written = len(tree.missing)
        result.files_kept = len(desired) - len(tree.missing)
    clock.lap("write")
    if publisher.live is not None:
        manifest = _manifest_digest(publisher.live.entries)
        cache.set_state(record, (key, manifest, gather_warnings, result.notes, result.counts))
    result.timings = clock.laps
    result.seconds = time.perf_counter() - started
    return result


def page_keys(pages: list[Page], templates: dict[str, str], assets_key: str) -> dict[str, str]:
    """Each page's key (output file → hash): its layout chain's digest, the assets' names,
    its path and the fingerprint of its context. (Spreading this over forked workers was
    measured slower on two cores: the pool costs more than the hashing it shares.)"""
    fingerprint = Fingerprinter()  # its memo holds every context object: dropped on return
    keys = {}
    for page in pages:
        # (the repr of a tuple of strings is an unambiguous encoding, and runs in C)
        parts = (templates.get(page.template, page.template), assets_key, page.template, page.path)
        keys[page.output_file] = blake2b(repr((*parts, fingerprint(page.context))).encode(), digest_size=16).hexdigest()
    return keys


def _manifest_digest(entries: dict[str, Entry]) -> str:
    return digest(*(f"{path}={entry.key}" for path, entry in sorted(entries.items())))


def _plan_later(site_dir: Path, inputs: Inputs, options: BuildOptions) -> Site:
    """The plan of a build that did not need one, made when a caller asks for it."""
    site = plan_site(site_dir, inputs, options, Report())
    assert site is not None, "the inputs planned without errors when the live tree was built"
    return site


def extra_files(config: SiteConfig, site: Site) -> dict[str, str]:
    """Sitemaps and robots.txt: written by code from the whole plan."""
    entries = [(page.path, page.modified) for page in site.pages if page.in_sitemap]
    return {
        **feeds.sitemaps(config, entries),
        "sitemap-news.xml": feeds.news_sitemap(config, site.articles, site.now),
        "robots.txt": feeds.robots(config),
    }


def held_notes(site: Site) -> list[str]:
    """One line for every article held back, and when the next one is due."""
    notes = []
    for held in sorted(site.held, key=lambda h: (h.article.date, h.article.source)):
        article = held.article
        if held.reason == "draft":
            notes.append(f"{article.source}: draft, not published")
        else:
            utc = article.date.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            when = indonesian(article.date, site.config.timezone)
            notes.append(f"{article.source}: scheduled, published from {when} ({utc})")
    future = [h.article.date for h in site.held if h.reason == "future"]
    if future:
        due = min(future).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        notes.append(f"next scheduled article is due at {due}: rebuild then to publish it")
    return notes
