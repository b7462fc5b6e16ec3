"""The click-to-load video in a real browser: e2e/video.mjs opens an article in Chromium and
records every request. Before the tap the page asks no other host for anything but YouTube's
thumbnail (and nothing at all when the poster is the site's own); after the tap the
youtube-nocookie.com player is there; without JavaScript the player is a link to the video.

Runs when e2e/node_modules (`make e2e`) and Chromium are installed; skipped otherwise, unless
SITEGEN_REQUIRE_BROWSER=1, which turns a missing tool into a failure (for CI).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import REPO, MakeSite, article, build_site, photo, require_chromium, require_playwright, serving

ID = "Ab3_-xY9zQ0"  # test IDs, no real videos
LOCAL = "Zx8_-kP2mN4"


@pytest.fixture
def served(make_site: MakeSite, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A site with three articles (a video with YouTube's thumbnail, one with the site's own
    poster, none at all) built and served on 127.0.0.1; the base URL and the browser to use."""
    chromium = require_chromium()
    output = tmp_path / "out"
    output.mkdir()
    with serving(output) as base:
        yield _built(make_site, output, base), chromium


def _built(make_site: MakeSite, output: Path, base: str) -> str:
    files: dict[str, str | bytes] = {
        "content/2023/thumb.md": article(f"Pembuka.\n\n[Patroli malam](https://youtu.be/{ID})\n\nPenutup."),
        "content/2023/lokal.md": article(
            f"Pembuka.\n\n[![Personel berpatroli](poster.jpg)](https://www.youtube.com/watch?v={LOCAL})\n\nPenutup.",
            title="Video dengan poster sendiri",
            date="2023-12-04 10:30",
        ),
        "content/2023/poster.jpg": photo(1280, 720),
        "content/2023/tanpa.md": article("Tanpa video.", title="Tanpa video", date="2023-12-05 10:30"),
    }
    site = make_site(files=files)
    shutil.rmtree(output)
    build_site(site, output=output, base_url=base, search=False)
    return base


def _open(node: str, chromium: Path, url: str, *flags: str) -> dict[str, Any]:
    command = [node, "e2e/video.mjs", "--url", url, "--chromium", str(chromium), *flags]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_before_the_tap_only_youtubes_thumbnail_and_after_it_the_player(served: tuple[str, Path]) -> None:
    node = require_playwright()
    base, chromium = served
    report = _open(node, chromium, f"{base}2023/12/thumb/")
    assert report["players"] == 1
    assert report["links"] == [f"https://www.youtube.com/watch?v={ID}"]
    # every request to another host before the tap: the thumbnail, once scrolled into view
    assert report["beforeTap"] == [f"https://i.ytimg.com/vi/{ID}/hqdefault.jpg"]
    (frame,) = report["iframes"]
    assert frame["src"] == f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1"
    assert frame["title"] == "Patroli malam" and "autoplay" in frame["allow"] and frame["focused"]
    assert all(address.startswith("https://www.youtube-nocookie.com/") for address in report["afterTap"])
    assert report["afterTap"], "the player was loaded only after the tap"


def test_with_its_own_poster_the_page_asks_no_other_host_before_the_tap(served: tuple[str, Path]) -> None:
    node = require_playwright()
    base, chromium = served
    report = _open(node, chromium, f"{base}2023/12/lokal/")
    assert report["players"] == 1 and report["beforeTap"] == []
    assert report["iframes"][0]["src"] == f"https://www.youtube-nocookie.com/embed/{LOCAL}?autoplay=1"


def test_without_javascript_the_player_is_a_link_to_the_video(served: tuple[str, Path]) -> None:
    node = require_playwright()
    base, chromium = served
    report = _open(node, chromium, f"{base}2023/12/thumb/", "--no-js")
    assert report["iframes"] == []
    assert report["afterTap"] == [f"https://www.youtube.com/watch?v={ID}"]


def test_a_page_without_video_asks_no_other_host(served: tuple[str, Path]) -> None:
    node = require_playwright()
    base, chromium = served
    report = _open(node, chromium, f"{base}2023/12/tanpa/")
    assert (report["players"], report["beforeTap"]) == (0, [])
