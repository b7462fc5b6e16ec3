"""The conversion of a post's HTML to Markdown, construct by construct."""

from __future__ import annotations

import pytest

from sitegen.commands.importing.html_to_markdown import to_markdown
from sitegen.commands.importing.model import Attachment
from sitegen.commands.importing.wordpress_content import autop, expand
from sitegen.read.markup import render

VIDEO = (
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="YouTube" width="560" height="315" '
    'allowfullscreen loading="lazy"></iframe>'
)


def md(html: str) -> str:
    return to_markdown(html).markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>Polri &amp; warga</p>", "Polri & warga\n"),
        ("<p>“Polri” – ‘Kamtibmas’…</p>", "“Polri” – ‘Kamtibmas’…\n"),
        ("<p>&amp;amp; &lt;script&gt; a &lt; b</p>", "&amp;amp; &lt;script> a < b\n"),
        ("<p>5 * 3 = 15_000 [catatan] `kode` a|b \\</p>", "5 \\* 3 = 15\\_000 \\[catatan\\] \\`kode\\` a\\|b \\\\\n"),
        ("<p>&nbsp;</p><p>isi</p>", "isi\n"),
    ],
)
def test_text_comes_through_exactly(html: str, markdown: str) -> None:
    assert md(html) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p># bukan judul</p>", "\\# bukan judul\n"),
        ("<p>2019. Tahun</p>", "2019\\. Tahun\n"),
        ("<p>- bukan daftar</p><p>+ juga</p>", "\\- bukan daftar\n\n\\+ juga\n"),
        ("<p>&gt; bukan kutipan</p>", "\\> bukan kutipan\n"),
        ("<p>===</p>", "&#61;==\n"),
        ("<p>a<br>- b</p>", "a<br>\n\\- b\n"),
    ],
)
def test_what_opens_a_line_is_escaped(html: str, markdown: str) -> None:
    assert md(html) == markdown


def test_escaped_text_renders_as_the_original_text() -> None:
    text = "5 * 3 = 15_000 [catatan] &lt;b&gt; “Polri” &amp;amp;"
    assert render(md(f"<p>{text}</p>")) == f"<p>{text}</p>"


def test_headings_emphasis_and_links() -> None:
    html = (
        "<h1>Satu</h1><h3>Tiga <em>miring</em></h3>"
        '<p><strong>Tebal </strong>dan <a href="https://a.id/x y" title="Judul &quot;a&quot;">tautan</a> '
        '<a href="javascript:alert(1)">jahat</a> <b></b></p>'
    )
    assert md(html) == (
        '## Satu\n\n### Tiga *miring*\n\n**Tebal** dan [tautan](https://a.id/x%20y "Judul &quot;a&quot;") jahat\n'
    )


def test_nested_lists() -> None:
    html = (
        "<ul><li>satu<ul><li>dua</li><li>tiga<ol start='3'><li>x</li><li>y</li></ol></li></ul></li><li>empat</li></ul>"
    )
    assert md(html) == "- satu\n    - dua\n    - tiga\n        3. x\n        4. y\n- empat\n"
    assert render(md(html)).count("<ul>") == 2


def test_unclosed_list_items_and_paragraphs() -> None:
    assert md("<ul><li>a<li>b</ul><p>c<p>d") == "- a\n- b\n\nc\n\nd\n"


def test_blockquotes_and_code() -> None:
    html = (
        "<blockquote><p>satu</p><p>dua</p></blockquote>"
        "<p>Pakai <code>a`b</code></p><pre><code>x &lt; y\n  z</code></pre>"
    )
    assert md(html) == "> satu\n>\n> dua\n\nPakai ``a`b``\n\n```\nx < y\n  z\n```\n"


def test_tables_are_kept_as_html_with_the_attributes_sitegen_keeps() -> None:
    html = (
        '<table border="1" class="x"><tr><th scope="col">A</th></tr>'
        '<tr><td colspan="2" style="color:red">a &amp; b</td></tr></table>'
    )
    assert md(html) == (
        '<table>\n<tr>\n<th scope="col">A</th></tr>\n<tr>\n<td colspan="2">a &amp; b</td></tr>\n</table>\n'
    )


