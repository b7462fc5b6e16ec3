"""Fixtures: scratch sites in tmp_path with the real theme, builds at a fixed moment, the CLI.

The helpers themselves live in ``tests/support.py`` (``python -m tests.regenerate_golden``
uses them outside pytest); the fixtures below hand them to the tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

pytest.register_assert_rewrite("tests.support")

from click.testing import CliRunner, Result  # noqa: E402

from sitegen.cli import main  # noqa: E402
from tests.support import MakeSite, write_site  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def english_messages() -> Iterator[None]:
    """The suite's assertions on sitegen's messages are written in English: every test (and
    every fixture, of any scope) runs with SITEGEN_LANG=en unless it says otherwise (the
    Indonesian ones remove or set it with monkeypatch: tests/test_i18n.py,
    tests/commands/test_mistakes.py …)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEGEN_LANG", "en")
        yield


RunCli = Callable[..., Result]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """``make_site(config=None, files=None, theme=True, name="site")`` → the site folder.

    ``config``: a dict merged over the default title/base_url, or the exact text of site.yaml.
    ``files``: relative path → text (dedented) or bytes.
    """

    def make(
        config: Mapping[str, Any] | str | None = None,
        files: Mapping[str, str | bytes] | None = None,
        theme: bool = True,
        name: str = "site",
    ) -> Path:
        return write_site(tmp_path / name, config, files, theme)

    return make


@pytest.fixture
def run_cli() -> RunCli:
    """``run_cli("build", str(site), ...)``: the real command line in-process, output captured.

    stdout and stderr stay apart (``result.stdout``, ``result.stderr``); exceptions are caught
    the way a terminal would see them, so a test can check that none escaped.
    """
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args), catch_exceptions=True)

    return run


@pytest.fixture(params=["UTC", "America/New_York", "Pacific/Kiritimati"])
def machine_tz(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The process runs with a TZ far from WITA (as a CI runner does); restored afterwards."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()
