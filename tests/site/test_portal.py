"""The portal's list pages: places, editors, archives, pagination, URL prefixes and
the feeds of every term, read back from built scratch sites.

Expected values are worked out here from the articles' own front matter, never from sitegen's
plan: every article must be reachable from each of its terms by walking the list pages.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import feedparser
import html5lib
import pytest

from sitegen.build import BuildResult
from sitegen.plan.planner import paginate
from tests.support import MakeSite, article, build_site, formatted, write_site

BASE = "https://warta-uji.test/"
WITA = dt.timezone(dt.timedelta(hours=8))


# ---- reading built pages ------------------------------------------------------------------------------------


def output_file(output: Path, path: str) -> Path:
    """The file of a site path: ``/tag/polri/`` → ``tag/polri/index.html``."""
    relative = path.lstrip("/")
    return output / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def dom(output: Path, path: str) -> Any:
    return html5lib.parse(output_file(output, path).read_bytes(), namespaceHTMLElements=False)


def text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def stories(root: Any) -> list[str]:
    """The article links of a list page, in order."""
    return [a.get("href") for a in root.iterfind(".//li[@class='story']/h2/a")]


def head_links(root: Any, rel: str) -> list[str]:
    return [link.get("href") for link in root.iterfind(".//head/link") if link.get("rel") == rel]


def feed_links(root: Any) -> list[str]:
    return [
        link.get("href")
        for link in root.iterfind(".//head/link")
        if link.get("rel") == "alternate" and link.get("type") == "application/rss+xml"
    ]


def count_text(root: Any) -> str:
    return text(root.find(".//p[@class='count']"))


def summaries(ul: Any) -> list[Any]:
    """A ``term-index`` list as (name, path, "N berita", [children…]), nested."""
    result = []
    for li in ul.findall("li"):
        link = li.find("a")
        inner = li.find("ul")
        result.append(
            (link.text, link.get("href"), li.find("span").text, summaries(inner) if inner is not None else [])
        )
    return result


def crumbs(root: Any) -> list[tuple[str, str | None]]:
    nav = root.find(".//nav[@class='crumbs']")
    assert nav is not None
    return [(text(li), li.find("a").get("href") if li.find("a") is not None else None) for li in nav.iter("li")]


def walk(output: Path, first: str) -> tuple[list[str], list[str]]:
    """Follow a list from its first page by its rel=next links: (page paths, article links)."""
    pages, links, path = [], [], first
    while path is not None:
        assert path not in pages, f"{path} is visited twice"
        pages.append(path)
        root = dom(output, path)
        links += stories(root)
        following = head_links(root, "next")
        path = following[0] if following else None
    return pages, links


def read_feed(output: Path, path: str) -> Any:
    data = output_file(output, path).read_bytes()
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    assert parsed.bozo == 0, (path, parsed.bozo_exception)
    return parsed


# ---- places -------------------------------------------------------------------------------------------------

TTS = "Kabupaten Timor Tengah Selatan"
PLACES = {
    "content/a.md": ("2023-12-03 10:30", f"Desa Falas, Kecamatan Kie, {TTS}"),
    "content/b.md": ("2023-12-04 10:30", "Desa Oinlasi, Kecamatan Kie, Kab. TTS"),  # joined by the alias
    "content/c.md": ("2023-12-05 10:30", f"Desa Oinlasi, Kecamatan Amanuban Selatan, {TTS}"),  # another Oinlasi
    "content/d.md": ("2023-12-06 10:30", f"Kecamatan Kie, {TTS}"),  # a district, no village
    "content/e.md": ("2023-12-07 10:30", "Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang"),
    "content/f.md": ("2023-12-08 10:30", "Kabupaten Alor"),
}
L_TTS = "/lokasi/kabupaten-timor-tengah-selatan/"
L_KIE = L_TTS + "kecamatan-kie/"
L_AMANUBAN = L_TTS + "kecamatan-amanuban-selatan/"


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    files = {
        source: article(date=date, location=location, title=f"Berita {source[8]}")
        for source, (date, location) in PLACES.items()
    }
    site = write_site(tmp_path_factory.mktemp("places") / "site", {"location_aliases": {"Kab. TTS": TTS}}, files)
    result = build_site(site)
    assert formatted(result.report) == []  # an alias is no misspelling: nothing to warn about
    return result


def test_an_article_is_filed_under_its_regency_district_and_village(places: BuildResult) -> None:
    out = places.output
    for path in (L_TTS, L_KIE, L_KIE + "desa-falas/"):
        assert "/2023/12/a/" in stories(dom(out, path)), path
    assert stories(dom(out, L_KIE + "desa-falas/")) == ["/2023/12/a/"]


def test_a_regency_page_lists_the_stories_of_its_districts_and_villages(places: BuildResult) -> None:
    root = dom(places.output, L_TTS)
    assert text(root.find(".//h1")) == f"Lokasi: {TTS}"
    assert count_text(root) == "4 berita · RSS"
    assert stories(root) == ["/2023/12/d/", "/2023/12/c/", "/2023/12/b/", "/2023/12/a/"]
    children = root.find(".//details[@class='children']")
    assert text(children.find("summary")) == f"Wilayah di {TTS} (2)"
    assert summaries(children.find("ul")) == [
        ("Kecamatan Amanuban Selatan", L_AMANUBAN, "1 berita", []),
        ("Kecamatan Kie", L_KIE, "3 berita", []),
    ]
    kie = dom(places.output, L_KIE)
    assert count_text(kie) == "3 berita · RSS"
    assert stories(kie) == ["/2023/12/d/", "/2023/12/b/", "/2023/12/a/"]


def test_the_place_index_is_the_tree_with_counts(places: BuildResult) -> None:
    root = dom(places.output, "/lokasi/")
    assert text(root.find(".//h1")) == "Semua Lokasi"
    assert summaries(root.find(".//ul[@class='term-index']")) == [
        ("Kabupaten Alor", "/lokasi/kabupaten-alor/", "1 berita", []),
        (
            TTS,
            L_TTS,
            "4 berita",
            [
                (
                    "Kecamatan Amanuban Selatan",
                    L_AMANUBAN,
                    "1 berita",
                    [("Desa Oinlasi", L_AMANUBAN + "desa-oinlasi/", "1 berita", [])],
                ),
                (
                    "Kecamatan Kie",
                    L_KIE,
                    "3 berita",
                    [
                        ("Desa Falas", L_KIE + "desa-falas/", "1 berita", []),
                        ("Desa Oinlasi", L_KIE + "desa-oinlasi/", "1 berita", []),
                    ],
                ),
            ],
        ),
        (
            "Kota Kupang",
            "/lokasi/kota-kupang/",
            "1 berita",
            [
                (
                    "Kecamatan Oebobo",
                    "/lokasi/kota-kupang/kecamatan-oebobo/",
                    "1 berita",
                    [("Kelurahan Oebobo", "/lokasi/kota-kupang/kecamatan-oebobo/kelurahan-oebobo/", "1 berita", [])],
                )
            ],
        ),
    ]


def test_one_village_name_in_two_districts_is_two_places(places: BuildResult) -> None:
    assert stories(dom(places.output, L_KIE + "desa-oinlasi/")) == ["/2023/12/b/"]
    assert stories(dom(places.output, L_AMANUBAN + "desa-oinlasi/")) == ["/2023/12/c/"]
    assert not (places.output / "lokasi/desa-oinlasi").exists()


def test_an_alias_files_the_article_under_the_place_it_names(places: BuildResult) -> None:
    lokasi = sorted(p.name for p in (places.output / "lokasi").iterdir() if p.is_dir())
    assert lokasi == ["kabupaten-alor", "kabupaten-timor-tengah-selatan", "kota-kupang"]
    assert crumbs(dom(places.output, "/2023/12/b/")) == [
        (TTS, L_TTS),
        ("Kecamatan Kie", L_KIE),
        ("Desa Oinlasi", L_KIE + "desa-oinlasi/"),
    ]


def test_breadcrumbs_of_a_place_page_and_of_an_article(places: BuildResult) -> None:
    assert crumbs(dom(places.output, L_KIE + "desa-falas/")) == [
        (TTS, L_TTS),
        ("Kecamatan Kie", L_KIE),
        ("Desa Falas", None),
    ]
    village = dom(places.output, L_KIE + "desa-falas/").find(".//nav[@class='crumbs']")
    assert village.findall(".//li")[-1].get("aria-current") == "page"
    assert crumbs(dom(places.output, L_KIE)) == [(TTS, L_TTS), ("Kecamatan Kie", None)]
    assert dom(places.output, L_TTS).find(".//nav[@class='crumbs']") is None  # nothing above a regency
    assert crumbs(dom(places.output, "/2023/12/e/")) == [
        ("Kota Kupang", "/lokasi/kota-kupang/"),
        ("Kecamatan Oebobo", "/lokasi/kota-kupang/kecamatan-oebobo/"),
        ("Kelurahan Oebobo", "/lokasi/kota-kupang/kecamatan-oebobo/kelurahan-oebobo/"),
    ]
    assert crumbs(dom(places.output, "/2023/12/f/")) == [("Kabupaten Alor", "/lokasi/kabupaten-alor/")]


def test_a_regency_spelled_differently_in_case_and_punctuation_is_merged_with_a_warning(make_site: MakeSite) -> None:
    site = make_site(
        files={
            "content/a.md": article(location=f"Desa Falas, Kecamatan Kie, {TTS}"),
            "content/b.md": article(date="2023-12-04 10:30", location=f"Kecamatan Kie, {TTS}"),
            "content/c.md": article(date="2023-12-05 10:30", location="Kecamatan Kie, kabupaten timor-tengah Selatan"),
        }
    )
    result = build_site(site)
    assert formatted(result.report) == [
        "content/c.md:5: warning: place 'kabupaten timor-tengah Selatan' is written "
        f"'{TTS}' elsewhere; both are filed under '{TTS}'"
    ]
    assert sorted(p.name for p in (result.output / "lokasi").iterdir() if p.is_dir()) == [
        "kabupaten-timor-tengah-selatan"
    ]
    root = dom(result.output, L_TTS)
    assert (text(root.find(".//h1")), count_text(root)) == (f"Lokasi: {TTS}", "3 berita · RSS")
    assert stories(root) == ["/2023/12/c/", "/2023/12/b/", "/2023/12/a/"]
    assert crumbs(dom(result.output, "/2023/12/c/"))[0] == (TTS, L_TTS)


# ---- editors and archives -----------------------------------------------------------------------------------


def test_editor_pages_and_their_index(make_site: MakeSite) -> None:
    site = make_site(
        files={
            "content/a.md": article(date="2023-12-01 08:00", editor="Maria Ndoen"),
            "content/b.md": article(date="2023-12-02 08:00", editor="Sefnat Besie"),
            "content/c.md": article(date="2023-12-03 08:00", editor="Maria Ndoen"),
        }
    )
    result = build_site(site)
    out = result.output
    index = dom(out, "/editor/")
    assert text(index.find(".//h1")) == "Para Editor"
    assert summaries(index.find(".//ul[@class='term-index']")) == [
        ("Maria Ndoen", "/editor/maria-ndoen/", "2 berita", []),
        ("Sefnat Besie", "/editor/sefnat-besie/", "1 berita", []),
    ]
    maria = dom(out, "/editor/maria-ndoen/")
    assert (text(maria.find(".//h1")), count_text(maria)) == ("Editor: Maria Ndoen", "2 berita · RSS")
    assert stories(maria) == ["/2023/12/c/", "/2023/12/a/"]
    credit = dom(out, "/2023/12/b/").find(".//p[@class='credit']/a")
    assert (credit.text, credit.get("href")) == ("Sefnat Besie", "/editor/sefnat-besie/")


ARCHIVE_FILES = {
    "content/a.md": article(date="2023-12-31 23:30"),  # WITA: still December, whatever the machine's zone
    "content/b.md": article(date="2024-01-01 00:30"),
    "content/c.md": article(date="2023-12-31 16:45+00:00"),  # 2024-01-01 00:45 WITA: January
    "content/d.md": article(date="2023-11-30 16:00Z"),  # 2023-12-01 00:00 WITA: December
    "content/e.md": article(date="2023-02-14 09:00"),
}


def test_archives_use_indonesian_month_names_in_the_sites_time_zone(make_site: MakeSite, machine_tz: str) -> None:
    result = build_site(make_site(files=ARCHIVE_FILES))
    out = result.output
    index = dom(out, "/arsip/")
    assert text(index.find(".//h1")) == "Arsip Berita"
    assert summaries(index.find(".//ul[@class='term-index']")) == [
        ("2024", "/arsip/2024/", "2 berita", [("Januari 2024", "/arsip/2024/01/", "2 berita", [])]),
        (
            "2023",
            "/arsip/2023/",
            "3 berita",
            [
                ("Desember 2023", "/arsip/2023/12/", "2 berita", []),
                ("Februari 2023", "/arsip/2023/02/", "1 berita", []),
            ],
        ),
    ]
    december = dom(out, "/arsip/2023/12/")
    assert text(december.find(".//h1")) == "Arsip: Desember 2023"
    assert text(december.find(".//title")) == "Arsip: Desember 2023 – Warta Uji NTT"
    assert count_text(december) == "2 berita"  # no feed
    assert stories(december) == ["/2023/12/a/", "/2023/12/d/"]
    assert crumbs(december) == [("2023", "/arsip/2023/"), ("Desember 2023", None)]
    assert stories(dom(out, "/arsip/2024/01/")) == ["/2024/01/c/", "/2024/01/b/"]
    year = dom(out, "/arsip/2023/")
    assert text(year.find(".//h1")) == "Arsip: 2023"
    assert text(year.find(".//details/summary")) == "Per bulan (2)"
    assert stories(year) == ["/2023/12/a/", "/2023/12/d/", "/2023/02/e/"]
    assert sorted(p.relative_to(out).as_posix() for p in (out / "arsip").rglob("*") if p.is_file()) == [
        "arsip/2023/02/index.html",
        "arsip/2023/12/index.html",
        "arsip/2023/index.html",
        "arsip/2024/01/index.html",
        "arsip/2024/index.html",
        "arsip/index.html",
    ]


# ---- pagination ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nine(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Nine stories of one topic and one of another, one a page: nine numbered topic pages, ten home pages."""
    files = {
        f"content/b{n}.md": article(date=f"2023-12-0{n} 10:00", title=f"Berita {n}", tags="[Polri]")
        for n in range(1, 10)
    }
    files["content/lain.md"] = article(
        date="2023-11-01 10:00", tags="[Lain]", editor="Maria Ndoen", location="Kabupaten Alor"
    )
    return build_site(write_site(tmp_path_factory.mktemp("nine") / "site", {"page_size": 1}, files))


