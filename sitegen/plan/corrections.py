"""``/ralat/``: every corrected story, newest correction first, and the feed of corrections.

What a story shows of its corrections is what is published at the build's moment
(read.corrections.shown): one dated later is held back, as a scheduled article is. Its
page's ``lastmod`` in the sitemap and its JSON-LD ``dateModified`` take the newest of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sitegen.config import SiteConfig
from sitegen.plan.model import (
    CORRECTIONS_FEED,
    Card,
    CorrectionFeedContext,
    CorrectionsContext,
    Page,
    PlainContext,
    paginate,
)
from sitegen.read.articles import Article
from sitegen.read.corrections import Correction, shown

PATH = "/ralat/"

FEED_PATH = "/ralat/feed.xml"

TITLE = "Ralat"


def last_modified(article: Article, now: dt.datetime) -> dt.datetime:
    """When the story last changed: ``updated`` (else its date), or its newest correction."""
    changed = article.updated or article.date
    published = shown(article.corrections, now)
    return max(changed, published[-1].date) if published else changed


def corrected(articles: tuple[Article, ...], now: dt.datetime) -> list[tuple[Article, tuple[Correction, ...]]]:
    """The stories with a published correction, newest correction first (then newest story)."""
    found = [(article, shown(article.corrections, now)) for article in articles if article.corrections]
    found = [(article, corrections) for article, corrections in found if corrections]
    return sorted(found, key=lambda pair: (pair[1][-1].date, pair[0].date, pair[0].path), reverse=True)


def correction_pages(
    config: SiteConfig,
    articles: tuple[Article, ...],
    cards: Mapping[str, Card],
    common: PlainContext,
    now: dt.datetime,
) -> list[Page]:
    """The pages of /ralat/ and its feed; none while no story has a published correction."""
    stories = corrected(articles, now)
    if not stories:
        return []
    by_path = {article.path: tuple(reversed(corrections)) for article, corrections in stories}
    pages = []
    for pager in paginate(tuple(cards[article.path] for article, _ in stories), config.page_size, PATH):
        of_page = tuple(by_path[card.path] for card in pager.items)
        context: CorrectionsContext = {**common, "feed_path": FEED_PATH, "pager": pager, "corrections": of_page}
        pages.append(Page(pager.path, "ralat.html", context, modified=max(c[0].date for c in of_page)))
    items = [(cards[article.path], correction) for article, corrections in stories for correction in corrections]
    items.sort(key=lambda item: (item[1].date, item[0].path, item[1].number), reverse=True)
    feed: CorrectionFeedContext = {
        "site": config,
        "title": f"{TITLE} – {config.title}",
        "page_path": PATH,
        "items": tuple(items[: config.feed_size]),
    }
    pages.append(Page(FEED_PATH, CORRECTIONS_FEED, feed, in_sitemap=False))
    return pages
