"""The content contract: one file in, one Article or exact `path:line: severity: message` lines out."""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build
from sitegen.config import SiteConfig
from sitegen.errors import BuildFailed
from sitegen.read.articles import ReadResult, read_article
from sitegen.read.markup import summarize
from tests.support import FIXED_NOW, article, formatted, write_site

WITA = ZoneInfo("Asia/Makassar")
CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/")
SOURCE = "content/2023/berita.md"

FALAS = """\
---
title: Kapolda NTT Gelar Bakti Kesehatan dan Bantuan Sosial di Desa Falas
date: 2023-12-03 10:30
editor: Sefnat Besie
location: Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan
tags: [Polri, Bakti Sosial, Pemilu 2024]
dateline: SoE
---
Kepala Kepolisian Daerah NTT dan rombongan menggelar *bakti kesehatan* di Desa Falas.

Paragraf kedua.
"""


def read(text: str, source: str = SOURCE, config: SiteConfig = CONFIG) -> ReadResult:
    return read_article(source, textwrap.dedent(text).encode(), config)


def problems(text: str, source: str = SOURCE, **config: Any) -> list[str]:
    site = SiteConfig(**{"title": "T", "base_url": "https://x.test/", **config})
    return formatted(read(text, source, site).diagnostics)


def test_the_falas_example_reads_into_a_complete_article() -> None:
    result = read(FALAS, source="content/2023/kapolda-ntt-bakti-kesehatan-desa-falas.md")

    assert result.diagnostics == ()
    a = result.article
    assert a is not None
    assert a.title == "Kapolda NTT Gelar Bakti Kesehatan dan Bantuan Sosial di Desa Falas"
    assert a.date == dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)
    assert a.date.utcoffset() == dt.timedelta(hours=8)
    assert a.updated is None
    assert a.editor == "Sefnat Besie"
    assert a.location == "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan"
    assert a.places == ("Desa Falas", "Kecamatan Kie", "Kabupaten Timor Tengah Selatan")
    assert a.tags == ("Polri", "Bakti Sosial", "Pemilu 2024")
    assert a.dateline == "SoE"
    assert a.slug == "kapolda-ntt-bakti-kesehatan-desa-falas"
    assert a.path == "/2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/"
    assert a.output_file == "2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/index.html"
    assert a.draft is False
    assert a.summary == "Kepala Kepolisian Daerah NTT dan rombongan menggelar bakti kesehatan di Desa Falas."
    assert a.body_html == (
        "<p>Kepala Kepolisian Daerah NTT dan rombongan menggelar <em>bakti kesehatan</em> di Desa Falas.</p>\n"
        "<p>Paragraf kedua.</p>"
    )
    assert a.body_with_dateline("Warta Uji NTT") == (
        '<p><span class="dateline">SOE, Warta Uji NTT</span> – Kepala Kepolisian Daerah NTT dan rombongan '
        "menggelar <em>bakti kesehatan</em> di Desa Falas.</p>\n<p>Paragraf kedua.</p>"
    )
    assert dict(result.lines) == {"title": 2, "date": 3, "editor": 4, "location": 5, "tags": 6, "dateline": 7}


# --- every problem of the contract, with its exact text and the file's own line --------------------


@pytest.mark.parametrize("key", ["title", "date", "editor", "location"])
def test_missing_required_key(key: str) -> None:
    assert problems(article(**{key: None})) == [f"{SOURCE}:1: error: missing required key '{key}'"]


def test_all_missing_required_keys_are_reported_at_once() -> None:
    assert problems("---\ntags: [Polri]\n---\nIsi.\n") == [
        f"{SOURCE}:1: error: missing required key 'date'",
        f"{SOURCE}:1: error: missing required key 'editor'",
        f"{SOURCE}:1: error: missing required key 'location'",
        f"{SOURCE}:1: error: missing required key 'title'",
    ]


def test_missing_front_matter() -> None:
    assert problems("Kapolda NTT gelar bakti kesehatan.\n") == [
        f"{SOURCE}:1: error: missing front matter: the file must start with a '---' line"
    ]


def test_front_matter_not_closed() -> None:
    assert problems("---\ntitle: A\ndate: 2023-12-03 10:30\n\nIsi berita.\n") == [
        f"{SOURCE}:1: error: front matter is not closed: add a '---' line after it"
    ]


