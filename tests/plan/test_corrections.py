"""Corrections ("Ralat") through a whole build: the story's box, its JSON-LD read back, the
sitemap's lastmod, /ralat/ and its feed (read by feedparser), corrections held until their
time, and incremental builds equal to clean ones."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import feedparser

from sitegen.i18n import translator
from tests.support import FIXED_NOW, MakeSite, article, build_site, site_files

A = "content/2023/a.md"


def corrected(corrections: list[dict[str, str]], **fields: Any) -> str:
    return article(title="Berita A", slug="a", date="2023-12-03 10:30", corrections=corrections, **fields)


FILES = {
    A: corrected(
        [
            {"date": "2024-05-02 09:00", "text": "Nama **Kapolres** adalah AKBP Bagus."},
            {"date": "2023-12-05", "text": "Lokasi Desa Falas, bukan Desa Fatu."},
        ],
        updated="2024-01-10 08:00",
    ),
    "content/2023/b.md": article(
        title="Berita B <b>",
        slug="b",
        date="2023-12-04 10:30",
        corrections=[{"date": "2024-03-01 12:00", "text": "Judul diperbaiki."}],
    ),
    "content/2023/c.md": article(title="Berita C", slug="c", date="2023-12-05 10:30"),
}


def json_ld(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_a_corrected_story_shows_its_box_and_its_json_ld_names_each_correction(make_site: MakeSite) -> None:
    output = build_site(make_site(files=FILES), search=False).output

    page = (output / "2023/12/a/index.html").read_text()
    box = page[page.index('<section class="ralat"') : page.index("</section>", page.index('<section class="ralat"'))]
    assert box.index('id="ralat-2"') < box.index('id="ralat-1"')  # newest first
    assert '<time datetime="2024-05-02T09:00:00+08:00">Kamis, 2 Mei 2024 09.00 WITA</time>' in box
    assert '<time datetime="2023-12-05T00:00:00+08:00">Selasa, 5 Desember 2023</time>' in box  # a day only
    assert "Nama <strong>Kapolres</strong> adalah AKBP Bagus." in box
    assert '<a href="/ralat/">Semua ralat</a>' in box
    data = json_ld(page)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Lokasi Desa Falas, bukan Desa Fatu.",
            "datePublished": "2023-12-05T00:00:00+08:00",
        },
        {
            "@type": "CorrectionComment",
            "text": "Nama Kapolres adalah AKBP Bagus.",
            "datePublished": "2024-05-02T09:00:00+08:00",
        },
    ]
    assert data["dateModified"] == "2024-05-02T09:00:00+08:00"  # the newest of updated and the corrections
    uncorrected = (output / "2023/12/c/index.html").read_text()
    assert 'class="ralat"' not in uncorrected and "correction" not in json_ld(uncorrected)


def test_a_correction_is_the_story_s_lastmod_in_the_sitemap(make_site: MakeSite) -> None:
    output = build_site(make_site(files=FILES), search=False).output

    sitemap = (output / "sitemap.xml").read_text()
    assert "<loc>https://warta-uji.test/2023/12/a/</loc>\n<lastmod>2024-05-02T09:00:00+08:00</lastmod>" in sitemap
    assert "<loc>https://warta-uji.test/2023/12/b/</loc>\n<lastmod>2024-03-01T12:00:00+08:00</lastmod>" in sitemap
    assert "<loc>https://warta-uji.test/ralat/</loc>\n<lastmod>2024-05-02T09:00:00+08:00</lastmod>" in sitemap
    assert "ralat/feed.xml" not in sitemap


def test_ralat_lists_corrected_stories_newest_correction_first_paginated(make_site: MakeSite) -> None:
    output = build_site(make_site({"page_size": 1}, files=FILES), search=False).output

    first = (output / "ralat/index.html").read_text()
    second = (output / "ralat/page/2/index.html").read_text()
    assert "Berita A" in first and "Berita B" not in first and "Berita C" not in first
    assert "Berita B &lt;b&gt;" in second and "Berita A" not in second
    assert first.index('href="/2023/12/a/#ralat-2"') < first.index('href="/2023/12/a/#ralat-1"')
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Ralat – Warta Uji NTT" href="/ralat/feed.xml">'
        in first
    )
    assert '<link rel="next" href="/ralat/page/2/">' in first
    assert not (output / "ralat/page/3").exists()


def test_the_feed_of_corrections_is_read_by_feedparser_one_item_for_each(make_site: MakeSite) -> None:
    output = build_site(make_site({"feed_size": 2}, files=FILES), search=False).output

    feed = feedparser.parse((output / "ralat/feed.xml").read_bytes(), resolve_relative_uris=False, sanitize_html=False)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title == "Ralat – Warta Uji NTT"
    assert feed.feed.link == "https://warta-uji.test/ralat/"
    assert [(e.title, e.link, e.id, e.summary) for e in feed.entries] == [
        ("Ralat: Berita A", "https://warta-uji.test/2023/12/a/", "https://warta-uji.test/2023/12/a/#ralat-2",
         "Nama Kapolres adalah AKBP Bagus."),
        ("Ralat: Berita B <b>", "https://warta-uji.test/2023/12/b/", "https://warta-uji.test/2023/12/b/#ralat-1",
         "Judul diperbaiki."),
    ]  # fmt: skip
    assert feed.entries[0].published_parsed[:5] == (2024, 5, 2, 1, 0)  # 09:00 WITA


def test_a_site_without_corrections_has_no_ralat_pages(make_site: MakeSite) -> None:
    output = build_site(make_site(files={"content/2023/c.md": FILES["content/2023/c.md"]}), search=False).output

    assert not (output / "ralat").exists()
    assert "ralat" not in (output / "sitemap.xml").read_text()


def test_a_correction_dated_after_the_build_is_held_until_its_time_and_named(make_site: MakeSite) -> None:
    later = [{"date": "2024-05-02 09:00", "text": "Satu."}, {"date": "2024-06-03 08:00", "text": "Dua, terjadwal."}]
    site = make_site(files={A: corrected(later)})

    result = build_site(site, search=False)
    page = (result.output / "2023/12/a/index.html").read_text()
    assert "Satu." in page and "Dua, terjadwal." not in page
    assert json_ld(page)["dateModified"] == "2024-05-02T09:00:00+08:00"
    assert "Dua" not in (result.output / "ralat/feed.xml").read_text()
    indonesian = translator("id")  # the site's language
    notes = [indonesian(note) for note in result.notes]
    assert "content/2023/a.md: ralat ke-2 dijadwalkan, tampil mulai Senin, 3 Juni 2024 08.00 WITA" in notes

    due = build_site(site, search=False, now=FIXED_NOW + dt.timedelta(days=3))
    page = (due.output / "2023/12/a/index.html").read_text()
    assert "Dua, terjadwal." in page and len(json_ld(page)["correction"]) == 2
    assert "Dua, terjadwal." in (due.output / "ralat/feed.xml").read_text()
    assert not any("dijadwalkan" in indonesian(note) for note in due.notes)


def clean_build(site: Path, tmp: Path, **options: Any) -> dict[str, bytes]:
    return site_files(build_site(site, output=tmp, use_cache=False, search=False, **options).output)


def test_an_incremental_build_after_adding_a_correction_equals_a_clean_build(
    make_site: MakeSite, tmp_path: Path
) -> None:
    files = {**FILES, A: corrected([])}
    site = make_site(files=files)
    before = site_files(build_site(site, search=False).output)
    assert not (site / "public/ralat").exists() or "Berita A" not in (site / "public/ralat/index.html").read_text()

    (site / A).write_text(corrected([{"date": "2024-05-20 10:00", "text": "Ralat baru."}]), encoding="utf-8")
    result = build_site(site, search=False)
    after = site_files(result.output)

    assert after == clean_build(site, tmp_path / "clean")
    changed = {name for name in after if before.get(name) != after[name]}
    assert {"2023/12/a/index.html", "ralat/index.html", "ralat/feed.xml", "sitemap.xml"} <= changed


def test_an_incremental_build_once_a_held_correction_is_due_equals_a_clean_build(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(files={A: corrected([{"date": "2024-06-03 08:00", "text": "Terjadwal."}])})
    build_site(site, search=False)
    assert not (site / "public/ralat").exists()

    later = FIXED_NOW + dt.timedelta(days=3)
    after = site_files(build_site(site, search=False, now=later).output)

    assert after == clean_build(site, tmp_path / "clean", now=later)
    assert "Terjadwal." in after["2023/12/a/index.html"].decode() and "ralat/feed.xml" in after


def test_a_correction_that_names_a_closing_script_tag_stays_inside_the_json_ld(make_site: MakeSite) -> None:
    hostile = [{"date": "2024-05-02 09:00", "text": "Kode `</script><script>alert(1)</script>` & <i>miring</i>"}]
    output = build_site(make_site(files={A: corrected(hostile)}), search=False).output

    page = (output / "2023/12/a/index.html").read_text()
    assert page.count("<script") == 2  # the JSON-LD and the share button's script: nothing added
    assert json_ld(page)["correction"][0]["text"] == "Kode </script><script>alert(1)</script> & miring"
    assert "<code>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code> &amp; <i>miring</i>" in page
    feed = (output / "ralat/feed.xml").read_text()
    assert "<description>Kode &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; miring</description>" in feed
