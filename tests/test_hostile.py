"""Hostile input (issue 6): everything in content/ is untrusted, layouts and site.yaml are trusted.

Each case builds a scratch site through the real command line (``tests/hostile_support.py``),
which also checks that no build prints a traceback or writes outside its output folder, and
asserts the exact outcome: the error and its line, the warning, or the escaped output.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import html5lib
import markdown
import markdown.preprocessors
import pytest

from sitegen.config import SiteConfig
from sitegen.errors import SitegenError
from sitegen.read import markup
from sitegen.write.output import check_output_dir
from tests.hostile_support import Outcome, build_cli, epoch, site_problems
from tests.support import REPO, article, tree

BODY_LINE = 7  # article(): '---', title, date, editor, location, '---', then the body
ARTICLE = "2023/12/a/index.html"


def dom(outcome: Outcome, relative: str) -> Any:
    return html5lib.parse((outcome.output / relative).read_bytes(), namespaceHTMLElements=False)


def text_of(root: Any, path: str) -> str:
    found = root.find(path)
    assert found is not None, path
    return "".join(found.itertext())


def meta(root: Any, key: str) -> list[str]:
    return [m.get("content") for m in root.iter("meta") if key in (m.get("property"), m.get("name"))]


def json_ld(root: Any) -> dict[str, Any]:
    (script,) = [s for s in root.iter("script") if s.get("type") == "application/ld+json"]
    data: dict[str, Any] = json.loads(script.text)
    return data


def feed(outcome: Outcome, relative: str = "feed.xml") -> Any:
    parsed = feedparser.parse((outcome.output / relative).read_bytes(), sanitize_html=False)
    assert parsed.bozo == 0, parsed.bozo_exception
    return parsed


# ==== 1. no script injection, in any context, escaped exactly once ============================================

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
    assert "49" not in injected.text(ARTICLE)


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


# ==== 2. raw HTML is sanitized by an allowlist, and what is removed is reported ================================

RAW_HTML = """\
Pembuka.

