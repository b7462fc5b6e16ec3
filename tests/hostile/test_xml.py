"""XML is always well-formed: characters XML forbids are removed and CDATA end markers end nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.hostile_support import ARTICLE, build_cli, dom, feed, site_problems, text_of
from tests.support import article


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


def test_sitemaps_carry_url_escaped_addresses(tmp_path: Path) -> None:
    files = {"content/a.md": article(slug="kafe-\u00e9", tags="[Kamtibmas \u8b66\u5bdf]", location="Desa Ταξι, Kupang")}
    outcome = build_cli(tmp_path, files)
    assert (outcome.exit_code, outcome.errors) == (0, [])
    locs = []
    for name in ("sitemap.xml", "sitemap-news.xml"):
        locs += [e.text or "" for e in ET.fromstring(outcome.files()[name]).iter() if e.tag.endswith("}loc")]
    assert "https://warta-uji.test/2023/12/kafe-%C3%A9/" in locs
    assert "https://warta-uji.test/tag/kamtibmas-%E8%AD%A6%E5%AF%9F/" in locs
    assert "https://warta-uji.test/lokasi/kupang/desa-%CF%84%CE%B1%CE%BE%CE%B9/" in locs
    assert all(loc.isascii() for loc in locs), locs
