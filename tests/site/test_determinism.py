"""Deterministic output: two builds of the same input give byte-identical
trees, whatever PYTHONHASHSEED, TZ, the locale, the order files were created in, their
times, the folder the site sits in, the number of workers, the cache or the clock say.
The one moment a build shows (the news sitemap's last 48 hours) is SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from tests.generated_site import articles
from tests.hostile_support import epoch
from tests.support import FIXED_NOW, REPO, article, copy_theme, photo, tree

# one article a few hours before the build's moment: the news sitemap must hold it on any clock
RECENT = {
    "content/2024/terbaru.md": article(
        title="Berita Terbaru & Hangat",
        date=(FIXED_NOW - dt.timedelta(hours=5)).strftime("%Y-%m-%d %H:%M +00:00"),
        tags='[Polri, "Jum\'at Curhat"]',
        body="![Foto apel pagi](foto/apel.jpg)\n\nIsi berita terbaru.",
    ),
    "content/2024/foto/apel.jpg": photo(900, 600),
}
CONFIG = "title: Warta Uji NTT\nbase_url: https://warta-uji.test/\ndescription: Kabar dari NTT\n"


def write(site: Path, files: dict[str, str | bytes], order: list[str], stamp: float) -> None:
    """The site's files, created in ``order``, every one with the modification time ``stamp``."""
    site.mkdir(parents=True)
    (site / "site.yaml").write_text(CONFIG, encoding="utf-8")
    copy_theme(site)
    for relative in order:
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        content = files[relative]
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    for path in site.rglob("*"):
        os.utime(path, (stamp, stamp))


def build(site: Path, out: Path, env: dict[str, str], *args: str) -> None:
    run_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "TZ", "LC_ALL", "LANG")}
    run_env.update(env, SOURCE_DATE_EPOCH=epoch(), PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", str(site), "--output", str(out), "--quiet", *args],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def test_two_builds_in_different_environments_are_byte_identical(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {**articles(60), **RECENT}
    names = sorted(files)
    write(tmp_path / "situs-a", files, names, stamp=1_000_000_000)
    write(tmp_path / "lain" / "situs-b", files, names[::-1], stamp=1_700_000_000)

    build(
        tmp_path / "situs-a",
        tmp_path / "keluaran-a",
        {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"},
        "--jobs",
        "1",
    )
    build(
        tmp_path / "lain" / "situs-b",
        tmp_path / "lain" / "keluaran-b",
        {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "id_ID.UTF-8", "LANG": "tr_TR.UTF-8"},
        "--jobs",
        "2",
        "--no-cache",
    )
    first, second = tree(tmp_path / "keluaran-a"), tree(tmp_path / "lain" / "keluaran-b")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert b"Berita Terbaru &amp; Hangat" in first["sitemap-news.xml"]  # the epoch's 48 hours, not the clock's
    assert not any(str(tmp_path).encode() in data for data in first.values())  # no local path leaks


def test_a_rebuild_with_another_epoch_changes_only_what_shows_the_moment(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {**articles(5), **RECENT}
    write(tmp_path / "situs", files, sorted(files), stamp=1_000_000_000)
    build(tmp_path / "situs", tmp_path / "a", {"TZ": "UTC"})
    later = {"SOURCE_DATE_EPOCH": str(int((FIXED_NOW + dt.timedelta(days=3)).timestamp()))}
    run_env = {**os.environ, "PYTHONPATH": str(REPO), **later}
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", str(tmp_path / "situs"), "--output", str(tmp_path / "b"), "-q"],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert [name for name in first if first[name] != second.get(name)] == ["sitemap-news.xml"]
