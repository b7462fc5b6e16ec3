"""The build, top to bottom: read everything, gather the plan, then write everything.

No output is touched until every input has been read and checked; the new site is written
beside the old one and swapped in only when it is complete. What a previous build already
made (parsed articles, rendered Markdown, unchanged pages) is reused through the cache,
keyed by the exact inputs, so an incremental build gives the same bytes as a clean one.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from sitegen import __version__
from sitegen.cache import BuildCache
from sitegen.config import SiteConfig, check_base_url, load_config
from sitegen.errors import BuildFailed, Diagnostic, Report, SitegenError, warning
from sitegen.i18n import Message, msg
from sitegen.plan import photos as images
from sitegen.plan.model import Site
from sitegen.plan.planner import gather
from sitegen.plan.timely import held_notes, time_key
from sitegen.read import markup
from sitegen.read.articles import ReadResult
from sitegen.read.files import read_assets
from sitegen.read.profiles import EditorProfile, read_profiles
from sitegen.read.reader import read_sources
from sitegen.render import feeds
from sitegen.render.environment import check_layouts, layouts_digest, make_environment
from sitegen.util.hashing import digest
from sitegen.util.stopwatch import Stopwatch
from sitegen.write import search
from sitegen.write.limits import path_problems
from sitegen.write.output import Publisher, resolve_output
from sitegen.write.records import Entry, manifest_digest
from sitegen.write.writer import Outputs, SiteWriter, plan_outputs
from sitegen.write.writer import extra_files as extra_files  # sitegen check publishes the same files

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
    notes: list[Message] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: tuple[int, int] = (0, 0)  # published articles and pages, known without the plan
    # the live tree's files by key (equal keys, equal bytes): a preview compares them between builds
    files: Mapping[str, Entry] = field(default_factory=dict)

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
    return None if report is None else lambda done, total: report(stage, done, total)


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
    assets: dict[str, bytes]  # assets/ by source path
    profiles: tuple[EditorProfile, ...] = ()  # editors/ (read.profiles)


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
            raise SitegenError(msg("--base-url: {problem}", problem=problem))
        config = config.with_base_url(options.base_url)
    clock = clock or Stopwatch()
    reading = _stage_progress(options, "reading articles")
    results, read_problems = read_sources(site_dir, config, cache or BuildCache(None), options.jobs, reading)
    report.extend(read_problems)
    clock.lap("read")
    profiles, profile_problems = read_profiles(site_dir)
    report.extend(profile_problems)
    # the photos' bytes, after reading (the read stage is cached by each article's own bytes)
    photos, photo_problems = images.plan(site_dir, [*(r.article for r in results if r.article), *profiles], cache)
    report.extend(photo_problems)
    clock.lap("images")
    assets, asset_problems = read_assets(site_dir)
    report.extend(asset_problems)
    return Inputs(config, results, dict(photos), options.now or build_time(), assets, profiles)


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
        profiles=inputs.profiles,
    )
    # choose() hands back the very record it was given when nothing it depends on changed
    if cache is not None and site is not None and site.related is not known:
        cache.set_state("related", site.related)
    report.extend(gather_problems)
    if site is None or report.errors:
        return None
    return search.planned(site, site_dir)  # search: /cari/ only with its layout (sitegen/write/search.py)


Loaded = tuple[SiteConfig, Site, list[ReadResult]]  # what load() read and planned


def load(
    site_dir: Path,
    options: BuildOptions,
    report: Report,
    cache: BuildCache | None = None,
    clock: Stopwatch | None = None,
) -> Loaded | None:
    """Read and check every input and make the plan; no output is written. None on errors."""
    inputs = read_inputs(site_dir, options, report, cache, clock)
    if inputs is None:
        return None
    site = plan_site(site_dir, inputs, options, report, cache)
    if clock is not None:
        clock.lap("gather")
    return (inputs.config, site, inputs.results) if site is not None else None


def inputs_key(site_dir: Path, inputs: Inputs, options: BuildOptions, assets: dict[str, bytes]) -> str:
    """A hash of everything a build's output depends on: sitegen's version, the settings,
    layouts, assets, every article's bytes and photo, the editors' profiles, and what the moment
    of the build decides (which articles are published, which are in the news sitemap's 48
    hours, whether the alert is shown, which corrections are)."""
    window = inputs.now - feeds.NEWS_WINDOW
    parts = [__version__, repr(inputs.config), repr((options.drafts, options.future)), layouts_digest(site_dir)]
    parts.append(time_key(inputs.config, (result.article for result in inputs.results), inputs.now))
    parts.append(search.identity() if options.search else "search:off")  # installing Pagefind changes the output
    parts += [f"{name}={digest('bytes', data)}" for name, data in sorted(assets.items())]
    parts += [f"{name}={photo!r}" for name, photo in sorted(inputs.photos.items())]
    parts += [repr(profile) for profile in inputs.profiles]
    for result in inputs.results:
        article = result.article
        if article is None:
            parts.append(f"{result.source}:failed")
            continue
        due = article.date <= inputs.now
        fresh = window <= article.date <= inputs.now
        parts.append(f"{article.digest}:{due}:{fresh}")
    return digest(*parts)


def build(
    site_dir: Path, options: BuildOptions | None = None, stages: Callable[..., Build] | None = None
) -> BuildResult:
    """Build the site; ``stages``: a Build with stages of its own (sitegen/devserver/session.py)."""
    options = options or BuildOptions()
    started = time.perf_counter()
    site_dir = site_dir.absolute()
    report = Report()
    settings = load_config(site_dir)  # read once: the cache's folder is one of them
    config = settings[0]
    cache = open_cache(site_dir, config, options) if config is not None else BuildCache(None)
    # A build allocates millions of objects it keeps (articles, cards, page contexts) and
    # makes almost no reference cycles: the cyclic collector would walk them all, again and
    # again, for nothing. It is off while the build runs and back as it was afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = (stages or Build)(site_dir, options, report, cache, started).run(settings)
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


@dataclass
class Build:
    """One build: what its stages share, and the stages in their order (``run``)."""

    site_dir: Path
    options: BuildOptions
    report: Report
    cache: BuildCache
    started: float
    clock: Stopwatch = field(default_factory=Stopwatch)

    def run(self, settings: tuple[SiteConfig | None, list[Diagnostic]]) -> BuildResult:
        inputs = self.read(settings)
        if inputs is None:  # (read_inputs laps "read" and "images" itself)
            raise BuildFailed(self.report)
        output = self.output_folder(inputs.config)
        publisher = self.publisher(output)
        key = inputs_key(self.site_dir, inputs, self.options, inputs.assets)
        unchanged = self.unchanged_result(inputs, output, publisher, key)
        if unchanged is not None:
            self.clock.lap("plan")
            return self.finished(unchanged, publisher)
        site, gather_warnings = self.gather(inputs)
        self.clock.lap("gather")
        env = self.layouts(inputs.config)
        self.clock.lap("layouts")
        outputs = self.outputs(site, env, inputs)
        # every path is known now: one the file system cannot hold fails the build before a file is written
        self.report.extend(self.path_problems(publisher, outputs, site, inputs))
        self.check()
        self.clock.lap("plan")
        result = self.write(site, env, outputs, publisher, output)
        self.clock.lap("write")
        self.remember(publisher, key, gather_warnings, result)
        return self.finished(result, publisher)

    def read(self, settings: tuple[SiteConfig | None, list[Diagnostic]]) -> Inputs | None:
        return read_inputs(self.site_dir, self.options, self.report, self.cache, self.clock, settings)

    def path_problems(self, publisher: Publisher, outputs: Outputs, site: Site, inputs: Inputs) -> list[Diagnostic]:
        return path_problems(publisher.spare, outputs.desired, site, inputs.results, outputs.published)

    def publisher(self, output: Path) -> Publisher:
        return Publisher(output, self.cache)

    def outputs(self, site: Site, env: jinja2.Environment, inputs: Inputs) -> Outputs:
        return plan_outputs(self.site_dir, site, env, inputs.assets)

    def write(
        self, site: Site, env: jinja2.Environment, outputs: Outputs, publisher: Publisher, output: Path
    ) -> BuildResult:
        """The new tree made live, unless the live one holds every file already; the result."""
        counts = (len(site.articles), len(site.pages))
        result = BuildResult(site, output, self.report, site.config, env, notes=held_notes(site), counts=counts)
        # search: keep the live index (its files join ``desired``) or make it once the pages are written
        index = search.plan(site, outputs.pages, outputs.desired, self.cache, publisher, enabled=self.options.search)
        result.notes += index.notes
        if publisher.unchanged(outputs.desired) and not index.stale:
            result.files_kept = len(outputs.desired)
            return result
        rendering = _stage_progress(self.options, "rendering pages")
        writer = SiteWriter(self.site_dir, self.cache, self.report, self.options.jobs, self.clock.lap, rendering)
        result.files_written = writer.write(site, env, outputs, publisher, index)
        result.files_kept = len(outputs.desired) - result.files_written
        return result

    def check(self) -> None:
        if self.report.errors:
            raise BuildFailed(self.report)

    def output_folder(self, config: SiteConfig) -> Path:
        output = self.options.output or self.site_dir / config.output
        return resolve_output(self.site_dir, output if output.is_absolute() else self.site_dir / output)

    def unchanged_result(self, inputs: Inputs, output: Path, publisher: Publisher, key: str) -> BuildResult | None:
        """Nothing changed since the build that made the live tree: its result again, with
        no plan, no page and no file made (None when something did change)."""
        known = self.cache.get_state(_record_name(publisher))
        live = publisher.live
        if self.report.errors or live is None or not (isinstance(known, tuple) and len(known) == 5):
            return None
        if known[0] != key or known[1] != manifest_digest(live.entries):
            return None
        self.report.extend(known[2])
        plan_later = functools.partial(_plan_later, self.site_dir, inputs, self.options)
        kept = len(live.entries)
        return BuildResult(
            plan_later, output, self.report, inputs.config, files_kept=kept, notes=list(known[3]), counts=known[4]
        )

    def remember(self, publisher: Publisher, key: str, gather_warnings: list[Diagnostic], result: BuildResult) -> None:
        """What the next build needs to find that nothing changed (unchanged_result)."""
        if publisher.live is not None:
            manifest = manifest_digest(publisher.live.entries)
            self.cache.set_state(_record_name(publisher), (key, manifest, gather_warnings, result.notes, result.counts))

    def gather(self, inputs: Inputs) -> tuple[Site, list[Diagnostic]]:
        """The plan, and the warnings it gave: a build that needs no plan repeats them."""
        before = len(self.report.items)
        site = plan_site(self.site_dir, inputs, self.options, self.report, self.cache)
        gather_warnings = [d for d in self.report.items[before:] if d.severity == "warning"]
        if site is None:
            raise BuildFailed(self.report)
        self.check()
        return site, gather_warnings

    def layouts(self, config: SiteConfig) -> jinja2.Environment:
        cache = self.cache
        compiled = cache.folder / LAYOUT_CODE if cache.db is not None and cache.folder else None
        env = make_environment(self.site_dir, config, compiled)
        self.report.extend(check_layouts(env, self.site_dir, REQUIRED_LAYOUTS))
        self.check()
        return env

    def finished(self, result: BuildResult, publisher: Publisher) -> BuildResult:
        result.files = publisher.live.recorded if publisher.live is not None else {}
        result.timings, result.seconds = self.clock.laps, time.perf_counter() - self.started
        return result


def _record_name(publisher: Publisher) -> str:
    """The cache's record of what the build that made the live tree read, and what it said."""
    return f"inputs:{publisher.output}"


def _plan_later(site_dir: Path, inputs: Inputs, options: BuildOptions) -> Site:
    """The plan of a build that did not need one, made when a caller asks for it."""
    site = plan_site(site_dir, inputs, options, Report())
    assert site is not None, "the inputs planned without errors when the live tree was built"
    return site
