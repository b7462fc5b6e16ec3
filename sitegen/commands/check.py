"""``sitegen check``: every problem a build would report, and what only the whole site shows.

The check reads and gathers the site as a build does (:func:`sitegen.build.load`), compiles
the layouts and renders every page in memory; nothing is written, not even the build cache.
Then it looks at the rendered HTML: every link and image inside the site must lead to a
page or file of the built site (``#anchors`` to an element of the target page), images in
articles need alt text, placeholders left by ``sitegen new`` are errors, and tags one slip
of the keyboard apart are warnings.

A problem in an article body is reported at the Markdown line that holds the link; one in a
layout at the layout (and its line, when the link is written there literally).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import click

from sitegen.build import REQUIRED_LAYOUTS, BuildOptions, extra_files, load
from sitegen.commands.new import BODY_PLACEHOLDER, PLACEHOLDER
from sitegen.config import SiteConfig, load_config
from sitegen.errors import Diagnostic, Report, error, warning
from sitegen.plan.model import Site
from sitegen.read.articles import Article
from sitegen.read.files import ASSETS_DIR, CONTENT_DIR, find_files
from sitegen.read.frontmatter import split
from sitegen.render.environment import LAYOUTS_DIR, RenderError, check_layouts, make_environment, render_page
from sitegen.util.slugs import slugify
from sitegen.util.text import counted
from sitegen.util.urls import absolute_url
from sitegen.util.yamltext import Field, decode
from sitegen.write.assets import check_budget, publish_assets
from sitegen.write.variants import outputs

# Links that never lead into the site, whatever page they are on.
_OTHER_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")


# -- the sources as editors wrote them, for line numbers --------------------------------------


@dataclass(frozen=True)
class Source:
    """An article file's lines and front matter, to point at the line a problem is on."""

    path: str
    lines: tuple[str, ...]
    fields: dict[str, Field]
    body_line: int

    def line_of(self, link: str) -> int:
        """The first body line holding ``link`` as a whole (not ``/x/`` inside ``/portal/x/``),
        else holding it at all; the body's first line when none does."""
        whole = re.compile(rf"(?<![\w/.%-]){re.escape(link)}(?![\w/%#?-])")
        body = range(self.body_line, len(self.lines) + 1)
        for number in body:
            if whole.search(self.lines[number - 1]):
                return number
        return next((number for number in body if link in self.lines[number - 1]), self.body_line)


def read_sources(site_dir: Path, paths: Iterable[str]) -> dict[str, Source]:
    """Every article that has readable front matter (the others are reported by the build)."""
    sources = {}
    for path in paths:
        text, _ = decode(path, (site_dir / path).read_bytes())
        if text is None:
            continue
        document, _ = split(path, text)
        if document is not None:
            sources[path] = Source(path, tuple(text.split("\n")), document.fields, document.body_line)
    return sources


# -- placeholders and tags --------------------------------------------------------------------


def placeholders(source: Source) -> list[Diagnostic]:
    """What ``sitegen new`` left for the editor and the editor has not filled in yet."""
    problems = []
    for key, item in source.fields.items():
        values = item.value if isinstance(item.value, list) else [item.value]
        for value in values:
            if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
                problems.append(error(source.path, item.line, f"'{key}' is still a placeholder: '{value.strip()}'"))
    for number in range(source.body_line, len(source.lines) + 1):
        if BODY_PLACEHOLDER in source.lines[number - 1]:
            problems.append(error(source.path, number, f"the story is still the placeholder '{BODY_PLACEHOLDER}'"))
    return problems


def tags_of(source: Source) -> tuple[str, ...]:
    """The tags as the read stage takes them: a list, or one text split at commas."""
    item = source.fields.get("tags")
    values = item.value.split(",") if item and isinstance(item.value, str) else item.value if item else None
    if not isinstance(values, list):
        return ()
    return tuple(tag for tag in (" ".join(v.split()) for v in values if isinstance(v, str)) if slugify(tag))


