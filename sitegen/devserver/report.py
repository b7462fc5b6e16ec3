"""The preview's lines on the terminal: one per build, the build's problems, its notes.

Warnings are printed when they differ from the last build's, not after every save; the build's
notes (the articles held back among them) when they are new, so an article made a draft or
dated in the future during the preview is named when it leaves the site. The search index's
absence is said once, as the preview's own note: a preview leaves it out unless asked,
``--search``. Each rebuild's line counts the pages whose served bytes changed, which a build
that restores earlier files (an undo) changes without writing any.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click

from sitegen.build import BuildResult
from sitegen.devserver.changes import Change
from sitegen.devserver.tracking import page_path
from sitegen.errors import BuildFailed, printable
from sitegen.util.text import counted
from sitegen.write import search

Echo = Callable[[str, bool], None]  # (line, to stderr)

SEARCH_OFF = (
    "search: the preview has no search index (its /cari/ page says so); sitegen serve --search "
    "builds it, again whenever an article changes"
)


def echo_to_terminal(line: str, err: bool) -> None:
    click.echo(line, err=err)


class Reporter:
    """Prints what each build did; used under the server's build lock, as its ``_warnings``
    (the last build's warnings) must be."""

    def __init__(self, echo: Echo) -> None:
        self.echo = echo
        self._warnings: tuple[str, ...] = ()
        self._notes: frozenset[str] = frozenset()  # the notes already printed

    def failed(self, exc: BuildFailed, changed: Sequence[Change]) -> tuple[str, ...]:
        """Print a failed build's problems and one line; its errors, for the overlay."""
        for diagnostic in exc.report.sorted():
            self.echo(diagnostic.format(), True)
        errors = tuple(d.format() for d in exc.report.errors)
        failed = f"build failed: {counted(len(errors), 'error')}; serving the last good build"
        self.echo(_what(changed) + failed, True)
        return errors

    def error(self, message: str) -> tuple[str, ...]:
        """Print an error that stopped the build; the overlay's lines."""
        self.echo(message, True)
        return (message,)

    def built(self, result: BuildResult, changed: Sequence[Change], first: bool, files: Sequence[str] = ()) -> None:
        """``files``: the output files whose served bytes the build changed."""
        warnings = tuple(d.format() for d in result.report.sorted())
        if warnings != self._warnings:  # not the same warnings after every save
            for line in warnings:
                self.echo(line, True)
            self._warnings = warnings
        for note in result.notes:
            if note not in self._notes and note != search.OFF:
                self.echo(printable(note), True)
        self.echo(_summary(result, changed, first, files), False)
        if search.OFF in result.notes and search.OFF not in self._notes:
            self.echo(SEARCH_OFF, True)
        self._notes = frozenset(result.notes)


def _what(changed: Sequence[Change]) -> str:
    if not changed:
        return ""
    shown = ", ".join(change.path for change in changed[:3])
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return f"{shown}{more} changed: "


def _summary(result: BuildResult, changed: Sequence[Change], first: bool, files: Sequence[str]) -> str:
    counts = f"{result.files_written} files written, {result.files_kept} unchanged"
    if first:
        return f"built {result.articles} articles, {result.pages} pages ({counts}) in {result.seconds:.2f} s"
    base = result.config.base_path.rstrip("/") if result.config else ""
    shown = ", ".join(printable(base + page_path(file)) for file in files[:3])
    more = f" and {len(files) - 3} more" if len(files) > 3 else ""
    named = f"{shown}{more}; " if files else ""
    pages = f"{counted(len(files), 'page')} changed"
    return f"{_what(changed)}rebuilt: {pages} ({named}{counts}) in {result.seconds:.2f} s"
