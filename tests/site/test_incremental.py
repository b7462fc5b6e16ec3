"""Incremental builds are proven equal to clean builds, byte for byte, for every kind of change.

Each scenario builds a site once (filling the cache and the output), changes one input,
builds again incrementally, and compares the output tree with a clean build of the same
input (no cache, fresh output folder). A shortcut that renders too little fails here.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen import parallel
from sitegen.build import BuildOptions, build
from sitegen.write.output import MARKER
from tests.support import FIXED_NOW, article, photo, tree, write_site

TAGS = ["Polri", "Kamtibmas", "Lalu Lintas", "Bencana", "Pemilu 2024"]


def _site(root: Path) -> Path:
    files = {}
    for n in range(23):
        tags = [TAGS[n % 5], TAGS[(n * 2 + 1) % 5]] if n % 4 else [TAGS[0]]
        files[f"content/2023/berita-{n:02d}.md"] = article(
            f"Paragraf pertama berita {n}.\n\nParagraf kedua.",
            title=f"Berita nomor {n}",
            date=f"2023-{1 + n % 12:02d}-{1 + n:02d} 08:{n:02d}",
            tags=tags,
            dateline="Kupang" if n % 3 == 0 else None,
        )
    return write_site(root, {"page_size": 3, "feed_size": 5}, files)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def edit_body(site: Path) -> None:
    _edit(site / "content/2023/berita-05.md", "Paragraf kedua.", "Paragraf kedua, diperbarui.")


def add_newest(site: Path) -> None:
    (site / "content/2023/baru.md").write_text(
        article("Berita terbaru.", title="Berita paling baru", date="2023-12-31 23:00", tags=["Polri", "Tag Baru"])
    )


def add_oldest(site: Path) -> None:
    (site / "content/2023/lama.md").write_text(article("Berita lama.", title="Berita lama", date="2023-01-01 01:00"))


def retag(site: Path) -> None:
    _edit(site / "content/2023/berita-06.md", "tags: [", "tags: [Narkoba, ")


def change_title(site: Path) -> None:
    _edit(site / "content/2023/berita-07.md", "title: Berita nomor 7", "title: Judul baru nomor 7")


def change_date(site: Path) -> None:
    _edit(site / "content/2023/berita-08.md", "date: 2023-09-09 08:08", "date: 2023-12-30 08:08")


def delete_article(site: Path) -> None:
    (site / "content/2023/berita-03.md").unlink()


def delete_last_of_tag(site: Path) -> None:
    # "Tag Baru" exists only in the added article; removing it removes the tag's pages
    add_newest(site)
    build(site, BuildOptions(now=FIXED_NOW))
    (site / "content/2023/baru.md").unlink()


def edit_layout(site: Path) -> None:
    _edit(site / "layouts/article.html", '<p class="credit">', '<p class="credit" data-x="1">')


def edit_base_layout(site: Path) -> None:
    _edit(site / "layouts/base.html", "Langsung ke isi", "Lompat ke isi")


def edit_config(site: Path) -> None:
    _edit(site / "site.yaml", "page_size: 3", "page_size: 4")


def edit_config_title(site: Path) -> None:
    _edit(site / "site.yaml", "title: Warta Uji NTT", "title: Warta Uji Baru")


def edit_asset(site: Path) -> None:
    (site / "assets/style.css").write_text("body { color: black; }\n")


def add_asset(site: Path) -> None:
    (site / "assets/logo.txt").write_text("logo\n")


def rename_article(site: Path) -> None:
    (site / "content/2023/berita-10.md").rename(site / "content/2023/berita-sepuluh.md")


def replace_photo_bytes(site: Path) -> None:
    # a recent article (in the feed too) gets a featured photo; then only the photo's bytes change
    _edit(
        site / "content/2023/berita-22.md",
        "title: Berita nomor 22",
        "title: Berita nomor 22\nimage: {src: foto.jpg, alt: Foto}",
    )
    (site / "content/2023/foto.jpg").write_bytes(photo(900, 600))
    build(site, BuildOptions(now=FIXED_NOW))
    (site / "content/2023/foto.jpg").write_bytes(photo(900, 600, (200, 30, 30)))


def add_body_photo(site: Path) -> None:
    _edit(
        site / "content/2023/berita-06.md", "Paragraf kedua.", "Paragraf kedua.\n\n![Foto kegiatan](foto/kegiatan.png)"
    )
    (site / "content/2023/foto").mkdir()
    (site / "content/2023/foto/kegiatan.png").write_bytes(photo(700, 500, kind="PNG"))


def add_correction(site: Path) -> None:
    _edit(
        site / "content/2023/berita-07.md",
        "---\nParagraf",
        "corrections:\n  - date: 2024-01-05 09:00\n    text: Nama lokasi diperbaiki.\n---\nParagraf",
    )


def add_alert(site: Path) -> None:
    with (site / "site.yaml").open("a", encoding="utf-8") as config:
        config.write("alert:\n  text: Jalan Timor Raya ditutup\n  until: 2024-06-02 10:00\n  level: penting\n")


def add_gallery_photo(site: Path) -> None:
    # a recent article gets a gallery of one photo; after a build, a second photo is added
    _edit(
        site / "content/2023/berita-21.md",
        "title: Berita nomor 21",
        "title: Berita nomor 21\ngallery:\n  - {src: galeri/a.jpg, alt: Foto A, caption: Satu}",
    )
    (site / "content/2023/galeri").mkdir()
    (site / "content/2023/galeri/a.jpg").write_bytes(photo(900, 600))
    (site / "content/2023/galeri/b.png").write_bytes(photo(600, 400, (200, 30, 30), kind="PNG"))
    build(site, BuildOptions(now=FIXED_NOW))
    _edit(
        site / "content/2023/berita-21.md",
        "caption: Satu}",
        "caption: Satu}\n  - {src: galeri/b.png, alt: Foto B, credit: Humas}",
    )


def remove_gallery_photo(site: Path) -> None:
    add_gallery_photo(site)
    build(site, BuildOptions(now=FIXED_NOW))
    _edit(site / "content/2023/berita-21.md", "  - {src: galeri/a.jpg, alt: Foto A, caption: Satu}\n", "")


PROFILE = "---\nname: Sefnat Besie\njabatan: Editor Bidang Humas\nsatuan: Polda NTT\n---\nMeliput kamtibmas.\n"


def add_profile(site: Path) -> None:
    # the editor of every article gets a profile: the byline of each, the editor's page
    (site / "editors").mkdir(exist_ok=True)
    (site / "editors/sefnat-besie.md").write_text(PROFILE)


def edit_profile(site: Path) -> None:
    # after a build with the profile, a new title and a portrait
    add_profile(site)
    build(site, BuildOptions(now=FIXED_NOW))
    (site / "editors/sefnat-besie.png").write_bytes(photo(400, 400, kind="PNG"))
    _edit(
        site / "editors/sefnat-besie.md",
        "jabatan: Editor Bidang Humas",
        "jabatan: Kepala Subbidang\nphoto: {src: sefnat-besie.png, alt: Potret}",
    )


SCENARIOS: list[Callable[[Path], None]] = [
    edit_body,
    add_newest,
    add_oldest,
    retag,
    change_title,
    change_date,
    delete_article,
    delete_last_of_tag,
    edit_layout,
    edit_base_layout,
    edit_config,
    edit_config_title,
    edit_asset,
    add_asset,
    rename_article,
    replace_photo_bytes,
    add_body_photo,
    add_correction,
    add_alert,
    add_gallery_photo,
    remove_gallery_photo,
    add_profile,
    edit_profile,
]


def _clean_build(site: Path, scratch: Path) -> dict[str, bytes]:
    copy = scratch / "clean"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
    build(copy, BuildOptions(now=FIXED_NOW, use_cache=False))
    return tree(copy / "public")


@pytest.mark.parametrize("change", SCENARIOS, ids=lambda f: f.__name__)
def test_incremental_build_equals_clean_build(tmp_path: Path, change: Callable[[Path], None]) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    build(site, BuildOptions(now=FIXED_NOW))  # a second build: the spare tree is in use too
    change(site)
    build(site, BuildOptions(now=FIXED_NOW))
    assert tree(site / "public") == _clean_build(site, tmp_path)
    # and once more, so the spare tree (two builds behind) is brought up to date correctly
    edit_body(site) if change is not edit_body else add_oldest(site)
    build(site, BuildOptions(now=FIXED_NOW))
    assert tree(site / "public") == _clean_build(site, tmp_path / "again")


def test_a_series_of_changes_in_parallel_workers_stays_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ITEMS", 1)
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW, jobs=2))
    changes = [edit_body, add_newest, retag, edit_layout, edit_config, delete_article, add_body_photo]
    for number, change in enumerate(changes):
        change(site)
        build(site, BuildOptions(now=FIXED_NOW, jobs=2))
        assert tree(site / "public") == _clean_build(site, tmp_path / str(number))


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
    }


def test_warm_build_rewrites_no_file(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    before = _snapshot(site / "public")
    result = build(site, BuildOptions(now=FIXED_NOW))
    assert result.files_written == 0
    assert _snapshot(site / "public") == before


def test_one_edit_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    before = _snapshot(site / "public")
    edit_body(site)
    result = build(site, BuildOptions(now=FIXED_NOW))
    after = _snapshot(site / "public")
    changed = sorted(path for path in after if after[path] != before.get(path))
    # the article only: it is not among the feed's newest five, and its summary (the first
    # paragraph) did not change, so no neighbour, list page or feed can show the edit;
    # and the search index, which holds its text
    assert [path for path in changed if not path.startswith("pagefind/")] == ["2023/06/berita-05/index.html"]
    assert result.files_written == len(changed)


def test_no_cache_builds_the_same_and_leaves_no_cache(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW, use_cache=False))
    assert not (site / ".sitegen-cache").exists()
    assert tree(site / "public") == _clean_build(site, tmp_path)


def test_a_damaged_cache_is_replaced_with_a_warning(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    (site / ".sitegen-cache/cache.sqlite").write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (site / f".sitegen-cache/cache.sqlite{suffix}").unlink(missing_ok=True)
    edit_body(site)
    result = build(site, BuildOptions(now=FIXED_NOW))
    assert any("cache" in str(d.message) and d.severity == "warning" for d in result.report.items)
    assert tree(site / "public") == _clean_build(site, tmp_path)


def test_a_foreign_cache_is_not_trusted(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    db = sqlite3.connect(site / ".sitegen-cache/cache.sqlite")
    db.execute("UPDATE meta SET value='sitegen 0.0.0 schema 0'")
    db.commit()
    db.close()
    result = build(site, BuildOptions(now=FIXED_NOW))
    assert any("another version" in str(d.message) for d in result.report.warnings)
    assert tree(site / "public") == _clean_build(site, tmp_path)


def test_a_hand_edited_output_file_is_put_right(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    page = site / "public/index.html"
    page.write_text("defaced")
    (site / "public/extra.html").write_text("not ours")
    build(site, BuildOptions(now=FIXED_NOW))
    build(site, BuildOptions(now=FIXED_NOW))
    assert tree(site / "public") == _clean_build(site, tmp_path)


def test_deleted_output_is_rebuilt_from_the_cache(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    shutil.rmtree(site / "public")
    build(site, BuildOptions(now=FIXED_NOW))
    assert (site / "public" / MARKER).is_file()
    assert tree(site / "public") == _clean_build(site, tmp_path)


def test_held_article_becoming_due_is_published(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    (site / "content/2023/nanti.md").write_text(article("Nanti.", title="Berita terjadwal", date="2024-06-02 09:00"))
    build(site, BuildOptions(now=FIXED_NOW))
    assert not (site / "public/2024/06/nanti").exists()
    later = FIXED_NOW + dt.timedelta(days=2)
    build(site, BuildOptions(now=later))
    assert (site / "public/2024/06/nanti/index.html").is_file()
    copy = tmp_path / "clean"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
    build(copy, BuildOptions(now=later, use_cache=False))
    assert tree(site / "public") == tree(copy / "public")


def test_spare_tree_shares_unchanged_files(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    edit_body(site)
    build(site, BuildOptions(now=FIXED_NOW))
    spare = site / ".public.sitegen-spare"
    assert spare.is_dir()
    live = site / "public/tag/index.html"
    assert os.stat(live).st_ino == os.stat(spare / "tag/index.html").st_ino


def test_nothing_changed_reports_the_same_warnings_and_notes_without_planning(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    (site / "content/2023/ejaan.md").write_text(article("Isi.", title="Ejaan lain", tags=["polri"]))
    (site / "content/2023/nanti.md").write_text(article("Nanti.", title="Terjadwal", date="2024-06-09 09:00"))
    first = build(site, BuildOptions(now=FIXED_NOW))
    second = build(site, BuildOptions(now=FIXED_NOW))
    assert second.files_written == 0
    assert callable(second.plan)  # the plan was not made...
    assert [d.format() for d in second.report.sorted()] == [d.format() for d in first.report.sorted()]
    assert any("'polri' is written 'Polri'" in str(d.message) for d in second.report.warnings)
    assert second.notes == first.notes and any("nanti.md" in str(note) for note in second.notes)
    assert len(second.site.articles) == len(first.site.articles)  # ...until it is asked for


def test_an_article_leaving_the_news_window_rewrites_the_news_sitemap(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    (site / "content/2023/kemarin.md").write_text(article("Baru.", title="Kemarin", date="2024-05-31 10:00"))
    build(site, BuildOptions(now=FIXED_NOW))
    assert b"kemarin" in (site / "public/sitemap-news.xml").read_bytes()
    later = FIXED_NOW + dt.timedelta(days=3)
    result = build(site, BuildOptions(now=later))
    assert result.files_written > 0
    assert b"kemarin" not in (site / "public/sitemap-news.xml").read_bytes()


def test_editing_the_article_layout_rewrites_article_pages_only(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    before = _snapshot(site / "public")
    edit_layout(site)
    build(site, BuildOptions(now=FIXED_NOW))
    after = _snapshot(site / "public")
    changed = {path for path in after if after[path] != before.get(path)}
    articles = {path for path in after if path.startswith("2023/") and path.endswith("/index.html")}
    assert changed == articles


def test_a_file_added_by_hand_to_the_output_does_not_survive_into_the_spare_tree(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    edit_body(site)
    build(site, BuildOptions(now=FIXED_NOW))  # the spare tree exists from here on
    (site / "public/2023/tambahan.html").write_text("not ours")
    (site / "public/baru").mkdir()
    (site / "public/baru/x.html").write_text("not ours either")
    for number, change in enumerate([add_newest, retag, edit_layout]):
        change(site)
        build(site, BuildOptions(now=FIXED_NOW))
        assert tree(site / "public") == _clean_build(site, tmp_path / str(number))
    spare = site / ".public.sitegen-spare"
    assert not (spare / "2023/tambahan.html").exists() and not (spare / "baru").exists()


def test_a_source_is_read_again_only_when_its_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read stage trusts a file whose size, times and inode are those recorded when its
    bytes were hashed; a write changes the ctime, which nobody can set back, so new bytes of
    the same size under the old mtime are still seen."""
    from sitegen.read import files as build_module
    from sitegen.util import filestamp

    monkeypatch.setattr(filestamp, "RACY_NS", 0)  # trust at once: no waiting out the coarse clock
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    reads: list[str] = []
    read_bytes = build_module._read_bytes
    monkeypatch.setattr(build_module, "_read_bytes", lambda path: reads.append(path) or read_bytes(path))
    time.sleep(0.05)  # past the tick of the file system's clock that stamped the last writes
    build(site, BuildOptions(now=FIXED_NOW))
    assert reads == []

    target = site / "content/2023/berita-05.md"
    before = os.stat(target)
    data = target.read_bytes()
    changed = data.replace(b"Paragraf kedua.", b"Paragraf dua!!.")
    assert len(changed) == len(data) and changed != data
    time.sleep(0.05)
    target.write_bytes(changed)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old mtime, as a careless tool leaves it
    assert os.stat(target).st_mtime_ns == before.st_mtime_ns
    build(site, BuildOptions(now=FIXED_NOW))
    assert set(reads) == {str(target)}
    assert b"Paragraf dua!!." in (site / "public/2023/06/berita-05/index.html").read_bytes()
    assert tree(site / "public") == _clean_build(site, tmp_path)


