"""Full-text search: the Pagefind index ``sitegen build`` makes of the published articles.

The index is read back from Pagefind's own files: each page's fragment (gzipped JSON with
the page's URL and text) and the word index. Tests that need the real binary are skipped
when Pagefind is not installed (``pip install 'sitegen[search]'``; the test extra has it).
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from sitegen.build import BuildOptions, build
from sitegen.write import search
from sitegen.write.search_records import Record, records
from tests.support import FIXED_NOW, MakeSite, article, build_site, formatted, photo, tree

needs_pagefind = pytest.mark.skipif(
    search.find_binary() is None, reason="Pagefind is not installed: pip install 'sitegen[search]'"
)

FILES = {
    "content/2024/sasando.md": article(
        "Festival sasando di Kupang dijaga personel Polresta.\n\nPenonton tertib sampai acara usai.",
        title="Pengamanan Festival Sasando",
        date="2024-05-01 09:00",
        tags="[Kamtibmas]",
    ),
    "content/2024/tenun.md": article(
        "Bhabinkamtibmas membantu penenun ikat di Desa Oelolok.",
        title="Bhabinkamtibmas Dukung Penenun Ikat",
        date="2024-05-02 09:00",
        tags="[Kamtibmas]",
    ),
    "content/2024/draf.md": article(
        "Penyelidikan zamrudbiru belum boleh terbit.", title="Draf Zamrudbiru", date="2024-04-01 09:00", draft="true"
    ),
    "content/2099/nanti.md": article(
        "Operasi kelabangungu dijadwalkan terbit nanti.", title="Operasi Kelabangungu", date="2099-01-01 08:00"
    ),
}
PUBLISHED = ["/2024/05/sasando/", "/2024/05/tenun/"]
HELD_WORDS = [b"zamrudbiru", b"kelabangungu"]  # only in the draft and the scheduled article


def fragments(output: Path) -> list[dict[str, Any]]:
    """Every page Pagefind indexed: its URL, text and metadata."""
    found = []
    for path in sorted((output / search.INDEX_DIR).glob("**/fragment/*.pf_fragment")):  # of every shard
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return sorted(found, key=lambda fragment: str(fragment["url"]))


def index_bytes(output: Path) -> bytes:
    """All of the index, unzipped where Pagefind zipped it: no held word may be anywhere in it."""
    parts = []
    for path in sorted((output / search.INDEX_DIR).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            parts.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(parts)


def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Count Pagefind's runs (each appends the URLs of the records it was given), and still run it."""
    runs: list[list[str]] = []
    real = search._run

    def counted(binary: Path, found: Iterable[Record], language: str, folder: Path) -> dict[str, bytes] | str:
        given = list(found)
        runs.append([record.url for record in given])
        return real(binary, given, language, folder)

    monkeypatch.setattr(search, "_run", counted)
    return runs


def fake_pagefind(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = folder / "pagefind"
    binary.write_text("#!/bin/sh\n" + script + "\n")
    binary.chmod(0o755)
    monkeypatch.setattr(search, "find_binary", lambda: binary)


@needs_pagefind
def test_the_index_holds_the_published_articles_and_nothing_held_back(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES))

    assert result.notes[-1:] != [search.SKIPPED]
    indexed = fragments(result.output)
    assert [fragment["url"] for fragment in indexed] == PUBLISHED
    sasando = indexed[0]
    assert sasando["meta"]["title"] == "Pengamanan Festival Sasando"
    assert "Festival sasando di Kupang dijaga personel Polresta." in sasando["content"]
    everything = index_bytes(result.output)
    assert b"sasando" in everything and b"oelolok" in everything  # the word index, lower-cased
    for word in HELD_WORDS:
        assert word not in everything.lower()
    entry = json.loads((result.output / search.INDEX_DIR / "pagefind-entry.json").read_bytes())
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["page_count"] == 2


@needs_pagefind
def test_a_preview_with_drafts_and_future_articles_still_keeps_them_out_of_the_index(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES), drafts=True, future=True)

    assert (result.output / "2024/04/draf/index.html").is_file()  # the preview shows them
    assert (result.output / "2099/01/nanti/index.html").is_file()
    assert [fragment["url"] for fragment in fragments(result.output)] == PUBLISHED
    for word in HELD_WORDS:
        assert word not in index_bytes(result.output).lower()


