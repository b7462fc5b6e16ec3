"""What an editor is told about front matter that YAML cannot read (sitegen/util/yamladvice.py):
advice in their words, at the line to change, in English and Indonesian; never PyYAML's text."""

from __future__ import annotations

import pytest

from sitegen.i18n import translator
from sitegen.read.frontmatter import split
from sitegen.util.yamladvice import quoted

INDONESIAN = translator("id")


def told(front: str) -> list[tuple[int | None, str, str, str]]:
    """(line, severity, English, Indonesian) of each problem of a file with this front matter."""
    _, problems = split("a.md", f"---\n{front}---\nIsi.\n")
    return [(d.line, d.severity, d.text(), d.text(INDONESIAN)) for d in problems]


def test_a_colon_in_the_title() -> None:
    assert told("date: 2024-05-01\ntitle: Polisi: Warga Diminta Waspada\n") == [
        (
            3,
            "error",
            "the title contains ': ' — put the whole title in quotes: `title: \"Polisi: Warga Diminta Waspada\"`",
            "judul mengandung ': ' — apit seluruh judul dengan tanda kutip: `title: \"Polisi: Warga Diminta Waspada\"`",
        )
    ]


def test_a_colon_in_another_value() -> None:
    assert told("summary: Kapolres: jaga lingkungan\n") == [
        (
            2,
            "error",
            "'summary' contains ': ' — put the whole value in quotes: `summary: \"Kapolres: jaga lingkungan\"`",
            "'summary' mengandung ': ' — apit seluruh nilainya dengan tanda kutip: "
            '`summary: "Kapolres: jaga lingkungan"`',
        )
    ]


def test_the_fixed_line_keeps_the_quotes_the_value_holds() -> None:
    assert quoted("title", 'Kapolda: "Jaga Kamtibmas"') == "`title: 'Kapolda: \"Jaga Kamtibmas\"'`"
    assert quoted("title", 'Jum\'at: "Curhat"') == '`title: "Jum\'at: \\"Curhat\\""`'


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    assert told('date: 2024-05-01\ntitle: "Polisi Warga\neditor: Humas\nlocation: Kupang\n') == [
        (
            3,
            "error",
            "a quote opened on this line is never closed: end the value with the same quote mark",
            "tanda kutip yang dibuka di baris ini tidak pernah ditutup: akhiri nilainya dengan tanda kutip yang sama",
        )
    ]


def test_text_after_the_closing_quote() -> None:
    [(line, _, english, indonesian)] = told('title: "Polisi" Warga Diminta Waspada\n')
    assert line == 2
    assert english == (
        "'title' has text after its closing quote: put the whole value in one pair of quotes: "
        '`title: "Polisi Warga Diminta Waspada"`'
    )
    assert indonesian.startswith("'title' masih berlanjut setelah tanda kutip penutup")


@pytest.mark.parametrize("front", ["title: Polisi\n\teditor: Humas\n", "tags:\n\t- Polri\n"])
def test_a_tab(front: str) -> None:
    [(line, _, english, indonesian)] = told(front)
    assert line == 3
    assert english == "a tab is used here: YAML lines are indented with spaces only"
    assert indonesian == "di sini ada karakter tab: baris YAML hanya boleh menjorok dengan spasi"


@pytest.mark.parametrize(
    ("value", "char"),
    [
        ("[Update] Polisi Amankan Pelaku", "["),
        ("{Update} Polisi Amankan Pelaku", "{"),
        ("@polisi_ntt Imbau Warga", "@"),
        ("`Jumat Curhat` di Soe", "`"),
        ("*Penting* Warga Diminta Waspada", "*"),
        ("& Warga Diminta Waspada", "&"),
        ("&Warga Diminta Waspada", "&"),  # read by YAML as a label, the title then 'Diminta Waspada'
        ("!Penting Warga Diminta Waspada", "!"),
        ("| Polisi", "|"),
        ("%50 Warga", "%"),
    ],
)
def test_a_value_starting_with_a_sign_of_yaml(value: str, char: str) -> None:
    found = told(f"date: 2024-05-01\ntitle: {value}\n")
    assert [(line, english) for line, _, english, _ in found] == [
        (
            3,
            f"'title' starts with '{char}', which has a meaning of its own in YAML: put the whole value in quotes: "
            f'`title: "{value}"`',
        )
    ]
    assert found[0][3].startswith(f"'title' diawali '{char}', tanda yang punya arti khusus dalam YAML")


def test_a_hash_cuts_the_value() -> None:
    assert told("title: Kasus #1 di Kupang\ndraft: false  # nanti\n") == [
        (
            2,
            "warning",
            "'title': the text from ' #' on is dropped (YAML reads it as a note): put the whole value in quotes: "
            '`title: "Kasus #1 di Kupang"`',
            "'title': teks mulai dari ' #' terbuang (YAML membacanya sebagai catatan): apit seluruh nilainya "
            'dengan tanda kutip: `title: "Kasus #1 di Kupang"`',
        )
    ]


def test_a_duplicate_key() -> None:
    assert told("title: A\neditor: B\ntitle: C\n") == [
        (
            4,
            "error",
            "'title' is written twice (first on line 2): keep one",
            "'title' ditulis dua kali (pertama di baris 2): sisakan satu",
        )
    ]


def test_a_line_without_a_key() -> None:
    [(line, _, english, indonesian)] = told("title: Polisi\nWarga Diminta Waspada\neditor: Humas\n")
    assert line == 3
    assert english.startswith("this line is not a 'key: value' line")
    assert indonesian.startswith("baris ini bukan baris 'kunci: nilai'")


def test_an_indented_key() -> None:
    [(line, _, english, _)] = told("title: Polisi\n  editor: Humas\n")
    assert (line, english) == (3, "this line is indented: start it at the beginning of the line, as the other keys")


@pytest.mark.parametrize(
    "front",
    [
        "title: Polisi: Warga\n",
        'title: "Polisi\n',
        "title: [Update] Polisi\n",
        "title: x\n\teditor: y\n",
        "title: *a b\n",
        "title: | x\n",
        "- a\n- b: c: d\n",
        "title: {a: b\n",
        "a: b\n c\n: d\n",
    ],
)
def test_never_pyyamls_words(front: str) -> None:
    for _, _, english, indonesian in told(front):
        for words in ("mapping values", "while scanning", "expected", "found character", "could not find", "<block"):
            assert words not in english and words not in indonesian


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_line_breaks_yaml_counts_and_python_does_not(brk: str) -> None:
    # PyYAML breaks lines at NEL and the Unicode separators too: its marks index those lines,
    # which a value can hold (pasted text), so the advice reads the lines as PyYAML counts them
    quoted_break = f"---\ndateline: '{brk} a'\nsummary: Polri\ntitle: Kasus #1\n---\n"
    assert [(d.severity, d.text()[:9]) for d in split("a.md", quoted_break)[1]] == [("warning", "'title': ")]
    for text in (f"---\ntitle: a{brk}b: c: d\n---\n", f"---\ntitle: x{brk}y\neditor: [a\n---\n"):
        _, problems = split("a.md", text)
        assert [d.severity for d in problems] == ["error"]
