"""feed.xml (RSS 2.0 read by feedparser), sitemap.xml and robots.txt of a built scratch site."""

from __future__ import annotations

import calendar
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import html5lib
import pytest

from sitegen.build import BuildResult
from tests.support import MakeSite, article, build_site, photo

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
}
BASE = "https://warta-uji.test/"

LINKS_BODY = """\
Paragraf pembuka dengan [tautan relatif](../../10/belu/), [tautan ke topik](/tag/polri/) dan
[sumber](https://polri.go.id/berita?id=1&hal=2).

![Personel Polres Alor](foto/logistik.jpg)

Hubungi [redaksi](mailto:redaksi@warta-uji.test) atau lihat [bagian ini](#kronologi).
"""

FILES = {
    "content/2023/zebra.md": article(date="2023-09-05 09:00:00+07:00", tags="[Polri, Lalu Lintas]", editor="Yohanes"),
    "content/2023/belu.md": article(date="2023-10-20 09:40", tags='[polri, "Jum\'at Curhat"]', editor="Maria Ndoen"),
    "content/2023/falas.md": article(date="2023-12-03 10:30", body=LINKS_BODY, tags="[Polri, Bakti Sosial]"),
    "content/2024/alor.md": article(date="2024-02-12", editor="Tim Humas & Redaksi", dateline="Kalabahi"),
    "content/2024/kontrol.md": article(
        date="2024-03-06 10:10",
        title='"Longsor\\x01 di Trans\\x08Flores"',
        summary='"Ringkasan\\x0b bersih"',
        body="Isi\x0b dengan\x1f karakter\x7f kendali\x08.",
    ),
    "content/2099/jadwal.md": article(date="2099-01-01 08:00"),
    "content/2023/foto/logistik.jpg": photo(900, 600),
}
PHOTO = r"img/[0-9a-f]{16}-800\.jpg"  # a body photo in a feed: its middle JPEG


@pytest.fixture
def built(make_site: MakeSite) -> BuildResult:
    return build_site(make_site({"feed_size": 4, "page_size": 2}, FILES))


def parse(result: BuildResult) -> Any:
    data = (result.output / "feed.xml").read_bytes()
    # Raw: feedparser must neither fix relative links nor sanitize, so the feed itself is checked.
    return feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)


def test_feed_is_well_formed_rss_2(built: BuildResult) -> None:
    feed = parse(built)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.encoding == "utf-8"
    root = ET.fromstring((built.output / "feed.xml").read_bytes())
    assert (root.tag, root.get("version")) == ("rss", "2.0")


def test_channel(built: BuildResult) -> None:
    feed = parse(built)
    assert feed.feed.title == "Warta Uji NTT"
    assert feed.feed.link == BASE
    assert feed.feed.language == "id"
    assert {"rel": "self", "type": "application/rss+xml", "href": BASE + "feed.xml"} in feed.feed.links
    assert feed.feed.generator == "sitegen"
    # the newest item's date, never the clock
    assert feed.feed.updated == "Wed, 06 Mar 2024 10:10:00 +0800"


def test_item_count_is_feed_size_newest_first(built: BuildResult) -> None:
    feed = parse(built)
    published = built.site.articles
    assert len(published) == 5
    assert len(feed.entries) == min(4, len(published)) == 4
    assert [e.link for e in feed.entries] == [BASE + a.path.lstrip("/") for a in published[:4]]
    stamps = [calendar.timegm(e.published_parsed) for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)


def test_item_count_is_every_article_when_fewer_than_feed_size(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES))
    assert len(parse(result).entries) == len(result.site.articles) == 5


def test_item_dates_are_the_article_dates(built: BuildResult) -> None:
    feed = parse(built)
    for entry, item in zip(feed.entries, built.site.articles, strict=False):
        assert calendar.timegm(entry.published_parsed) == int(item.date.timestamp()), entry.link
    raw = (built.output / "feed.xml").read_text()
    dates = re.findall(r"<pubDate>(.*?)</pubDate>", raw)
    assert dates == [
        "Wed, 06 Mar 2024 10:10:00 +0800",
        "Mon, 12 Feb 2024 00:00:00 +0800",
        "Sun, 03 Dec 2023 10:30:00 +0800",
        "Fri, 20 Oct 2023 09:40:00 +0800",
    ]


