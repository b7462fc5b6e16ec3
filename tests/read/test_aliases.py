"""``aliases:``: old paths of this site only, each error at the key's line."""

from __future__ import annotations

import pytest

from sitegen.config import SiteConfig
from sitegen.read.aliases import page_path, parse_aliases, wire
from sitegen.read.articles import read_article
from tests.support import article

CONFIG = SiteConfig(title="T", base_url="https://warta-uji.test/")

NOT_A_PATH = "must be a path of this site starting with '/' (like /2019/05/berita-lama/), without its scheme and host"


def test_a_list_or_one_text_each_once() -> None:
    assert parse_aliases(["/lama/", " /lama/ ", "/?p=1"]) == (("/lama/", "/?p=1"), [])
    assert parse_aliases("/berita-lama.html") == (("/berita-lama.html",), [])
    result = read_article("content/a.md", article(aliases=["/2019/05/lama/", "/?p=3"]).encode(), CONFIG)
    assert result.article is not None and result.article.aliases == ("/2019/05/lama/", "/?p=3")
    assert result.diagnostics == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "lama/",
            f"alias 'lama/' {NOT_A_PATH}",
        ),
        (
            "https://lama.id/x/",
            f"alias 'https://lama.id/x/' {NOT_A_PATH}",
        ),
        (
            "//lama.id/x/",
            f"alias '//lama.id/x/' {NOT_A_PATH}",
        ),
        ("/a/../../etc/", "alias '/a/../../etc/' must not contain '//', '.' or '..' segments"),
        ("/a/%2e%2e/b/", "alias '/a/%2e%2e/b/' must not contain '//', '.' or '..' segments"),
        ("/a//b/", "alias '/a//b/' must not contain '//', '.' or '..' segments"),
        ("/lama/#atas", "alias '/lama/#atas' must not contain '#': a browser never sends what follows it"),
        ("/la\x01ma/", "alias '/la\\x01ma/' must not contain U+0001"),
        ("/la ma/", "alias '/la ma/' must not contain U+0020"),
        ('/la"ma/', "alias '/la\"ma/' must not contain '\"'"),
        ("/la\\ma/", "alias '/la\\\\ma/' must not contain '\\\\'"),
        ("/a%zz/", "alias '/a%zz/' has a '%' that is not followed by two hexadecimal digits"),
        ("/a%ff/", "alias '/a%ff/' has percent escapes that are no UTF-8 text"),
        ("/a%00/", "alias '/a%00/' holds an escaped character no file name may hold"),
        ("/con/", "alias '/con/' has 'con', a name Windows reserves"),
        ("/?", "alias '/?' ends with an empty query '?'"),
        ("/?=1", "alias '/?=1' must have a query of name=value parts, like /?p=123"),
        ("", "alias '' is empty: write an old path like /2019/05/berita-lama/"),
    ],
)
def test_a_bad_alias_is_an_error_at_the_keys_line(value: str, message: str) -> None:
    text = article(aliases=["/baik/", value])
    result = read_article("content/a.md", text.encode(), CONFIG)
    assert result.article is None
    assert [d.format() for d in result.diagnostics] == [f"content/a.md:6: error: {message}"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "{a: 1}",
            "'aliases' must be a list of old paths like /2019/05/berita-lama/, not a group of 'key: value' lines",
        ),
        ("[1]", "each alias must be a path like /2019/05/berita-lama/, not a number (1)"),
        (
            "[[/a/]]",
            "each alias must be a path like /2019/05/berita-lama/, "
            "not a list (a value in [ ] is a list: put text in quotes)",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error(value: str, message: str) -> None:
    result = read_article("content/a.md", article(aliases=value).encode(), CONFIG)
    assert [d.format() for d in result.diagnostics] == [f"content/a.md:6: error: {message}"]


def test_paths_and_wire_forms() -> None:
    assert page_path("/lama") == "/lama/"
    assert page_path("/lama.HTM") == "/lama.HTM"
    assert page_path("/%C3%BCn%C3%AF/") == "/ünï/"
    assert wire("/ünï/?q=é") == "/%C3%BCn%C3%AF/?q=%C3%A9"
    assert wire("/a$b'c/") == "/a%24b%27c/"
