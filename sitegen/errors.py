"""Problems found in a site's input, reported as ``path:line: message``.

Every stage collects diagnostics instead of stopping at the first one, so an editor sees
all the problems of a run at once (one bad article never hides the next nine).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import click

from sitegen.i18n import ENGLISH, Message, Translator, msg, msgn, verbatim

Severity = Literal["error", "warning"]

# What must never reach a log as it is: a newline or carriage return would start a line of
# its own (a forged GitHub workflow command: "::error …"), other controls drive the terminal,
# bidirectional overrides reorder what is shown, and a lone surrogate (a file name that is not
# UTF-8, as Python reads it) cannot even be printed.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` safe to print on one line of a log: the characters above escaped as Python
    writes them (a byte of a name that is not UTF-8 as ``\\xe9``)."""
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a file's line. Its path is kept printable (``printable``): a file name is
    untrusted, and every way of reporting a problem prints it (the message is made printable
    where it is formatted: GitHub's annotations escape it their own way)."""

    path: str
    line: int | None
    message: Message  # made with sitegen.i18n.msg, translated where it is printed
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if _UNSAFE.search(self.path):
            object.__setattr__(self, "path", printable(self.path))

    def format(self, translator: Translator = ENGLISH) -> str:
        """``path:line: error: message`` in the translator's language."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {translator(SEVERITIES[self.severity])}: {printable(translator(self.message))}"

    def text(self, translator: Translator = ENGLISH) -> str:
        """The message alone, translated (not yet made printable)."""
        return translator(self.message)


SEVERITIES = {"error": msg("error"), "warning": msg("warning")}


def error(path: str, line: int | None, message: Message) -> Diagnostic:
    return Diagnostic(path, line, message, "error")


def warning(path: str, line: int | None, message: Message) -> Diagnostic:
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
    """A problem the user can act on: printed as ``Error: …`` with exit status 1, in the language
    of ``translator`` (the command that knows its site sets it: sitegen.cli)."""

    exit_code = 1

    def __init__(self, message: Message | str) -> None:
        self.text = message if isinstance(message, Message) else verbatim(message)
        self.translator = ENGLISH
        super().__init__(str(self.text))

    def format_message(self) -> str:
        return self.translator(self.text)

    def show(self, file: object = None) -> None:
        click.echo(self.translator(msg("Error: {message}", message=self.text)), err=True)


class BadArgument(SitegenError):
    """A command's argument that cannot be used: exit status 2, as click's usage errors."""

    exit_code = 2

    def __init__(self, param: str, problem: Message) -> None:
        super().__init__(msg("Invalid value for {param}: {problem}", param=param, problem=problem))


class BuildFailed(SitegenError):
    """The input has errors; nothing was written."""

    def __init__(self, report: Report) -> None:
        self.report = report
        count = len(report.errors)
        super().__init__(
            msgn("build failed: {n} error, nothing written", "build failed: {n} errors, nothing written", count)
        )


def unknown_key(key: str, choices: tuple[str, ...] | list[str], names: Mapping[str, str] | None = None) -> Message:
    """ "unknown key 'lokasi' — did you mean 'location'?": ``names`` are other names of the keys
    (Indonesian ones: ``lokasi`` → ``location``); else a close spelling, when there is one."""
    import difflib

    guess = (names or {}).get(key.strip().lower())
    if guess is None:
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        guess = close[0] if close else None
    if guess is None:
        return msg("unknown key '{key}'", key=key)
    return msg("unknown key '{key}' — did you mean '{guess}'?", key=key, guess=guess)
