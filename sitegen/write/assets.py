"""Assets published under names that carry a hash of their bytes (cacheable for a year), and
the page budget: an article page's HTML plus the CSS and JS it loads, against ``page_budget_kb``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import jinja2

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, error
from sitegen.i18n import msg
from sitegen.plan.model import Site
from sitegen.read.files import ASSETS_DIR
from sitegen.render.feeds import FEED_STYLESHEET
from sitegen.util.hashing import digest

FINGERPRINTED = (".css", ".js", ".xsl")
LOADED_BY_PAGES = (".css", ".js")  # what the page budget counts (an XSLT page is the feeds')


def fingerprinted(assets: dict[str, bytes]) -> dict[str, str]:
    """Each asset's published name: stylesheets (XSLT ones too) and scripts carry a hash of their bytes
    (``assets/style.3f2a9c1e.css``) so a browser may cache them for a year and still never
    see a stale one; other files keep their names (articles link to them)."""
    names = {}
    for source, content in assets.items():
        stem, dot, suffix = source.rpartition(".")
        if dot and "." + suffix in FINGERPRINTED:
            names[source] = f"{stem}.{digest('bytes', content)[:8]}.{suffix}"
        else:
            names[source] = source
    return names


def publish_assets(env: jinja2.Environment, assets: dict[str, bytes]) -> dict[str, str]:
    """The published names of assets/ (see fingerprinted), given to the layouts' ``asset``
    filter; the build and ``sitegen check`` both publish this way."""
    published = fingerprinted(assets)
    env.globals["asset_urls"] = {
        source.removeprefix(ASSETS_DIR + "/"): "/" + name for source, name in published.items()
    }
    return published


def feed_stylesheet(config: SiteConfig, published: dict[str, str]) -> str | None:
    """The site path of the feeds' and sitemaps' XSLT stylesheet, when assets/ has one."""
    name = published.get(f"{ASSETS_DIR}/{FEED_STYLESHEET}")
    return None if name is None else config.base_path + name


def check_budget(
    site: Site,
    sizes: Mapping[str, int],
    site_dir: Path,
    assets: dict[str, bytes],
    published: dict[str, str],
    budget_kb: int,
) -> list[Diagnostic]:
    """An article page's HTML (``sizes``: output file → bytes) plus the stylesheets and
    scripts the layouts link must stay within the budget (site.yaml ``page_budget_kb``):
    a reader on 3G pays for every byte."""
    layouts_text = "\n".join(p.read_text(errors="replace") for p in sorted((site_dir / "layouts").rglob("*.html")))
    linked = sum(
        len(assets[source])
        for source, name in published.items()
        if name.endswith(LOADED_BY_PAGES) and source.removeprefix(ASSETS_DIR + "/") in layouts_text
    )
    problems = []
    for page in site.pages:
        article = page.article
        size = sizes.get(page.output_file)
        if article is None or size is None:
            continue
        total = size + linked
        if total > budget_kb * 1024:
            problems.append(
                error(
                    article.source,
                    None,
                    msg(
                        "its page {file} weighs {total} KB (HTML {html} KB, CSS and JS {linked} KB): over the "
                        "{budget} KB budget of site.yaml",
                        file=page.output_file,
                        total=format(total / 1024, ".1f"),
                        html=format(size / 1024, ".1f"),
                        linked=format(linked / 1024, ".1f"),
                        budget=budget_kb,
                    ),
                )
            )
    return problems
