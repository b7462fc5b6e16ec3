"""No script injection, in any context: every value an editor writes is shown exactly as written,
escaped exactly once, in pages, attributes, JSON-LD, feeds and sitemaps; dangerous link schemes and
Markdown attribute syntax are refused."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from tests.hostile_support import ARTICLE, BODY_LINE, Outcome, build_cli, dom, epoch, feed, site_problems, text_of
from tests.support import article, write_site


def meta(root: Any, key: str) -> list[str]:
    return [m.get("content") for m in root.iter("meta") if key in (m.get("property"), m.get("name"))]


def json_ld(root: Any) -> dict[str, Any]:
    (script,) = [s for s in root.iter("script") if s.get("type") == "application/ld+json"]
    data: dict[str, Any] = json.loads(script.text)
    return data


TITLE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% if 1 %}x{% endif %} Fish & Chips"
EDITOR = "</script><script>alert(3)</script> & Co"
LOCATION = "Desa <b onmouseover=alert(4)>Falas</b>, Kecamatan \"Kie\" & 'Amanuban', Kabupaten {{ config }}"
TAGS = ["<script>alert(5)</script>", "Fish & Chips", '"><svg onload=alert(6)>']
SUMMARY = "Ringkasan </script><script>alert(7)</script> \"quote\" 'apostrof' & {{ 7*7 }}"
DATELINE = '<i>SoE</i> & "Kupang"'


def yaml_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON is valid YAML: every character survives


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    hostile = article(
        body="Paragraf & <b>tebal</b>. ]]> {{ 7*7 }} {% raw %}\n\n<script>alert(8)</script>",
        title=yaml_text(TITLE),
        editor=yaml_text(EDITOR),
        location=yaml_text(LOCATION),
        tags=yaml_text(TAGS),
        summary=yaml_text(SUMMARY),
        dateline=yaml_text(DATELINE),
    )
    neighbour = article(date="2023-12-02 09:00", title="Tetangga", tags=yaml_text(TAGS[:1]), slug="b")
    files = {"content/a.md": hostile, "content/b.md": neighbour}
    outcome = build_cli(tmp_path_factory.mktemp("injected"), files)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome


def test_injected_site_builds_with_only_the_removed_script_reported(injected: Outcome) -> None:
    # seven keys: the body starts on line 10, the script is its third line
    assert injected.diagnostics == ["content/a.md:12: warning: removed <script> element and its content"]


def test_no_page_or_feed_anywhere_carries_an_injected_script_handler_or_url(injected: Outcome) -> None:
    assert site_problems(injected.output) == []
    for name, data in injected.files().items():
        assert b"<script>alert" not in data, name
        if name.endswith(".html"):  # (a feed's full text is HTML escaped once more, as XML text)
            assert b"&amp;amp;" not in data and b"&amp;lt;" not in data, name  # never escaped twice


def test_html_text_and_attributes_show_the_title_exactly_as_written(injected: Outcome) -> None:
    page = dom(injected, ARTICLE)
    assert text_of(page, ".//h1") == TITLE
    assert text_of(page, ".//title") == f"{TITLE} – Warta Uji NTT"
    assert meta(page, "og:title") == [TITLE]
    assert meta(page, "twitter:title") == [TITLE]
    assert meta(page, "description") == meta(page, "og:description") == [SUMMARY]
    assert meta(page, "article:tag") == TAGS


def test_json_ld_holds_the_values_and_no_closing_tag(injected: Outcome) -> None:
    raw = injected.text(ARTICLE)
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script
    data = json_ld(dom(injected, ARTICLE))
    assert (data["headline"], data["description"]) == (TITLE, SUMMARY)
    assert data["author"]["name"] == EDITOR
    assert data["contentLocation"]["name"] == LOCATION
    assert data["dateline"] == DATELINE


def test_body_and_dateline_are_text_and_jinja_syntax_stays_literal(injected: Outcome) -> None:
    page = dom(injected, ARTICLE)
    body = page.find(".//div[@class='body']")
    assert "".join(body.itertext()).strip().split("\n")[0] == (
        '<I>SOE</I> & "KUPANG", Warta Uji NTT – Paragraf & tebal. ]]> {{ 7*7 }} {% raw %}'
    )
    # (not counting the assets' names: a fingerprint is hex digits, and may hold a "49")
    assert "49" not in re.sub(r"/assets/[^\"]+", "", injected.text(ARTICLE))


def test_lists_places_editors_and_tags_show_names_as_written(injected: Outcome) -> None:
    home = dom(injected, "index.html")
    assert [text_of(li, ".//h2") for li in home.iter("li") if li.get("class") == "story"] == [TITLE, "Tetangga"]
    crumbs = [a.text for a in dom(injected, ARTICLE).iterfind(".//nav[@class='crumbs']//a")]
    assert crumbs == [
        "Kabupaten {{ config }}",
        "Kecamatan \"Kie\" & 'Amanuban'",
        "Desa <b onmouseover=alert(4)>Falas</b>",
    ]
    editor = dom(injected, "editor/script-script-alert-3-script-co/index.html")
    assert text_of(editor, ".//h1") == f"Editor: {EDITOR}"
    assert text_of(dom(injected, "tag/fish-chips/index.html"), ".//h1") == "Topik: Fish & Chips"


def test_feeds_carry_the_values_exactly_once_escaped(injected: Outcome) -> None:
    (entry, neighbour) = feed(injected).entries
    assert (entry.title, entry.author, entry.summary) == (TITLE, EDITOR, SUMMARY)
    assert [t.term for t in entry.tags] == TAGS
    assert "<script" not in entry.content[0].value and "alert(8)" not in entry.content[0].value
    assert "Paragraf &amp; <b>tebal</b>. ]]&gt; {{ 7*7 }}" in entry.content[0].value
    assert feed(injected, "tag/fish-chips/feed.xml").entries[0].title == TITLE
    assert neighbour.title == "Tetangga"


def test_news_sitemap_window_escapes_the_title(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(title=yaml_text(TITLE), date="2024-06-01 08:00")})
    assert outcome.exit_code == 0, outcome.stderr
    news = ET.fromstring((outcome.output / "sitemap-news.xml").read_bytes())
    titles = [t.text for t in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert titles == [TITLE]


DANGEROUS_LINKS = [
    ("[x](javascript:alert(1))", "javascript"),
    ("[x](JaVaScRiPt:alert(1))", "javascript"),
    ("[x](jav&#x09;ascript:alert(1))", "javascript"),
    ("[x](&#106;avascript:alert(1))", "javascript"),
    ('<a href=" java&#10;script:alert(1)">x</a>', "javascript"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data"),
    ("[x](VBScript:msgbox(1))", "vbscript"),
    ("[x][r]\n\n[r]: javascript:alert(1)", "javascript"),
]


@pytest.mark.parametrize(("body", "scheme"), DANGEROUS_LINKS, ids=[b for b, _ in DANGEROUS_LINKS])
def test_dangerous_link_schemes_are_removed_and_reported_on_their_line(tmp_path: Path, body: str, scheme: str) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body=f"Baris pertama.\n\n{body}")})
    line = BODY_LINE + 2 + (2 if body.startswith("[x][r]") else 0)
    assert outcome.diagnostics == [f"content/a.md:{line}: warning: removed the {scheme}: URL of <a>"]
    assert '<p><a rel="noopener">x</a></p>' in outcome.text(ARTICLE)
    assert site_problems(outcome.output) == []


def test_markdown_attribute_syntax_cannot_add_event_handlers(tmp_path: Path) -> None:
    body = '![foto](https://cdn.test/x.png){: onerror="alert(1)"}\n\n## Judul {: onclick=alert(2) }'
    outcome = build_cli(tmp_path, {"content/a.md": article(body=body)})
    assert outcome.errors == []
    page = outcome.text(ARTICLE)
    # literal text, not an attribute
    assert '<p><img alt="foto" src="https://cdn.test/x.png">{: onerror="alert(1)"}</p>' in page
    assert '<h2 id="judul-onclick-alert-2">Judul {: onclick=alert(2) }</h2>' in page
    assert site_problems(outcome.output) == []


FORGED = "::error file=content/a.md,line=1::diretas"


@pytest.mark.parametrize("command", ["build", "check", "check-github"])
def test_a_file_name_cannot_forge_a_line_of_the_log(tmp_path: Path, command: str) -> None:
    """A newline in a file name would start a line of its own: a GitHub workflow command, say."""
    files = {
        f"content/x\n{FORGED}.md": article(slug="x", draft="true"),  # printed in the build's notes
        f"content/y\r\n{FORGED}\x1b[2K.md": article(slug="y", editor=""),  # and in an error
        "content/a.md": article(),
    }
    site = write_site(tmp_path / "site", None, files)
    args = {"build": ["build", "--output", str(tmp_path / "out")], "check": ["check"]}
    args["check-github"] = [*args["check"], "--format", "github"]
    result = CliRunner().invoke(main, [*args[command], str(site)], env={"SOURCE_DATE_EPOCH": epoch()})
    printed = result.stdout + result.stderr
    assert result.exit_code == 1, printed
    assert not [line for line in printed.splitlines() if line.startswith(FORGED) or "\x1b" in line]
    if command != "check-github":
        assert f"content/y\\r\\n{FORGED}\\x1b[2K.md:4: error: 'editor' is empty — write the author's name" in printed
    if command == "build":  # (the draft is only noted once the build gets that far: with the error, it does not)
        site.joinpath(f"content/y\r\n{FORGED}\x1b[2K.md").unlink()
        result = CliRunner().invoke(main, [*args[command], str(site)], env={"SOURCE_DATE_EPOCH": epoch()})
        assert f"content/x\\n{FORGED}.md: draft, not published" in result.stderr.splitlines()
