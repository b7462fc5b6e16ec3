"""The build cache (sitegen/cache.py): what is stored is read back, across processes' lifetimes;
a damaged or foreign cache file is replaced with a warning, and a build goes on through it."""

from __future__ import annotations

import sqlite3
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from sitegen.cache import DB_NAME, BuildCache
from sitegen.errors import SitegenError
from sitegen.read import keys, markup
from tests.support import article, build_site, formatted, tree, write_site


def test_without_a_folder_nothing_is_stored_and_nothing_fails() -> None:
    cache = BuildCache(None)
    cache.set_state("inputs", ("kunci", 1))
    cache.add("markdown", [("k", "<p>x</p>")])
    assert (cache.db, cache.warning) == (None, None)
    assert cache.get_state("inputs") is None
    assert cache.get_many("markdown", ["k"]) == {}


def test_records_are_read_back_after_the_cache_is_closed_and_opened_again(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    cache.set_state("inputs", ("kunci", [1, 2], {"a": None}))
    cache.set_states({"related": {"x": ("y",)}, "gone": 1})
    cache.add("markdown", [("m1", "<p>satu</p>"), ("m2", "<p>dua</p>")])
    cache.add("articles", [("a1", {"judul": "Banjir", "tags": ("Polri",)})])
    cache.close()

    again = BuildCache(tmp_path / "cache")
    assert again.warning is None
    assert again.get_state("inputs") == ("kunci", [1, 2], {"a": None})
    assert again.get_state("related") == {"x": ("y",)}
    assert again.get_state("missing") is None
    assert again.get_many("markdown", ["m2", "m1", "m3"]) == {"m1": "<p>satu</p>", "m2": "<p>dua</p>"}
    assert again.get_many("articles", ["a1"]) == {"a1": {"judul": "Banjir", "tags": ("Polri",)}}
    again.set_state("inputs", None)
    again.set_states({"related": None})
    assert (again.get_state("inputs"), again.get_state("related"), again.get_state("gone")) == (None, None, 1)
    again.close()
    assert (tmp_path / "cache" / ".gitignore").read_text() == "*\n"


def test_a_damaged_cache_file_is_replaced_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"bukan basis data " * 512)
    cache = BuildCache(folder)
    assert (
        str(cache.warning) == f"the build cache {folder / DB_NAME} is damaged or from another version; it was replaced"
    )
    cache.set_state("inputs", "baru")
    cache.close()
    again = BuildCache(folder)
    assert (again.warning, again.get_state("inputs")) == (None, "baru")
    again.close()


def test_a_cache_of_another_version_is_replaced_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    cache.set_state("inputs", "lama")
    cache.close()
    db = sqlite3.connect(folder / DB_NAME)
    db.execute("UPDATE meta SET value='sitegen 0.0 schema 0' WHERE key='identity'")
    db.commit()
    db.close()
    again = BuildCache(folder)
    replaced = f"the build cache {folder / DB_NAME} is damaged or from another version; it was replaced"
    assert str(again.warning) == replaced
    assert again.get_state("inputs") is None
    again.close()


def test_a_folder_that_cannot_be_made_means_building_without_a_cache(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("a file where the folder should be")
    cache = BuildCache(tmp_path / "berkas" / "cache")
    assert cache.db is None
    assert cache.warning is not None
    assert str(cache.warning).startswith(f"the build cache in {tmp_path / 'berkas' / 'cache'} cannot be used (")
    assert str(cache.warning).endswith("); building without it")
    assert cache.get_state("inputs") is None


def test_a_build_survives_a_damaged_cache_and_writes_the_same_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", files={"content/a.md": article(), "content/b.md": article(slug="b")})
    first = build_site(site, output=tmp_path / "out", search=False)
    before = tree(first.output)
    (site / ".sitegen-cache" / DB_NAME).write_bytes(b"\0rusak" * 4096)
    second = build_site(site, output=tmp_path / "out", search=False)
    damaged = site / ".sitegen-cache" / DB_NAME
    assert formatted(second.report) == [
        f".sitegen-cache: warning: the build cache {damaged} is damaged or from another version; it was replaced"
    ]
    assert tree(second.output) == before
    third = build_site(site, output=tmp_path / "out", search=False)
    assert (formatted(third.report), third.files_written) == ([], 0)


@pytest.mark.parametrize("upgraded", ["nh3", "markdown"])
def test_a_new_sanitizer_or_markdown_release_renders_every_body_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgraded: str
) -> None:
    """An upgrade that closes a hole in the sanitizer must not keep serving the bodies the old one let through."""
    site = write_site(tmp_path / "site", files={"content/a.md": article("Isi <b>lama</b>.")})
    page = tmp_path / "out" / "2023/12/a/index.html"
    build_site(site, output=tmp_path / "out", search=False)
    assert "<b>lama</b>" in page.read_text()

    real = markup.render

    def upgraded_render(body: str, trusted: bool = False) -> markup.Rendered:
        rendered = real(body, trusted)
        changed = markup.Rendered(rendered.replace("lama", "baru"))
        changed.removed = rendered.removed
        return changed

    monkeypatch.setattr(markup, "render", upgraded_render)
    monkeypatch.setattr(keys, "RENDERERS", f"{upgraded}=99.0")
    build_site(site, output=tmp_path / "out", search=False)
    assert "<b>baru</b>" in page.read_text()


def test_the_renderers_named_in_the_keys_are_the_installed_ones() -> None:
    assert f"markdown={version('markdown')} nh3={version('nh3')}" == keys.RENDERERS


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_a_cache_folder_tracked_by_git_is_refused(tmp_path: Path) -> None:
    """sitegen unpickles its cache: a committed one would run whatever its author put in it."""
    site = write_site(tmp_path / "site", files={"content/a.md": article()})
    build_site(site, output=tmp_path / "out", search=False)
    git(site, "init", "-q")
    git(site, "add", "-f", ".sitegen-cache/cache.sqlite")
    with pytest.raises(SitegenError) as refused:
        build_site(site, output=tmp_path / "out", search=False)
    folder = site / ".sitegen-cache"
    assert refused.value.message == (
        f"refusing to read the build cache {folder}: git tracks files in it, and sitegen trusts its cache "
        f"(it is unpickled). Take it out of git with 'git rm -r --cached {folder}' and commit that"
    )
    git(site, "rm", "-q", "-r", "--cached", ".sitegen-cache")
    build_site(site, output=tmp_path / "out", search=False)  # untracked again: used as before


def test_a_cache_folder_outside_git_or_ignored_by_it_is_used(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", files={"content/a.md": article()})
    build_site(site, output=tmp_path / "out", search=False)
    git(site, "init", "-q")
    git(site, "add", "-A")  # the cache's own .gitignore keeps it out
    second = build_site(site, output=tmp_path / "out", search=False)
    assert second.files_written == 0
