"""sitegen check: places (and tags) written differently that look like one place (or topic)."""

from __future__ import annotations

from sitegen.commands.check.similar import near_duplicate_places, near_duplicate_tags
from sitegen.commands.check.sources import Source
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
    assert not [d for d in near_duplicate_places(SOURCES, {}) if "Kupang" in d.message]


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