def _one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped, changed or two swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[i:] == long[i + 1 :]


def near_duplicate_tags(sources: Iterable[Source]) -> list[Diagnostic]:
    """Tags that look like misspellings of one another, at the ``tags`` line of each article.

    Spellings with the same slug ("polri", "Polri") are one topic, which the gather stage
    already reports. Here: tags one slip apart, or apart only by spaces and hyphens
    ("Kamtibmass", "Lalulintas"). Not difflib's similarity ratio: at any cutoff that finds
    typos it also pairs real, different units such as Polres/Polresta and Kapolda/Wakapolda.
    Tags of four letters or fewer (NTT, NTB) and tags with different numbers (Pemilu 2019,
    Pemilu 2024) are never paired.
    """
    uses: dict[str, list[tuple[Source, str]]] = defaultdict(list)
    for source in sources:
        for tag in tags_of(source):
            uses[slugify(tag)].append((source, tag))
    names = {slug: Counter(tag for _, tag in found).most_common(1)[0][0] for slug, found in uses.items()}
    articles = {slug: len({source.path for source, _ in found}) for slug, found in uses.items()}
    squashed = {slug: slug.replace("-", "") for slug in uses}
    by_length: dict[int, list[str]] = defaultdict(list)
    for slug in sorted(uses):
        by_length[len(squashed[slug])].append(slug)
    problems = []
    for a in sorted(uses):
        for b in by_length[len(squashed[a])] + by_length[len(squashed[a]) + 1]:
            if b == a or (len(squashed[b]) == len(squashed[a]) and b < a):
                continue  # each pair once
            if min(len(squashed[a]), len(squashed[b])) < 5 or re.findall(r"\d+", a) != re.findall(r"\d+", b):
                continue
            if not _one_slip(squashed[a], squashed[b]):
                continue
            for rare, common in ((a, b), (b, a)):
                if articles[rare] > articles[common]:
                    continue
                count = articles[common]
                usage = f"{count} article{'s' if count != 1 else ''}"
                for source, tag in uses[rare]:
                    message = (
                        f"tag '{tag}' looks like a misspelling of '{names[common]}' ({usage}); "
                        "they are two topics until one spelling is used"
                    )
                    problems.append(warning(source.path, source.fields["tags"].line, message))
    return problems


_ADMIN = re.compile(
    r"^(kabupaten|kab\.?|kecamatan|kec\.?|kelurahan|kel\.?|desa|ds\.?|kota|kampung|dusun)\s+", re.IGNORECASE
)


_LEVELS = {"kab": "kabupaten", "kec": "kecamatan", "kel": "kelurahan", "ds": "desa"}


def _level(name: str) -> str | None:
    """The administrative word of a place, spelled out: "Kab. Belu" → "kabupaten"."""
    match = _ADMIN.match(name.strip())
    if match is None:
        return None
    word = match.group(1).casefold().rstrip(".")
    return _LEVELS.get(word, word)


def _place_core(name: str) -> str:
    """A place's name without its administrative word, letters only: "Kab. TTS" → "tts"."""
    return re.sub(r"[^a-z0-9]", "", _ADMIN.sub("", name.strip()).casefold())


def _initials(name: str) -> str:
    words = _ADMIN.sub("", name.strip()).split()
    return "".join(word[0] for word in words).casefold() if len(words) > 1 else ""


