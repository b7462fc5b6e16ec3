"""The repository's own portal (site.yaml, content/, layouts/, assets/) builds cleanly."""

from __future__ import annotations

import shutil

import feedparser
import pytest

from sitegen.build import BuildResult
from tests.support import REPO, build_site, site_files


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    # A copy, so the build (and any cache it keeps in the site folder) never touches the repository.
    site = tmp_path_factory.mktemp("shipped") / "site"
    site.mkdir()
    shutil.copy2(REPO / "site.yaml", site / "site.yaml")
    for folder in ("content", "editors", "layouts", "assets"):
        shutil.copytree(REPO / folder, site / folder)
    return build_site(site, output=site.parent / "public")


def test_builds_with_no_warning_no_error_and_nothing_held(shipped: BuildResult) -> None:
    assert [d.format() for d in shipped.report.sorted()] == []
    assert shipped.notes == []
    assert shipped.site.held == ()


def test_every_article_is_published(shipped: BuildResult) -> None:
    sources = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "content").rglob("*.md"))
    assert len(sources) >= 12
    assert sorted(a.source for a in shipped.site.articles) == sources


def test_home_is_paginated(shipped: BuildResult) -> None:
    config = shipped.site.config
    count = len(shipped.site.articles)
    pages = -(-count // config.page_size)
    assert pages >= 2
    files = site_files(shipped.output)
    assert "index.html" in files
    assert [f"page/{n}/index.html" in files for n in range(2, pages + 2)] == [True] * (pages - 1) + [False]
    assert b'<a class="step" rel="next" href="/page/2/">' in files["index.html"]


def test_feed_has_the_newest_feed_size_items(shipped: BuildResult) -> None:
    feed = feedparser.parse((shipped.output / "feed.xml").read_bytes())
    assert feed.bozo == 0
    expected = min(shipped.site.config.feed_size, len(shipped.site.articles))
    assert expected == 14  # the portal ships 14 articles, fewer than feed_size (20)
    assert len(feed.entries) == expected
    assert (
        feed.entries[0].link
        == "https://wartakamtibmasntt.id/2024/04/operasi-ketupat-turangga-2024-polres-tts-siagakan-pos/"
    )


def test_every_page_kind_is_written(shipped: BuildResult) -> None:
    files = site_files(shipped.output)
    for name in ("404.html", "feed.xml", "sitemap.xml", "robots.txt", "tag/index.html", "lokasi/index.html"):
        assert name in files
    assert [name for name in files if name.startswith("assets/style.")] != []
    assert "tag/jumat-curhat/index.html" in files  # from the tag "Jum'at Curhat"
    assert "2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/index.html" in files
    assert "admin/index.html" in files and "admin/config.yml" in files  # the CMS (site.yaml's cms:)
    assert len([name for name in files if name.endswith(".html") and not name.startswith("admin/")]) == len(
        [p for p in shipped.site.pages if p.output_file.endswith(".html")]
    )


def test_the_falas_example_page_shows_its_date_dateline_editor_and_tags(shipped: BuildResult) -> None:
    page = (shipped.output / "2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/index.html").read_text()
    assert '<time datetime="2023-12-03T10:30:00+08:00">Minggu, 3 Desember 2023 10.30 WITA</time>' in page
    assert '<p><span class="dateline">SOE, Warta Kamtibmas NTT</span> – Kepala Kepolisian Daerah' in page
    assert '<p class="credit">Editor: <a href="/editor/sefnat-besie/">Sefnat Besie</a>, Editor Bidang Humas</p>' in page
    assert '<li><a href="/tag/pemilu-2024/">Pemilu 2024</a></li>' in page


def test_the_shipped_profile_is_on_its_editors_page_and_byline(shipped: BuildResult) -> None:
    page = (shipped.output / "editor/sefnat-besie/index.html").read_text()
    assert '<section class="profile" aria-label="Profil Sefnat Besie">' in page
    assert '<p class="jabatan">Editor Bidang Humas</p>' in page and "Bidang Humas Polda NTT" in page
    assert '<a href="mailto:redaksi@wartakamtibmasntt.id" rel="me noopener">Surel redaksi</a>' in page
    assert '"@type": "ProfilePage"' in page
    photos = [image for image in shipped.site.images if image.path == "editors/sefnat-besie.png"]
    assert len(photos) == 1 and all((shipped.output / v.output_file).is_file() for v in photos[0].variants)
    article = (shipped.output / "2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/index.html").read_text()
    assert '<a href="/editor/sefnat-besie/">Sefnat Besie</a>, Editor Bidang Humas</p>' in article
    # an editor without a profile: no profile, no rank
    other = (shipped.output / "editor/yohanes-kolo/index.html").read_text()
    assert 'class="profile"' not in other and "ProfilePage" not in other
