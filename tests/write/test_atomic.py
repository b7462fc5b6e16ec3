"""Atomic publish: a build that fails, crashes, is killed or interrupted at
any moment leaves the previous output exactly as it was, and the next build cleans up after
it and succeeds.

The main test kills real ``python -m sitegen build`` processes (a few hundred articles, so
workers are forked) after random short delays from a seeded ``random.Random``; the others
interrupt an in-process build at chosen stages, so every stage is covered on every run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitegen import cache
from sitegen.read import reader
from sitegen.write import output, pages
from tests.generated_site import articles
from tests.hostile_support import epoch
from tests.support import REPO, article, build_site, tree, write_site

COUNT = 300  # above parallel.MIN_PARALLEL_ITEMS: the build reads and renders in forked workers
ROUNDS = 6


def edit(site: Path, edition: int) -> None:
    for relative, text in articles(COUNT, edition=edition).items():
        path = site / relative
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def command(site: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "sitegen", "build", str(site), "--output", str(out), "--quiet"]


ENV = {**os.environ, "SOURCE_DATE_EPOCH": epoch(), "PYTHONPATH": str(REPO)}


def build(site: Path, out: Path) -> float:
    started = time.monotonic()
    done = subprocess.run(command(site, out), env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return time.monotonic() - started


def beside(out: Path) -> list[str]:
    """What lies next to the output folder besides the site: only sitegen's own two trees."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != "site")


def test_killed_and_interrupted_builds_leave_the_previous_output_intact(tmp_path: Path) -> None:
    rng = random.Random(9)
    site = write_site(tmp_path / "site", None, articles(COUNT))
    out = tmp_path / "out"
    build(site, out)
    trees = {0: tree(out)}
    edit(site, 1)
    duration = build(site, out)
    trees[1] = tree(out)
    assert trees[0] != trees[1]

    current, interrupted = 1, 0
    for number in range(ROUNDS):
        target = 1 - current
        edit(site, target)
        how = (signal.SIGKILL, signal.SIGINT)[number % 2]
        delay = rng.uniform(0.0, duration)
        run = subprocess.Popen(
            command(site, out), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        time.sleep(delay)
        # the whole process group, as a terminal's Ctrl-C and a CI runner's cancel do
        os.killpg(run.pid, how)
        _, stderr = run.communicate(timeout=120)
        where = f"round {number}: {how.name} after {delay:.2f} s"
        assert b"Traceback" not in stderr, where
        now = tree(out)
        if run.returncode == 0:
            assert now == trees[target], where  # it had finished
        else:
            assert now in (trees[current], trees[target]), where  # one tree or the other, never half
            interrupted += now == trees[current]
        assert not [name for name in beside(out) if ".sitegen-new-" in name or ".sitegen-old-" in name], where

        build(site, out)  # the next build cleans up and succeeds
        assert tree(out) == trees[target], where
        assert beside(out) in (["out"], [".out.sitegen-spare", "out"]), where
        current = target
    assert interrupted >= 1  # at least one kill landed before the swap


# -- every stage, in-process ------------------------------------------------------------------------------


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    site = write_site(tmp_path / "site", None, articles(12))
    out = tmp_path / "out"
    build_site(site, output=out)
    edit_small(site)
    return site, out, tree(out)


def edit_small(site: Path) -> None:
    """Four articles changed and one added (so the sitemap changes too)."""
    for relative, text in articles(12, edition=1).items():
        (site / relative).write_text(text, encoding="utf-8")
    (site / "content" / "baru.md").write_text(article(title="Berita Baru"), encoding="utf-8")


def interrupt_on(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, after: int = 0) -> None:
    """Make ``owner.name`` raise KeyboardInterrupt (Ctrl-C) on its ``after``-th call."""
    original: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] > after:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, interrupted)


STAGES = [
    ("reading an article", reader, "read_article", 2),
    ("rendering a page", pages, "render_page", 5),
    ("writing a page", pages, "write_new", 3),
    ("writing a file", output.Tree, "write", 0),
    ("linking an unchanged file", output.Tree, "link", 3),
    ("swapping the trees", output, "_exchange", 0),
]


@pytest.mark.parametrize(("stage", "owner", "name", "after"), STAGES, ids=[s[0] for s in STAGES])
def test_ctrl_c_at_any_stage_leaves_the_previous_output_and_the_next_build_succeeds(
    published: tuple[Path, Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    stage: str,
    owner: Any,
    name: str,
    after: int,
) -> None:
    site, out, before = published
    with monkeypatch.context() as patched:
        interrupt_on(patched, owner, name, after)
        with pytest.raises(KeyboardInterrupt):
            build_site(site, output=out, jobs=1)
    assert tree(out) == before, stage

    build_site(site, output=out, jobs=1)
    clean = tmp_path / "clean"
    build_site(site, output=clean, use_cache=False, jobs=1)
    assert tree(out) == tree(clean), stage


def test_ctrl_c_after_the_swap_leaves_the_new_output_and_a_sound_cache(
    published: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site, out, _ = published
    with monkeypatch.context() as patched:
        # the records a commit makes after swapping the trees (one transaction)
        interrupt_on(patched, cache.BuildCache, "set_states")
        with pytest.raises(KeyboardInterrupt):
            build_site(site, output=out, jobs=1)
    clean = tmp_path / "clean"
    build_site(site, output=clean, use_cache=False, jobs=1)
    assert tree(out) == tree(clean)  # swapped in, but not recorded
    result = build_site(site, output=out, jobs=1)
    assert result.files_kept == 0  # neither tree is known to the cache now: all made again
    assert tree(out) == tree(clean)


def test_stale_trees_of_a_killed_build_are_removed_by_the_next(
    published: tuple[Path, Path, dict[str, bytes]],
) -> None:
    site, out, _ = published
    for stale in (".out.sitegen-new-4242", ".out.sitegen-old-4242"):
        (out.parent / stale / "2023").mkdir(parents=True)
        (out.parent / stale / "2023" / "index.html").write_text("setengah")
    build_site(site, output=out, jobs=1)
    assert beside(out) in (["out"], [".out.sitegen-spare", "out"])
