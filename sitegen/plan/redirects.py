"""The pages of articles' ``aliases``: one redirect page per old path a static file can answer.

An alias must never hide a page or another alias: two outputs on one file (as a
case-insensitive or normalizing disk sees it), or a file where another output needs a
folder, would silently lose one of them. Each such alias is an error at the ``aliases`` line
of its article. Query aliases (``/?p=123``) have no page; two articles claiming one is an
error too (the redirect maps could send it to one only).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple, cast

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error
from sitegen.i18n import Message, msg
from sitegen.plan.model import REDIRECT, Page, RedirectContext
from sitegen.read.aliases import is_query, page_path, wire
from sitegen.read.articles import Article
from sitegen.util.urls import same_file

# files the build writes at the output root besides the pages (write.writer.extra_files, the
# output's marker); an alias needing a folder of that name would clash with the file
ROOT_FILES = frozenset(
    {"sitemap.xml", "sitemap-news.xml", "robots.txt", "_redirects", "redirects.nginx.map", ".sitegen-output"}
)
_SITEMAP_PART = re.compile(r"sitemap-[0-9]+\.xml")


class Redirect(NamedTuple):
    alias: str  # as the article writes it
    article: Article
    page: Page | None  # None for a query alias


def redirects(config: SiteConfig, articles: Iterable[Article]) -> list[Redirect]:
    """Every alias of the published articles, with its redirect page (path aliases only).
    An alias that is the article's own URL is left out: the page is there already (an
    importer records the old URL even when it is unchanged, so a later move keeps it), and
    a redirect to itself would never end."""
    found = []
    for article in articles:
        if not article.aliases:
            continue
        context: RedirectContext = {"site": config, "title": article.title, "target": article.path}
        own = same_file(article.output_file)
        for alias in article.aliases:
            page = None if is_query(alias) else Page(page_path(alias), REDIRECT, context, in_sitemap=False)
            if page is None or same_file(page.output_file) != own:
                found.append(Redirect(alias, article, page))
    return found


def alias_problems(pages: Iterable[Page], found: list[Redirect], lines: dict[str, dict[str, int]]) -> list[Diagnostic]:
    """An error at the ``aliases`` line for each alias whose output clashes with another's."""
    if not found:
        return []
    pages = tuple(pages)
    owners: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        owners[same_file(page.output_file)].append(page)
    by_page = {id(r.page): r for r in found if r.page is not None}
    for redirect in found:
        if redirect.page is not None:
            owners[same_file(redirect.page.output_file)].append(redirect.page)
    folders = {key[:end] for key in owners for end in _slashes(key)}
    problems = []
    for redirect in found:
        line = lines.get(redirect.article.source, {}).get("aliases", 1)
        why = _clash(redirect, owners, by_page) if redirect.page is not None else None
        why = why or _folder_clash(redirect, owners, folders)
        if why:
            problems.append(
                error(redirect.article.source, line, msg("alias {alias} {why}", alias=redirect.alias, why=why))
            )
    problems.extend(_query_clashes(found, lines))
    return sorted(set(problems))


def _clash(redirect: Redirect, owners: dict[str, list[Page]], by_page: dict[int, Redirect]) -> Message | None:
    """What else is written to the file of the alias's page, or None."""
    page = cast(Page, redirect.page)
    others = [o for o in owners[same_file(page.output_file)] if o is not page]
    if not others:
        return None
    whats = [_describe(o, redirect.article, by_page) for o in others]
    what = whats[0]
    for more in whats[1:]:
        what = msg("{first}, {second}", first=what, second=more)
    return msg("is also the URL of {what}", what=what)


def _describe(page: Page, article: Article, by_page: dict[int, Redirect]) -> Message:
    other = by_page.get(id(page))
    if other is not None:
        if other.article is article:
            return msg("another of its aliases")
        return msg("an alias of {source}", source=other.article.source)
    if page.article is article:
        return msg("the article's own page")
    if page.article is not None:
        return msg("the article {source}", source=page.article.source)
    return msg("a page sitegen makes ({path})", path=page.path)


def _folder_clash(redirect: Redirect, owners: dict[str, list[Page]], folders: set[str]) -> Message | None:
    """A file where the alias's page needs a folder, or a folder of other pages where it
    would be a file."""
    if redirect.page is None:
        return None
    output = redirect.page.output_file
    parts = output.split("/")
    for end in range(1, len(parts)):
        folder = "/".join(parts[:end])
        if same_file(folder) in owners or folder in ROOT_FILES or _SITEMAP_PART.fullmatch(folder):
            return msg("needs a folder {folder}/ where the site has a file {folder}", folder=folder)
    if same_file(output) in folders:
        return msg("would be a file {output} where the site has a folder of pages", output=output)
    return None


def _slashes(path: str) -> list[int]:
    return [i for i, c in enumerate(path) if c == "/"]


def _query_clashes(found: list[Redirect], lines: dict[str, dict[str, int]]) -> list[Diagnostic]:
    """Two articles with one query alias: a redirect map can send it to one of them only."""
    claims: dict[str, list[Redirect]] = defaultdict(list)
    for redirect in found:
        if redirect.page is None:
            claims[wire(redirect.alias)].append(redirect)
    problems = []
    for same in claims.values():
        for redirect in same:
            others = sorted({o.article.source for o in same if o.article is not redirect.article})
            if others:
                line = lines.get(redirect.article.source, {}).get("aliases", 1)
                message = msg(
                    "alias {alias} is also an alias of {others}", alias=redirect.alias, others=", ".join(others)
                )
                problems.append(error(redirect.article.source, line, message))
    return problems
