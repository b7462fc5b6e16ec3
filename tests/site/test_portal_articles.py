"""The portal's article pages and what lists them: related stories, share links,
Open Graph and JSON-LD with hostile values, the sitemaps and the news sitemap, and drafts and
scheduled articles appearing nowhere.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape

from sitegen.build import BuildOptions, BuildResult, build
from sitegen.render import feeds
from sitegen.write import search
from tests.site.test_portal import BASE, TTS, crumbs, dom, read_feed, stories, summaries, text
from tests.support import FIXED_NOW, REPO, MakeSite, article, build_site, formatted, write_site

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def related_links(output: Path, path: str) -> list[tuple[str, str]]:
    section = dom(output, path).find(".//section[@class='related']")
    if section is None:
        return []
    assert text(section.find("h2")) == "Berita Terkait"
    return [(a.get("href"), a.text) for a in section.iterfind("ul/li/a")]


# ---- related stories ----------------------------------------------------------------------------------------

KIE = f"Kecamatan Kie, {TTS}"
RELATED_FILES = {
    "content/a.md": article(date="2023-12-10 10:00", title="A", tags="[Polri, Narkoba]", location=f"Desa Falas, {KIE}"),
    # shares both tags and all three places: 2 × 3 + 3
    "content/b.md": article(date="2023-12-01 10:00", title="B", tags="[Polri, Narkoba]", location=f"Desa Falas, {KIE}"),
    # one tag, district and regency: 3 + 2
    "content/c.md": article(date="2023-12-09 10:00", title="C", tags="[Polri]", location=f"Desa Oinlasi, {KIE}"),
    # one tag: 3, a day away: before the two below, though its path sorts after m
    "content/w.md": article(date="2023-12-11 10:00", title="W", tags="[Narkoba]", location="Kota Kupang"),
    # one tag: 3, two days away each: the path decides (m before z)
    "content/z.md": article(date="2023-12-08 10:00", title="Z", tags="[Narkoba]", location="Kota Kupang"),
    "content/m.md": article(date="2023-12-12 10:00", title="M", tags="[Narkoba]", location="Kota Kupang"),
    # the regency only: 1
    "content/e.md": article(
        date="2023-12-10 11:00", title="E", tags="[Lain]", location=f"Desa Bena, Kecamatan Amanuban Selatan, {TTS}"
    ),
    # nothing shared, however close in time: never related
    "content/f.md": article(date="2023-12-10 10:30", title="F", tags="[Sendiri]", location="Kabupaten Alor"),
}
RANKED_FOR_A = [("/2023/12/b/", "B"), ("/2023/12/c/", "C"), ("/2023/12/w/", "W"), ("/2023/12/m/", "M"),
                ("/2023/12/z/", "Z"), ("/2023/12/e/", "E")]  # fmt: skip


@pytest.mark.parametrize("count", [3, 4, 5])
def test_related_stories_are_chosen_by_shared_tags_and_places_then_time_then_path(
    make_site: MakeSite, count: int
) -> None:
    result = build_site(make_site({"related_count": count}, RELATED_FILES))
    assert related_links(result.output, "/2023/12/a/") == RANKED_FOR_A[:count]
    assert related_links(result.output, "/2023/12/f/") == []  # no story shares anything with it
    assert dom(result.output, "/2023/12/f/").find(".//section[@class='related']") is None


def test_the_default_is_four_and_no_article_relates_to_itself(make_site: MakeSite) -> None:
    result = build_site(make_site(files=RELATED_FILES))
    assert related_links(result.output, "/2023/12/a/") == RANKED_FOR_A[:4]
    for source in RELATED_FILES:
        path = f"/2023/12/{source[8]}/"
        shown = [href for href, _ in related_links(result.output, path)]
        assert path not in shown and len(shown) == len(set(shown)) <= 4, path


def test_related_count_zero_shows_none(make_site: MakeSite) -> None:
    result = build_site(make_site({"related_count": 0}, RELATED_FILES))
    for page in result.output.rglob("*.html"):
        assert b"Berita Terkait" not in page.read_bytes() and b'class="related"' not in page.read_bytes(), page


def cli_build(site: Path, output: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "SOURCE_DATE_EPOCH": str(int(FIXED_NOW.timestamp()))}
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", str(site), "--output", str(output), "--no-cache", "--quiet"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_related_sections_are_the_same_whatever_the_hash_seed_and_file_order(tmp_path: Path) -> None:
    forward = write_site(tmp_path / "forward", None, RELATED_FILES)
    backward = write_site(tmp_path / "backward", None, dict(reversed(RELATED_FILES.items())))
    cli_build(forward, tmp_path / "out1", "1")
    cli_build(backward, tmp_path / "out2", "4242")
    cli_build(forward, tmp_path / "out3", "random")
    paths = [f"/2023/12/{source[8]}/" for source in sorted(RELATED_FILES)]
    sections = [{p: related_links(tmp_path / out, p) for p in paths} for out in ("out1", "out2", "out3")]
    assert sections[0] == sections[1] == sections[2]
    assert sections[0]["/2023/12/a/"] == RANKED_FOR_A[:4]


# ---- the article page with hostile values ------------------------------------------------------------------

HOSTILE = [
    "</script><script>alert(1)</script>",
    "\"quoted\" & 'single' <b>",
    "Fish & Chips",
    "Baris\u2028baru 👮🏽\u200d♀️ C:\\jalan\\n \\u003c/script\\u003e",
]
PUBLISHER = 'Humas "Polda" NTT </script> & Mitra'


def quoted(value: str) -> str:
    """A YAML double-quoted scalar holding exactly ``value``."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\L")
    return f'"{escaped}"'


