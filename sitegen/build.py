"""The build, top to bottom: read everything, gather the plan, then write everything.

No output is touched until every input has been read and checked; the new site is written
beside the old one and swapped in only when it is complete. What a previous build already
made (parsed articles, rendered Markdown, unchanged pages) is reused through the cache,
keyed by the exact inputs, so an incremental build gives the same bytes as a clean one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from hashlib import blake2b
from pathlib import Path

import jinja2

from sitegen import __version__, feeds, images, markup, search
from sitegen.articles import ReadResult, article_key, content_digest, read_article, source_key
from sitegen.cache import DB_NAME, BuildCache, digest
from sitegen.config import SiteConfig, check_base_url, load_config
from sitegen.dates import indonesian
from sitegen.diagnostics import BuildFailed, Diagnostic, Report, SitegenError, error, warning
from sitegen.fingerprint import Fingerprinter
from sitegen.output import MARKER, MARKER_TEXT, Entry, Publisher, Tree, check_output_dir, write_new
from sitegen.parallel import parallel_map
from sitegen.render import (
    RenderError,
    check_layouts,
    layouts_digest,
    make_environment,
    render_page,
    template_digests,
)
from sitegen.site import Page, Site, gather

CONTENT_DIR = "content"
ASSETS_DIR = "assets"
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


# -- reading, in parallel and through the cache ------------------------------------------

_reader_config: SiteConfig | None = None
_reader_site: str | None = None
_reader_db: Path | None = None
_reader_connection: sqlite3.Connection | None = None


def _markdown_key(body: str) -> str:
    return digest("markdown", __version__, str(markup.RENDERING), body)


def _cached_render(body: str) -> tuple[str, bool]:
    """Markdown through the cache's ``markdown`` table: an unchanged body is never
    converted twice, even when the settings change. Also says whether it was converted."""
    global _reader_connection
    key = _markdown_key(body)
    if _reader_db is not None:
        try:
            if _reader_connection is None:  # one connection per worker, opened after the fork
                _reader_connection = sqlite3.connect(f"file:{_reader_db}?mode=ro", uri=True)
            row = _reader_connection.execute("SELECT html FROM markdown WHERE key=?", (key,)).fetchone()
            if row is not None:
                return str(row[0]), False
        except sqlite3.Error:
            pass
    return markup.render(body), True


def _read_one(source: str) -> tuple[str, ReadResult, bool]:
    """Read one article (in a worker): its key, from the bytes it actually read, the result,
    and whether its Markdown was converted (rather than found in the cache)."""
    assert _reader_config is not None and _reader_site is not None
    keys: list[str] = []
    converted = False

    def render(body: str) -> str:
        nonlocal converted
        keys.append(_markdown_key(body))
        html, converted = _cached_render(body)
        return html

    data = _read_bytes(os.path.join(_reader_site, source))
    result = read_article(source, data, _reader_config, render_markdown=render)
    if keys:
        result = replace(result, markdown_key=keys[0])
    key = result.article.digest if result.article else article_key(source, data, _reader_config)
    return key, result, converted


def read_all(
    site_dir: Path,
    sources: list[str],
    config: SiteConfig,
    cache: BuildCache,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    signatures: dict[str, Signature] | None = None,
) -> list[ReadResult]:
    """Every article, from the cache when its bytes and the settings are unchanged."""
    global _reader_config, _reader_site, _reader_db, _reader_connection
    contents = source_digests(site_dir, sources, cache, signatures)
    keys = [source_key(source, content, config) for source, content in zip(sources, contents, strict=True)]
    known: dict[str, ReadResult] = cache.get_many("articles", keys)
    todo = [source for source, key in zip(sources, keys, strict=True) if key not in known]
    _reader_config, _reader_site = config, str(site_dir)
    _reader_db = cache.folder / DB_NAME if cache.db is not None and cache.folder else None
    _reader_connection = None
    try:
        # workers read the files again rather than receive them: less memory in this process
        fresh = parallel_map(_read_one, todo, jobs, progress=progress)
    finally:
        if _reader_connection is not None:
            _reader_connection.close()
        _reader_config = _reader_site = _reader_db = _reader_connection = None
    by_source = {r.source: r for r in known.values()} | {r.source: r for _, r, _ in fresh}
    if cache.db is not None:
        cache.add("articles", [(key, result) for key, result, _ in fresh])
        converted = [(r.markdown_key, r.article.body_html) for _, r, new in fresh if new and r.article]
        cache.add("markdown", converted)
        cache.prune("articles", keys + [key for key, _, _ in fresh])
        cache.prune("markdown", [r.markdown_key for r in by_source.values() if r.markdown_key])
    return [by_source[source] for source in sources]


# A file whose size, times, inode and device are those recorded when its bytes were hashed
# still holds those bytes, as git's index trusts them: writing a file changes its ctime,
# which no program can set back. A file changed within RACY_NS of the record could share a
# timestamp with the version that was hashed (timestamps are coarse), so it is read again.
RACY_NS = 2_000_000_000


def source_digests(
    site_dir: Path, sources: list[str], cache: BuildCache, signatures: dict[str, Signature] | None = None
) -> list[str]:
    """The hash of each source's bytes (articles.content_digest): read and hashed again only
    when its file changed since the cache recorded it. ``signatures``: from find_files, or
    taken here."""
    started = time.time_ns()
    signatures = signatures or {}
    name = f"sources:{site_dir}"
    record = cache.get_state(name)
    valid = isinstance(record, tuple) and len(record) == 2 and isinstance(record[1], dict)
    recorded_at, known = record if valid else (0, {})
    fresh: dict[str, tuple[Signature | None, str]] = {}
    digests = []
    rehashed = False
    for source in sources:
        path = os.path.join(site_dir, source)
        sign = signatures.get(source)
        if sign is None:
            try:
                sign = signature(os.stat(path))
            except OSError:
                sign = None
        hit = known.get(source)
        settled = sign is not None and max(sign[1], sign[2]) < recorded_at - RACY_NS
        if settled and hit is not None and hit[0] == sign:
            content = hit[1]
        else:
            content = content_digest(_read_bytes(path))
            rehashed = True
        fresh[source] = (sign, content)
        digests.append(content)
    if rehashed or len(fresh) != len(known):
        cache.set_state(name, (started, fresh))
    return digests


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


Signature = tuple[int, int, int, int, int]  # a file's size, mtime, ctime, inode and device


def signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def find_files(
    site_dir: Path, folder: str, suffix: str | None = None, signatures: dict[str, Signature] | None = None
) -> tuple[list[str], list[Diagnostic]]:
    """Files below ``site_dir/folder`` as sorted site-relative paths; with ``signatures``,
    each file's signature is put there too (from the one ``stat`` the walk makes).

    Hidden files and folders (editor backups, ``.git``) are skipped. A symbolic link is
    followed only when it is a file inside the site; a linked folder (``content`` itself
    included), a link loop, a named pipe or a device is skipped with a warning, so no byte
    from outside the site reaches the output and nothing can hang the build.
    """
    root = os.path.join(site_dir, folder)
    site = site_dir.resolve()
    found: list[str] = []
    problems: list[Diagnostic] = []
    if os.path.islink(root):
        return found, [warning(folder, None, "symbolic link to a folder is not followed")]
    if not os.path.isdir(root):
        return found, problems
    signed = signatures if signatures is not None else {}
    pending = [(root, folder)]
    while pending:
        directory, relative_dir = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            relative = f"{relative_dir}/{name}"
            if entry.is_symlink():
                try:
                    linked_folder = entry.is_dir()  # follows the link
                except OSError:  # a loop
                    linked_folder = False
                if linked_folder:
                    problems.append(warning(relative, None, "symbolic link to a folder is not followed"))
                    continue
                if suffix and not name.endswith(suffix):
                    continue
                try:
                    target = Path(entry.path).resolve(strict=True)
                except (OSError, RuntimeError):  # a loop, or a link to nothing
                    target = None
                if target is None or not target.is_relative_to(site) or not target.is_file():
                    problems.append(warning(relative, None, "symbolic link points outside the site; skipped"))
                    continue
                found.append(relative)
                with contextlib.suppress(OSError):
                    signed[relative] = signature(os.stat(target))
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, relative))
                continue
            if suffix and not name.endswith(suffix):
                continue
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                problems.append(warning(relative, None, "not a regular file; skipped"))
                continue
            found.append(relative)
            signed[relative] = signature(st)
    return sorted(found), problems


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
    photos = images.outputs(site.images)
    for relative in photos:
        desired[relative] = images.output_key(relative)  # named by their content: equal names, equal bytes
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
        store = images.store_folder(cache)
        wanted = [relative for relative in tree.missing if relative in photos]
        failed = images.publish(site_dir, wanted, photos, tree, desired, store, options.jobs)
        report.extend(images.problems_at_references(site.articles, failed))
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
        images.prune_store(store, photos)
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


FINGERPRINTED = (".css", ".js")


def fingerprinted(assets: dict[str, bytes]) -> dict[str, str]:
    """Each asset's published name: stylesheets and scripts carry a hash of their bytes
    (``assets/style.3f2a9c1e.css``) so a browser may cache them for a year and still never
    see a stale one; other files keep their names (articles link to them)."""
    names = {}
    for source, content in assets.items():
        stem, dot, suffix = source.rpartition(".")
        if dot and "." + suffix in FINGERPRINTED:
            names[source] = f"{stem}.{digest('bytes', content)[:8]}.{suffix}"
        else:
            names[source] = source
    return names


def publish_assets(env: jinja2.Environment, assets: dict[str, bytes]) -> dict[str, str]:
    """The published names of assets/ (see fingerprinted), given to the layouts' ``asset``
    filter; the build and ``sitegen check`` both publish this way."""
    published = fingerprinted(assets)
    env.globals["asset_urls"] = {
        source.removeprefix(ASSETS_DIR + "/"): "/" + name for source, name in published.items()
    }
    return published


def check_budget(
    site: Site,
    sizes: Mapping[str, int],
    site_dir: Path,
    assets: dict[str, bytes],
    published: dict[str, str],
    budget_kb: int,
) -> list[Diagnostic]:
    """An article page's HTML (``sizes``: output file → bytes) plus the stylesheets and
    scripts the layouts link must stay within the budget (site.yaml ``page_budget_kb``):
    a reader on 3G pays for every byte."""
    layouts_text = "\n".join(p.read_text(errors="replace") for p in sorted((site_dir / "layouts").rglob("*.html")))
    linked = sum(
        len(assets[source])
        for source, name in published.items()
        if name.endswith(FINGERPRINTED) and source.removeprefix(ASSETS_DIR + "/") in layouts_text
    )
    problems = []
    for page in site.pages:
        article = page.context.get("article") if page.template == "article.html" else None
        size = sizes.get(page.output_file)
        if article is None or size is None:
            continue
        total = size + linked
        if total > budget_kb * 1024:
            problems.append(
                error(
                    article.source,
                    None,
                    f"its page {page.output_file} weighs {total / 1024:.1f} KB (HTML {size / 1024:.1f} KB, "
                    f"CSS and JS {linked / 1024:.1f} KB): over the {budget_kb} KB budget of site.yaml",
                )
            )
    return problems


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
