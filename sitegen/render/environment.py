"""The render stage: Jinja layouts from ``layouts/`` turn each page's context into HTML.

Layouts are trusted; everything in a context that came from content is escaped by
autoescape (on for every layout) or was sanitized when it was read.
"""

from __future__ import annotations

import contextlib
import hashlib
import traceback
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.meta
from markupsafe import Markup

from sitegen import __version__
from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error
from sitegen.i18n import msg, verbatim
from sitegen.plan import photos as images
from sitegen.plan.model import (
    CORRECTIONS_FEED,
    FEED,
    REDIRECT,
    CorrectionFeedContext,
    FeedContext,
    PageContext,
    RedirectContext,
    Template,
)
from sitegen.plan.profiles import PHOTO_SIZES, Profile
from sitegen.plan.taxonomy import place_chain
from sitegen.read.articles import Article
from sitegen.read.corrections import Correction
from sitegen.render import picture as markup_of
from sitegen.render.corrections import corrections_rss
from sitegen.render.feeds import FEED_STYLESHEET, rss_page
from sitegen.render.fragments import CODEGEN, CachedFragments
from sitegen.render.redirect import redirect_page
from sitegen.util import dates
from sitegen.util.urls import absolute_url

LAYOUTS_DIR = "layouts"

COMPILED_BY = f"sitegen {__version__} fragments {CODEGEN}"


