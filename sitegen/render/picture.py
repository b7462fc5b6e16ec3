"""The HTML of a photo: ``<picture>`` with WebP and JPEG ``srcset`` for pages, a plain ``<img>``
for feeds, and the rewrite of a body's ``<img>`` tags into either.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from sitegen.plan.photos import SIZES, ImageInfo
from sitegen.read.sanitize import CONTROL_CHARS
from sitegen.read.tags import splice, start_tags

# -- markup -------------------------------------------------------------------------------------


def picture(
    info: ImageInfo,
    url: Callable[[str], str],
    eager: bool = False,
    alt: str | None = None,
    title: str = "",
    sizes: str = SIZES,
) -> str:
    """``<picture>`` with WebP and JPEG srcsets, the size that keeps the layout still, and lazy
    loading unless the photo is the first thing a reader sees. Every value is escaped here."""
    e = html.escape
    text = info.alt if alt is None else alt
    loading = 'loading="eager" fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    extra = f' title="{e(title)}"' if title else ""
    return (
        f'<picture><source type="image/webp" srcset="{e(info.srcset("webp", url))}" sizes="{e(sizes)}">'
        f'<img src="{e(url(info.fallback.path))}" srcset="{e(info.srcset("jpeg", url))}" sizes="{e(sizes)}" '
        f'width="{info.width}" height="{info.height}" alt="{e(text)}"{extra} {loading}></picture>'
    )


def plain_img(info: ImageInfo, absolute: Callable[[str], str], alt: str | None = None) -> str:
    """A plain ``<img>`` of the fallback JPEG with an absolute URL: what feed readers show."""
    e = html.escape
    shown = info.fallback
    text = info.alt if alt is None else alt
    return f'<img src="{e(absolute(shown.path))}" width="{shown.width}" height="{shown.height}" alt="{e(text)}">'


def rewrite(fragment: str, infos: Iterable[ImageInfo], replace: Callable[[ImageInfo, dict[str, str]], str]) -> str:
    """Each ``<img>`` start tag of sanitized HTML whose src is one of ``infos`` replaced by
    ``replace``'s markup (which gets the tag's own attributes: its alt and title as the editor
    wrote them). The tags are found by an HTML tokenizer, never by searching the text: an
    ``<img`` inside an attribute or in code is text, and every byte but the tags stays as it was."""
    by_src = {info.src: info for info in infos}
    if not by_src or "<img" not in fragment.lower():  # no tag could be an img: spare the tokenizer
        return fragment
    replacements = []
    for tag in start_tags(fragment, "img"):
        info = by_src.get(tag.attributes.get("src", "").strip())
        if info is not None:
            attributes = {name: CONTROL_CHARS.sub("", value) for name, value in tag.attributes.items()}
            replacements.append((tag, replace(info, attributes)))
    return splice(fragment, replacements)