def test_yaml_syntax_error_on_its_file_line() -> None:
    # The commonest editor mistake: a colon in an unquoted title.
    text = """\
        ---
        date: 2023-12-03 10:30
        editor: Sefnat Besie
        location: Desa Falas
        title: Kapolda NTT: Bakti Kesehatan di Desa Falas
        ---
        Isi.
        """
    assert problems(text) == [
        f"{SOURCE}:5: error: the title contains ': ' — put the whole title in quotes: "
        '`title: "Kapolda NTT: Bakti Kesehatan di Desa Falas"`'
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("title: no", "'title' must be text, not false (a yes/no value: put the text in quotes)"),
        ("title: yes", "'title' must be text, not true (a yes/no value: put the text in quotes)"),
        ("title: 2024", "'title' must be text, not a number (2024)"),
        ("title: [Polri, NTT]", "'title' must be text, not a list (a value in [ ] is a list: put text in quotes)"),
        ("title: ''", "'title' is empty — write the headline"),
        ("title:", "'title' is empty — write the headline"),
        ("editor: {nama: Sefnat}", "'editor' must be text, not a group of 'key: value' lines"),
        ("location: 5", "'location' must be text, not a number (5)"),
        ("tags: 5", "'tags' must be a list like [Polri, Kamtibmas], not a number (5)"),
        ("tags: {Polri: 1}", "'tags' must be a list like [Polri, Kamtibmas], not a group of 'key: value' lines"),
        ("tags: [Polri, 5]", "each tag must be text, not a number (5)"),
        ("tags: [Polri, '?!']", "tag '?!' has no letters or digits to make a URL from"),
        ("dateline: 2024", "'dateline' must be text, not a number (2024)"),
        ("summary: [a]", "'summary' must be text, not a list (a value in [ ] is a list: put text in quotes)"),
        ("draft: ya", "'draft' must be true or false, not 'ya'"),
        ("slug: [a]", "'slug' must be text, not a list (a value in [ ] is a list: put text in quotes)"),
        ("slug: a/b", "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ("slug: kapolda ntt", "'slug' may hold only letters, digits and '-'"),
        ("slug: con", "'slug' 'con' is a name Windows reserves"),
        ("date: 2023-12-03 25:00", "'date': '2023-12-03 25:00' is an impossible date (an hour is 0 to 23)"),
        ("date: 03-12-2023", "'date': '03-12-2023' is not a date (write it as YYYY-MM-DD HH:MM)"),
        ("date: 2023", "'date': 2023 is not a date (write it as YYYY-MM-DD HH:MM)"),
        ("date: 2023-12-03 10:30 +25:00", "'date': '+25:00' is not a time zone offset"),
        ("updated: kemarin", "'updated': 'kemarin' is not a date (write it as YYYY-MM-DD HH:MM)"),
    ],
)
def test_wrong_value_is_an_error_on_its_line(line: str, expected: str) -> None:
    # A required key is replaced where it stands (title on line 2 ... location on line 5);
    # an optional key is written after them, on line 6.
    key = line.split(":")[0]
    lines = ["---", "title: Judul", "date: 2023-12-03 10:30", "editor: Sefnat Besie", "location: Desa Falas"]
    where = {"title": 2, "date": 3, "editor": 4, "location": 5}.get(key, 6)
    if where == 6:
        lines.append(line)
    else:
        lines[where - 1] = line
    text = "\n".join([*lines, "---", "Isi.", ""])
    assert problems(text) == [f"{SOURCE}:{where}: error: {expected}"]


def test_impossible_date_string_is_an_error_on_its_line() -> None:
    text = article(date="'2024-02-30 08:00'")
    assert problems(text) == [
        f"{SOURCE}:3: error: 'date': '2024-02-30 08:00' is an impossible date (the month has no such day)"
    ]


def test_impossible_yaml_date_reads_as_the_readme_shows() -> None:
    # README: `content/2024/banjir.md:3: error: 'date': '2024-02-30' is an impossible date (day is out of range
    # for month)`. An unquoted 2024-02-30 is a YAML date, so PyYAML fails while building the value.
    assert problems(article(date="2024-02-30"), source="content/2024/banjir.md") == [
        "content/2024/banjir.md:3: error: 'date': '2024-02-30' is an impossible date (the month has no such day)"
    ]


def test_impossible_yaml_date_does_not_hide_the_other_problems_of_the_file() -> None:
    # "All problems of a run reported together": the wrong title and the unknown key must be
    # reported along with the date.
    text = "---\ntitle: no\ndate: 2024-02-30\neditor: E\nlocation: L\ntag: [Polri]\n---\nIsi.\n"
    found = formatted(read(text).diagnostics)
    assert f"{SOURCE}:2: error: 'title' must be text, not false (a yes/no value: put the text in quotes)" in found
    assert f"{SOURCE}:6: warning: unknown key 'tag' — did you mean 'tags'?" in found
    assert any(line.startswith(f"{SOURCE}:3: error: 'date': ") for line in found)