@needs_pagefind
def test_only_the_article_itself_is_indexed_not_the_navigation_or_the_share_links(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES))

    for fragment in fragments(result.output):
        text = fragment["content"]
        for chrome in ("Langsung ke isi", "Beranda", "Peta Situs", "WhatsApp", "Bagikan", "Berita Terkait"):
            assert chrome not in text, (fragment["url"], chrome)
    # no list page, index page or 404 page: only articles carry data-pagefind-body
    assert (result.output / "index.html").read_text().count("data-pagefind-body") == 0


def test_the_search_page_alone_loads_pagefind_and_every_page_links_to_it(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES))

    page = (result.output / "cari/index.html").read_text()
    assert "<h1" in page and "Cari berita" in page
    # a visible label on a search box of the page's own, which works as ?q= without script too
    assert '<label for="q">Kata kunci</label>' in page and '<input type="search" id="q" name="q"' in page
    assert '<form class="search-form" role="search" action="/cari/" method="get">' in page
    assert '"/pagefind/"' in page and '"pagefind.js"' in page and "pagefind-ui" not in page
    assert 'href="/cari/" aria-current="page">Cari</a>' in page
    for other in ("index.html", "2024/05/sasando/index.html", "tag/kamtibmas/index.html", "404.html"):
        html = (result.output / other).read_text()
        assert "pagefind" not in html.replace("data-pagefind-body", "").replace("data-pagefind-ignore", ""), other
        assert 'href="/cari/">Cari</a>' in html, other
    assert "/cari/" not in (result.output / "sitemap.xml").read_text()  # a search box is no page to find


def test_under_a_base_path_the_search_page_loads_the_bundle_from_it(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES), base_url="https://x.github.io/portal/")
    page = (result.output / "cari/index.html").read_text()
    assert '"/portal/pagefind/"' in page and 'href="/portal/cari/"' in page
    assert 'const root = "/portal/";' in page  # Pagefind's baseUrl: results link below /portal/


@needs_pagefind
def test_the_index_is_made_again_exactly_when_an_indexed_page_changes(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files=FILES)
    runs = pagefind_runs(monkeypatch)

    def rebuild() -> dict[str, bytes]:
        build(site, BuildOptions(now=FIXED_NOW))
        return tree(site / "public")

    def clean() -> dict[str, bytes]:
        copy = tmp_path / f"clean-{len(runs)}"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
        build(copy, BuildOptions(now=FIXED_NOW, use_cache=False))
        return tree(copy / "public")

    rebuild()
    assert len(runs) == 1
    inodes = {p: p.stat().st_ino for p in (site / "public/pagefind").rglob("*") if p.is_file()}
    warm = build(site, BuildOptions(now=FIXED_NOW))
    assert (len(runs), warm.files_written) == (1, 0)

    # a held article changes no page: nothing is made again
    (site / "content/2024/draf2.md").write_text(article("Draf kedua.", draft="true"))
    assert (build(site, BuildOptions(now=FIXED_NOW)).files_written, len(runs)) == (0, 1)

    # a layout no article page uses: the index is kept without running Pagefind
    home = site / "layouts/home.html"
    home.write_text(home.read_text().replace("Berita Terbaru", "Kabar Terbaru"))
    assert rebuild() == clean()
    assert len(runs) == 2  # the clean build's run only

    # a layout edit article pages use changes their keys, not their records: the index is
    # kept without running Pagefind, every file of it the same inode
    base = site / "layouts/base.html"
    base.write_text(base.read_text().replace("Langsung ke isi", "Lompat ke isi"))
    assert rebuild() == clean()
    assert len(runs) == 3  # the clean build's run only
    assert {p: p.stat().st_ino for p in (site / "public/pagefind").rglob("*") if p.is_file()} == inodes

    # an edited article, a new one, a deleted one: the shards that hold them made again, the
    # same bytes as a clean build's (a new oldest year is the primary shard, so both are made)
    sasando = site / "content/2024/sasando.md"
    for change, made in (
        (lambda: sasando.write_text(sasando.read_text().replace("tertib", "tertib dan gembira")), [PUBLISHED]),
        (
            lambda: (site / "content/2024/baru.md").write_text(article("Patroli malam di Labuan Bajo.", title="Baru")),
            [["/2023/12/baru/"], PUBLISHED],
        ),
        (lambda: (site / "content/2024/tenun.md").unlink(), [["/2024/05/sasando/"]]),
    ):
        before = len(runs)
        change()
        incremental = rebuild()
        assert sorted(runs[before:]) == made
        assert incremental == clean()
    assert "gembira" in json.dumps(fragments(site / "public"))
    assert [f["url"] for f in fragments(site / "public")] == ["/2023/12/baru/", "/2024/05/sasando/"]


