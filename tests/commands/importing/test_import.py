"""``sitegen import``: each test export into a scratch site, which then builds."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sitegen.commands.importing.pipeline import run_import
from tests.conftest import RunCli
from tests.support import MakeSite, article, build_site, photo

EXPORTS = Path(__file__).parent / "exports"

NTT = "Provinsi Nusa Tenggara Timur"


@pytest.fixture
def site(make_site: MakeSite) -> Path:
    """A site that knows a few places: from its articles and one alias."""
    return make_site(
        {"location_aliases": {"Kab. TTS": "Kabupaten Timor Tengah Selatan"}},
        {
            "content/2023/falas.md": article(title="Bakti di Falas"),
            "content/2023/oebobo.md": article(
                title="Operasi di Oebobo", location="Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang"
            ),
            "content/2023/noelbaki.md": article(
                title="Air di Noelbaki", location="Desa Noelbaki, Kecamatan Kupang Tengah, Kabupaten Kupang"
            ),
        },
    )


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def expected(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


def builds(site: Path) -> None:
    """The site builds without a warning, its articles' aliases included."""
    result = build_site(site, search=False, use_cache=False)
    assert result.report.items == []


def test_wordpress_3(site: Path) -> None:
    outcome = run_import("wordpress", site, EXPORTS / "wordpress-3.xml", location=NTT)
    assert outcome.counts() == {
        "imported": 3,
        "drafts": 0,
        "already there": 0,
        "failed": 0,
        "skipped": {"attachment": 1, "comment": 3, "nav_menu_item": 1, "page": 1},
        "drafts left out": 1,
        "default location": 1,
        "photos": 0,
        "missing photos": 1,
        "warnings": 1,
        "errors": 0,
    }
    assert [d.format() for d in outcome.summary.report.sorted()] == [
        f"{EXPORTS / 'wordpress-3.xml'}:133: warning: shortcode [contact-form-7] is kept as text: replace it by hand"
    ]
    assert text(site / "content/2013/jumat-curhat-oebobo.md") == expected(
        """
        ---
        title: Polisi & Warga Gelar “Jumat Curhat” di Oebobo
        date: 2013-05-12 10:30:00+08:00
        editor: Sefnat Besie
        location: Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang
        tags: [Kamtibmas, Polri]
        slug: jumat-curhat-oebobo
        aliases: [/2013/05/jumat-curhat-oebobo/, '/?p=12']
        ---
        KUPANG, Warta – Kapolsek bersama warga Kelurahan Oebobo menggelar “Jumat Curhat” & dialog. Harga 5 \\* 3 = 15\\_000 \\[bukan tautan\\].

        ![Warga berdialog dengan Kapolsek](http://wartalama.id/wp-content/uploads/2013/05/curhat-300x200.jpg)

        *Warga menyampaikan keluhan*

        Baris pertama<br>
        baris kedua dengan **tebal** dan [tautan](http://wartalama.id/tentang/ "Tentang kami").

        <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="YouTube" width="560" height="315" allowfullscreen loading="lazy"></iframe>

        - Satu
        - Dua
        """  # noqa: E501
    )
    assert text(site / "content/2013/patroli-malam.md") == expected(
        """
        ---
        title: Patroli Malam di Kab. TTS
        date: 2013-06-01 08:00:00+08:00
        editor: Yohanes Kolo
        location: Kabupaten Timor Tengah Selatan
        tags: [Kamtibmas]
        summary: Patroli & sambang malam.
        slug: patroli-malam
        aliases: [/2013/06/patroli-malam/, '/?p=20']
        ---
        Kab. TTS – Polres menggelar patroli malam.

        Warga merasa aman.
        """
    )
    assert "location: Provinsi Nusa Tenggara Timur\n" in text(site / "content/2013/sosialisasi-di-sekolah.md")
    builds(site)


def test_wordpress_3_untitled_draft_is_an_error_only_when_drafts_are_imported(site: Path) -> None:
    outcome = run_import("wordpress", site, EXPORTS / "wordpress-3.xml", location=NTT, drafts=True)
    assert (outcome.counts()["imported"], outcome.counts()["failed"], outcome.counts()["drafts left out"]) == (3, 1, 0)
    assert [d.format() for d in outcome.summary.report.errors] == [
        f"{EXPORTS / 'wordpress-3.xml'}:142: error: the post has no title: nothing written for it"
    ]