def numbered(root: Any) -> list[str | tuple[str, str | None]]:
    """The numbered links of a page's pagination: (number, href) or (number, None) for the
    current page, "…" for a gap."""
    found: list[str | tuple[str, str | None]] = []
    for li in root.find(".//nav[@class='pagination']/ol").findall("li"):
        if li.get("class") == "gap":
            found.append("…")
        elif li.find("span") is not None:
            assert li.find("span").get("aria-current") == "page"
            found.append((li.find("span").text, None))
        else:
            found.append((li.find("a").text, li.find("a").get("href")))
    return found


def tag_page(n: int) -> str:
    return "/tag/polri/" if n == 1 else f"/tag/polri/page/{n}/"


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (1, [1, 2, 3, None, 9]),
        (2, [1, 2, 3, 4, None, 9]),
        (4, [1, 2, 3, 4, 5, 6, None, 9]),
        (5, [1, None, 3, 4, 5, 6, 7, None, 9]),
        (6, [1, None, 4, 5, 6, 7, 8, 9]),
        (9, [1, None, 7, 8, 9]),
    ],
)
def test_numbered_pages_show_the_first_the_last_and_two_around_the_current(
    nine: BuildResult, number: int, shown: list[int | None]
) -> None:
    root = dom(nine.output, tag_page(number))
    assert numbered(root) == ["…" if n is None else (str(n), None if n == number else tag_page(n)) for n in shown]
    previous = [tag_page(number - 1)] if number > 1 else []
    following = [tag_page(number + 1)] if number < 9 else []
    assert head_links(root, "prev") == previous
    assert head_links(root, "next") == following
    nav = root.find(".//nav[@class='pagination']")
    assert [a.get("href") for a in nav.iterfind("a") if a.get("rel") == "prev"] == previous
    assert [a.get("href") for a in nav.iterfind("a") if a.get("rel") == "next"] == following
    assert stories(root) == [f"/2023/12/b{10 - number}/"]
    suffix = f" – Halaman {number}" if number > 1 else ""
    assert text(root.find(".//title")) == f"Topik: Polri{suffix} – Warta Uji NTT"