def test_the_cache_drops_what_the_site_no_longer_uses(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    db = site / ".sitegen-cache" / "cache.sqlite"

    def rows() -> int:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    assert rows() == 23
    for n in range(60):  # sixty edits: sixty stale entries, past the slack of 50
        _edit(site / "content/2023/berita-05.md", "Paragraf kedua", f"Paragraf kedua ({n})")
        build(site, BuildOptions(now=FIXED_NOW))
        assert rows() <= 23 + 50
    assert rows() < 23 + 50


DAMAGES: dict[str, Callable[[bytes], bytes] | None] = {
    "empty": lambda data: b"",
    "garbage": lambda data: b"garbage" * 10,
    "cut after the header": lambda data: data[:20],  # Jinja's magic, half a checksum
    "cut in the code": lambda data: data[: len(data) // 2],
    "unwritable": None,
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_damaged_compiled_layouts_are_compiled_again(tmp_path: Path, damage: Callable[[bytes], bytes] | None) -> None:
    """Jinja keeps the compiled layouts in the cache folder: a damaged file is never
    trusted, and a folder that cannot be written only costs the time."""
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    compiled = site / ".sitegen-cache/layouts"
    files = sorted(compiled.iterdir())
    assert files  # the first build compiled every layout into it
    if damage is None:
        shutil.rmtree(compiled)
        compiled.write_text("a file where the folder was")
    else:
        for path in files:
            path.write_bytes(damage(path.read_bytes()))
    edit_layout(site)
    build(site, BuildOptions(now=FIXED_NOW))
    assert tree(site / "public") == _clean_build(site, tmp_path)
