"""RSS 2.0, the sitemap and robots.txt: XML written by code, always well-formed.

Characters XML 1.0 forbids are removed from every text, and HTML goes into
``content:encoded`` as escaped text (so no CDATA section can be ended early).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from sitegen.config import SiteConfig
from sitegen.plan import photos as images
from sitegen.plan.model import Card, FeedContext
from sitegen.read.articles import Article
from sitegen.read.sanitize import absolutize
from sitegen.render import picture as markup_of
from sitegen.util.dates import iso, rfc822
from sitegen.util.urls import absolute_url

MEDIA_RSS = "http://search.yahoo.com/mrss/"  # media:content, the featured photo of a full-text item

# The theme's XSLT stylesheet (assets/feed.xsl): when a site has one, every feed and sitemap
# names it, so a browser shows a reader a page rather than raw XML. Feed readers ignore it.
FEED_STYLESHEET = "feed.xsl"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# xml.sax.saxutils's escape and quoteattr, to the byte: importing that module would slow every
# build's start (it imports urllib.request, and with it http, email and ssl).


def xml_text(value: str) -> str:
    return _escape(_NOT_XML.sub("", value))


def xml_attr(value: str) -> str:
    data = _escape(_NOT_XML.sub("", value)).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def absolute(config: SiteConfig, path: str) -> str:
    """A site path as an absolute URL (``base_url`` always ends with ``/``)."""
    return absolute_url(config.base_url, path)


def rss_page(context: FeedContext, feed_path: str, stylesheet: str | None = None) -> str:
    """A feed planned as a page: the site feed carries full text, a list's feed summaries."""
    return rss(
        context["site"],
        context["items"],
        feed_path,
        context["page_path"],
        context["title"],
        context["bodies"],
        context["pictures"],
        stylesheet,
    )


def channel_head(config: SiteConfig, title: str, page_path: str, feed_url: str, description: str) -> list[str]:
    """A channel's opening elements, every feed's the same: title, link, description,
    language, its own address (atom:link) and the generator."""
    return [
        "<channel>",
        f"<title>{xml_text(title)}</title>",
        f"<link>{xml_text(absolute(config, page_path))}</link>",
        f"<description>{xml_text(description)}</description>",
        f"<language>{xml_text(config.language)}</language>",
        f'<atom:link href={xml_attr(feed_url)} rel="self" type="application/rss+xml"/>',
        "<generator>sitegen</generator>",
    ]


