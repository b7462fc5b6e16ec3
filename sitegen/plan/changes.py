"""What a change reaches among the article pages: the resident session's planner
(sitegen/plan/reuse.py) makes these pages again and keeps every other one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sitegen.plan.taxonomy import Term
from sitegen.read.articles import Article


@dataclass(frozen=True)
class Fresh:
    """The articles (by source) whose card, or whose photos, are not the last plan's."""

    cards: set[str]
    pictures: set[str]


def dirty(
    articles: tuple[Article, ...],
    fresh: Fresh,
    chosen: tuple[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]],
    terms: Iterable[Term],
    due: Callable[[Article], bool],
) -> set[str]:
    """The articles whose page may show something else than the last one: their card or
    photos changed, a neighbour's card, their related stories (or a related story's card);
    they are filed under one of ``terms`` (a term renamed, an editor whose profile changed);
    or a correction of theirs is ``due`` (shown by one plan's moment and not the other's)."""
    found = fresh.cards | fresh.pictures
    found.update(a.source for a in articles if a.corrections and due(a))
    for term in terms:
        found.update(a.source for a in term.articles)
    found |= _neighbours(articles, fresh.cards)
    before, now = chosen
    for source, related in now.items():
        if before.get(source) != related or (fresh.cards and not fresh.cards.isdisjoint(related)):
            found.add(source)
    return found


def _neighbours(articles: tuple[Article, ...], fresh: set[str]) -> set[str]:
    """The articles next to one whose card changed (their pages link to it), and it."""
    if not fresh:
        return set()
    position = {a.source: i for i, a in enumerate(articles)}
    found: set[str] = set()
    for source in fresh:
        at = position.get(source)
        if at is not None:
            found.update(a.source for a in articles[max(0, at - 1) : at + 2])
    return found


def correction_due(article: Article, before: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a correction of the article is dated between the last plan's moment (``before``,
    None: no last plan) and this one's, so one shows it and the other does not
    (sitegen/read/corrections.py ``shown``)."""
    if before is None:
        return True
    low, high = min(before, now), max(before, now)
    return any(low <= correction.date <= high for correction in article.corrections)
