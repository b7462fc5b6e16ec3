"""RSS 2.0, the sitemap and robots.txt: XML written by code, always well-formed.

Characters XML 1.0 forbids are removed from every text, and HTML goes into
``content:encoded`` as escaped text (so no CDATA section can be ended early).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from sitegen.articles import Article
from sitegen.config import SiteConfig
from sitegen.dates import iso, rfc822
from sitegen.markup import absolutize

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def xml_attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def absolute(config: SiteConfig, path: str) -> str:
    """A site path as an absolute URL (``base_url`` always ends with ``/``)."""
    return config.base_url + path.lstrip("/")


def rss(
    config: SiteConfig,
    articles: Iterable[Article],
    feed_path: str,
    page_path: str,
    title: str,
    description: str,
) -> str:
    items = list(articles)[: config.feed_size]
    feed_url = absolute(config, feed_path)
    # The channel's date is that of its newest item, never the clock: same input, same bytes.
    newest = max((a.updated or a.date for a in items), default=None)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        f"<title>{xml_text(title)}</title>",
        f"<link>{xml_text(absolute(config, page_path))}</link>",
        f"<description>{xml_text(description or title)}</description>",
        f"<language>{xml_text(config.language)}</language>",
        f'<atom:link href={xml_attr(feed_url)} rel="self" type="application/rss+xml"/>',
        "<generator>sitegen</generator>",
    ]
    if newest is not None:
        out.append(f"<lastBuildDate>{rfc822(newest)}</lastBuildDate>")
    for article in items:
        link = absolute(config, article.path)
        body = article.body_with_dateline(config.title)
        out += [
            "<item>",
            f"<title>{xml_text(article.title)}</title>",
            f"<link>{xml_text(link)}</link>",
            f'<guid isPermaLink="true">{xml_text(link)}</guid>',
            f"<pubDate>{rfc822(article.date)}</pubDate>",
            f"<dc:creator>{xml_text(article.editor)}</dc:creator>",
            *(f"<category>{xml_text(tag)}</category>" for tag in article.tags),
            f"<description>{xml_text(article.summary)}</description>",
            f"<content:encoded>{xml_text(absolutize(body, link))}</content:encoded>",
            "</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def sitemap(config: SiteConfig, entries: Iterable[tuple[str, dt.datetime | None]]) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, modified in entries:
        out.append("<url>")
        out.append(f"<loc>{xml_text(absolute(config, path))}</loc>")
        if modified is not None:
            out.append(f"<lastmod>{iso(modified)}</lastmod>")
        out.append("</url>")
    out += ["</urlset>", ""]
    return "\n".join(out)


def robots(config: SiteConfig) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(config, '/sitemap.xml')}\n"