def prolog(stylesheet: str | None) -> list[str]:
    """The XML declaration, and the processing instruction naming the XSLT stylesheet (a site
    path, on the site's own host: a browser applies none from another origin)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    if stylesheet is not None:
        href = xml_text(stylesheet).replace('"', "&quot;")
        out.append(f'<?xml-stylesheet type="text/xsl" href="{href}"?>')
    return out


def rss(
    config: SiteConfig,
    items: Sequence[Card],
    feed_path: str,
    page_path: str,
    title: str,
    bodies: Sequence[Article] | None = None,
    pictures: Sequence[images.Pictures] | None = None,
    stylesheet: str | None = None,
) -> str:
    """RSS 2.0 of ``items``; with ``bodies`` (the same articles) each item's full text too, its
    photos as plain ``<img>`` with absolute URLs, and the featured one as ``media:content``.
    ``stylesheet``: the site path of the XSLT page browsers show (see FEED_STYLESHEET)."""
    entries = list(items)[: config.feed_size]
    feed_url = absolute(config, feed_path)
    # The channel's date is that of its newest item, never the clock: same input, same bytes.
    newest = max((a.updated or a.date for a in entries), default=None)
    out = [
        *prolog(stylesheet),
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        + (f' xmlns:media="{MEDIA_RSS}">' if pictures and any(p.featured for p in pictures) else ">"),
        *channel_head(config, title, page_path, feed_url, config.description or title),
    ]
    if newest is not None:
        out.append(f"<lastBuildDate>{rfc822(newest)}</lastBuildDate>")
    for number, entry in enumerate(entries):
        link = absolute(config, entry.path)
        out += [
            "<item>",
            f"<title>{xml_text(entry.title)}</title>",
            f"<link>{xml_text(link)}</link>",
            f'<guid isPermaLink="true">{xml_text(link)}</guid>',
            f"<pubDate>{rfc822(entry.date)}</pubDate>",
            f"<dc:creator>{xml_text(entry.editor)}</dc:creator>",
            *(f"<category>{xml_text(tag)}</category>" for tag in entry.tags),
            f"<description>{xml_text(entry.summary)}</description>",
        ]
        if bodies is not None:
            shown = pictures[number] if pictures else images.NO_PICTURES
            body = _with_photos(config, bodies[number].body_with_dateline(config.title), shown)
            out.append(f"<content:encoded>{xml_text(absolutize(body, link))}</content:encoded>")
            if shown.featured is not None:
                largest = shown.featured.largest
                out.append(
                    f'<media:content url={xml_attr(absolute(config, largest.path))} type="image/jpeg"'
                    f' medium="image" width="{largest.width}" height="{largest.height}"/>'
                )
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def _with_photos(config: SiteConfig, body: str, shown: images.Pictures) -> str:
    """A body for feed readers: each photo one plain JPEG (readers know no ``<picture>``), the
    featured photo with its caption first."""

    def url(path: str) -> str:
        return absolute(config, path)

    body = markup_of.rewrite(
        body, shown.body, lambda info, attributes: markup_of.plain_img(info, url, attributes.get("alt"))
    )
    featured = shown.featured
    if featured is None:
        return body
    parts = [html.escape(featured.caption)] if featured.caption else []
    if featured.credit:
        parts.append(f"(Foto: {html.escape(featured.credit)})")
    caption = f"<figcaption>{' '.join(parts)}</figcaption>" if parts else ""
    return f"<figure>{markup_of.plain_img(featured, url)}{caption}</figure>\n{body}"


SITEMAP_LIMIT = 50_000  # URLs in one sitemap file, by the sitemaps.org protocol

NEWS_WINDOW = dt.timedelta(hours=48)  # Google News takes articles of the last two days


def sitemaps(
    config: SiteConfig, entries: list[tuple[str, dt.datetime | None]], stylesheet: str | None = None
) -> dict[str, str]:
    """``sitemap.xml``, or past 50,000 URLs an index of ``sitemap-N.xml`` files."""
    if len(entries) <= SITEMAP_LIMIT:
        return {"sitemap.xml": _urlset(config, entries, stylesheet)}
    files = {}
    parts = [entries[i : i + SITEMAP_LIMIT] for i in range(0, len(entries), SITEMAP_LIMIT)]
    index = [
        *prolog(stylesheet),
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for number, part in enumerate(parts, start=1):
        name = f"sitemap-{number}.xml"
        files[name] = _urlset(config, part, stylesheet)
        newest = max((m for _, m in part if m is not None), default=None)
        index.append("<sitemap>")
        index.append(f"<loc>{_loc(config, name)}</loc>")
        if newest is not None:
            index.append(f"<lastmod>{iso(newest)}</lastmod>")
        index.append("</sitemap>")
    index += ["</sitemapindex>", ""]
    files["sitemap.xml"] = "\n".join(index)
    return files


def _urlset(config: SiteConfig, entries: Iterable[tuple[str, dt.datetime | None]], stylesheet: str | None) -> str:
    out = [
        *prolog(stylesheet),
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, modified in entries:
        out.append("<url>")
        out.append(f"<loc>{_loc(config, path)}</loc>")
        if modified is not None:
            out.append(f"<lastmod>{iso(modified)}</lastmod>")
        out.append("</url>")
    out += ["</urlset>", ""]
    return "\n".join(out)


def news_sitemap(
    config: SiteConfig, articles: Iterable[Article], now: dt.datetime, stylesheet: str | None = None
) -> str:
    """A Google News sitemap: the articles of the last 48 hours before ``now``."""
    out = [
        *prolog(stylesheet),
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    publication = xml_text(config.publisher or config.title)
    for article in articles:
        if not now - NEWS_WINDOW <= article.date <= now:
            continue
        out += [
            "<url>",
            f"<loc>{_loc(config, article.path)}</loc>",
            "<news:news>",
            "<news:publication>",
            f"<news:name>{publication}</news:name>",
            f"<news:language>{xml_text(config.language)}</news:language>",
            "</news:publication>",
            f"<news:publication_date>{iso(article.date)}</news:publication_date>",
            f"<news:title>{xml_text(article.title)}</news:title>",
            "</news:news>",
            "</url>",
        ]
    out += ["</urlset>", ""]
    return "\n".join(out)


# What a URL's path may hold as it is: unreserved and reserved characters (RFC 3986)
_PLAIN_PATH = re.compile(r"[A-Za-z0-9\-._~/:@!$&'()*+,;=]*")


def _loc(config: SiteConfig, path: str) -> str:
    """A sitemap's address of a site path: sitemaps.org wants URLs escaped, so a path with a
    tag in another script or an accent is percent-encoded as UTF-8 (reserved characters kept)."""
    if not _PLAIN_PATH.fullmatch(path):
        path = quote(path, safe="/:@!$&'()*+,;=")
    return xml_text(absolute(config, path))


def robots(config: SiteConfig) -> str:
    return (
        "User-agent: *\nAllow: /\n" + ("" if config.cms is None else f"Disallow: {config.base_path}admin/\n") + "\n"
        f"Sitemap: {absolute(config, '/sitemap.xml')}\n"
        f"Sitemap: {absolute(config, '/sitemap-news.xml')}\n"
    )