@needs_pagefind
def test_a_made_again_index_keeps_the_files_whose_bytes_did_not_change(make_site: MakeSite) -> None:
    site = make_site(files=FILES)
    build_site(site)
    script = site / "public/pagefind/pagefind-ui.js"
    inode = script.stat().st_ino
    sasando = site / "content/2024/sasando.md"
    sasando.write_text(sasando.read_text().replace("tertib", "tertib dan gembira"))
    result = build_site(site)
    assert script.stat().st_ino == inode  # Pagefind wrote it again, with the same bytes: kept
    assert 1 < result.files_written < 10  # the article, its fragment, the word index and its entry files


@needs_pagefind
def test_installing_pagefind_later_adds_the_index_at_the_next_build(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files=FILES)
    real = search.find_binary
    monkeypatch.setattr(search, "find_binary", lambda: None)
    assert build_site(site).notes[-1] == search.SKIPPED
    monkeypatch.setattr(search, "find_binary", real)

    result = build_site(site)  # no input changed, but Pagefind is there now

    assert search.SKIPPED not in result.notes and (result.output / "pagefind/pagefind-entry.json").is_file()
    copy = tmp_path / "clean"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
    assert tree(result.output) == tree(build(copy, BuildOptions(now=FIXED_NOW, use_cache=False)).output)


def test_without_pagefind_the_build_says_so_and_writes_no_index(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files=FILES)
    build_site(site)  # with the index, when Pagefind is installed
    monkeypatch.setattr(search, "find_binary", lambda: None)

    result = build_site(site)

    assert str(result.notes[-1]) == "search index skipped: install sitegen[search] to build it"
    assert not (result.output / "pagefind").exists()
    assert (result.output / "cari/index.html").is_file()  # it says "Pencarian belum tersedia" when opened
    assert not result.report.items


def test_the_cli_prints_the_note(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch, run_cli: Any) -> None:
    monkeypatch.setattr(search, "find_binary", lambda: None)
    result = run_cli("build", str(make_site(files={"content/a.md": article()})))
    assert result.exit_code == 0
    assert "search index skipped: install sitegen[search]" in result.stderr


