"""Helpers shared by the tests and by ``python -m tests.regenerate_golden``.

Plain functions, no pytest: the golden regeneration script must build exactly as the test does.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import textwrap
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image, ImageDraw

from sitegen.build import BuildOptions, BuildResult, build
from sitegen.errors import Diagnostic, Report
from sitegen.write.output import MARKER

MakeSite = Callable[..., Path]  # the make_site fixture

REPO = Path(__file__).resolve().parent.parent

# The moment every test build takes as "now": after all the fixtures' articles, long before 2099.
FIXED_NOW = dt.datetime(2024, 6, 1, 4, 0, tzinfo=dt.UTC)

DEFAULT_CONFIG: dict[str, Any] = {"title": "Warta Uji NTT", "base_url": "https://warta-uji.test/"}


def copy_theme(site_dir: Path) -> None:
    """The repository's real layouts/ and assets/, so the shipped theme is what is tested."""
    shutil.copytree(REPO / "layouts", site_dir / "layouts", dirs_exist_ok=True)
    shutil.copytree(REPO / "assets", site_dir / "assets", dirs_exist_ok=True)


def write_site(
    site_dir: Path,
    config: Mapping[str, Any] | str | None = None,
    files: Mapping[str, str | bytes] | None = None,
    theme: bool = True,
) -> Path:
    """A scratch site: ``site.yaml`` (a dict merged over the defaults, or exact text), the given
    files (relative path → dedented text, or exact bytes) and the real theme."""
    site_dir.mkdir(parents=True, exist_ok=True)
    if isinstance(config, str):
        config_text = textwrap.dedent(config).lstrip("\n")
    else:
        config_text = yaml.safe_dump({**DEFAULT_CONFIG, **(config or {})}, allow_unicode=True, sort_keys=False)
    (site_dir / "site.yaml").write_text(config_text, encoding="utf-8")
    (site_dir / "content").mkdir(exist_ok=True)
    if theme:
        copy_theme(site_dir)
    for relative, text in (files or {}).items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return site_dir


def article(body: str = "Isi berita.", **fields: Any) -> str:
    """The text of an article: the four required keys (overridable) plus ``fields``, in order.

    A value ``None`` leaves the key out; a string value is written as given (so ``date`` stays
    the string an editor types), anything else as YAML.
    """
    values: dict[str, Any] = {
        "title": "Judul Berita",
        "date": "2023-12-03 10:30",
        "editor": "Sefnat Besie",
        "location": "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan",
    }
    values.update(fields)
    lines = ["---"]
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, str):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()}")
    lines += ["---", textwrap.dedent(body).strip("\n"), ""]
    return "\n".join(lines)


def photo(
    width: int = 1600, height: int = 1000, color: tuple[int, int, int] = (30, 80, 160), kind: str = "JPEG"
) -> bytes:
    """The bytes of a small test photo: a coloured field with a yellow disc (so resizing shows)."""
    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).ellipse((width // 8, height // 8, width // 2, height * 3 // 4), fill=(250, 200, 40))
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def build_site(site_dir: Path, output: Path | None = None, **options: Any) -> BuildResult:
    """``sitegen.build.build`` with a fixed "now" (a test never depends on the clock)."""
    options.setdefault("now", FIXED_NOW)
    return build(site_dir, BuildOptions(output=output, **options))


def tree(root: Path, skip: Iterable[str] = ()) -> dict[str, bytes]:
    """Every file below ``root``: relative POSIX path → bytes."""
    skipped = set(skip)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).as_posix() not in skipped
    }


def site_files(output: Path) -> dict[str, bytes]:
    """The published files of an output folder (without sitegen's marker file)."""
    return tree(output, skip=[MARKER])


def formatted(diagnostics: Report | Iterable[Diagnostic]) -> list[str]:
    """Diagnostics as the command line prints them, in the command line's order."""
    report = diagnostics if isinstance(diagnostics, Report) else Report(list(diagnostics))
    return [d.format() for d in report.sorted()]


def assert_diagnostics(diagnostics: Report | Iterable[Diagnostic], expected: list[str]) -> None:
    """The exact list of formatted diagnostics, in the order the command line prints them."""
    assert formatted(diagnostics) == expected


CHROMIUM = Path("/usr/bin/chromium")


def require_playwright() -> str:
    """``node`` with e2e's playwright-core (``make e2e``) for a browser test: skipped where either
    is missing, except where SITEGEN_REQUIRE_BROWSER=1, where that fails."""
    missing = None
    if not (REPO / "e2e/node_modules/playwright-core").is_dir():
        missing = "e2e/node_modules is not installed (make e2e)"
    elif shutil.which("node") is None:
        missing = "no node on PATH"
    if missing is not None:
        if os.environ.get("SITEGEN_REQUIRE_BROWSER") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    return str(shutil.which("node"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` served on a free port of 127.0.0.1 while the block runs: its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def require_chromium() -> Path:
    """Debian's Chromium for a browser test: skipped where it is not installed, except where
    SITEGEN_REQUIRE_BROWSER=1 (.ci/run installs it and sets that), where its absence fails."""
    if not CHROMIUM.is_file():
        message = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("SITEGEN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM
