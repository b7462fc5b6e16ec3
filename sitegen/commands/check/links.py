"""Links and images of the rendered pages: every one inside the site must lead to a page or
file of the built site (``#anchors`` to an element of the target page), and images need alt
text.

A problem in an article body is reported at the Markdown line that holds the link; one in a
layout at the layout (and its line, when the link is written there literally), once for all
the pages it is on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from sitegen.commands.check.sources import Source
from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, Report, error
from sitegen.i18n import Message, msg
from sitegen.plan.model import Site
from sitegen.read.articles import Article
from sitegen.read.image_refs import no_alt
from sitegen.render.environment import LAYOUTS_DIR
from sitegen.util.urls import absolute_url

# Links that never lead into the site, whatever page they are on.
_OTHER_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")


@dataclass(frozen=True)
class Ref:
    """One ``href`` or ``src`` of a page; for an image also its alt text (None: no alt)."""

    tag: str
    attribute: str
    value: str
    alt: str | None = None

    def key(self) -> tuple[str, str, str, str]:
        return (self.value, self.tag, self.attribute, self.alt or "")

    @property
    def what(self) -> Message:
        return msg("image") if self.tag == "img" else msg("link")


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[Ref] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for attribute in ("href", "src"):
            value = values.get(attribute)
            if value is not None:
                alt = values.get("alt") if tag == "img" else None
                self.refs.append(Ref(tag, attribute, value.strip(), alt))


def scan(html: str) -> tuple[set[str], list[Ref]]:
    """The element ids and the links of an HTML page or fragment."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.ids, scanner.refs


class Resolver:
    """Where a link leads in the built site, and what is wrong with it."""

    def __init__(self, config: SiteConfig, files: set[str], ids: dict[str, set[str]], held: dict[str, Message]) -> None:
        self.base_url = config.base_url
        base = urlsplit(config.base_url)
        self.host = base.netloc.lower()
        self.base_path = base.path
        self.files = files  # every output file: pages, feeds, sitemaps, assets
        self.ids = ids  # output file of each HTML page → its element ids
        self.held = held  # output file of each held article → what to call it
        self.checked = 0

    def site_path(self, page_path: str, value: str) -> str:
        """The link as a layout writes it before ``|url``: ``/portal/tag/x/#a`` → ``/tag/x/#a``."""
        parts = urlsplit(urljoin(absolute_url(self.base_url, page_path), value))
        path = "/" + parts.path.removeprefix(self.base_path)
        return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")

    def problem(self, page_path: str, ref: Ref, held_ok: bool = False) -> Message | None:
        value = ref.value
        if value.lower().startswith(_OTHER_SCHEMES):
            return None
        parts = urlsplit(urljoin(absolute_url(self.base_url, page_path), value))
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.host:
            return None
        if not parts.path.startswith(self.base_path):
            if value.startswith("/") and not value.startswith("//"):
                return msg(
                    "{what} '{value}' is outside the site: links into it start with {base}",
                    what=ref.what,
                    value=value,
                    base=self.base_path,
                )
            return None  # another site on the same host
        self.checked += 1
        return self._inside(ref, parts, held_ok)

    def _inside(self, ref: Ref, parts: SplitResult, held_ok: bool) -> Message | None:
        """What is wrong with a link into the site, which ``parts`` is the absolute URL of."""
        value = ref.value
        relative = unquote(parts.path[len(self.base_path) :])
        # a relative link is named with the path it resolves to: 'foto.jpg' means /2023/12/x/foto.jpg
        shown = f"'{value}'" if value.startswith(("/", "#", "http:", "https:")) else f"'{value}' (/{relative})"
        target = relative + "index.html" if relative == "" or relative.endswith("/") else relative
        if target not in self.files and target + "/index.html" in self.files:
            target += "/index.html"  # servers redirect /x to /x/
        if target not in self.files:
            if target in self.held and not held_ok:
                held = self.held[target]
                return msg(
                    "{what} {shown} leads to {held}: it is not on the site yet", what=ref.what, shown=shown, held=held
                )
            if target not in self.held:
                return msg("{what} {shown} leads to no page or file of the site", what=ref.what, shown=shown)
            return None
        fragment = unquote(parts.fragment)
        if fragment and target in self.ids and fragment not in self.ids[target]:
            on = "/" + target.removesuffix("index.html")
            return msg(
                "{what} {shown}: there is no id '{fragment}' on {on}",
                what=ref.what,
                shown=shown,
                fragment=fragment,
                on=on,
            )
        return None


def _missing_alt(ref: Ref, decorative_ok: bool) -> bool:
    if ref.tag != "img" or ref.attribute != "src":
        return False
    return ref.alt is None or (not decorative_ok and not ref.alt.strip())


