"""Every generated page is valid HTML5 (html5lib strict), in Indonesian, and its site links resolve."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import html5lib
import pytest
from html5lib.html5parser import ParseError

from sitegen.build import BuildResult
from tests.regenerate_golden import build_golden
from tests.support import REPO, build_site

XHTML = "{http://www.w3.org/1999/xhtml}"


def copy_shipped_site(destination: Path) -> Path:
    destination.mkdir(parents=True)
    shutil.copy2(REPO / "site.yaml", destination / "site.yaml")
    for folder in ("content", "editors", "layouts", "assets"):
        shutil.copytree(REPO / folder, destination / folder)
    return destination


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    root = tmp_path_factory.mktemp("html")
    shipped = copy_shipped_site(root / "shipped")
    (root / "golden").mkdir()
    return {
        "shipped": build_site(shipped, output=root / "shipped-out"),
        "shipped-under-a-path": build_site(
            shipped, output=root / "shipped-portal-out", base_url="https://x.github.io/portal/"
        ),
        "golden": build_golden(root / "golden"),
    }


def pages(result: BuildResult) -> list[Path]:
    # the CMS's admin page is written by code, not planned: tests/render/test_cms.py checks it
    found = sorted(p for p in result.output.rglob("*.html") if p.relative_to(result.output).parts[0] != "admin")
    assert len(found) == len([p for p in result.site.pages if p.output_file.endswith(".html")])
    return found


@pytest.mark.parametrize("name", ["shipped", "shipped-under-a-path", "golden"])
def test_every_page_parses_as_html5_without_a_single_error(builds: dict[str, BuildResult], name: str) -> None:
    result = builds[name]
    failures = []
    for page in pages(result):
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(page.read_bytes(), transport_encoding="utf-8")
        except ParseError as exc:
            failures.append(f"{page.relative_to(result.output)}: {exc} {parser.errors[:3]}")
    assert failures == []


@pytest.mark.parametrize("name", ["shipped", "shipped-under-a-path", "golden"])
def test_every_page_is_indonesian_and_titled(builds: dict[str, BuildResult], name: str) -> None:
    result = builds[name]
    for page in pages(result):
        root = html5lib.parse(page.read_bytes(), transport_encoding="utf-8")
        where = page.relative_to(result.output)
        assert root.get("lang") == "id", where
        title = root.findtext(f"{XHTML}head/{XHTML}title")
        assert title and title.strip().endswith(result.site.config.title), where


def _site_links(page: Path, output: Path, base_url: str) -> list[tuple[str, str]]:
    """(link as written, resolved URL) for every href/src of the page that points into the site."""
    relative = page.relative_to(output).as_posix()
    page_url = urljoin(base_url, relative.removesuffix("index.html"))
    root = html5lib.parse(page.read_bytes(), transport_encoding="utf-8", namespaceHTMLElements=False)
    links = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is None or value.startswith(("mailto:", "tel:", "#")):
                continue
            absolute = urljoin(page_url, value)
            if absolute.startswith(base_url):
                links.append((value, absolute))
    return links


def _target(output: Path, base_url: str, url: str) -> Path:
    path = urlsplit(url).path[len(urlsplit(base_url).path) :]
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


@pytest.mark.parametrize("name", ["shipped", "shipped-under-a-path", "golden"])
def test_every_site_link_resolves_to_a_written_file(builds: dict[str, BuildResult], name: str) -> None:
    result = builds[name]
    base_url = result.site.config.base_url
    broken = []
    checked = 0
    for page in pages(result):
        for written, url in _site_links(page, result.output, base_url):
            if written.endswith(".jpg"):  # the golden article's photo is not in the theme's assets
                continue
            checked += 1
            if not _target(result.output, base_url, url).is_file():
                broken.append(f"{page.relative_to(result.output)}: {written}")
    assert broken == []
    html_pages = [p for p in result.site.pages if p.output_file.endswith(".html")]
    assert checked > 10 * len(html_pages)  # the checker saw the navigation of every page


def test_site_links_under_a_base_path_all_start_with_it(builds: dict[str, BuildResult]) -> None:
    result = builds["shipped-under-a-path"]
    wrong = []
    for page in pages(result):
        for written, _ in _site_links(page, result.output, result.site.config.base_url):
            if not written.startswith(("/portal/", "https://x.github.io/portal/")):
                wrong.append(f"{page.relative_to(result.output)}: {written}")
    assert wrong == []


@pytest.mark.parametrize("name", ["shipped", "golden"])
def test_every_sitemap_url_is_a_written_page(builds: dict[str, BuildResult], name: str) -> None:
    result = builds[name]
    base_url = result.site.config.base_url
    root = ET.fromstring((result.output / "sitemap.xml").read_bytes())
    locs = [loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len([p for p in result.site.pages if p.in_sitemap])  # all but 404.html and feeds
    assert [loc for loc in locs if not _target(result.output, base_url, loc).is_file()] == []
