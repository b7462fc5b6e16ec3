"""Cached fragments in whole builds: the shipped layouts cache each card, the masthead and the
footer (``{% cached %}``, sitegen/render/fragments.py). A build that reuses them gives the bytes
of one that renders every fragment anew, in one process and in forked workers, and after any
change to what a card shows, an incremental build equals a clean one without the cache."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen import parallel
from sitegen.build import BuildOptions, BuildResult, build
from sitegen.plan.model import Card, Page, Pager
from sitegen.render.fragments import CachedFragments, fragments
from tests.regenerate_golden import EXPECTED, GOLDEN_SITE, build_golden, golden_files
from tests.support import FIXED_NOW, article, build_site, copy_theme, photo, tree, write_site

TAGS = ["Polri", "Kamtibmas", "Lalu Lintas", "Bencana"]
PLACES = [
    "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan",
    "Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang",
]


def _uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CachedFragments, "enabled", False)


def _golden(work: Path, jobs: int) -> BuildResult:
    site = work / "golden-site"
    shutil.copytree(GOLDEN_SITE, site)
    copy_theme(site)
    return build_site(site, output=work / "out", jobs=jobs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_golden_site_is_the_same_with_and_without_cached_fragments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ITEMS", 1)  # forked workers, each with its own fragments
    cached = _golden(tmp_path / "cached", jobs)
    assert cached.environment is not None and fragments(cached.environment).counts["footer"] == 1
    with monkeypatch.context() as off:
        _uncached(off)
        uncached = _golden(tmp_path / "uncached", jobs)
    assert uncached.environment is not None and not fragments(uncached.environment).counts
    assert golden_files(cached.output) == golden_files(uncached.output) == tree(EXPECTED)


def test_the_shipped_layouts_render_each_card_and_site_wide_fragment_once(tmp_path: Path) -> None:
    result = build_golden(tmp_path)  # one process: the golden site is below the size worth forking for
    assert result.environment is not None
    layouts = [page for page in result.site.pages if page.template.endswith(".html")]
    cards = {card.digest for page in layouts for card in _cards(page)}
    # the home page, the search page, the four section indexes and each nav tag mark themselves
    # current; every other page shares one masthead
    sections = {"/", "/cari/", "/tag/", "/lokasi/", "/arsip/", "/editor/"}
    nav = {*sections, *(link.path for link in layouts[0].context["nav_tags"])}  # type: ignore[typeddict-item]
    shown = {page.path for page in layouts}
    assert len(nav & shown) == len(nav) > 2 and len(shown) > len(nav)
    assert dict(fragments(result.environment).counts) == {"card": len(cards), "masthead": len(nav) + 1, "footer": 1}
    assert len(cards) == len(result.site.articles)


def _cards(page: Page) -> tuple[Card, ...]:
    pager = page.context.get("pager")
    return pager.items if isinstance(pager, Pager) else ()


def _site(root: Path) -> Path:
    files: dict[str, str | bytes] = {}
    for n in range(14):
        files[f"content/2023/berita-{n:02d}.md"] = article(
            f"Paragraf pertama berita {n}.\n\nParagraf kedua.",
            title=f"Berita nomor {n}",
            date=f"2023-{1 + n % 6:02d}-{1 + n:02d} 08:{n:02d}",
            tags=[TAGS[n % 4], TAGS[(n + 1) % 4]],
            location=PLACES[n % 2],
        )
    return write_site(root, {"page_size": 3, "feed_size": 5}, files)


TARGET = "content/2023/berita-06.md"


def _edit(site: Path, old: str, new: str) -> None:
    path = site / TARGET
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def title(site: Path) -> None:
    _edit(site, "title: Berita nomor 6", "title: Judul baru nomor 6")


def date(site: Path) -> None:
    _edit(site, "date: 2023-01-07 08:06", "date: 2023-01-20 16:45")  # same month: same page, new place in lists


def tags(site: Path) -> None:
    _edit(site, "tags: [", "tags: [Narkoba, ")


def summary(site: Path) -> None:
    _edit(site, "Paragraf pertama berita 6.", "Ringkasan yang baru sama sekali.")


def place(site: Path) -> None:
    _edit(site, PLACES[0], "Desa Oelnasi, Kecamatan Kupang Tengah, Kabupaten Kupang")


def featured_photo(site: Path) -> None:
    _edit(site, "title: Berita nomor 6", "title: Berita nomor 6\nimage: {src: foto.jpg, alt: Foto apel}")
    (site / "content/2023/foto.jpg").write_bytes(photo(900, 600))


CHANGES: list[Callable[[Path], None]] = [title, date, tags, summary, place, featured_photo]


def _lists(files: dict[str, bytes], text: str) -> set[str]:
    """The list pages (not the article's own page or feeds) that show ``text``."""
    return {
        name
        for name, data in files.items()
        if name.endswith(".html") and "/berita-06/" not in name and text.encode() in data
    }


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_a_card_shows_every_change_on_every_page_and_equals_a_clean_uncached_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ITEMS", 1)
    site = _site(tmp_path / "site")
    build(site, BuildOptions(now=FIXED_NOW, jobs=2))
    before = tree(site / "public")
    showing = _lists(before, "Berita nomor 6<")
    assert len(showing) >= 6  # home, two tags, places, editor, archives: the card is on many pages
    change(site)
    build(site, BuildOptions(now=FIXED_NOW, jobs=2))
    after = tree(site / "public")
    if change is title:
        assert _lists(after, "Berita nomor 6<") == set()
        assert _lists(after, "Judul baru nomor 6<") == showing
    if change is summary:
        assert _lists(after, "Paragraf pertama berita 6.") == set()
        summarised = showing & _lists(before, "Paragraf pertama berita 6.")
        assert summarised and _lists(after, "Ringkasan yang baru sama sekali.") >= summarised

    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
    _uncached(monkeypatch)
    build(clean, BuildOptions(now=FIXED_NOW, use_cache=False, jobs=1))
    assert after == tree(clean / "public")
