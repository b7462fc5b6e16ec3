"""``sitegen check --against``: no URL of the live site silently disappears.

The live ``sitemap.xml`` (fetched, or a file saved from it; a sitemap index is followed) lists
what readers and search engines know. Each of its URLs under the site's base URL must still
be served by the site about to be published: by a page, or by an alias's redirect. One that
would vanish is an error at the article that moved (found by the old URL's last segment: its
slug or its file's name), whose advice is the ``aliases:`` line that keeps the URL alive. A
live sitemap that cannot be read (a first deploy, the network down) is only a warning.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from http.client import HTTPException
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import SplitResult, unquote, urlsplit

from sitegen.commands.check.sources import Source
from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error, warning
from sitegen.i18n import msg, verbatim
from sitegen.plan.model import Site
from sitegen.plan.redirects import redirects
from sitegen.read.aliases import wire
from sitegen.read.articles import Article, output_file
from sitegen.util.slugs import slugify
from sitegen.util.urls import same_file

SITEMAP = "sitemap.xml"  # where a URL no article matches is reported
TIMEOUT = 30  # seconds for each request
MAX_BYTES = 64 * 1024 * 1024  # of one sitemap file: a full one (50,000 URLs) is far smaller
MAX_SITEMAPS = 1000  # children of a sitemap index that are read

_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class Unreadable(Exception):
    """A sitemap that could not be fetched, read or parsed: why."""


class Live(NamedTuple):
    urls: list[str]
    problems: list[Diagnostic]  # warnings: the parts of the live sitemap that could not be read


def check_against(
    source: str, config: SiteConfig, site: Site, extra: Iterable[str], sources: dict[str, Source]
) -> list[Diagnostic]:
    """The errors of the live URLs the new site would no longer serve; ``extra``: the files
    a build writes besides the pages (sitemaps, robots.txt)."""
    live = live_urls(source)
    served = {same_file(page.output_file) for page in site.pages} | {same_file(name) for name in extra}
    queries = {wire(r.alias) for r in redirects(config, site.articles) if r.page is None}
    base = urlsplit(config.base_url)
    problems = list(live.problems)
    for url in dict.fromkeys(live.urls):
        path = site_path(url, base)
        if path is not None and not _served(path, served, queries):
            problems.append(_vanished(url, path, site.articles, sources))
    return problems


def live_urls(source: str) -> Live:
    """Every URL of the live sitemap (and of the sitemaps an index lists)."""
    remote = source.startswith(("http://", "https://"))
    try:
        root = _parse(_fetch(source) if remote else _read(Path(source)))
    except Unreadable as exc:
        return Live(
            [],
            [
                warning(
                    SITEMAP,
                    None,
                    msg(
                        "the live sitemap {source} could not be read ({why}): no URL was compared",
                        source=source,
                        why=verbatim(str(exc)),
                    ),
                )
            ],
        )
    kind, locs = root
    if kind != "sitemapindex":
        return Live(locs, [])
    urls: list[str] = []
    problems = []
    for child in locs[:MAX_SITEMAPS]:
        try:
            child_kind, child_locs = _parse(_fetch_child(source, child) if remote else _beside(Path(source), child))
        except Unreadable as exc:
            problems.append(
                warning(
                    SITEMAP,
                    None,
                    msg(
                        "the live sitemap {source} could not be read ({why}): its URLs were not compared",
                        source=child,
                        why=verbatim(str(exc)),
                    ),
                )
            )
            continue
        if child_kind == "urlset":
            urls.extend(child_locs)
    return Live(urls, problems)


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "sitegen check"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise Unreadable(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
        raise Unreadable(str(getattr(exc, "reason", exc))) from exc
    if len(data) > MAX_BYTES:
        raise Unreadable(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def _fetch_child(index_url: str, url: str) -> bytes:
    """A sitemap an index lists: only on the index's own host (as the protocol requires)."""
    if (
        urlsplit(url).scheme not in ("http", "https")
        or urlsplit(url).netloc.lower() != urlsplit(index_url).netloc.lower()
    ):
        raise Unreadable("it is not on the host of the sitemap index")
    return _fetch(url)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Unreadable(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc)) from exc


def _beside(index: Path, url: str) -> bytes:
    """A sitemap an index lists, saved beside the index's file under its own file name."""
    name = unquote(PurePosixPath(urlsplit(url).path).name)
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise Unreadable("its URL names no file")
    return _read(index.parent / name)


def _parse(data: bytes) -> tuple[str, list[str]]:
    """The root's kind (``urlset`` or ``sitemapindex``) and its ``<loc>`` values."""
    if _DECLARATIONS.search(data[:4096]):
        raise Unreadable("a sitemap has no DOCTYPE or ENTITY declarations")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise Unreadable(f"not XML: {exc}") from exc
    kind = root.tag.rpartition("}")[2]
    if kind not in ("urlset", "sitemapindex"):
        raise Unreadable(f"not a sitemap: its root element is <{kind}>")
    locs = [(el.text or "").strip() for el in root.iter() if el.tag.rpartition("}")[2] == "loc"]
    return kind, [loc for loc in locs if loc]


def site_path(url: str, base: SplitResult) -> str | None:
    """The URL's path (and query) below the base URL, with a leading ``/``; None for a URL
    on another host or outside the base path."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != base.netloc.lower():
        return None
    path = parts.path or "/"
    if path + "/" == base.path:
        path = base.path
    if not path.startswith(base.path):
        return None
    relative = "/" + path[len(base.path) :]
    return relative + (f"?{parts.query}" if parts.query else "")


def _served(path: str, served: set[str], queries: set[str]) -> bool:
    if "?" in path:
        return wire(path) in queries
    decoded = unquote(path)
    candidates = [output_file(decoded)]
    if not decoded.endswith("/"):
        candidates.append(output_file(decoded + "/"))  # a static host serves /x as /x/
    return any(same_file(c) in served for c in candidates)


def _vanished(url: str, path: str, articles: Iterable[Article], sources: dict[str, Source]) -> Diagnostic:
    """The error of a live URL that would vanish, at the article that moved when one matches."""
    segment = unquote(path.partition("?")[0].rstrip("/").rpartition("/")[2])
    stem = re.sub(r"\.(html?|php)$", "", segment, flags=re.IGNORECASE)
    article = _moved(stem, articles) if stem else None
    if article is None:
        why = msg("no article has the slug or file name '{stem}'", stem=stem) if stem else msg("no article matches it")
        return error(
            SITEMAP,
            None,
            msg(
                "{url} of the live site would vanish: {why}; add its path to the "
                "aliases of the article that replaces it",
                url=url,
                why=why,
            ),
        )
    aliases = ", ".join([*article.aliases, path])
    source = sources.get(article.source)
    item = source.fields.get("slug") or source.fields.get("date") if source is not None else None
    message = msg(
        "{url} of the live site would vanish: the article moved to {path}; "
        "add 'aliases: [{aliases}]' to its front matter",
        url=url,
        path=article.path,
        aliases=aliases,
    )
    return error(article.source, item.line if item is not None else None, message)


def _moved(stem: str, articles: Iterable[Article]) -> Article | None:
    wanted = {stem.casefold(), slugify(stem)}
    return next(
        (a for a in articles if a.slug.casefold() in wanted or slugify(PurePosixPath(a.source).stem) in wanted), None
    )
