"""The golden site: a build of tests/golden/site/ must equal tests/golden/expected/, file by file.

The expected tree is made by ``make golden`` (``python -m tests.regenerate_golden``) with the
same ``build_golden`` function used here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from sitegen.i18n import translator
from sitegen.plan import photos
from tests.regenerate_golden import EXPECTED, GOLDEN_SITE, build_golden, golden_files
from tests.support import FIXED_NOW, assert_diagnostics, build_site, copy_theme, tree

HOW_TO_UPDATE = (
    "If this change of output is intended, run `make golden` and review `git diff tests/golden/expected` "
    "before committing it."
)


def _first_difference(name: str, expected: bytes, actual: bytes) -> str:
    try:
        old, new = expected.decode().splitlines(), actual.decode().splitlines()
        diff = difflib.unified_diff(old, new, f"expected/{name}", f"built/{name}", lineterm="")
        return "\n".join(list(diff)[:40])
    except UnicodeDecodeError:
        return f"{name}: binary content differs"


def test_golden_site_matches_expected_tree(tmp_path: Path) -> None:
    result = build_golden(tmp_path)
    built = golden_files(result.output)
    expected = tree(EXPECTED)

    missing = sorted(set(expected) - set(built))
    extra = sorted(set(built) - set(expected))
    assert not missing and not extra, f"file names differ: missing {missing}, unexpected {extra}. {HOW_TO_UPDATE}"
    changed = [name for name in sorted(expected) if expected[name] != built[name]]
    details = "\n\n".join(_first_difference(name, expected[name], built[name]) for name in changed[:3])
    assert not changed, f"{len(changed)} files differ: {changed}\n{details}\n\n{HOW_TO_UPDATE}"


def test_golden_site_reports_its_case_variant_tag_and_held_articles(tmp_path: Path) -> None:
    result = build_golden(tmp_path)

    assert_diagnostics(
        result.report,
        [
            "content/2023/jumat-curhat-polres-belu-desa-silawan.md:6: warning: "
            "tag 'polri' is written 'Polri' elsewhere; both are filed under 'Polri'",
        ],
    )
    assert [str(note) for note in result.notes] == [
        "alert active (penting) until Minggu, 2 Juni 2024 18.00 WITA: "
        "Cuaca ekstrem: penyeberangan Kupang–Kalabahi ditunda sampai pemberitahuan berikutnya",
        "content/2024/draf-patroli-dialogis.md: draft, not published",
        "content/2099/operasi-ketupat-turangga-2099.md: scheduled, published from "
        "Rabu, 1 April 2099 07.00 WITA (2099-03-31 23:00 UTC)",
        "next scheduled article is due at 2099-03-31T23:00:00Z: rebuild then to publish it",
    ]
    assert [a.source for a in result.site.articles] == [
        "content/2024/polres-alor-kawal-distribusi-logistik-pemilu.md",
        "content/2024/patroli-dialogis-pasar-oeba.md",
        "content/2023/kapolda-ntt-bakti-kesehatan-desa-falas.md",
        "content/2023/jumat-curhat-polres-belu-desa-silawan.md",
        "content/2023/operasi-zebra-turangga-2023-kota-kupang.md",
    ]


def test_golden_expected_tree_covers_every_page_kind() -> None:
    # Guards the golden inputs themselves: a regeneration that lost a page kind would pass unnoticed.
    names = set(tree(EXPECTED))
    assert {
        "index.html",
        "page/2/index.html",
        "2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/index.html",
        "2024/02/logistik-pemilu-alor/index.html",
        "2024/01/patroli-dialogis-pasar-oeba/index.html",  # a gallery and two videos
        "tag/index.html",
        "tag/jumat-curhat/index.html",
        "tag/polri/index.html",
        "tag/polri/page/2/index.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "sitemap-news.xml",
        "tag/polri/feed.xml",
        "lokasi/index.html",
        "editor/index.html",
        "arsip/index.html",
        "ralat/index.html",
        "ralat/feed.xml",
    } <= names
    assert any(re.fullmatch(r"assets/style\.[0-9a-f]{8}\.css", name) for name in names)
    assert not any("2099" in name or "draf" in name or "operasi-ketupat" in name for name in names)


def test_the_golden_corrected_article_s_json_ld_reads_back_with_its_corrections() -> None:
    page = (EXPECTED / "2024/02/logistik-pemilu-alor/index.html").read_text()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None

    data = json.loads(found.group(1))
    assert data["@type"] == "NewsArticle"
    assert [(c["@type"], c["datePublished"]) for c in data["correction"]] == [
        ("CorrectionComment", "2024-02-13T16:00:00+08:00"),
        ("CorrectionComment", "2024-02-14T00:00:00+08:00"),
    ]
    assert data["correction"][0]["text"].startswith("Pengawalan berakhir di Pulau Pura, bukan di Pulau Pantar")
    assert data["dateModified"] == "2024-02-14T00:00:00+08:00"


def test_the_golden_feed_of_corrections_reads_in_feedparser() -> None:
    feed = feedparser.parse(
        (EXPECTED / "ralat/feed.xml").read_bytes(), resolve_relative_uris=False, sanitize_html=False
    )

    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [entry.id for entry in feed.entries] == [
        "https://warta-uji.test/2024/02/logistik-pemilu-alor/#ralat-2",
        "https://warta-uji.test/2024/02/logistik-pemilu-alor/#ralat-1",
    ]
    assert {entry.link for entry in feed.entries} == {"https://warta-uji.test/2024/02/logistik-pemilu-alor/"}


def test_the_golden_alert_is_gone_from_every_page_once_source_date_epoch_passes_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = tree(EXPECTED)
    assert all("Cuaca ekstrem" in expected[n].decode() for n in expected if n.endswith(".html") and "admin" not in n)
    site = tmp_path / "golden-site"
    shutil.copytree(GOLDEN_SITE, site)
    copy_theme(site)
    later = dt.datetime(2024, 6, 2, 10, 0, tzinfo=dt.UTC)  # 18.00 WITA, when it expires
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))

    result = build_site(site, output=tmp_path / "out", now=None, search=False)

    assert later > FIXED_NOW
    pages = {n: data for n, data in tree(result.output).items() if n.endswith(".html")}
    assert pages and not any(b"Cuaca ekstrem" in data for data in pages.values())
    note = translator(result.plan.config.language)(result.notes[0])  # as the build prints it for the site
    assert note.startswith("peringatan kedaluwarsa sejak Minggu, 2 Juni 2024 18.00 WITA")


def test_golden_gallery_photos_exist_in_every_width_and_the_videos_are_players() -> None:
    page = (EXPECTED / "2024/01/patroli-dialogis-pasar-oeba/index.html").read_text()
    gallery = page[page.index('<section class="gallery"') : page.index("</section>", page.index('class="gallery"'))]
    sources = {"pasar-oeba-1.jpg": 960, "pasar-oeba-2.jpg": 640, "pasar-oeba-3.png": 600}
    pictures = re.findall(r"<picture>.*?</picture>", gallery)
    assert len(pictures) == len(sources)
    for picture, width in zip(pictures, sources.values(), strict=True):
        for kind in ("webp", "jpg"):
            urls = re.findall(rf"(/img/[0-9a-f]{{16}})-(\d+)\.{kind} (\d+)w", picture)
            assert [int(w) for _, w, _ in urls] == list(photos.widths(width)), (picture, kind)
            for name, shown, _ in urls:
                with Image.open(EXPECTED / f"{name.lstrip('/')}-{shown}.{kind}") as image:
                    assert image.width == int(shown)
    assert page.count('<figure class="video">') == 2 and page.count("data-youtube=") == 2
    assert "<iframe" not in page and "youtube-nocookie.com/embed/" in page  # only in the tap's script
