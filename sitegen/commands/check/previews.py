"""Featured photos too narrow for Google Discover and link previews, which want large images:
the build publishes such a photo as it is (no crops, a small og:image); the editor should know."""

from __future__ import annotations

from sitegen.errors import Diagnostic, warning
from sitegen.i18n import msg
from sitegen.plan.model import Site
from sitegen.plan.photos import DISCOVER_WIDTH
from sitegen.read.image_refs import FEATURED


def narrow_featured_photos(site: Site) -> list[Diagnostic]:
    """A warning at the ``image`` key of each published article whose photo is narrower than
    DISCOVER_WIDTH (a photo that could not be read is the build's error, not this)."""
    files = {file.path: file for file in site.images}
    problems = []
    for article in site.articles:
        for ref in article.images:
            file = files.get(ref.path)
            if ref.kind == FEATURED and file is not None and file.width < DISCOVER_WIDTH:
                problems.append(
                    warning(
                        article.source,
                        ref.line,
                        msg(
                            "'image': the photo is {width} px wide; Google Discover and link "
                            "previews want at least {least}",
                            width=file.width,
                            least=DISCOVER_WIDTH,
                        ),
                    )
                )
    return problems
