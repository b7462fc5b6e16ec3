"""sitegen check: places (and tags) written differently that look like one place (or topic)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.commands.check import similar
from sitegen.commands.check.similar import near_duplicate_places, near_duplicate_tags
from sitegen.commands.check.sources import Source
from sitegen.errors import Diagnostic, warning
from sitegen.i18n import msg
from sitegen.util.slugs import slugify
from sitegen.util.yamltext import Field


def _source(path: str, location: str) -> Source:
    return Source(path, ("",) * 10, {"location": Field(location, 5)}, 7)


SOURCES = [
    _source("content/a.md", "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan"),
    _source("content/b.md", "Kecamatan Kie, Kabupaten Timor Tengah Selatan"),
    _source("content/c.md", "Kecamatan Amanuban Barat, Kab. Timor Tengah Selatan"),
    _source("content/d.md", "Kelurahan Oesapa, Kota Kupang"),
    _source("content/e.md", "Desa Noelbaki, Kabupaten Kupang"),
    _source("content/f.md", "Kabupaten TTS"),
]


def test_an_abbreviation_or_initials_of_a_place_is_a_warning_at_the_location_line() -> None:
    messages = [d.format() for d in near_duplicate_places(SOURCES, {})]
    assert messages == [
        "content/c.md:5: warning: place 'Kab. Timor Tengah Selatan' looks like 'Kabupaten TTS' "
        "(1 article); if they are one place, join them under location_aliases in site.yaml",
        "content/c.md:5: warning: place 'Kab. Timor Tengah Selatan' looks like 'Kabupaten Timor Tengah Selatan' "
        "(2 articles); if they are one place, join them under location_aliases in site.yaml",
        "content/f.md:5: warning: place 'Kabupaten TTS' looks like 'Kabupaten Timor Tengah Selatan' "
        "(2 articles); if they are one place, join them under location_aliases in site.yaml",
    ]


def test_the_same_name_at_another_level_is_another_place() -> None:
    # Kota Kupang and Kabupaten Kupang are two regencies
    assert not [d for d in near_duplicate_places(SOURCES, {}) if "Kupang" in str(d.message)]


def test_aliases_in_site_yaml_silence_what_they_join() -> None:
    aliases = {
        "Kab. Timor Tengah Selatan": "Kabupaten Timor Tengah Selatan",
        "Kabupaten TTS": "Kabupaten Timor Tengah Selatan",
    }
    assert near_duplicate_places(SOURCES, aliases) == []


def test_one_slip_in_a_long_name_is_a_warning_but_short_names_are_left_alone() -> None:
    sources = [
        _source("content/a.md", "Kecamatan Tasifeto Timur, Kabupaten Belu"),
        _source("content/b.md", "Kecamatan Tasifeto Timor, Kabupaten Belu"),
        _source("content/c.md", "Kecamatan Kie"),
        _source("content/d.md", "Kecamatan Kio"),
    ]
    messages = [d.format() for d in near_duplicate_places(sources, {})]
    # reported once, on the spelling fewer articles use (here: a tie, the later name in order)
    assert messages == [
        "content/b.md:5: warning: place 'Kecamatan Tasifeto Timor' looks like 'Kecamatan Tasifeto Timur' "
        "(1 article); if they are one place, join them under location_aliases in site.yaml"
    ]


def test_a_tag_counts_as_the_read_stage_takes_it_once_per_article() -> None:
    # "Lalu Lintas" and three "Lalu-Lintas" in one article are one topic there, spelled as written first
    # (the read stage's rule), so "Lalu Lintas" is the common spelling: 2 articles to 1.
    sources = [
        Source("content/a.md", ("",) * 10, {"tags": Field(["Lalu Lintas"] + ["Lalu-Lintas"] * 3, 4)}, 7),
        Source("content/b.md", ("",) * 10, {"tags": Field("Lalu Lintas", 4)}, 7),
        Source("content/c.md", ("",) * 10, {"tags": Field(["Lalulintas"], 4)}, 7),
    ]
    assert [d.format() for d in near_duplicate_tags(sources)] == [
        "content/c.md:4: warning: tag 'Lalulintas' looks like a misspelling of 'Lalu Lintas' (2 articles); "
        "they are two topics until one spelling is used"
    ]


# -- every look-alike pair, without comparing every pair ---------------------------------------------------------
#
# The check compares only pairs that can be alike. Here the old check, which compared every pair,
# is the oracle: the same warnings in the same order, over names made to look alike often.


def every_pair_places(sources: Iterable[Source], aliases: dict[str, str]) -> list[Diagnostic]:
    uses = similar._place_uses(sources, aliases)
    problems: list[Diagnostic] = []
    names = sorted(uses)
    for a in names:
        for b in names:
            if a >= b or not similar._places_alike(a, b):
                continue
            rare, common = (a, b) if len(uses[a]) <= len(uses[b]) else (b, a)
            count = len({source.path for source in uses[common]})
            message = msg(
                "place '{rare}' looks like '{common}' ({articles}); if they are one place, join them under "
                "location_aliases in site.yaml",
                rare=rare,
                common=common,
                articles=similar._articles(count),
            )
            problems.extend(warning(source.path, source.fields["location"].line, message) for source in uses[rare])
    return sorted(set(problems))


def every_pair_tags(sources: Iterable[Source]) -> list[Diagnostic]:
    uses: dict[str, list[tuple[Source, str]]] = defaultdict(list)
    for source in sources:
        for tag in source.tags():
            uses[slugify(tag)].append((source, tag))
    names = {slug: Counter(tag for _, tag in found).most_common(1)[0][0] for slug, found in uses.items()}
    articles = {slug: len({source.path for source, _ in found}) for slug, found in uses.items()}
    squashed = {slug: slug.replace("-", "") for slug in uses}
    by_length: dict[int, list[str]] = defaultdict(list)
    for slug in sorted(squashed):
        by_length[len(squashed[slug])].append(slug)
    problems: list[Diagnostic] = []
    for a in sorted(squashed):
        for b in by_length[len(squashed[a])] + by_length[len(squashed[a]) + 1]:
            if b == a or (len(squashed[b]) == len(squashed[a]) and b < a):
                continue
            if not similar._tags_alike(a, b, squashed[a], squashed[b]):
                continue
            for rare, common in ((a, b), (b, a)):
                if articles[rare] <= articles[common]:
                    problems.extend(similar._misspelling(uses[rare], names[common], articles[common]))
    return problems


@st.composite
def _slipped(draw: st.DrawFn, names: list[str]) -> str:
    """One of ``names`` with up to three slips: a letter added, dropped, changed or swapped."""
    text = draw(st.sampled_from(names))
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from("aAsT -.1é"))
        slips = [text[:i] + char + text[i:], text[:i] + text[i + 1 :], text[:i] + char + text[i + 1 :]]
        if 0 < i < len(text):
            slips.append(text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :])
        text = draw(st.sampled_from(slips))
    return text


_PLACES = ["Kab. Timor Tengah Selatan", "Kabupaten TTS", "Kecamatan Kie", "Kota Kupang", "Desa Falas", "tsa", "Belu"]
# few letters, so that names collide, slip, and make initials of one another often
_ADMIN_WORDS = st.sampled_from(["", "Kab. ", "Kabupaten ", "Kota ", "Desa ", "ds ", "Kecamatan ", "Kel. "])
_PLACE = st.one_of(_slipped(_PLACES), st.builds(str.__add__, _ADMIN_WORDS, st.text(alphabet="tTsSa -.1é", max_size=9)))
_TAG = st.one_of(_slipped(["Kamtibmas", "Lalu Lintas", "Pemilu 2024", "Polda", "kaka"]), st.text("kKa -12", max_size=9))


def _sources(locations: list[list[str]], tags: list[list[str]]) -> list[Source]:
    return [
        Source(f"content/{n}.md", ("",) * 10, {"location": Field(", ".join(places), 5), "tags": Field(t, 4)}, 7)
        for n, (places, t) in enumerate(zip(locations, tags, strict=False))
    ]


@settings(max_examples=200, deadline=None)
@example([["T sa", "Ts a", "Tsa", "T s a", "TSA", "Desa Tsa"]], [], {})  # one core, five slugs (two of them one)
@given(
    st.lists(st.lists(_PLACE, max_size=6), max_size=12),
    st.lists(st.lists(_TAG, max_size=6), max_size=12),
    st.dictionaries(_PLACE, _PLACE, max_size=3),
)
def test_look_alikes_are_those_every_pair_compared_finds(
    locations: list[list[str]], tags: list[list[str]], aliases: dict[str, str]
) -> None:
    sources = _sources(locations, tags)
    assert near_duplicate_places(sources, aliases) == every_pair_places(sources, aliases)
    assert near_duplicate_tags(sources) == every_pair_tags(sources)


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls = [0]
    compare = getattr(similar, name)

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return compare(*args)

    monkeypatch.setattr(similar, name, counted)
    return calls


def test_thousands_of_places_and_tags_compare_few_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    # 3,000 places and tags, six to an article, a few of them look-alikes: every pair would be
    # 4.5 million comparisons. Only pairs that can be alike are compared.
    rng = random.Random(15)
    words = sorted({"".join(rng.choices("abdegiklmnoprstu", k=rng.randint(4, 12))) for _ in range(3_000)})
    words += [words[n][:-1] + "z" for n in range(0, 60, 3)]  # 20 slips
    names = [f"{('Desa', 'Kecamatan', 'Kabupaten')[len(word) % 3]} {word.title()}" for word in words]
    places = _counting(monkeypatch, "_places_alike")
    tags = _counting(monkeypatch, "_tags_alike")
    sources = _sources(
        [names[n : n + 6] for n in range(0, len(names), 6)], [words[n : n + 6] for n in range(0, len(words), 6)]
    )
    found_places = near_duplicate_places(sources, {})
    found_tags = near_duplicate_tags(sources)
    assert len(found_places) >= 20 and len(found_tags) >= 40  # a tag's slip: a warning each way
    assert places[0] <= 10 * len(names) and tags[0] <= 10 * len(words), (places[0], tags[0])