def test_wordpress_6_with_uploads_featured_image_and_drafts(site: Path, tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    for name in ("2023/11/apel.jpg", "2023/11/sampul.jpg", "2023/12/pos.jpg"):
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        (uploads / name).write_bytes(photo(64, 48))
    outcome = run_import("wordpress", site, EXPORTS / "wordpress-6.xml", uploads=uploads, drafts=True)
    assert outcome.counts() == {
        "imported": 3,
        "drafts": 1,
        "already there": 0,
        "failed": 0,
        "skipped": {"attachment": 3, "wp_block": 1},
        "drafts left out": 0,
        "default location": 0,
        "photos": 3,
        "missing photos": 1,
        "warnings": 1,
        "errors": 0,
    }
    assert outcome.summary.missing_photos == ["https://warta.example/wp-content/uploads/2023/12/hilang.jpg"]
    assert text(site / "content/2023/kapolres-tts-pimpin-apel.md") == expected(
        """
        ---
        title: Kapolres TTS Pimpin Apel Kesiapsiagaan
        date: 2023-11-20 08:15:00+08:00
        editor: Humas Polres TTS
        location: Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan
        tags: [Kamtibmas, Apel]
        summary: Apel kesiapsiagaan & pengamanan akhir tahun.
        slug: kapolres-tts-pimpin-apel
        updated: 2023-11-21 09:00:00+08:00
        image:
          src: kapolres-tts-pimpin-apel/sampul.jpg
          alt: Kapolres menyapa peserta apel
          caption: Apel di Mapolres TTS
        aliases: [/2023/11/kapolres-tts-pimpin-apel/, '/?p=101']
        ---
        SoE – Kapolres memimpin apel di Desa Falas bersama 120 personel.

        ![Barisan personel apel](kapolres-tts-pimpin-apel/apel.jpg)

        *Apel pagi di halaman Mapolres*

        ## Pesan Kapolres

        > “Jaga kamtibmas & persatuan.”

        1. Siaga
            - pos jaga
        2. Patroli

        <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="YouTube" width="560" height="315" allowfullscreen loading="lazy"></iframe>
        """  # noqa: E501
    )
    assert (site / "content/2023/kapolres-tts-pimpin-apel/apel.jpg").read_bytes() == (
        uploads / "2023/11/apel.jpg"
    ).read_bytes()
    ende = text(site / "content/2023/kapolda-di-énde.md")
    assert "slug: kapolda-di-énde\n" in ende and "![Pos pengamanan](kapolda-di-énde/pos.jpg)" in ende
    assert "draft: true\n" in text(site / "content/2023/rencana-operasi-lilin.md")
    builds(site)


def test_blogger_atom(site: Path) -> None:
    outcome = run_import("blogger", site, EXPORTS / "blogger-atom.xml")
    assert outcome.counts() == {
        "imported": 1,
        "drafts": 0,
        "already there": 0,
        "failed": 0,
        "skipped": {"comment": 1, "settings": 1, "template": 1},
        "drafts left out": 1,
        "default location": 0,
        "photos": 0,
        "missing photos": 0,
        "warnings": 0,
        "errors": 0,
    }
    assert text(site / "content/2019/berita-lama.md") == expected(
        """
        ---
        title: Berita Lama dari Blog
        date: 2019-05-12 10:30:00+08:00
        editor: Yohanes Kolo
        location: Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang
        tags: [Polri, Lalu Lintas]
        slug: berita-lama
        updated: 2019-05-13 09:00:00+08:00
        aliases: [/2019/05/berita-lama.html]
        ---
        KUPANG – Satlantas menertibkan parkir di Kelurahan Oebobo.

        Warga diminta **tertib** & sabar.

        [![Parkir tertib](https://blogger.googleusercontent.com/img/b/abc/s320/parkir.jpg)](https://blogger.googleusercontent.com/img/b/abc/s1600/parkir.jpg)
        """
    )
    builds(site)


def test_blogger_takeout(site: Path) -> None:
    outcome = run_import("blogger", site, EXPORTS / "blogger-takeout.atom", drafts=True)
    assert outcome.counts() == {
        "imported": 2,
        "drafts": 1,
        "already there": 0,
        "failed": 0,
        "skipped": {"comment": 1, "page": 1, "post (soft_trashed)": 1},
        "drafts left out": 0,
        "default location": 0,
        "photos": 0,
        "missing photos": 0,
        "warnings": 0,
        "errors": 0,
    }
    assert text(site / "content/2021/operasi-keselamatan.md") == expected(
        """
        ---
        title: Operasi Keselamatan di Kie
        date: 2021-03-04 09:00:00+08:00
        editor: Sefnat Besie
        location: Kecamatan Kie, Kabupaten Timor Tengah Selatan
        tags: [Lalu Lintas]
        slug: operasi-keselamatan
        updated: 2021-03-05 09:00:00+08:00
        aliases: [/2021/03/operasi-keselamatan.html]
        ---
        Polres menggelar operasi keselamatan di Kecamatan Kie.

        Pengendara diimbau memakai helm.
        """
    )
    assert "draft: true\n" in text(site / "content/2021/draf-takeout.md")
    builds(site)


def test_broken_export(site: Path, run_cli: RunCli) -> None:
    export = EXPORTS / "broken.xml"
    result = run_cli("import", "wordpress", str(export), str(site))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{export}: warning: removed 3 characters that XML 1.0 forbids (control characters)",
        f"{export}: warning: the prefix 'excerpt:' was not declared: read as http://wordpress.org/export/1.2/excerpt/",
        f"{export}:23: error: the post has no title: nothing written for it",
        f"{export}:36: error: the slug 'berita-satu' of 'Berita Satu Lagi' is taken in 2020 by 'Berita Satu' "
        "(line 10): nothing written for this post; give one of them another slug",
        f"{export}:62: error: no known place in the dateline or first paragraph: give the place with --location "
        "(nothing written for this post)",
        f"{export}:81: error: the export ends in the middle (unclosed token): is the file truncated? "
        "What came before it was imported",
        "Error: import finished with 4 errors: the rest was imported",
    ]
    assert result.stdout.splitlines() == [
        "imported 2 articles",
        "photos copied: 0; missing (kept at their old address): 0",
        "not imported: 3 (see the errors above)",
        "warnings: 2, errors: 4",
    ]
    assert sorted(p.name for p in (site / "content/2020").iterdir()) == ["berita-dua.md", "berita-satu.md"]
    assert "title: Berita Satu\n" in text(site / "content/2020/berita-satu.md")
    assert "Polisi menjaga Kelurahan Oebobo dengan tertib.\n" in text(site / "content/2020/berita-satu.md")
    builds(site)


