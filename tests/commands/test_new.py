"""``sitegen new``: a new article with complete front matter, through the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.commands import new as newsroom
from sitegen.commands.new import new_article
from sitegen.config import load_config
from sitegen.read.articles import read_article
from sitegen.util.pattern import PathPattern
from tests.conftest import RunCli
from tests.support import MakeSite

# 20:15 UTC on New Year's Eve is already 04:15 on New Year's Day in WITA (UTC+8)
NEW_YEAR = dt.datetime(2023, 12, 31, 20, 15, 42, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newsroom, "current_time", lambda: NEW_YEAR)


@pytest.fixture
def git_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """git's user.name comes from a config file of the test's own, never the machine's."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Maria Ndun\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return "Maria Ndun"


@pytest.fixture
def no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_new_writes_complete_front_matter_and_prints_the_path(
    make_site: MakeSite, run_cli: RunCli, git_name: str
) -> None:
    site = make_site()
    result = run_cli(
        "new",
        "Kapolres Belu Gelar Jumat Curhat",
        "--site",
        str(site),
        "--location",
        "Desa Silawan, Kecamatan Tasifeto Timur, Kabupaten Belu",
        "--tags",
        " Polri, Jumat Curhat ,",
    )

    assert result.exit_code == 0, result.output
    created = site / "content/2024/kapolres-belu-gelar-jumat-curhat.md"
    assert result.stdout == f"{created}\n"
    assert result.stderr == "fill in the TODO lines and the story, then run 'sitegen check'\n"
    assert created.read_text(encoding="utf-8") == (
        "---\n"
        "title: Kapolres Belu Gelar Jumat Curhat\n"
        "date: 2024-01-01 04:15\n"
        "editor: Maria Ndun\n"
        "location: Desa Silawan, Kecamatan Tasifeto Timur, Kabupaten Belu\n"
        "tags: [Polri, Jumat Curhat]\n"
        "dateline: 'TODO: kota pembuka berita, atau hapus baris ini'\n"
        "---\n"
        "Tulis berita di sini.\n"
    )


def test_the_editor_option_wins_over_git(make_site: MakeSite, run_cli: RunCli, git_name: str) -> None:
    site = make_site()
    result = run_cli("new", "Patroli Malam", "--site", str(site), "--editor", "  Sefnat   Besie ")
    assert result.exit_code == 0, result.output
    assert "editor: Sefnat Besie\n" in (site / "content/2024/patroli-malam.md").read_text(encoding="utf-8")


def test_without_git_or_an_editor_option_the_editor_is_a_placeholder(
    make_site: MakeSite, run_cli: RunCli, no_git: None
) -> None:
    site = make_site()
    result = run_cli("new", "Patroli Malam", "--site", str(site))
    assert result.exit_code == 0, result.output
    text = (site / "content/2024/patroli-malam.md").read_text(encoding="utf-8")
    assert text.splitlines()[3:6] == [
        "editor: 'TODO: nama editor'",
        "location: 'TODO: desa, kecamatan, kabupaten'",
        "tags: []",
    ]


def test_the_default_site_is_the_current_folder(
    make_site: MakeSite, run_cli: RunCli, git_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site()
    monkeypatch.chdir(site)
    result = run_cli("new", "Patroli Malam")
    assert result.exit_code == 0, result.output
    assert result.stdout == "content/2024/patroli-malam.md\n"
    assert (site / "content/2024/patroli-malam.md").is_file()


def test_the_date_is_the_site_time_zone(make_site: MakeSite, git_name: str) -> None:
    site = make_site({"timezone": "Asia/Jakarta"})  # WIB, UTC+7
    relative = new_article(site, "Patroli Malam", now=dt.datetime(2024, 3, 9, 18, 5, tzinfo=dt.UTC))
    assert relative == "content/2024/patroli-malam.md"
    assert "date: 2024-03-10 01:05\n" in (site / relative).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "title",
    ['Polisi: "Aman" #1 di Kupang', "no", "2024", "Jum'at Curhat – Polres Belu", "[Rilis] Operasi {Zebra}"],
)
def test_any_title_reads_back_exactly(make_site: MakeSite, git_name: str, title: str) -> None:
    site = make_site()
    relative = new_article(site, title, location="Kota Kupang", tags=("Polri",))
    config, _ = load_config(site)
    assert config is not None
    result = read_article(relative, (site / relative).read_bytes(), config)
    assert result.article is not None, result.diagnostics
    assert result.article.title == title
    assert result.article.tags == ("Polri",)
    assert result.diagnostics == ()


