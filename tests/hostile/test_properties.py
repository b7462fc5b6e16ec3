"""Property-based hostile input: generated front matter and Markdown.

Whatever an editor's file holds, a build either succeeds with strict HTML5 and well-formed
XML that carry no script the layouts did not write, or fails with ``path:line`` messages;
it never prints a traceback and never writes outside its output folder (``build_cli``
checks both). Example counts are modest: each whole-site example is a real build.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import html5lib
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.read import markup
from sitegen.read.articles import output_file, read_article
from sitegen.util.yamltext import decode
from sitegen.write.output import safe_relative
from tests.hostile_support import build_cli, html_problems, site_problems
from tests.support import article

QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONFIG = {"page_budget_kb": 10_000}  # a generated body may be long: the budget is not under test here

# Pieces an attacker or a careless paste would bring: markup, entities, line ends, controls.
HOSTILE = [
    "<script>", "</script>", "<div>", "</div>", "<div/>", "<b>", "<img src=x onerror=alert(1)>", "<iframe src=",
    "https://www.youtube.com/embed/x", '"', "'", "<", ">", "&", "&amp;", "&#0;", "&#x1;", "&#xFFFE;", "&lt;",
    "[", "]", "(", ")", "](javascript:alert(1))", "](jav&#x09;ascript:x)", "<javascript:x>", "*", "**", "_", "`",
    "```", "~~~", "\n", "\r\n", "\r", "\n\n", "> ", "- ", "1. ", "# ", "## ", "|", "|:-|", "    ", "\t", "{{ x }}",
    "{% if %}", "{: onclick=x}", "]]>", "<!--", "-->", "<![CDATA[", "<?php", "\x00", "\x01", "\x0b", "\x1f",
    "\x7f", "\x85", "\ufeff", "\ufffe", "\uffff", "\u2028", "é", "e\u0301", "Ŋ", "日本", "😀", "---", "...",
    ":", "%2e%2e/", "..", "/", "\\", "con", "Kapolres", " ", "](", "]: ", "[r]", "\\:", "javascript:", "JaVa",
    "script:", "data:", "https://x.test/", "mailto:", "[TOC]", "```{", "{.kelas #id}", "===", "\n# ", "<a href=",
    "<p style=", "<td", "<table>", "<svg>", "<math>", "<details>", "<a href='javascript:x'>",
]  # fmt: skip
pieces = st.sampled_from(HOSTILE) | st.text(max_size=8)
hostile_text = st.lists(pieces, max_size=30).map("".join)
# hostile text around a word, so that it still names a page (a tag, an editor, a place)
named = st.tuples(hostile_text, st.sampled_from(["Kupang", "Polri", "Ende 2024"]), hostile_text).map("".join)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
KEYS = ["title", "date", "editor", "location", "tags", "dateline", "summary", "slug", "updated", "draft", "image"]
keys = st.sampled_from(KEYS) | hostile_text


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """One of three: the required keys right and hostile text in every text key (a build
    that should succeed); YAML a program wrote, with any values for any keys; or lines as
    a person might type them (which may not be YAML at all)."""
    mode = draw(st.sampled_from(["texts", "texts", "texts", "values", "typed"]))
    fields: dict[Any, Any]
    if mode == "texts":
        fields = {key: draw(named) for key in ("title", "editor", "location", "dateline", "summary")}
        fields["tags"] = draw(st.lists(named, max_size=3))
        fields["date"] = "2023-12-03 10:30"
        return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    if mode == "values":
        fields = {
            "title": draw(hostile_text),
            "date": draw(st.sampled_from(["2023-12-03 10:30", "2023-02-30", "kemarin"]) | st.datetimes()),
            "editor": draw(hostile_text),
            "location": draw(hostile_text),
        }
        fields.update(draw(st.dictionaries(keys, values, max_size=4)))
        for key in draw(st.lists(st.sampled_from(KEYS), max_size=2)):
            fields.pop(key, None)
        return yaml.safe_dump(fields, allow_unicode=draw(st.booleans()), sort_keys=False)
    lines = draw(st.lists(st.tuples(keys, hostile_text), max_size=8))
    return "\n".join(f"{key}: {value}" for key, value in lines) + "\n"


@st.composite
def source_file(draw: st.DrawFn) -> bytes:
    text = "---\n" + draw(front_matter()) + "---\n" + draw(hostile_text)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r"])))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + data


ERROR = re.compile(r"(content/[ab]\.md:\d+: error: .+|content/[ab]\.md: error: not UTF-8 text \(byte \d+\): save .+)")


@QUICK
@given(first=source_file(), second=source_file())
def test_any_two_articles_build_cleanly_or_fail_with_path_and_line(first: bytes, second: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        outcome = build_cli(Path(folder), {"content/a.md": first, "content/b.md": second}, CONFIG)
        event("built" if outcome.exit_code == 0 else "refused")
        if outcome.exit_code == 0:
            assert outcome.errors == []
            assert site_problems(outcome.output) == []
        else:
            assert outcome.errors, outcome.stderr
            assert [e for e in outcome.errors if not ERROR.fullmatch(e)] == []
            assert not outcome.output.exists()


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda t: bool(markup.CONTROL_CHARS.sub("", t).split()) and any(c.isalnum() for c in t)
)


@QUICK
@given(title=printable, editor=printable, tag=printable)
def test_any_text_is_shown_exactly_as_written_in_html_json_and_feed(title: str, editor: str, tag: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        text = article(title=quoted(title), editor=quoted(editor), tags=f"[{quoted(tag)}]")
        outcome = build_cli(Path(folder), {"content/a.md": text}, CONFIG)
        if outcome.exit_code == 1:  # a name that gives no URL (a Windows-reserved word) is refused
            assert all(": error: " in e and ("gives no usable URL" in e) for e in outcome.errors), outcome.errors
            return
        shown = " ".join(markup.CONTROL_CHARS.sub("", title).split())
        page = html5lib.parse((outcome.output / "2023/12/a/index.html").read_bytes(), namespaceHTMLElements=False)
        assert "".join(page.find(".//h1").itertext()) == shown
        (script,) = [s for s in page.iter("script") if s.get("type") == "application/ld+json"]
        data = json.loads(script.text)
        assert data["headline"] == shown
        assert data["author"]["name"] == " ".join(markup.CONTROL_CHARS.sub("", editor).split())
        assert site_problems(outcome.output) == []


def quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that reads back as exactly ``value``."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**9).strip()


markdown_text = st.lists(pieces, max_size=60).map("".join)


@MANY
@given(body=markdown_text)
def test_rendered_markdown_is_inert_html(body: str) -> None:
    try:
        rendered = markup.render(body)
    except RecursionError:
        return  # reported as an error of the file; test_pathological.py checks the message
    assert not markup.CONTROL_CHARS.search(rendered)
    page = f"<!DOCTYPE html><html lang=id><head><title>t</title></head><body>{rendered}</body></html>"
    problems = html_problems("body", page.encode())
    assert [p for p in problems if "not strict HTML5" not in p] == []


@MANY
@given(body=markdown_text)
def test_removal_warnings_name_a_line_of_the_body(body: str) -> None:
    try:
        rendered = markup.render(body)
    except RecursionError:
        return
    lines = body.split("\n")
    for line, message in markup.removal_warnings(body, rendered.removed):
        assert line is None or 1 <= line <= len(lines)
        assert str(message).startswith("removed ")


@MANY
@given(body=markdown_text)
def test_a_body_the_quick_check_passes_has_nothing_removed(body: str) -> None:
    # the check that spares most bodies the inspection must never miss a removal
    produced = markup.plain_markdown().convert(body.replace("\r\n", "\n"))
    try:
        removed = markup.inspect(produced)
    except RecursionError:
        return
    assert removed == () or markup.might_remove(body)


@MANY
@given(data=st.binary(max_size=64) | hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_decode_gives_text_or_the_first_byte_that_is_not_utf8(data: bytes) -> None:
    text, problem = decode("a.md", data)
    if text is not None:
        assert problem is None and "\r" not in text and "\x00" not in text
        return
    assert problem is not None
    match = re.fullmatch(r"a\.md: error: not UTF-8 text \(byte (\d+)\): save the file as UTF-8", problem.format())
    assert match
    byte = int(match.group(1))
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    assert b"\x00" not in data[start:byte]  # nothing before it is a NUL...
    if data[byte] != 0:  # ...and the UTF-8 decoder stops exactly there
        with pytest.raises(UnicodeDecodeError) as failed:
            data[start:].decode("utf-8")
        assert start + failed.value.start == byte


@MANY
@given(text=hostile_text.filter(lambda t: "\r" not in t and not t.startswith("\ufeff")))
def test_crlf_and_lone_cr_read_as_lf(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    expected, _ = decode("a.md", data)
    # the same text (a byte offset of an error may differ: CRLF and a BOM are more bytes)
    assert decode("a.md", data.replace(b"\n", b"\r\n"))[0] == expected
    assert decode("a.md", data.replace(b"\n", b"\r"))[0] == expected
    assert decode("a.md", b"\xef\xbb\xbf" + data)[0] == expected


SETTINGS = SiteConfig(title="T", base_url="https://x.test/")


@MANY
@given(slug=hostile_text)
def test_a_slug_is_refused_or_stays_one_folder_inside_the_output(slug: str) -> None:
    result = read_article("content/a.md", article(slug=quoted(slug)).encode(), SETTINGS)
    if result.article is None:
        assert next(d.format() for d in result.diagnostics if d.severity == "error").startswith("content/a.md:")
        return
    parts = safe_relative(output_file(result.article.path))
    assert parts == ("2023", "12", result.article.slug, "index.html")
