"""Raw HTML in an article is sanitized by an allowlist, and every removal is a warning at its line;
``trust_html`` keeps it as written on pages, never in feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.read.sanitize import CONTROL_CHARS
from tests.hostile_support import ARTICLE, BODY_LINE, build_cli, dom, feed, site_problems
from tests.support import article, photo

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
    # the embed the sanitizer keeps is no video (an ID of six characters): a plain link, no iframe
    assert '<a href="https://www.youtube.com/embed/abc123">Video</a>' in page and "<iframe" not in page
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


# -- photos are rewritten on real <img> tags only ---------------------------------------------------

LINK_TITLE_ATTACK = (
    'Lihat [laporan](https://polri.go.id/ "<img src=foto.jpg alt=x><script>alert(document.domain)</script>").\n\n'
    "![Foto kegiatan](foto.jpg)"
)


def test_an_img_inside_a_link_title_stays_text_and_only_the_real_photo_becomes_a_picture(tmp_path: Path) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body=LINK_TITLE_ATTACK), "content/foto.jpg": photo()})
    assert (outcome.exit_code, outcome.diagnostics) == (0, [])
    root = dom(outcome, ARTICLE)
    links = [a for a in root.iter("a") if a.get("href") == "https://polri.go.id/"]
    assert [a.get("title") for a in links] == ["<img src=foto.jpg alt=x><script>alert(document.domain)</script>"]
    assert [p.find("img").get("alt") for p in root.iter("picture")] == ["Foto kegiatan"]
    assert site_problems(outcome.output) == []  # no script but the layouts' own
    content = feed(outcome).entries[0].content[0].value
    assert "<script" not in content and content.count("<img ") == 1


# -- what is reported removed is removed ------------------------------------------------------------

CITES = {
    "javascript": ('<blockquote cite="javascript:alert(1)">Kutipan</blockquote>', "javascript"),
    "data": ('Kata <q cite="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">kutipan</q>.', "data"),
    "mixed case, spaces": ('<q cite=" JaVaScRiPt:alert(1)">kutipan</q>', "javascript"),
    "an encoded tab inside": ('<q cite="java&#x09;script:alert(1)">kutipan</q>', "javascript"),
}


@pytest.mark.parametrize(("body", "scheme"), CITES.values(), ids=CITES.keys())
def test_a_cite_with_a_refused_scheme_is_removed_as_reported(tmp_path: Path, body: str, scheme: str) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body=body)})
    tag = "blockquote" if "blockquote" in body else "q"
    assert outcome.diagnostics == [f"content/a.md:{BODY_LINE}: warning: removed the {scheme}: URL of <{tag}>"]
    page = outcome.text(ARTICLE)
    content = feed(outcome).entries[0].content[0].value
    for text in (page, content):
        assert "cite=" not in text and "alert" not in text


IFRAME_PATHS = [
    "https://www.youtube.com/embed/../../attribution_link?u=/watch%3Fv%3Dx",
    "https://www.youtube.com/embed/%2e%2e/%2E%2E/attribution_link?u=x",
    "https://www.youtube.com/embed/..%2f..%2fattribution_link",
    "https://www.youtube.com/embed/%252e%252e/redirect",
    "https://www.youtube.com/embed/x\\..\\..\\redirect?q=x",
    "https://www.youtube.com/embed/./../redirect",
]


@pytest.mark.parametrize("src", IFRAME_PATHS)
def test_an_embed_path_that_climbs_out_of_embed_is_refused(tmp_path: Path, src: str) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": article(body=f'<iframe src="{src}"></iframe>')})
    assert outcome.diagnostics == [
        f"content/a.md:{BODY_LINE}: warning: removed the src of <iframe>: only YouTube embeds "
        "(https://www.youtube.com/embed/…) are kept"
    ]
    page = outcome.text(ARTICLE)  # an iframe without its address is left out
    assert "<iframe" not in page and "redirect" not in page


IFRAME_CONTENT = {
    "script": "<script>alert(document.domain)</script>",
    "img": '<img src=x onerror="alert(1)">',
    "fake end": "</ iframe><script>alert(1)</script>",
    "comment": "<!-- <script>alert(1)</script> -->",
}


@pytest.mark.parametrize("inside", IFRAME_CONTENT.values(), ids=IFRAME_CONTENT.keys())
def test_the_text_inside_an_iframe_is_dropped(tmp_path: Path, inside: str) -> None:
    body = f'<iframe src="https://www.youtube.com/embed/abc" title="Video">{inside}</iframe>\n\nPenutup.'
    outcome = build_cli(tmp_path, {"content/a.md": article(body=body)})
    assert outcome.exit_code == 0
    page = outcome.text(ARTICLE)
    assert '<a href="https://www.youtube.com/embed/abc">Video</a>' in page and "<iframe" not in page
    content = feed(outcome).entries[0].content[0].value
    for text in (page, content):
        assert "alert" not in text and "onerror" not in text


def test_photo_texts_lose_control_characters(tmp_path: Path) -> None:
    image = '{src: foto.jpg, alt: "Foto\\x01 apel\\x7f", caption: "Apel\\x85 pagi\\uFFFE", credit: "Humas\\x08"}'
    body = "![Dua&#1;&#x7f;](foto2.jpg)"
    files = {"content/a.md": article(body=body, image=image), "content/foto.jpg": photo(), "content/foto2.jpg": photo()}
    outcome = build_cli(tmp_path, files)
    assert outcome.exit_code == 0
    page = outcome.text(ARTICLE)
    assert CONTROL_CHARS.search(page) is None
    assert '<meta property="og:image:alt" content="Foto apel">' in page
    assert "Apel pagi" in page and "Foto: Humas<" in page and 'alt="Dua"' in page
    assert CONTROL_CHARS.search((outcome.output / "feed.xml").read_text(encoding="utf-8")) is None
