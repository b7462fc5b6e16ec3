"""What the check found, for people and for GitHub: the counts, the summary line, and GitHub
Actions annotations at paths relative to the repository checkout."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.errors import Diagnostic, Report
from sitegen.i18n import ENGLISH, Message, Translator, msg, msgn


@dataclass
class CheckResult:
    report: Report
    articles: int  # article files read
    pages: int = 0  # pages rendered; 0 when errors stopped the check before rendering
    links: int = 0  # links into the site that were followed
    # the articles a build would hold back (drafts, scheduled), named as the build names them
    notes: list[Message] = field(default_factory=list)

    @property
    def rendered(self) -> bool:
        return self.pages > 0

    # Counted here rather than with Report.errors, which sorts diagnostics by their fields and
    # fails on two of one file where one has a line and the other none.
    @property
    def errors(self) -> int:
        return sum(1 for d in set(self.report.items) if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in set(self.report.items) if d.severity == "warning")


def summary(result: CheckResult) -> Message:
    counts = msg(
        "{errors}, {warnings}",
        errors=msgn("{n} error", "{n} errors", result.errors),
        warnings=msgn("{n} warning", "{n} warnings", result.warnings),
    )
    if not result.rendered:
        return msg("{counts}; pages and links are checked once the errors are fixed", counts=counts)
    return msg(
        "checked {articles}, {pages} and {links}: {counts}",
        articles=msgn("{n} article", "{n} articles", result.articles),
        pages=msgn("{n} page", "{n} pages", result.pages),
        links=msgn("{n} link", "{n} links", result.links),
        counts=counts,
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic, file: str, translate: Translator = ENGLISH) -> str:
    """A GitHub Actions workflow command that shows the problem on the file's line in a pull
    request, in the translator's language."""
    properties = f"file={_escape_property(file)}"
    if diagnostic.line is not None:
        properties += f",line={diagnostic.line}"
    return f"::{diagnostic.severity} {properties}::{_escape_data(diagnostic.text(translate))}"


def workspace_path(site_dir: Path, path: str) -> str:
    """A site path as GitHub wants it, relative to the repository checkout (the current folder):
    ``content/x.md`` of a site in ``portal/`` is ``portal/content/x.md``."""
    full = os.path.abspath(site_dir / path)
    cwd = os.getcwd()
    if os.path.commonpath([full, cwd]) != cwd:
        return path
    return Path(os.path.relpath(full, cwd)).as_posix()
