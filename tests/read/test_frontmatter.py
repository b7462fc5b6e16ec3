"""Splitting a file into front matter and body: values, the file's own line numbers, and limits."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from sitegen.read.frontmatter import split
from sitegen.util.yamltext import decode, parse_mapping
from tests.support import formatted


def doc(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_fields_carry_their_values_and_file_lines_and_the_body_its_first_line() -> None:
    text = doc(
        """
        ---
        title: Kapolda NTT Gelar Bakti Kesehatan
        date: 2023-12-03

        tags: [Polri, Bakti Sosial]
        ---
        Paragraf pertama.
        """
    )
    document, problems = split("content/a.md", text)

    assert problems == []
    assert document is not None
    assert {key: (f.value, f.line) for key, f in document.fields.items()} == {
        "title": ("Kapolda NTT Gelar Bakti Kesehatan", 2),
        "date": (dt.date(2023, 12, 3), 3),
        "tags": (["Polri", "Bakti Sosial"], 5),
    }
    assert document.body == "Paragraf pertama.\n"
    assert document.body_line == 7
    assert document.start_line == 1


def test_a_horizontal_rule_in_the_body_does_not_end_anything() -> None:
    document, problems = split("a.md", "---\ntitle: A\n---\nsatu\n\n---\n\ndua\n")
    assert problems == []
    assert document is not None
    assert document.body == "satu\n\n---\n\ndua\n"


def test_the_yaml_document_end_marker_closes_front_matter_too() -> None:
    document, problems = split("a.md", "---\ntitle: A\n...\nbody\n")
    assert problems == []
    assert document is not None
    assert document.fields["title"].value == "A"
    assert document.body == "body\n"


def test_trailing_spaces_after_the_fences_are_tolerated() -> None:
    document, problems = split("a.md", "---  \ntitle: A\n--- \nbody")
    assert problems == []
    assert document is not None
    assert document.body_line == 4


def test_empty_front_matter_is_an_empty_mapping() -> None:
    document, problems = split("a.md", "---\n---\nbody\n")
    assert problems == []
    assert document is not None
    assert document.fields == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: A\n---\n", "a.md:1: error: missing front matter: the file must start with a '---' line"),
        ("\n---\ntitle: A\n---\n", "a.md:1: error: missing front matter: the file must start with a '---' line"),
        ("", "a.md:1: error: missing front matter: the file must start with a '---' line"),
        ("---\ntitle: A\nbody\n", "a.md:1: error: front matter is not closed: add a '---' line after it"),
    ],
)
def test_missing_or_unclosed_front_matter(text: str, expected: str) -> None:
    document, problems = split("a.md", text)
    assert document is None
    assert formatted(problems) == [expected]


def test_yaml_syntax_error_is_reported_on_its_line_in_the_file() -> None:
    text = doc(
        """
        ---
        title: A
        date: 2023-12-03 10:30
        editor: E
        location: Desa Falas: Kecamatan Kie
        ---
        """
    )
    document, problems = split("a.md", text)
    assert document is None
    assert formatted(problems) == [
        "a.md:5: error: 'location' contains ': ' — put the whole value in quotes: "
        '`location: "Desa Falas: Kecamatan Kie"`'
    ]


def test_unclosed_flow_list_is_reported_in_file_lines() -> None:
    document, problems = split("a.md", "---\ntitle: A\ntags: [Polri, Bakti\neditor: E\n---\n")
    assert document is None
    # reported where the list opens (line 3), not where the parser gave up (line 4)
    assert formatted(problems) == [
        "a.md:3: error: 'tags': the '[' is never closed: end the list with ']', or put a text in quotes"
    ]


def test_front_matter_that_is_not_a_mapping() -> None:
    document, problems = split("a.md", "---\n- Polri\n- Kamtibmas\n---\n")
    assert document is None
    assert formatted(problems) == ["a.md:2: error: front matter must be a mapping of 'key: value' lines"]


def test_duplicate_key_names_both_lines() -> None:
    document, problems = split("a.md", "---\ntitle: A\neditor: E\ntitle: B\n---\n")
    assert document is not None  # the other keys stay readable; the problem is reported
    assert formatted(problems) == ["a.md:4: error: 'title' is written twice (first on line 2): keep one"]


def test_a_key_that_is_not_a_word() -> None:
    document, problems = split("a.md", "---\ntitle: A\n[a, b]: 1\n---\n")
    assert document is not None  # the other keys stay readable; the problem is reported
    assert formatted(problems) == ["a.md:3: error: front matter keys must be plain words"]


def test_python_tags_are_refused_by_the_safe_loader() -> None:
    document, problems = split("a.md", '---\ntitle: A\nx: !!python/object/apply:os.system ["echo dipanggil"]\n---\n')
    assert document is not None  # the other keys stay readable; the problem is reported
    assert [(p.path, p.line, p.severity) for p in problems] == [("a.md", 3, "error")]
    assert str(problems[0].message).startswith("'x' starts with '!', which has a meaning of its own in YAML")


def test_an_invalid_value_message_is_one_line_without_yaml_relative_positions() -> None:
    # A diagnostic is one `path:line: message` line in the file's own numbering. The YAML
    # error's own text ends with `in "<unicode string>", line 2, column 8`: a second line,
    # and a line number relative to the front matter block, not the file.
    document, problems = split("a.md", "---\ntitle: A\neditor: !Redaksi Sefnat\n---\n")
    assert document is not None  # the other keys stay readable; the problem is reported
    assert [(p.path, p.line, p.severity) for p in problems] == [("a.md", 3, "error")]
    text = str(problems[0].message)
    assert text.startswith("'editor' starts with '!'")
    assert "\n" not in text
    assert "<unicode string>" not in text


def test_alias_bomb_is_refused_before_it_is_expanded() -> None:
    text = doc(
        """
        ---
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        ---
        """
    )
    document, problems = split("a.md", text)
    assert document is None
    assert [(p.line, str(p.message)) for p in problems] == [(2, "front matter has more than 2000 values")]


def test_deep_nesting_is_refused() -> None:
    document, problems = split("a.md", "---\ntitle: A\nx: " + "[" * 30 + "]" * 30 + "\n---\n")
    assert document is None
    assert [(p.line, str(p.message)) for p in problems] == [(3, "front matter is nested deeper than 20 levels")]


def test_oversized_front_matter_is_refused() -> None:
    document, problems = split("a.md", "---\ntitle: " + "x" * 70_000 + "\n---\n")
    assert document is None
    assert formatted(problems) == ["a.md:2: error: front matter is larger than 64 KB"]


def test_parse_mapping_counts_lines_from_the_given_first_line() -> None:
    fields, problems = parse_mapping("site.yaml", "title: T\n\nbase_url: https://x.test/\n", first_line=1)
    assert problems == []
    assert fields is not None
    assert {key: f.line for key, f in fields.items()} == {"title": 1, "base_url": 3}


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"---\ntitle: A\n---\n", "---\ntitle: A\n---\n"),
        (b"\xef\xbb\xbf---\ntitle: A\n", "---\ntitle: A\n"),
        (b"---\r\ntitle: A\r\n---\r\n", "---\ntitle: A\n---\n"),
        (b"---\rtitle: A\r", "---\ntitle: A\n"),
        ("Jum’at".encode(), "Jum’at"),
    ],
)
def test_decode_reads_utf8_with_or_without_bom_and_any_line_ending(data: bytes, text: str) -> None:
    assert decode("a.md", data) == (text, None)


def test_decode_reports_the_offset_of_the_first_byte_that_is_not_utf8() -> None:
    text, problem = decode("a.md", b"---\ntitle: Caf\xe9\n")
    assert text is None
    assert problem is not None
    assert problem.format() == "a.md: error: not UTF-8 text (byte 14): save the file as UTF-8"


def test_crlf_file_keeps_the_same_line_numbers() -> None:
    text, _ = decode("a.md", b"---\r\ntitle: A\r\neditor: E\r\ntitle: B\r\n---\r\n")
    assert text is not None
    _, problems = split("a.md", text)
    assert formatted(problems) == ["a.md:4: error: 'title' is written twice (first on line 2): keep one"]