<script>document.cookie</script>
<p onclick="steal()">Teks</p>
<img src="https://cdn.test/foto.jpg" alt="Foto" onerror="alert(1)">
<iframe src="https://www.youtube.com/embed/abc123" title="Video" allowfullscreen></iframe>
<iframe src="https://youtube.com.evil.test/embed/abc"></iframe>
<style>body { display: none }</style>
<!-- catatan redaksi: jangan terbitkan -->
<details><summary>Ringkas</summary>Isi</details>
"""


def test_raw_html_is_sanitized_and_every_removal_is_a_warning_with_its_line(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body=RAW_HTML)})
    at = BODY_LINE
    assert outcome.exit_code == 0
    assert outcome.diagnostics == [
        f"content/a.md:{at + 2}: warning: removed <script> element and its content",
        f"content/a.md:{at + 3}: warning: removed attribute 'onclick' of <p>",
        f"content/a.md:{at + 4}: warning: removed attribute 'onerror' of <img>",
        f"content/a.md:{at + 6}: warning: removed the src of <iframe>: only YouTube embeds "
        "(https://www.youtube.com/embed/…) are kept",
        f"content/a.md:{at + 7}: warning: removed <style> element and its content",
        f"content/a.md:{at + 8}: warning: removed an HTML comment",
        f"content/a.md:{at + 9}: warning: removed <details> tag; its text is kept",
        f"content/a.md:{at + 9}: warning: removed <summary> tag; its text is kept",
    ]
    page = outcome.text(ARTICLE)
    assert '<iframe src="https://www.youtube.com/embed/abc123" title="Video" allowfullscreen=""></iframe>' in page
    assert "document.cookie" not in page and "display: none" not in page and "catatan redaksi" not in page
    assert '<p>Teks</p>\n<p><img src="https://cdn.test/foto.jpg" alt="Foto"></p>' in page
    assert site_problems(outcome.output) == []


def test_a_heading_one_is_reported_on_its_markdown_line(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body="Pembuka.\n\n# Judul Kedua\n\nIsi.")})
    assert outcome.diagnostics == [
        f"content/a.md:{BODY_LINE + 2}: warning: removed <h1> tag; its text is kept "
        "(the title is the page's heading: start headings with '##')"
    ]


def test_table_alignment_is_kept_without_a_warning(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body="| a | b |\n|:-|-:|\n| 1 | 2 |")})
    assert outcome.diagnostics == []
    assert '<td style="text-align: right;">2</td>' in outcome.text(ARTICLE)


def test_a_style_other_than_table_alignment_is_removed(tmp_path: Path) -> None:
    body = '<table><tr><td style="background: url(javascript:x)">1</td></tr></table>'
    outcome = build_cli(tmp_path, {"content/a.md": article(body=body)})
    assert outcome.diagnostics == [f"content/a.md:{BODY_LINE}: warning: removed attribute 'style' of <td>"]
    assert "<td>1</td>" in outcome.text(ARTICLE)


def test_many_removals_are_counted_after_the_first_ten(tmp_path: Path) -> None:
    body = "\n\n".join(f"<script>x{n}</script>" for n in range(12))
    outcome = build_cli(tmp_path, {"content/a.md": article(body=body)})
    assert outcome.diagnostics == [
        "content/a.md: warning: removed 2 more things the sanitizer does not allow",
        *(f"content/a.md:{BODY_LINE + 2 * n}: warning: removed <script> element and its content" for n in range(10)),
    ]


def test_trust_html_keeps_raw_html_as_written_and_reports_nothing(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body=RAW_HTML)}, {"trust_html": True})
    assert (outcome.exit_code, outcome.diagnostics) == (0, [])
    page = outcome.text(ARTICLE)
    assert "<script>document.cookie</script>" in page
    assert '<p onclick="steal()">Teks</p>' in page
    assert '<iframe src="https://youtube.com.evil.test/embed/abc"></iframe>' in page
    # a feed reader runs nothing: feeds are sanitized whatever the setting
    content = feed(outcome).entries[0].content[0].value
    assert "document.cookie" not in content and "onclick" not in content


def test_switching_trust_html_off_again_sanitizes_the_cached_article(tmp_path: Path) -> None:
    files = {"content/a.md": article(body=RAW_HTML)}
    assert build_cli(tmp_path, files, {"trust_html": True}).exit_code == 0
    outcome = build_cli(tmp_path, files, {"trust_html": False})
    assert "document.cookie" not in outcome.text(ARTICLE)
    assert len(outcome.warnings) == 8


# ==== 3. front matter is data, never code =====================================================================


def front_matter_errors(tmp_path: Path, text: str) -> list[str]:
    outcome = build_cli(tmp_path, {"content/a.md": text.encode()})
    assert outcome.exit_code == 1
    return outcome.errors


def test_python_tags_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = article(title=f'!!python/object/apply:os.system ["touch {marker}"]')
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:2: error: 'title': could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    ]
    assert not marker.exists()


def test_duplicate_keys_are_an_error_naming_both_lines(tmp_path: Path) -> None:
    text = article(title="Satu").replace("---\n", "---\ntitle: Dua\n", 1)
    assert front_matter_errors(tmp_path, text) == ["content/a.md:3: error: duplicate key 'title' (first on line 2)"]


def test_an_alias_bomb_is_rejected_before_it_is_expanded(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]" for n in range(8)]
    text = "---\n" + "\n".join(lines) + "\ntitle: T\n---\nIsi.\n"
    # reported on the line of the values that multiply
    assert front_matter_errors(tmp_path, text) == ["content/a.md:2: error: front matter has more than 2000 values"]


def test_deeply_nested_flow_collections_are_rejected(tmp_path: Path) -> None:
    text = "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nIsi.\n"
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:2: error: YAML syntax error: exceeded maximum nesting depth"
    ]


def test_deeply_nested_block_mappings_are_rejected(tmp_path: Path) -> None:
    text = "---\n" + "".join("  " * n + f"k{n}:\n" for n in range(30)) + "  " * 30 + "x\n---\nIsi.\n"
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:23: error: front matter is nested deeper than 20 levels"
    ]


def test_a_huge_value_is_rejected_on_its_line(tmp_path: Path) -> None:
    text = article(summary="x" * 20_000)
    assert front_matter_errors(tmp_path, text) == ["content/a.md:6: error: a value is longer than 10,000 characters"]


def test_a_huge_number_is_rejected_on_its_line(tmp_path: Path) -> None:
    text = article(title="9" * 5_000)
    assert front_matter_errors(tmp_path, text) == ["content/a.md:2: error: 'title': the number is too large"]


def test_huge_front_matter_is_rejected(tmp_path: Path) -> None:
    text = "---\n" + "".join(f"k{n}: {'x' * 60}\n" for n in range(1_200)) + "---\nIsi.\n"
    assert front_matter_errors(tmp_path, text) == ["content/a.md:2: error: front matter is larger than 64 KB"]


def test_a_date_beyond_what_a_calendar_holds_is_an_error(tmp_path: Path) -> None:
    text = article(date="0001-01-01 00:00 +08:00")
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:3: error: 'date': '0001-01-01 00:00 +08:00' is too far in the past or the future"
    ]


# ==== 4. encodings ==============================================================================================

UNIX = article(body="Paragraf satu.\n\nParagraf dua,\nbaris berikut.", tags="[Polri]").encode()


def test_bom_crlf_and_lone_cr_give_byte_identical_output(tmp_path: Path) -> None:
    variants = {
        "lf": UNIX,
        "bom": b"\xef\xbb\xbf" + UNIX,
        "crlf": UNIX.replace(b"\n", b"\r\n"),
        "cr": UNIX.replace(b"\n", b"\r"),
        "bom-crlf": b"\xef\xbb\xbf" + UNIX.replace(b"\n", b"\r\n"),
    }
    trees = {}
    for name, data in variants.items():
        outcome = build_cli(tmp_path / name, {"content/a.md": data})
        assert (outcome.exit_code, outcome.diagnostics) == (0, []), name
        trees[name] = tree(outcome.output)
    assert all(t == trees["lf"] for t in trees.values())


@pytest.mark.parametrize(
    ("data", "byte"),
    [
        ("---\ntitle: Café\n---\n".encode("latin-1"), 14),  # counted from 0
        ("---\ntitle: Café\n".encode("utf-16"), 0),  # with its BOM
        ("---\ntitle: Café\n".encode("utf-16-le"), 1),  # no BOM: every other byte is NUL
        (b"\xef\xbb\xbf---\ntitle: Caf\xe9\n", 17),  # counted from the file's first byte, BOM included
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 0),
        (b"---\ntitle: A\x00B\n---\n", 12),
    ],
    ids=["latin-1", "utf-16", "utf-16-le", "bom-then-latin-1", "png", "nul"],
)
def test_other_encodings_and_binary_data_are_an_error_with_the_byte(tmp_path: Path, data: bytes, byte: int) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": data})
    assert outcome.exit_code == 1
    assert outcome.errors == [f"content/a.md: error: not UTF-8 (byte {byte})"]


def test_site_yaml_in_another_encoding_is_an_error_with_the_byte(tmp_path: Path) -> None:
    config = "title: Warta Café\nbase_url: https://warta-uji.test/\n".encode("cp1252")
    outcome = build_cli(tmp_path, {"content/a.md": UNIX}, None, prepare=lambda s: (s / "site.yaml").write_bytes(config))
    assert outcome.errors == ["site.yaml: error: not UTF-8 (byte 16)"]


# ==== 5. XML is always well-formed ==============================================================================


def test_characters_xml_forbids_are_removed_from_every_page_and_feed(tmp_path: Path) -> None:
    hostile = article(
        title='"Banjir\\x01 di\\x0b Kupang\\uFFFE\\x85"',
        editor='"Yohanes\\x1f Lake"',
        tags='["Polri\\x08", "Bakti\\x7f Sosial"]',
        summary='"Ringkas\\x02an"',
        body="Isi\x03 &#x1; &#0; &#xFFFF; &#x9f; teks\x1b.",
    )
    outcome = build_cli(tmp_path, {"content/a.md": hostile})
    assert (outcome.exit_code, outcome.diagnostics) == (0, [])
    assert site_problems(outcome.output) == []
    (entry,) = feed(outcome).entries
    assert (entry.title, entry.author, entry.summary) == ("Banjir di Kupang", "Yohanes Lake", "Ringkasan")
    assert [t.term for t in entry.tags] == ["Polri", "Bakti Sosial"]
    # &#0; is U+FFFD and &#x9f; is "Ÿ" by HTML5's rules (Windows-1252 for C1 references)
    assert entry.content[0].value == "<p>Isi  \ufffd  Ÿ teks.</p>"
    assert text_of(dom(outcome, ARTICLE), ".//h1") == "Banjir di Kupang"


def test_cdata_end_markers_cannot_end_anything_early(tmp_path: Path) -> None:
    text = article(title='"Data ]]> <![CDATA[ x ]]>"', body="```\n]]></content:encoded><item>\n```")
    outcome = build_cli(tmp_path, {"content/a.md": text})
    assert outcome.exit_code == 0, outcome.stderr
    assert site_problems(outcome.output) == []
    (entry,) = feed(outcome).entries
    assert entry.title == "Data ]]> <![CDATA[ x ]]>"
    assert entry.content[0].value == "<pre><code>]]&gt;&lt;/content:encoded&gt;&lt;item&gt;\n</code></pre>"


# ==== 6. nothing is written outside the output folder ===========================================================


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("../../etc", "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ("..", "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ("a/b", "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ('"a\\\\b"', "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ('"a\\x00b"', "'slug' must not contain '/', '\\', NUL or be '.' or '..'"),
        ("'%2e%2e'", "'slug' may hold only letters, digits and '-'"),
        ("'.htaccess'", "'slug' may hold only letters, digits and '-'"),
        ('""', "'slug' is empty"),
        ("CON", "'slug' 'CON' is a name Windows reserves"),
        ("lpt1", "'slug' 'lpt1' is a name Windows reserves"),
    ],
)
def test_slugs_that_could_leave_the_folder_are_errors(tmp_path: Path, slug: str, message: str) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(slug=slug)})
    assert outcome.errors == [f"content/a.md:6: error: {message}"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("!!!.md", "the file name gives no usable URL slug (is empty): add a 'slug:' key"),
        ("nul.md", "the file name gives no usable URL slug ('nul' is a name Windows reserves): add a 'slug:' key"),
    ],
)
def test_file_names_that_give_no_usable_slug_are_errors(tmp_path: Path, name: str, message: str) -> None:
    outcome = build_cli(tmp_path, {f"content/{name}": article()})
    assert outcome.errors == [f"content/{name}:1: error: {message}"]


def test_editor_place_and_tag_names_must_give_a_folder_name(tmp_path: Path) -> None:
    text = article(editor='"!!!"', location='"???, Kabupaten Kupang"', tags="[Aux, Polri]")
    outcome = build_cli(tmp_path, {"content/a.md": text})
    assert outcome.errors == [
        "content/a.md:4: error: 'editor' has no letters or digits to make a URL from",
        "content/a.md:5: error: place '???' has no letters or digits to make a URL from",
        "content/a.md:6: error: tag 'Aux' gives no usable URL ('aux' is a name Windows reserves)",
    ]


@pytest.mark.parametrize(
    ("first", "second", "url"),
    [("Berita", "berita", "/2023/12/Berita/"), ('"Caf\\u00e9"', '"Cafe\\u0301"', "/2023/12/Café/")],
    ids=["case", "unicode-normalization"],
)
def test_two_sources_writing_one_path_are_an_error_naming_both(
    tmp_path: Path, first: str, second: str, url: str
) -> None:
    files = {"content/a.md": article(slug=first), "content/b.md": article(slug=second)}
    outcome = build_cli(tmp_path, files)
    second_url = url if second.startswith('"') else url.replace("Berita", "berita")
    assert outcome.errors == [
        f"content/a.md:6: error: the URL {url} is also the URL of content/b.md",
        f"content/b.md:6: error: the URL {second_url} is also the URL of content/a.md",
    ]


def test_a_permalink_with_dot_dot_is_refused(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article()}, {"permalink": "/../{slug}/"})
    assert outcome.errors == ["site.yaml:3: error: 'permalink' must not contain '..' or backslashes"]


def test_a_place_named_like_a_pagination_folder_is_an_error(tmp_path: Path) -> None:
    # Kabupaten Alor with more than one page of stories owns /lokasi/kabupaten-alor/page/2/;
    # a village "2" in a district "Page" of Alor would be written to the same file
    files = {f"content/{n}.md": article(location='"Kecamatan Kalabahi, Kabupaten Alor"') for n in "abc"}
    files["content/d.md"] = article(location='"2, Page, Kabupaten Alor"')
    outcome = build_cli(tmp_path, files, {"page_size": 2})
    assert outcome.errors == [
        "content/d.md:5: error: place '2' has the URL /lokasi/kabupaten-alor/page/2/ of a list page"
    ]


# ==== 7. symbolic links never bring in a byte from outside the site ==========================================


def secret(root: Path) -> Path:
    folder = root / "rahasia"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kunci.md").write_text(article(title="RAHASIA-ARTIKEL", slug="rahasia"))
    (folder / "kunci.css").write_text("/* RAHASIA-CSS */")
    return folder


def no_secret(outcome: Outcome) -> None:
    for name, data in outcome.files().items():
        assert b"RAHASIA" not in data, name


def test_a_linked_article_outside_the_site_is_skipped_with_a_warning(tmp_path: Path) -> None:
    outside = secret(tmp_path)

    def prepare(site: Path) -> None:
        (site / "content" / "kunci.md").symlink_to(outside / "kunci.md")
        (site / "assets" / "kunci.css").symlink_to(outside / "kunci.css")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 0
    assert outcome.diagnostics == [
        "assets/kunci.css: warning: symbolic link points outside the site; skipped",
        "content/kunci.md: warning: symbolic link points outside the site; skipped",
    ]
    no_secret(outcome)


def test_a_linked_folder_is_not_followed_and_a_link_loop_does_not_hang(tmp_path: Path) -> None:
    outside = secret(tmp_path)

    def prepare(site: Path) -> None:
        (site / "content" / "arsip-lama").symlink_to(outside)
        (site / "content" / "naik").symlink_to(site)  # a loop through the site itself

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 0
    assert outcome.diagnostics == [
        "content/arsip-lama: warning: symbolic link to a folder is not followed",
        "content/naik: warning: symbolic link to a folder is not followed",
    ]
    no_secret(outcome)


def test_a_link_inside_the_site_is_followed(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        (site / "draf").mkdir()
        (site / "draf" / "b.md").write_text(article(title="Dari Dalam", slug="b"))
        (site / "content" / "b.md").symlink_to(site / "draf" / "b.md")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert (outcome.exit_code, outcome.diagnostics) == (0, [])
    assert (outcome.output / "2023/12/b/index.html").is_file()


def test_a_file_link_loop_is_a_warning(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        (site / "content" / "b.md").symlink_to("c.md")
        (site / "content" / "c.md").symlink_to("b.md")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 0
    assert outcome.warnings == [
        "content/b.md: warning: symbolic link points outside the site; skipped",
        "content/c.md: warning: symbolic link points outside the site; skipped",
    ]


@pytest.mark.parametrize("folder", ["content", "assets"])
def test_content_or_assets_linked_to_outside_the_site_are_not_followed(tmp_path: Path, folder: str) -> None:
    outside = secret(tmp_path)

    def prepare(site: Path) -> None:
        real = site / f"{folder}-asli"
        (site / folder).rename(real)
        (site / folder).symlink_to(outside)
        if folder == "assets":  # the layouts need their stylesheet: a build must still be possible
            (site / "layouts").joinpath("base.html").write_text(
                (site / "layouts" / "base.html").read_text().replace("{{ 'style.css'|asset }}", "/x.css")
            )

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.warnings == [f"{folder}: warning: symbolic link to a folder is not followed"]
    no_secret(outcome)


def test_a_named_pipe_in_content_does_not_hang_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    from tests.support import write_site

    write_site(site, None, {"content/a.md": article()})
    os.mkfifo(site / "content" / "pipa.md")
    run = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "build", str(site), "--output", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch()},
    )
    try:
        _, stderr = run.communicate(timeout=3)
    except subprocess.TimeoutExpired:
        run.send_signal(signal.SIGKILL)
        run.communicate()
        raise AssertionError("the build hung on a named pipe") from None
    assert b"content/pipa.md: warning: not a regular file; skipped" in stderr


# ==== 8. the output folder is guarded ==========================================================================


def test_the_root_folder_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(SitegenError) as refused:
        check_output_dir(site, Path("/"))
    assert refused.value.message == "refusing to use / as the output folder: it holds the site or your files"


def test_an_output_link_into_content_is_refused(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        (tmp_path / "out").symlink_to(site / "content")

    outcome = build_cli(tmp_path, {"content/a.md": article()}, None, prepare=prepare)
    assert outcome.exit_code == 1
    assert f"Error: refusing to use {tmp_path / 'out'} as the output folder: it is inside content/" in outcome.stderr
    assert sorted(p.name for p in (tmp_path / "site" / "content").iterdir()) == ["a.md"]


def test_a_marker_that_is_a_folder_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "out" / ".sitegen-output").mkdir(parents=True)
    (tmp_path / "out" / "tesis.docx").write_bytes(b"penting")
    outcome = build_cli(tmp_path, {"content/a.md": article()})
    assert outcome.exit_code == 1
    assert (tmp_path / "out" / "tesis.docx").read_bytes() == b"penting"


def test_a_sibling_whose_name_starts_like_the_site_is_a_fine_output(tmp_path: Path) -> None:
    # a prefix check of paths would take site-public for a folder inside site
    site = tmp_path / "site"
    outcome = build_cli(tmp_path, {"content/a.md": article()})
    check_output_dir(site, tmp_path / "site-public")  # no error
    assert outcome.exit_code == 0


# ==== 11. pathological Markdown: a limit per document, the other articles still read ============================

GOOD = article(title="Baik", slug="baik")


def pathological(tmp_path: Path, body: str | bytes) -> Outcome:
    data = body if isinstance(body, bytes) else article(body=body).encode()
    bad = article(editor="", slug="rusak")  # one more broken file: its error is reported too
    outcome = build_cli(tmp_path, {"content/a.md": data, "content/baik.md": GOOD, "content/rusak.md": bad})
    assert outcome.exit_code == 1
    assert "content/rusak.md:4: error: 'editor' must be text, not None" in outcome.errors
    return outcome


def errors_of_a(outcome: Outcome) -> list[str]:
    return [e for e in outcome.errors if e.startswith("content/a.md")]


TOO_DEEP = f"content/a.md:{BODY_LINE}: error: the Markdown is nested too deeply to render"


def too_slow(limit: float) -> str:
    return f"content/a.md:{BODY_LINE}: error: the Markdown takes longer than {limit:g} s to render"


def test_hundreds_of_nested_list_markers(tmp_path: Path) -> None:
    assert errors_of_a(pathological(tmp_path, "- " * 500 + "x")) == [TOO_DEEP]


def test_thousands_of_nested_html_elements(tmp_path: Path) -> None:
    assert errors_of_a(pathological(tmp_path, "<div>" * 100_000 + "<div/>" * 100_000)) == [TOO_DEEP]


# The time limit is tested with slowness of our own: a Markdown step, registered by the test
# alone, that spins on a marker until it is interrupted. No parser's slow path (which a release
# may fix, as Python-Markdown 3.11 fixed nested brackets) is relied on. The spin gives up after
# SPIN_CAP seconds so that a broken limit fails the test instead of hanging the suite.
SPIN = "PUTAR-TERUS"
SPIN_CAP = 60.0


class _Spin(markdown.preprocessors.Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if any(SPIN in line for line in lines):
            give_up = time.monotonic() + SPIN_CAP
            while time.monotonic() < give_up:
                pass
        return lines


@pytest.fixture
def spinning_markdown(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every converter sitegen makes from here on (forked workers included) spins on SPIN."""
    plain = markup.plain_markdown

    def with_spin() -> markdown.Markdown:
        md = plain()
        md.preprocessors.register(_Spin(md), "spin", 100)
        return md

    markup._markdown.cache_clear()
    monkeypatch.setattr(markup, "plain_markdown", with_spin)
    monkeypatch.setattr(markup, "TIME_LIMIT", 0.5)
    yield
    markup._markdown.cache_clear()


