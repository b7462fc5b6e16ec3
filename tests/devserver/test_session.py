"""The resident session of ``sitegen serve`` (sitegen/devserver/session.py): after each kind
of change of the incremental-build tests (tests/site/test_incremental.py ``SCENARIOS``),
told only which files changed (as the watcher tells it), it leaves the tree a clean build
makes, byte for byte; and a save renders only the pages whose key changed."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import BuildOptions, build
from sitegen.devserver.changes import Change, ChangeKind
from sitegen.devserver.session import Session
from sitegen.errors import BuildFailed
from tests.site import test_incremental as scenarios
from tests.site.test_incremental import SCENARIOS, _site, add_oldest, edit_body
from tests.support import FIXED_NOW, article, tree

OPTIONS = BuildOptions(now=FIXED_NOW)


def _clean_build(site: Path, scratch: Path, now: dt.datetime = FIXED_NOW) -> dict[str, bytes]:
    copy = scratch / "clean"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
    build(copy, BuildOptions(now=now, use_cache=False))
    return tree(copy / "public")


def _inputs(site: Path) -> dict[str, bytes]:
    found = {}
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and relative.split("/")[0] in ("content", "layouts", "assets", "editors", "site.yaml"):
            found[relative] = path.read_bytes()
    return found


class Watched:
    """A session told of every file that changed since the last build, as the watcher tells it."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.session = Session()
        self.seen = _inputs(site)
        self.options = OPTIONS
        self.session.build(site, OPTIONS)

    def build(self) -> None:
        now = _inputs(self.site)
        paths = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        changes = [Change.of(p) for p in sorted(paths)]
        # a removed or renamed folder is an event for the folder too
        changes += [Change.of(os.path.dirname(p)) for p in paths if p.count("/") > 1]
        self.session.note([c for c in changes if c.kind is not ChangeKind.IGNORED])
        self.seen = now
        self.session.build(self.site, self.options)


@pytest.mark.parametrize("change", SCENARIOS, ids=lambda f: f.__name__)
def test_the_session_after_a_change_equals_a_clean_build(
    tmp_path: Path, change: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path / "site")
    watched = Watched(site)
    watched.build()  # a second build: the spare tree is in use too
    # the scenarios that build in between (to set up their change) build through the session
    monkeypatch.setattr(scenarios, "build", lambda site, options: watched.build())
    change(site)
    watched.build()
    assert tree(site / "public") == _clean_build(site, tmp_path)
    edit_body(site) if change is not edit_body else add_oldest(site)
    watched.build()
    assert tree(site / "public") == _clean_build(site, tmp_path / "again")


def test_a_series_of_changes_and_failures_stays_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site")
    watched = Watched(site)
    # the scenarios that build in between build through the session: the preview's folder is
    # the server's alone (sitegen/devserver/server.py), no other build writes to it
    monkeypatch.setattr(scenarios, "build", lambda site, options: watched.build())
    broken = site / "content/2023/rusak.md"
    for number, change in enumerate(SCENARIOS):
        change_name = change.__name__
        if change_name in ("add_gallery_photo", "add_profile"):
            continue  # (the next scenario makes the same change first)
        change(site)
        if number % 3 == 0:  # a broken article fails the build; the tree stays as it was
            broken.write_text("---\ntitle: [\n---\n")
            before = tree(site / "public")
            with pytest.raises(BuildFailed):
                watched.build()
            assert tree(site / "public") == before
            broken.unlink()
        watched.build()
        assert tree(site / "public") == _clean_build(site, tmp_path / str(number)), change_name


def test_an_edit_renders_only_its_page(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    watched = Watched(site)
    (site / "content/2023/berita-05.md").write_text(
        article("Paragraf pertama berita 5.\n\nIsi baru.", title="Berita nomor 5", date="2023-06-06 08:05")
    )
    watched.build()
    kept = watched.session.plan
    assert kept is not None
    result = watched.session.build(site, OPTIONS)  # nothing changed since
    assert result.files_written == 0


@pytest.mark.parametrize("removed", ["public", ".public.sitegen-spare"])
def test_a_tree_removed_between_saves_is_made_again(tmp_path: Path, removed: str) -> None:
    site = _site(tmp_path / "site")
    watched = Watched(site)
    edit_body(site)
    watched.build()  # the spare tree exists from here on
    shutil.rmtree(site / removed)
    add_oldest(site)
    watched.build()
    assert tree(site / "public") == _clean_build(site, tmp_path)


@pytest.mark.parametrize("hours", [1, 48])
def test_the_clock_moving_on_between_saves_equals_a_clean_build_then(tmp_path: Path, hours: int) -> None:
    """Nothing but the moment changes: the alert expires (48 hours on) or stays (1 hour on), a
    correction dated between the two moments shows, a held article becomes due."""
    site = _site(tmp_path / "site")
    scenarios.add_alert(site)  # until 2024-06-02 10:00, FIXED_NOW + 30 hours
    scenarios._edit(
        site / "content/2023/berita-07.md",
        "---\nParagraf",
        "corrections:\n  - date: 2024-06-01 04:30\n    text: Nama lokasi diperbaiki.\n---\nParagraf",
    )
    (site / "content/2023/nanti.md").write_text(article("Nanti.", title="Berita nanti", date="2024-06-01 12:30"))
    watched = Watched(site)
    watched.build()
    later = FIXED_NOW + dt.timedelta(hours=hours)
    watched.options = BuildOptions(now=later)
    watched.build()
    assert tree(site / "public") == _clean_build(site, tmp_path, later)
    assert (b"Timor Raya" in (site / "public/index.html").read_bytes()) == (hours == 1)


def test_the_layouts_and_their_fragments_are_kept_while_settings_layouts_and_assets_are_the_same(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path / "site")
    watched = Watched(site)
    first = watched.session.environment
    assert first is not None
    edit_body(site)
    watched.build()
    assert watched.session.environment is first  # (so every card and masthead rendered stays)
    for change in (scenarios.edit_asset, scenarios.edit_layout, scenarios.edit_config):
        change(site)
        watched.build()
        again = watched.session.environment
        assert again is not None and again[1] is not first[1], change.__name__
        first = again
        assert tree(site / "public") == _clean_build(site, tmp_path / change.__name__)