def test_running_again_leaves_articles_alone_unless_forced(site: Path) -> None:
    export = EXPORTS / "wordpress-3.xml"
    run_import("wordpress", site, export, location=NTT)
    article_file = site / "content/2013/patroli-malam.md"
    article_file.write_text(text(article_file).replace("Warga merasa aman.", "Disunting."), encoding="utf-8")
    again = run_import("wordpress", site, export, location=NTT)
    assert (again.counts()["imported"], again.counts()["already there"]) == (0, 3)
    assert "Disunting." in text(article_file)
    forced = run_import("wordpress", site, export, location=NTT, force=True)
    assert (forced.counts()["imported"], forced.counts()["already there"]) == (3, 0)
    assert "Warga merasa aman." in text(article_file)


def test_the_command_line(site: Path, run_cli: RunCli) -> None:
    result = run_cli("import", "wordpress", str(EXPORTS / "wordpress-3.xml"), str(site), "--location", NTT)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "imported 3 articles",
        "skipped by kind: attachment: 1, comment: 3, nav_menu_item: 1, page: 1",
        "drafts left out: 1 (--drafts imports them as drafts)",
        "given the --location place (none found in the story): 1",
        "photos copied: 0; missing (kept at their old address): 1",
        "  missing: http://wartalama.id/wp-content/uploads/2013/05/curhat-300x200.jpg",
        "warnings: 1, errors: 0",
    ]
