"""Two things on one URL would silently lose one of them: the planner's checks that none is."""

from __future__ import annotations

from collections import defaultdict
from typing import cast

from sitegen.errors import Diagnostic, error
from sitegen.i18n import Message, msg
from sitegen.plan.model import ListContext, Page
from sitegen.plan.taxonomy import Term
from sitegen.read.articles import Article
from sitegen.util.urls import same_file


def duplicate_paths(articles: list[Article], lines: dict[str, dict[str, int]]) -> list[Diagnostic]:
    by_file: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        # case and Unicode normalization differences still land on one file on many disks
        by_file[same_file(article.output_file)].append(article)
    problems = []
    for same in by_file.values():
        if len(same) < 2:
            continue
        for article in same:
            others = ", ".join(o.source for o in same if o is not article)
            line = lines[article.source].get("slug", 1)
            also = msg("the URL {path} is also the URL of {others}", path=article.path, others=others)
            problems.append(error(article.source, line, also))
    return problems


_TERM_WORDS = {
    "tag": (msg("tag '{name}' has the URL {path} of a list page"), "tags"),
    "location": (msg("place '{name}' has the URL {path} of a list page"), "location"),
    "editor": (msg("editor '{name}' has the URL {path} of a list page"), "editor"),
}


def pages_over_articles(
    pages: tuple[Page, ...], lines: dict[str, dict[str, int]], terms: dict[str, Term]
) -> list[Diagnostic]:
    """Two pages on one URL would silently lose one of them. An article whose URL is also a
    page sitegen makes (``permalink: /{slug}/`` and a file named ``tag.md``) is an error on
    the article; a tag, place or editor whose page lands on another list's page (a village
    "2" in a district "Page": ``/lokasi/kabupaten-alor/page/2/``) is an error on the
    articles that name it."""
    owners: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        owners[same_file(page.output_file)].append(page)
    problems = []
    for same in owners.values():
        if len(same) < 2:
            continue
        for page in same:
            others = [o for o in same if o is not page]
            article = page.article
            if article is not None:
                line = lines.get(article.source, {}).get("slug", 1)
                taken = ", ".join(o.path for o in others)
                message = msg(
                    "the URL {path} is taken by a page sitegen makes ({taken})", path=article.path, taken=taken
                )
                problems.append(error(article.source, line, message))
            elif any(o.path == page.path for o in others):
                problems.extend(_term_over_page(page, lines, terms))
    return sorted(set(problems))


def _term_over_page(page: Page, lines: dict[str, dict[str, int]], terms: dict[str, Term]) -> list[Diagnostic]:
    """An error on each article filed under the term of ``page``, if it is the first page of
    a tag's, place's or editor's list: its URL is that of another page."""
    if page.template != "list.html" or cast(ListContext, page.context)["listing"].path != page.path:
        return []
    term = terms.get(page.path)
    if term is None or term.kind not in _TERM_WORDS:
        return []
    words, key = _TERM_WORDS[term.kind]
    message = Message(words.text, (("name", term.name), ("path", term.path)))
    return [error(named.source, lines.get(named.source, {}).get(key, 1), message) for named in term.articles]
