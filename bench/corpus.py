"""A deterministic corpus of Indonesian police-community news from Nusa Tenggara Timur.

``generate(count, seed)`` yields ``count`` articles: 3–4 KB Markdown bodies (paragraphs, a
block quote, sometimes a heading or a list), 2–5 tags from a list of 300 ranked for a
Zipf-like skew, 21 regencies with their districts and a few hundred villages, ten editors,
dates spread over 2020–2024. Article *i* depends only on the seed and *i*, so the first
1,000 articles of a 10,000-article corpus are the 1,000-article corpus.

The same articles can be written in three formats: sitegen's (``content/{year}/{slug}.md``
with YAML front matter), Hugo's (``content/posts/{slug}.md``) and Pelican's
(``content/{year}/{slug}.md`` with ``Key: value`` metadata).

Run ``python bench/corpus.py 1000 /tmp/site/content`` to write a corpus by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Literal

from vocabulary import (
    BACKGROUND,
    CLOSINGS,
    EDITORS,
    ELECTION_TAGS,
    FIRST_NAMES,
    FIRST_YEAR,
    HOLIDAYS,
    ISLANDS,
    KUPANG_KELURAHAN,
    LIVESTOCK,
    MISC_TAGS,
    MONTHS,
    OPERATIONS,
    RANK_CHIEF,
    RANK_COMMUNITY,
    RANK_PRECINCT,
    RANK_SPOKESPERSON,
    REGENCIES,
    SAYING_VERBS,
    SURNAMES,
    TAG_COUNT,
    TOP_TAGS,
    TOPICS,
    VILLAGE_SOUNDS,
    VILLAGES_PER_REGENCY,
    VOICES,
    WEEKDAYS,
    YEARS,
    Regency,
    Topic,
)

Format = Literal["sitegen", "hugo", "pelican"]
FORMATS: tuple[Format, ...] = ("sitegen", "hugo", "pelican")
DEFAULT_SEED = 2024
ZIPF_EXPONENT = 1.0
MAX_BODY_BYTES = 4000
SITE_OFFSET = "+08:00"  # WITA, the site's time zone (Asia/Makassar has no daylight saving)


@dataclass(frozen=True)
class Village:
    name: str
    district: str
    regency: Regency

    @property
    def full_name(self) -> str:
        return f"Kelurahan {self.name}" if self.regency.city else f"Desa {self.name}"


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    date: dt.datetime  # naive, in site time (WITA)
    editor: str
    location: str
    dateline: str
    tags: tuple[str, ...]
    body: str

    def with_changes(self, **changes: object) -> Article:
        return Article(**{**self.__dict__, **changes})


@dataclass
class CorpusSummary:
    """What a harness needs to know about a corpus it has just written."""

    count: int = 0
    body_bytes: int = 0
    tag_counts: Counter[str] = field(default_factory=Counter)
    slugs: set[str] = field(default_factory=set)
    newest: Article | None = None

    def add(self, article: Article) -> None:
        self.count += 1
        self.body_bytes += len(article.body.encode())
        self.tag_counts.update(article.tags)
        self.slugs.add(article.slug)
        if self.newest is None or (article.date, article.slug) > (self.newest.date, self.newest.slug):
            self.newest = article


# ---------------------------------------------------------------------------------------------
# The world: villages, the ranked tag list, officials. The same for every seed.


@functools.cache
def villages() -> tuple[Village, ...]:
    rng = random.Random("ntt-villages")
    taken: set[str] = set()
    found: list[Village] = []
    for regency in REGENCIES:
        if regency.city:
            names = list(KUPANG_KELURAHAN)
        else:
            prefixes, suffixes = VILLAGE_SOUNDS[regency.island]
            names = []
            while len(names) < VILLAGES_PER_REGENCY:
                name = rng.choice(prefixes) + rng.choice(suffixes)
                if rng.random() < 0.12:
                    name += rng.choice((" Baru", " Utara", " Selatan", " Timur", " Barat"))
                if name not in taken:
                    taken.add(name)
                    names.append(name)
        found.extend(Village(n, regency.districts[i % len(regency.districts)], regency) for i, n in enumerate(names))
    return tuple(found)


@functools.cache
def ranked_tags() -> tuple[str, ...]:
    """The tag list, most used first: rank r is drawn with weight 1 / (r + 1)."""
    years = range(FIRST_YEAR, FIRST_YEAR + YEARS)
    ranked: list[str] = [
        *TOP_TAGS,
        *(topic.tag for topic in TOPICS),
        *sorted(set(ELECTION_TAGS.values())),
        *(regency.name for regency in REGENCIES),
        *(regency.police for regency in REGENCIES),
        *(f"{operation} {year}" for operation in OPERATIONS for year in years),
        *(f"{holiday} {year}" for holiday in HOLIDAYS for year in years),
        *MISC_TAGS,
        *(village.name for village in villages()),
    ]
    unique = list(dict.fromkeys(ranked))
    if len(unique) < TAG_COUNT:
        raise ValueError(f"only {len(unique)} tags for {TAG_COUNT}")
    return tuple(unique[:TAG_COUNT])


@functools.cache
def _tag_cumulative_weights() -> tuple[float, ...]:
    return tuple(accumulate(1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(ranked_tags()))))


_YEAR_AT_END = re.compile(r"\b(20\d\d)$")


def fits_year(tag: str, year: int) -> bool:
    """``Operasi Zebra 2021`` belongs on 2021's stories only, ``Pemilu 2024`` on 2023–2024's."""
    if tag in ELECTION_TAGS.values():
        return ELECTION_TAGS.get(year) == tag
    match = _YEAR_AT_END.search(tag)
    return match is None or int(match.group(1)) == year


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


@functools.cache
def _police_chief(regency: str, year: int) -> str:
    return f"{RANK_CHIEF} {_person(random.Random(f'chief/{regency}/{year}'))}"


@functools.cache
def _spokesperson(year: int) -> str:
    return f"{RANK_SPOKESPERSON} {_person(random.Random(f'spokesperson/{year}'))}"


# ---------------------------------------------------------------------------------------------
# One article.


def _date(rng: random.Random) -> dt.datetime:
    first = dt.date(FIRST_YEAR, 1, 1)
    days = (dt.date(FIRST_YEAR + YEARS, 1, 1) - first).days
    day = first + dt.timedelta(days=rng.randrange(days))
    return dt.datetime(day.year, day.month, day.day, rng.randint(6, 21), rng.randrange(0, 60, 5))


def _context(rng: random.Random, village: Village, date: dt.datetime) -> dict[str, str]:
    regency = village.regency
    livestock = rng.choice(LIVESTOCK)
    suspect = _person(rng)
    return {
        "regency": regency.name,
        "regency_full": regency.full_name,
        "seat": regency.seat,
        "island": ISLANDS[regency.island],
        "police": regency.police,
        "chief_title": regency.chief_title,
        "chief": _police_chief(regency.name, date.year),
        "spokesperson": _spokesperson(date.year),
        "district": village.district,
        "village": village.name,
        "village_full": village.full_name,
        "precinct_chief": f"{rng.choice(RANK_PRECINCT)} {_person(rng)}",
        "officer": f"{rng.choice(RANK_COMMUNITY)} {_person(rng)}",
        "headman": _person(rng),
        "resident": _person(rng),
        "initials": "".join(word[0] for word in suspect.split()),
        "people": str(rng.randint(35, 480)),
        "parcels": str(rng.choice((50, 75, 100, 120, 150, 200, 250, 300))),
        "grams": f"{rng.randint(5, 250) / 10:.1f}".replace(".", ","),
        "meters": str(rng.randint(60, 150)),
        "hectares": str(rng.randint(2, 25)),
        "hours": str(rng.randint(2, 6)),
        "animals": str(rng.randint(2, 14)),
        "suspects": str(rng.randint(2, 7)),
        "small_packets": str(rng.randint(5, 40)),
        "livestock": livestock,
        "livestock_title": livestock.capitalize(),
        "day_date": f"{WEEKDAYS[date.weekday()]} ({date.day}/{date.month}/{date.year})",
        "long_date": f"{date.day} {MONTHS[date.month - 1]} {date.year}",
    }


def _tags(rng: random.Random, topic: Topic, year: int) -> tuple[str, ...]:
    count = rng.choices((2, 3, 4, 5), weights=(25, 35, 25, 15))[0]
    tags = [topic.tag]
    if topic.tag == "Pengamanan Pemilu" and year in ELECTION_TAGS:
        tags.append(ELECTION_TAGS[year])
    ranked, weights = ranked_tags(), _tag_cumulative_weights()
    while len(tags) < count:
        tag = rng.choices(ranked, cum_weights=weights)[0]
        if tag not in tags and fits_year(tag, year):
            tags.append(tag)
    return tuple(tags)


def _body(rng: random.Random, topic: Topic, context: dict[str, str]) -> str:
    def fill(template: str) -> str:
        return template.format_map(context)

    target = rng.randint(3000, 3900)
    details = [fill(s) for s in rng.sample(topic.details, len(topic.details))]
    background = [fill(s) for s in rng.sample(BACKGROUND, len(BACKGROUND))]
    speaker_title, speaker = rng.choices(
        (
            (context["chief_title"], context["chief"]),
            (f"Kapolsek {context['district']}", context["precinct_chief"]),
            ("Kabid Humas Polda NTT", context["spokesperson"]),
            (f"Kepala {context['village_full']}", context["headman"]),
        ),
        weights=(4, 3, 2, 1),
    )[0]
    quote = f'> "{rng.choice(topic.quotes)}," {rng.choice(SAYING_VERBS)} {speaker_title} {speaker}.'

    blocks = [fill(rng.choice(topic.leads)), " ".join(details[:2]), quote]
    if rng.random() < 0.35:
        blocks.append(f"## {rng.choice(topic.headings)}")
    blocks += [" ".join(details[2:4]), fill(rng.choice(VOICES))]
    if rng.random() < 0.3:
        items = rng.sample(topic.list_items, rng.randint(3, min(5, len(topic.list_items))))
        blocks.append(topic.list_intro + "\n\n" + "\n".join(f"- {fill(item)}" for item in items))
    closing = fill(rng.choice(CLOSINGS))

    rest = details[4:] + background
    size = sum(len(block.encode()) + 2 for block in blocks) + len(closing.encode())
    while rest and size < target:
        take = rng.randint(2, 3)
        while take and size + len(" ".join(rest[:take]).encode()) + 2 > MAX_BODY_BYTES:
            take -= 1
        if not take:
            break
        paragraph = " ".join(rest[:take])
        del rest[:take]
        blocks.append(paragraph)
        size += len(paragraph.encode()) + 2
    blocks.append(closing)
    return "\n\n".join(blocks) + "\n"


_DANGLING = {"di", "dan", "ke", "untuk", "yang", "dari", "kepada", "dengan", "bagi", "dalam", "jelang"}


def slugify(text: str) -> str:
    """ASCII, lower case, hyphens; at most 80 characters, cut at a word boundary."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")
    if len(slug) > 80:
        words = slug[:81].rsplit("-", 1)[0].split("-")  # whole words within 80 characters
        while len(words) > 1 and words[-1] in _DANGLING:
            words.pop()
        slug = "-".join(words)
    return slug