@pytest.mark.usefixtures("spinning_markdown")
def test_a_body_that_never_finishes_rendering_hits_the_time_limit(tmp_path: Path) -> None:
    outcome = pathological(tmp_path, f"Paragraf biasa.\n\n{SPIN}\n")
    assert errors_of_a(outcome) == [too_slow(0.5)]
    assert "content/baik.md" not in " ".join(outcome.errors)  # the other articles are read as usual


@pytest.mark.usefixtures("spinning_markdown")
def test_the_time_limit_applies_in_forked_workers(tmp_path: Path) -> None:
    # 250 articles: the build reads them in worker processes (sitegen/parallel.py), forked
    # from this one (so they inherit the spinning converter and the shorter limit)
    files: dict[str, str | bytes] = {f"content/n{n}.md": article(slug=f"n{n}") for n in range(250)}
    files["content/a.md"] = article(body=SPIN)
    outcome = build_cli(tmp_path, files, None, "--jobs", "2")
    assert outcome.errors == [too_slow(0.5)]


@pytest.mark.usefixtures("spinning_markdown")
def test_after_a_time_out_the_next_body_renders_normally() -> None:
    with pytest.raises(TimeoutError):
        markup.render(SPIN)
    assert markup.render("*tetap* bisa") == "<p><em>tetap</em> bisa</p>"


