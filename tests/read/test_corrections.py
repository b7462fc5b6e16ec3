"""``corrections:``: each item read into a Correction, oldest first, or an error at its own line."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sitegen.config import SiteConfig
from sitegen.read import markup
from sitegen.read.articles import ReadResult, read_article
from sitegen.read.corrections import Correction, _inline_cleaner, inline_html, shown
from tests.support import formatted

WITA = ZoneInfo("Asia/Makassar")
CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/")
SOURCE = "content/2024/berita.md"


def read(corrections: str) -> ReadResult:
    text = (
        "---\ntitle: Judul\ndate: 2024-05-01 10:00\neditor: Sefnat Besie\nlocation: Desa Falas, Kecamatan Kie\n"
        f"{corrections}---\nIsi berita.\n"
    )
    return read_article(SOURCE, text.encode(), CONFIG)


def test_corrections_are_read_oldest_first_numbered_with_inline_markup_kept() -> None:
    result = read(
        "corrections:\n"
        "  - date: 2024-05-03 14:00\n"
        "    text: Nama **Kapolres** adalah AKBP Bagus, bukan AKBP Budi.\n"
        "  - date: 2024-05-02\n"
        "    text: Lokasi [Desa Falas](https://example.test/falas).\n"
    )

    assert result.diagnostics == ()
    assert result.article is not None
    first, second = result.article.corrections
    assert first == Correction(
        dt.datetime(2024, 5, 2, tzinfo=WITA),
        "Lokasi Desa Falas.",
        'Lokasi <a href="https://example.test/falas" rel="noopener">Desa Falas</a>.',
        has_time=False,
        number=1,
    )
    assert (second.date, second.number, second.has_time) == (dt.datetime(2024, 5, 3, 14, tzinfo=WITA), 2, True)
    assert second.html == "Nama <strong>Kapolres</strong> adalah AKBP Bagus, bukan AKBP Budi."
    assert second.text == "Nama Kapolres adalah AKBP Bagus, bukan AKBP Budi."


def test_a_correction_keeps_inline_markup_only_and_nothing_unsafe() -> None:
    result = read(
        "corrections:\n"
        "  - date: 2024-05-02 08:00\n"
        '    text: "# Judul <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"\n'
    )

    assert result.article is not None
    (correction,) = result.article.corrections
    assert "<script" not in correction.html and "<img" not in correction.html and "<h" not in correction.html
    assert "javascript:" not in correction.html and "onerror" not in correction.html
    assert correction.text == "Judul x"


def test_each_problem_is_reported_at_the_line_of_its_correction() -> None:
    result = read(
        "corrections:\n"
        "  - date: 2024-05-02 08:00\n"
        "    text: benar\n"
        "  - text: tanpa tanggal\n"
        "  - date: 2024-05-02 09:00\n"
        "  - date: '2024-02-30'\n"
        "    text: tanggal mustahil\n"
        "  - date: 2024-04-30 23:00\n"
        "    text: sebelum berita\n"
        "  - date: 2024-05-02 10:00\n"
        "    txt: salah kunci\n"
        "  - hanya teks\n"
    )

    assert result.article is None
    assert formatted(result.diagnostics) == [
        f"{SOURCE}:9: error: correction 2 needs a 'date': when it was made (YYYY-MM-DD HH:MM)",
        f"{SOURCE}:10: error: correction 3 needs a 'text': what was wrong and what is right",
        f"{SOURCE}:11: error: correction 4: 'date': '2024-02-30' is an impossible date (the month has no such day)",
        f"{SOURCE}:13: error: correction 5: its date 2024-04-30 23:00 is before the story's 'date'",
        f"{SOURCE}:15: error: correction 6 needs a 'text': what was wrong and what is right",
        f"{SOURCE}:15: warning: correction 6: unknown key 'txt' — did you mean 'text'?",
        f"{SOURCE}:17: error: correction 7 must have a 'date' and a 'text' (like '- date: 2024-05-03 14:00' with"
        " 'text: …' below it), not 'hanya teks'",
    ]


def test_a_key_written_in_indonesian_gets_its_name() -> None:
    result = read("corrections:\n  - tanggal: 2024-05-02 08:00\n    text: benar\n")

    assert formatted(result.diagnostics) == [
        f"{SOURCE}:7: error: correction 1 needs a 'date': when it was made (YYYY-MM-DD HH:MM)",
        f"{SOURCE}:7: warning: correction 1: unknown key 'tanggal' — did you mean 'date'?",
    ]


def test_a_correction_of_the_story_s_own_day_without_a_time_is_not_before_it() -> None:
    result = read("corrections:\n  - date: 2024-05-01\n    text: Pada hari yang sama.\n")

    assert result.diagnostics == ()
    assert result.article is not None and result.article.corrections[0].has_time is False


def test_corrections_that_are_not_a_list_and_an_empty_list() -> None:
    assert formatted(read("corrections: salah\n").diagnostics) == [
        f"{SOURCE}:6: error: 'corrections' must be a list of corrections like '- date: 2024-05-03 14:00'"
        " with 'text: …' below it"
    ]
    empty = read("corrections: []\n")  # what the CMS writes for a list left empty
    assert empty.diagnostics == () and empty.article is not None and empty.article.corrections == ()


def test_a_correction_dated_after_now_is_held_until_its_time() -> None:
    result = read(
        "corrections:\n  - date: 2024-05-02 08:00\n    text: satu\n  - date: 2024-05-09 08:00\n    text: dua\n"
    )
    assert result.article is not None
    corrections = result.article.corrections

    assert shown(corrections, dt.datetime(2024, 5, 5, tzinfo=dt.UTC)) == corrections[:1]
    assert shown(corrections, dt.datetime(2024, 5, 9, tzinfo=dt.UTC)) == corrections


@pytest.mark.parametrize(
    "text",
    [
        "Nama Kapolres adalah AKBP Bagus, bukan AKBP Budi (tertulis 3/12).",
        "1. Lokasi diperbaiki.",
        "- Lokasi diperbaiki.",
        "> kutipan",
        "Judul: *miring* dan __tebal__",
        "a & b < c",
        "Satu\nDua",
        "    kode",
        "[tautan](https://example.test/) ![foto](x.jpg) \\*",
        "2024. Tahun yang benar",
        "# Judul",
        "Kata \"kutip\" dan 'apostrof' — é ~~coret~~ = 5% {x} | a",
        "Polres/TTS (3/12) +62 81\u00a0234",
    ],
)
def test_plain_text_skips_the_converter_with_the_same_html(text: str) -> None:
    assert (
        inline_html(text)
        == _inline_cleaner().clean(str(markup.render(text)).strip().replace("</p>\n<p>", "<br>")).strip()
    )
