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
from sitegen.i18n import ENGLISH, Message, Translator, msg, msgn
from sitegen.write import search

Echo = Callable[[str, bool], None]  # (line, to stderr)

SEARCH_OFF = msg(
    "search: the preview has no search index (its /cari/ page says so); sitegen serve --search "
    "builds it, and each save makes again the part of it that holds a changed article"
)


def echo_to_terminal(line: str, err: bool) -> None:
    click.echo(line, err=err)


class Reporter:
    """Prints what each build did; used under the server's build lock, as its ``_warnings``
    (the last build's warnings) must be."""

    def __init__(self, echo: Echo, translate: Translator = ENGLISH) -> None:
        self.echo = echo
        self.translate = translate  # the site's language (sitegen.config.messages_language)
        self._warnings: tuple[str, ...] = ()
        self._notes: frozenset[Message] = frozenset()  # the notes already printed

    def failed(self, exc: BuildFailed, changed: Sequence[Change]) -> tuple[str, ...]:
        """Print a failed build's problems and one line; its errors, for the overlay."""
        t = self.translate
        for diagnostic in exc.report.sorted():
            self.echo(diagnostic.format(t), True)
        errors = tuple(d.format(t) for d in exc.report.errors)
        failed = msgn(
            "build failed: {n} error; serving the last good build",
            "build failed: {n} errors; serving the last good build",
            len(errors),
        )
        self.echo(_what(changed, t) + t(failed), True)
        return errors

    def error(self, message: Message) -> tuple[str, ...]:
        """Print an error that stopped the build; the overlay's lines."""
        line = self.translate(msg("error: {message}", message=message))
        self.echo(line, True)
        return (line,)

    def built(self, result: BuildResult, changed: Sequence[Change], first: bool, files: Sequence[str] = ()) -> None:
        """``files``: the output files whose served bytes the build changed."""
        t = self.translate
        warnings = tuple(d.format(t) for d in result.report.sorted())
        if warnings != self._warnings:  # not the same warnings after every save
            for line in warnings:
                self.echo(line, True)
            self._warnings = warnings
        for note in result.notes:
            if note not in self._notes and note != search.OFF:
                self.echo(printable(t(note)), True)
        self.echo(t(_summary(result, changed, first, files, t)), False)
        if search.OFF in result.notes and search.OFF not in self._notes:
            self.echo(t(SEARCH_OFF), True)
        self._notes = frozenset(result.notes)


def _what(changed: Sequence[Change], t: Translator) -> str:
    if not changed:
        return ""
    shown = ", ".join(change.path for change in changed[:3])
    if len(changed) > 3:
        return t(msg("{shown} and {more} more changed: ", shown=shown, more=len(changed) - 3))
    return t(msg("{shown} changed: ", shown=shown))


def _summary(
    result: BuildResult, changed: Sequence[Change], first: bool, files: Sequence[str], t: Translator
) -> Message:
    seconds = f"{result.seconds:.2f}"
    counts = msg("{written} files written, {kept} unchanged", written=result.files_written, kept=result.files_kept)
    if first:
        return msg(
            "built {articles} articles, {pages} pages ({counts}) in {seconds} s",
            articles=result.articles,
            pages=result.pages,
            counts=counts,
            seconds=seconds,
        )
    base = result.config.base_path.rstrip("/") if result.config else ""
    shown = ", ".join(printable(base + page_path(file)) for file in files[:3])
    if len(files) > 3:
        named = t(msg("{shown} and {more} more; ", shown=shown, more=len(files) - 3))
    else:
        named = f"{shown}; " if files else ""
    pages = msgn("{n} page changed", "{n} pages changed", len(files))
    rebuilt = msg(
        "rebuilt: {pages} ({named}{counts}) in {seconds} s", pages=pages, named=named, counts=counts, seconds=seconds
    )
    return msg("{what}{rebuilt}", what=_what(changed, t), rebuilt=rebuilt)
