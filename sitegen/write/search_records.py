"""What the search index holds of each published article, made from the plan, never from
the written pages.

A record is a small HTML document in Pagefind's own vocabulary: the title as the ``<h1>``
(Pagefind weights a page's ``h1`` seven times a word of text), the story's text as it was
read (not the page's dateline, date, photo or site chrome, so an excerpt shows the story and a
word of the site's name does not match every article), and, weighted half a word, the places
and topics, so a search for a village or a topic still finds the stories filed under it.
Filters (``lokasi``: the regency, the outermost place; ``topik``: every topic; ``tahun``: the
year), metadata (``title``, ``date``, ``image``) and a sort key (``tanggal``, UTC) come as
``<meta>`` elements.

Everything an editor wrote is escaped (the body was sanitized when it was read), and
three underscores in a row are split by a zero-width space, which Pagefind removes from words:
an article cannot smuggle in one of Pagefind's internal markers (``___PAGEFIND_WEIGHT___…``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from sitegen.config import SiteConfig
from sitegen.plan.model import Page, Site
from sitegen.util.dates import month_name

FILTER_PLACE = "lokasi"

FILTER_TOPIC = "topik"

FILTER_YEAR = "tahun"

SORT_DATE = "tanggal"

TERMS_WEIGHT = "0.5"  # places and topics: found, but below a word of the story


@dataclass(frozen=True)
class Record:
    url: str  # the page's path below the site's root; Pagefind's script adds the site's folder
    html: str
    filters: tuple[tuple[str, str], ...] = ()  # (filter, value), as the html has them


def indexed(page: Page, site: Site) -> bool:
    """A published article's page: never a draft or a scheduled article shown by a preview."""
    article = page.article
    return article is not None and not article.draft and article.date <= site.now


def records(site: Site, pages: dict[str, Page]) -> Iterator[Record]:
    """The record of every published article, in the order of their output files."""
    zone = ZoneInfo(site.config.timezone)
    for relative in sorted(pages):
        page = pages[relative]
        if indexed(page, site):
            yield record(page, site.config, zone)


def record(page: Page, config: SiteConfig, zone: ZoneInfo) -> Record:
    context = page.article_context
    article = context["article"]
    local = article.date.astimezone(zone)
    head = [
        _meta("data-pagefind-meta", "title", article.title),
        _meta("data-pagefind-meta", "date", f"{local.day} {month_name(local.year, local.month)}"),
    ]
    featured = context["featured"]
    if featured is not None:
        smallest = featured.of_format("jpeg")[0]
        head.append(_meta("data-pagefind-meta", "image", config.base_path + smallest.path.lstrip("/")))
        head.append(_meta("data-pagefind-meta", "image_alt", featured.alt))
    places = [link.name for link in context["places"]]  # outermost first
    topics = [link.name for link in context["tags"]]
    filters = [(FILTER_PLACE, places[0])] if places else []
    filters += [(FILTER_TOPIC, topic) for topic in topics]
    filters.append((FILTER_YEAR, str(local.year)))
    head += [_meta("data-pagefind-filter", name, value) for name, value in filters]
    utc = article.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    head.append(_meta("data-pagefind-sort", SORT_DATE, utc))
    terms = ", ".join(reversed(places)) + (". " if places and topics else "") + ", ".join(topics)
    parts = [
        f'<html lang="{escape(config.language or "id")}"><head>',
        *head,
        "</head><body><main data-pagefind-body>",
        f"<h1>{escape(article.title)}</h1>\n",
        article.body_html,
        f'\n<p data-pagefind-weight="{TERMS_WEIGHT}">{escape(terms)}</p>' if terms else "",
        "</main></body></html>",
    ]
    return Record(page.path, "".join(parts).replace("___", "_\u200b__"), tuple(filters))


def _meta(attribute: str, name: str, value: str) -> str:
    return f'<meta {attribute}="{name}[content]" content="{escape(value)}">'
