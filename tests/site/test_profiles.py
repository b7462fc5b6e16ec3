"""Editors' profiles on the built site: the editor's page, the byline, the structured data read
back, the photo's variants, the errors at their lines, and an editor without a profile exactly
as before."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitegen.build import BuildOptions, build
from sitegen.errors import BuildFailed
from tests.support import FIXED_NOW, assert_diagnostics, formatted, photo, site_files, tree, write_site
from tests.support import article as article_text

SEFNAT = """
---
name: Sefnat Besie
jabatan: Kasubbid Penmas Bidhumas
satuan: Bidang Humas Polda NTT
photo:
  src: foto/sefnat.jpg
links:
  - label: Instagram
    url: https://www.instagram.com/humas.contoh/
  - label: Surel
    url: mailto:humas@contoh.id
---
Editor sejak 2019 & penulis <b>kamtibmas</b>.

Paragraf kedua.
"""


def _site(root: Path, profiles: dict[str, str | bytes] | None = None) -> Path:
    files: dict[str, str | bytes] = {
        "content/2023/falas.md": article_text(title="Bakti Kesehatan di Falas", editor="Sefnat Besie"),
        "content/2023/silawan.md": article_text(
            title="Jumat Curhat di Silawan", date="2023-10-20 09:40", editor="Maria Goreti Ndoen"
        ),
        "content/2024/alor.md": article_text(title="Logistik Pemilu Alor", date="2024-02-12", editor="sefnat besie"),
    }
    return write_site(root, {"page_size": 1}, {**files, **(profiles or {})})


def _json_ld(html: str) -> list[dict[str, object]]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def _with_profile(root: Path) -> Path:
    return _site(root, {"editors/sefnat-besie.md": SEFNAT, "editors/foto/sefnat.jpg": photo(900, 900)})


def test_the_editor_page_shows_the_profile_above_the_stories(tmp_path: Path) -> None:
    site = _with_profile(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    page = (site / "public/editor/sefnat-besie/index.html").read_text()
    card = page[page.index('<section class="profile"') : page.index("</section>")]
    assert page.index('<section class="profile"') < page.index('<ol class="stories">')
    assert '<p class="jabatan">Kasubbid Penmas Bidhumas</p>' in card
    assert '<p class="role">Bidang Humas Polda NTT</p>' in card
    assert "<p>Editor sejak 2019 &amp; penulis &lt;b&gt;kamtibmas&lt;/b&gt;.</p>\n<p>Paragraf kedua.</p>" in card
    assert '<a href="https://www.instagram.com/humas.contoh/" rel="me noopener">Instagram</a>' in card
    assert '<a href="mailto:humas@contoh.id" rel="me noopener">Surel</a>' in card
    # the photo through the image pipeline: WebP and JPEG in every width, at the portrait's size
    sources = re.findall(r'srcset="([^"]+)"', card)
    assert [s.split(", ") for s in sources] == [
        [f"/img/{name}-{w}.{ext}" + f" {w}w" for w in (480, 800, 900)]
        for name in [sources[0][5:21]]
        for ext in ("webp",)
    ] + [[f"/img/{sources[0][5:21]}-{w}.jpg {w}w" for w in (480, 800, 900)]]
    assert 'sizes="6rem"' in card and 'alt="Sefnat Besie"' in card  # alt: the editor's name by default
    for width in (480, 800, 900):
        for ext in ("webp", "jpg"):
            assert (site / f"public/img/{sources[0][5:21]}-{width}.{ext}").is_file()
    # the profile is on the list's first page only
    second = (site / "public/editor/sefnat-besie/page/2/index.html").read_text()
    assert 'class="profile"' not in second and "ProfilePage" not in second


def test_the_structured_data_has_the_profile_read_back(tmp_path: Path) -> None:
    site = _with_profile(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    public = site / "public"
    (profile_page,) = _json_ld((public / "editor/sefnat-besie/index.html").read_text())
    person = profile_page["mainEntity"]
    assert profile_page["@type"] == "ProfilePage"
    assert isinstance(person, dict)
    image = person.pop("image")
    assert re.fullmatch(r"https://warta-uji\.test/img/[0-9a-f]{16}-900\.jpg", str(image))
    assert person == {
        "@type": "Person",
        "name": "Sefnat Besie",
        "url": "https://warta-uji.test/editor/sefnat-besie/",
        "jobTitle": "Kasubbid Penmas Bidhumas",
        "worksFor": {"@type": "Organization", "name": "Bidang Humas Polda NTT"},
        "sameAs": ["https://www.instagram.com/humas.contoh/"],  # a mail address is no page about the person
        "description": "Editor sejak 2019 & penulis <b>kamtibmas</b>.",
    }
    for path, written in (("2023/12/falas", "Sefnat Besie"), ("2024/02/alor", "sefnat besie")):
        html = (public / path / "index.html").read_text()
        (news,) = _json_ld(html)
        author = news["author"]
        assert isinstance(author, dict)
        assert author["name"] == written  # as the article names its editor
        assert author["url"] == "https://warta-uji.test/editor/sefnat-besie/"
        assert author["jobTitle"] == "Kasubbid Penmas Bidhumas"
        assert author["image"] == image and author["sameAs"] == ["https://www.instagram.com/humas.contoh/"]
        assert news["editor"] == author
        assert '<a href="/editor/sefnat-besie/">Sefnat Besie</a>, Kasubbid Penmas Bidhumas</p>' in html


def _editor_pages(public: Path, slug: str, articles: list[str]) -> dict[str, bytes]:
    files = site_files(public)
    paths = [f"editor/{slug}/index.html", f"editor/{slug}/feed.xml", *articles]
    return {path: files[path] for path in paths}


def test_an_editor_without_a_profile_is_shown_exactly_as_before(tmp_path: Path) -> None:
    before = _site(tmp_path / "before")
    after = _with_profile(tmp_path / "after")
    build(before, BuildOptions(now=FIXED_NOW))
    build(after, BuildOptions(now=FIXED_NOW))
    maria = ["2023/10/silawan/index.html", "editor/index.html"]
    assert _editor_pages(after / "public", "maria-goreti-ndoen", maria) == _editor_pages(
        before / "public", "maria-goreti-ndoen", maria
    )
    # and the editor with a profile differs, so the comparison can fail
    sefnat = ["2023/12/falas/index.html"]
    assert _editor_pages(after / "public", "sefnat-besie", sefnat) != _editor_pages(
        before / "public", "sefnat-besie", sefnat
    )


def test_profile_problems_are_reported_at_their_lines_and_nothing_is_written(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "site",
        {
            "editors/sefnat-besie.md": SEFNAT.replace("foto/sefnat.jpg", "foto/hilang.jpg"),
            "editors/yohanes.md": "---\nname: Yohanes Lake\njabatan: Kanit\n---\n",
            "editors/maria.md": "---\nname: Maria Goreti Ndoen\nlinks:\n  Situs: javascript:alert(1)\n---\n",
        },
    )
    with pytest.raises(BuildFailed) as failed:
        build(site, BuildOptions(now=FIXED_NOW))
    # (the other warning, one editor written two ways, is the articles')
    assert_diagnostics(
        [d for d in failed.value.report.items if d.path.startswith("editors/")],
        [
            "editors/maria.md:3: error: 'links', link 1: 'javascript:alert(1)' must start with https:// "
            "(or http://, or mailto: for e-mail)",
            "editors/sefnat-besie.md:5: error: 'photo': there is no file editors/foto/hilang.jpg",
            "editors/yohanes.md:2: warning: 'Yohanes Lake' has a profile but no published article: "
            "check the spelling of 'name'",
        ],
    )
    assert not (site / "public").exists()


def test_a_profile_of_an_editor_without_articles_is_a_warning(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", {"editors/yohanes.md": "---\n\nname: Yohanes Lake\n---\n"})
    result = build(site, BuildOptions(now=FIXED_NOW))
    assert formatted(result.report.warnings)[1:] == [
        "editors/yohanes.md:3: warning: 'Yohanes Lake' has a profile but no published article: "
        "check the spelling of 'name'"
    ]
    assert not (site / "public/editor/yohanes-lake").exists()
    # a nothing-changed build repeats it
    again = build(site, BuildOptions(now=FIXED_NOW))
    assert again.files_written == 0
    assert formatted(again.report.warnings) == formatted(result.report.warnings)


def test_hostile_profile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    hostile = (
        '---\nname: "Sefnat Besie"\njabatan: "</script><script>alert(1)</script>"\n'
        'satuan: "<img src=x onerror=alert(1)>"\n---\n"><svg onload=alert(1)>\n'
    )
    site = _site(tmp_path / "site", {"editors/sefnat-besie.md": hostile})
    build(site, BuildOptions(now=FIXED_NOW))
    for path in ("editor/sefnat-besie/index.html", "2023/12/falas/index.html"):
        html = (site / "public" / path).read_text()
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg" not in html
        assert html.count("<script") == html.count("</script>")
        for data in _json_ld(html):
            person = data.get("mainEntity") or data.get("author")
            assert isinstance(person, dict) and person["jobTitle"] == "</script><script>alert(1)</script>"


def test_the_clean_output_is_the_same_on_every_build(tmp_path: Path) -> None:
    one = _with_profile(tmp_path / "one")
    build(one, BuildOptions(now=FIXED_NOW, use_cache=False))
    two = _with_profile(tmp_path / "two")
    build(two, BuildOptions(now=FIXED_NOW, use_cache=False, jobs=1))
    assert tree(one / "public") == tree(two / "public")


# -- incremental builds: a profile's edit re-renders what shows it, and equals a clean build ------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def edit_jabatan(site: Path) -> None:
    _edit(site / "editors/sefnat-besie.md", "Kasubbid Penmas Bidhumas", "Kasubbid PID Bidhumas")


def edit_bio(site: Path) -> None:
    _edit(site / "editors/sefnat-besie.md", "Paragraf kedua.", "Paragraf kedua, diperbarui.")


def replace_photo(site: Path) -> None:
    (site / "editors/foto/sefnat.jpg").write_bytes(photo(600, 800, color=(120, 20, 20)))


def drop_photo(site: Path) -> None:
    _edit(site / "editors/sefnat-besie.md", "photo:\n  src: foto/sefnat.jpg\n", "")


def delete_profile(site: Path) -> None:
    (site / "editors/sefnat-besie.md").unlink()


def add_second_profile(site: Path) -> None:
    (site / "editors/maria.md").write_text("---\nname: Maria Goreti Ndoen\nsatuan: Polres Belu\n---\n")


def rename_to_an_editor_without_articles(site: Path) -> None:
    _edit(site / "editors/sefnat-besie.md", "name: Sefnat Besie", "name: Sefnat Besi")


PROFILE_CHANGES = [
    edit_jabatan,
    edit_bio,
    replace_photo,
    drop_photo,
    delete_profile,
    add_second_profile,
    rename_to_an_editor_without_articles,
]


def _clean(site: Path, scratch: Path) -> dict[str, bytes]:
    import shutil

    copy = scratch / "clean"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
    build(copy, BuildOptions(now=FIXED_NOW, use_cache=False))
    return tree(copy / "public")


@pytest.mark.parametrize("change", PROFILE_CHANGES, ids=lambda f: f.__name__)
def test_incremental_build_after_a_profile_change_equals_a_clean_build(tmp_path: Path, change: object) -> None:
    assert callable(change)
    site = _with_profile(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    build(site, BuildOptions(now=FIXED_NOW))  # the spare tree in use too
    before = tree(site / "public")
    change(site)
    build(site, BuildOptions(now=FIXED_NOW))
    after = tree(site / "public")
    assert after != before
    assert after == _clean(site, tmp_path)


def test_adding_the_first_profile_equals_a_clean_build(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW))
    write_site(site, None, {"editors/sefnat-besie.md": SEFNAT, "editors/foto/sefnat.jpg": photo(900, 900)}, theme=False)
    (site / "site.yaml").write_text("title: Warta Uji NTT\nbase_url: https://warta-uji.test/\npage_size: 1\n")
    build(site, BuildOptions(now=FIXED_NOW))
    assert tree(site / "public") == _clean(site, tmp_path)


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
    }


def test_editing_a_profile_rewrites_the_editors_page_and_articles_only(tmp_path: Path) -> None:
    site = _with_profile(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW, search=False))
    before = _stamps(site / "public")
    edit_jabatan(site)
    result = build(site, BuildOptions(now=FIXED_NOW, search=False))
    after = _stamps(site / "public")
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed == ["2023/12/falas/index.html", "2024/02/alor/index.html", "editor/sefnat-besie/index.html"]
    assert result.files_written == len(changed)
