"""Problems found in a site's input, reported as ``path:line: message``.

Every stage collects diagnostics instead of stopping at the first one, so an editor sees
all the problems of a run at once (one bad article never hides the next nine).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import click

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"


def error(path: str, line: int | None, message: str) -> Diagnostic:
    return Diagnostic(path, line, message, "error")


def warning(path: str, line: int | None, message: str) -> Diagnostic:
    return Diagnostic(path, line, message, "warning")


@dataclass
class Report:
    """The diagnostics of one run, in a stable order (by file, line, message)."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        # by file, then line (a problem of the whole file first), never comparing None to a number
        return sorted(set(self.items), key=lambda d: (d.path, d.line or 0, d.severity, d.message))


class SitegenError(click.ClickException):
    """A problem the user can act on: printed as ``Error: …`` with exit status 1."""

    exit_code = 1


class BuildFailed(SitegenError):
    """The input has errors; nothing was written."""

    def __init__(self, report: Report) -> None:
        self.report = report
        count = len(report.errors)
        super().__init__(f"build failed: {count} error{'s' if count != 1 else ''}, nothing written")


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A "did you mean …?" hint for a mistyped key, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
