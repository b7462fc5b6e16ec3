"""Planning again from the last plan: what ``sitegen serve``'s resident session does on a save.

:func:`replan` gives the plan ``planner.gather`` gives for the same articles, settings and
moment, with the same problems, but reaches only what changed:

- the articles published and held back are sorted again (cheap), and the articles that
  changed, joined or left are found by identity (an unchanged article is the very object read
  before: the session re-reads changed files only);
- terms: only those the changed articles are or were filed under are collected anew
  (sitegen/plan/terms_update.py);
- related stories: ``related.choose`` with the last record, which ranks again only the reach
  of the change;
- pages: the planner's own code, keeping every page whose inputs are the last plan's
  (sitegen/plan/reuse.py), so a kept page's key is the last one too.

"Now" is an input like the articles: what it decides (which articles are due, the marks of
a preview's drafts and scheduled articles) is worked out anew for every article on every
call, and a changed status is a changed card. tests/plan/test_incremental.py compares every
plan made this way with gather's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic
from sitegen.plan.clashes import duplicate_paths, pages_over_articles
from sitegen.plan.model import Page, Site
from sitegen.plan.photos import ImageFile
from sitegen.plan.planner import published_and_held
from sitegen.plan.profiles import Profile, plan_profiles, shown_photos
from sitegen.plan.redirects import Redirect, alias_problems, redirects
from sitegen.plan.related import choose
from sitegen.plan.reuse import Kept, Replanner
from sitegen.plan.taxonomy import Term, newest_first
from sitegen.plan.terms_update import Terms, collect_all, update
from sitegen.read.articles import Article, ReadResult
from sitegen.read.profiles import EditorProfile


@dataclass(frozen=True)
class Plan:
    """A plan with what the next :func:`replan` builds on."""

    site: Site
    problems: tuple[Diagnostic, ...]  # gather's (warnings: a plan with errors is no plan)
    published: Mapping[str, Article]  # by source
    terms: Terms
    kept: Kept
    options: tuple[bool, bool]  # drafts, future
    lines: Mapping[str, tuple[ReadResult, dict[str, int]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the published articles' files


def replan(
    previous: Plan | None,
    config: SiteConfig,
    results: list[ReadResult],
    now: dt.datetime,
    drafts: bool = False,
    future: bool = False,
    images: Mapping[str, ImageFile] | None = None,
    profiles: tuple[EditorProfile, ...] = (),
) -> tuple[Plan | None, list[Diagnostic]]:
    """The plan of ``results`` (every article read) and its problems; None on errors.
    ``previous``: the last plan (of the same settings and options, else it is not used);
    ``profiles``: the editors' (read.profiles)."""
    usable = previous is not None and previous.site.config == config and previous.options == (drafts, future)
    last = previous if usable else None
    lines = _lines(results, last)
    by_line = {s: line for s, (_, line) in lines.items()}
    published, held = published_and_held(results, now, drafts, future)
    outputs = [a.output_file for a in published]
    # (no two articles on one file in the last plan: none now either, unless their files changed)
    problems = duplicate_paths(published, by_line) if last is None or outputs != last.files else []
    articles = tuple(newest_first(published))
    by_source = {a.source: a for a in published}
    terms = _terms(config, last, articles, by_source, by_line)
    problems.extend(terms.problems())
    if any(p.severity == "error" for p in problems):
        return None, problems
    files = images or {}
    planned, photos = _profiles(config, profiles, terms, articles, files, problems)
    site = _pages(config, articles, terms, now, files, planned, last, by_line, problems)
    if site is None:
        return None, problems
    site = replace(site[0], held=tuple(held), images=photos), site[1]
    plan = Plan(site[0], tuple(problems), by_source, terms, site[1], (drafts, future), lines, outputs)
    return plan, problems


def _terms(
    config: SiteConfig,
    last: Plan | None,
    articles: tuple[Article, ...],
    by_source: dict[str, Article],
    by_line: dict[str, dict[str, int]],
) -> Terms:
    """The terms: those the changed articles are or were filed under collected anew."""
    if last is None:
        return collect_all(config, articles, by_line)
    return update(config, last.terms, articles, _changed(last.published, by_source), by_line)