def near_duplicate_places(sources: Iterable[Source], aliases: dict[str, str]) -> list[Diagnostic]:
    """Places written differently that look like one place, at the ``location`` line.

    Aliases in site.yaml already join spellings ("Kab. TTS" → "Kabupaten Timor Tengah
    Selatan"); what is left and looks alike is reported so an editor can add one: the same
    name with another administrative word or abbreviation ("Kab. Belu", "Kabupaten Belu"),
    one slip apart ("Kecamatan Kie", "Kecamatan Kiee"), or initials ("TTS" for "Timor Tengah
    Selatan"). Places with the same name at different levels ("Kota Kupang", "Kabupaten
    Kupang") are different places and are not reported.
    """
    uses: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        item = source.fields.get("location")
        if item is None or not isinstance(item.value, str):
            continue
        for part in (p.strip() for p in item.value.split(",")):
            if part:
                uses[aliases.get(part, part)].append(source)
    problems = []
    names = sorted(uses)
    for a in names:
        for b in names:
            if a >= b or slugify(a) == slugify(b):
                continue
            level_a, level_b = _level(a), _level(b)
            if level_a and level_b and level_a != level_b:
                continue  # Kota Kupang and Kabupaten Kupang: two places of one name
            core_a, core_b = _place_core(a), _place_core(b)
            alike = (
                core_a == core_b
                or (min(len(core_a), len(core_b)) >= 5 and _one_slip(core_a, core_b))
                or (len(core_a) >= 2 and core_a == _initials(b))
                or (len(core_b) >= 2 and core_b == _initials(a))
            )
            if not alike:
                continue
            rare, common = (a, b) if len(uses[a]) <= len(uses[b]) else (b, a)
            count = len({source.path for source in uses[common]})
            for source in uses[rare]:
                message = (
                    f"place '{rare}' looks like '{common}' ({count} article{'s' if count != 1 else ''}); "
                    f"if they are one place, join them under location_aliases in site.yaml"
                )
                problems.append(warning(source.path, source.fields["location"].line, message))
    return sorted(set(problems))


# -- links in rendered HTML -------------------------------------------------------------------


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
    def what(self) -> str:
        return "image" if self.tag == "img" else "link"


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

    def __init__(self, config: SiteConfig, files: set[str], ids: dict[str, set[str]], held: dict[str, str]) -> None:
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

    def problem(self, page_path: str, ref: Ref, held_ok: bool = False) -> str | None:
        value = ref.value
        if value.lower().startswith(_OTHER_SCHEMES):
            return None
        parts = urlsplit(urljoin(absolute_url(self.base_url, page_path), value))
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.host:
            return None
        if not parts.path.startswith(self.base_path):
            if value.startswith("/") and not value.startswith("//"):
                return f"{ref.what} '{value}' is outside the site: links into it start with {self.base_path}"
            return None  # another site on the same host
        self.checked += 1
        relative = unquote(parts.path[len(self.base_path) :])
        # a relative link is named with the path it resolves to: 'foto.jpg' means /2023/12/x/foto.jpg
        shown = f"'{value}'" if value.startswith(("/", "#", "http:", "https:")) else f"'{value}' (/{relative})"
        target = relative + "index.html" if relative == "" or relative.endswith("/") else relative
        if target not in self.files and target + "/index.html" in self.files:
            target += "/index.html"  # servers redirect /x to /x/
        if target not in self.files:
            if target in self.held and not held_ok:
                return f"{ref.what} {shown} leads to {self.held[target]}: it is not on the site yet"
            if target not in self.held:
                return f"{ref.what} {shown} leads to no page or file of the site"
            return None
        fragment = unquote(parts.fragment)
        if fragment and target in self.ids and fragment not in self.ids[target]:
            return f"{ref.what} {shown}: there is no id '{fragment}' on /{target.removesuffix('index.html')}"
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


# -- the whole check --------------------------------------------------------------------------


@dataclass
class CheckResult:
    report: Report
    articles: int  # article files read
    pages: int = 0  # pages rendered; 0 when errors stopped the check before rendering
    links: int = 0  # links into the site that were followed

    @property
    def rendered(self) -> bool:
        return self.pages > 0

    # Counted here rather than with Report.errors, which sorts diagnostics by their fields and
    # fails on two of one file where one has a line and the other none.
    @property
    def errors(self) -> int:
        return sum(1 for d in set(self.report.items) if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in set(self.report.items) if d.severity == "warning")