class _CompiledLayouts(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled layouts, never trusted blindly: a file that cannot be read
    back is compiled again, and a folder that cannot be written only costs the time."""

    def get_source_checksum(self, source: str) -> str:
        # the code of a layout depends on sitegen's extensions too: a release that compiles a
        # tag differently must not load what the old one compiled
        return super().get_source_checksum(f"{COMPILED_BY}\n{source}")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # damaged beyond what Jinja checks (its source checksum, its marshal)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def make_environment(site_dir: Path, config: SiteConfig, compiled: Path | None = None) -> jinja2.Environment:
    """The layouts' environment. ``compiled``: a folder of the build cache where Jinja keeps
    each layout's compiled code, keyed by a hash of its source (so a build does not compile
    every layout again)."""
    cache = None
    if compiled is not None:
        try:
            compiled.mkdir(parents=True, exist_ok=True)
            cache = _CompiledLayouts(str(compiled))
        except OSError:
            cache = None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(site_dir / LAYOUTS_DIR),
        bytecode_cache=cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        extensions=[CachedFragments],  # {% cached "card", item %}: render/fragments.py
    )
    env.globals["asset_urls"] = {}  # the build sets the published names of assets/
    base_path = config.base_path

    def url(path: str) -> str:
        """A site path as a link from any page, whatever folder the site is served from."""
        return base_path + path.lstrip("/")

    def absolute(path: str) -> str:
        return absolute_url(config.base_url, path)

    @jinja2.pass_context
    def asset(context: jinja2.runtime.Context, name: str) -> str:
        """A file of assets/ by its published (fingerprinted) name: ``'style.css'|asset``."""
        published: dict[str, str] = context["asset_urls"]
        if name not in published:
            raise jinja2.TemplateRuntimeError(f"no file assets/{name}")
        return url(published[name])

    @jinja2.pass_context
    def article_body(context: jinja2.runtime.Context, article: Article) -> Markup:
        """The body sanitized when it was read, its photos as ``<picture>`` (the page's ``images``)."""
        body = article.body_with_dateline(config.title)
        shown = context.get("images") or ()

        def replace(info: images.ImageInfo, attributes: dict[str, str]) -> str:
            return markup_of.picture(info, url, alt=attributes.get("alt", ""), title=attributes.get("title", ""))

        return Markup(markup_of.rewrite(body, shown, replace))

    def picture(info: images.ImageInfo, eager: bool = False, sizes: str = images.SIZES) -> Markup:
        return Markup(markup_of.picture(info, url, eager=eager, sizes=sizes))

    def thumbnail(info: images.ImageInfo) -> Markup:
        """A gallery's photo: lazy, in the sizes of the gallery's grid."""
        return Markup(markup_of.picture(info, url, sizes=images.GALLERY_SIZES))

    # article_body, picture and thumbnail are the filters that mark HTML safe: a body sanitized when it
    # was read, and markup whose every value render.picture.picture escapes.
    env.filters.update(
        url=url,
        absolute=absolute,
        asset=asset,
        tanggal=lambda d: dates.indonesian(d, config.timezone),
        tanggal_pendek=lambda d: dates.indonesian(d, config.timezone, with_time=False),
        isodate=dates.iso,
        article_body=article_body,
        picture=picture,
        thumbnail=thumbnail,
        news_article=lambda article, tags=(), image=None, profile=None, corrections=(): news_article(
            article, config, [t.name for t in tags], image, profile, corrections
        ),
        profile_page=lambda profile: profile_page(profile, config),
    )
    env.globals["profile_photo_sizes"] = PHOTO_SIZES
    return env


def news_article(
    article: Article,
    config: SiteConfig,
    tags: list[str],
    image: images.ImageInfo | None = None,
    profile: Profile | None = None,
    corrections: tuple[Correction, ...] = (),
) -> dict[str, Any]:
    """schema.org ``NewsArticle`` data; the layout writes it with ``|tojson``, which escapes
    ``<``, ``>``, ``&`` and ``'`` so no title can close the script element. ``corrections``:
    those the page shows (oldest first), as ``correction`` and in ``dateModified``."""
    url = absolute_url(config.base_url, article.path)
    publisher: dict[str, Any] = {"@type": "Organization", "name": config.publisher or config.title}
    if config.logo:
        publisher["logo"] = {"@type": "ImageObject", "url": config.base_url + config.logo}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": dates.iso(article.date),
        "dateModified": dates.iso(max([article.updated or article.date, *(c.date for c in corrections)])),
        "author": person(article.editor, profile, config),
        "editor": person(article.editor, profile, config),
        "contentLocation": {"@type": "Place", "name": ", ".join(reversed(place_chain(config, article)))},
        "publisher": publisher,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": config.language,
        "keywords": tags,  # as the site files them, not as one article spelled them
    }
    if article.dateline:
        data["dateline"] = article.dateline
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": dates.iso(c.date)} for c in corrections
        ]
    if image is not None:
        # Google's guidance: several large images in 16:9, 4:3 and 1:1, when the photo allows
        shown = [
            {"@type": "ImageObject", "url": absolute_url(config.base_url, v.path), "width": v.width, "height": v.height}
            for v in image.structured
        ]
        data["image"] = shown if len(shown) > 1 else shown[0]
    return data


def person(name: str, profile: Profile | None, config: SiteConfig) -> dict[str, Any]:
    """schema.org ``Person``: the name, and from a profile what Google's author guidance asks
    for (the page about the person, the job title, a photo, the person's other pages)."""
    data: dict[str, Any] = {"@type": "Person", "name": name}
    if profile is None:
        return data
    data["url"] = absolute_url(config.base_url, profile.path)
    if profile.jabatan:
        data["jobTitle"] = profile.jabatan
    if profile.satuan:
        data["worksFor"] = {"@type": "Organization", "name": profile.satuan}
    if profile.photo is not None:
        data["image"] = absolute_url(config.base_url, profile.photo.largest.path)
    if profile.same_as:
        data["sameAs"] = list(profile.same_as)
    return data


