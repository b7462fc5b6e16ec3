"""Building hostile scratch sites through the real command line, checking what any build of them
must never do (print a traceback, or write a byte outside its output folder), and reading back
what it wrote.

Shared by the suites of tests/hostile/ (no tests here).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import html5lib
from click.testing import CliRunner
from html5lib.html5parser import ParseError

from sitegen.cli import main
from tests.support import FIXED_NOW, write_site

DIAGNOSTIC = re.compile(r"[^\s:][^:]*(?::\d+)?: (?:error|warning): .*")
# the folders a build may write: its output, the spare tree beside it, and the site's cache
_WRITABLE = ("out", ".out.sitegen-spare", "site/.sitegen-cache")
BODY_LINE = 7  # article(): '---', title, date, editor, location, '---', then the body
ARTICLE = "2023/12/a/index.html"


@dataclass
class Outcome:
    exit_code: int
    diagnostics: list[str]  # as printed, in the printed order
    stdout: str
    stderr: str
    site: Path
    output: Path

    @property
    def errors(self) -> list[str]:
        return [d for d in self.diagnostics if ": error: " in d]

    @property
    def warnings(self) -> list[str]:
        return [d for d in self.diagnostics if ": warning: " in d]

    def files(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.output).as_posix(): p.read_bytes() for p in sorted(self.output.rglob("*")) if p.is_file()
        }

    def text(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


def outside_output(root: Path) -> dict[str, bytes | str]:
    """Every file, folder and link below ``root`` but in the folders a build may write."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(relative == w or relative.startswith(w + "/") for w in _WRITABLE):
            continue
        if path.is_symlink():
            found[relative] = "-> " + str(path.readlink())
        elif path.is_dir():
            found[relative] = "dir"
        else:
            found[relative] = path.read_bytes() if path.is_file() else "special"
    return found


def epoch(moment: dt.datetime = FIXED_NOW) -> str:
    return str(int(moment.timestamp()))


def build_cli(
    root: Path,
    files: Mapping[str, str | bytes] | None = None,
    config: Mapping[str, Any] | str | None = None,
    *args: str,
    prepare: Any = None,
) -> Outcome:
    """Write a scratch site to ``root/site`` (``prepare(site)`` may add links and such), build
    it with ``sitegen build`` into ``root/out`` at FIXED_NOW, and check the two promises."""
    site = write_site(root / "site", config, files)
    if prepare is not None:
        prepare(site)
    output = root / "out"
    before = outside_output(root)
    result = CliRunner().invoke(
        main, ["build", str(site), "--output", str(output), *args], env={"SOURCE_DATE_EPOCH": epoch()}
    )
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert outside_output(root) == before, "the build wrote outside its output folder"
    diagnostics = [line for line in result.stderr.splitlines() if DIAGNOSTIC.fullmatch(line)]
    return Outcome(result.exit_code, diagnostics, result.stdout, result.stderr, site, output)


# -- reading back what a build wrote ---------------------------------------------------------------


def dom(outcome: Outcome, relative: str) -> Any:
    return html5lib.parse((outcome.output / relative).read_bytes(), namespaceHTMLElements=False)


def text_of(root: Any, path: str) -> str:
    found = root.find(path)
    assert found is not None, path
    return "".join(found.itertext())


def feed(outcome: Outcome, relative: str = "feed.xml") -> Any:
    parsed = feedparser.parse((outcome.output / relative).read_bytes(), sanitize_html=False)
    assert parsed.bozo == 0, parsed.bozo_exception
    return parsed


# -- what every built site must be ----------------------------------------------------------------

_BAD_URL = re.compile(r"(javascript|data|vbscript):", re.I)
_URL_EDGES = "".join(chr(c) for c in range(0x21))


def html_problems(name: str, data: bytes) -> list[str]:
    """Why a page is not strict, script-free HTML5 (beyond the layouts' own two scripts)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        root = parser.parse(data, transport_encoding="utf-8")
    except ParseError as exc:
        return [f"{name}: not strict HTML5: {exc}"]
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            if attribute.lower().startswith("on"):
                problems.append(f"{name}: <{element.tag} {attribute}>")
            url = re.sub("[\t\n\r]", "", value.strip(_URL_EDGES))
            if attribute in ("href", "src", "action", "formaction", "cite", "poster") and _BAD_URL.match(url):
                problems.append(f"{name}: <{element.tag} {attribute}={value!r}>")
        if element.tag in ("script", "style", "object", "embed", "form", "base", "meta") and element.get("src"):
            problems.append(f"{name}: <{element.tag} src>")
        if element.tag == "script" and not _layout_script(element):
            problems.append(f"{name}: a script the layouts did not write: {element.text!r}")
        if (
            element.tag == "iframe"
            and element.get("src")
            and not element.get("src", "").startswith("https://www.youtube.com/embed/")
        ):
            problems.append(f"{name}: iframe {element.get('src')}")
    return problems


def _layout_script(element: Any) -> bool:
    text = element.text or ""
    if element.get("type") == "application/ld+json":
        try:
            json.loads(text)
        except ValueError:
            return False
        return "</" not in text
    return text.lstrip().startswith(
        ("document.querySelectorAll", "(function", "window.", "new Pagefind", "const bundle = ")  # the search page's
    )


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_problems(name: str, data: bytes) -> list[str]:
    """Why an XML file is not well-formed XML 1.0 (and, for a feed, not read cleanly)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"{name}: not well-formed: {exc}"]
    if _NOT_XML.search(data.decode("utf-8")):
        return [f"{name}: a character XML 1.0 forbids"]
    if root.tag == "rss":
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
        if parsed.bozo:
            return [f"{name}: feedparser bozo: {parsed.bozo_exception}"]
    return []


def site_problems(output: Path) -> list[str]:
    problems: list[str] = []
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if path.suffix == ".html":
            problems += html_problems(name, path.read_bytes())
        elif path.suffix == ".xml":
            problems += xml_problems(name, path.read_bytes())
    return problems