def _profiles(
    config: SiteConfig,
    profiles: tuple[EditorProfile, ...],
    terms: Terms,
    articles: tuple[Article, ...],
    files: Mapping[str, ImageFile],
    problems: list[Diagnostic],
) -> tuple[dict[str, Profile], tuple[ImageFile, ...]]:
    """The editors' profiles as planned (their problems into ``problems``), and the photos the
    articles and profiles show, as gather makes them."""
    editors = {t.slug for t in terms.terms if t.kind == "editor"}
    planned, profile_problems = plan_profiles(config, profiles, editors, files)
    problems.extend(profile_problems)
    return planned, shown_photos([*articles, *(p for p in profiles if p.slug in editors)], files)


def _pages(
    config: SiteConfig,
    articles: tuple[Article, ...],
    terms: Terms,
    now: dt.datetime,
    files: Mapping[str, ImageFile],
    profiles: Mapping[str, Profile],
    last: Plan | None,
    by_line: dict[str, dict[str, int]],
    problems: list[Diagnostic],
) -> tuple[Site, Kept] | None:
    """The pages (their problems into ``problems``), as gather plans them; None on errors."""
    kept = last.kept if last else Kept()
    lists = _Sources(kept.lists)
    known = last.site.related if last else None
    chosen = choose(articles, terms.terms, config.related_count, known, lists)
    planner = Replanner(config, articles, list(terms.terms), chosen.choice, files, now, profiles, kept)
    planner.kept.lists = lists.made
    pages = planner.plan()
    paths = [page.path for page in pages]
    if paths != kept.paths:  # (the same pages on the same paths as the last plan's: no clash)
        problems.extend(pages_over_articles(pages, by_line, {t.path: t for t in terms.terms}))
    planner.kept.paths = paths
    aliases = _aliases(config, articles, kept.pages, planner.kept)
    problems.extend(alias_problems(pages, aliases, by_line))
    pages += tuple(r.page for r in aliases if r.page is not None)
    if any(p.severity == "error" for p in problems):
        return None
    return Site(config, articles, terms.terms, pages, (), now, chosen, (), profiles), planner.kept


class _Sources:
    """A term's articles' sources, the last plan's for the same term (related.choose)."""

    def __init__(self, before: dict[str, tuple[Term, tuple[str, ...]]]) -> None:
        self.before = before
        self.made: dict[str, tuple[Term, tuple[str, ...]]] = {}

    def __call__(self, term: Term) -> tuple[str, ...]:
        hit = self.before.get(term.path)
        if hit is None or hit[0] is not term:
            hit = (term, tuple(a.source for a in term.articles))
        self.made[term.path] = hit
        return hit[1]


def _lines(results: list[ReadResult], last: Plan | None) -> dict[str, tuple[ReadResult, dict[str, int]]]:
    """Each source's front-matter lines (for the problems), made again for changed results only."""
    known = last.lines if last is not None else {}
    lines = {}
    for result in results:
        hit = known.get(result.source)
        lines[result.source] = hit if hit is not None and hit[0] is result else (result, dict(result.lines))
    return lines


def _changed(before: Mapping[str, Article], now: Mapping[str, Article]) -> list[Article]:
    """The articles that changed, joined or left: the old objects and the new."""
    gone = [a for s, a in before.items() if now.get(s) is not a]
    came = [a for s, a in now.items() if before.get(s) is not a]
    return gone + came


def _aliases(
    config: SiteConfig, articles: tuple[Article, ...], before: Mapping[str, Page], kept: Kept
) -> list[Redirect]:
    """The aliases' redirects, each page the last plan's when it is the same."""
    found = redirects(config, articles)
    result = []
    for redirect in found:
        page = redirect.page
        if page is not None:
            old = before.get(page.path)
            if old is not None and old.template == page.template and old.context == page.context:
                page = old
            kept.pages[page.path] = page
        result.append(Redirect(redirect.alias, redirect.article, page))
    return result