def profile_page(profile: Profile, config: SiteConfig) -> dict[str, Any]:
    """schema.org ``ProfilePage`` of an editor's page, its ``mainEntity`` the editor."""
    entity = person(profile.name, profile, config)
    if profile.bio:
        entity["description"] = profile.bio[0]
    return {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": entity}


def layouts_digest(site_dir: Path) -> str:
    """A hash of every layout's name and bytes: any edit changes it."""
    digest = hashlib.blake2b(digest_size=16)
    root = site_dir / LAYOUTS_DIR
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def template_digests(env: jinja2.Environment, site_dir: Path) -> dict[str, str]:
    """For each layout, a hash of its bytes and of every layout it extends, includes or
    imports, followed through: editing article.html changes article pages' keys only,
    editing base.html every page's. A layout that names another by an expression could
    reach any of them, so it depends on all of them."""
    root = site_dir / LAYOUTS_DIR
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    sources = {name: (root / name).read_bytes() for name in names}
    direct: dict[str, set[str]] = {}
    for name in names:
        try:
            found = jinja2.meta.find_referenced_templates(env.parse(sources[name].decode("utf-8", "replace")))
            referenced = list(found)
        except jinja2.TemplateSyntaxError:
            referenced = [None]  # check_layouts reports it; depend on everything meanwhile
        direct[name] = set(names) if None in referenced else {r for r in referenced if r is not None}
    result = {}
    for name in names:
        seen, pending = {name}, [name]
        while pending:
            for other in direct.get(pending.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    pending.append(other)
        h = hashlib.blake2b(digest_size=16)
        for dependency in sorted(seen):
            h.update(dependency.encode() + b"\0" + sources.get(dependency, b"<missing>") + b"\0")
        result[name] = h.hexdigest()
    return result


def check_layouts(env: jinja2.Environment, site_dir: Path, required: tuple[str, ...]) -> list[Diagnostic]:
    """Compile every layout up front, so a syntax error is reported with its line once."""
    problems = []
    root = site_dir / LAYOUTS_DIR
    if not root.is_dir():
        return [error(LAYOUTS_DIR, None, msg("the layouts folder is missing"))]
    for name in required:
        if not (root / name).is_file():
            problems.append(error(f"{LAYOUTS_DIR}/{name}", None, msg("layout is missing")))
    for path in sorted(root.rglob("*.html")) + sorted(root.rglob("*.xml")):
        name = path.relative_to(root).as_posix()
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                error(
                    f"{LAYOUTS_DIR}/{name}",
                    exc.lineno,
                    msg("layout syntax error: {why}", why=verbatim(exc.message or "")),
                )
            )
    return problems


class RenderError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def render_page(env: jinja2.Environment, template: Template, context: PageContext, page_path: str) -> str:
    """A page's HTML from its layout, a feed's XML (``FEED``, whose context is a FeedContext)
    or an alias's redirect page (``REDIRECT``, a RedirectContext)."""
    if template in (FEED, CORRECTIONS_FEED):
        published = cast(dict[str, str], env.globals["asset_urls"]).get(FEED_STYLESHEET)
        stylesheet = None if published is None else context["site"].base_path + published.lstrip("/")
        if template == CORRECTIONS_FEED:
            return corrections_rss(cast(CorrectionFeedContext, context), page_path, stylesheet)
        return rss_page(cast(FeedContext, context), page_path, stylesheet)
    if template == REDIRECT:
        return redirect_page(cast(RedirectContext, context))
    try:
        return env.get_template(template).render({**context, "page_path": page_path})
    except Exception as exc:  # a layout is code: any error in it is the layout's, with its line
        name, line = _layout_position(exc, template)
        raise RenderError(
            error(
                f"{LAYOUTS_DIR}/{name}",
                line,
                msg("while rendering {path}: {why}", path=page_path, why=verbatim(str(exc))),
            )
        ) from exc


def _layout_position(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The innermost layout line in a Jinja traceback (Jinja rewrites frames to templates)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        marker = f"/{LAYOUTS_DIR}/"
        if marker in frame.filename:
            return frame.filename.rsplit(marker, 1)[1], frame.lineno
    return fallback, getattr(exc, "lineno", None)