def test_the_home_page_paginates_the_same_way(nine: BuildResult) -> None:
    root = dom(nine.output, "/page/5/")
    assert numbered(root) == [
        ("1", "/"), "…", ("3", "/page/3/"), ("4", "/page/4/"), ("5", None), ("6", "/page/6/"),
        ("7", "/page/7/"), "…", ("10", "/page/10/"),
    ]  # fmt: skip
    assert (head_links(root, "prev"), head_links(root, "next")) == (["/page/4/"], ["/page/6/"])
    assert stories(root) == ["/2023/12/b5/"]
    assert not (nine.output / "page/1").exists() and not (nine.output / "page/11").exists()
    assert not (nine.output / "tag/polri/page/1").exists() and not (nine.output / "tag/polri/page/10").exists()


@pytest.mark.parametrize("path", ["/tag/lain/", "/editor/maria-ndoen/", "/lokasi/kabupaten-alor/", "/arsip/2023/11/"])
def test_a_list_of_one_page_has_no_pagination(nine: BuildResult, path: str) -> None:
    root = dom(nine.output, path)
    assert stories(root) == ["/2023/11/lain/"]
    assert root.find(".//nav[@class='pagination']") is None
    assert head_links(root, "prev") == head_links(root, "next") == []
    assert not (output_file(nine.output, path).parent / "page").exists()


