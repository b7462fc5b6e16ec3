"""Feeds, sitemaps and robots.txt as sitegen/render/feeds.py writes them: exact XML, every value
escaped once, characters XML forbids removed, and only the items a feed or window should hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from sitegen.config import SiteConfig
from sitegen.plan.model import Card
from sitegen.read.articles import Article, read_article
from sitegen.render import feeds
from tests.support import article

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/", description="Berita <NTT> & sekitarnya")
WITA = dt.timezone(dt.timedelta(hours=8))

CHANNEL = """\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" \
xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Topik: Fish &amp; Chips</title>
<link>https://warta-uji.test/tag/fish-chips/</link>
<description>Berita &lt;NTT&gt; &amp; sekitarnya</description>
<language>id</language>
<atom:link href="https://warta-uji.test/tag/fish-chips/feed.xml" rel="self" type="application/rss+xml"/>
<generator>sitegen</generator>
<lastBuildDate>Sun, 03 Dec 2023 10:30:00 +0800</lastBuildDate>
"""

ITEM = """\
<item>
<title>Banjir &lt;b&gt;di&lt;/b&gt; Kupang &amp; SoE</title>
<link>https://warta-uji.test/2023/12/a/</link>
<guid isPermaLink="true">https://warta-uji.test/2023/12/a/</guid>
<pubDate>Sun, 03 Dec 2023 10:30:00 +0800</pubDate>
<dc:creator>Sefnat Besie</dc:creator>
<category>Polri</category>
<category>Fish &amp; Chips</category>
<description>Ringkasan &amp; &lt;i&gt;x&lt;/i&gt;</description>
"""


def read(config: SiteConfig = CONFIG, **fields: Any) -> Article:
    result = read_article(f"content/{fields.get('slug', 'a')}.md", article(**fields).encode(), config)
    assert result.article is not None, result.diagnostics
    return result.article


HOSTILE = read(
    body="Lihat [berita lain](/2023/12/b/) & <b>foto</b>.",
    title='"Banjir <b>di</b> Kupang & SoE"',
    tags="[Polri, Fish & Chips]",
    summary='"Ringkasan & <i>x</i>"',
    dateline="Kupang",
)


def tag_feed(items: list[Card], bodies: list[Article] | None = None, config: SiteConfig = CONFIG) -> str:
    return feeds.rss(config, items, "/tag/fish-chips/feed.xml", "/tag/fish-chips/", "Topik: Fish & Chips", bodies)


def test_a_feed_of_one_item_is_exactly_this_xml() -> None:
    assert tag_feed([Card.of(CONFIG, HOSTILE, {})]) == CHANNEL + ITEM + "</item>\n</channel>\n</rss>\n"


def test_the_full_text_is_html_escaped_once_with_absolute_links_and_the_dateline() -> None:
    encoded = (
        "<content:encoded>&lt;p&gt;&lt;span&gt;KUPANG, Warta Uji NTT&lt;/span&gt; – Lihat "
        '&lt;a href="https://warta-uji.test/2023/12/b/" rel="noopener"&gt;berita lain&lt;/a&gt; '
        "&amp;amp; &lt;b&gt;foto&lt;/b&gt;.&lt;/p&gt;</content:encoded>\n"
    )
    feed = tag_feed([Card.of(CONFIG, HOSTILE, {})], [HOSTILE])
    assert feed == CHANNEL + ITEM + encoded + "</item>\n</channel>\n</rss>\n"


def test_a_feed_holds_the_first_feed_size_items_dated_by_the_newest_of_them() -> None:
    config = dataclasses.replace(CONFIG, feed_size=2)
    newest = Card.of(config, read(config, slug="c", title="Tiga", date="2023-12-05 08:00"), {})
    edited = dataclasses.replace(
        Card.of(config, read(config, slug="b", title="Dua", date="2023-12-04 08:00"), {}),
        updated=dt.datetime(2023, 12, 6, 9, 15, tzinfo=WITA),
    )
    oldest = Card.of(config, read(config, slug="a", title="Satu", date="2023-12-03 08:00"), {})
    feed = tag_feed([newest, edited, oldest], config=config)
    assert [line for line in feed.splitlines() if line.startswith("<title>")][1:] == [
        "<title>Tiga</title>",
        "<title>Dua</title>",
    ]
    assert "<lastBuildDate>Wed, 06 Dec 2023 09:15:00 +0800</lastBuildDate>" in feed.splitlines()


def test_a_feed_without_items_has_no_date() -> None:
    feed = tag_feed([])
    assert "lastBuildDate" not in feed and "<item>" not in feed
    assert feed.endswith("<generator>sitegen</generator>\n</channel>\n</rss>\n")


@pytest.mark.parametrize(
    ("value", "text", "attribute"),
    [
        ("Fish & Chips <b>", "Fish &amp; Chips &lt;b&gt;", '"Fish &amp; Chips &lt;b&gt;"'),
        ("Ban\x01jir\x0b di\ufffe Kupang", "Banjir di Kupang", '"Banjir di Kupang"'),
        ('kata "kutip"', 'kata "kutip"', "'kata \"kutip\"'"),
        ('it\'s "x"', 'it\'s "x"', '"it\'s &quot;x&quot;"'),
        ("baris\nbaru\ttab", "baris\nbaru\ttab", '"baris&#10;baru&#9;tab"'),
    ],
    ids=["markup", "forbidden-characters", "double-quote", "both-quotes", "whitespace"],
)
def test_xml_text_and_attributes_are_escaped_and_cleaned(value: str, text: str, attribute: str) -> None:
    assert feeds.xml_text(value) == text
    assert feeds.xml_attr(value) == attribute


def test_the_sitemap_lists_absolute_urls_with_their_last_change() -> None:
    config = dataclasses.replace(CONFIG, base_url="https://warta-uji.test/berita/")
    changed = dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)
    assert feeds.sitemaps(config, [("/", None), ("/2023/12/a&b/", changed)]) == {
        "sitemap.xml": '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<url>\n<loc>https://warta-uji.test/berita/</loc>\n</url>\n"
        "<url>\n<loc>https://warta-uji.test/berita/2023/12/a&amp;b/</loc>\n"
        "<lastmod>2023-12-03T10:30:00+08:00</lastmod>\n</url>\n"
        "</urlset>\n"
    }


def test_past_the_limit_the_sitemap_is_an_index_of_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 2)
    changed = dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)
    files = feeds.sitemaps(CONFIG, [("/a/", None), ("/b/", changed), ("/c/", None)])
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    assert files["sitemap.xml"].splitlines()[2:] == [
        "<sitemap>",
        "<loc>https://warta-uji.test/sitemap-1.xml</loc>",
        "<lastmod>2023-12-03T10:30:00+08:00</lastmod>",
        "</sitemap>",
        "<sitemap>",
        "<loc>https://warta-uji.test/sitemap-2.xml</loc>",
        "</sitemap>",
        "</sitemapindex>",
    ]
    assert files["sitemap-2.xml"].count("<loc>") == 1 and "https://warta-uji.test/c/" in files["sitemap-2.xml"]


def test_the_news_sitemap_holds_the_last_48_hours_only() -> None:
    inside = read(slug="baru", title='"Baru & <hangat>"', date="2023-12-03 10:30")
    outside = read(slug="lama", title="Lama", date="2023-12-01 09:00")
    future = read(slug="esok", title="Esok", date="2023-12-05 10:30")
    now = dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA) + dt.timedelta(hours=47)
    news = feeds.news_sitemap(CONFIG, [future, inside, outside], now)
    assert news.splitlines()[2:] == [
        "<url>",
        "<loc>https://warta-uji.test/2023/12/baru/</loc>",
        "<news:news>",
        "<news:publication>",
        "<news:name>Warta Uji NTT</news:name>",
        "<news:language>id</news:language>",
        "</news:publication>",
        "<news:publication_date>2023-12-03T10:30:00+08:00</news:publication_date>",
        "<news:title>Baru &amp; &lt;hangat&gt;</news:title>",
        "</news:news>",
        "</url>",
        "</urlset>",
    ]


def test_robots_txt_names_both_sitemaps_under_the_base_path() -> None:
    config = dataclasses.replace(CONFIG, base_url="https://warta-uji.test/berita/")
    assert feeds.robots(config) == (
        "User-agent: *\nAllow: /\n\n"
        "Sitemap: https://warta-uji.test/berita/sitemap.xml\n"
        "Sitemap: https://warta-uji.test/berita/sitemap-news.xml\n"
    )
