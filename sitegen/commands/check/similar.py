"""Look-alike tags and places: spellings that are probably one topic or one place.

Warnings only, reported at the ``tags`` or ``location`` line of each article with the rarer
spelling. The result does not depend on the order the articles are read in. Not every pair of
names is compared, only those that can be alike (:func:`_slip_groups`): a site has thousands.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping

from sitegen.commands.check.sources import Source
from sitegen.errors import Diagnostic, warning
from sitegen.i18n import Message, msg, msgn
from sitegen.util.slugs import slugify


def _one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped, changed or two swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[i:] == long[i + 1 :]


# a polynomial hash of texts, with a prime modulus: a collision only costs one more comparison
_MODULUS = (1 << 61) - 1
_BASE = 1_000_003


def _slip_keys(text: str) -> set[tuple[int, int]]:
    """Keys that every text one slip from ``text`` (:func:`_one_slip`) shares with it.

    The keys are (length, hash) of the text itself and of the text with one letter dropped.
    Two texts one slip apart share one: equal texts their own; one letter changed at i, both
    without letter i; two letters swapped at i and i + 1, ``a`` without i and ``b`` without
    i + 1; one letter more, the shorter text itself and the longer without that letter. The
    hashes of the n texts with a letter dropped come from prefix hashes, in O(n) for them all.
    """
    n = len(text)
    prefix, power = [0], [1]
    for char in text:
        prefix.append((prefix[-1] * _BASE + ord(char)) % _MODULUS)
        power.append(power[-1] * _BASE % _MODULUS)
    keys = {(n, prefix[n])}
    for i in range(n):
        rest = n - i - 1  # the letters after i
        tail = prefix[n] - prefix[i + 1] * power[rest]
        keys.add((n - 1, (prefix[i] * power[rest] + tail) % _MODULUS))
    return keys


def _slip_groups(texts: Mapping[str, tuple[str, Hashable]]) -> list[list[str]]:
    """Groups of names such that any two names whose texts are one slip apart share a group;
    ``texts``: each name → (its text, anything else two alike names must have in common)."""
    groups: dict[tuple[Hashable, int, int], list[str]] = defaultdict(list)
    for name in sorted(texts):
        text, same = texts[name]
        for length, key in _slip_keys(text):
            groups[(same, length, key)].append(name)
    return [group for group in groups.values() if len(group) > 1]


def _articles(count: int) -> Message:
    return msgn("{n} article", "{n} articles", count)


# -- tags -----------------------------------------------------------------------------------------


def near_duplicate_tags(sources: Iterable[Source]) -> list[Diagnostic]:
    """Tags that look like misspellings of one another, at the ``tags`` line of each article.

    Spellings with the same slug ("polri", "Polri") are one topic, which the gather stage
    already reports. Here: tags one slip apart, or apart only by spaces and hyphens
    ("Kamtibmass", "Lalulintas"). Not difflib's similarity ratio: at any cutoff that finds
    typos it also pairs real, different units such as Polres/Polresta and Kapolda/Wakapolda.
    Tags of four letters or fewer (NTT, NTB) and tags with different numbers (Pemilu 2019,
    Pemilu 2024) are never paired.
    """
    uses: dict[str, list[tuple[Source, str]]] = defaultdict(list)
    for source in sources:
        for tag in source.tags():
            uses[slugify(tag)].append((source, tag))
    names = {slug: Counter(tag for _, tag in found).most_common(1)[0][0] for slug, found in uses.items()}
    articles = {slug: len({source.path for source, _ in found}) for slug, found in uses.items()}
    problems: list[Diagnostic] = []
    for a, b in _tag_pairs(uses):
        for rare, common in ((a, b), (b, a)):
            if articles[rare] > articles[common]:
                continue
            problems.extend(_misspelling(uses[rare], names[common], articles[common]))
    return problems


def _misspelling(uses: list[tuple[Source, str]], name: str, count: int) -> Iterator[Diagnostic]:
    for source, tag in uses:
        message = msg(
            "tag '{tag}' looks like a misspelling of '{name}' ({articles}); they "
            "are two topics until one spelling is used",
            tag=tag,
            name=name,
            articles=_articles(count),
        )
        yield warning(source.path, source.fields["tags"].line, message)


def _tag_pairs(slugs: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each pair of tag slugs that look alike, once: the shorter first (of two as long, the
    first in order), in order of the first one, then of the second's length and slug."""
    squashed = {slug: slug.replace("-", "") for slug in slugs}
    # _tags_alike: five letters or more, the same numbers, one slip apart
    texts = {slug: (text, tuple(re.findall(r"\d+", slug))) for slug, text in squashed.items() if len(text) >= 5}
    pairs: set[tuple[str, str]] = set()
    for group in _slip_groups(texts):
        for a in group:
            for b in group:
                if len(squashed[a]) < len(squashed[b]) or (len(squashed[a]) == len(squashed[b]) and a < b):
                    pairs.add((a, b))
    for a, b in sorted(pairs, key=lambda pair: (pair[0], len(squashed[pair[1]]) - len(squashed[pair[0]]), pair[1])):
        if _tags_alike(a, b, squashed[a], squashed[b]):
            yield a, b


