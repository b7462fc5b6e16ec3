"""Cached fragments (sitegen/render/fragments.py): a ``{% cached %}`` block is rendered once per
key and reused, gives the bytes it would give rendered anew, and cannot read anything but its key."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from sitegen.config import SiteConfig
from sitegen.plan.model import Card, Link
from sitegen.render import environment
from sitegen.render.environment import (
    RenderError,
    check_layouts,
    make_environment,
    render_page,
)
from sitegen.render.fragments import CachedFragments, fragments

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/berita/")
WHEN = dt.datetime(2023, 12, 3, 10, 30, tzinfo=dt.UTC)

CARD_LAYOUT = """
    <ol>
    {% for item in items %}
    {% cached "card", item %}
    <li><a href="{{ item.path|url }}">{{ item.title }}</a> <time>{{ item.date|tanggal }}</time></li>
    {% endcached %}
    {% endfor %}
    </ol>
"""


def card(title: str = "Judul <b>", path: str = "/2023/12/a/", summary: str = "Ringkasan", **changes: object) -> Card:
    fields: dict[str, object] = {
        "title": title,
        "path": path,
        "date": WHEN,
        "updated": None,
        "summary": summary,
        "editor": "Sefnat Besie",
        "location": "Kupang",
        "places": ("Kupang",),
        "tags": ("Polri",),
        "dateline": "",
    }
    fields.update(changes)
    return Card(**fields)  # type: ignore[arg-type]


def write_layouts(tmp_path: Path, layouts: dict[str, str]) -> None:
    for name, text in layouts.items():
        path = tmp_path / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def render_with(tmp_path: Path, layouts: dict[str, str], contexts: list[dict[str, object]]) -> tuple[list[str], dict]:
    """Each context rendered through page.html by one environment; and the fragments' renders."""
    write_layouts(tmp_path, layouts)
    env = make_environment(tmp_path, CONFIG)
    pages = [render_page(env, "page.html", context, "/daftar/") for context in contexts]  # type: ignore[arg-type]
    return pages, dict(fragments(env).counts)


def layout_problems(tmp_path: Path, layout: str) -> list[str]:
    write_layouts(tmp_path, {"page.html": layout})
    return [d.format() for d in check_layouts(make_environment(tmp_path, CONFIG), tmp_path, ())]


def test_a_card_on_several_pages_is_rendered_once_and_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = card("Satu"), card("Dua", "/2023/12/b/"), card("Tiga", "/2023/12/c/")
    contexts: list[dict[str, object]] = [{"items": (a, b)}, {"items": (b, c)}, {"items": (a, b, c)}]
    cached, counts = render_with(tmp_path, {"page.html": CARD_LAYOUT}, contexts)
    assert counts == {"card": 3}
    monkeypatch.setattr(CachedFragments, "enabled", False)
    uncached, none = render_with(tmp_path, {"page.html": CARD_LAYOUT}, contexts)
    assert none == {}
    assert cached == uncached
    assert cached[1] == (
        '<ol>\n<li><a href="/berita/2023/12/b/">Dua</a> <time>Minggu, 3 Desember 2023 18.30 WITA</time></li>\n'
        '<li><a href="/berita/2023/12/c/">Tiga</a> <time>Minggu, 3 Desember 2023 18.30 WITA</time></li>\n</ol>\n'
    )


@pytest.mark.parametrize(
    "changed",
    [
        {"title": "Judul lain"},
        {"date": WHEN + dt.timedelta(days=1)},
        {"summary": "Ringkasan lain"},
        {"tags": ("Polri", "Lalu Lintas")},
        {"places": ("Oelamasi", "Kupang")},
        {"status": "draft"},
    ],
    ids=lambda changed: next(iter(changed)),
)
def test_a_card_that_differs_in_any_field_is_rendered_anew(tmp_path: Path, changed: dict[str, object]) -> None:
    layout = CARD_LAYOUT.replace("{{ item.title }}", "{{ item.title }} {{ item.summary }} {{ item.tags|join(',') }}")
    layout = layout.replace("</time>", "</time> {{ item.places|join(',') }} {{ item.status }}")
    first, other = card(), card(**changed)
    pages, counts = render_with(tmp_path, {"page.html": layout}, [{"items": (first,)}, {"items": (other,)}])
    assert counts == {"card": 2}
    assert pages[0] != pages[1]


def test_the_same_key_in_two_blocks_is_two_fragments(tmp_path: Path) -> None:
    layout = """
        {% cached "short", item %}<b>{{ item.name }}</b>{% endcached %}
        {% cached "long", item %}<i>{{ item.path }}</i>{% endcached %}
    """
    pages, counts = render_with(tmp_path, {"page.html": layout}, [{"item": Link("Polri", "/tag/polri/")}] * 2)
    assert pages == ["<b>Polri</b><i>/tag/polri/</i>"] * 2
    assert counts == {"short": 1, "long": 1}


