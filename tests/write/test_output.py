"""The output folder: guarded against replacing what sitegen did not make, never half-written."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from sitegen.errors import BuildFailed, SitegenError
from sitegen.write import output
from sitegen.write.output import MARKER
from tests.support import MakeSite, article, assert_diagnostics, build_site, site_files, tree

FILES = {
    "content/2023/falas.md": article(tags="[Polri]"),
    "content/2023/belu.md": article(date="2023-10-20 09:40", title="Belu", tags="[Polri, Kamtibmas]"),
}


@pytest.fixture
def site(make_site: MakeSite) -> Path:
    return make_site(files=FILES)


def sources(site: Path) -> dict[str, bytes]:
    """The site's files, without the build cache (which a build keeps in the site folder)."""
    return {name: data for name, data in tree(site).items() if not name.startswith(".sitegen-cache/")}


def refused(site: Path, output: Path) -> str:
    before = sources(site)
    with pytest.raises(SitegenError) as failed:
        build_site(site, output=output)
    assert sources(site) == before  # nothing in the site was touched
    return failed.value.message


# --- refusals ---------------------------------------------------------------------------------------------------


def test_refuses_the_site_folder_itself(site: Path) -> None:
    assert refused(site, site) == f"refusing to use {site} as the output folder: it holds the site or your files"


def test_refuses_a_folder_that_holds_the_site(site: Path) -> None:
    parent = site.parent
    assert refused(site, parent) == f"refusing to use {parent} as the output folder: it holds the site or your files"


def test_refuses_the_site_folder_by_another_spelling(site: Path) -> None:
    output = site / "content" / ".."
    assert refused(site, output) == f"refusing to use {output} as the output folder: it holds the site or your files"


@pytest.mark.parametrize("source", ["content", "layouts", "assets", "editors"])
def test_refuses_the_sources_and_folders_inside_them(site: Path, source: str) -> None:
    assert refused(site, site / source) == (
        f"refusing to use {site / source} as the output folder: it is inside {source}/"
    )
    inner = site / source / "public"
    assert refused(site, inner) == f"refusing to use {inner} as the output folder: it is inside {source}/"
    assert not inner.exists()


def test_refuses_the_home_folder(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "Dokumen").mkdir(parents=True)
    (home / "Dokumen" / "catatan.txt").write_text("penting")
    monkeypatch.setenv("HOME", str(home))
    assert refused(site, home) == f"refusing to use {home} as the output folder: it holds the site or your files"
    assert tree(home) == {"Dokumen/catatan.txt": b"penting"}


