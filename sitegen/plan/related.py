"""Related articles: stories that share tags and places, close in time.

Comparing every pair would be quadratic in the number of articles, so candidates
come from each of the article's terms, the few stories beside it in that term's
date-ordered list; the candidates are then scored exactly. Ties are broken by closeness in
time and then by source path, so the choice is deterministic.

A build keeps the choice with what it was made from (:class:`Related`), and the next build
(:func:`choose`) ranks again only the articles whose choice a change can reach.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from sitegen.plan.taxonomy import Term
from sitegen.read.articles import Article

WINDOW = 4  # neighbours on each side, per term

TAG_WEIGHT = 3  # one shared tag counts as much as three shared levels of place

KINDS = ("tag", "location")  # the terms related stories come from

FORMAT = 1  # of the Related record: a record of another format is not used

FULL_SHARE = 0.05  # when a change reaches more of the articles than this, all are ranked again


Choice = dict[str, tuple[str, ...]]  # an article's source → the sources of its related articles

TermKey = tuple[str, str]  # a term's kind and path


@dataclass(frozen=True)
class Related:
    """A choice with what it was made from, for the next build: picklable, no Article in it."""

    settings: tuple[int, ...]  # FORMAT, WINDOW, TAG_WEIGHT and the count; () if never to be reused
    lists: dict[TermKey, tuple[str, ...]]  # each tag and place: its articles' sources, newest first
    stamps: dict[str, float]  # each article's source → its date's timestamp
    choice: Choice


def related(articles: Iterable[Article], terms: Iterable[Term], count: int) -> Choice:
    """For each article's source, the sources of up to ``count`` related articles, best first.

    Articles are known by their sources, which are unique; a term may list only articles
    that are among ``articles`` (as gather's terms do), else ValueError.
    """
    if count <= 0:
        return {}
    stamps = _stamps(articles)
    index = _Index(_lists(terms), stamps)
    index.locate_every()
    return dict(index.ranked(stamps, count))


def choose(
    articles: Iterable[Article],
    terms: Iterable[Term],
    count: int,
    previous: object = None,
    sources: Callable[[Term], tuple[str, ...]] | None = None,
) -> Related:
    """:func:`related`'s choice, with its record for the next build.

    ``previous`` is such a record (anything else is ignored): only the articles a change
    since then can reach are ranked again, unless there are too many of them. When nothing
    changed, ``previous`` itself is returned (so a caller can tell it need not store it again).
    ``sources``: a term's articles' sources (a caller that keeps them between plans).
    """
    settings: tuple[int, ...] = (FORMAT, WINDOW, TAG_WEIGHT, count)
    if count <= 0:
        if isinstance(previous, Related) and previous.settings == settings:
            return previous
        return Related(settings, {}, {}, {})
    stamps = _stamps(articles)
    entries = _lists(terms, sources)
    lists = {(kind, path): sources for kind, path, sources in entries}
    if len(lists) != len(entries):  # two terms of one kind and path: not a record to build on
        settings = ()
    index = _Index(entries, stamps)
    if isinstance(previous, Related) and settings and previous.settings == settings:
        updated = _update(previous, index, lists, stamps, count)
        if updated is not None:
            return updated
    index.locate_every()
    return Related(settings, lists, stamps, dict(index.ranked(stamps, count)))


def _update(
    old: Related, index: _Index, lists: dict[TermKey, tuple[str, ...]], stamps: dict[str, float], count: int
) -> Related | None:
    """``old`` itself when nothing changed since it; else its choice ranked again where a change
    reaches; None when that cannot be told or reaches too many articles (then all are ranked)."""
    change = _change(old, lists, stamps)
    if change is None:
        return None
    if change.none:
        return old
    reach = change.reach | change.changed
    index.locate(change.changed)
    for source in change.changed:
        reach.update(index.near(source))
    if len(reach) > FULL_SHARE * len(stamps):
        return None
    index.locate(reach)
    index.mark(set().union(*map(index.near, reach)))
    fresh = dict(index.ranked(reach, count))
    kept = old.choice
    choice = {source: fresh[source] if source in fresh else kept[source] for source in stamps}
    return Related(old.settings, lists, stamps, choice)


# What an article's choice depends on: its own timestamp, tags and places; its candidates
# (its neighbours within WINDOW in each of its terms' lists); and each candidate's
# timestamp, tags and places. So it can change only if
#   1. its own timestamp or terms changed (or it is new);
#   2. one of its windows changed: in a list that changed, only the articles within WINDOW
#      of the changed stretch (what lies between the common head and the common tail of the
#      old and the new list) can have other neighbours; elsewhere a window holds the same
#      articles, at the same distance from the head or from the tail, as before;
#   3. a candidate's timestamp or terms changed: being a candidate is symmetric (within
#      WINDOW of each other in some list), so these are the changed articles' own candidates.
# An article that left a list (or the site) changed that list: its old neighbours fall under 2.


@dataclass(frozen=True)
class _Change:
    changed: set[str]  # articles (still there) whose timestamp or terms changed, new ones too: 1
    reach: set[str]  # articles near a change in a list: 2
    none: bool  # no list and no article changed: the old record stands as it is


def _change(old: Related, lists: dict[TermKey, tuple[str, ...]], stamps: dict[str, float]) -> _Change | None:
    """What changed since ``old``; None if that cannot be told (then all are ranked again)."""
    if old.choice.keys() != old.stamps.keys():
        return None
    before_stamps = old.stamps
    changed = {source for source, stamp in stamps.items() if before_stamps.get(source) != stamp}
    reach: set[str] = set()
    same_lists = True
    for key in lists.keys() | old.lists.keys():
        new, before = lists.get(key, ()), old.lists.get(key, ())
        if new == before:
            continue
        same_lists = False
        members = _joined_or_left(new, before, stamps)
        if members is None:
            return None
        changed |= members
        reach.update(_near_change(new, before))
    gone = before_stamps.keys() - stamps.keys()
    if gone and not all(gone.isdisjoint(sources) for sources in lists.values()):
        return None  # an unchanged list still holds an article that is no longer among them
    changed &= stamps.keys()
    return _Change(changed, reach, same_lists and not changed and not gone)


def _joined_or_left(new: tuple[str, ...], before: tuple[str, ...], stamps: dict[str, float]) -> set[str] | None:
    """The articles that joined or left a list; None when either holds an article twice (2
    assumes once) or the new one an article that is not among the articles."""
    new_set, before_set = set(new), set(before)
    if len(new_set) != len(new) or len(before_set) != len(before) or not new_set <= stamps.keys():
        return None
    return new_set ^ before_set


def _near_change(new: tuple[str, ...], before: tuple[str, ...]) -> tuple[str, ...]:
    """The articles of ``new`` within WINDOW of what lies between the common head and the
    common tail of the two lists (2)."""
    shorter = min(len(new), len(before))
    head = 0
    while head < shorter and new[head] == before[head]:
        head += 1
    tail = 0
    while tail < shorter - head and new[-1 - tail] == before[-1 - tail]:
        tail += 1
    return new[max(0, head - WINDOW) : len(new) - tail + WINDOW]


def _stamps(articles: Iterable[Article]) -> dict[str, float]:
    return {article.source: article.date.timestamp() for article in articles}


def _lists(
    terms: Iterable[Term], sources: Callable[[Term], tuple[str, ...]] | None = None
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Each tag and place: kind, path and its articles' sources, in the terms' order."""
    if sources is not None:
        return [(t.kind, t.path, sources(t)) for t in terms if t.kind in KINDS]
    return [(t.kind, t.path, tuple(map(_source, t.articles))) for t in terms if t.kind in KINDS]


_source = attrgetter("source")


class _Index:
    """Where articles stand in their terms' lists, and what they share: of every article at
    once (locate_every), or only of those a change reaches (locate, mark)."""

    def __init__(self, entries: list[tuple[str, str, tuple[str, ...]]], stamps: dict[str, float]) -> None:
        self.stamps = stamps
        self.lists = [sources for _, _, sources in entries]
        # An article's mark holds its terms as bits of one integer, a tag as TAG_WEIGHT bits
        # and a place as one: the bits two marks share count the two articles' shared tags
        # × TAG_WEIGHT + shared places. flags: each term's bits.
        self.flags: list[int] = []
        bit = 0
        for kind, _, _ in entries:
            width = TAG_WEIGHT if kind == "tag" else 1
            self.flags.append(((1 << width) - 1) << bit)
            bit += width
        self.where: dict[str, list[tuple[int, int]]] = {}  # each of its terms' number, its position there
        self.marks: dict[str, int] = {}

    def locate_every(self) -> None:
        """Where every article stands, and every mark: one pass over the lists."""
        where: dict[str, list[tuple[int, int]]] = {source: [] for source in self.stamps}
        try:
            for number, listed in enumerate(self.lists):
                for position, source in enumerate(listed):
                    where[source].append((number, position))
        except KeyError as missing:
            raise ValueError(f"a term lists {missing.args[0]}, which is not among the articles") from None
        flags = self.flags
        for source, spots in where.items():
            mark = 0
            for number, _ in spots:
                mark |= flags[number]
            self.marks[source] = mark
        self.where = where

    def locate(self, sources: Iterable[str]) -> None:
        """Where these articles stand, and their marks: one pass over the lists."""
        wanted = set(sources) - self.where.keys()
        if not wanted:
            return
        where, marks, flags = self.where, self.marks, self.flags
        for source in wanted:
            where[source] = []
            marks[source] = 0
        for number, listed in enumerate(self.lists):
            for source in wanted.intersection(listed):
                marks[source] |= flags[number]
                if listed.count(source) == 1:
                    where[source].append((number, listed.index(source)))
                else:
                    where[source].extend((number, at) for at, other in enumerate(listed) if other == source)

    def mark(self, sources: Iterable[str]) -> None:
        """The marks of these articles: one pass over the lists."""
        wanted = set(sources) - self.marks.keys()
        if not wanted:
            return
        marks, flags = self.marks, self.flags
        for source in wanted:
            marks[source] = 0
        for number, listed in enumerate(self.lists):
            for source in wanted.intersection(listed):
                marks[source] |= flags[number]

    def near(self, source: str) -> set[str]:
        """A located article's candidates: its neighbours within WINDOW in each of its terms."""
        found: set[str] = set()
        lists = self.lists
        for number, position in self.where[source]:
            found.update(lists[number][position - WINDOW if position > WINDOW else 0 : position + WINDOW + 1])
        found.discard(source)
        return found

    def ranked(self, sources: Iterable[str], count: int) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Each of these located articles (their candidates marked) with its best ``count``
        candidates, best first."""
        lists, where, marks, stamps = self.lists, self.where, self.marks, self.stamps
        for source in sources:
            found: set[str] = set()
            for number, position in where[source]:
                found.update(lists[number][position - WINDOW if position > WINDOW else 0 : position + WINDOW + 1])
            found.discard(source)
            mark, stamp = marks[source], stamps[source]
            others = list(found)
            shared = [(mark & marks[other]).bit_count() for other in others]
            if len(shared) > count:
                # the whole key only for those that can make the cut: as much in common as
                # the count-th most
                least = sorted(shared, reverse=True)[count - 1]
                keys = [(-n, abs(stamps[o] - stamp), o) for n, o in zip(shared, others, strict=True) if n >= least]
            else:
                keys = [(-n, abs(stamps[o] - stamp), o) for n, o in zip(shared, others, strict=True)]
            keys.sort()
            yield source, tuple([key[2] for key in keys[:count]])
