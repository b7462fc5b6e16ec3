"""The preview's lines on the terminal: one per build, the build's problems, its notes.

Warnings are printed when they differ from the last build's, not after every save; the build's
notes once, after the first build (but the search index's absence: a preview leaves it out
unless asked, ``--search``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click

from sitegen.build import BuildResult
from sitegen.devserver.changes import Change
from sitegen.errors import BuildFailed
from sitegen.util.text import counted
from sitegen.write import search

Echo = Callable[[str, bool], None]  # (line, to stderr)


def echo_to_terminal(line: str, err: bool) -> None:
    click.echo(line, err=err)


class Reporter:
    """Prints what each build did; used under the server's build lock, as its ``_warnings``
    (the last build's warnings) must be."""

    def __init__(self, echo: Echo) -> None:
        self.echo = echo
        self._warnings: tuple[str, ...] = ()

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

    def built(self, result: BuildResult, changed: Sequence[Change], first: bool) -> None:
        warnings = tuple(d.format() for d in result.report.sorted())
        if warnings != self._warnings:  # not the same warnings after every save
            for line in warnings:
                self.echo(line, True)
            self._warnings = warnings
        if first:
            for note in result.notes:
                if note != search.OFF:  # a preview leaves the index out by default; --search builds it
                    self.echo(note, True)
        self.echo(_summary(result, changed, first), False)


def _what(changed: Sequence[Change]) -> str:
    if not changed:
        return ""
    shown = ", ".join(change.path for change in changed[:3])
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return f"{shown}{more} changed: "


def _summary(result: BuildResult, changed: Sequence[Change], first: bool) -> str:
    what = f"built {result.articles} articles, {result.pages} pages" if first else f"{_what(changed)}rebuilt"
    counts = f"{result.files_written} files written, {result.files_kept} unchanged"
    return f"{what} ({counts}) in {result.seconds:.2f} s"
