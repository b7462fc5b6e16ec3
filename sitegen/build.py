"""The build, top to bottom: read everything, gather the plan, then write everything.

No output is touched until every input has been read and checked; the new site is written
beside the old one and swapped in only when it is complete.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitegen import feeds
from sitegen.articles import ReadResult, read_article
from sitegen.config import SiteConfig, check_base_url, load_config
from sitegen.diagnostics import BuildFailed, Diagnostic, Report, SitegenError, warning
from sitegen.output import Staging, check_output_dir
from sitegen.render import RenderError, check_layouts, make_environment, render_page
from sitegen.site import Site, gather

CONTENT_DIR = "content"
ASSETS_DIR = "assets"
REQUIRED_LAYOUTS = ("home.html", "article.html", "tag.html", "tags.html", "404.html")


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    now: dt.datetime | None = None  # the moment that decides what is "future"; default: the clock


@dataclass
class BuildResult:
    site: Site
    output: Path
    report: Report
    files_written: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def load(site_dir: Path, options: BuildOptions, report: Report) -> tuple[SiteConfig, Site] | None:
    """Read and check every input; no file is written. None when there are errors."""
    config, problems = load_config(site_dir)
    report.extend(problems)
    if config is None:
        return None
    if options.base_url is not None:
        problem = check_base_url(options.base_url)
        if problem:
            raise SitegenError(f"--base-url: {problem}")
        config = config.with_base_url(options.base_url)
    sources, source_problems = find_files(site_dir, CONTENT_DIR, suffix=".md")
    report.extend(source_problems)
    results = read_all(site_dir, sources, config)
    for result in results:
        report.extend(result.diagnostics)
    now = options.now or dt.datetime.now(dt.UTC)
    site, gather_problems = gather(config, results, now, drafts=options.drafts, future=options.future)
    report.extend(gather_problems)
    if site is None or report.errors:
        return None
    return config, site


def read_all(site_dir: Path, sources: list[str], config: SiteConfig) -> list[ReadResult]:
    return [read_article(source, (site_dir / source).read_bytes(), config) for source in sources]


def find_files(site_dir: Path, folder: str, suffix: str | None = None) -> tuple[list[str], list[Diagnostic]]:
    """Files below ``site_dir/folder`` as sorted site-relative paths.

    Hidden files and folders (editor backups, ``.git``) are skipped. A symbolic link is
    followed only when it points inside the site; no byte from outside reaches the output.
    """
    root = site_dir / folder
    site = site_dir.resolve()
    found: list[str] = []
    problems: list[Diagnostic] = []
    if not root.is_dir():
        return found, problems
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(directory)
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            if (base / name).is_symlink():
                relative = (base / name).relative_to(site_dir).as_posix()
                problems.append(warning(relative, None, "symbolic link to a folder is not followed"))
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith(".") or (suffix and not name.endswith(suffix)):
                continue
            path = base / name
            relative = path.relative_to(site_dir).as_posix()
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(site) or not target.is_file():
                    problems.append(warning(relative, None, "symbolic link points outside the site; skipped"))
                    continue
            found.append(relative)
    return sorted(found), problems


def build(site_dir: Path, options: BuildOptions | None = None) -> BuildResult:
    options = options or BuildOptions()
    started = time.perf_counter()
    site_dir = site_dir.absolute()
    report = Report()
    loaded = load(site_dir, options, report)
    env = None
    if loaded is not None:
        config, site = loaded
        env = make_environment(site_dir, config)
        report.extend(check_layouts(env, site_dir, REQUIRED_LAYOUTS))
    if loaded is None or env is None or report.errors:
        raise BuildFailed(report)

    output = options.output or site_dir / config.output
    output = output if output.is_absolute() else site_dir / output
    check_output_dir(site_dir, output)
    asset_files, asset_problems = find_files(site_dir, ASSETS_DIR)
    report.extend(asset_problems)

    written = 0
    render_problems: list[Diagnostic] = []
    with Staging(output) as staging:
        for page in site.pages:
            try:
                html = render_page(env, page.template, page.context, page.path)
            except RenderError as exc:
                render_problems.append(exc.diagnostic)
                continue
            staging.write(page.output_file, html.encode())
            written += 1
        if render_problems:
            report.extend(render_problems)
            raise BuildFailed(report)
        for name, data in extra_files(config, site).items():
            staging.write(name, data.encode())
            written += 1
        for relative in asset_files:
            staging.copy(relative, site_dir / relative)
            written += 1
        staging.commit()
    result = BuildResult(site, output, report, written, time.perf_counter() - started)
    result.notes.extend(held_notes(site))
    return result


def extra_files(config: SiteConfig, site: Site) -> dict[str, str]:
    """Feeds, sitemap and robots.txt: written by code, not layouts."""
    sitemap_entries = [(page.path, page.modified) for page in site.pages if page.in_sitemap]
    return {
        "feed.xml": feeds.rss(config, site.articles, "/feed.xml", "/", config.title, config.description),
        "sitemap.xml": feeds.sitemap(config, sitemap_entries),
        "robots.txt": feeds.robots(config),
    }


def held_notes(site: Site) -> list[str]:
    from sitegen.dates import indonesian

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