def test_items_link_guid_creator_categories(built: BuildResult) -> None:
    feed = parse(built)
    alor = next(e for e in feed.entries if e.link.endswith("/2024/02/alor/"))
    assert alor.id == alor.link == BASE + "2024/02/alor/"
    raw = (built.output / "feed.xml").read_text()
    assert f'<guid isPermaLink="true">{BASE}2024/02/alor/</guid>' in raw
    assert alor.author == "Tim Humas & Redaksi"
    falas = next(e for e in feed.entries if e.link.endswith("/2023/12/falas/"))
    assert [t.term for t in falas.tags] == ["Polri", "Bakti Sosial"]
    assert falas.summary.startswith("Paragraf pembuka dengan tautan relatif, tautan ke topik dan sumber.")


def test_categories_use_the_merged_tag_name(built: BuildResult) -> None:
    # belu.md writes 'polri'; the build warns that it is filed under 'Polri'. The feed must file it
    # there too, or feed readers show two topics the site merged.
    feed = parse(built)
    belu = next(e for e in feed.entries if e.link.endswith("/2023/10/belu/"))
    assert [t.term for t in belu.tags] == ["Polri", "Jum'at Curhat"]


def test_links_inside_content_are_absolute(built: BuildResult) -> None:
    feed = parse(built)
    falas = next(e for e in feed.entries if e.link.endswith("/2023/12/falas/"))
    content = falas.content[0].value
    urls = re.findall(r'(?:href|src)="([^"]*)"', content)
    assert re.fullmatch(re.escape(BASE) + PHOTO, urls.pop(3))
    assert urls == [
        BASE + "2023/10/belu/",
        BASE + "tag/polri/",
        "https://polri.go.id/berita?id=1&amp;hal=2",
        "mailto:redaksi@warta-uji.test",
        BASE + "2023/12/falas/#kronologi",
    ]
    assert all(urlsplit(u).scheme in ("https", "mailto") for u in urls)


def test_links_inside_content_are_absolute_under_a_base_path(make_site: MakeSite) -> None:
    result = build_site(make_site(files=FILES), base_url="https://x.github.io/portal/")
    falas = next(e for e in parse(result).entries if e.link.endswith("/2023/12/falas/"))
    assert falas.link == "https://x.github.io/portal/2023/12/falas/"
    assert 'href="https://x.github.io/portal/2023/10/belu/"' in falas.content[0].value
    assert re.search(f'src="https://x.github.io/portal/{PHOTO}"', falas.content[0].value)


def test_content_text_that_looks_like_an_attribute_is_not_rewritten(make_site: MakeSite) -> None:
    # Only href/src attributes are links; the words of a story are not.
    body = 'Petugas menulis src="foto.jpg" di papan, dan [foto](foto.jpg).'
    result = build_site(make_site(files={"content/2023/papan.md": article(body=body)}))
    (entry,) = parse(result).entries
    fragment = html5lib.parseFragment(entry.content[0].value, namespaceHTMLElements=False)
    assert "".join(fragment.itertext()) == 'Petugas menulis src="foto.jpg" di papan, dan foto.'
    assert 'href="https://warta-uji.test/2023/12/papan/foto.jpg"' in entry.content[0].value


def test_dateline_is_in_the_full_text_but_not_the_description(built: BuildResult) -> None:
    feed = parse(built)
    alor = next(e for e in feed.entries if e.link.endswith("/2024/02/alor/"))
    # feedparser drops class attributes; the dateline text opens the first paragraph
    assert alor.content[0].value.startswith("<p><span>KALABAHI, Warta Uji NTT</span> – Isi berita.")
    assert alor.summary == "Isi berita."


def test_control_characters_are_removed(built: BuildResult) -> None:
    data = (built.output / "feed.xml").read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data)
    feed = parse(built)
    assert feed.bozo == 0
    entry = feed.entries[0]
    assert entry.link == BASE + "2024/03/kontrol/"
    assert entry.title == "Longsor di TransFlores"
    assert entry.summary == "Ringkasan bersih"
    # DEL is allowed in XML but is an invisible control character that strict HTML parsers
    # reject: it is removed from the body when the article is read
    assert entry.content[0].value == "<p>Isi dengan karakter kendali.</p>"


def test_held_articles_are_not_in_the_feed(built: BuildResult) -> None:
    assert b"jadwal" not in (built.output / "feed.xml").read_bytes()


def test_empty_site_has_a_valid_feed_without_items(make_site: MakeSite) -> None:
    result = build_site(make_site())
    feed = parse(result)
    assert feed.bozo == 0
    assert feed.entries == []
    assert b"lastBuildDate" not in (result.output / "feed.xml").read_bytes()


# --- sitemap and robots -----------------------------------------------------------------------------------------


