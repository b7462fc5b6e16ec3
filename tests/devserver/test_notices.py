"""The preview's notices (sitegen/devserver/notices.py) in the site's language: English for an
English site, today's Indonesian for an Indonesian one (or one that names no language)."""

from __future__ import annotations

import pytest

from sitegen.devserver import notices
from sitegen.i18n import translator

ERRORS = ["layouts/base.html:7: error: unexpected '}'", "content/<x>.md: error: no title"]


def test_an_english_sites_overlay_is_english() -> None:
    overlay = notices.error_overlay(ERRORS, translator("en")).decode()
    assert "<h2>The last build failed: 2 errors</h2>" in overlay
    assert "File <code>layouts/base.html</code>, line 7" in overlay
    assert "File <code>content/&lt;x&gt;.md</code><p" in overlay  # the file name is escaped
    assert "Fix that file and save it" in overlay and ">Hide for now</button>" in overlay
    assert "Pembangunan" not in overlay and "Berkas" not in overlay and "baris" not in overlay
    one = notices.error_overlay(ERRORS[:1], translator("en")).decode()
    assert "The last build failed: 1 error</h2>" in one


def test_an_indonesian_sites_overlay_is_unchanged() -> None:
    for overlay in (notices.error_overlay(ERRORS, translator("id")), notices.error_overlay(ERRORS)):
        text = overlay.decode()
        assert "<h2>Pembangunan terakhir gagal: 2 kesalahan</h2>" in text
        assert "Berkas <code>layouts/base.html</code>, baris 7" in text
        assert "Perbaiki berkas itu lalu simpan: halaman ini dimuat ulang sendiri." in text
        assert ">Tutup sementara</button>" in text and "File" not in text


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("en", "<title>Build failed – sitegen preview</title>", '<html lang="en">'),
        ("id", "<title>Pembangunan gagal – pratinjau sitegen</title>", '<html lang="id">'),
    ],
)
def test_the_page_under_a_first_failed_build_is_in_the_sites_language(language: str, title: str, heading: str) -> None:
    page = notices.empty_page(translator(language)).decode()
    assert title in page and heading in page


def test_an_english_sites_held_pages_are_english() -> None:
    en = translator("en")
    draft = notices.held_page(notices.HeldArticle("<Rapat> di Polres", "draft"), en).decode()
    assert "<h1>This story is not published yet: draft</h1>" in draft
    assert "<title>This story is not published yet: draft – sitegen preview</title>" in draft
    assert "<strong>&lt;Rapat&gt; di Polres</strong>" in draft  # the title is escaped
    assert "Remove the line <code>draft: true</code>" in draft and "<code>sitegen serve --drafts</code>" in draft
    assert "This page exists only in the preview" in draft and '<html lang="en">' in draft
    due = "Kamis, 1 Januari 2099 08.00 WITA"
    future = notices.held_page(notices.HeldArticle("Belu", "future", due), en).decode()
    assert f"<h1>This story is not published yet: scheduled for {due}</h1>" in future
    assert "<code>sitegen serve --future</code> to see it in the preview now" in future
    assert "belum" not in draft + future and "Berita" not in draft + future


def test_an_indonesian_sites_held_pages_are_unchanged() -> None:
    draft = notices.held_page(notices.HeldArticle("Rapat", "draft")).decode()
    assert "<h1>Berita ini belum terbit: draf</h1>" in draft
    assert "<title>Berita ini belum terbit: draf – pratinjau sitegen</title>" in draft
    assert "Hapus baris <code>draft: true</code> dari kepala berita untuk menerbitkannya" in draft
    assert "Halaman ini hanya ada di pratinjau; halaman ini dimuat ulang sendiri" in draft
    future = notices.held_page(notices.HeldArticle("Belu", "future", "Kamis"), translator("id")).decode()
    assert "<h1>Berita ini belum terbit: dijadwalkan terbit Kamis</h1>" in future
    assert "Berita ini terbit sendiri pada pembangunan otomatis pertama" in future


def test_the_todo_banner_and_the_search_notice_follow_the_sites_language() -> None:
    en, id_ = translator("en"), translator("id")
    assert "This story still has TODO fields: the marked ones have not been replaced yet." in (
        notices.todo_marks(en).decode()
    )
    assert f"{notices.TODO_BANNER}: isian yang ditandai belum diganti." in notices.todo_marks(id_).decode()
    assert notices.TODO_BANNER not in notices.todo_marks(en).decode()
    assert "<strong>Search is not available in this preview.</strong>" in notices.search_notice(en).decode()
    assert f"<strong>{notices.SEARCH_OFF}.</strong>" in notices.search_notice(id_).decode()
    assert notices.SEARCH_OFF not in notices.search_notice(en).decode()
