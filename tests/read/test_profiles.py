"""Reading editors' profiles (sitegen/read/profiles.py): every problem at its line, links checked."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sitegen.read.image_refs import PROFILE
from sitegen.read.profiles import ProfileLink, read_profile, read_profiles, url_problem
from tests.support import assert_diagnostics, formatted

SOURCE = "editors/sefnat-besie.md"


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_profile(SOURCE, textwrap.dedent(text).lstrip("\n").encode())


def test_a_full_profile_is_read_with_its_photo_links_and_bio() -> None:
    profile, problems = _read(
        """
        ---
        name: Sefnat  Besie
        jabatan: Editor Bidang Humas
        satuan: Polres Timor Tengah Selatan
        photo:
          src: foto/sefnat.jpg
          alt: Potret Sefnat Besie
        links:
          - label: Instagram
            url: https://www.instagram.com/humas/
          - label: Surel
            url: mailto:humas@contoh.id
        ---
        Paragraf pertama
        berlanjut di sini.

        Paragraf <b>kedua</b>.
        """
    )
    assert problems == []
    assert profile is not None
    assert (profile.name, profile.slug) == ("Sefnat Besie", "sefnat-besie")
    assert (profile.jabatan, profile.satuan) == ("Editor Bidang Humas", "Polres Timor Tengah Selatan")
    assert profile.bio == ("Paragraf pertama berlanjut di sini.", "Paragraf <b>kedua</b>.")  # text: escaped when shown
    assert profile.links == (
        ProfileLink("Instagram", "https://www.instagram.com/humas/"),
        ProfileLink("Surel", "mailto:humas@contoh.id"),
    )
    assert profile.photo is not None
    assert (profile.photo.path, profile.photo.alt, profile.photo.line, profile.photo.kind) == (
        "editors/foto/sefnat.jpg",
        "Potret Sefnat Besie",
        5,
        PROFILE,
    )


def test_a_photo_given_as_a_file_name_has_the_editors_name_as_alt_and_links_may_be_a_mapping() -> None:
    profile, problems = _read(
        """
        ---
        name: Maria Goreti Ndoen
        photo: /assets/maria.png
        links:
          Situs: https://contoh.id/
        ---
        """
    )
    assert problems == []
    assert profile is not None and profile.photo is not None
    assert (profile.photo.path, profile.photo.alt) == ("assets/maria.png", "Maria Goreti Ndoen")
    assert profile.links == (ProfileLink("Situs", "https://contoh.id/"),)
    assert profile.bio == () and profile.jabatan == ""


def test_blank_optional_values_as_the_cms_writes_them_are_absent() -> None:
    profile, problems = _read("---\nname: Yohanes Lake\njabatan: ''\nphoto: {src: '', alt: ''}\nlinks: []\n---\n")
    assert problems == [] and profile is not None
    assert (profile.jabatan, profile.photo, profile.links) == ("", None, ())


def test_every_problem_of_a_profile_is_reported_at_its_line() -> None:
    profile, problems = _read(
        """
        ---
        name: Sefnat Besie
        jabtan: Editor
        satuan: [Polres, TTS]
        photo:
          src: ../../rahasia.jpg
        links:
          - label: Jahat
            url: javascript:alert(1)
          - label: Relatif
            url: /editor/x/
          - labl: X
            url: https://x.com/a
        ---
        """
    )
    assert profile is None
    assert_diagnostics(
        problems,
        [
            f"{SOURCE}:3: warning: unknown key 'jabtan' — did you mean 'jabatan'?",
            f"{SOURCE}:4: error: 'satuan' must be text, not a list (a value in [ ] is a list: put text in quotes)",
            f"{SOURCE}:5: error: 'photo': '../../rahasia.jpg' points outside the site folder",
            f"{SOURCE}:7: error: 'links', link 1: 'javascript:alert(1)' must start with https:// "
            "(or http://, or mailto: for e-mail)",
            f"{SOURCE}:7: error: 'links', link 2: '/editor/x/' must start with https:// "
            "(or http://, or mailto: for e-mail)",
            f"{SOURCE}:7: error: 'links', link 3: must have 'label' and 'url' "
            "(unknown key 'labl' — did you mean 'label'?)",
        ],
    )


def test_a_profile_needs_a_name_and_front_matter() -> None:
    assert_diagnostics(
        _read("---\njabatan: Editor\n---\nBio.\n")[1],
        [f"{SOURCE}:1: error: missing required key 'name': the editor's name"],
    )
    assert_diagnostics(
        _read("Tanpa front matter.\n")[1],
        [f"{SOURCE}:1: error: missing front matter: the file must start with a '---' line"],
    )
    assert_diagnostics(
        _read("---\nname: '!!!'\n---\n")[1], [f"{SOURCE}:2: error: 'name': '!!!' has no letter or digit"]
    )


def test_a_photo_outside_editors_and_assets_and_a_long_bio_are_errors() -> None:
    _, problems = _read("---\nname: A B\nphoto: /content/2023/foto.jpg\n---\n" + "kata " * 500)
    assert formatted(problems) == [
        f"{SOURCE}:3: error: 'photo': '/content/2023/foto.jpg' is neither beside the profile (foto.jpg) nor in the "
        "assets folder (/assets/foto.jpg)",
        f"{SOURCE}:5: error: the bio is longer than 2000 characters: keep it to a few sentences",
    ]
    _, problems = _read("---\nname: A B\nphoto: https://contoh.id/a.jpg\n---\n")
    assert formatted(problems) == [
        f"{SOURCE}:3: error: 'photo': 'https://contoh.id/a.jpg' is a web address: put the photo in the site folder"
    ]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.instagram.com/humaspoldantt/", True),
        ("http://contoh.id", True),
        ("mailto:redaksi@contoh.id", True),
        ("MAILTO:redaksi@contoh.id", True),
        ("mailto:bukan-alamat", False),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//contoh.id/", False),
        ("https://", False),
        ("https://contoh.id/a b", False),
        ("https://contoh.id/\x07", False),
        ("https://contoh.id:99999999/", False),
        ("ftp://contoh.id/", False),
        ("", False),
    ],
)
def test_only_web_and_mail_addresses_are_links(url: str, ok: bool) -> None:
    assert (url_problem(url) is None) is ok


def test_two_profiles_of_one_editor_are_an_error_at_both(tmp_path: Path) -> None:
    (tmp_path / "editors").mkdir()
    (tmp_path / "editors/sefnat.md").write_text("---\nname: Sefnat Besie\n---\n")
    (tmp_path / "editors/sefnat-besie.md").write_text("---\n# lagi\nname: sefnat besie\n---\n")
    (tmp_path / "editors/maria.md").write_text("---\nname: Maria Goreti Ndoen\n---\n")
    profiles, problems = read_profiles(tmp_path)
    assert [p.name for p in profiles] == ["Maria Goreti Ndoen"]
    assert_diagnostics(
        problems,
        [
            "editors/sefnat-besie.md:3: error: 'sefnat besie' also has a profile in editors/sefnat.md",
            "editors/sefnat.md:2: error: 'Sefnat Besie' also has a profile in editors/sefnat-besie.md",
        ],
    )


def test_a_site_without_an_editors_folder_has_no_profiles(tmp_path: Path) -> None:
    assert read_profiles(tmp_path) == ((), [])


def test_hostile_files_in_editors_are_reported_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "rahasia.md"
    outside.write_text("---\nname: Rahasia\n---\nkata sandi\n")
    site = tmp_path / "site"
    (site / "editors").mkdir(parents=True)
    (site / "editors/bocor.md").symlink_to(outside)
    (site / "editors/utf16.md").write_bytes("---\nname: A\n---\n".encode("utf-16"))
    (site / "editors/besar.md").write_bytes(b"---\nname: A\n---\n" + b"a" * 70_000)
    (site / "editors/.tersembunyi.md").write_text("---\nname: B\n---\n")
    profiles, problems = read_profiles(site)
    assert profiles == ()
    messages = formatted(problems)
    assert messages[0] == "editors/besar.md:1: error: a profile is at most 64 KB"
    assert messages[1] == "editors/bocor.md: warning: symbolic link points outside the site; skipped"
    assert messages[2:] == ["editors/utf16.md: error: not UTF-8 text (byte 0): save the file as UTF-8"]
