"""The build (sitegen/build.py), top to bottom: what BuildResult counts, what each BuildOption
changes, and the two short ways through it: nothing changed (nothing written, not even a
plan made) and errors (nothing written at all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.build import BuildOptions, BuildResult, build
from sitegen.errors import BuildFailed
from tests.support import FIXED_NOW, article, build_site, formatted, tree, write_site

HELD_NOTES = [
    "content/b.md: draft, not published",
    "content/c.md: scheduled, published from Minggu, 2 Juni 2024 09.00 WITA (2024-06-02 01:00 UTC)",
    "next scheduled article is due at 2024-06-02T01:00:00Z: rebuild then to publish it",
]
NO_SEARCH = "search index skipped: --no-search"


def three_articles(root: Path) -> Path:
    """One published article, one draft, one due the day after FIXED_NOW."""
    files = {
        "content/a.md": article(tags="[Polri]"),
        "content/b.md": article(slug="b", draft="true"),
        "content/c.md": article(slug="c", date="2024-06-02 09:00"),
    }
    return write_site(root / "site", files=files)


def notes(result: BuildResult) -> list[str]:
    """The build's notes but the one that names an unverified Python-Markdown release."""
    return [str(n) for n in result.notes if not str(n).startswith("warning: Python-Markdown")]


def pages_in(files: dict[str, bytes]) -> list[str]:
    return [name for name in files if name.endswith((".html", "feed.xml"))]


def stat(output: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(output).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in output.rglob("*")}


def test_a_first_build_counts_what_it_publishes_and_writes_every_file(tmp_path: Path) -> None:
    result = build_site(three_articles(tmp_path), output=tmp_path / "out", search=False)
    files = tree(tmp_path / "out")
    assert (result.output, result.articles, result.pages) == (tmp_path / "out", 1, len(pages_in(files)))
    assert (result.files_written, result.files_kept) == (len(files), 0)
    assert [name for name in files if name.startswith("2023/")] == ["2023/12/a/index.html"]
    assert notes(result) == [*HELD_NOTES, NO_SEARCH]
    assert formatted(result.report) == []
    assert [a.source for a in result.site.articles] == ["content/a.md"]


def test_when_nothing_changed_nothing_is_written_and_no_plan_is_made(tmp_path: Path) -> None:
    site = three_articles(tmp_path)
    first = build_site(site, output=tmp_path / "out", search=False)
    before = stat(tmp_path / "out")
    again = build_site(site, output=tmp_path / "out", search=False)
    assert (again.files_written, again.files_kept) == (0, first.files_written)
    assert (again.articles, again.pages, notes(again)) == (first.articles, first.pages, notes(first))
    assert stat(tmp_path / "out") == before  # the same files: not one replaced or touched
    assert callable(again.plan)  # made only when asked for
    assert [a.source for a in again.site.articles] == ["content/a.md"]


def test_an_edit_rewrites_exactly_the_files_whose_bytes_change(tmp_path: Path) -> None:
    site = three_articles(tmp_path)
    first = build_site(site, output=tmp_path / "out", search=False)
    old = tree(tmp_path / "out")
    (site / "content/a.md").write_text(article(body="Isi berita yang diubah.", tags="[Polri]"))
    edited = build_site(site, output=tmp_path / "out", search=False)
    new = tree(tmp_path / "out")
    changed = [name for name in new if old.get(name) != new[name]]
    assert "2023/12/a/index.html" in changed and "404.html" not in changed
    assert (edited.files_written, edited.files_kept) == (len(changed), first.files_written - len(changed))


def test_drafts_and_future_publish_what_is_held_back(tmp_path: Path) -> None:
    result = build_site(three_articles(tmp_path), output=tmp_path / "out", search=False, drafts=True, future=True)
    files = tree(tmp_path / "out")
    assert result.articles == 3
    assert [name for name in files if name.startswith("20")] == [
        "2023/12/a/index.html",
        "2023/12/b/index.html",
        "2024/06/c/index.html",
    ]
    assert notes(result) == [NO_SEARCH]


def test_the_moment_of_the_build_decides_what_is_due(tmp_path: Path) -> None:
    site = three_articles(tmp_path)
    later = FIXED_NOW.replace(day=3)
    result = build(site, BuildOptions(output=tmp_path / "out", now=later, search=False))
    assert result.articles == 2
    assert notes(result) == ["content/b.md: draft, not published", NO_SEARCH]


def test_a_relative_output_a_base_url_and_no_cache(tmp_path: Path) -> None:
    site = three_articles(tmp_path)
    options = BuildOptions(
        output=Path("publik"), base_url="https://cermin.test/x", use_cache=False, search=False, now=FIXED_NOW
    )
    result = build(site, options)
    assert result.output == site / "publik"
    assert (site / "publik" / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://cermin.test/x/sitemap.xml\n"
        "Sitemap: https://cermin.test/x/sitemap-news.xml\n"
    )
    assert sorted(p.name for p in site.iterdir()) == ["assets", "content", "layouts", "publik", "site.yaml"]


def test_progress_hears_each_long_stage_up_to_its_total(tmp_path: Path) -> None:
    heard: list[tuple[str, int, int]] = []
    result = build_site(
        three_articles(tmp_path), output=tmp_path / "out", search=False, progress=lambda *p: heard.append(p)
    )
    assert ("reading articles", 3, 3) in heard
    assert ("rendering pages", result.pages, result.pages) in heard


def test_an_error_fails_the_build_and_writes_nothing(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", files={"content/a.md": article(), "content/rusak.md": article(editor="")})
    with pytest.raises(BuildFailed) as failed:
        build_site(site, output=tmp_path / "out", search=False)
    assert formatted(failed.value.report) == ["content/rusak.md:4: error: 'editor' is empty — write the author's name"]
    assert failed.value.message == "build failed: 1 error, nothing written"
    assert not (tmp_path / "out").exists()
