"""A preview (--drafts, --future) marks what is not published; the progress line on a terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.build import BuildOptions, build
from tests.support import FIXED_NOW, MakeSite, article


def _site(make_site: MakeSite) -> Path:
    return make_site(
        files={
            "content/a.md": article("Terbit.", title="Sudah Terbit", slug="terbit"),
            "content/b.md": article("Draf.", title="Masih Draf", slug="draf", draft="true"),
            "content/c.md": article("Nanti.", title="Terjadwal", slug="nanti", date="2024-06-10 08:00"),
        }
    )


def test_a_preview_marks_drafts_and_scheduled_articles_on_their_pages_and_cards(make_site: MakeSite) -> None:
    site = _site(make_site)
    result = build(site, BuildOptions(now=FIXED_NOW, drafts=True, future=True))
    draft = (result.output / "2023/12/draf/index.html").read_text()
    scheduled = (result.output / "2024/06/nanti/index.html").read_text()
    published = (result.output / "2023/12/terbit/index.html").read_text()
    assert '<p class="status">DRAF – hanya pratinjau, belum diterbitkan</p>' in draft
    assert '<p class="status">TERJADWAL – terbit Senin, 10 Juni 2024 08.00 WITA</p>' in scheduled
    assert 'class="status"' not in published
    home = (result.output / "index.html").read_text()
    assert '<span class="status">DRAF</span> <a href="/2023/12/draf/">Masih Draf</a>' in home
    assert '<span class="status">TERJADWAL</span> <a href="/2024/06/nanti/">Terjadwal</a>' in home


def test_a_real_build_has_no_marks_and_once_due_the_article_loses_its_mark(make_site: MakeSite) -> None:
    site = _site(make_site)
    result = build(site, BuildOptions(now=FIXED_NOW))
    assert not any(b'class="status"' in p.read_bytes() for p in result.output.rglob("*.html"))
    later = build(site, BuildOptions(now=FIXED_NOW + dt.timedelta(days=30)))
    assert b'class="status"' not in (later.output / "2024/06/nanti/index.html").read_bytes()


def test_progress_is_reported_for_the_long_stages(make_site: MakeSite) -> None:
    site = _site(make_site)
    heard: list[tuple[str, int, int]] = []
    build(site, BuildOptions(now=FIXED_NOW, progress=lambda stage, done, total: heard.append((stage, done, total))))
    stages = {stage for stage, _, _ in heard}
    assert stages == {"reading articles", "rendering pages"}
    assert all(0 < done <= total for _, done, total in heard)
    assert ("reading articles", 3, 3) in heard


def test_the_command_line_draws_no_progress_line_when_not_on_a_terminal(make_site: MakeSite) -> None:
    from click.testing import CliRunner

    from sitegen.cli import main

    site = _site(make_site)
    result = CliRunner().invoke(main, ["build", str(site)])
    assert result.exit_code == 0
    assert "\r" not in result.stderr and "rendering pages" not in result.stderr


def test_the_command_line_draws_a_progress_line_on_a_terminal_and_clears_it(make_site: MakeSite) -> None:
    """``sitegen build`` as a person runs it: stderr is a terminal (a pseudo-terminal here),
    and the command ends through its fast exit (sitegen.cli.run) with the line cleared."""
    import os
    import pty
    import subprocess
    import sys

    from tests.support import REPO

    site = _site(make_site)
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": str(int(FIXED_NOW.timestamp()))}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sitegen", "build", str(site), "--no-search"],
            stdout=subprocess.PIPE,
            stderr=follower,
            env=env,
            timeout=120,
            check=False,
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything was read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    text = drawn.decode()
    assert "\rreading articles: 3/3 (100%)" in text and "\rrendering pages: " in text
    assert text.endswith("\r\x1b[K") or "\r\x1b[K" in text.rsplit("rendering pages", 1)[1]
    assert done.stdout.startswith(b"built 1 articles, ")  # (the other two are held back)
