"""Terms that group articles into list pages: tags, places, editors and archive months.

Places form a hierarchy: ``location: Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah
Selatan`` files the article under the regency, the district and the village, and a
regency's page lists every story of its districts and villages too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, warning
from sitegen.i18n import Message, msg
from sitegen.read.articles import Article
from sitegen.util.dates import month_name
from sitegen.util.slugs import slugify

KINDS = ("tag", "location", "editor", "archive")

Keyed = defaultdict[str, list[Diagnostic]]  # warnings by the key of the term they are about


@dataclass(frozen=True)
class Term:
    kind: str  # one of KINDS
    name: str  # as readers see it: "Polri", "Kecamatan Kie", "Desember 2023"
    slug: str
    path: str  # /lokasi/kabupaten-timor-tengah-selatan/kecamatan-kie/
    articles: tuple[Article, ...]  # newest first
    parents: tuple[str, ...] = ()  # paths of the terms above, outermost first
    children: tuple[str, ...] = ()  # paths of the terms below, by name

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def feed_path(self) -> str:
        return self.path + "feed.xml"


# "tag 'Polri' is written 'POLRI' elsewhere …", for each kind of name
_SPELLINGS: dict[str, Callable[[str, str], Message]] = {
    "tag": lambda name, chosen: msg(
        "tag '{name}' is written '{chosen}' elsewhere; both are filed under '{chosen}'", name=name, chosen=chosen
    ),
    "editor": lambda name, chosen: msg(
        "editor '{name}' is written '{chosen}' elsewhere; both are filed under '{chosen}'", name=name, chosen=chosen
    ),
    "place": lambda name, chosen: msg(
        "place '{name}' is written '{chosen}' elsewhere; both are filed under '{chosen}'", name=name, chosen=chosen
    ),
}


def tag_path(config: SiteConfig, slug: str) -> str:
    return f"/{config.tag_prefix}/{slug}/"


def editor_path(config: SiteConfig, slug: str) -> str:
    return f"/{config.editor_prefix}/{slug}/"


def place_path(config: SiteConfig, key: str) -> str:
    """A place's page, by its key (the slugs of its chain, outermost first, joined by "/")."""
    return f"/{config.location_prefix}/{key}/"


def filed_under(config: SiteConfig, article: Article) -> set[str]:
    """The paths of the tag, place and editor terms that list the article."""
    paths = {tag_path(config, slugify(name)) for name in article.tags}
    paths.add(editor_path(config, slugify(article.editor)))
    paths.update(place_path(config, key) for key, _ in chain_keys(place_chain(config, article)))
    return paths


def archive_paths(config: SiteConfig, article: Article) -> tuple[str, str]:
    """The paths of the year and the month that list the article (collect_archives)."""
    local = article.date.astimezone(config.tz)
    year = f"/{config.archive_prefix}/{local.year}/"
    return year, f"{year}{local.month:02d}/"


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest first, and by source path where two are as new: the same input always gives
    the same order. Two stable sorts: by source, then by date, newest first (comparing
    dates directly; converting each to a timestamp cost more than the sort)."""
    by_source = sorted(articles, key=attrgetter("source"))
    return sorted(by_source, key=attrgetter("date"), reverse=True)


# The collect_* functions take the articles newest first (as gather passes them) and keep
# that order in every term, so no term is sorted again.


def by_name(terms: Iterable[Term]) -> list[Term]:
    return sorted(terms, key=lambda t: (t.name.casefold(), t.path))


class _Spellings:
    """Names that share a slug are one term, named by its most used spelling."""

    def __init__(self) -> None:
        self.members: dict[str, list[Article]] = defaultdict(list)
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, key: str, name: str, article: Article) -> None:
        if not self.members[key] or self.members[key][-1] is not article:
            self.members[key].append(article)
        self.spellings[key][name] += 1

    def name(self, key: str) -> str:
        counts = self.spellings[key]
        return min(counts, key=lambda n: (-counts[n], n))


def _spelling_warnings(
    spellings: _Spellings, what: str, names_of: Callable[[Article], Iterable[str]], key_of: Callable[[str], str],
    line_of: Callable[[Article], int], keyed: Keyed | None,
) -> list[Diagnostic]:  # fmt: skip
    problems = []
    for key, counts in spellings.spellings.items():
        if len(counts) < 2:
            continue
        chosen = spellings.name(key)
        for article in spellings.members[key]:
            for other in names_of(article):
                if other != chosen and key_of(other) == key:
                    message = _SPELLINGS[what](other, chosen)
                    problems.append(warning(article.source, line_of(article), message))
                    if keyed is not None:
                        keyed[key].append(problems[-1])
    return problems


def collect_tags(
    config: SiteConfig,
    articles: Iterable[Article],
    lines: dict[str, dict[str, int]],
    only: Set[str] | None = None,
    keyed: Keyed | None = None,
) -> tuple[list[Term], list[Diagnostic]]:
    """The tags of ``articles`` (newest first), by name. With ``only``, just the tags of these
    slugs (given every article filed under them: sitegen/plan/incremental.py); ``keyed``
    gets each warning under its tag's slug too."""
    spellings = _Spellings()
    for article in articles:
        for name in article.tags:
            slug = slugify(name)
            if only is None or slug in only:
                spellings.add(slug, name, article)
    problems = _spelling_warnings(
        spellings, "tag", lambda a: a.tags, slugify, lambda a: lines[a.source].get("tags", 1), keyed
    )
    terms = [
        Term("tag", spellings.name(slug), slug, tag_path(config, slug), tuple(members))
        for slug, members in spellings.members.items()
    ]
    return by_name(terms), problems


