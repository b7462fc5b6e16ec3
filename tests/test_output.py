"""The output folder: guarded against replacing what sitegen did not make, never half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.diagnostics import BuildFailed, SitegenError
from sitegen.output import MARKER
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


@pytest.mark.parametrize("source", ["content", "layouts", "assets"])
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
            "'sitegen.articles.Article object' has no attribute 'judul'",
            f"layouts/article.html:{line}: error: while rendering /2023/12/falas/: "
            "'sitegen.articles.Article object' has no attribute 'judul'",
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
    assert failed.value.report.errors[0].message.startswith("layout syntax error: ")
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