def test_a_key_can_be_computed_and_blocks_can_nest(tmp_path: Path) -> None:
    layout = """
        {% cached "menu", links, current=page if page in links|map(attribute="path") else "" %}
        {% for link in links %}
        {% cached "link", link, current %}
        <a{% if link.path == current %} aria-current="page"{% endif %}>{{ link.name }}</a>
        {% endcached %}
        {% endfor %}
        {% endcached %}
    """
    links = (Link("Polri", "/tag/polri/"), Link("Bencana", "/tag/bencana/"))
    contexts: list[dict[str, object]] = [{"links": links, "page": page} for page in ("/x/", "/tag/bencana/", "/y/")]
    pages, counts = render_with(tmp_path, {"page.html": layout}, contexts)
    assert pages[0] == pages[2] == "<a>Polri</a>\n<a>Bencana</a>\n"
    assert pages[1] == '<a>Polri</a>\n<a aria-current="page">Bencana</a>\n'
    assert counts == {"menu": 2, "link": 4}


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (
            '{% cached "card", item %}\n{{ item.title }} {{ page_path }}\n{% endcached %}\n',
            'cached "card": the block reads page_path, which its key does not hold',
        ),
        (
            '{% set label = "Baru" %}\n{% cached "card", item %}{{ label }}{% endcached %}\n',
            'cached "card": the block reads label, which its key does not hold',
        ),
        (
            '{% for item in items %}\n{% cached "card", item %}{{ loop.index }}{% endcached %}\n{% endfor %}\n',
            'cached "card": the block reads loop, which its key does not hold',
        ),
        (
            '{% macro m(x) %}{{ x }}{% endmacro %}\n{% cached "card", item %}{{ m(item) }}{% endcached %}\n',
            'cached "card": the block reads m, which its key does not hold',
        ),
        (
            '{% cached "card", item %}{{ range(3)|list }}{% endcached %}\n',
            'cached "card": the block reads range, which its key does not hold',
        ),
        (
            '{% cached "body", article %}{{ article|article_body }}{% endcached %}\n',
            "cached \"body\": the filter or test 'article_body' reads the page's context",
        ),
        (
            '{% cached "card", item %}{% from "other.html" import m with context %}{% endcached %}\n',
            'cached "card": an import with context would see the page\'s context',
        ),
        (
            '{% cached "card", item %}{% include "other.html" without context %}{% endcached %}\n',
            'cached "card": an include, block or extends cannot be inside a cached block',
        ),
        ("{% cached card, item %}{% endcached %}\n", "the first argument is the fragment's name, a quoted string"),
        ('{% cached "card", item.title %}{% endcached %}\n', "a key is a variable's name, or name=expression"),
        ('{% cached "card", item, item %}{% endcached %}\n', "the key 'item' is given twice"),
    ],
    ids=[
        "page variable",
        "set outside",
        "loop",
        "macro",
        "global",
        "context filter",
        "import",
        "include",
        "name",
        "key",
        "twice",
    ],
)
def test_a_block_that_reads_past_its_key_is_a_layout_error_at_its_line(
    tmp_path: Path, layout: str, message: str
) -> None:
    problems = layout_problems(tmp_path, layout)
    assert len(problems) == 1
    line = layout.splitlines().index(next(t for t in layout.splitlines() if "{% cached" in t)) + 1
    assert problems[0].startswith(f"layouts/page.html:{line}: error: layout syntax error: ")
    assert message in problems[0]


def test_a_macro_imported_without_context_may_be_called(tmp_path: Path) -> None:
    layouts = {
        "page.html": '{% cached "card", item %}{% from "other.html" import m %}{{ m(item) }}{% endcached %}\n',
        "other.html": "{% macro m(x) %}<p>{{ x }}</p>{% endmacro %}",
    }
    pages, counts = render_with(tmp_path, layouts, [{"item": "a"}, {"item": "a"}, {"item": "b"}])
    assert pages == ["<p>a</p>", "<p>a</p>", "<p>b</p>"] and counts == {"card": 2}


def test_a_key_that_is_undefined_or_mutable_is_an_error_at_its_line(tmp_path: Path) -> None:
    layout = '<p>\n{% cached "card", item %}{{ item }}{% endcached %}\n</p>\n'
    write_layouts(tmp_path, {"page.html": layout})
    env = make_environment(tmp_path, CONFIG)
    with pytest.raises(RenderError) as undefined:
        render_page(env, "page.html", {}, "/a/")  # type: ignore[arg-type]
    assert undefined.value.diagnostic.format() == (
        "layouts/page.html:2: error: while rendering /a/: 'item' is undefined"
    )
    with pytest.raises(RenderError) as mutable:
        render_page(env, "page.html", {"item": ["a"]}, "/a/")  # type: ignore[typeddict-unknown-key]
    assert "a cached block's key must be immutable, not a list" in str(mutable.value)
    assert mutable.value.diagnostic.line == 2


def test_escaping_is_the_same_from_the_cache(tmp_path: Path) -> None:
    hostile = card("<script>alert('x')</script> & \"kutip\"")
    pages, _ = render_with(tmp_path, {"page.html": CARD_LAYOUT}, [{"items": (hostile,)}] * 2)
    assert pages[0] == pages[1]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;kutip&#34;" in pages[1]
    assert "<script>" not in pages[1]


def test_compiled_layouts_are_not_reused_by_another_compiler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_layouts(tmp_path, {"page.html": CARD_LAYOUT})
    compiled = tmp_path / "compiled"
    make_environment(tmp_path, CONFIG, compiled).get_template("page.html")
    files = sorted(compiled.iterdir())
    assert len(files) == 1
    make_environment(tmp_path, CONFIG, compiled).get_template("page.html")
    assert sorted(compiled.iterdir()) == files and files[0].stat().st_size > 0
    monkeypatch.setattr(environment, "COMPILED_BY", environment.COMPILED_BY + " (next)")
    stale = files[0].read_bytes()
    make_environment(tmp_path, CONFIG, compiled).get_template("page.html")
    # the same file name (the layout's), written anew: the old code's checksum did not match
    assert files[0].read_bytes() != stale