def test_every_problem_of_a_file_is_reported_together_in_file_order() -> None:
    text = """\
        ---
        title: no
        date: 2023-13-01 10:30
        editor: Sefnat Besie
        tag: [Polri]
        tags: 5
        draft: mungkin
        ---
        Isi.
        """
    assert problems(text) == [
        f"{SOURCE}:1: error: missing required key 'location'",
        f"{SOURCE}:2: error: 'title' must be text, not false (a yes/no value: put the text in quotes)",
        f"{SOURCE}:3: error: 'date': '2023-13-01 10:30' is an impossible date (a month is 1 to 12)",
        f"{SOURCE}:5: warning: unknown key 'tag' — did you mean 'tags'?",
        f"{SOURCE}:6: error: 'tags' must be a list like [Polri, Kamtibmas], not a number (5)",
        f"{SOURCE}:7: error: 'draft' must be true or false, not 'mungkin'",
    ]


def test_unknown_key_is_a_warning_with_a_suggestion_and_the_article_is_still_read() -> None:
    result = read(article(tag="[Polri]", penulis="Yohanes"))
    assert formatted(result.diagnostics) == [
        f"{SOURCE}:6: warning: unknown key 'tag' — did you mean 'tags'?",
        f"{SOURCE}:7: warning: unknown key 'penulis' — did you mean 'editor'?",
    ]
    assert result.article is not None
    assert result.article.tags == ()


def test_lines_count_from_the_top_of_the_file_even_after_blank_lines_and_comments() -> None:
    text = "---\n# catatan redaksi\ntitle: A\n\ndate: 2023-12-03 10:30\neditor: E\nlocation: L\n\ntags: 5\n---\n"
    assert problems(text) == [f"{SOURCE}:9: error: 'tags' must be a list like [Polri, Kamtibmas], not a number (5)"]


def test_updated_before_date_is_a_warning() -> None:
    result = read(article(updated="2023-12-01 08:00"))
    assert formatted(result.diagnostics) == [f"{SOURCE}:6: warning: 'updated' is earlier than 'date'"]
    assert result.article is not None
    assert result.article.updated == dt.datetime(2023, 12, 1, 8, 0, tzinfo=WITA)


def test_draft_true_is_read_and_kept_on_the_article() -> None:
    result = read(article(draft="true"))
    assert result.diagnostics == ()
    assert result.article is not None
    assert result.article.draft is True


def test_file_that_is_not_utf8() -> None:
    result = read_article(SOURCE, "---\ntitle: Café\n".encode("latin-1"), CONFIG)
    assert formatted(result.diagnostics) == [f"{SOURCE}: error: not UTF-8 text (byte 14): save the file as UTF-8"]
    assert result.article is None


# --- text values ------------------------------------------------------------------------------------


def test_text_values_have_their_whitespace_collapsed() -> None:
    result = read(article(title="'  Kapolda   NTT  '", editor='"Sefnat\\tBesie"'))
    assert result.article is not None
    assert (result.article.title, result.article.editor) == ("Kapolda NTT", "Sefnat Besie")


def test_places_are_the_location_parts_most_specific_first() -> None:
    result = read(article(location="Desa Silawan, , Kecamatan Tasifeto Timur,Kabupaten Belu"))
    assert result.article is not None
    assert result.article.places == ("Desa Silawan", "Kecamatan Tasifeto Timur", "Kabupaten Belu")


SIX_PLACES = "Dusun Oenai, Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan, Provinsi NTT, Indonesia"
TOO_MANY_PLACES = (
    f"{SOURCE}:5: error: 'location' has 7 places; at most 6 (desa, kecamatan, kabupaten, provinsi …) are allowed"
)


def test_a_location_has_at_most_six_places() -> None:
    result = read(article(location=SIX_PLACES + ", , "))  # empty parts are no places
    assert result.article is not None and len(result.article.places) == 6
    assert problems(article(location=SIX_PLACES + ", Asia")) == [TOO_MANY_PLACES]


