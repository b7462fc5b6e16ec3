"""The gather stage: order, pagination, tags, duplicate URLs, held-back articles, the page plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitegen.config import SiteConfig
from sitegen.errors import BuildFailed
from sitegen.plan.model import Site
from sitegen.plan.planner import gather, paginate
from sitegen.read.articles import Article, ReadResult, read_article
from tests.support import FIXED_NOW, MakeSite, article, build_site, formatted

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/", page_size=2)


def read_all(files: dict[str, str], config: SiteConfig = CONFIG) -> list[ReadResult]:
    results = [read_article(source, text.encode(), config) for source, text in files.items()]
    assert [d for r in results for d in r.diagnostics] == []
    return results


def plan(
    files: dict[str, str], config: SiteConfig = CONFIG, now: dt.datetime = FIXED_NOW, **flags: Any
) -> tuple[Site, list[str]]:
    site, problems = gather(config, read_all(files, config), now, **flags)
    assert site is not None, formatted(problems)
    return site, formatted(problems)


def sources(articles: tuple[Article, ...] | list[Article]) -> list[str]:
    return [a.source for a in articles]


# --- order ------------------------------------------------------------------------------------------------


def test_newest_first_whatever_the_offsets() -> None:
    site, _ = plan(
        {
            "content/a.md": article(date="2023-12-03 10:30"),  # 02:30 UTC
            "content/b.md": article(date="2023-12-03 10:00+07:00"),  # 03:00 UTC: newer, though "earlier"
            "content/c.md": article(date="2023-12-02"),
            "content/d.md": article(date="2024-01-09 11:30"),
        }
    )
    assert sources(site.articles) == ["content/d.md", "content/b.md", "content/a.md", "content/c.md"]


def test_same_moment_is_ordered_by_source_path() -> None:
    same = "2023-12-03 10:30"
    site, _ = plan(
        {
            "content/2023/zebra.md": article(date=same),
            "content/2023/alor.md": article(date="2023-12-03 11:30+09:00"),  # the same instant
            "content/2023/belu.md": article(date=same),
        }
    )
    assert sources(site.articles) == ["content/2023/alor.md", "content/2023/belu.md", "content/2023/zebra.md"]


# --- pagination ---------------------------------------------------------------------------------------------


def test_paginate_five_items_by_two() -> None:
    site, _ = plan({f"content/{n}.md": article(date=f"2023-12-0{n} 10:00") for n in range(1, 6)})
    pagers = paginate(site.articles, 2, "/")
    assert [(p.number, p.total, p.path, p.prev_path, p.next_path) for p in pagers] == [
        (1, 3, "/", None, "/page/2/"),
        (2, 3, "/page/2/", "/", "/page/3/"),
        (3, 3, "/page/3/", "/page/2/", None),
    ]
    assert [sources(p.items) for p in pagers] == [
        ["content/5.md", "content/4.md"],
        ["content/3.md", "content/2.md"],
        ["content/1.md"],
    ]
    assert all(p.page_paths == ("/", "/page/2/", "/page/3/") for p in pagers)
    assert all(p.first_path == "/" for p in pagers)


def test_paginate_exact_multiple_has_no_empty_last_page() -> None:
    site, _ = plan({f"content/{n}.md": article(date=f"2023-12-0{n} 10:00") for n in range(1, 5)})
    assert [p.path for p in paginate(site.articles, 2, "/tag/polri/")] == ["/tag/polri/", "/tag/polri/page/2/"]


def test_paginate_nothing_gives_one_empty_page() -> None:
    (only,) = paginate((), 10, "/")
    assert (only.number, only.total, only.items, only.prev_path, only.next_path) == (1, 1, (), None, None)


def test_the_page_plan_of_a_small_site() -> None:
    site, _ = plan(
        {
            "content/2023/falas.md": article(date="2023-12-03 10:30", tags="[Polri, Bakti Sosial]"),
            "content/2023/belu.md": article(date="2023-10-20 09:40", tags='[Polri, "Jum\'at Curhat"]'),
            "content/2023/zebra.md": article(date="2023-09-05 09:00", tags="Polri"),
        }
    )
    other_terms = ("/lokasi/", "/editor/", "/arsip/")
    assert [(p.path, p.template, p.output_file) for p in site.pages if not p.path.startswith(other_terms)] == [
        ("/", "home.html", "index.html"),
        ("/page/2/", "home.html", "page/2/index.html"),
        ("/feed.xml", "rss", "feed.xml"),
        ("/2023/12/falas/", "article.html", "2023/12/falas/index.html"),
        ("/2023/10/belu/", "article.html", "2023/10/belu/index.html"),
        ("/2023/09/zebra/", "article.html", "2023/09/zebra/index.html"),
        ("/tag/", "terms.html", "tag/index.html"),
        ("/tag/bakti-sosial/", "list.html", "tag/bakti-sosial/index.html"),
        ("/tag/bakti-sosial/feed.xml", "rss", "tag/bakti-sosial/feed.xml"),
        ("/tag/jumat-curhat/", "list.html", "tag/jumat-curhat/index.html"),
        ("/tag/jumat-curhat/feed.xml", "rss", "tag/jumat-curhat/feed.xml"),
        ("/tag/polri/", "list.html", "tag/polri/index.html"),
        ("/tag/polri/page/2/", "list.html", "tag/polri/page/2/index.html"),
        ("/tag/polri/feed.xml", "rss", "tag/polri/feed.xml"),
        ("/cari/", "search.html", "cari/index.html"),
        ("/404.html", "404.html", "404.html"),
    ]
    assert [p.path for p in site.pages if not p.in_sitemap and p.template != "rss"] == ["/cari/", "/404.html"]
    articles = {p.path: p for p in site.pages if p.template == "article.html"}
    belu = articles["/2023/10/belu/"].context
    assert (belu["newer"].path, belu["older"].path) == ("/2023/12/falas/", "/2023/09/zebra/")
    assert articles["/2023/12/falas/"].context["newer"] is None
    assert articles["/2023/09/zebra/"].context["older"] is None
    assert [t.name for t in belu["tags"]] == ["Polri", "Jum'at Curhat"]


def test_tag_prefix_from_the_site() -> None:
    config = SiteConfig(title="T", base_url="https://x.test/", tag_prefix="topik")
    site, _ = plan({"content/a.md": article(tags="[Polri]")}, config)
    assert [p.path for p in site.pages if "topik" in p.path] == ["/topik/", "/topik/polri/", "/topik/polri/feed.xml"]


# --- tags ------------------------------------------------------------------------------------------------------


def test_tags_are_sorted_by_name_and_hold_their_articles_newest_first() -> None:
    site, problems = plan(
        {
            "content/a.md": article(date="2023-09-05 09:00", tags="[Polri, Lalu Lintas]"),
            "content/b.md": article(date="2023-12-03 10:30", tags="[Bakti Sosial, Polri]"),
            "content/c.md": article(date="2023-10-20 09:40", tags='["Jum\'at Curhat", bakti sosial]'),
        }
    )
    assert [(t.name, t.slug, t.path, t.count) for t in site.tags] == [
        ("Bakti Sosial", "bakti-sosial", "/tag/bakti-sosial/", 2),
        ("Jum'at Curhat", "jumat-curhat", "/tag/jumat-curhat/", 1),
        ("Lalu Lintas", "lalu-lintas", "/tag/lalu-lintas/", 1),
        ("Polri", "polri", "/tag/polri/", 2),
    ]
    assert sources(site.tags[0].articles) == ["content/b.md", "content/c.md"]
    assert sources(site.tags[3].articles) == ["content/b.md", "content/a.md"]
    assert problems == [
        "content/c.md:6: warning: tag 'bakti sosial' is written 'Bakti Sosial' elsewhere; "
        "both are filed under 'Bakti Sosial'"
    ]


def test_case_variants_merge_under_the_most_used_spelling_with_a_warning() -> None:
    site, problems = plan(
        {
            "content/2023/a.md": article(tags="[Polri]"),
            "content/2023/b.md": article(tags="[polri, Kamtibmas]"),
            "content/2023/c.md": article(tags="[POLRI]", title="'C'", editor="E"),
            "content/2023/d.md": article(tags="Kamtibmas, polri"),
        }
    )
    polri = next(t for t in site.tags if t.slug == "polri")
    assert (polri.name, polri.count) == ("polri", 4)
    assert problems == [
        "content/2023/a.md:6: warning: tag 'Polri' is written 'polri' elsewhere; both are filed under 'polri'",
        "content/2023/c.md:6: warning: tag 'POLRI' is written 'polri' elsewhere; both are filed under 'polri'",
    ]


def test_a_tie_between_spellings_goes_to_the_first_in_sorted_order() -> None:
    site, problems = plan({"content/a.md": article(tags="[polri]"), "content/b.md": article(tags="[Polri]", title="B")})
    assert [t.name for t in site.tags] == ["Polri"]
    assert problems == [
        "content/a.md:6: warning: tag 'polri' is written 'Polri' elsewhere; both are filed under 'Polri'"
    ]


def test_punctuation_variants_of_a_tag_merge_too() -> None:
    site, problems = plan(
        {"content/a.md": article(tags='["Jum\'at Curhat"]'), "content/b.md": article(tags="[Jumat Curhat]")}
    )
    assert [(t.name, t.slug, t.count) for t in site.tags] == [("Jum'at Curhat", "jumat-curhat", 2)]
    assert problems == [
        "content/b.md:6: warning: tag 'Jumat Curhat' is written 'Jum'at Curhat' elsewhere; "
        "both are filed under 'Jum'at Curhat'"
    ]


def test_navigation_shows_the_six_most_used_tags() -> None:
    tags = ["Polri", "Kamtibmas", "Bakti Sosial", "Pemilu 2024", "Narkoba", "Bencana", "TPPO"]
    files = {f"content/{n}.md": article(tags=str(tags[: 7 - n])) for n in range(7)}
    site, _ = plan(files)
    home = site.pages[0]
    assert [t.name for t in home.context["nav_tags"]] == tags[:6]


# --- duplicate URLs ---------------------------------------------------------------------------------------------


def test_two_articles_with_the_same_url_is_an_error_naming_both_files() -> None:
    site, problems = gather(
        CONFIG,
        read_all(
            {
                "content/2023/falas.md": article(),
                "content/2023/lain/falas.md": article(title="Lain"),
            }
        ),
        FIXED_NOW,
    )
    assert site is None
    assert sorted(formatted(problems)) == [
        "content/2023/falas.md:1: error: the URL /2023/12/falas/ is also the URL of content/2023/lain/falas.md",
        "content/2023/lain/falas.md:1: error: the URL /2023/12/falas/ is also the URL of content/2023/falas.md",
    ]


def test_duplicate_url_from_a_slug_key_points_at_the_slug_line() -> None:
    site, problems = gather(
        CONFIG,
        read_all(
            {
                "content/2023/falas.md": article(),
                "content/2023/bakti.md": article(tags="[Polri]", slug="falas"),
            }
        ),
        FIXED_NOW,
    )
    assert site is None
    assert sorted(formatted(problems)) == [
        "content/2023/bakti.md:7: error: the URL /2023/12/falas/ is also the URL of content/2023/falas.md",
        "content/2023/falas.md:1: error: the URL /2023/12/falas/ is also the URL of content/2023/bakti.md",
    ]


def test_urls_differing_only_in_case_are_duplicates() -> None:
    site, problems = gather(
        CONFIG, read_all({"content/a.md": article(slug="Falas"), "content/b.md": article(slug="falas")}), FIXED_NOW
    )
    assert site is None
    assert sorted(formatted(problems)) == [
        "content/a.md:6: error: the URL /2023/12/Falas/ is also the URL of content/b.md",
        "content/b.md:6: error: the URL /2023/12/falas/ is also the URL of content/a.md",
    ]


def test_same_slug_in_different_months_is_fine() -> None:
    site, problems = plan(
        {"content/2023/a/banjir.md": article(date="2023-12-03"), "content/2024/banjir.md": article(date="2024-01-09")}
    )
    assert problems == []
    assert [a.path for a in site.articles] == ["/2024/01/banjir/", "/2023/12/banjir/"]


def test_an_article_url_that_is_also_a_generated_page_is_an_error_naming_the_file(make_site: MakeSite) -> None:
    # With permalink /{slug}/, content/2023/tag.md would be written to tag/index.html, the topic
    # index's file (today: "internal error: FileExistsError"). It must be an editor's error.
    site = make_site(
        {"permalink": "/{slug}/"},
        {"content/2023/tag.md": article(tags="[Polri]"), "content/2023/falas.md": article(title="Falas")},
    )
    with pytest.raises(BuildFailed) as failed:
        build_site(site)
    assert [(d.path, d.severity) for d in failed.value.report.errors] == [("content/2023/tag.md", "error")]
    assert "/tag/" in str(failed.value.report.errors[0].message)
    assert not (site / "public").exists()


# --- held back ---------------------------------------------------------------------------------------------------


FILES_WITH_HELD = {
    "content/2023/terbit.md": article(date="2023-12-03 10:30", tags="[Polri]"),
    "content/2023/draf.md": article(date="2023-12-04 10:30", draft="true", tags="[Rahasia]"),
    "content/2099/jadwal.md": article(date="2099-04-01 07:00", tags="[Masa Depan]"),
    "content/2024/tepat.md": article(date="2024-06-01 12:00"),  # exactly FIXED_NOW (04:00 UTC)
}


def test_drafts_and_future_articles_are_held_back_and_leave_no_trace() -> None:
    site, problems = plan(FILES_WITH_HELD)
    assert problems == []
    assert sources(site.articles) == ["content/2024/tepat.md", "content/2023/terbit.md"]
    assert sorted((h.article.source, h.reason) for h in site.held) == [
        ("content/2023/draf.md", "draft"),
        ("content/2099/jadwal.md", "future"),
    ]
    assert [t.name for t in site.tags] == ["Polri"]
    paths = [p.path for p in site.pages]
    assert not any("draf" in p or "jadwal" in p or "rahasia" in p or "masa-depan" in p for p in paths)


def test_future_is_decided_by_now_one_second_either_side() -> None:
    due = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    files = {"content/a.md": article(date="2024-06-01 12:00")}
    before, _ = plan(files, now=due - dt.timedelta(seconds=1))
    at, _ = plan(files, now=due)
    assert [h.reason for h in before.held] == ["future"]
    assert sources(at.articles) == ["content/a.md"]


def test_drafts_and_future_flags_include_them() -> None:
    site, _ = plan(FILES_WITH_HELD, drafts=True, future=True)
    assert site.held == ()
    assert sources(site.articles) == [
        "content/2099/jadwal.md",
        "content/2024/tepat.md",
        "content/2023/draf.md",
        "content/2023/terbit.md",
    ]
    only_drafts, _ = plan(FILES_WITH_HELD, drafts=True)
    assert [(h.article.source, h.reason) for h in only_drafts.held] == [("content/2099/jadwal.md", "future")]


def test_a_held_article_sharing_a_url_is_not_a_duplicate() -> None:
    site, problems = plan(
        {"content/a/falas.md": article(), "content/b/falas.md": article(draft="true")},
    )
    assert problems == []
    assert sources(site.articles) == ["content/a/falas.md"]


def test_build_notes_name_held_articles_and_when_the_next_is_due(make_site: MakeSite) -> None:
    site = make_site(files=FILES_WITH_HELD)
    result = build_site(site)
    assert [str(note) for note in result.notes] == [
        "content/2023/draf.md: draft, not published",
        "content/2099/jadwal.md: scheduled, published from Rabu, 1 April 2099 07.00 WITA (2099-03-31 23:00 UTC)",
        "next scheduled article is due at 2099-03-31T23:00:00Z: rebuild then to publish it",
    ]
    assert formatted(result.report) == []


def test_the_digest_of_a_card_and_its_kin_covers_every_field() -> None:
    """A page's fingerprint takes these objects by their digest: a field left out of it
    would let a changed card keep an old page."""
    import dataclasses

    from sitegen.plan.model import Card, Index, Link, Listing, Summary

    when = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)
    samples: list[Any] = [
        Card("Judul", "/a/", when, None, "Ringkas", "Ana", "Kupang", ("Kupang",), ("Polri",), "KUPANG", ""),
        Link("Polri", "/topik/polri/"),
        Summary("Kupang", "/lokasi/kupang/", 3, (Summary("Oebobo", "/lokasi/kupang/oebobo/", 1),)),
        Listing("tag", "Polri", "/topik/polri/", "/topik/polri/feed.xml", 3, (), ()),
        Index("tag", "/topik/", ()),
    ]
    others = {str: "lain", int: 99, tuple: ("lain",), type(None): when, dt.datetime: when + dt.timedelta(seconds=1)}
    for sample in samples:
        for f in dataclasses.fields(sample):
            if f.name == "digest":
                continue
            value = getattr(sample, f.name)
            changed = dataclasses.replace(sample, **{f.name: others[type(value)]})
            assert changed.digest != sample.digest, (type(sample).__name__, f.name)
        assert dataclasses.replace(sample).digest == sample.digest


def test_newest_first_orders_by_instant_then_source_whatever_the_time_zones() -> None:
    import random
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from sitegen.plan.taxonomy import newest_first

    rng = random.Random(1)
    zones = [ZoneInfo("Asia/Makassar"), dt.UTC, dt.timezone(dt.timedelta(hours=7)), ZoneInfo("Asia/Jayapura")]
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    items = [
        SimpleNamespace(
            source=f"content/{rng.randint(0, 99):02d}-{n}.md",
            date=(base + dt.timedelta(minutes=rng.randint(0, 300))).astimezone(rng.choice(zones)),
        )
        for n in range(2000)
    ]
    expected = sorted(items, key=lambda a: (-a.date.timestamp(), a.source))
    assert newest_first(items) == expected  # type: ignore[arg-type]
