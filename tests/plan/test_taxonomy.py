"""Terms (sitegen/plan/taxonomy.py): the paths of tags, places, editors and archive months, and
the terms collected from articles, each spelled as most articles spell it."""

from __future__ import annotations

from typing import Any

from sitegen.config import SiteConfig
from sitegen.plan.taxonomy import (
    Term,
    collect_archives,
    collect_editors,
    collect_locations,
    collect_tags,
    editor_path,
    filed_under,
    newest_first,
    place_path,
    tag_path,
)
from sitegen.read.articles import Article, read_article
from tests.support import article

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/")
TTS = "Kabupaten Timor Tengah Selatan"
TTS_PATH = "/lokasi/kabupaten-timor-tengah-selatan/"


def read(source: str, config: SiteConfig = CONFIG, **fields: Any) -> Article:
    result = read_article(source, article(**fields).encode(), config)
    assert result.article is not None, result.diagnostics
    return result.article


def described(terms: list[Term]) -> list[tuple[str, str, str, str, list[str]]]:
    return [(t.kind, t.name, t.slug, t.path, [a.source for a in t.articles]) for t in terms]


def test_paths_follow_the_configured_prefixes() -> None:
    assert tag_path(CONFIG, "bakti-sosial") == "/tag/bakti-sosial/"
    assert editor_path(CONFIG, "sefnat-besie") == "/editor/sefnat-besie/"
    assert place_path(CONFIG, "kabupaten-alor/kecamatan-kalabahi") == "/lokasi/kabupaten-alor/kecamatan-kalabahi/"
    renamed = SiteConfig(
        title="T", base_url="https://x.test/", tag_prefix="topik", editor_prefix="redaksi", location_prefix="wilayah"
    )
    assert tag_path(renamed, "polri") == "/topik/polri/"
    assert editor_path(renamed, "sefnat-besie") == "/redaksi/sefnat-besie/"
    assert place_path(renamed, "kabupaten-alor") == "/wilayah/kabupaten-alor/"


def test_an_article_is_filed_under_its_tags_its_editor_and_every_level_of_its_place() -> None:
    one = read("content/a.md", tags="[Polri, Bakti Sosial]", location=f"Desa Falas, Kecamatan Kie, {TTS}")
    assert filed_under(CONFIG, one) == {
        "/tag/polri/",
        "/tag/bakti-sosial/",
        "/editor/sefnat-besie/",
        TTS_PATH,
        f"{TTS_PATH}kecamatan-kie/",
        f"{TTS_PATH}kecamatan-kie/desa-falas/",
    }


def test_tags_spelled_differently_are_one_term_named_by_the_most_used_spelling() -> None:
    a = read("content/a.md", tags="[Polri, Bakti Sosial]")
    b = read("content/b.md", tags="[Polri]")
    c = read("content/c.md", tags="[POLRI]")
    lines = {"content/a.md": {"tags": 6}, "content/b.md": {"tags": 6}, "content/c.md": {"tags": 7}}
    terms, problems = collect_tags(CONFIG, [a, b, c], lines)
    assert described(terms) == [
        ("tag", "Bakti Sosial", "bakti-sosial", "/tag/bakti-sosial/", ["content/a.md"]),
        ("tag", "Polri", "polri", "/tag/polri/", ["content/a.md", "content/b.md", "content/c.md"]),
    ]
    assert [p.format() for p in problems] == [
        "content/c.md:7: warning: tag 'POLRI' is written 'Polri' elsewhere; both are filed under 'Polri'"
    ]
    assert terms[1].feed_path == "/tag/polri/feed.xml" and terms[1].count == 3


def test_editors_are_terms_in_the_order_the_articles_come() -> None:
    a = read("content/a.md", editor="Yohanes Lake")
    b = read("content/b.md", editor="Sefnat Besie")
    c = read("content/c.md", editor="Yohanes Lake")
    terms, problems = collect_editors(CONFIG, [a, b, c], {})
    assert described(terms) == [
        ("editor", "Sefnat Besie", "sefnat-besie", "/editor/sefnat-besie/", ["content/b.md"]),
        ("editor", "Yohanes Lake", "yohanes-lake", "/editor/yohanes-lake/", ["content/a.md", "content/c.md"]),
    ]
    assert problems == []