def test_sitemap_lists_every_public_page_with_absolute_urls(built: BuildResult) -> None:
    root = ET.fromstring((built.output / "sitemap.xml").read_bytes())
    entries = [
        (url.findtext("sm:loc", namespaces=NS), url.findtext("sm:lastmod", namespaces=NS))
        for url in root.findall("sm:url", NS)
    ]
    assert entries[:8] == [
        # a list page was last modified when its newest story was
        (BASE, "2024-03-06T10:10:00+08:00"),
        (BASE + "page/2/", "2023-12-03T10:30:00+08:00"),
        (BASE + "page/3/", "2023-09-05T09:00:00+07:00"),
        (BASE + "2024/03/kontrol/", "2024-03-06T10:10:00+08:00"),
        (BASE + "2024/02/alor/", "2024-02-12T00:00:00+08:00"),
        (BASE + "2023/12/falas/", "2023-12-03T10:30:00+08:00"),
        (BASE + "2023/10/belu/", "2023-10-20T09:40:00+08:00"),
        (BASE + "2023/09/zebra/", "2023-09-05T09:00:00+07:00"),
    ]
    locs = [loc for loc, _ in entries]
    assert BASE + "tag/" in locs and BASE + "tag/jumat-curhat/" in locs
    assert BASE + "404.html" not in locs
    assert not any("jadwal" in (loc or "") for loc in locs)
    pages = {p.path for p in built.site.pages if p.in_sitemap}
    assert sorted(locs) == sorted(BASE + p.lstrip("/") for p in pages)


def test_sitemap_lastmod_is_updated_when_given(make_site: MakeSite) -> None:
    result = build_site(make_site(files={"content/a.md": article(updated="2023-12-05 08:00")}))
    assert "<lastmod>2023-12-05T08:00:00+08:00</lastmod>" in (result.output / "sitemap.xml").read_text()


def test_robots_txt(built: BuildResult) -> None:
    assert (built.output / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\nSitemap: {BASE}sitemap-news.xml\n"
    )


STYLESHEET = re.compile(r'<\?xml-stylesheet type="text/xsl" href="(/(?:portal/)?assets/feed\.[0-9a-f]{8}\.xsl)"\?>')


@pytest.mark.parametrize("base_url", [BASE, "https://x.github.io/portal/"])
def test_feeds_and_sitemaps_name_the_sites_own_xslt_page(make_site: MakeSite, base_url: str) -> None:
    site = make_site({"base_url": base_url}, FILES)
    out = build_site(site).output
    named = set()
    place = "lokasi/kabupaten-timor-tengah-selatan/feed.xml"
    for name in ("feed.xml", "tag/polri/feed.xml", place, "sitemap.xml", "sitemap-news.xml"):
        lines = (out / name).read_text(encoding="utf-8").splitlines()
        assert lines[0] == '<?xml version="1.0" encoding="utf-8"?>', name
        found = STYLESHEET.fullmatch(lines[1])
        assert found is not None, (name, lines[1])
        named.add(found[1])
    (path,) = named  # one stylesheet, fingerprinted, on the site's own host (a browser applies no other)
    assert path.startswith(urlsplit(base_url).path)
    published = out / path.removeprefix(urlsplit(base_url).path)
    assert published.read_bytes() == (site / "assets/feed.xsl").read_bytes()
    assert not re.search(rb"disable-output-escaping\s*=", published.read_bytes())  # titles are content
    assert feedparser.parse((out / "feed.xml").read_bytes()).bozo == 0


def test_a_site_without_the_stylesheet_writes_plain_feeds(make_site: MakeSite) -> None:
    site = make_site(files=FILES)
    (site / "assets/feed.xsl").unlink()
    result = build_site(site)
    for name in ("feed.xml", "sitemap.xml"):
        assert "xml-stylesheet" not in (result.output / name).read_text(encoding="utf-8")


def test_feed_and_sitemap_are_the_same_bytes_on_every_build(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(files=FILES)
    first = build_site(site, output=tmp_path / "a")
    second = build_site(site, output=tmp_path / "b")
    for name in ("feed.xml", "sitemap.xml", "robots.txt", "index.html"):
        assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name


@pytest.mark.parametrize(
    "value", ["", "plain", "a & b < c > d", 'say "hi"', "it's", "both \" and '", "tab\there\nnew\rline", "x\x00\x1fy"]
)
def test_xml_escaping_matches_the_standard_library(value: str) -> None:
    from xml.sax.saxutils import escape, quoteattr

    from sitegen.render.feeds import xml_attr, xml_text

    cleaned = value.replace("\x00", "").replace("\x1f", "")
    assert xml_text(value) == escape(cleaned)
    assert xml_attr(value) == quoteattr(cleaned)
