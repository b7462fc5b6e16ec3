"""The terms again after a few articles changed: only those a changed article is (or was)
filed under are collected anew, by taxonomy's own collectors over every article filed under
them (their ``only``); every other term is the very same object as before.

A term no changed article is filed under has the same articles (none joined or left), in the
same order (their dates and sources did not change), hence the same name (its most used
spelling) and the same warnings. Places and archive years are the terms above others: every
article under a place is under its parents too, so a parent is collected anew whenever one of
its children is, and only its list of children needs the untouched ones (``_with_children``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic
from sitegen.plan.taxonomy import (
    Keyed,
    Term,
    by_name,
    chain_keys,
    collect_archives,
    collect_editors,
    collect_locations,
    collect_tags,
    newest_first,
    place_chain,
    place_path,
)
from sitegen.read.articles import Article
from sitegen.util.slugs import slugify

Lines = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Terms:
    """Every term in gather's order (tags, places, editors, archives), and the spelling
    warnings of each kind by the key of the term they are about."""

    terms: tuple[Term, ...]
    warnings: Mapping[str, Keyed]

    def problems(self) -> list[Diagnostic]:
        return [problem for keyed in self.warnings.values() for found in keyed.values() for problem in found]


_COLLECTORS = (("tag", collect_tags), ("location", collect_locations), ("editor", collect_editors))


def collect_all(config: SiteConfig, articles: tuple[Article, ...], lines: Lines) -> Terms:
    """Every term of the articles (newest first), as gather collects them."""
    terms: list[Term] = []
    warnings: dict[str, Keyed] = {}
    for kind, collect in _COLLECTORS:
        warnings[kind] = defaultdict(list)
        found, _ = collect(config, articles, lines, None, warnings[kind])
        terms.extend(found)
    terms.extend(collect_archives(config, articles))
    return Terms(tuple(terms), warnings)


def keys_of(config: SiteConfig, article: Article) -> dict[str, set[str]]:
    """The keys of the terms of each kind that file the article."""
    return {
        "tag": {slugify(name) for name in article.tags},
        "location": {key for key, _ in chain_keys(place_chain(config, article))},
        "editor": {slugify(article.editor)},
        "archive": {str(article.date.astimezone(config.tz).year)},
    }


def update(
    config: SiteConfig, old: Terms, articles: tuple[Article, ...], changed: Iterable[Article], lines: Lines
) -> Terms:
    """``old`` brought up to date with ``articles`` (newest first), given every article that
    changed, joined or left since (``changed``: the old and the new objects alike)."""
    touched: dict[str, set[str]] = defaultdict(set)
    for article in changed:
        for kind, keys in keys_of(config, article).items():
            touched[kind] |= keys
    if not touched:
        return old
    by_kind: dict[str, list[Term]] = defaultdict(list)
    for term in old.terms:
        by_kind[term.kind].append(term)
    paths = _Paths(config)
    current = {article.source: article for article in articles}
    terms: list[Term] = []
    warnings: dict[str, Keyed] = {}
    for kind, collect in _COLLECTORS:
        keys = touched[kind]
        olds = {paths.key(kind, t.path): t for t in by_kind[kind]}
        members = _members(articles, [olds[k] for k in keys if k in olds], changed, current)
        keyed: Keyed = defaultdict(list, {k: v for k, v in old.warnings[kind].items() if k not in keys})
        fresh, _ = collect(config, members, lines, keys, keyed)
        if kind == "location":
            fresh = _with_children(config, fresh, olds, keys, paths)
        terms.extend(by_name([t for k, t in olds.items() if k not in keys] + fresh))
        warnings[kind] = keyed
    terms.extend(_archives(config, by_kind["archive"], articles, changed, touched["archive"], current))
    return Terms(tuple(terms), warnings)


def _members(
    articles: tuple[Article, ...], olds: list[Term], changed: Iterable[Article], current: dict[str, Article]
) -> list[Article]:
    """Every article (newest first) filed under the old terms or changed: a superset of the
    articles of the terms to collect anew."""
    sources = {a.source for term in olds for a in term.articles} | {a.source for a in changed}
    sources &= current.keys()
    if 4 * len(sources) > len(articles):
        return [a for a in articles if a.source in sources]
    return newest_first(current[source] for source in sources)  # (the order of ``articles``)


class _Paths:
    """A term's key from its path, and back."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.prefixes = {
            "tag": f"/{config.tag_prefix}/",
            "location": f"/{config.location_prefix}/",
            "editor": f"/{config.editor_prefix}/",
        }

    def key(self, kind: str, path: str) -> str:
        return path[len(self.prefixes[kind]) : -1]


def _with_children(
    config: SiteConfig, fresh: list[Term], olds: dict[str, Term], keys: set[str], paths: _Paths
) -> list[Term]:
    """The places collected anew, each with its children among every place (the collector
    saw the touched ones only), ordered as collect_locations orders them."""
    by_key = {paths.key("location", t.path): t for t in fresh}
    result = []
    for key, term in by_key.items():
        before = olds.get(key)
        candidates = set(term.children) | set(before.children if before is not None else ())
        kids: list[tuple[str, str]] = []
        for child in candidates:
            child_key = paths.key("location", child)
            found = by_key.get(child_key) if child_key in keys else olds.get(child_key)
            if found is not None:
                kids.append((found.name.casefold(), child_key))
        children = tuple(place_path(config, k) for _, k in sorted(kids))
        result.append(Term(term.kind, term.name, term.slug, term.path, term.articles, term.parents, children))
    return result


def _archives(
    config: SiteConfig,
    olds: list[Term],
    articles: tuple[Article, ...],
    changed: Iterable[Article],
    years: set[str],
    current: dict[str, Article],
) -> list[Term]:
    """The archive terms, those of the touched years collected anew: years newest first,
    each followed by its months."""
    by_year: dict[str, list[Term]] = defaultdict(list)
    year = ""
    for term in olds:  # (each year, then its months)
        if not term.parents:
            year = term.slug
        if year not in years:
            by_year[year].append(term)
    members = _members(articles, [t for t in olds if not t.parents and t.slug in years], changed, current)
    for term in collect_archives(config, members):
        if not term.parents:
            year = term.slug
        by_year[year].append(term)
    return [term for y in sorted(by_year, key=int, reverse=True) for term in by_year[y]]
