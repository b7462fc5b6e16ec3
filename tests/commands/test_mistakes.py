"""The editor-mistake cases of tests/golden/mistakes/: what `sitegen check` tells an editor
about each, as it prints it, in Indonesian (the site's language) and in English (SITEGEN_LANG=en).

After an intended change of a message, write the new output with
``SITEGEN_REGENERATE=1 .venv/bin/python -m pytest tests/commands/test_mistakes.py`` and review
the diff of tests/golden/mistakes/expected-*.txt.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.support import REPO, copy_theme

MISTAKES = REPO / "tests" / "golden" / "mistakes"

# Python's words, which no editor should ever read
PYTHON_WORDS = re.compile(r"\b(None|NoneType|str|dict|list|tuple|int|bool|datetime)\b")


@pytest.fixture
def mistakes(tmp_path: Path) -> Path:
    site = tmp_path / "portal"
    shutil.copytree(MISTAKES / "site", site)
    copy_theme(site)
    return site


def check_output(run_cli: RunCli, site: Path, *args: str) -> str:
    result = run_cli("check", str(site), *args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.stdout


@pytest.mark.parametrize(
    ("language", "fmt", "expected"),
    [
        (None, "text", "expected-id.txt"),
        (None, "github", "expected-github-id.txt"),
        ("en", "text", "expected-en.txt"),
    ],
)
def test_what_check_tells_an_editor(
    mistakes: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, language: str | None, fmt: str, expected: str
) -> None:
    if language is None:
        monkeypatch.delenv("SITEGEN_LANG")  # the site's language: id
    else:
        monkeypatch.setenv("SITEGEN_LANG", language)
    monkeypatch.chdir(mistakes)
    output = check_output(run_cli, Path("."), "--format", fmt)
    if os.environ.get("SITEGEN_REGENERATE"):
        (MISTAKES / expected).write_text(output, encoding="utf-8")
    assert output == (MISTAKES / expected).read_text(encoding="utf-8")


def test_the_sites_language_english(mistakes: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITEGEN_LANG")
    config = mistakes / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: id", "language: en"), encoding="utf-8")
    monkeypatch.chdir(mistakes)
    assert check_output(run_cli, Path(".")) == (MISTAKES / "expected-en.txt").read_text(encoding="utf-8")


def test_no_python_words_reach_an_editor(mistakes: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITEGEN_LANG")
    indonesian = check_output(run_cli, mistakes)
    assert len(indonesian.splitlines()) > 30  # every broken article said something
    assert PYTHON_WORDS.findall(indonesian) == []
    # English names a list a list; Python's other words never appear there either
    monkeypatch.setenv("SITEGEN_LANG", "en")
    english = check_output(run_cli, mistakes)
    assert [word for word in PYTHON_WORDS.findall(english) if word != "list"] == []


def test_a_build_says_it_in_indonesian_too(mistakes: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITEGEN_LANG")
    result = run_cli("build", str(mistakes), "--no-search")
    assert result.exit_code == 1
    assert "judul mengandung ': ' — apit seluruh judul dengan tanda kutip" in result.stderr
    assert "Kesalahan: pembangunan gagal: " in result.stderr
    assert "Traceback" not in result.output