class _Layouts:
    """Finds the layout line a link is written on, when it is written there literally."""

    def __init__(self, site_dir: Path) -> None:
        root = site_dir / LAYOUTS_DIR
        self.files = {
            f"{LAYOUTS_DIR}/{path.relative_to(root).as_posix()}": path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    def find(self, values: Iterable[str]) -> tuple[str, int] | None:
        for value in values:
            for quoted in (f'"{value}"', f"'{value}'"):
                for name, text in self.files.items():
                    at = text.find(quoted)
                    if at >= 0:
                        return name, text.count("\n", 0, at) + 1
        return None


# A problem of a layout: (the page's template, the link, the message) → the pages it is on.
_InLayouts = dict[tuple[str, str, Message], list[str]]


def check_links(
    site_dir: Path,
    config: SiteConfig,
    site: Site,
    rendered: dict[str, tuple[str, str]],
    files: set[str],
    sources: dict[str, Source],
    report: Report,
) -> int:
    """Reports the links and images of the rendered pages (output file → (page path, HTML)) that
    lead nowhere in ``files``; returns how many links into the site were followed."""
    held = {
        h.article.output_file: msg("{source}, a draft", source=h.article.source)
        if h.reason == "draft"
        else msg("{source}, scheduled for later", source=h.article.source)
        for h in site.held
    }
    scanned = {output: scan(html) for output, (_, html) in rendered.items()}
    resolver = Resolver(config, files, {output: ids for output, (ids, _) in scanned.items()}, held)
    in_layouts = _check_pages(
        site, rendered, {output: refs for output, (_, refs) in scanned.items()}, sources, resolver, report
    )
    for held_article in site.held:
        body = _check_body(held_article.article, sources.get(held_article.article.source), resolver, held_ok=True)
        report.extend(body.problems)
    _report_layouts(site_dir, in_layouts, resolver, report)
    return resolver.checked


def _check_pages(
    site: Site,
    rendered: dict[str, tuple[str, str]],
    page_refs: dict[str, list[Ref]],
    sources: dict[str, Source],
    resolver: Resolver,
    report: Report,
) -> _InLayouts:
    """Reports the problems of article bodies; returns those of the layouts, to report once."""
    articles = {a.output_file: a for a in site.articles}
    templates = {page.output_file: page.template for page in site.pages}
    in_layouts: _InLayouts = defaultdict(list)
    for output, (page_path, _) in rendered.items():
        refs = Counter(page_refs[output])
        article = articles.get(output)
        if article is not None:
            body = _check_body(article, sources.get(article.source), resolver)
            report.extend(body.problems)
            refs -= Counter(body.refs)
        for ref in sorted(refs, key=Ref.key):
            message = resolver.problem(page_path, ref)
            if message is None and _missing_alt(ref, decorative_ok=True):
                message = msg("image '{src}' has no alt attribute (alt=\"\" marks a decorative one)", src=ref.value)
            if message is not None:
                in_layouts[(templates[output], ref.value, message)].append(page_path)
    return in_layouts


def _report_layouts(site_dir: Path, in_layouts: _InLayouts, resolver: Resolver, report: Report) -> None:
    """Each layout problem once, at the layout line that writes the link when one does."""
    # the layout a link is written in is often not the page's own (base.html, macros)
    finder = _Layouts(site_dir)
    by_place: dict[tuple[str, int | None, Message], set[str]] = defaultdict(set)
    for (template, value, message), pages in in_layouts.items():
        found = finder.find([value, resolver.site_path(pages[0], value)])
        path, line = found if found else (f"{LAYOUTS_DIR}/{template}", None)
        by_place[(path, line, message)].update(pages)
    for (path, line, message), on in by_place.items():
        first = min(on)
        where = (
            msg("on {page}", page=first)
            if len(on) == 1
            else msg("on {count} pages, e.g. {page}", count=len(on), page=first)
        )
        report.add(error(path, line, msg("{problem} ({where})", problem=message, where=where)))


@dataclass
class _Body:
    refs: list[Ref]
    problems: list[Diagnostic]


def _check_body(article: Article, source: Source | None, resolver: Resolver, held_ok: bool = False) -> _Body:
    """The links and images an editor wrote in one article, reported at their lines."""
    _, refs = scan(article.body_html)
    photos = {image.src for image in article.images}  # files the build already found (or reported)
    problems = []
    unique = sorted(set(refs), key=Ref.key)
    lines = source.lines_of(ref.value for ref in unique) if source else {}
    for ref in unique:
        line = lines.get(ref.value)
        local_photo = ref.tag == "img" and ref.value in photos
        message = None if local_photo else resolver.problem(article.path, ref, held_ok)
        if message is not None:
            problems.append(error(article.source, line, message))
        if _missing_alt(ref, decorative_ok=False):
            problems.append(error(article.source, line, no_alt(ref.value)))
    return _Body(refs, problems)