def _tags_alike(a: str, b: str, squashed_a: str, squashed_b: str) -> bool:
    if min(len(squashed_a), len(squashed_b)) < 5 or re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    return _one_slip(squashed_a, squashed_b)


# -- places ---------------------------------------------------------------------------------------


_ADMIN = re.compile(
    r"^(kabupaten|kab\.?|kecamatan|kec\.?|kelurahan|kel\.?|desa|ds\.?|kota|kampung|dusun)\s+", re.IGNORECASE
)


_LEVELS = {"kab": "kabupaten", "kec": "kecamatan", "kel": "kelurahan", "ds": "desa"}


def _level(name: str) -> str | None:
    """The administrative word of a place, spelled out: "Kab. Belu" → "kabupaten"."""
    match = _ADMIN.match(name.strip())
    if match is None:
        return None
    word = match.group(1).casefold().rstrip(".")
    return _LEVELS.get(word, word)


def _place_core(name: str) -> str:
    """A place's name without its administrative word, letters only: "Kab. TTS" → "tts"."""
    return re.sub(r"[^a-z0-9]", "", _ADMIN.sub("", name.strip()).casefold())


def _initials(name: str) -> str:
    words = _ADMIN.sub("", name.strip()).split()
    return "".join(word[0] for word in words).casefold() if len(words) > 1 else ""


def near_duplicate_places(sources: Iterable[Source], aliases: dict[str, str]) -> list[Diagnostic]:
    """Places written differently that look like one place, at the ``location`` line.

    Aliases in site.yaml already join spellings ("Kab. TTS" → "Kabupaten Timor Tengah
    Selatan"); what is left and looks alike is reported so an editor can add one: the same
    name with another administrative word or abbreviation ("Kab. Belu", "Kabupaten Belu"),
    one slip apart ("Kecamatan Kie", "Kecamatan Kiee"), or initials ("TTS" for "Timor Tengah
    Selatan"). Places with the same name at different levels ("Kota Kupang", "Kabupaten
    Kupang") are different places and are not reported.
    """
    uses = _place_uses(sources, aliases)
    problems: list[Diagnostic] = []
    for a, b in _place_pairs(uses):
        if _places_alike(a, b):
            rare, common = (a, b) if len(uses[a]) <= len(uses[b]) else (b, a)
            count = len({source.path for source in uses[common]})
            message = msg(
                "place '{rare}' looks like '{common}' ({articles}); if they are one place, join them under "
                "location_aliases in site.yaml",
                rare=rare,
                common=common,
                articles=_articles(count),
            )
            problems.extend(warning(source.path, source.fields["location"].line, message) for source in uses[rare])
    return sorted(set(problems))


def _place_pairs(names: Iterable[str]) -> set[tuple[str, str]]:
    """The pairs of names (a < b) that :func:`_places_alike` can find alike."""
    by_core: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        by_core[_place_core(name)].append(name)
    pairs: set[tuple[str, str]] = set()
    for core_a, core_b in _core_pairs(by_core):
        if core_a == core_b:
            pairs.update(_apart(by_core[core_a]))
        else:
            pairs.update((min(a, b), max(a, b)) for a in by_core[core_a] for b in by_core[core_b])
    return pairs


def _core_pairs(by_core: dict[str, list[str]]) -> set[tuple[str, str]]:
    """The pairs of cores whose names can be alike: a core and itself, cores one slip apart,
    and a core and the initials of a name of another."""
    cores = {(core, core) for core in by_core}
    for group in _slip_groups({core: (core, None) for core in by_core if len(core) >= 5}):
        cores.update((a, b) for a in group for b in group if a < b)
    for core, named in by_core.items():
        for initials in {_initials(name) for name in named}:
            if len(initials) >= 2 and initials in by_core:
                cores.add((initials, core))
    return cores


def _apart(names: list[str]) -> Iterator[tuple[str, str]]:
    """The pairs (a < b) of names of one core but different slugs: names of one slug are one
    place, never alike, and a core may have many ("Belu", "BELU", "belu" …)."""
    by_slug = sorted((slugify(name), name) for name in names)
    start = 0
    for i, (slug, a) in enumerate(by_slug):
        if slug != by_slug[start][0]:
            start = i
        for _, b in by_slug[:start]:
            yield min(a, b), max(a, b)


def _place_uses(sources: Iterable[Source], aliases: dict[str, str]) -> dict[str, list[Source]]:
    """The articles of each place, under the name its alias files it under."""
    uses: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        item = source.fields.get("location")
        if item is None or not isinstance(item.value, str):
            continue
        for part in (p.strip() for p in item.value.split(",")):
            if part:
                uses[aliases.get(part, part)].append(source)
    return uses


def _places_alike(a: str, b: str) -> bool:
    if slugify(a) == slugify(b):
        return False
    level_a, level_b = _level(a), _level(b)
    if level_a and level_b and level_a != level_b:
        return False  # Kota Kupang and Kabupaten Kupang: two places of one name
    core_a, core_b = _place_core(a), _place_core(b)
    return (
        core_a == core_b
        or (min(len(core_a), len(core_b)) >= 5 and _one_slip(core_a, core_b))
        or (len(core_a) >= 2 and core_a == _initials(b))
        or (len(core_b) >= 2 and core_b == _initials(a))
    )
