"""The CMS in a real browser: e2e/cms.mjs drives Decap CMS in Chromium against `sitegen serve`
(create a story with a photo, `sitegen check` it, see it on the preview, edit it, delete it).

Runs when e2e/node_modules (`make e2e`) and Chromium are installed; skipped otherwise, unless
SITEGEN_REQUIRE_BROWSER=1, which turns a missing tool into a failure (for CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def _missing() -> str | None:
    if not (REPO / "e2e/node_modules/playwright-core").is_dir() or not (REPO / "e2e/node_modules/decap-cms").is_dir():
        return "e2e/node_modules is not installed (make e2e)"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if shutil.which("node") is None:
        return "no node on PATH"
    return None


def test_an_editor_creates_edits_and_deletes_a_story_and_writes_a_profile_in_the_browser() -> None:
    missing = _missing()
    if missing is not None:
        if os.environ.get("SITEGEN_REQUIRE_BROWSER") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    command = ["node", "e2e/cms.mjs", "--python", sys.executable, "--chromium", str(CHROMIUM)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert [step["step"] for step in report["steps"]] == ["created", "previewed", "edited", "profile", "deleted"]
    # the profile as the CMS writes it: what sitegen.read.profiles reads (e2e/cms.mjs checked it too)
    profile = report["steps"][3]["text"]
    assert profile.startswith("---\nname: Maria Goreti Ndoen\njabatan: Bhabinkamtibmas Kelurahan Oebobo\n")
    assert "links:\n  - label: Surel\n    url: mailto:maria@wartakamtibmasntt.id\n" in profile
    written = report["steps"][0]["text"]
    assert "title: Polres Kupang Gelar Patroli Dialogis di Pasar Oeba\n" in written
    assert "date: 2024-03-14 09:30\n" in written  # the form's WITA time, without offset