def test_a_failing_pagefind_is_a_warning_and_the_site_is_published_without_an_index(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_pagefind(tmp_path, "echo 'Error: disk penuh' >&2\nexit 3", monkeypatch)
    site = make_site(files=FILES)

    result = build_site(site)

    assert formatted(result.report) == [
        "pagefind: warning: search index not built: Pagefind failed with status 3: disk penuh; "
        "the site is published without it"
    ]
    assert (result.output / "index.html").is_file()
    assert not (result.output / "pagefind").exists()
    assert build_site(site).files_written == 0  # nothing changed: nothing is tried again
    (site / "content/2024/baru.md").write_text(article("Patroli malam.", title="Baru"))
    again = build_site(site)  # the next change tries again
    assert formatted(again.report) == formatted(result.report)


def test_a_pagefind_that_hangs_is_stopped(make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pagefind(tmp_path, "exec sleep 30", monkeypatch)
    monkeypatch.setattr(search, "TIMEOUT", 0.5)

    result = build_site(make_site(files=FILES))

    assert formatted(result.report) == [
        "pagefind: warning: search index not built: Pagefind ran longer than 0.5 s; the site is published without it"
    ]


def test_pagefind_is_given_the_published_articles_only_and_no_page_is_read_again(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = pagefind_runs(monkeypatch)
    opened: list[str] = []
    real_open = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        opened.append(path.as_posix())
        return real_open(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = build_site(make_site(files=FILES), drafts=True, future=True)

    assert runs == ([PUBLISHED] if search.find_binary() is not None else [])
    pages = {page.output_file: page for page in result.site.pages}
    assert [record.url for record in records(result.site, pages)] == PUBLISHED
    assert not [name for name in opened if name.endswith(".html") and "/layouts/" not in name]
    assert not any(".sitegen-search" in name for name in tree(result.output))


def test_a_site_with_no_published_article_has_no_index(make_site: MakeSite) -> None:
    result = build_site(make_site(files={"content/draf.md": article(draft="true")}))
    assert search.EMPTY in result.notes or search.SKIPPED in result.notes
    assert not (result.output / "pagefind").exists()


def test_a_theme_without_a_search_layout_builds_without_the_search_page(make_site: MakeSite) -> None:
    site = make_site(files=FILES)
    (site / "layouts/search.html").unlink()
    result = build_site(site)
    assert not (result.output / "cari").exists()
    assert all(page.path != "/cari/" for page in result.site.pages)


@needs_pagefind
def test_no_search_leaves_the_index_out_and_says_so(make_site: MakeSite) -> None:
    site = make_site(files={"content/a.md": article("Patroli malam di Kupang.")})
    with_index = build(site, BuildOptions(now=FIXED_NOW))
    assert (with_index.output / "pagefind").is_dir()
    without = build(site, BuildOptions(now=FIXED_NOW, search=False))
    assert search.OFF in without.notes
    assert not (without.output / "pagefind").exists()  # the files of the last index are removed too
    again = build(site, BuildOptions(now=FIXED_NOW))
    assert (again.output / "pagefind").is_dir() and again.files_written > 0


STORY_FILES = {
    "content/2024/sasando.md": article(
        "Festival sasando di Kupang dijaga personel Polresta.\n\nPenonton tertib sampai acara usai.",
        title="Pengamanan Festival Sasando",
        date="2024-05-01 09:00",
        tags="[Kamtibmas, Budaya]",
        dateline="Kupang",
        location="Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang",
        image="\n  src: sasando.jpg\n  alt: Pemain sasando di panggung\n  caption: Keterangan foto panggung utama.",
    ),
    "content/2024/sasando.jpg": photo(),
    "content/2023/tenun.md": article(
        "Penenun ikat di Desa Oelolok dibantu. ___PAGEFIND_WEIGHT___0 Kata setelah penanda tetap terindeks.",
        title="Bhabinkamtibmas Dukung Penenun Ikat",
        date="2023-05-02 09:00",
        tags="[Polri]",
        location="Desa Oelolok, Kecamatan Insana, Kabupaten Timor Tengah Utara",
    ),
}


@needs_pagefind
def test_a_record_is_the_story_its_title_and_terms_with_filters_meta_and_a_date_to_sort_by(
    make_site: MakeSite,
) -> None:
    result = build_site(make_site(files=STORY_FILES))

    sasando, tenun = sorted(fragments(result.output), key=lambda f: f["url"], reverse=True)
    assert sasando["url"] == "/2024/05/sasando/"
    text = sasando["content"]
    assert text.startswith("Pengamanan Festival Sasando. Festival sasando di Kupang dijaga personel Polresta.")
    # the page's header is not the story: no dateline, no date, no caption, no kicker, no site name
    for header in ("KUPANG", "Warta Uji NTT", "Mei 2024", "Keterangan foto", "Editor", "Sefnat"):
        assert header not in text, header
    assert text.endswith("Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang. Kamtibmas, Budaya.")
    assert sasando["filters"] == {"lokasi": ["Kota Kupang"], "tahun": ["2024"], "topik": ["Kamtibmas", "Budaya"]}
    meta = sasando["meta"]
    assert (meta["title"], meta["date"], meta["image_alt"]) == (
        "Pengamanan Festival Sasando",
        "1 Mei 2024",
        "Pemain sasando di panggung",
    )
    assert meta["image"].startswith("/img/") and meta["image"].endswith(".jpg")
    assert (result.output / meta["image"].lstrip("/")).is_file()
    assert tenun["filters"]["lokasi"] == ["Kabupaten Timor Tengah Utara"]
    # an article cannot give Pagefind one of its internal markers: the words stay words
    assert "Kata setelah penanda tetap terindeks" in tenun["content"]
    assert "PAGEFIND_WEIGHT" in tenun["content"].replace("\u200b", "")
    everything = index_bytes(result.output)
    for name in (b"lokasi", b"topik", b"tahun", b"tanggal"):
        assert name in everything


@needs_pagefind
def test_the_same_records_give_the_same_index_bytes_whatever_order_pagefind_chose(
    make_site: MakeSite, tmp_path: Path
) -> None:
    files = dict(STORY_FILES)
    for n in range(12):  # enough filter values that a random order shows
        files[f"content/2022/b{n}.md"] = article(
            f"Berita {n} tentang patroli.",
            title=f"Berita {n}",
            date=f"202{n % 4}-0{1 + n % 9}-1{n % 10} 08:00",
            tags=f"[Topik {n % 5}, Topik {n % 7}]",
            location=f"Desa D{n}, Kecamatan K{n % 3}, Kabupaten B{n % 6}",
        )
    site = make_site(files=files)
    indexes = []
    for n in range(3):
        copy = tmp_path / f"copy-{n}"
        shutil.copytree(site, copy)
        output = build(copy, BuildOptions(now=FIXED_NOW, use_cache=False)).output
        indexes.append({k: v for k, v in tree(output).items() if k.startswith("pagefind/")})
    assert indexes[0] == indexes[1] == indexes[2]
    assert len([k for k in indexes[0] if k.startswith("pagefind/filter/")]) == 3
