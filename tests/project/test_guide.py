"""The editors' guide (docs/panduan-editor.md) shows what the commands really print: a sample
that drifted from the program's output would teach an editor to expect something else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import REPO

GUIDE = REPO / "docs/panduan-editor.md"


def _shipped_copy(folder: Path) -> Path:
    site = folder / "site"
    site.mkdir()
    shutil.copy2(REPO / "site.yaml", site / "site.yaml")
    for name in ("content", "editors", "layouts", "assets"):
        shutil.copytree(REPO / name, site / name)
    return site


def test_the_guide_s_clean_check_line_is_what_check_prints_for_the_shipped_portal(tmp_path: Path) -> None:
    site = _shipped_copy(tmp_path)
    env = {key: value for key, value in os.environ.items() if key != "SITEGEN_LANG"}  # the site's language: id

    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", str(site)], capture_output=True, text=True, env=env, check=False
    )

    assert done.returncode == 0, done.stdout + done.stderr
    last = (done.stdout + done.stderr).strip().splitlines()[-1]
    assert last.startswith("diperiksa ") and last.endswith(": 0 kesalahan, 0 peringatan"), last
    assert f"\n{last}\n" in GUIDE.read_text(encoding="utf-8"), f"docs/panduan-editor.md should show: {last}"
