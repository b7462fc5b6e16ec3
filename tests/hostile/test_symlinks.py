"""Symbolic links never bring in a byte from outside the site, and neither links nor special
files hang the build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile_support import Outcome, build_cli, epoch
from tests.support import article


def secret(root: Path) -> Path:
    folder = root / "rahasia"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kunci.md").write_text(article(title="RAHASIA-ARTIKEL", slug="rahasia"))
    (folder / "kunci.css").write_text("/* RAHASIA-CSS */")
    return folder


def no_secret(outcome: Outcome) -> None:
    for name, data in outcome.files().items():
        assert b"RAHASIA" not in data, name


def test_a_linked_article_outside_the_site_is_skipped_with_a_warning(tmp_path: Path) -> None:
    outside = secret(tmp_path)

    def prepare(site: Path) -> None:
        (site / "content" / "kunci.md").symlink_to(outside / "kunci.md")
        (site / "assets" / "kunci.css").symlink_to(outside / "kunci.css")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 0
    assert outcome.diagnostics == [
        "assets/kunci.css: warning: symbolic link points outside the site; skipped",
        "content/kunci.md: warning: symbolic link points outside the site; skipped",
    ]
    no_secret(outcome)


def test_a_linked_folder_is_not_followed_and_a_link_loop_does_not_hang(tmp_path: Path) -> None:
    outside = secret(tmp_path)

    def prepare(site: Path) -> None:
        (site / "content" / "arsip-lama").symlink_to(outside)
        (site / "content" / "naik").symlink_to(site)  # a loop through the site itself

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 0
    assert outcome.diagnostics == [
        "content/arsip-lama: warning: symbolic link to a folder is not followed",
        "content/naik: warning: symbolic link to a folder is not followed",
    ]
    no_secret(outcome)


def test_a_file_link_loop_is_a_warning(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        (site / "content" / "b.md").symlink_to("c.md")
        (site / "content" / "c.md").symlink_to("b.md")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 0
    assert outcome.warnings == [
        "content/b.md: warning: symbolic link points outside the site; skipped",
        "content/c.md: warning: symbolic link points outside the site; skipped",
    ]


@pytest.mark.parametrize("folder", ["content", "assets"])
def test_content_or_assets_linked_to_outside_the_site_are_not_followed(tmp_path: Path, folder: str) -> None:
    outside = secret(tmp_path)

    def prepare(site: Path) -> None:
        real = site / f"{folder}-asli"
        (site / folder).rename(real)
        (site / folder).symlink_to(outside)
        if folder == "assets":  # the layouts need their stylesheet: a build must still be possible
            (site / "layouts").joinpath("base.html").write_text(
                (site / "layouts" / "base.html").read_text().replace("{{ 'style.css'|asset }}", "/x.css")
            )

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.warnings == [f"{folder}: warning: symbolic link to a folder is not followed"]
    no_secret(outcome)


def test_a_named_pipe_in_content_does_not_hang_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    from tests.support import write_site

    write_site(site, None, {"content/a.md": article()})
    os.mkfifo(site / "content" / "pipa.md")
    run = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "build", str(site), "--output", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch()},
    )
    try:
        _, stderr = run.communicate(timeout=3)
    except subprocess.TimeoutExpired:
        run.send_signal(signal.SIGKILL)
        run.communicate()
        raise AssertionError("the build hung on a named pipe") from None
    assert b"content/pipa.md: warning: not a regular file; skipped" in stderr


# -- links that stay inside the site but leave their folder, or reach hidden files --------------------------


def hidden_files(site: Path) -> None:
    """What a site folder holds beside its sources in CI: git's config, secrets (and the build
    cache, which holds drafts: the build makes it before it looks for files)."""
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic RAHASIA-GIT\n")
    (site / ".env").write_text("TOKEN=RAHASIA-ENV\n")
    (site / "draf").mkdir()
    (site / "draf" / "b.md").write_text(article(title="RAHASIA-DRAF", slug="b"))
    (site / "assets" / ".env").write_text("RAHASIA-ASSETS-ENV")
    (site / "content" / ".tersembunyi").mkdir()
    (site / "content" / ".tersembunyi" / "c.md").write_text(article(title="RAHASIA-TERSEMBUNYI", slug="c"))


OUTSIDE_ASSETS = "warning: symbolic link points outside assets/; skipped"
OUTSIDE_CONTENT = "warning: symbolic link points outside content/; skipped"
HIDDEN = "warning: symbolic link points to a hidden file; skipped"


def test_a_link_may_only_reach_a_file_of_its_own_folder_and_never_a_hidden_one(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        hidden_files(site)
        links = {
            "assets/logo.txt": "../.git/config",
            "assets/env.txt": "../.env",
            "assets/cache.txt": "../.sitegen-cache/cache.sqlite",
            "assets/x.txt": ".env",  # a hidden file inside assets/ itself
            "assets/konten.md": "../content/a.md",  # inside the site, but another folder
            "content/b.md": "../draf/b.md",
            "content/c.md": ".tersembunyi/c.md",
            "content/env.md": "../.env",
        }
        for name, target in links.items():
            (site / name).symlink_to(target)

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 0
    assert outcome.diagnostics == [
        f"assets/cache.txt: {HIDDEN}",
        f"assets/env.txt: {HIDDEN}",
        f"assets/konten.md: {OUTSIDE_ASSETS}",
        f"assets/logo.txt: {HIDDEN}",
        f"assets/x.txt: {HIDDEN}",
        f"content/b.md: {OUTSIDE_CONTENT}",
        f"content/c.md: {HIDDEN}",
        f"content/env.md: {HIDDEN}",
    ]
    no_secret(outcome)


def test_a_link_to_a_file_of_its_own_folder_is_followed(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        (site / "content" / "arsip").mkdir()
        (site / "content" / "arsip" / "b.txt").write_text(article(title="Dari Arsip", slug="b"))
        (site / "content" / "b.md").symlink_to("arsip/b.txt")
        (site / "assets" / "css").mkdir()
        (site / "assets" / "css" / "lain.css").write_text("/* lain */")
        (site / "assets" / "lain.css").symlink_to("css/lain.css")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert (outcome.exit_code, outcome.diagnostics) == (0, [])
    assert (outcome.output / "2023/12/b/index.html").is_file()
    assert [data for name, data in outcome.files().items() if name.startswith("assets/lain.")] == [b"/* lain */"]