@pytest.mark.parametrize(
    ("location", "count"),
    [
        (",".join(["a"] * 2_000), 2_000),  # one place over and over
        (",".join(str(n) for n in range(2_000)), 2_000),  # each a place of its own
        (",".join(["!"] * 500), 500),  # each part also has no letters: the count alone is reported
        ("," * 5_000 + "a,b,c,d,e,f,g", 7),
    ],
)
def test_a_location_of_many_places_is_one_error_at_its_line(location: str, count: int) -> None:
    levels = "(desa, kecamatan, kabupaten, provinsi …)"
    message = f"{SOURCE}:5: error: 'location' has {count:,} places; at most 6 {levels} are allowed"
    assert problems(article(location=f'"{location}"')) == [message]


# --- tags ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        ("Polri, Bakti Sosial", ("Polri", "Bakti Sosial")),
        ("Polri", ("Polri",)),
        ("' Polri ,  Bakti   Sosial , '", ("Polri", "Bakti Sosial")),
        ("[Polri, Bakti Sosial]", ("Polri", "Bakti Sosial")),
        ('"Jum\'at Curhat, Polri"', ("Jum'at Curhat", "Polri")),
        ("[Polri, polri, POLRI, Kamtibmas]", ("Polri", "Kamtibmas")),
        ('[Jumat Curhat, "Jum\'at Curhat"]', ("Jumat Curhat",)),
        ("[]", ()),
        ("''", ()),
        ("", ()),  # `tags:` with nothing after it
    ],
)
def test_tags_as_a_list_or_one_comma_separated_text(value: str, tags: tuple[str, ...]) -> None:
    result = read(article(tags=value))
    assert result.diagnostics == ()
    assert result.article is not None
    assert result.article.tags == tags


# --- summary ------------------------------------------------------------------------------------------


def test_summary_key_wins_over_the_body() -> None:
    result = read(article(body="Paragraf pertama.", summary="Ringkasan   dari\n  redaksi."))
    assert result.article is not None
    assert result.article.summary == "Ringkasan dari redaksi."


def test_empty_summary_key_falls_back_to_the_first_paragraph() -> None:
    result = read(article(body="Paragraf pertama.", summary="''"))
    assert result.article is not None
    assert result.article.summary == "Paragraf pertama."


def test_summary_is_the_first_paragraph_as_plain_text_without_the_dateline() -> None:
    body = """\
        ## Kronologi

        Warga **Desa Falas** & [Kecamatan Kie](https://example.test/) menerima bantuan.

        Paragraf kedua.
        """
    result = read(article(body=body, dateline="SoE"))
    assert result.article is not None
    assert result.article.summary == "Warga Desa Falas & Kecamatan Kie menerima bantuan."


def test_long_first_paragraph_is_cut_at_a_word_boundary_near_160_characters() -> None:
    sentence = "Kapolda NTT dan rombongan melaksanakan program Peduli Kasih Polri dengan menggelar bakti kesehatan"
    paragraph = " ".join([sentence] * 4)
    result = read(article(body=paragraph))
    assert result.article is not None
    summary = result.article.summary
    assert summary == (
        "Kapolda NTT dan rombongan melaksanakan program Peduli Kasih Polri dengan menggelar bakti kesehatan "
        "Kapolda NTT dan rombongan melaksanakan program Peduli Kasih…"
    )
    assert len(summary) <= 161


def test_summary_length_comes_from_the_site() -> None:
    config = SiteConfig(title="T", base_url="https://x.test/", summary_length=40)
    result = read(article(body="Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh."), config=config)
    assert result.article is not None
    assert result.article.summary == "Satu dua tiga empat lima enam tujuh…"


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzAEIOU", min_size=1, max_size=15)


@given(words=st.lists(_WORD, min_size=1, max_size=80), limit=st.integers(min_value=40, max_value=200))
def test_summary_property_prefix_cut_at_a_space_within_the_limit(words: list[str], limit: int) -> None:
    text = " ".join(words)
    summary = summarize(f"<p>{html.escape(text)}</p>", limit)
    if len(text) <= limit:
        assert summary == text
    else:
        assert summary.endswith("…")
        kept = summary[:-1]
        assert len(kept) <= limit
        assert text.startswith(kept)
        assert text[len(kept)] == " "  # whole words only


# --- slug and URL -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "slug"),
    [
        ("content/2023/kapolda-ntt-bakti-kesehatan.md", "kapolda-ntt-bakti-kesehatan"),
        ("content/2023/Jum'at Curhat di Belu.md", "jumat-curhat-di-belu"),
        ("content/2023/Operasi_Zebra 2023.md", "operasi-zebra-2023"),
        ("content/Bakti Sosial – Sumba Timur.md", "bakti-sosial-sumba-timur"),
    ],
)
def test_slug_from_the_file_name(source: str, slug: str) -> None:
    result = read(article(), source=source)
    assert result.diagnostics == ()
    assert result.article is not None
    assert result.article.slug == slug
    assert result.article.path == f"/2023/12/{slug}/"