def one_line(value: str) -> str:
    """Front matter text as sitegen keeps it: runs of whitespace (a line separator too) are one space."""
    return " ".join(value.split())


class Head(HTMLParser):
    """The <meta> tags, <title> and script elements of a page, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.title = ""
        self.scripts: list[dict[str, str | None]] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("property") or values.get("name")):
            key = values.get("property") or values.get("name")
            assert key is not None and values["content"] is not None
            self.meta.setdefault(key, []).append(values["content"])
        self._in_title = tag == "title"
        if tag == "script":
            self.scripts.append(values)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@pytest.fixture(scope="module", params=range(len(HOSTILE)), ids=["script", "quotes", "ampersand", "separator"])
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, BuildResult]:
    value = HOSTILE[request.param]
    files = {
        "content/a.md": article(
            title=quoted(value),
            editor=quoted(f"Editor {value}"),
            location=quoted(f"Desa {value}, Kecamatan Kie, {TTS}"),
            tags=f"[{quoted(value)}, OPERASI ZEBRA]",
            summary=quoted(f"{value} ringkasan"),
            dateline=quoted(value),
        ),
        "content/b.md": article(date="2023-12-01 08:00", title="B", tags="[Operasi Zebra]"),
        "content/c.md": article(date="2023-12-02 08:00", title="C", tags="[Operasi Zebra]"),
    }
    site = write_site(tmp_path_factory.mktemp("hostile") / "site", {"publisher": PUBLISHER}, files)
    result = build_site(site)
    assert formatted(result.report) == [
        "content/a.md:6: warning: tag 'OPERASI ZEBRA' is written 'Operasi Zebra' elsewhere; "
        "both are filed under 'Operasi Zebra'"
    ]
    return value, result


PERMALINK = BASE + "2023/12/a/"


def test_json_ld_round_trips_hostile_values(hostile: tuple[str, BuildResult]) -> None:
    value, result = hostile
    raw = (result.output / "2023/12/a/index.html").read_text(encoding="utf-8")
    blocks = raw.split('<script type="application/ld+json">')
    assert len(blocks) == 2
    script = blocks[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script
    assert "\u2028" not in script and "\u2029" not in script
    assert json.loads(script) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": one_line(value),
        "description": one_line(f"{value} ringkasan"),
        "datePublished": "2023-12-03T10:30:00+08:00",
        "dateModified": "2023-12-03T10:30:00+08:00",
        "author": {"@type": "Person", "name": one_line(f"Editor {value}")},
        "editor": {"@type": "Person", "name": one_line(f"Editor {value}")},
        "contentLocation": {"@type": "Place", "name": one_line(f"Desa {value}, Kecamatan Kie, {TTS}")},
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "mainEntityOfPage": {"@type": "WebPage", "@id": PERMALINK},
        "url": PERMALINK,
        "inLanguage": "id",
        "keywords": [one_line(value), "Operasi Zebra"],  # the tag as the site files it
        "dateline": one_line(value),
    }
    # the layout's own two scripts and nothing else close a script element
    assert raw.count("</script>") == 2 and raw.count("<script") == 2


def test_open_graph_and_twitter_meta_round_trip_escaped_once(hostile: tuple[str, BuildResult]) -> None:
    value, result = hostile
    raw = (result.output / "2023/12/a/index.html").read_text(encoding="utf-8")
    head = Head()
    head.feed(raw)
    title, summary = one_line(value), one_line(f"{value} ringkasan")
    assert head.meta == {
        "viewport": ["width=device-width, initial-scale=1"],
        "description": [summary],
        "og:type": ["article"],
        "og:site_name": ["Warta Uji NTT"],
        "og:title": [title],
        "og:description": [summary],
        "og:url": [PERMALINK],
        "og:locale": ["id_ID"],
        "article:published_time": ["2023-12-03T10:30:00+08:00"],
        "article:tag": [title, "Operasi Zebra"],
        "robots": ["max-image-preview:large"],
        "twitter:card": ["summary"],
        "twitter:title": [title],
        "twitter:description": [summary],
    }
    assert head.title == f"{title} – Warta Uji NTT"
    assert f'<meta property="og:title" content="{escape(title)}">' in raw
    for twice in ("&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;#", "&amp;quot;"):
        assert twice not in raw
    page = dom(result.output, "/2023/12/a/")
    assert text(page.find(".//h1")) == title


def test_share_links_carry_the_encoded_permalink_and_title_and_no_third_party_script(
    hostile: tuple[str, BuildResult],
) -> None:
    value, result = hostile
    title = one_line(value)
    links = {a.text: a.get("href") for a in dom(result.output, "/2023/12/a/").iterfind(".//section[@class='share']//a")}
    expected = {
        "WhatsApp": ("https", "wa.me", "/", {"text": [f"{title} {PERMALINK}"]}),
        "Facebook": ("https", "www.facebook.com", "/sharer/sharer.php", {"u": [PERMALINK]}),
        "X": ("https", "x.com", "/intent/post", {"text": [title], "url": [PERMALINK]}),
        "Telegram": ("https", "t.me", "/share/url", {"url": [PERMALINK], "text": [title]}),
    }
    for name, (scheme, host, path, query) in expected.items():
        parts = urlsplit(links[name])
        assert (parts.scheme, parts.netloc, parts.path) == (scheme, host, path), name
        assert parse_qs(parts.query, keep_blank_values=True, strict_parsing=True) == query, name
        assert all(c.isascii() and c not in " <>\"'#+" for c in parts.query), (name, parts.query)
    assert links["Salin tautan"] == PERMALINK
    for page in sorted(result.output.rglob("*.html")):
        parser = Head()
        parser.feed(page.read_text(encoding="utf-8"))
        assert [s for s in parser.scripts if s.get("src")] == [], page


def test_the_article_shows_its_merged_tag_editor_and_places(hostile: tuple[str, BuildResult]) -> None:
    value, result = hostile
    page = dom(result.output, "/2023/12/a/")
    assert [a.text for a in page.iterfind(".//ul[@class='tags']/li/a")] == [one_line(value), "Operasi Zebra"]
    assert page.find(".//p[@class='credit']/a").text == one_line(f"Editor {value}")
    assert [name for name, _ in crumbs(page)] == [TTS, "Kecamatan Kie", one_line(f"Desa {value}")]


# ---- sitemaps and the news sitemap ---------------------------------------------------------------------------

NEWS_FILES = {
    "content/n1.md": article(date="2024-06-01 11:00", title="\"Banjir <Bandang> & 'Longsor' di Kupang\""),
    "content/n2.md": article(date="2024-05-30 12:01", title="Dua Hari Kurang Semenit"),  # 47 h 59 min before
    "content/n3.md": article(date="2024-05-30 11:59", title="Dua Hari Lebih Semenit"),  # 48 h 1 min before
    "content/n4.md": article(date="2024-06-01 09:00+07:00", title="Berita WIB"),  # 10:00 WITA
    "content/draf.md": article(date="2024-06-01 10:30", title="Draf Baru", draft="true"),
    "content/nanti.md": article(date="2024-06-01 12:01", title="Semenit Lagi"),  # after FIXED_NOW (12:00 WITA)
    "content/lama.md": article(date="2024-01-01 08:00", title="Lama"),
}


def news_entries(output: Path) -> list[tuple[str | None, ...]]:
    root = ET.fromstring((output / "sitemap-news.xml").read_bytes())
    assert root.tag == f"{SM}urlset"
    return [
        (
            url.findtext(f"{SM}loc"),
            url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name"),
            url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language"),
            url.findtext(f"{NEWS}news/{NEWS}publication_date"),
            url.findtext(f"{NEWS}news/{NEWS}title"),
        )
        for url in root.findall(f"{SM}url")
    ]


@pytest.mark.parametrize(
    ("publisher", "name"), [("Humas Polda NTT & Mitra", "Humas Polda NTT & Mitra"), ("", "Warta Uji NTT")]
)
def test_the_news_sitemap_holds_the_published_articles_of_the_last_48_hours(
    make_site: MakeSite, publisher: str, name: str
) -> None:
    result = build_site(make_site({"publisher": publisher}, NEWS_FILES), now=FIXED_NOW)
    assert news_entries(result.output) == [
        (BASE + "2024/06/n1/", name, "id", "2024-06-01T11:00:00+08:00", "Banjir <Bandang> & 'Longsor' di Kupang"),
        (BASE + "2024/06/n4/", name, "id", "2024-06-01T09:00:00+07:00", "Berita WIB"),
        (BASE + "2024/05/n2/", name, "id", "2024-05-30T12:01:00+08:00", "Dua Hari Kurang Semenit"),
    ]
    raw = (result.output / "sitemap-news.xml").read_text(encoding="utf-8")
    assert "<news:title>Banjir &lt;Bandang&gt; &amp; 'Longsor' di Kupang</news:title>" in raw


def test_source_date_epoch_is_the_build_time_when_none_is_given(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files=NEWS_FILES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(FIXED_NOW.timestamp())))
    at_epoch = build(site, BuildOptions(output=tmp_path / "a", use_cache=False))
    pinned = build(site, BuildOptions(output=tmp_path / "b", use_cache=False, now=FIXED_NOW))
    assert (at_epoch.output / "sitemap-news.xml").read_bytes() == (pinned.output / "sitemap-news.xml").read_bytes()
    assert not (at_epoch.output / "2024/06/nanti").exists()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((FIXED_NOW + dt.timedelta(days=1)).timestamp())))
    a_day_later = build(site, BuildOptions(output=tmp_path / "c", use_cache=False))
    assert (a_day_later.output / "2024/06/nanti/index.html").is_file()
    assert [entry[0] for entry in news_entries(a_day_later.output)] == [
        BASE + "2024/06/nanti/",
        BASE + "2024/06/n1/",
        BASE + "2024/06/n4/",
    ]


LASTMOD_FILES = {
    "content/x1.md": article(date="2024-01-01 08:00", title="X1", tags="[Polri]"),
    "content/x2.md": article(date="2024-01-02 08:00", title="X2", tags="[Polri]", updated="2024-03-01 09:00"),
    "content/x3.md": article(date="2024-01-03 08:00", title="X3", tags="[Polri]"),
}


def sitemap_entries(output: Path, name: str = "sitemap.xml") -> list[tuple[str | None, str | None]]:
    root = ET.fromstring((output / name).read_bytes())
    assert root.tag == f"{SM}urlset", name
    return [(url.findtext(f"{SM}loc"), url.findtext(f"{SM}lastmod")) for url in root.findall(f"{SM}url")]


def test_sitemap_lastmod_of_a_list_page_is_its_newest_item(make_site: MakeSite) -> None:
    result = build_site(make_site({"page_size": 2}, LASTMOD_FILES))
    lastmod = dict(sitemap_entries(result.output))
    newest, oldest = "2024-03-01T09:00:00+08:00", "2024-01-01T08:00:00+08:00"  # x2's update; x1
    for first in ("", "tag/polri/", "editor/sefnat-besie/", "lokasi/kabupaten-timor-tengah-selatan/", "arsip/2024/"):
        assert lastmod[BASE + first] == newest, first
        assert lastmod[BASE + first + "page/2/"] == oldest, first
    assert lastmod[BASE + "arsip/2024/01/"] == newest
    assert lastmod[BASE + "2024/01/x3/"] == "2024-01-03T08:00:00+08:00"
    assert lastmod[BASE + "2024/01/x2/"] == newest


def test_past_the_limit_the_sitemap_is_an_index_of_parts_that_cover_every_url_once(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = sitemap_entries(build_site(make_site({"page_size": 2}, LASTMOD_FILES, name="whole")).output)
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 4)
    result = build_site(make_site({"page_size": 2}, LASTMOD_FILES, name="split"))
    root = ET.fromstring((result.output / "sitemap.xml").read_bytes())
    assert root.tag == f"{SM}sitemapindex"
    parts = -(-len(whole) // 4)
    assert len(whole) > 8 and parts >= 3
    listed = [(s.findtext(f"{SM}loc"), s.findtext(f"{SM}lastmod")) for s in root.findall(f"{SM}sitemap")]
    assert [loc for loc, _ in listed] == [f"{BASE}sitemap-{n}.xml" for n in range(1, parts + 1)]
    covered = []
    for number, (_, lastmod) in enumerate(listed, start=1):
        entries = sitemap_entries(result.output, f"sitemap-{number}.xml")
        assert 1 <= len(entries) <= 4
        dates = [dt.datetime.fromisoformat(m) for _, m in entries if m is not None]
        assert lastmod == (max(dates).isoformat() if dates else None)
        covered += entries
    assert covered == whole
    assert not (result.output / f"sitemap-{parts + 1}.xml").exists()
    assert (result.output / "robots.txt").read_text().splitlines()[3] == f"Sitemap: {BASE}sitemap.xml"


# ---- drafts and scheduled articles appear nowhere --------------------------------------------------------------

PUBLISHED = {
    "content/p1.md": article(
        date="2024-05-01 09:00", title="Patroli Dialogis di Falas", tags="[Polri, Kamtibmas]", editor="Sefnat Besie"
    ),
    "content/p2.md": article(
        date="2024-05-02 09:00", title="Sambang Warga Kie", tags="[Polri]", location=KIE, editor="Maria Ndoen"
    ),
    "content/p3.md": article(
        date="2024-05-31 09:00", title="Ronda Malam Oebobo", tags="[Kamtibmas]", location="Kota Kupang",
        editor="Maria Ndoen",
    ),
}  # fmt: skip
HELD = {
    # a draft in the news sitemap's 48 hours, sharing tags and a district with the published stories
    "content/draf.md": article(
        "Isi kelabangrahasia.",
        date="2024-05-31 10:00",
        title="Operasi Zamrudrahasia",
        slug="zamrud-rahasia",
        draft="true",
        tags="[Polri, Kamtibmas, Tagrahasia]",
        location=f"Desa Desarahasia, {KIE}",
        editor="Editorrahasia",
    ),
    # a draft alone in its month
    "content/lama.md": article(
        date="2023-08-10 10:00", title="Catatan Lamarahasia", slug="lama-rahasia", draft="true", editor="Editorlama"
    ),
    # one minute after the build time
    "content/nanti.md": article(
        "Isi kelabanggaib.",
        date="2024-06-01 12:01",
        title="Operasi Kelabanggaib",
        slug="kelabang-gaib",
        tags="[Polri, Tagmasadepan]",
        location=f"Desa Desagaib, {KIE}",
        editor="Editorgaib",
    ),
    "content/jauh.md": article(date="2099-01-01 08:00", title="Tahun Jauhgaib", slug="jauh-gaib"),
}
SECRETS = [
    "zamrudrahasia", "zamrud-rahasia", "kelabangrahasia", "tagrahasia", "desarahasia", "editorrahasia",
    "lamarahasia", "lama-rahasia", "editorlama", "/2023/08/", "2023/", "kelabanggaib", "kelabang-gaib",
    "tagmasadepan", "desagaib", "editorgaib", "jauhgaib", "jauh-gaib", "/2099/", "2024/06/",
]  # fmt: skip


def everything(output: Path) -> dict[str, bytes]:
    """Every file of the output, unzipped where zipped (the search index), lower-cased."""
    files = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(output).as_posix()] = (
                gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            ).lower()
    return files


@pytest.fixture(scope="module")
def with_held(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = write_site(tmp_path_factory.mktemp("held") / "site", {"page_size": 2}, {**PUBLISHED, **HELD})
    return build_site(site)


def test_held_articles_leave_no_byte_anywhere_in_the_output(with_held: BuildResult) -> None:
    for name, data in everything(with_held.output).items():
        for secret in SECRETS:
            assert secret.encode() not in name.lower().encode() and secret.encode() not in data, (name, secret)


def test_the_secrets_are_found_when_held_articles_are_shown(make_site: MakeSite) -> None:
    # the scan above would pass vacuously if the words never reached any output
    result = build_site(make_site({"page_size": 2}, {**PUBLISHED, **HELD}), drafts=True, future=True)
    files = everything(result.output)
    for secret in SECRETS:
        assert any(secret.encode() in name.lower().encode() or secret.encode() in d for name, d in files.items()), (
            secret
        )


def test_held_articles_count_nowhere(with_held: BuildResult) -> None:
    out = with_held.output
    assert stories(dom(out, "/")) == ["/2024/05/p3/", "/2024/05/p2/"]
    assert stories(dom(out, "/page/2/")) == ["/2024/05/p1/"]
    assert summaries(dom(out, "/tag/").find(".//ul[@class='term-index']")) == [
        ("Kamtibmas", "/tag/kamtibmas/", "2 berita", []),
        ("Polri", "/tag/polri/", "2 berita", []),
    ]
    assert summaries(dom(out, "/editor/").find(".//ul[@class='term-index']")) == [
        ("Maria Ndoen", "/editor/maria-ndoen/", "2 berita", []),
        ("Sefnat Besie", "/editor/sefnat-besie/", "1 berita", []),
    ]
    tts = "/lokasi/kabupaten-timor-tengah-selatan/"
    assert summaries(dom(out, "/lokasi/").find(".//ul[@class='term-index']")) == [
        (
            TTS,
            tts,
            "2 berita",
            [
                (
                    "Kecamatan Kie",
                    tts + "kecamatan-kie/",
                    "2 berita",
                    [("Desa Falas", tts + "kecamatan-kie/desa-falas/", "1 berita", [])],
                )
            ],
        ),
        ("Kota Kupang", "/lokasi/kota-kupang/", "1 berita", []),
    ]
    assert summaries(dom(out, "/arsip/").find(".//ul[@class='term-index']")) == [
        ("2024", "/arsip/2024/", "3 berita", [("Mei 2024", "/arsip/2024/05/", "3 berita", [])])
    ]
    assert stories(dom(out, "/tag/polri/")) == ["/2024/05/p2/", "/2024/05/p1/"]
    assert stories(dom(out, tts + "kecamatan-kie/")) == ["/2024/05/p2/", "/2024/05/p1/"]
    assert related_links(out, "/2024/05/p1/") == [
        ("/2024/05/p2/", "Sambang Warga Kie"),
        ("/2024/05/p3/", "Ronda Malam Oebobo"),
    ]


def test_held_articles_are_in_no_feed_or_sitemap(with_held: BuildResult) -> None:
    out = with_held.output
    published = {BASE + f"2024/05/p{n}/" for n in (1, 2, 3)}
    for feed in sorted(out.rglob("feed.xml")):
        links = {e.link for e in read_feed(out, "/" + feed.relative_to(out).as_posix()).entries}
        assert links and links <= published, feed
    articles = {loc for loc, _ in sitemap_entries(out) if loc and loc.startswith(BASE + "2")}
    assert articles == published
    assert news_entries(out) == [
        (BASE + "2024/05/p3/", "Warta Uji NTT", "id", "2024-05-31T09:00:00+08:00", "Ronda Malam Oebobo")
    ]


@pytest.mark.skipif(search.find_binary() is None, reason="Pagefind is not installed: pip install 'sitegen[search]'")
def test_the_search_index_holds_the_published_articles_only(with_held: BuildResult) -> None:
    index = {name: data for name, data in everything(with_held.output).items() if name.startswith("pagefind/")}
    fragments = [json.loads(d.removeprefix(b"pagefind_dcd")) for n, d in index.items() if n.endswith(".pf_fragment")]
    assert sorted(f["url"] for f in fragments) == ["/2024/05/p1/", "/2024/05/p2/", "/2024/05/p3/"]
    words = b"\n".join(index.values())
    assert b"oebobo" in words
    for secret in SECRETS:
        assert secret.encode() not in words, secret


def test_a_tag_place_or_editor_used_only_by_held_articles_has_no_page(with_held: BuildResult) -> None:
    out = with_held.output
    assert sorted(p.name for p in (out / "tag").iterdir() if p.is_dir()) == ["kamtibmas", "polri"]
    assert sorted(p.name for p in (out / "editor").iterdir() if p.is_dir()) == ["maria-ndoen", "sefnat-besie"]
    assert sorted(p.name for p in (out / "lokasi/kabupaten-timor-tengah-selatan/kecamatan-kie").iterdir()) == [
        "desa-falas",
        "feed.xml",
        "index.html",
    ]
    assert sorted(p.relative_to(out).as_posix() for p in (out / "arsip").rglob("index.html")) == [
        "arsip/2024/05/index.html",
        "arsip/2024/05/page/2/index.html",
        "arsip/2024/index.html",
        "arsip/2024/page/2/index.html",
        "arsip/index.html",
    ]
    assert [str(note) for note in with_held.notes[:4]] == [
        "content/lama.md: draft, not published",
        "content/draf.md: draft, not published",
        "content/nanti.md: scheduled, published from Sabtu, 1 Juni 2024 12.01 WITA (2024-06-01 04:01 UTC)",
        "content/jauh.md: scheduled, published from Kamis, 1 Januari 2099 08.00 WITA (2099-01-01 00:00 UTC)",
    ]


def test_feed_items_are_never_more_than_feed_size_on_a_term_with_more(make_site: MakeSite) -> None:
    files = {
        f"content/k{n}.md": article(date=f"2024-05-0{n} 09:00", title=f"K{n}", tags="[Polri]") for n in range(1, 8)
    }
    result = build_site(make_site({"feed_size": 3}, files))
    for path in (
        "/feed.xml",
        "/tag/polri/feed.xml",
        "/editor/sefnat-besie/feed.xml",
        "/lokasi/kabupaten-timor-tengah-selatan/feed.xml",
    ):
        assert [e.title for e in read_feed(result.output, path).entries] == ["K7", "K6", "K5"], path