def test_pager_window_edges() -> None:
    cards = tuple(SimpleNamespace(digest=str(n)) for n in range(7))  # a pager reads only an item's digest
    pagers = paginate(cards, 1, "/x/")  # type: ignore[arg-type]
    assert [[e and e[0] for e in p.window] for p in pagers] == [
        [1, 2, 3, None, 7],
        [1, 2, 3, 4, None, 7],
        [1, 2, 3, 4, 5, None, 7],
        [1, 2, 3, 4, 5, 6, 7],
        [1, None, 3, 4, 5, 6, 7],
        [1, None, 4, 5, 6, 7],
        [1, None, 5, 6, 7],
    ]
    assert pagers[4].window[2] == (3, "/x/page/3/")
    (only,) = paginate((), 3, "/x/")
    assert only.window == ((1, "/x/"),)


# ---- every list of a generated site: reachability, URL prefixes, feeds ----------------------------------------

REGIONS = {
    TTS: {"Kecamatan Kie": ["Desa Falas", "Desa Oinlasi"], "Kecamatan Amanuban Selatan": ["Desa Oinlasi", "Desa Bena"]},
    "Kota Kupang": {"Kecamatan Oebobo": ["Kelurahan Oebobo", "Kelurahan Fatululi"]},
    "Kabupaten Alor": {"Kecamatan Teluk Mutiara": ["Kelurahan Kalabahi Kota"]},
}
CHAINS = [(r, d, v) for r, districts in REGIONS.items() for d, villages in districts.items() for v in villages]
TAGS = ["Polri", "Kamtibmas", "Bakti Sosial", "Lalu Lintas", "Pemilu 2024", "Narkoba"]
EDITORS = ["Sefnat Besie", "Maria Ndoen", "Yohanes Kore"]
COUNT, PAGE_SIZE, FEED_SIZE = 30, 3, 4
FIRST = dt.datetime(2023, 11, 18, 9, 0, tzinfo=WITA)
PREFIXES = {
    "tag_prefix": "topik",
    "location_prefix": "wilayah",
    "editor_prefix": "redaksi",
    "archive_prefix": "kalender",
}
DEFAULT_PREFIXES = {
    "tag_prefix": "tag",
    "location_prefix": "lokasi",
    "editor_prefix": "editor",
    "archive_prefix": "arsip",
}


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")  # enough for the names above


