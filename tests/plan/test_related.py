"""Related articles (sitegen/plan/related.py): the ranking, and the incremental choice that must
always equal the choice made from scratch.

``reference`` below is the plain first implementation (every article, every candidate), kept
here as the oracle: both the faster whole ranking and the incremental one are checked
against it, on hand-made sites and on generated sites with generated changes.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any
from unittest import mock

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.plan import related as related_module
from sitegen.plan.related import Related, choose, related
from sitegen.plan.taxonomy import Term, collect_archives, collect_editors, collect_locations, collect_tags, newest_first
from sitegen.read.articles import Article, read_article
from tests.support import article

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/")
TEMPLATE = read_article("content/template.md", article().encode(), CONFIG).article
BASE = dt.datetime(2024, 1, 1, 8, 0, tzinfo=dt.UTC)


def story(name: str, minute: int, tags: Sequence[str] = (), places: Sequence[str] = ("Kabupaten Alor",)) -> Article:
    """An article ``content/<name>.md``, ``minute`` minutes after BASE; ``places`` most specific first."""
    assert TEMPLATE is not None
    return replace(
        TEMPLATE,
        source=f"content/{name}.md",
        title=name,
        date=BASE + dt.timedelta(minutes=minute),
        location=", ".join(places),
        places=tuple(places),
        tags=tuple(tags),
        slug=name,
        path=f"/2024/01/{name}/",
    )


def site(stories: Iterable[Article]) -> tuple[tuple[Article, ...], list[Term]]:
    """The articles newest first and all their terms, as gather makes them (editors and
    archives too: related stories must pass them by)."""
    articles = tuple(newest_first(stories))
    lines: dict[str, dict[str, int]] = {a.source: {} for a in articles}
    terms = [*collect_tags(CONFIG, articles, lines)[0], *collect_locations(CONFIG, articles, lines)[0]]
    terms += collect_editors(CONFIG, articles, lines)[0] + collect_archives(CONFIG, articles)
    return articles, terms


def reference(articles: Iterable[Article], terms: Iterable[Term], count: int, window: int = 4) -> dict[str, Any]:
    """The first implementation of related(), unchanged but for ``window``."""
    if count <= 0:
        return {}
    members: dict[str, list[tuple[tuple[Article, ...], int]]] = {}
    tag_sets: dict[str, set[int]] = {}
    place_sets: dict[str, set[int]] = {}
    for number, term in enumerate(terms):
        if term.kind not in ("tag", "location"):
            continue
        own = tag_sets if term.kind == "tag" else place_sets
        for index, listed in enumerate(term.articles):
            members.setdefault(listed.source, []).append((term.articles, index))
            own.setdefault(listed.source, set()).add(number)
    empty: set[int] = set()
    result = {}
    for one in articles:
        source = one.source
        candidates: dict[str, Article] = {}
        for listed_articles, index in members.get(source, ()):
            for other in listed_articles[max(0, index - window) : index + window + 1]:
                candidates[other.source] = other
        candidates.pop(source, None)
        own_tags, own_places = tag_sets.get(source, empty), place_sets.get(source, empty)
        stamp = one.date.timestamp()
        ranked = sorted(
            (
                -3 * len(own_tags & tag_sets.get(name, empty)) - len(own_places & place_sets.get(name, empty)),
                abs(other.date.timestamp() - stamp),
                name,
            )
            for name, other in candidates.items()
        )
        result[source] = tuple(entry[2] for entry in ranked[:count])
    return result


@contextmanager
def tuned(window: int = 4, full_share: float = 1.0) -> Iterator[None]:
    """related.py with another WINDOW (small sites then have windows that do not cover a
    whole list) and another FULL_SHARE (1.0: a change is never too large to be incremental)."""
    with (
        mock.patch.object(related_module, "WINDOW", window),
        mock.patch.object(related_module, "FULL_SHARE", full_share),
    ):
        yield


@contextmanager
def counting_ranked() -> Iterator[list[int]]:
    """How many articles each ranking pass ranks."""
    sizes: list[int] = []
    original = related_module._Index.ranked

    def ranked(self: Any, sources: Any, count: int) -> Any:
        sizes.append(len(sources))
        return original(self, sources, count)

    with mock.patch.object(related_module._Index, "ranked", ranked):
        yield sizes


def assert_same_record(record: Related, fresh: Related) -> None:
    assert record.choice == fresh.choice
    assert list(record.choice) == list(fresh.choice)  # newest first, like the articles
    assert (record.settings, record.lists, record.stamps) == (fresh.settings, fresh.lists, fresh.stamps)


# ---- the ranking ----------------------------------------------------------------------------------------


def scored_site() -> tuple[tuple[Article, ...], list[Term]]:
    # "a" shares with: b one tag and the regency (3 + 1); c the regency and district (2);
    # d one tag (3); e the regency (1), like f, which is as far in time as e but sorts after it;
    # g nothing
    return site(
        [
            story("a", 100, ["Polri", "Banjir"], ["Desa Falas", "Kecamatan Kie", "Kabupaten Alor"]),
            story("b", 10, ["Polri"], ["Kabupaten Alor"]),
            story("c", 101, [], ["Kecamatan Kie", "Kabupaten Alor"]),
            story("d", 99, ["Banjir"], ["Kabupaten Belu"]),
            story("e", 90, [], ["Kabupaten Alor"]),
            story("f", 110, [], ["Kabupaten Alor"]),
            story("g", 100, ["Pemilu"], ["Kabupaten Rote Ndao"]),
        ]
    )


def test_candidates_rank_by_shared_tags_times_three_and_places_then_time_then_source() -> None:
    articles, terms = scored_site()
    chosen = related(articles, terms, 6)
    assert chosen["content/a.md"] == ("content/b.md", "content/d.md", "content/c.md", "content/e.md", "content/f.md")
    assert chosen["content/g.md"] == ()
    assert chosen == reference(articles, terms, 6)
    assert related(articles, terms, 2)["content/a.md"] == ("content/b.md", "content/d.md")


def test_only_neighbours_within_the_window_are_candidates() -> None:
    # one tag, eleven stories a minute apart: the one in the middle sees four on each side
    articles, terms = site(story(f"s{n:02d}", n, ["Polri"], ["Kabupaten Alor"]) for n in range(11))
    chosen = related(articles, terms, 20)
    assert sorted(chosen["content/s05.md"]) == [f"content/s{n:02d}.md" for n in (1, 2, 3, 4, 6, 7, 8, 9)]
    assert chosen["content/s05.md"][:2] == ("content/s04.md", "content/s06.md")  # as close: by source
    assert chosen == reference(articles, terms, 20)


def test_count_zero_chooses_nothing() -> None:
    articles, terms = scored_site()
    assert related(articles, terms, 0) == {}
    record = choose(articles, terms, 0)
    assert record.choice == {}
    assert choose(articles, terms, 0, record) is record


def test_a_term_listing_an_article_that_is_not_among_them_is_an_error() -> None:
    articles, terms = scored_site()
    with pytest.raises(ValueError, match=r"content/a\.md"):
        related([a for a in articles if a.source != "content/a.md"], terms, 4)
    with pytest.raises(ValueError, match=r"content/a\.md"):
        choose([a for a in articles if a.source != "content/a.md"], terms, 4)


def test_the_same_as_the_first_implementation_on_a_larger_site() -> None:
    tags = ["Polri", "Banjir", "Pemilu", "Narkoba", "Lalu Lintas"]
    places = [
        ("Desa Falas", "Kecamatan Kie", "Kabupaten Alor"),
        ("Kecamatan Kie", "Kabupaten Alor"),
        ("Kabupaten Belu",),
    ]
    # dates repeat (equal distances), tags and places overlap in many ways
    stories = [story(f"s{n:03d}", n * 37 % 200, [tags[n % 5], tags[n * n % 5]], places[n % 3]) for n in range(150)]
    articles, terms = site(stories)
    assert related(articles, terms, 4) == reference(articles, terms, 4)


# ---- the incremental choice -------------------------------------------------------------------------------


def test_choose_from_scratch_is_related_with_its_record() -> None:
    articles, terms = scored_site()
    record = choose(articles, terms, 4)
    assert record.choice == related(articles, terms, 4)
    assert record.settings == (related_module.FORMAT, 4, 3, 4)
    assert record.stamps == {a.source: a.date.timestamp() for a in articles}
    assert record.lists[("tag", "/tag/polri/")] == ("content/a.md", "content/b.md")
    assert ("editor", "/editor/sefnat-besie/") not in record.lists


def test_nothing_changed_gives_back_the_previous_record_itself() -> None:
    articles, terms = scored_site()
    record = choose(articles, terms, 4)
    stored = pickle.loads(pickle.dumps(record))
    again, terms_again = scored_site()  # new but equal articles and terms
    with counting_ranked() as ranked:
        assert choose(again, terms_again, 4, stored) is stored
    assert ranked == []


@pytest.mark.parametrize(
    "previous",
    [None, ("digest", {}), "not a record", Related((related_module.FORMAT, 4, 3, 5), {}, {}, {})],
    ids=["none", "old-format", "foreign", "other-count"],
)
def test_a_missing_or_foreign_record_means_a_whole_ranking(previous: object) -> None:
    articles, terms = scored_site()
    with counting_ranked() as ranked:
        record = choose(articles, terms, 4, previous)
    assert ranked == [len(articles)]
    assert record.choice == reference(articles, terms, 4)


def test_a_record_whose_choice_and_dates_disagree_is_not_trusted() -> None:
    articles, terms = scored_site()
    record = choose(articles, terms, 4)
    broken = replace(record, choice={s: c for s, c in record.choice.items() if s != "content/b.md"})
    moved = [replace(a, date=a.date + dt.timedelta(seconds=1)) if a.source == "content/g.md" else a for a in articles]
    new_articles, new_terms = site(moved)
    with tuned(), counting_ranked() as ranked:
        assert choose(new_articles, new_terms, 4, broken).choice == reference(new_articles, new_terms, 4)
    assert ranked == [len(articles)]


def many_stories(number: int = 200) -> list[Article]:
    tags = ["Polri", "Banjir", "Pemilu", "Narkoba", "Lalu Lintas", "Bakti Sosial"]
    regencies = ["Kabupaten Alor", "Kabupaten Belu", "Kabupaten Kupang"]
    return [
        story(f"s{n:03d}", n, [tags[n % 6], tags[n // 7 % 6]], [f"Kecamatan {n % 5}", regencies[n % 3]])
        for n in range(number)
    ]


def test_retagging_the_newest_ranks_only_a_few_again() -> None:
    stories = many_stories()
    articles, terms = site(stories)
    record = choose(articles, terms, 4)
    stories[-1] = replace(stories[-1], tags=(*stories[-1].tags, "Banjir Bandang"))
    articles, terms = site(stories)
    with tuned(), counting_ranked() as ranked:
        incremental = choose(articles, terms, 4, record)
    # itself and those it sees: the four below it in each of its five lists (three tags, two places)
    assert len(ranked) == 1 and ranked[0] <= 1 + 5 * 4
    assert incremental.choice == reference(articles, terms, 4)
    assert_same_record(incremental, choose(articles, terms, 4))


def test_a_new_article_ranks_only_a_few_again() -> None:
    stories = many_stories()
    articles, terms = site(stories)
    record = choose(articles, terms, 4)
    articles, terms = site([*stories, story("baru", 500, ["Polri"], ["Kecamatan 1", "Kabupaten Alor"])])
    with tuned(), counting_ranked() as ranked:
        incremental = choose(articles, terms, 4, record)
    # itself and those it sees: the four below it in each of its three lists (a tag, two places)
    assert len(ranked) == 1 and ranked[0] <= 1 + 3 * 4
    assert incremental.choice["content/baru.md"] != ()
    assert incremental.choice == reference(articles, terms, 4)


def test_a_large_change_ranks_every_article_again() -> None:
    stories = many_stories()
    articles, terms = site(stories)
    record = choose(articles, terms, 4)
    stories = [replace(s, tags=(*s.tags, "Banjir Bandang")) if n % 4 == 0 else s for n, s in enumerate(stories)]
    articles, terms = site(stories)
    with counting_ranked() as ranked:
        incremental = choose(articles, terms, 4, record)
    assert ranked == [len(articles)]
    assert incremental.choice == reference(articles, terms, 4)


def test_an_article_whose_candidate_changed_is_ranked_again() -> None:
    # With a window of one: "a" sees "b" in their regency's list and "p" in the tag's. "b"
    # gains the tag, but in the tag's list "p" stands between them, so a's windows stay as
    # they were: only b's new terms (b is a's candidate) reach "a", which now prefers "b".
    stories = [
        story("a", 0, ["Polri"], ["Kabupaten Alor"]),
        story("p", 1, ["Polri"], ["Kabupaten Belu"]),
        story("b", 2, [], ["Kabupaten Alor"]),
    ]
    with tuned(window=1):
        articles, terms = site(stories)
        record = choose(articles, terms, 1)
        assert record.choice["content/a.md"] == ("content/p.md",)  # the tag (3) beats the regency (1)
        stories[2] = story("b", 2, ["Polri"], ["Kabupaten Alor"])
        articles, terms = site(stories)
        assert [a.source for a in terms[0].articles] == ["content/b.md", "content/p.md", "content/a.md"]
        incremental = choose(articles, terms, 1, record)
    assert incremental.choice["content/a.md"] == ("content/b.md",)
    assert incremental.choice == reference(articles, terms, 1, window=1)


def test_removing_an_article_ranks_its_old_neighbours_again() -> None:
    stories = many_stories(60)
    articles, terms = site(stories)
    record = choose(articles, terms, 4)
    assert any("content/s030.md" in chosen for chosen in record.choice.values())
    articles, terms = site(s for s in stories if s.source != "content/s030.md")
    incremental = choose(articles, terms, 4, pickle.loads(pickle.dumps(record)))
    assert "content/s030.md" not in incremental.choice
    assert incremental.choice == reference(articles, terms, 4)
    assert_same_record(incremental, choose(articles, terms, 4))


def test_an_article_with_no_tag_and_no_place_comes_and_goes() -> None:
    stories = many_stories(20)
    articles, terms = site(stories)
    record = choose(articles, terms, 4)
    articles, terms = site([*stories, story("sepi", 5, [], [])])
    record = choose(articles, terms, 4, record)
    assert record.choice["content/sepi.md"] == ()
    articles, terms = site(stories)  # and gone again: no list changes, yet the record must
    assert choose(articles, terms, 4, record).choice == reference(articles, terms, 4)


# ---- generated sites and changes --------------------------------------------------------------------------

TAGS = ["Polri", "Banjir", "Pemilu", "Narkoba"]
CHAINS = [
    (),  # no place (and maybe no tag): an article with no candidates, never anyone's candidate
    ("Kabupaten Alor",),
    ("Kecamatan Kie", "Kabupaten Alor"),
    ("Desa Falas", "Kecamatan Kie", "Kabupaten Alor"),
    ("Desa Oinlasi", "Kecamatan Kie", "Kabupaten Alor"),
    ("Kecamatan Kie", "Kabupaten Belu"),
    ("Kabupaten Belu",),
]
minutes = st.integers(0, 40)  # few distinct moments: equal dates and equal distances happen
tag_sets = st.lists(st.sampled_from(TAGS), max_size=3, unique=True)
chains = st.sampled_from(CHAINS)


@st.composite
def stories_of(draw: st.DrawFn, names: Sequence[str]) -> list[Article]:
    return [story(name, draw(minutes), draw(tag_sets), draw(chains)) for name in names]


# a change: what, which article (an index into the current list, modulo its length), a value
changes = st.one_of(
    st.tuples(st.just("retag"), st.integers(0, 99), tag_sets),
    st.tuples(st.just("move"), st.integers(0, 99), chains),
    st.tuples(st.just("redate"), st.integers(0, 99), minutes),
    st.tuples(st.just("add"), st.integers(0, 99), st.tuples(minutes, tag_sets, chains)),
    st.tuples(st.just("remove"), st.integers(0, 99), st.none()),
)


def changed(stories: list[Article], change: tuple[str, int, Any], serial: int) -> list[Article]:
    what, which, value = change
    stories = list(stories)
    if what == "add":
        minute, tags, places = value
        return [*stories, story(f"new{serial}", minute, tags, places)]
    if not stories:
        return stories
    index = which % len(stories)
    if what == "remove":
        del stories[index]
    elif what == "retag":
        stories[index] = replace(stories[index], tags=tuple(value))
    elif what == "move":
        stories[index] = replace(stories[index], places=value, location=", ".join(value))
    else:
        stories[index] = replace(stories[index], date=BASE + dt.timedelta(minutes=value))
    return stories


@settings(max_examples=500, deadline=None)
@given(
    first=st.integers(0, 24).flatmap(lambda n: stories_of([f"s{i:02d}" for i in range(n)])),
    steps=st.lists(st.lists(changes, min_size=1, max_size=3), min_size=1, max_size=3),
    count=st.integers(1, 5),
    window=st.sampled_from([1, 2, 4]),
    full_share=st.sampled_from([1.0, 0.0]),
)
def test_incremental_choice_equals_the_choice_from_scratch(
    first: list[Article], steps: list[list[tuple[str, int, Any]]], count: int, window: int, full_share: float
) -> None:
    """Each build after the first starts from the previous build's record (pickled, as the
    build cache keeps it); every choice must be the first implementation's."""
    stories = first
    serial = 0
    with tuned(window, full_share):
        articles, terms = site(stories)
        record = choose(articles, terms, count)
        assert record.choice == reference(articles, terms, count, window)
        for step in steps:
            for change in step:
                serial += 1
                stories = changed(stories, change, serial)
            articles, terms = site(stories)
            with counting_ranked() as ranked:
                record = choose(articles, terms, count, pickle.loads(pickle.dumps(record)))
            event("ranked again: " + ("none" if not ranked else "all" if ranked[0] == len(articles) else "some"))
            assert record.choice == reference(articles, terms, count, window)
            assert_same_record(record, choose(articles, terms, count))