def test_refuses_a_non_empty_folder_that_sitegen_did_not_make(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "laporan"
    output.mkdir()
    (output / "keuangan.xlsx").write_bytes(b"data")
    assert refused(site, output) == (
        f"refusing to replace {output}: it is not empty and sitegen did not make it "
        f"(no {MARKER} file in it); empty it or choose another --output"
    )
    assert tree(output) == {"keuangan.xlsx": b"data"}


def test_refuses_a_file(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "public"
    output.write_text("bukan folder")
    assert refused(site, output) == f"the output path {output} is a file, not a folder"
    assert output.read_text() == "bukan folder"


def test_accepts_an_empty_folder_and_a_missing_one(site: Path, tmp_path: Path) -> None:
    (tmp_path / "kosong").mkdir()
    assert build_site(site, output=tmp_path / "kosong").files_written > 0
    assert build_site(site, output=tmp_path / "baru" / "public").files_written > 0
    assert (tmp_path / "baru" / "public" / "index.html").is_file()


# --- a build replaces its own output whole ------------------------------------------------------------------------


def test_output_carries_the_marker_and_a_rebuild_replaces_it_whole(site: Path) -> None:
    first = build_site(site)
    assert first.output == site / "public"
    assert (site / "public" / MARKER).is_file()
    assert "2023/10/belu/index.html" in site_files(first.output)

    (site / "content/2023/belu.md").unlink()
    second = build_site(site)
    files = site_files(second.output)
    assert "2023/10/belu/index.html" not in files
    assert "tag/kamtibmas/index.html" not in files
    assert "2023/12/falas/index.html" in files


def test_files_written_counts_pages_extras_assets_and_the_marker(site: Path) -> None:
    result = build_site(site)
    assets = len([p for p in (site / "assets").rglob("*") if p.is_file()])
    extra = len(["sitemap.xml", "sitemap-news.xml", "robots.txt", ".sitegen-output"])
    extra += len([p for p in (result.output / "pagefind").rglob("*") if p.is_file()])  # the search index
    assert (result.files_written, result.files_kept) == (len(result.site.pages) + extra + assets, 0)
    assert len(tree(result.output)) == result.files_written


def test_a_content_error_leaves_the_previous_output_byte_for_byte(site: Path) -> None:
    build_site(site)
    before = tree(site / "public")
    (site / "content/2023/falas.md").write_text(article(title="no", tags="[Polri, Bencana]"))
    (site / "content/2024/baru.md").parent.mkdir()
    (site / "content/2024/baru.md").write_text(article(date="2024-01-09 11:30", title="Baru"))

    with pytest.raises(BuildFailed) as failed:
        build_site(site)

    assert_diagnostics(
        failed.value.report,
        ["content/2023/falas.md:2: error: 'title' must be text, not false (a yes/no value: put the text in quotes)"],
    )
    assert tree(site / "public") == before


def test_a_layout_that_fails_while_rendering_leaves_the_previous_output(site: Path) -> None:
    build_site(site)
    before = tree(site / "public")
    layout = site / "layouts/article.html"
    line = layout.read_text().splitlines().index("<h1>{{ article.title }}</h1>") + 1
    layout.write_text(layout.read_text().replace("<h1>{{ article.title }}</h1>", "<h1>{{ article.judul }}</h1>"))

    with pytest.raises(BuildFailed) as failed:
        build_site(site)

    assert_diagnostics(
        failed.value.report,
        [
            f"layouts/article.html:{line}: error: while rendering /2023/10/belu/: "
            "'sitegen.read.articles.Article object' has no attribute 'judul'",
            f"layouts/article.html:{line}: error: while rendering /2023/12/falas/: "
            "'sitegen.read.articles.Article object' has no attribute 'judul'",
        ],
    )
    assert tree(site / "public") == before


def test_a_layout_raising_a_python_error_is_a_layout_error_and_leaves_the_previous_output(site: Path) -> None:
    # A theme mistake such as dividing by zero in a layout is reported on the layout's line like
    # any other rendering error, not as "internal error: ZeroDivisionError".
    build_site(site)
    before = tree(site / "public")
    layout = site / "layouts/article.html"
    line = layout.read_text().splitlines().index("<h1>{{ article.title }}</h1>") + 1
    layout.write_text(layout.read_text().replace("<h1>{{ article.title }}</h1>", "<h1>{{ 1 // 0 }}</h1>"))

    with pytest.raises(BuildFailed) as failed:
        build_site(site)

    assert {(d.path, d.line) for d in failed.value.report.errors} == {("layouts/article.html", line)}
    assert tree(site / "public") == before


def test_a_layout_syntax_error_is_reported_with_its_line_and_nothing_written(site: Path) -> None:
    layout = site / "layouts/list.html"
    line = next(n for n, text in enumerate(layout.read_text().splitlines(), 1) if "{% endblock %}" in text)
    layout.write_text(layout.read_text().replace("{% endblock %}", "{% endblok %}", 1))

    with pytest.raises(BuildFailed) as failed:
        build_site(site)

    assert [(d.path, d.line) for d in failed.value.report.errors] == [("layouts/list.html", line)]
    assert str(failed.value.report.errors[0].message).startswith("layout syntax error: ")
    assert not (site / "public").exists()


def test_a_missing_layout_is_reported(site: Path) -> None:
    (site / "layouts/terms.html").unlink()
    with pytest.raises(BuildFailed) as failed:
        build_site(site)
    assert_diagnostics(failed.value.report, ["layouts/terms.html: error: layout is missing"])


def test_stale_temporary_trees_of_a_killed_build_are_cleaned(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    build_site(site, output=output)
    stale_new = tmp_path / ".out.sitegen-new-99999"
    stale_old = tmp_path / ".out.sitegen-old-99998"
    for stale in (stale_new, stale_old):
        (stale / "2023").mkdir(parents=True)
        (stale / "2023" / "sisa.html").write_text("setengah")

    build_site(site, output=output)

    assert not stale_new.exists()
    assert not stale_old.exists()
    assert "2023/12/falas/index.html" in site_files(output)
    assert not any(name.endswith("sisa.html") for name in site_files(output))


def test_an_output_moved_aside_by_a_killed_build_is_recovered_then_replaced(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    build_site(site, output=output)
    os.rename(output, tmp_path / ".out.sitegen-old-4242")  # killed between the two renames

    result = build_site(site, output=output)

    assert not (tmp_path / ".out.sitegen-old-4242").exists()
    assert site_files(result.output)["index.html"].startswith(b"<!DOCTYPE html>")


# --- the records of the two trees ----------------------------------------------------------------------------

TWO_PARAGRAPHS = "Paragraf pertama.\n\nParagraf kedua."
EDITABLE = {
    "content/2023/falas.md": article(TWO_PARAGRAPHS, tags="[Polri]"),
    "content/2023/belu.md": article(TWO_PARAGRAPHS, date="2023-10-20 09:40", title="Belu", tags="[Polri]"),
}
FALAS = "2023/12/falas/index.html"


def edit_second_paragraph(site: Path, name: str) -> None:
    """A change only the article's own page shows (its summary is the first paragraph)."""
    path = site / "content" / "2023" / f"{name}.md"
    text = path.read_text()
    assert "Paragraf kedua" in text
    path.write_text(text.replace("Paragraf kedua", "Paragraf kedua lagi"))


def clean_build(site: Path, tmp_path: Path) -> dict[str, bytes]:
    copy = tmp_path / "clean"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
    return tree(build_site(copy, use_cache=False).output)


@pytest.fixture
def two_builds(make_site: MakeSite) -> Path:
    """A site built twice, the falas page changed by the second: the live tree holds the new
    page, the spare tree the old one, so a third build takes it from the live tree."""
    site = make_site(files=EDITABLE)
    build_site(site)
    edit_second_paragraph(site, "falas")
    build_site(site)
    return site


@pytest.mark.parametrize("by_hand", [False, True], ids=["untouched", "changed-by-hand"])
def test_a_live_file_changed_by_hand_is_made_again_not_linked(two_builds: Path, tmp_path: Path, by_hand: bool) -> None:
    site = two_builds
    page = site / "public" / FALAS
    if by_hand:
        page.write_text("diubah")  # in place: the live tree's own copy, not the spare tree's
    inode = page.stat().st_ino
    edit_second_paragraph(site, "belu")
    build_site(site)
    assert (page.stat().st_ino == inode) is not by_hand  # linked when sound, made again when not
    assert tree(site / "public") == clean_build(site, tmp_path)


@pytest.mark.parametrize("by_hand", [False, True], ids=["untouched", "changed-by-hand"])
def test_a_spare_file_changed_by_hand_is_not_kept(two_builds: Path, tmp_path: Path, by_hand: bool) -> None:
    site = two_builds
    page = site / ".public.sitegen-spare" / FALAS  # the page as the first build made it, in no other tree
    if by_hand:
        with page.open("r+b") as handle:  # in place, the same size: only the file's own stat shows it
            handle.write(page.read_bytes().replace(b"Paragraf", b"Paragrap"))
    inode = page.stat().st_ino
    (site / "content/2023/falas.md").write_text(EDITABLE["content/2023/falas.md"])  # back to that page
    build_site(site)
    assert ((site / "public" / FALAS).stat().st_ino == inode) is not by_hand  # kept when sound
    assert tree(site / "public") == clean_build(site, tmp_path)


def test_an_edit_build_checks_only_the_live_files_it_links(two_builds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = two_builds
    live = str(site / "public") + os.sep
    files = len(tree(site / "public"))
    looked: list[str] = []
    stat, exchange = os.stat, output._exchange
    swapped: list[bool] = []

    def counted(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        name = os.fspath(path)
        if not swapped and isinstance(name, str) and name.startswith(live):
            looked.append(name[len(live) :])
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counted)
    monkeypatch.setattr(output, "_exchange", lambda a, b: (swapped.append(True), exchange(a, b)))
    edit_second_paragraph(site, "belu")
    build_site(site, search=False)  # a stale search index would link its files: they are all checked then
    assert swapped
    assert FALAS in looked and len(looked) <= 3 < files  # the page it links (and the marker file), not all


def _records(site: Path, rowids: bool = False) -> dict[str, Any]:
    """The cache's records (or the rows that hold them: a row written again gets a new rowid)."""
    db = sqlite3.connect(site / ".sitegen-cache" / "cache.sqlite")
    try:
        rows = db.execute("SELECT key, value, rowid FROM state").fetchall()
    finally:
        db.close()
    return {key: rowid if rowids else pickle.loads(value) for key, value, rowid in rows}


def test_the_live_record_becomes_the_spare_record_as_it_was(two_builds: Path) -> None:
    site = two_builds
    out = site / "public"
    before = _records(site)
    live, trusted = before[f"live:{out}"]
    assert trusted
    live_record, row = before[f"tree{live}:{out}"], _records(site, rowids=True)[f"tree{live}:{out}"]
    assert live_record[1:3] == (os.stat(out).st_dev, os.stat(out).st_ino)
    edit_second_paragraph(site, "belu")
    build_site(site)
    after = _records(site)
    assert after[f"live:{out}"] == (1 - live, True)
    assert after[f"tree{live}:{out}"] == live_record  # now the spare tree's...
    assert _records(site, rowids=True)[f"tree{live}:{out}"] == row  # ...not written again
    spare = site / ".public.sitegen-spare"
    assert live_record[1:3] == (os.stat(spare).st_dev, os.stat(spare).st_ino)
    assert after[f"tree{1 - live}:{out}"][1:3] == (os.stat(out).st_dev, os.stat(out).st_ino)


def _damaged(record: Any) -> list[Any]:
    """Ways a tree's record can be wrong, each of which must read as no record."""
    tag, dev, ino, paths, keys, sizes, mtimes, inodes, names, times = record
    without_root = [(name, time) for name, time in zip(names, times, strict=True) if name]
    return [
        b"bukan pickle",
        b"ctidak_ada\nsama_sekali\n.",  # a pickle of a module that does not exist
        pickle.dumps(("sitegen tree 0", *record[1:])),
        pickle.dumps(record[:9]),
        pickle.dumps((tag, dev, ino, paths[:-1], keys, sizes, mtimes, inodes, names, times)),
        pickle.dumps((tag, dev, ino, (paths[0].encode(), *paths[1:]), keys, sizes, mtimes, inodes, names, times)),
        pickle.dumps((tag, dev, ino, paths, keys, sizes, mtimes, inodes, *zip(*without_root, strict=True))),
        pickle.dumps((tag, dev, ino, list(paths), keys, sizes, mtimes, inodes, names, times)),
    ]


@pytest.mark.parametrize("damage", range(8))
def test_a_damaged_record_of_the_trees_is_no_record(two_builds: Path, tmp_path: Path, damage: int) -> None:
    site = two_builds
    out = site / "public"
    records = _records(site)
    db = sqlite3.connect(site / ".sitegen-cache" / "cache.sqlite")
    for key in (f"tree0:{out}", f"tree1:{out}"):
        db.execute("UPDATE state SET value=? WHERE key=?", (_damaged(records[key])[damage], key))
    db.commit()
    db.close()
    edit_second_paragraph(site, "belu")
    result = build_site(site)
    assert result.files_kept == 0  # neither tree was trusted: every file made again
    assert tree(out) == clean_build(site, tmp_path)


# --- what a crashed build leaves, however odd -------------------------------------------------------------------


def deep_folder(top: Path, depth: int, name: bytes = b"dd") -> None:
    """``top/dd/dd/…`` ``depth`` levels down, made through folder descriptors (the whole path may
    be longer than the system lets one path be)."""
    top.mkdir()
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            below = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = below
        with open(os.open(b"sisa.html", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "wb") as handle:
            handle.write(b"setengah")
    finally:
        os.close(fd)


def odd_folder(top: Path) -> None:
    """Names that are not UTF-8 or hold a newline, and a folder without write permission."""
    top.mkdir()
    odd = os.fsencode(top) + b"/\xff\n"
    os.mkdir(odd)
    with open(odd + b"/caf\xe9.html", "wb") as handle:
        handle.write(b"x")
    (top / "terkunci").mkdir()
    (top / "terkunci" / "a.html").write_text("x")
    (top / "terkunci").chmod(0o500)
    (top / "tertutup").mkdir(mode=0o000)


@pytest.mark.parametrize(
    "leftover",
    [
        lambda top: deep_folder(top, 1012, b"d"),
        lambda top: deep_folder(top, 2100),  # deeper than any path the system accepts
        odd_folder,
    ],
    ids=["1012-deep", "longer-than-path-max", "odd-names-and-permissions"],
)
@pytest.mark.parametrize("name", [".out.sitegen-spare", ".out.sitegen-new-4242"])
def test_any_leftover_tree_is_removed_and_the_build_succeeds(
    site: Path, tmp_path: Path, name: str, leftover: Any
) -> None:
    leftover(tmp_path / name)
    result = build_site(site, output=tmp_path / "out")
    assert site_files(result.output)["index.html"].startswith(b"<!DOCTYPE html>")
    assert not (tmp_path / ".out.sitegen-new-4242").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_remove_tree_removes_a_file_a_link_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    (tmp_path / "d").mkdir()
    (tmp_path / "l").symlink_to(tmp_path / "d")
    for name in ("f", "l", "missing"):
        output.remove_tree(tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


# --- an output folder reached through a symbolic link ---------------------------------------------------------


@pytest.mark.parametrize("target_exists", [True, False])
def test_an_output_link_is_followed_and_kept_build_after_build(site: Path, tmp_path: Path, target_exists: bool) -> None:
    link = tmp_path / "public"
    link.symlink_to("www-site")
    if target_exists:
        (tmp_path / "www-site").mkdir()
    for edit in ("", "diubah"):
        (site / "content/2023/falas.md").write_text(article(edit or "Isi.", tags="[Polri]"))
        result = build_site(site, output=link)
        assert link.is_symlink() and os.readlink(link) == "www-site"
        assert result.output == (tmp_path / "www-site").resolve()
        assert site_files(tmp_path / "www-site")["index.html"].startswith(b"<!DOCTYPE html>")
        assert (tmp_path / "www-site" / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".www-site.sitegen-spare", "public", "site", "www-site"]


def test_an_output_link_in_site_yaml_is_followed_too(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(files=FILES)
    (site / "public").symlink_to(tmp_path / "terbit")
    build_site(site)
    build_site(site)
    assert (site / "public").is_symlink()
    assert "2023/12/falas/index.html" in site_files(tmp_path / "terbit")


@pytest.mark.parametrize(
    ("target", "why"),
    [
        (".", "it holds the site or your files"),
        ("layouts", "it is inside layouts/"),
        ("assets/x", "it is inside assets/"),
    ],
)
def test_an_output_link_to_somewhere_unsafe_is_refused(site: Path, tmp_path: Path, target: str, why: str) -> None:
    link = tmp_path / "public"
    link.symlink_to(site / target)
    assert refused(site, link) == f"refusing to use {link} as the output folder: {why}"
    assert link.is_symlink()