@dataclass(frozen=True)
class Story:
    number: int
    date: dt.datetime
    tags: tuple[str, ...]
    chain: tuple[str, ...]  # regency, district[, village]
    editor: str

    @property
    def path(self) -> str:
        return f"/{self.date:%Y}/{self.date:%m}/berita-{self.number:02d}/"

    def source(self) -> str:
        location = ", ".join(reversed(self.chain))
        return article(
            date=f"{self.date:%Y-%m-%d %H:%M}",
            title=f"Berita nomor {self.number}",
            editor=self.editor,
            location=location,
            tags=list(self.tags),
        )


def story(n: int) -> Story:
    tags = list(dict.fromkeys([TAGS[n % 6], TAGS[(n // 2) % 6], *(["Polri"] if n % 3 == 0 else [])]))
    chain = CHAINS[n % len(CHAINS)]
    return Story(n, FIRST + dt.timedelta(hours=61 * n), tuple(tags), chain[:2] if n % 5 == 0 else chain, EDITORS[n % 3])


STORIES = [story(n) for n in range(COUNT)]
NEWEST_FIRST = sorted(STORIES, key=lambda s: s.date, reverse=True)


def expected_lists(prefixes: dict[str, str]) -> dict[str, tuple[str, str, list[str]]]:
    """Each list's first page → (kind, heading name, its article paths newest first), worked out
    from the front matter above."""
    lists: dict[str, tuple[str, str, list[str]]] = {"/": ("home", "", [])}
    for s in NEWEST_FIRST:
        local = s.date.astimezone(WITA)
        terms = [("tag", f"/{prefixes['tag_prefix']}/{slug(t)}/", t) for t in s.tags]
        terms += [
            ("location", f"/{prefixes['location_prefix']}/" + "".join(slug(p) + "/" for p in s.chain[: d + 1]), name)
            for d, name in enumerate(s.chain)
        ]
        terms.append(("editor", f"/{prefixes['editor_prefix']}/{slug(s.editor)}/", s.editor))
        months = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                  "Oktober", "November", "Desember"]  # fmt: skip
        archive = f"/{prefixes['archive_prefix']}/{local.year}/"
        terms += [("archive", archive, str(local.year))]
        terms += [("archive", f"{archive}{local.month:02d}/", f"{months[local.month]} {local.year}")]
        for kind, path, name in [("home", "/", ""), *terms]:
            lists.setdefault(path, (kind, name, []))[2].append(s.path)
    return lists


def page_paths(first: str, count: int) -> list[str]:
    return [first] + [f"{first}page/{n}/" for n in range(2, -(-count // PAGE_SIZE) + 1)]


@pytest.fixture(scope="module", params=["default", "custom"])
def portal(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, dict]:
    prefixes = PREFIXES if request.param == "custom" else DEFAULT_PREFIXES
    config = {"page_size": PAGE_SIZE, "feed_size": FEED_SIZE, **(prefixes if request.param == "custom" else {})}
    files = {f"content/berita-{s.number:02d}.md": s.source() for s in STORIES}
    result = build_site(write_site(tmp_path_factory.mktemp(request.param) / "site", config, files))
    assert formatted(result.report) == []
    return result, prefixes


def test_the_corpus_exercises_every_kind_of_list() -> None:
    lists = expected_lists(DEFAULT_PREFIXES)
    longest = {kind: max(len(v[2]) for v in lists.values() if v[0] == kind) for kind, _, _ in lists.values()}
    assert all(n > PAGE_SIZE for n in longest.values()), longest  # every kind has a paginated list
    assert {FIRST.year, NEWEST_FIRST[0].date.year} == {2023, 2024}


def test_every_article_is_reachable_from_each_of_its_terms_in_order(portal: tuple[BuildResult, dict]) -> None:
    result, prefixes = portal
    for first, (kind, _, expected) in expected_lists(prefixes).items():
        pages, links = walk(result.output, first)
        assert links == expected, first
        assert pages == page_paths(first, len(expected)), first
        if kind != "home":
            rss = " · RSS" if kind != "archive" else ""
            assert count_text(dom(result.output, first)) == f"{len(expected)} berita{rss}", first


def test_the_list_pages_are_exactly_those_of_the_terms(portal: tuple[BuildResult, dict]) -> None:
    result, prefixes = portal
    expected = {
        page for first, (_, _, items) in expected_lists(prefixes).items() for page in page_paths(first, len(items))
    }
    expected |= {f"/{p}/" for p in prefixes.values()}  # the four indexes
    articles = {s.path for s in STORIES}
    folders = {p.parent.relative_to(result.output).as_posix() for p in result.output.rglob("index.html")}
    found = {"/" if f == "." else f"/{f}/" for f in folders}
    assert found - articles - {"/cari/"} == expected


def test_url_prefixes_change_every_url_and_every_link(portal: tuple[BuildResult, dict]) -> None:
    result, prefixes = portal
    out = result.output
    top = {p.name for p in out.iterdir() if p.is_dir()} - {"pagefind"}  # the search index, when Pagefind is installed
    assert top == {"2023", "2024", "assets", "cari", "page", *prefixes.values()}
    links: set[str] = set()
    for page in sorted(out.rglob("*.html")):
        root = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute) if isinstance(element.tag, str) else None
                if value and value.startswith("/") and not value.startswith("//"):
                    links.add(urlsplit(value).path)
    missing = sorted(link for link in links if not output_file(out, link).is_file())
    assert missing == []
    for prefix in prefixes.values():
        assert f"/{prefix}/" in links
    others = (set(DEFAULT_PREFIXES.values()) | set(PREFIXES.values())) - set(prefixes.values())
    assert not [link for link in links if link.split("/")[1] in others]
    story = STORIES[7]
    page = dom(out, story.path)
    assert [a.get("href") for a in page.iterfind(".//ul[@class='tags']/li/a")] == [
        f"/{prefixes['tag_prefix']}/{slug(t)}/" for t in story.tags
    ]
    assert [href for _, href in crumbs(page)] == [
        f"/{prefixes['location_prefix']}/" + "".join(slug(p) + "/" for p in story.chain[: d + 1])
        for d in range(len(story.chain))
    ]
    assert page.find(".//p[@class='credit']/a").get("href") == f"/{prefixes['editor_prefix']}/{slug(story.editor)}/"
    sitemap = ET.fromstring((out / "sitemap.xml").read_bytes())
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(output_file(out, loc.removeprefix(BASE.rstrip("/"))).is_file() for loc in locs)
    assert {loc.removeprefix(BASE).split("/")[0] for loc in locs} == {"", "2023", "2024", "page", *prefixes.values()}


def test_every_tag_place_and_editor_has_a_feed_of_its_newest_summaries(portal: tuple[BuildResult, dict]) -> None:
    result, prefixes = portal
    labels = {"tag": "Topik", "location": "Lokasi", "editor": "Editor"}
    feeds = 0
    for first, (kind, name, expected) in expected_lists(prefixes).items():
        if kind not in labels:
            continue
        feeds += 1
        assert feed_links(dom(result.output, first)) == ["/feed.xml", first + "feed.xml"], first
        data = output_file(result.output, first + "feed.xml").read_bytes()
        assert b"content:encoded" not in data, first
        parsed = read_feed(result.output, first + "feed.xml")
        assert parsed.feed.title == f"{labels[kind]}: {name} – Warta Uji NTT"
        assert parsed.feed.link == BASE + first.lstrip("/")
        assert [e.link for e in parsed.entries] == [BASE + p.lstrip("/") for p in expected[:FEED_SIZE]], first
        stamps = [e.published_parsed for e in parsed.entries]
        assert stamps == sorted(stamps, reverse=True)
        assert all("content" not in e and e.summary == "Isi berita." for e in parsed.entries)
    assert feeds == len(TAGS) + len(EDITORS) + 3 + 4 + 7  # and the regencies, districts and villages


def test_the_site_feed_has_the_full_text(portal: tuple[BuildResult, dict]) -> None:
    result, _ = portal
    parsed = read_feed(result.output, "/feed.xml")
    assert [e.link for e in parsed.entries] == [BASE + s.path.lstrip("/") for s in NEWEST_FIRST[:FEED_SIZE]]
    assert all(e.content[0].value == "<p>Isi berita.</p>" for e in parsed.entries)


def test_archives_have_no_feed(portal: tuple[BuildResult, dict]) -> None:
    result, prefixes = portal
    archive = result.output / prefixes["archive_prefix"]
    assert sorted(archive.rglob("*.xml")) == []
    for first, (kind, _, _) in expected_lists(prefixes).items():
        if kind == "archive":
            assert feed_links(dom(result.output, first)) == ["/feed.xml"], first
