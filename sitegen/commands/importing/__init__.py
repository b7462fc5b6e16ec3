"""``sitegen import``: articles from another publishing system's export (WordPress, Blogger).

Each published post becomes ``content/{year}/{slug}.md`` with the article contract's front
matter and a Markdown body, its photos beside it; every problem is reported at its line in the
export (``EXPORT.xml:LINE: error: …``) and the summary counts what was imported and skipped.
Nothing is fetched from the network: photos come from a local copy of the uploads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sitegen.errors import SitegenError

_EXPORT = click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))

_SITE_DIR = click.argument(
    "site_dir", default=".", type=click.Path(file_okay=False, dir_okay=True, exists=True, path_type=Path)
)

_OPTIONS: list[Callable[[Any], Any]] = [
    click.option("--location", help="The place of a story whose dateline and first paragraph name no known place."),
    click.option("--drafts", is_flag=True, help="Import drafts and pending posts too, as 'draft: true'."),
    click.option("--force", is_flag=True, help="Replace articles that already exist (default: leave them)."),
]


def _common(command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return _EXPORT(_SITE_DIR(command))


@click.group("import")
def import_command() -> None:
    """Import articles from a WordPress or Blogger export into SITE_DIR's content/."""


@import_command.command("wordpress")
@_common
@click.option(
    "--uploads",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A local copy of the old site's wp-content/uploads: photos are taken from it.",
)
def wordpress_command(
    export: Path, site_dir: Path, uploads: Path | None, location: str | None, drafts: bool, force: bool
) -> None:
    """Import a WordPress export (WXR, Tools → Export) EXPORT into SITE_DIR."""
    _run("wordpress", export, site_dir, uploads, location, drafts, force)


@import_command.command("blogger")
@_common
def blogger_command(export: Path, site_dir: Path, location: str | None, drafts: bool, force: bool) -> None:
    """Import a Blogger export (the old backup .xml or Takeout's feed.atom) EXPORT into SITE_DIR."""
    _run("blogger", export, site_dir, None, location, drafts, force)


def _run(
    kind: str, export: Path, site_dir: Path, uploads: Path | None, location: str | None, drafts: bool, force: bool
) -> None:
    from sitegen.commands.importing.pipeline import run_import

    outcome = run_import(kind, site_dir, export, uploads, location=location, drafts=drafts, force=force)
    for diagnostic in outcome.summary.report.sorted():
        click.echo(diagnostic.format(), err=True)
    for line in outcome.lines():
        click.echo(line)
    errors = len(outcome.summary.report.errors)
    if errors:
        raise SitegenError(f"import finished with {errors} error{'s' if errors != 1 else ''}: the rest was imported")