# Real pathological inputs. Whether one renders within the limit depends on the release of
# Python-Markdown (3.10 needed a minute for 20,000 nested brackets, 3.11 a tenth of a second):
# both outcomes are correct, as long as the article either renders or is an error at its line,
# and the build goes on to report the other articles.
PATHOLOGICAL = {
    "nested brackets": "[" * 20_000 + "]" * 20_000,
    "more nested brackets": "[" * 60_000 + "]" * 60_000,
    "nested links": "[a](" * 10_000 + ")" * 10_000,
    "emphasis storm": "*a **b " * 20_000,
    "underscore storm": "_" * 50_000 + "x" + "_" * 50_000,
    "backtick storm": "`" * 30_000 + "x",
    "long table": "| a | b |\n| --- | --- |\n" + "| x | y |\n" * 20_000,
    "wide table": "|" + " a |" * 5_000 + "\n|" + " --- |" * 5_000 + "\n|" + " x |" * 5_000,
    "nested quotes": "> " * 50_000 + "x",
    "nested lists": "\n".join("  " * n + "- x" for n in range(400)),
    "unclosed html comments": "<!--" * 20_000,
    "entity storm": "&amp;" * 100_000,
}


@pytest.mark.parametrize("body", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_a_pathological_body_renders_or_is_an_error_at_its_line(tmp_path: Path, body: str) -> None:
    files = {"content/a.md": article(body=body), "content/baik.md": GOOD}
    outcome = build_cli(tmp_path, files, {"page_budget_kb": 100_000})  # a body this big is heavy
    if outcome.exit_code == 0:
        assert outcome.errors == []
        assert (outcome.output / "2023/12/a/index.html").is_file()
    else:
        assert outcome.errors in ([TOO_DEEP], [too_slow(markup.TIME_LIMIT)])


def test_deeply_nested_raw_quotes_are_refused_before_the_sanitizer_sees_them(tmp_path: Path) -> None:
    # the sanitizer's HTML5 parser is quadratic in depth: 40,000 quotes would take seconds
    assert errors_of_a(pathological(tmp_path, "<blockquote>" * 40_000)) == [TOO_DEEP]


def test_a_ten_megabyte_article_is_refused(tmp_path: Path) -> None:
    outcome = pathological(tmp_path, article(body="Kata " * 2_000_000).encode())
    assert errors_of_a(outcome) == [f"content/a.md:{BODY_LINE}: error: the body is larger than 2 MB"]


def test_the_time_limit_leaves_no_timer_or_handler_behind() -> None:
    handler = signal.getsignal(signal.SIGALRM)
    with pytest.raises(TimeoutError), markup.time_limit(0.05):
        while True:
            pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler
    assert markup.render("*tetap* bisa") == "<p><em>tetap</em> bisa</p>"


def test_the_shipped_site_is_unaffected_by_the_limits() -> None:
    # the limits are far above what a news article needs: the shipped articles render in ms each
    config = SiteConfig(title="T", base_url="https://x.test/")
    assert config.trust_html is False
    for path in sorted((REPO / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        assert markup.render(body).removed == ()  # and no time or depth limit is hit
