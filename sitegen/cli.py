"""The command line: a thin click layer over importable functions."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from sitegen import __version__
from sitegen.config import messages_translator
from sitegen.errors import BuildFailed, Report, SitegenError, printable
from sitegen.i18n import ENGLISH, Translator, msg, verbatim

SITE_DIR = click.argument(
    "site_dir", default=".", type=click.Path(file_okay=False, dir_okay=True, exists=True, path_type=Path)
)


class _Group(click.Group):
    """Shows a traceback only with --debug; an editor's mistake never shows one. Commands
    defined beside their stage are imported when they run (``lazy_commands``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy_commands.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, name = target.partition(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SitegenError as exc:  # said in the site's language, once the command knows it
            exc.translator = messages_translator(ctx)
            raise
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # an internal error: say so plainly, keep the details for --debug
            if ctx.meta.get("sitegen.debug"):
                raise
            kind, why = type(exc).__name__, verbatim(str(exc))
            raise SitegenError(
                msg("internal error: {kind}: {why} (run with --debug for details)", kind=kind, why=why)
            ) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """sitegen: builds the news portal from content/, layouts/, assets/ and site.yaml."""


def run() -> None:
    """The ``sitegen`` command: ``main``, then an immediate exit. A build leaves millions of
    objects behind; the interpreter's orderly shutdown would collect and free them all (a
    tenth of a second after a 10,000-article build) for nothing, as every file is written
    and closed and the cache committed by then."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def print_report(report: Report, quiet: bool = False, translate: Translator = ENGLISH) -> None:
    for diagnostic in report.sorted():
        if quiet and diagnostic.severity == "warning":
            continue
        click.echo(diagnostic.format(translate), err=True)


def _progress_line(stage: str, done: int, total: int) -> None:
    """One line on the terminal, redrawn: where a long build is."""
    click.echo(f"\r{stage}: {done:,}/{total:,} ({done * 100 // max(total, 1)}%)\x1b[K", nl=False, err=True)


def _end_progress_line(options: object) -> None:
    if getattr(options, "progress", None) is not None:
        click.echo("\r\x1b[K", nl=False, err=True)


@main.command()
@SITE_DIR
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: site.yaml's output).",
)
@click.option("--base-url", help="Overrides site.yaml's base_url (e.g. for a preview host).")
@click.option("--drafts", is_flag=True, help="Include drafts (local preview only).")
@click.option("--future", is_flag=True, help="Include articles dated in the future (local preview only).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the build cache.")
@click.option(
    "--no-search",
    is_flag=True,
    help="Leave out the search index (built by default, only its shards whose stories changed).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: every core).")
@click.option("--timings", is_flag=True, help="Print the seconds each stage took.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.pass_context
def build(
    ctx: click.Context,
    site_dir: Path,
    output: Path | None,
    base_url: str | None,
    drafts: bool,
    future: bool,
    no_cache: bool,
    no_search: bool,
    jobs: int | None,
    timings: bool,
    quiet: bool,
    debug: bool,
) -> None:
    """Build the site in SITE_DIR (default: the current folder)."""
    from sitegen.build import BuildOptions
    from sitegen.build import build as run_build

    ctx.meta["sitegen.debug"] = debug
    translate = messages_translator(ctx, site_dir)
    options = BuildOptions(
        progress=_progress_line if not quiet and sys.stderr.isatty() else None,
        output=output.absolute() if output else None,
        base_url=base_url,
        drafts=drafts,
        future=future,
        use_cache=not no_cache,
        search=not no_search,
        jobs=jobs,
    )
    try:
        result = run_build(site_dir, options)
    except BuildFailed as exc:
        _end_progress_line(options)
        print_report(exc.report, translate=translate)
        raise
    _end_progress_line(options)
    print_report(result.report, quiet, translate)
    if not quiet:
        for note in result.notes:
            click.echo(printable(translate(note)), err=True)
        built = msg(
            "built {articles} articles, {pages} pages into {output} ({written} files written, {kept} unchanged) "
            "in {seconds} s",
            articles=result.articles,
            pages=result.pages,
            output=str(result.output),
            written=result.files_written,
            kept=result.files_kept,
            seconds=format(result.seconds, ".2f"),
        )
        click.echo(translate(built))
    if timings:
        click.echo("  ".join(f"{stage} {seconds:.3f}" for stage, seconds in result.timings.items()), err=True)


# Commands defined beside the stage they drive (one line each): keep this block last.
# --- commands ---
# name → "module:command": imported only when that command runs (serve's web server and file
# watcher cost an editor's `sitegen build` nothing)
main.lazy_commands.update(
    {
        "serve": "sitegen.devserver.command:serve_command",
        "check": "sitegen.commands.check:check_command",
        "new": "sitegen.commands.new:new_command",
        "import": "sitegen.commands.importing:import_command",
    }
)

# --- end of commands ---


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
