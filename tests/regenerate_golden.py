"""Rebuild ``tests/golden/expected/`` from ``tests/golden/site/``: ``make golden``.

Run it (``python -m tests.regenerate_golden``) only after an intended change of output, then
review ``git diff tests/golden/expected`` line by line before committing it. The golden test
builds with the same function, so the two cannot drift apart.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from sitegen.build import BuildResult
from tests.support import build_site, copy_theme, site_files

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_SITE = GOLDEN / "site"
EXPECTED = GOLDEN / "expected"


def build_golden(work: Path) -> BuildResult:
    """Copy the golden site and the repository's theme into ``work`` and build it at FIXED_NOW
    into ``work/out``."""
    site = work / "golden-site"
    shutil.copytree(GOLDEN_SITE, site)
    copy_theme(site)
    return build_site(site, output=work / "out")


def golden_files(output: Path) -> dict[str, bytes]:
    """The files the expected tree holds: the site without its search index, whose bytes are
    Pagefind's and change with its version (tests/write/test_search.py checks the index)."""
    return {name: data for name, data in site_files(output).items() if not name.startswith("pagefind/")}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        result = build_golden(Path(tmp))
        files = golden_files(result.output)
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for relative, data in files.items():
        path = EXPECTED / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files to {EXPECTED}; review them with: git diff --stat tests/golden/expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
