"""The command line, run in-process with click's CliRunner on absolute paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import Result

from sitegen import __version__
from tests.conftest import RunCli
from tests.support import MakeSite, article, site_files

GOOD = {
    "content/2023/falas.md": article(tags="[Polri, Bakti Sosial]"),
    "content/2023/belu.md": article(date="2023-10-20 09:40", title="Belu", tags="[Polri]"),
}


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def index_files(output: Path) -> int:
    """The files of the search index (sitegen/write/search.py): as many as Pagefind writes."""
    return len([p for p in (output / "pagefind").rglob("*") if p.is_file()])


def summary_line(articles: int, pages: int, files: int, output: Path) -> re.Pattern[str]:
    """The one line on stdout of a first build into ``output``: every file is written."""
    where = re.escape(str(output))
    counts = rf"\({files} files written, 0 unchanged\)"
    return re.compile(rf"built {articles} articles, {pages} pages into {where} {counts} in \d+\.\d\d s\n")


def test_success_prints_one_summary_line_and_exits_0(make_site: MakeSite, run_cli: RunCli, tmp_path: Path) -> None:
    site = make_site(files=GOOD)
    output = tmp_path / "terbit"
    result = run_cli("build", str(site), "--output", str(output))

    no_traceback(result)
    assert result.exit_code == 0, result.output
    # home, 2 articles, tag index, 2 tag pages, 404 = 7 pages;
    # + feed, sitemap, robots, style.css, feed.xsl and the output marker = 13 files
    assert summary_line(2, 25, 32 + index_files(output), output).fullmatch(result.stdout)
    assert result.stderr == ""
    assert (output / "2023/12/falas/index.html").is_file()


def test_default_output_is_site_yaml_output_inside_the_site(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site({"output": "_situs"}, GOOD)
    result = run_cli("build", str(site))
    assert result.exit_code == 0, result.output
    assert summary_line(2, 25, 32 + index_files(site / "_situs"), site / "_situs").fullmatch(result.stdout)
    assert (site / "_situs" / "index.html").is_file()


def test_warnings_and_held_articles_go_to_stderr(make_site: MakeSite, run_cli: RunCli, tmp_path: Path) -> None:
    files = {
        **GOOD,
        "content/2023/draf.md": article(draft="true", foto="x.jpg"),
        "content/2099/jadwal.md": article(date="2099-01-01 08:00"),
    }
    result = run_cli("build", str(make_site(files=files)), "-o", str(tmp_path / "out"))

    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "content/2023/draf.md:7: warning: unknown key 'foto' — did you mean 'image'?",
        "content/2023/draf.md: draft, not published",
        "content/2099/jadwal.md: scheduled, published from Kamis, 1 Januari 2099 08.00 WITA (2099-01-01 00:00 UTC)",
        "next scheduled article is due at 2099-01-01T00:00:00Z: rebuild then to publish it",
    ]
    assert summary_line(2, 25, 32 + index_files(tmp_path / "out"), tmp_path / "out").fullmatch(result.stdout)


def test_quiet_prints_nothing_on_success(make_site: MakeSite, run_cli: RunCli, tmp_path: Path) -> None:
    files = {**GOOD, "content/2023/draf.md": article(draft="true", foto="x.jpg")}
    result = run_cli("build", str(make_site(files=files)), "--quiet", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "")


def test_drafts_and_future_flags(make_site: MakeSite, run_cli: RunCli, tmp_path: Path) -> None:
    held = {"content/2023/draf.md": article(draft="true"), "content/2099/jadwal.md": article(date="2099-01-01")}
    files = {**GOOD, **held}
    site = make_site(files=files)
    result = run_cli("build", str(site), "--drafts", "--future", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built 4 articles, ")
    assert (tmp_path / "out/2023/12/draf/index.html").is_file()
    assert (tmp_path / "out/2099/01/jadwal/index.html").is_file()


def test_errors_of_several_files_are_all_printed_exit_1_and_nothing_written(
    make_site: MakeSite, run_cli: RunCli, tmp_path: Path
) -> None:
    files = {
        **GOOD,
        "content/2023/tanpa-editor.md": article(editor=None, tag="[Polri]"),
        "content/2024/banjir.md": article(date="'2024-02-30 08:00'"),
        "content/2024/judul.md": "---\ntitle: no\ndate: 2024-01-09 11:30\neditor: E\nlocation: L\n---\nIsi.\n",
        "content/2024/rusak.md": "---\ntitle: A\n",
    }
    output = tmp_path / "out"
    result = run_cli("build", str(make_site(files=files)), "--output", str(output))

    no_traceback(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content/2023/tanpa-editor.md:1: error: missing required key 'editor'",
        "content/2023/tanpa-editor.md:5: warning: unknown key 'tag' — did you mean 'tags'?",
        "content/2024/banjir.md:3: error: 'date': '2024-02-30 08:00' is an impossible date (the month has no such day)",
        "content/2024/judul.md:2: error: 'title' must be text, not false (a yes/no value: put the text in quotes)",
        "content/2024/rusak.md:1: error: front matter is not closed: add a '---' line after it",
        "Error: build failed: 4 errors, nothing written",
    ]
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "site"]


def test_a_failed_build_keeps_the_previous_output(make_site: MakeSite, run_cli: RunCli, tmp_path: Path) -> None:
    site = make_site(files=GOOD)
    output = tmp_path / "out"
    assert run_cli("build", str(site), "-o", str(output)).exit_code == 0
    before = site_files(output)
    (site / "content/2023/belu.md").write_text("---\ntitle: Belu\n---\n")

    result = run_cli("build", str(site), "-o", str(output))

    assert result.exit_code == 1
    assert result.stderr.endswith("Error: build failed: 3 errors, nothing written\n")
    assert site_files(output) == before


def test_a_config_error_exits_1(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site("title: T\nbase_url: https://x.test/\npage_sise: 3\nfeed_size: banyak\n", GOOD)
    result = run_cli("build", str(site))
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "site.yaml:3: warning: unknown key 'page_sise' — did you mean 'page_size'?",
        "site.yaml:4: error: 'feed_size' must be a whole number, not 'banyak'",
        "Error: build failed: 1 error, nothing written",
    ]


def test_a_folder_without_site_yaml_exits_1(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("build", str(tmp_path))
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"site.yaml: error: no site.yaml in {tmp_path}: is this a site folder?",
        "Error: build failed: 1 error, nothing written",
    ]


def test_a_refused_output_exits_1_with_the_reason(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site(files=GOOD)
    result = run_cli("build", str(site), "--output", str(site / "content"))
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: refusing to use {site / 'content'} as the output folder: it is inside content/\n")


# --- usage errors: exit 2 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--nope"], "No such option '--nope'"),
        (["build", "{missing}"], "'{missing}' does not exist."),
        (["build", "{file}"], "'{file}' is a file."),
        (["bangun"], "No such command 'bangun'."),
        (["build", "{site}", "--output"], "Option '--output' requires an argument."),
    ],
)
def test_usage_errors_exit_2(
    make_site: MakeSite, run_cli: RunCli, tmp_path: Path, args: list[str], message: str
) -> None:
    site = make_site(files=GOOD)
    (tmp_path / "berkas.txt").write_text("x")
    names = {"missing": str(tmp_path / "tidak-ada"), "file": str(tmp_path / "berkas.txt"), "site": str(site)}
    result = run_cli(*[a.format(**names) for a in args])

    no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: ")
    assert message.format(**names) in last
    assert not (site / "public").exists()


# --- options -------------------------------------------------------------------------------------------------------


def test_base_url_option(make_site: MakeSite, run_cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "out"
    result = run_cli("build", str(make_site(files=GOOD)), "--base-url", "https://x.github.io/portal", "-o", str(output))
    assert result.exit_code == 0, result.output
    home = (output / "index.html").read_text()
    assert '<a href="/portal/2023/12/falas/">' in home
    assert '<link rel="canonical" href="https://x.github.io/portal/">' in home
    assert "<link>https://x.github.io/portal/2023/12/falas/</link>" in (output / "feed.xml").read_text()


def test_bad_base_url_option_exits_1_without_writing(make_site: MakeSite, run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("build", str(make_site(files=GOOD)), "--base-url", "portal.test", "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr == "Error: --base-url: 'portal.test' is not an absolute http(s) URL\n"
    assert not (tmp_path / "out").exists()


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"sitegen, version {__version__}\n"


def _broken_feed(*args: object, **kwargs: object) -> str:
    raise RuntimeError("disk penuh")


def test_an_internal_error_is_one_line_without_a_traceback(
    make_site: MakeSite, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sitegen.render.feeds.rss", _broken_feed)  # a bug of sitegen's own, not the editor's
    result = run_cli("build", str(make_site(files=GOOD)), "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr == "Error: internal error: RuntimeError: disk penuh (run with --debug for details)\n"
    assert not (tmp_path / "out").exists()


def test_debug_lets_an_internal_error_through(
    make_site: MakeSite, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sitegen.render.feeds.rss", _broken_feed)
    result = run_cli("build", str(make_site(files=GOOD)), "--debug", "-o", str(tmp_path / "out"))
    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception) == "disk penuh"


def test_a_file_with_problems_with_and_without_a_line_sorts_without_error() -> None:
    from sitegen.errors import Report, error, warning
    from sitegen.i18n import verbatim

    report = Report(
        [error("a.md", 3, verbatim("x")), error("a.md", None, verbatim("y")), warning("a.md", None, verbatim("z"))]
    )
    assert [d.format() for d in report.errors] == ["a.md: error: y", "a.md:3: error: x"]
    assert [d.format() for d in report.warnings] == ["a.md: warning: z"]