def check_site(site_dir: Path, now: dt.datetime | None = None) -> CheckResult:
    site_dir = site_dir.absolute()
    report = Report()
    # use_cache=False: a check leaves no trace, not even a cache folder
    loaded = load(site_dir, BuildOptions(now=now, use_cache=False), report)
    paths, _ = find_files(site_dir, CONTENT_DIR, suffix=".md")  # the problems are already in the report
    sources = read_sources(site_dir, paths)
    for source in sources.values():
        report.extend(placeholders(source))
    report.extend(near_duplicate_tags(sources.values()))
    result = CheckResult(report, len(paths))

    config = loaded[0] if loaded else load_config(site_dir)[0]
    if config is None:
        return result
    report.extend(near_duplicate_places(sources.values(), dict(config.location_aliases)))
    env = make_environment(site_dir, config)
    layout_problems = check_layouts(env, site_dir, REQUIRED_LAYOUTS)
    report.extend(layout_problems)
    if loaded is None or any(p.severity == "error" for p in layout_problems):
        return result
    site = loaded[1]

    # the assets as build._build publishes them: stylesheets and scripts under hashed names
    asset_files, asset_problems = find_files(site_dir, ASSETS_DIR)
    report.extend(asset_problems)
    assets = {relative: (site_dir / relative).read_bytes() for relative in asset_files}
    published = publish_assets(env, assets)

    rendered: dict[str, tuple[str, str]] = {}  # output file → (page path, HTML)
    sizes: dict[str, int] = {}
    render_problems = []
    for page in site.pages:
        try:
            html = render_page(env, page.template, page.context, page.path)
        except RenderError as exc:
            render_problems.append(exc.diagnostic)
            continue
        sizes[page.output_file] = len(html.encode())
        if page.output_file.endswith(".html"):
            rendered[page.output_file] = (page.path, html)
    report.extend(render_problems)
    if render_problems:
        return result
    report.extend(check_budget(site, sizes, site_dir, assets, published, config.page_budget_kb))
    result.pages = len(site.pages)
    files = {page.output_file for page in site.pages} | set(extra_files(config, site)) | set(published.values())
    files |= set(outputs(site.images))  # the photos' variants, which a build makes under /img/
    result.links = _check_links(site_dir, config, site, rendered, files, sources, report)
    # What a build only warns about and the check requires (alt text) is reported once, as an error.
    required = {(d.path, d.line, d.message) for d in report.items if d.severity == "error"}
    report.items[:] = [d for d in report.items if d.severity == "error" or (d.path, d.line, d.message) not in required]
    return result


def _check_links(
    site_dir: Path,
    config: SiteConfig,
    site: Site,
    rendered: dict[str, tuple[str, str]],
    files: set[str],
    sources: dict[str, Source],
    report: Report,
) -> int:
    held = {
        h.article.output_file: f"{h.article.source}, {'a draft' if h.reason == 'draft' else 'scheduled for later'}"
        for h in site.held
    }
    scanned = {output: scan(html) for output, (_, html) in rendered.items()}
    resolver = Resolver(config, files, {output: ids for output, (ids, _) in scanned.items()}, held)
    articles = {a.output_file: a for a in site.articles}
    templates = {page.output_file: page.template for page in site.pages}

    # layout problems are reported once, with the pages they are on
    in_layouts: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for output, (page_path, _) in rendered.items():
        refs = Counter(scanned[output][1])
        article = articles.get(output)
        if article is not None:
            body = _check_body(article, sources.get(article.source), resolver)
            report.extend(body.problems)
            refs -= Counter(body.refs)
        for ref in sorted(refs, key=Ref.key):
            message = resolver.problem(page_path, ref)
            if message is None and _missing_alt(ref, decorative_ok=True):
                message = f"image '{ref.value}' has no alt attribute (alt=\"\" marks a decorative one)"
            if message is not None:
                in_layouts[(templates[output], ref.value, message)].append(page_path)
    for held_article in site.held:
        body = _check_body(held_article.article, sources.get(held_article.article.source), resolver, held_ok=True)
        report.extend(body.problems)

    # the layout a link is written in is often not the page's own (base.html, macros)
    finder = _Layouts(site_dir)
    by_place: dict[tuple[str, int | None, str], set[str]] = defaultdict(set)
    for (template, value, message), pages in in_layouts.items():
        found = finder.find([value, resolver.site_path(pages[0], value)])
        path, line = found if found else (f"{LAYOUTS_DIR}/{template}", None)
        by_place[(path, line, message)].update(pages)
    for (path, line, message), on in by_place.items():
        first = min(on)
        where = f"on {first}" if len(on) == 1 else f"on {len(on)} pages, e.g. {first}"
        report.add(error(path, line, f"{message} ({where})"))
    return resolver.checked


