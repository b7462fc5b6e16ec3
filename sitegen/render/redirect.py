"""Where an article's old paths (its ``aliases``) lead: a redirect page per path, written by
code rather than a layout so that every site's layouts serve it, and the redirect maps of
hosts that can answer with a 301 (``_redirects`` for Netlify and Cloudflare Pages, an nginx
``map``), which also carry the query aliases (``/?p=123``) no static file can answer.

Every value in the page is escaped; the maps hold only percent-encoded paths (read.aliases)
and URLs made of the base URL and slugs, so no value can break their syntax.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from sitegen.config import SiteConfig
from sitegen.plan.model import RedirectContext
from sitegen.plan.redirects import redirects
from sitegen.read.aliases import wire
from sitegen.read.articles import Article
from sitegen.util.urls import absolute_url

NETLIFY = "_redirects"
NGINX = "redirects.nginx.map"

# the visible words of a redirect page, by the site's language (English otherwise)
_MOVED = {"id": "Berita ini telah pindah ke"}
_MOVED_DEFAULT = "This story has moved to"


def redirect_page(context: RedirectContext) -> str:
    """An HTML5 page that sends the browser on to the article at once, and says where."""
    config = context["site"]
    url = html.escape(absolute_url(config.base_url, context["target"]))
    title = html.escape(context["title"])
    language = config.language or "id"
    moved = _MOVED.get(language.split("-")[0].lower(), _MOVED_DEFAULT)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f'<link rel="canonical" href="{url}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>{moved} <a href="{url}">{title}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def redirect_files(config: SiteConfig, articles: Iterable[Article]) -> dict[str, str]:
    """``_redirects`` and ``redirects.nginx.map`` when an article has aliases, else nothing.
    Sorted by old path, so the same aliases give the same bytes."""
    moves = sorted({(wire(r.alias), r.article.path) for r in redirects(config, articles)})
    if not moves:
        return {}
    return {NETLIFY: netlify(config, moves), NGINX: nginx(config, moves)}


def netlify(config: SiteConfig, moves: list[tuple[str, str]]) -> str:
    """Netlify's (and Cloudflare Pages') ``_redirects``: a query alias as ``/ p=123 /new/ 301``."""
    base = config.base_path
    lines = ["# sitegen: the articles' aliases, each sent on to the article's page"]
    for old, new in moves:
        path, _, query = old.partition("?")
        source = " ".join([base + path.lstrip("/"), *query.split("&")]) if query else base + path.lstrip("/")
        lines.append(f"{source} {base}{new.lstrip('/')} 301")
    return "\n".join(lines) + "\n"


def nginx(config: SiteConfig, moves: list[tuple[str, str]]) -> str:
    """An nginx ``map`` of ``$request_uri`` (path and query, as the browser sent them)."""
    base = config.base_path
    lines = [
        "# sitegen: the articles' aliases. Include this file in the http block and add to the",
        "# server block:",
        "#     if ($sitegen_redirect) { return 301 $sitegen_redirect; }",
        "map $request_uri $sitegen_redirect {",
        '    default "";',
    ]
    for old, new in moves:
        lines.append(f'    "{base}{old.lstrip("/")}" "{absolute_url(config.base_url, new)}";')
    lines.append("}")
    return "\n".join(lines) + "\n"