def test_places_form_a_hierarchy_with_parents_and_children_and_aliases_applied() -> None:
    config = SiteConfig(title="T", base_url="https://x.test/", location_aliases=(("Kab. TTS", TTS),))
    a = read("content/a.md", config, location=f"Desa Falas, Kecamatan Kie, {TTS}")
    b = read("content/b.md", config, location="Kecamatan Kie, Kab. TTS")
    c = read("content/c.md", config, location=f"Kecamatan Amanuban Selatan, {TTS}")
    terms, problems = collect_locations(config, [a, b, c], {})
    assert problems == []
    assert described(terms) == [
        ("location", "Desa Falas", "desa-falas", f"{TTS_PATH}kecamatan-kie/desa-falas/", ["content/a.md"]),
        ("location", TTS, "kabupaten-timor-tengah-selatan", TTS_PATH, ["content/a.md", "content/b.md", "content/c.md"]),
        (
            "location",
            "Kecamatan Amanuban Selatan",
            "kecamatan-amanuban-selatan",
            f"{TTS_PATH}kecamatan-amanuban-selatan/",
            ["content/c.md"],
        ),
        ("location", "Kecamatan Kie", "kecamatan-kie", f"{TTS_PATH}kecamatan-kie/", ["content/a.md", "content/b.md"]),
    ]
    regency, village, district = terms[1], terms[0], terms[3]
    assert regency.parents == () and regency.children == (
        f"{TTS_PATH}kecamatan-amanuban-selatan/",
        f"{TTS_PATH}kecamatan-kie/",
    )
    assert district.parents == (TTS_PATH,) and district.children == (f"{TTS_PATH}kecamatan-kie/desa-falas/",)
    assert village.parents == (TTS_PATH, f"{TTS_PATH}kecamatan-kie/") and village.children == ()


def test_a_place_spelled_differently_under_the_same_regency_is_a_warning_at_its_line() -> None:
    a = read("content/a.md", location=f"Kecamatan Kie, {TTS}")
    b = read("content/b.md", location=f"Kecamatan Kie, {TTS}")
    c = read("content/c.md", location=f"Kecamatan KIE, {TTS}")
    terms, problems = collect_locations(CONFIG, [a, b, c], {"content/c.md": {"location": 5}})
    assert [t.name for t in terms] == [TTS, "Kecamatan Kie"]
    assert [p.format() for p in problems] == [
        "content/c.md:5: warning: place 'Kecamatan KIE' is written 'Kecamatan Kie' elsewhere; "
        "both are filed under 'Kecamatan Kie'"
    ]


def test_archives_are_years_and_months_in_the_sites_time_zone_newest_first() -> None:
    # 20:00 UTC on 30 November is 04:00 on 1 December in Kupang (UTC+8)
    a = read("content/a.md", date="2024-01-05 09:00")
    b = read("content/b.md", date="2023-11-30 20:00 +00:00")
    c = read("content/c.md", date="2023-11-02 08:00")
    terms = collect_archives(CONFIG, [a, b, c])
    assert described(terms) == [
        ("archive", "2024", "2024", "/arsip/2024/", ["content/a.md"]),
        ("archive", "Januari 2024", "01", "/arsip/2024/01/", ["content/a.md"]),
        ("archive", "2023", "2023", "/arsip/2023/", ["content/b.md", "content/c.md"]),
        ("archive", "Desember 2023", "12", "/arsip/2023/12/", ["content/b.md"]),
        ("archive", "November 2023", "11", "/arsip/2023/11/", ["content/c.md"]),
    ]
    assert terms[2].children == ("/arsip/2023/12/", "/arsip/2023/11/")
    assert terms[3].parents == ("/arsip/2023/",)


def test_newest_first_breaks_ties_by_source_path() -> None:
    older = read("content/z.md", date="2023-12-01 08:00")
    tie_b = read("content/b.md", date="2023-12-03 10:30")
    tie_a = read("content/a.md", date="2023-12-03 10:30")
    assert [x.source for x in newest_first([older, tie_b, tie_a])] == ["content/a.md", "content/b.md", "content/z.md"]