@dataclass
class _Body:
    refs: list[Ref]
    problems: list[Diagnostic]


def _check_body(article: Article, source: Source | None, resolver: Resolver, held_ok: bool = False) -> _Body:
    """The links and images an editor wrote in one article, reported at their lines."""
    _, refs = scan(article.body_html)
    photos = {image.src for image in article.images}  # files the build already found (or reported)
    problems = []
    for ref in sorted(set(refs), key=Ref.key):
        line = source.line_of(ref.value) if source else None
        local_photo = ref.tag == "img" and ref.value in photos
        message = None if local_photo else resolver.problem(article.path, ref, held_ok)
        if message is not None:
            problems.append(error(article.source, line, message))
        if _missing_alt(ref, decorative_ok=False):
            hint = f"say what it shows in ![…]({ref.value})"
            problems.append(error(article.source, line, f"image '{ref.value}' has no alt text: {hint}"))
    return _Body(refs, problems)


# -- output -----------------------------------------------------------------------------------


def summary(result: CheckResult) -> str:
    counts = f"{counted(result.errors, 'error')}, {counted(result.warnings, 'warning')}"
    if not result.rendered:
        return f"{counts}; pages and links are checked once the errors are fixed"
    pages = (
        f"{counted(result.articles, 'article')}, {counted(result.pages, 'page')} and {counted(result.links, 'link')}"
    )
    return f"checked {pages}: {counts}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic, file: str) -> str:
    """A GitHub Actions workflow command that shows the problem on the file's line in a pull request."""
    properties = f"file={_escape_property(file)}"
    if diagnostic.line is not None:
        properties += f",line={diagnostic.line}"
    return f"::{diagnostic.severity} {properties}::{_escape_data(diagnostic.message)}"


def workspace_path(site_dir: Path, path: str) -> str:
    """A site path as GitHub wants it, relative to the repository checkout (the current folder):
    ``content/x.md`` of a site in ``portal/`` is ``portal/content/x.md``."""
    full = os.path.abspath(site_dir / path)
    cwd = os.getcwd()
    if os.path.commonpath([full, cwd]) != cwd:
        return path
    return Path(os.path.relpath(full, cwd)).as_posix()


@click.command("check")
@click.argument("site_dir", default=".", type=click.Path(file_okay=False, dir_okay=True, exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="'github': GitHub Actions annotations, shown on the lines of a pull request.",
)
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.pass_context
def check_command(ctx: click.Context, site_dir: Path, strict: bool, output_format: str, debug: bool) -> None:
    """Check SITE_DIR as a build would, and its links, images and tags; write nothing.

    Exit status: 0 clean, 1 errors (or warnings, with --strict), 2 a usage error.
    """
    ctx.meta["sitegen.debug"] = debug
    result = check_site(site_dir)
    for diagnostic in result.report.sorted():
        if output_format == "github":
            click.echo(github_annotation(diagnostic, workspace_path(site_dir, diagnostic.path)))
        else:
            click.echo(diagnostic.format())
    click.echo(summary(result))
    if result.errors or (strict and result.warnings):
        ctx.exit(1)
