"""Raw HTML in an article is sanitized by an allowlist, and every removal is a warning at its line;
``trust_html`` keeps it as written on pages, never in feeds."""

from __future__ import annotations

from pathlib import Path

from tests.hostile_support import ARTICLE, BODY_LINE, build_cli, feed, site_problems
from tests.support import article

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
