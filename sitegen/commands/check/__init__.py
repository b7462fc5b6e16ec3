"""``sitegen check``: every problem a build would report, and what only the whole site shows.

The check reads and gathers the site as a build does (:func:`sitegen.build.load`), compiles
the layouts and renders every page in memory; nothing is written, not even the build cache.
Then it looks at the rendered HTML: every link and image inside the site must lead to a
page or file of the built site (``#anchors`` to an element of the target page), images in
articles need alt text, placeholders left by ``sitegen new`` are errors, and tags one slip
of the keyboard apart are warnings.

A problem in an article body is reported at the Markdown line that holds the link; one in a
layout at the layout (and its line, when the link is written there literally).

The jobs, one module each: ``sources`` (the files as written, placeholders), ``similar``
(look-alike tags and places), ``links`` (the rendered pages' links and images), ``weekdays``
(a day named beside a date that is another day's), ``previews`` (featured photos too narrow for
Google Discover and link previews) and ``report`` (the result, its summary and GitHub annotations).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from jinja2 import Environment

from sitegen.build import REQUIRED_LAYOUTS, BuildOptions, Loaded, extra_files, load
from sitegen.commands.check.against import check_against
from sitegen.commands.check.links import check_links
from sitegen.commands.check.previews import narrow_featured_photos
from sitegen.commands.check.report import CheckResult, github_annotation, summary, workspace_path
from sitegen.commands.check.similar import near_duplicate_places, near_duplicate_tags
from sitegen.commands.check.sources import Source, placeholders, read_sources
from sitegen.commands.check.weekdays import weekday_mismatches
from sitegen.config import load_config, messages_translator
from sitegen.errors import Diagnostic, Report, printable
from sitegen.plan.model import Site
from sitegen.plan.timely import held_notes
from sitegen.read.files import ASSETS_DIR, CONTENT_DIR, find_files
from sitegen.render.environment import RenderError, check_layouts, make_environment, render_page
from sitegen.write.assets import check_budget, publish_assets
from sitegen.write.limits import site_path_problems
from sitegen.write.variants import outputs

__all__ = ["CheckResult", "check_command", "check_site"]


def check_site(
    site_dir: Path, now: dt.datetime | None = None, against: str | None = None, base_url: str | None = None
) -> CheckResult:
    """Every problem of the site; ``against``: the live sitemap (a URL or a file) whose URLs
    must all still be served (``against``); ``base_url`` overrides site.yaml's, as a build's."""
    site_dir = site_dir.absolute()
    report = Report()
    # use_cache=False: a check leaves no trace, not even a cache folder
    loaded = load(site_dir, BuildOptions(now=now, use_cache=False, base_url=base_url), report)
    paths, _ = find_files(site_dir, CONTENT_DIR, suffix=".md")  # the problems are already in the report
    sources = read_sources(site_dir, paths)
    for source in sources.values():
        report.extend(placeholders(source))
        report.extend(weekday_mismatches(source))
    report.extend(near_duplicate_tags(sources.values()))
    result = CheckResult(report, len(paths), notes=held_notes(loaded[1]) if loaded is not None else [])

    config = loaded[0] if loaded else load_config(site_dir)[0]
    if config is None:
        return result
    report.extend(near_duplicate_places(sources.values(), dict(config.location_aliases)))
    if loaded is not None:
        report.extend(narrow_featured_photos(loaded[1]))
    if against is not None and loaded is not None:
        report.extend(check_against(against, config, loaded[1], extra_files(config, loaded[1]), sources))
    env = make_environment(site_dir, config)
    layout_problems = check_layouts(env, site_dir, REQUIRED_LAYOUTS)
    report.extend(layout_problems)
    if loaded is None or any(p.severity == "error" for p in layout_problems):
        return result
    _check_rendered(site_dir, loaded, env, sources, result)
    return result


def _check_rendered(
    site_dir: Path, loaded: Loaded, env: Environment, sources: dict[str, Source], result: CheckResult
) -> None:
    """Checks the output paths as a build does, then renders every page in memory and checks
    the pages' sizes and links, when all render."""
    config, site, _ = loaded
    report = result.report
    # the assets as build._build publishes them: stylesheets and scripts under hashed names
    asset_files, asset_problems = find_files(site_dir, ASSETS_DIR)
    report.extend(asset_problems)
    assets = {relative: (site_dir / relative).read_bytes() for relative in asset_files}
    published = publish_assets(env, assets)
    files = {page.output_file for page in site.pages} | set(extra_files(config, site)) | set(published.values())
    files |= set(outputs(site.images))  # the photos' variants, which a build makes under /img/
    path_problems = site_path_problems(site_dir, loaded, files, published)
    report.extend(path_problems)
    if path_problems:
        return

    rendered, sizes, render_problems = _render_pages(env, site)
    report.extend(render_problems)
    if render_problems:
        return
    report.extend(check_budget(site, sizes, site_dir, assets, published, config.page_budget_kb))
    result.pages = len(site.pages)
    result.links = check_links(site_dir, config, site, rendered, files, sources, report)
    # What a build only warns about and the check requires (alt text) is reported once, as an error.
    required = {(d.path, d.line, d.message) for d in report.items if d.severity == "error"}
    report.items[:] = [d for d in report.items if d.severity == "error" or (d.path, d.line, d.message) not in required]


def _render_pages(env: Environment, site: Site) -> tuple[dict[str, tuple[str, str]], dict[str, int], list[Diagnostic]]:
    """Each HTML page's output file → (page path, HTML); each page's size; the render errors."""
    rendered: dict[str, tuple[str, str]] = {}
    sizes: dict[str, int] = {}
    render_problems = []
    for page in site.pages:
        try:
            html = render_page(env, page.template, page.context, page.path)
        except RenderError as exc:
            render_problems.append(exc.diagnostic)
            continue
        sizes[page.output_file] = len(html.encode())
        if page.output_file.endswith(".html"):
            rendered[page.output_file] = (page.path, html)
    return rendered, sizes, render_problems


@click.command("check")
@click.argument("site_dir", default=".", type=click.Path(file_okay=False, dir_okay=True, exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option(
    "--against",
    metavar="URL|FILE",
    help="The live sitemap.xml: each of its URLs must still be served (by a page or an alias).",
)
@click.option("--base-url", metavar="URL", help="Override base_url (the URL the site is published at).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="'github': GitHub Actions annotations, shown on the lines of a pull request.",
)
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.pass_context
def check_command(
    ctx: click.Context,
    site_dir: Path,
    strict: bool,
    against: str | None,
    base_url: str | None,
    output_format: str,
    debug: bool,
) -> None:
    """Check SITE_DIR as a build would, and its links, images and tags; write nothing.

    Exit status: 0 clean, 1 errors (or warnings, with --strict), 2 a usage error.
    """
    ctx.meta["sitegen.debug"] = debug
    translate = messages_translator(ctx, site_dir)
    result = check_site(site_dir, against=against, base_url=base_url)
    for diagnostic in result.report.sorted():
        if output_format == "github":
            click.echo(github_annotation(diagnostic, workspace_path(site_dir, diagnostic.path), translate))
        else:
            click.echo(diagnostic.format(translate))
    for note in result.notes:  # on stderr, as the build prints them: an article held back is no problem
        click.echo(printable(translate(note)), err=True)
    click.echo(translate(summary(result)))
    if result.errors or (strict and result.warnings):
        ctx.exit(1)
