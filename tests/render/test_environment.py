"""Rendering one page through the layouts (sitegen/render/environment.py): every value escaped
by autoescape, the site's filters, and a layout's mistake reported as an error at the line of
the layout that made it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sitegen.config import SiteConfig
from sitegen.render.environment import RenderError, make_environment, render_page

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/berita/")
HOSTILE = "<script>alert('x')</script> & \"kutip\""


def render(tmp_path: Path, layouts: dict[str, str], context: dict[str, object], template: str = "page.html") -> str:
    for name, text in layouts.items():
        path = tmp_path / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return render_page(make_environment(tmp_path, CONFIG), template, context, "/2023/12/a/")


def raised(tmp_path: Path, layouts: dict[str, str], context: dict[str, object]) -> RenderError:
    with pytest.raises(RenderError) as caught:
        render(tmp_path, layouts, context)
    return caught.value


def test_values_are_escaped_exactly_once_in_text_and_attributes(tmp_path: Path) -> None:
    page = render(tmp_path, {"page.html": '<h1 title="{{ title }}">{{ title }}</h1>\n'}, {"title": HOSTILE})
    escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;kutip&#34;"
    assert page == f'<h1 title="{escaped}">{escaped}</h1>\n'


def test_the_page_path_and_the_url_filters_follow_the_base_path(tmp_path: Path) -> None:
    layout = '{{ page_path }} {{ "/tag/polri/"|url }} {{ page_path|absolute }}\n'
    assert render(tmp_path, {"page.html": layout}, {}) == (
        "/2023/12/a/ /berita/tag/polri/ https://warta-uji.test/berita/2023/12/a/\n"
    )


def test_an_undefined_name_is_an_error_at_its_layout_line(tmp_path: Path) -> None:
    layout = """
        <h1>{{ title }}</h1>
        <p>{{ ringkasan }}</p>
    """
    problem = raised(tmp_path, {"page.html": layout}, {"title": "Judul"})
    assert (
        problem.diagnostic.format()
        == "layouts/page.html:2: error: while rendering /2023/12/a/: 'ringkasan' is undefined"
    )
    assert str(problem) == "layouts/page.html:2: error: while rendering /2023/12/a/: 'ringkasan' is undefined"


def test_an_error_in_an_included_layout_names_that_layout_and_its_line(tmp_path: Path) -> None:
    layouts = {
        "page.html": """
            <main>
            {% include "parts/byline.html" %}
            </main>
        """,
        "parts/byline.html": """
            <p>{{ article.editor }}</p>
            <p>{{ article.tanggal }}</p>
        """,
    }
    problem = raised(tmp_path, layouts, {"article": {"editor": "Sefnat Besie"}})
    assert problem.diagnostic.format() == (
        "layouts/parts/byline.html:2: error: while rendering /2023/12/a/: 'dict object' has no attribute 'tanggal'"
    )


def test_an_asset_the_site_does_not_have_is_an_error_at_its_line(tmp_path: Path) -> None:
    layout = """
        <!DOCTYPE html>
        <link rel="stylesheet" href="{{ 'tidak-ada.css'|asset }}">
    """
    problem = raised(tmp_path, {"page.html": layout}, {})
    assert problem.diagnostic.format() == (
        "layouts/page.html:2: error: while rendering /2023/12/a/: no file assets/tidak-ada.css"
    )
