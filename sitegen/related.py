"""Related articles: stories that share tags and places, close in time.

Comparing every pair would be quadratic (10,000 articles, 50 million pairs), so candidates
come from each of the article's terms, the few stories beside it in that term's
date-ordered list; the candidates are then scored exactly. Ties are broken by closeness in
time and then by source path, so the choice is deterministic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sitegen.articles import Article
from sitegen.taxonomy import Term

WINDOW = 4  # neighbours on each side, per term
TAG_WEIGHT = 3  # one shared tag counts as much as three shared levels of place


Choice = dict[str, tuple[str, ...]]  # an article's source → the sources of its related articles


def inputs_digest(articles: Iterable[Article], terms: Iterable[Term], count: int) -> str:
    """A hash of everything :func:`related` reads: equal digests, equal choices."""
    h = hashlib.blake2b(f"{WINDOW} {TAG_WEIGHT} {count}".encode(), digest_size=16)
    for article in articles:
        h.update(f"\0{article.source}\0{article.date.timestamp()}".encode())
    for term in terms:
        if term.kind in ("tag", "location"):
            h.update(f"\1{term.kind}\0{term.path}".encode())
            h.update("\0".join(a.source for a in term.articles).encode())
    return h.hexdigest()


def related(articles: Iterable[Article], terms: Iterable[Term], count: int) -> Choice:
    """For each article's source, the sources of up to ``count`` related articles, best first."""
    if count <= 0:
        return {}
    members: dict[str, list[tuple[tuple[Article, ...], int]]] = {}
    tag_sets: dict[str, set[int]] = {}
    place_sets: dict[str, set[int]] = {}
    for number, term in enumerate(terms):
        if term.kind not in ("tag", "location"):
            continue
        own = tag_sets if term.kind == "tag" else place_sets
        for index, article in enumerate(term.articles):
            members.setdefault(article.source, []).append((term.articles, index))
            own.setdefault(article.source, set()).add(number)
    empty: set[int] = set()
    result: Choice = {}
    for article in articles:
        source = article.source
        candidates: dict[str, Article] = {}
        for listed, index in members.get(source, ()):
            for other in listed[max(0, index - WINDOW) : index + WINDOW + 1]:
                candidates[other.source] = other
        candidates.pop(source, None)
        own_tags, own_places = tag_sets.get(source, empty), place_sets.get(source, empty)
        stamp = article.date.timestamp()
        ranked = sorted(
            (
                -TAG_WEIGHT * len(own_tags & tag_sets.get(name, empty)) - len(own_places & place_sets.get(name, empty)),
                abs(other.date.timestamp() - stamp),
                name,
            )
            for name, other in candidates.items()
        )
        result[source] = tuple(entry[2] for entry in ranked[:count])
    return result
