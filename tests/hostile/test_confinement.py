"""Nothing is written outside the output folder: slugs, file names, term names and permalinks that
could leave it or collide are errors, and the output folder itself is guarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.commands.check import check_site
from sitegen.errors import SitegenError
from sitegen.write import limits
from sitegen.write.output import check_output_dir
from tests.hostile_support import build_cli
from tests.support import FIXED_NOW, article


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("../../etc", "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ("..", "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ("a/b", "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ('"a\\\\b"', "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ('"a\\x00b"', "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ("'%2e%2e'", "'slug' may hold only letters, digits and '-'"),
        ("'.htaccess'", "'slug' may hold only letters, digits and '-'"),
        ("CON", "'slug' 'CON' is a name Windows reserves"),
        ("lpt1", "'slug' 'lpt1' is a name Windows reserves"),
        # Windows reads superscript digits as digits: COM¹ is COM1
        ('"COM\u00b9"', "'slug' 'COM\u00b9' is a name Windows reserves"),
        ('"lpt\u00b3"', "'slug' 'lpt\u00b3' is a name Windows reserves"),
        ('"\uff23\uff2f\uff2e"', "'slug' '\uff23\uff2f\uff2e' is a name Windows reserves"),  # full-width CON
        ("com0", "'slug' 'com0' is a name Windows reserves"),
    ],
)
def test_slugs_that_could_leave_the_folder_are_errors(tmp_path: Path, slug: str, message: str) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(slug=slug)})
    assert outcome.errors == [f"content/a.md:6: error: {message}"]


def test_an_empty_slug_is_no_slug_the_file_name_gives_the_url(tmp_path: Path) -> None:
    # a CMS writes `slug: ""` for the field left blank: the key absent, never an error
    # (an empty slug cannot reach a path: tests/read/test_contract.py)
    outcome = build_cli(tmp_path, {"content/a.md": article(slug='""')})
    assert outcome.errors == []
    assert (outcome.output / "2023/12/a/index.html").is_file()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("!!!.md", "the file name gives no usable URL slug (is empty): add a 'slug:' key"),
        ("nul.md", "the file name gives no usable URL slug ('nul' is a name Windows reserves): add a 'slug:' key"),
    ],
)
def test_file_names_that_give_no_usable_slug_are_errors(tmp_path: Path, name: str, message: str) -> None:
    outcome = build_cli(tmp_path, {f"content/{name}": article()})
    assert outcome.errors == [f"content/{name}:1: error: {message}"]


def test_editor_place_and_tag_names_must_give_a_folder_name(tmp_path: Path) -> None:
    text = article(editor='"!!!"', location='"???, Kabupaten Kupang"', tags="[Aux, Polri]")
    outcome = build_cli(tmp_path, {"content/a.md": text})
    assert outcome.errors == [
        "content/a.md:4: error: 'editor' has no letters or digits to make a URL from",
        "content/a.md:5: error: place '???' has no letters or digits to make a URL from",
        "content/a.md:6: error: tag 'Aux' gives no usable URL ('aux' is a name Windows reserves)",
    ]


@pytest.mark.parametrize(
    ("first", "second", "url"),
    [("Berita", "berita", "/2023/12/Berita/"), ('"Caf\\u00e9"', '"Cafe\\u0301"', "/2023/12/Café/")],
    ids=["case", "unicode-normalization"],
)
def test_two_sources_writing_one_path_are_an_error_naming_both(
    tmp_path: Path, first: str, second: str, url: str
) -> None:
    files = {"content/a.md": article(slug=first), "content/b.md": article(slug=second)}
    outcome = build_cli(tmp_path, files)
    second_url = url if second.startswith('"') else url.replace("Berita", "berita")
    assert outcome.errors == [
        f"content/a.md:6: error: the URL {url} is also the URL of content/b.md",
        f"content/b.md:6: error: the URL {second_url} is also the URL of content/a.md",
    ]


def test_a_permalink_with_dot_dot_is_refused(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article()}, {"permalink": "/../{slug}/"})
    assert outcome.errors == ["site.yaml:3: error: 'permalink' must not contain '..' or backslashes"]


def test_a_place_named_like_a_pagination_folder_is_an_error(tmp_path: Path) -> None:
    # Kabupaten Alor with more than one page of stories owns /lokasi/kabupaten-alor/page/2/;
    # a village "2" in a district "Page" of Alor would be written to the same file
    files = {f"content/{n}.md": article(location='"Kecamatan Kalabahi, Kabupaten Alor"') for n in "abc"}
    files["content/d.md"] = article(location='"2, Page, Kabupaten Alor"')
    outcome = build_cli(tmp_path, files, {"page_size": 2})
    assert outcome.errors == [
        "content/d.md:5: error: place '2' has the URL /lokasi/kabupaten-alor/page/2/ of a list page"
    ]


# -- the output folder itself is guarded ------------------------------------------------------------


def test_the_root_folder_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(SitegenError) as refused:
        check_output_dir(site, Path("/"))
    assert refused.value.message == "refusing to use / as the output folder: it holds the site or your files"


def test_an_output_link_into_content_is_refused(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        (tmp_path / "out").symlink_to(site / "content")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 1
    assert f"Error: refusing to use {tmp_path / 'out'} as the output folder: it is inside content/" in outcome.stderr
    assert sorted(p.name for p in (tmp_path / "site" / "content").iterdir()) == ["a.md"]


def test_a_marker_that_is_a_folder_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "out" / ".sitegen-output").mkdir(parents=True)
    (tmp_path / "out" / "tesis.docx").write_bytes(b"penting")
    outcome = build_cli(tmp_path, {"content/a.md": article()})
    assert outcome.exit_code == 1
    assert (tmp_path / "out" / "tesis.docx").read_bytes() == b"penting"


def test_a_sibling_whose_name_starts_like_the_site_is_a_fine_output(tmp_path: Path) -> None:
    # a prefix check of paths would take site-public for a folder inside site
    site = tmp_path / "site"
    outcome = build_cli(tmp_path, {"content/a.md": article()})
    check_output_dir(site, tmp_path / "site-public")  # no error
    assert outcome.exit_code == 0


# -- output paths a file system cannot hold ------------------------------------------------------------------

NAME = "makes a file or folder name longer than 255 bytes"
LONG = "makes an output path longer than a file system allows (1,199 bytes with the output folder)"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"slug": "a" * 300}, f"content/a.md:6: error: 'slug' {NAME} (300 bytes)"),
        ({"slug": "\u00e9" * 150}, f"content/a.md:6: error: 'slug' {NAME} (300 bytes)"),  # bytes, not characters
        ({"tags": f"[Polri, {'t' * 300}]"}, f"content/a.md:6: error: 'tags' {NAME} (300 bytes)"),
        ({"editor": "e" * 300}, f"content/a.md:4: error: 'editor' {NAME} (300 bytes)"),
        ({"location": f"Desa {'d' * 300}, Kabupaten Kupang"}, f"content/a.md:5: error: 'location' {NAME} (305 bytes)"),
        (
            {"location": ", ".join(f"{n:03d}{'p' * 220}" for n in range(6))},
            f"content/a.md:5: error: 'location' {LONG}",
        ),
        (
            {"location": ", ".join(f"p{n}" for n in range(6))},
            "content/a.md:5: error: 'location' makes an output path more than 6 folders deep",
        ),
    ],
    ids=["slug", "slug-bytes", "tag", "editor", "place", "long-location", "deep-location"],
)
def test_an_output_path_too_long_or_deep_is_an_error_at_its_key_and_in_check(
    tmp_path: Path, fields: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a location has at most 6 places, too few to pass the system's limits: lowered here instead
    if "location" in fields and LONG in expected:
        monkeypatch.setattr(limits, "system_limits", lambda root: (limits.NAME_MAX, 1_200))
    if "location" in fields and "folders deep" in expected:
        monkeypatch.setattr(limits, "MAX_DEPTH", 6)
    files = {"content/a.md": article(**fields), "content/baik.md": article(title="Baik", slug="baik")}
    outcome = build_cli(tmp_path, files)
    assert (outcome.exit_code, outcome.errors) == (1, [expected])
    assert not outcome.output.exists()  # nothing written
    checked = [d.format() for d in check_site(outcome.site, now=FIXED_NOW).report.sorted() if d.severity == "error"]
    assert checked == [expected]


def test_a_long_name_shared_by_articles_is_an_error_at_each(tmp_path: Path) -> None:
    tag = f"[{'t' * 256}]"
    files = {"content/a.md": article(tags=tag), "content/b.md": article(slug="b", summary="x", tags=tag)}
    outcome = build_cli(tmp_path, files)
    assert outcome.errors == [
        f"content/a.md:6: error: 'tags' {NAME} (256 bytes)",
        f"content/b.md:8: error: 'tags' {NAME} (256 bytes)",
    ]