def make_article(seed: int | str, number: int, date: dt.datetime | None = None) -> Article:
    """Article ``number`` of the corpus for ``seed`` (its slug may still clash: see ``generate``)."""
    rng = random.Random(f"{seed}/{number}")
    topic = rng.choice(TOPICS)
    village = rng.choice(villages())
    when = _date(rng)
    if date is not None:
        when = date
    context = _context(rng, village, when)
    template = rng.choice(topic.titles)
    if " di " not in template and "{village_full}" not in template and rng.random() < 0.6:
        template += " di {village_full}"  # where it happened: makes headlines differ as real ones do
    title = template.format_map(context)
    return Article(
        slug=slugify(title),
        title=title,
        date=when,
        editor=rng.choice(EDITORS),
        location=f"{village.full_name}, Kecamatan {village.district}, {village.regency.full_name}",
        dateline=village.regency.seat,
        tags=_tags(rng, topic, when.year),
        body=_body(rng, topic, context),
    )


def unique_slug(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def generate(count: int, seed: int | str = DEFAULT_SEED) -> Iterator[Article]:
    """``count`` articles with unique slugs: a headline seen before gets its date appended."""
    taken: set[str] = set()
    for number in range(count):
        article = make_article(seed, number)
        slug = (
            article.slug if article.slug not in taken else unique_slug(f"{article.slug}-{article.date:%Y%m%d}", taken)
        )
        taken.add(slug)
        yield article if slug == article.slug else article.with_changes(slug=slug)


# ---------------------------------------------------------------------------------------------
# The three formats.

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,'()/&+-]*")
_PLAIN_IN_LIST = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .'()/&+-]*")


def _yaml_scalar(value: str, in_flow_list: bool = False) -> str:
    """Plain when it reads the same in YAML, JSON-quoted (valid YAML too) otherwise."""
    plain = _PLAIN_IN_LIST if in_flow_list else _PLAIN
    if plain.fullmatch(value) and not value.endswith(" ") and value.lower() not in {"yes", "no", "true", "false"}:
        return value
    return json.dumps(value, ensure_ascii=False)


def sitegen_source(article: Article) -> str:
    tags = ", ".join(_yaml_scalar(tag, in_flow_list=True) for tag in article.tags)
    return (
        "---\n"
        f"title: {_yaml_scalar(article.title)}\n"
        f"date: {article.date:%Y-%m-%d %H:%M}\n"
        f"editor: {_yaml_scalar(article.editor)}\n"
        f"location: {_yaml_scalar(article.location)}\n"
        f"tags: [{tags}]\n"
        f"dateline: {_yaml_scalar(article.dateline)}\n"
        "---\n"
        f"{article.body}"
    )


def hugo_source(article: Article) -> str:
    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    return (
        "---\n"
        f"title: {quoted(article.title)}\n"
        f"date: {article.date:%Y-%m-%dT%H:%M:%S}{SITE_OFFSET}\n"
        f"slug: {quoted(article.slug)}\n"
        f"author: {quoted(article.editor)}\n"
        f"location: {quoted(article.location)}\n"
        f"dateline: {quoted(article.dateline)}\n"
        f"tags: [{', '.join(quoted(tag) for tag in article.tags)}]\n"
        "---\n"
        f"{article.body}"
    )


def pelican_source(article: Article) -> str:
    return (
        f"Title: {article.title}\n"
        f"Date: {article.date:%Y-%m-%d %H:%M}\n"
        f"Slug: {article.slug}\n"
        f"Author: {article.editor}\n"
        f"Tags: {', '.join(article.tags)}\n"
        f"Location: {article.location}\n"
        f"Dateline: {article.dateline}\n"
        "\n"
        f"{article.body}"
    )


def source_path(article: Article, fmt: Format) -> str:
    """Where the article goes, relative to the content folder."""
    return f"posts/{article.slug}.md" if fmt == "hugo" else f"{article.date.year}/{article.slug}.md"


def source_text(article: Article, fmt: Format) -> str:
    if fmt == "sitegen":
        return sitegen_source(article)
    if fmt == "hugo":
        return hugo_source(article)
    return pelican_source(article)


def write_article(article: Article, content_dir: Path, fmt: Format) -> Path:
    path = content_dir / source_path(article, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source_text(article, fmt).encode())
    return path


def write_corpus(articles: Iterable[Article], targets: dict[Format, Path]) -> CorpusSummary:
    """Writes every article into each target content folder (created as needed)."""
    summary = CorpusSummary()
    for article in articles:
        summary.add(article)
        for fmt, content_dir in targets.items():
            write_article(article, content_dir, fmt)
    return summary


def describe(summary: CorpusSummary) -> str:
    top = ", ".join(f"{tag} ({count})" for tag, count in summary.tag_counts.most_common(5))
    return (
        f"{summary.count} articles, {summary.body_bytes / max(summary.count, 1) / 1024:.1f} KiB body on average, "
        f"{len(summary.tag_counts)} tags; biggest: {top}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("content_dir", type=Path, help="the content folder to write into")
    parser.add_argument("--seed", default=str(DEFAULT_SEED), help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--format", choices=FORMATS, default="sitegen", help="source format (default sitegen)")
    args = parser.parse_args(argv)
    summary = write_corpus(generate(args.count, args.seed), {args.format: args.content_dir})
    print(describe(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