def collect_editors(
    config: SiteConfig,
    articles: Iterable[Article],
    lines: dict[str, dict[str, int]],
    only: Set[str] | None = None,
    keyed: Keyed | None = None,
) -> tuple[list[Term], list[Diagnostic]]:
    """As collect_tags, of the editors."""
    spellings = _Spellings()
    for article in articles:
        slug = slugify(article.editor)
        if only is None or slug in only:
            spellings.add(slug, article.editor, article)
    problems = _spelling_warnings(
        spellings, "editor", lambda a: (a.editor,), slugify, lambda a: lines[a.source].get("editor", 1), keyed
    )
    terms = [
        Term("editor", spellings.name(slug), slug, editor_path(config, slug), tuple(members))
        for slug, members in spellings.members.items()
    ]
    return by_name(terms), problems


def place_chain(config: SiteConfig, article: Article) -> tuple[str, ...]:
    """The article's places from the outermost (the regency) in, aliases applied."""
    return _chain(article.places, config.location_aliases)


@lru_cache(maxsize=65536)
def _chain(places: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    table = dict(aliases)
    return tuple(table.get(place, place) for place in reversed(places))


@lru_cache(maxsize=65536)
def chain_keys(chain: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each level of a chain of places: its key (the slugs so far, joined by "/") and slugs."""
    slugs = tuple(slugify(part) for part in chain)
    return tuple(("/".join(slugs[:depth]), slugs[:depth]) for depth in range(1, len(slugs) + 1))


def collect_locations(
    config: SiteConfig,
    articles: Iterable[Article],
    lines: dict[str, dict[str, int]],
    only: Set[str] | None = None,
    keyed: Keyed | None = None,
) -> tuple[list[Term], list[Diagnostic]]:
    """As collect_tags, of the places; ``only`` holds place keys (chain_keys), and a place's
    children are then those among ``only``."""
    # a place is known by the slugs of its chain: a village of the same name in two
    # districts is two places
    spellings = _Spellings()
    chains: dict[str, tuple[str, ...]] = {}
    filed: list[tuple[Article, tuple[str, ...]]] = []
    for article in articles:
        chain = place_chain(config, article)
        filed.append((article, chain))
        for (key, slugs), name in zip(chain_keys(chain), chain, strict=True):
            if only is not None and key not in only:
                continue
            if key not in chains:
                chains[key] = slugs
            spellings.add(key, name, article)
    names = {key: spellings.name(key) for key in chains}
    children: dict[str, list[str]] = defaultdict(list)
    for key in chains:
        if "/" in key:
            children[key.rsplit("/", 1)[0]].append(key)
    terms = []
    for key, slugs in chains.items():
        parents = tuple(place_path(config, "/".join(slugs[:depth])) for depth in range(1, len(slugs)))
        kids = sorted(children[key], key=lambda k: (names[k].casefold(), k))
        terms.append(
            Term(
                "location",
                names[key],
                slugs[-1],
                place_path(config, key),
                tuple(spellings.members[key]),
                parents,
                tuple(place_path(config, k) for k in kids),
            )
        )
    # A place is known by its whole chain (a district by its regency too), so spellings are
    # compared per chain, at every level: "Kecamatan KIE" under the same regency as
    # "Kecamatan Kie" is the same district, written differently.
    problems = _place_spellings(filed, names, lines)
    if keyed is not None:
        for key, problem in sorted(problems):
            keyed[key].append(problem)
    return by_name(terms), sorted({problem for _, problem in problems})


def _place_spellings(
    filed: list[tuple[Article, tuple[str, ...]]], names: dict[str, str], lines: dict[str, dict[str, int]]
) -> set[tuple[str, Diagnostic]]:
    """A warning (with its place's key) for each article that spells a place otherwise."""
    problems = set()
    for article, chain in filed:
        for (key, _), name in zip(chain_keys(chain), chain, strict=True):
            if key not in names:  # (not among collect_locations' ``only``)
                continue
            chosen = names[key]
            if name != chosen:
                message = _SPELLINGS["place"](name, chosen)
                problems.add((key, warning(article.source, lines[article.source].get("location", 1), message)))
    return problems


def collect_archives(config: SiteConfig, articles: Iterable[Article]) -> list[Term]:
    """Years and their months, in the site's time zone: newest first."""
    months: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in articles:
        local = article.date.astimezone(config.tz)
        months[(local.year, local.month)].append(article)
    root = f"/{config.archive_prefix}/"
    terms = []
    for year in sorted({y for y, _ in months}, reverse=True):
        own = sorted((m for y, m in months if y == year), reverse=True)
        members = [a for m in own for a in months[(year, m)]]  # months newest first: still in order
        paths = tuple(f"{root}{year}/{m:02d}/" for m in own)
        terms.append(Term("archive", str(year), str(year), f"{root}{year}/", tuple(members), (), paths))
        for m in own:
            terms.append(
                Term(
                    "archive",
                    month_name(year, m),
                    f"{m:02d}",
                    f"{root}{year}/{m:02d}/",
                    tuple(months[(year, m)]),
                    (f"{root}{year}/",),
                )
            )
    return terms
