"""The built pages in a real browser (Debian's Chromium, driven by e2e/pages.mjs with
playwright-core): what a reader's thumb meets on a 360 px phone and on a 1280 px laptop, with
JavaScript on and off, and the feeds' XSLT page.

* Navigation: every link of the header's navigation, each section among them, is on the
  first screen, inside the viewport, with no menu to open; the page never scrolls sideways.
* Tap targets (WCAG 2.2, 2.5.8): every link, button and summary is at least 24 × 24 px, and at
  least 44 px tall where it stands alone (main navigation, footer, pagination, an article's
  kicker). Exempt, as
  WCAG's "inline" exception: a link in running text, that is inside the article's body (the
  editor's Markdown) or in a paragraph whose own text beside its links is 30 characters or more.
* Feeds and sitemap: Chromium renders the XSLT stylesheet into an Indonesian page listing the
  items, and a title holding ``<script>`` is shown as text.

Runs when e2e/node_modules (`make e2e`) and Chromium are installed; skipped otherwise, unless
SITEGEN_REQUIRE_BROWSER=1, which turns a missing tool into a failure (for CI).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.regenerate_golden import build_golden
from tests.support import REPO, article, build_site, require_chromium, require_playwright, serving, write_site

SCREENS = [[360, 800], [1280, 900]]
SECTIONS = {"/", "/cari/", "/tag/", "/lokasi/", "/arsip/", "/editor/"}
PAGES = [
    "/",
    "/2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/",
    "/tag/polri/",
    "/lokasi/kabupaten-timor-tengah-selatan/kecamatan-kie/desa-falas/",
    "/editor/sefnat-besie/",
    "/cari/?q=Falas",
]
MIN_TARGET = 24  # px, WCAG 2.2 target size (minimum)
MIN_ALONE = 44  # px tall: a target that stands alone


def _browser() -> Path:
    chromium = require_chromium()
    require_playwright()
    return chromium


def measure(base: str, **job: Any) -> dict[str, Any]:
    """e2e/pages.mjs's report on the pages and XML files of ``job``, served at ``base``."""
    job = {"chromium": str(_browser()), "base": base, **job}
    done = subprocess.run(
        ["node", "e2e/pages.mjs", json.dumps(job)], cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _browser()
    result = build_golden(tmp_path_factory.mktemp("golden"))
    with serving(result.output) as base:
        yield base


@pytest.fixture(scope="module")
def pages(golden: str) -> list[dict[str, Any]]:
    report = measure(
        golden, pages=PAGES, screens=SCREENS, scripts=[True, False], waitFor={"/cari/?q=Falas": "#hasil li a"}
    )
    assert report["errors"] == []
    assert len(report["pages"]) == len(PAGES) * len(SCREENS) * 2
    return list(report["pages"])


def _where(page: dict[str, Any]) -> str:
    return f"{page['path']} at {page['width']} px, JavaScript {'on' if page['scripts'] else 'off'}"


def test_every_section_is_on_the_first_screen_of_every_page(pages: list[dict[str, Any]]) -> None:
    for page in pages:
        width, height = page["viewport"]["width"], page["viewport"]["height"]
        assert page["status"] == 200, _where(page)
        assert page["scrollWidth"] <= width, f"{_where(page)} scrolls sideways"
        links = page["nav"]
        assert {link["href"] for link in links} >= SECTIONS, _where(page)
        for link in links:
            box = link["box"]
            inside = box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
            assert link["shown"] and inside, f"{_where(page)}: {link['text']!r} at {box} is off the first screen"


def test_the_navigation_stays_compact(pages: list[dict[str, Any]]) -> None:
    for page in pages:
        # a laptop: two rows at most; a phone: the stories still start on the first screen
        limit = 2 * MIN_ALONE + 24 if page["width"] >= 1280 else page["viewport"]["height"] / 4
        tall = page["navBox"]["height"]
        assert tall <= limit, f"{_where(page)}: the navigation is {tall} px tall"


def test_every_target_is_big_enough(pages: list[dict[str, Any]]) -> None:
    small = []
    for page in pages:
        for target in page["targets"]:
            box = target["box"]
            if target["inline"]:
                continue
            least_height = MIN_ALONE if target["alone"] else MIN_TARGET
            if box["width"] < MIN_TARGET or box["height"] < least_height:
                size = f"{box['width']:.0f}×{box['height']:.0f}"
                small.append(f"{_where(page)}: {target['tag']} {target['text']!r} is {size}")
    assert small == []


def test_the_measurement_sees_what_it_judges(pages: list[dict[str, Any]]) -> None:
    """The checks above look at real targets: the article's editor, places and kicker, the
    footer's links, the pagination, the search results, and the body's inline links exempted."""
    article = next(p for p in pages if p["path"] == PAGES[1] and p["width"] == 360 and p["scripts"])
    texts = {t["text"] for t in article["targets"]}
    assert {"Sefnat Besie", "Desa Falas", "Bakti Sosial", "RSS", "Peta Situs"} <= texts
    assert all(t["alone"] for t in article["targets"] if t["text"] in ("RSS", "Peta Situs"))
    home = next(p for p in pages if p["path"] == "/" and p["width"] == 360)
    assert any(t["alone"] and t["text"] == "2" for t in home["targets"])  # the pagination
    search = next(p for p in pages if p["path"] == PAGES[-1] and p["scripts"])
    assert any(t["href"] == PAGES[1] for t in search["targets"])
    for page in pages:
        skip = page["skip"]
        assert skip["focused"] and skip["box"]["height"] >= MIN_TARGET, _where(page)


def test_chromium_renders_the_feeds_and_the_sitemap_as_indonesian_pages(golden: str) -> None:
    report = measure(golden, xml=["/feed.xml", "/tag/polri/feed.xml", "/sitemap.xml"])
    feed, tag, sitemap = report["xml"]
    assert feed["root"] == "html" and feed["lang"] == "id"
    assert feed["h1"] == ["Umpan berita: Warta Uji NTT"]
    assert "Cara mengikuti" in feed["text"] and "Feeder" in feed["text"]
    assert "https://warta-uji.test/feed.xml" in feed["text"]  # the address to copy
    assert [item["text"] for item in feed["items"]] == [
        "Polres Alor Kawal Distribusi Logistik Pemilu ke Pulau Terluar",
        "Polresta Kupang Kota Gelar Patroli Dialogis di Pasar Oeba",
        "Kapolda NTT Gelar Bakti Kesehatan dan Bantuan Sosial di Desa Falas",
    ]
    assert "Senin, 12 Februari 2024 00.00 WITA" in feed["text"]
    assert tag["h1"] == ["Umpan berita: Topik: Polri – Warta Uji NTT"]
    assert sitemap["h1"] == ["Peta situs"]
    assert {"https://warta-uji.test/", "https://warta-uji.test/2024/02/logistik-pemilu-alor/"} <= {
        item["href"] for item in sitemap["items"]
    }
    assert "Diperbarui 12 Februari 2024" in sitemap["text"]


def test_a_title_with_a_script_is_shown_as_text_on_the_feed_page(tmp_path: Path) -> None:
    title = '<script>document.title="diretas"</script> Razia & <b>Patroli</b>'
    site = write_site(tmp_path / "site", files={"content/razia.md": article(title=f"'{title}'")})
    result = build_site(site, output=tmp_path / "out")
    assert not result.report.errors
    with serving(result.output) as base:
        (shown,) = measure(base, xml=["/feed.xml"])["xml"]
    assert [item["text"] for item in shown["items"]] == [title]
    assert shown["scripts"] == 0 and shown["title"] == "Umpan berita: Warta Uji NTT"