def test_it_refuses_to_overwrite(make_site: MakeSite, run_cli: RunCli, git_name: str) -> None:
    site = make_site({}, {"content/2024/patroli-malam.md": "Sudah ada.\n"})
    result = run_cli("new", "Patroli Malam", "--site", str(site))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: content/2024/patroli-malam.md already exists: edit it, or give the new article another title\n"
    )
    assert (site / "content/2024/patroli-malam.md").read_text(encoding="utf-8") == "Sudah ada.\n"


def test_without_site_settings_it_fails(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "Patroli Malam", "--site", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot read the site's settings: "
        f"site.yaml: error: no site.yaml in {tmp_path}: is this a site folder?\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["   "], "Invalid value for 'TITLE': the title is empty"),
        (["!!!"], "Invalid value for 'TITLE': '!!!' gives no usable file name (the slug is empty)"),
        (
            ["Patroli", "--tags", "Polri, ??"],
            "Invalid value for '--tags': tag '??' has no letters or digits to make a URL from",
        ),
        ([], "Missing argument 'TITLE'."),
        (["Patroli", "--site", "/tidak/ada"], "Invalid value for '--site': Directory '/tidak/ada' does not exist."),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    make_site: MakeSite, run_cli: RunCli, args: list[str], message: str
) -> None:
    site = make_site()
    site_args = [] if "--site" in args else ["--site", str(site)]
    result = run_cli("new", *args, *site_args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert list((site / "content").iterdir()) == []


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("content/{year}/{slug}.md", None),
        ("content/{year}/{month}/{day}-{slug}.md", None),
        ("content/{slug}.md", None),
        ("content/{tahun}/{slug}.md", "has an unknown placeholder '{tahun}' (use {year}, {month}, {day}, {slug})"),
        ("artikel/{slug}.md", "must be a path inside content/, like content/{year}/{slug}.md"),
        ("content/../{slug}.md", "must be a path inside content/, like content/{year}/{slug}.md"),
        ("content/{year}/{slug}.txt", "must end with '{slug}.md' or another name holding {slug} and ending in .md"),
        ("content/{year}/berita.md", "must end with '{slug}.md' or another name holding {slug} and ending in .md"),
        ("content/{year/{slug}.md", "has a stray '{' or '}'"),
    ],
)
def test_the_path_pattern_a_site_could_choose(pattern: str, problem: str | None) -> None:
    why = PathPattern(pattern).article_path_problem()
    assert (None if why is None else str(why)) == problem


def test_new_article_path_from_site_yaml(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitegen.cli import main
    from tests.support import write_site

    site = write_site(tmp_path / "site", {"new_article_path": "content/{year}/{month}/{slug}.md"})
    result = CliRunner().invoke(
        main, ["new", "Patroli Malam di Kupang", "--site", str(site), "--editor", "Yohanes Kolo"]
    )
    assert result.exit_code == 0, result.output
    created = [p.relative_to(site).as_posix() for p in (site / "content").rglob("*.md")]
    assert len(created) == 1 and created[0].endswith("/patroli-malam-di-kupang.md")
    assert created[0].count("/") == 3  # content/YYYY/MM/slug.md


def test_a_bad_new_article_path_is_a_config_error_with_its_line(tmp_path: Path) -> None:
    from sitegen.config import load_config
    from tests.support import write_site

    site = write_site(tmp_path / "site", {"new_article_path": "../{slug}.md"})
    config, problems = load_config(site)
    assert config is None
    assert [p.format() for p in problems] == [
        "site.yaml:3: error: 'new_article_path' must be a path inside content/, like content/{year}/{slug}.md"
    ]


def test_the_site_folder_is_positional_as_in_every_other_command(run_cli: RunCli, make_site: MakeSite) -> None:
    site = make_site()
    result = run_cli("new", "Patroli Malam", str(site), "--editor", "Sefnat Besie")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (site / "content").rglob("*.md")) == ["patroli-malam.md"]
    other = make_site(name="lain")
    clash = run_cli("new", "Patroli Pagi", str(site), "--site", str(other))
    assert clash.exit_code == 2
    assert "give the site folder once" in clash.output