def test_captions_become_a_photo_and_an_italic_line() -> None:
    content = expand(
        '[caption id="attachment_5" align="aligncenter" width="300"]<img src="/a.jpg" alt="" /> '
        "Kapolres <em>menyapa</em> warga[/caption]"
    )
    assert md(content.html) == "![Kapolres menyapa warga](/a.jpg)\n\n*Kapolres menyapa warga*\n"


def test_old_caption_attribute() -> None:
    content = expand(
        '[caption id="" align="alignleft" width="200" caption="Pos jaga"]<img src="/b.jpg" alt="Pos" />[/caption]'
    )
    assert md(content.html) == "![Pos](/b.jpg)\n\n*Pos jaga*\n"


def test_youtube_in_every_spelling() -> None:
    html = (
        '<iframe src="http://www.youtube.com/embed/dQw4w9WgXcQ?rel=0" frameborder="0"></iframe>'
        "<p>https://youtu.be/dQw4w9WgXcQ</p>"
        '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>'
    )
    assert md(html) == f"{VIDEO}\n\n{VIDEO}\n\n{VIDEO}\n"
    content = expand(
        "[embed]https://youtu.be/dQw4w9WgXcQ[/embed]\n\nTeks\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n"
    )
    assert md(content.html) == f"{VIDEO}\n\nTeks\n\n{VIDEO}\n"


def test_other_iframes_become_links_with_a_warning() -> None:
    result = to_markdown('<p>a</p>\n<iframe src="https://maps.example/x"></iframe>')
    assert result.markdown == "a\n\n[https://maps.example/x](https://maps.example/x)\n"
    assert result.warnings == ((2, "embed of https://maps.example/x is no YouTube video: kept as a link"),)


def test_wpautop_paragraphs_and_line_breaks() -> None:
    assert autop("Satu\nbaris\n\nDua\n\n<ul>\n<li>a</li>\n</ul>\n\n<pre>x\n\ny</pre>") == (
        "<p>Satu<br>\nbaris</p>\n\n<p>Dua</p>\n\n<ul>\n<li>a</li>\n</ul>\n\n<pre>x\n\ny</pre>"
    )
    assert md(autop("Satu\nbaris\n\nDua")) == "Satu<br>\nbaris\n\nDua\n"


def test_gutenberg_block_comments_are_removed() -> None:
    content = expand(
        "<!-- wp:paragraph -->\n<p>Isi</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:separator -->\n<hr/>\n<!-- /wp:separator -->"
    )
    assert md(content.html) == "Isi\n\n---\n"


def test_galleries_and_unknown_shortcodes() -> None:
    photos = {"7": Attachment("7", "/g.jpg", title="Galeri", caption="Tujuh")}
    content = expand('Teks [bukan kode]\n\n[gallery ids="7,9"]\n\n[contact-form-7 id="3"]', "1", photos)
    assert md(content.html) == (
        'Teks \\[bukan kode\\]\n\n![Galeri](/g.jpg)\n\n*Tujuh*\n\n\\[contact-form-7 id="3"\\]\n'
    )
    assert content.warnings == [
        (5, "shortcode [contact-form-7] is kept as text: replace it by hand"),
        (3, "[gallery]: no attachment 9 in the export: left out"),
    ]


def test_photo_hook_and_linked_photos() -> None:
    seen = []

    def hook(src: str, alt: str) -> tuple[str, str]:
        seen.append(src)
        return "berita/a.jpg", alt or "Dari lampiran"

    html = (
        '<p><a href="https://x.id/wp-content/uploads/a.jpg">'
        '<img src="https://x.id/wp-content/uploads/a-300x200.jpg" title="T"></a></p>'
    )
    assert to_markdown(html, hook).markdown == '![Dari lampiran](berita/a.jpg "T")\n'


def test_first_paragraph_gives_the_words_for_the_place() -> None:
    assert (
        to_markdown("<h2>Judul</h2><p>SOE – Kapolres <b>hadir</b>.</p><p>Lain</p>").first_paragraph
        == "SOE – Kapolres hadir."
    )