def test_slug_key_overrides_the_file_name() -> None:
    result = read(article(slug="bakti-kesehatan-falas"), source="content/2023/draf-1.md")
    assert result.article is not None
    assert result.article.path == "/2023/12/bakti-kesehatan-falas/"


@pytest.mark.parametrize("name", ["con", "NUL", "—"])
def test_file_name_that_gives_no_usable_slug(name: str) -> None:
    (found,) = problems(article(), source=f"content/{name}.md")
    assert found.startswith(f"content/{name}.md:1: error: the file name gives no usable URL slug (")
    assert found.endswith("): add a 'slug:' key")


def test_permalink_uses_the_date_in_the_site_time_zone() -> None:
    # 23:30 in Jakarta on 30 November is already 00:30 on 1 December in WITA.
    result = read(article(date="2023-11-30 23:30+07:00"))
    assert result.article is not None
    assert result.article.path == "/2023/12/berita/"


def test_permalink_pattern_from_the_site() -> None:
    config = SiteConfig(title="T", base_url="https://x.test/", permalink="/berita/{year}/{month}/{day}/{slug}.html")
    result = read(article(date="2024-02-05 07:00"), config=config)
    assert result.article is not None
    assert result.article.path == "/berita/2024/02/05/berita.html"
    assert result.article.output_file == "berita/2024/02/05/berita.html"


# --- body -----------------------------------------------------------------------------------------------


def test_body_html_is_sanitized() -> None:
    body = """\
        <script>alert('x')</script>
        <p onclick="steal()">Teks</p>

        [klik](javascript:alert(1)) <iframe src="https://evil.test/x"></iframe>
        <iframe src="https://www.youtube.com/embed/abc" title="Video"></iframe>
        """
    result = read(article(body=body))
    assert result.article is not None
    out = result.article.body_html
    assert "<script" not in out and "alert('x')" not in out
    assert "onclick" not in out
    assert "javascript:" not in out
    assert "evil.test" not in out
    assert '<a href="https://www.youtube.com/embed/abc">Video</a>' in out  # no video ID: a link, not an embed
    assert "<iframe" not in out


def test_headings_get_ids_from_the_slugifier() -> None:
    result = read(article(body="## Jum'at Curhat di Belu\n\nIsi."))
    assert result.article is not None
    assert '<h2 id="jumat-curhat-di-belu">' in result.article.body_html


def test_dateline_before_a_body_that_does_not_open_with_a_paragraph() -> None:
    result = read(article(body="## Kronologi\n\nIsi.", dateline="Ba'a"))
    assert result.article is not None
    assert result.article.body_with_dateline("Warta Uji NTT") == (
        '<p><span class="dateline">BA&#x27;A, Warta Uji NTT</span></p>\n<h2 id="kronologi">Kronologi</h2>\n<p>Isi.</p>'
    )


def test_no_dateline_leaves_the_body_as_it_is() -> None:
    result = read(article(body="Isi."))
    assert result.article is not None
    assert result.article.body_with_dateline("Warta Uji NTT") == result.article.body_html == "<p>Isi.</p>"


# --- through a build: all files' problems together, nothing written -----------------------------------


def test_a_build_reports_every_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(
        site,
        files={
            "content/2023/baik.md": article(),
            "content/2023/tanpa-judul.md": article(title=None),
            "content/2024/banjir.md": article(date="'2024-02-30 08:00'", tag="[Bencana]"),
            "content/2024/tanpa-front-matter.md": "Isi saja.\n",
        },
    )
    with pytest.raises(BuildFailed) as failed:
        build(site, BuildOptions(now=FIXED_NOW))
    assert formatted(failed.value.report) == [
        "content/2023/tanpa-judul.md:1: error: missing required key 'title'",
        "content/2024/banjir.md:3: error: 'date': '2024-02-30 08:00' is an impossible date (the month has no such day)",
        "content/2024/banjir.md:6: warning: unknown key 'tag' — did you mean 'tags'?",
        "content/2024/tanpa-front-matter.md:1: error: missing front matter: the file must start with a '---' line",
    ]
    assert failed.value.message == "build failed: 3 errors, nothing written"
    assert not (site / "public").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
