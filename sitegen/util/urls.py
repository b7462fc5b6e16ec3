"""Absolute URLs of the site's pages and files, when two paths are one file, and what a link an
editor writes must be."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from sitegen.i18n import Message, msg
from sitegen.util.yamltext import describe

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def absolute_url(base_url: str, path: str) -> str:
    """``path`` (a site path, with or without its leading slash) under ``base_url`` (which ends
    in a slash, as SiteConfig makes it): ``https://x.id/portal/`` + ``/2024/01/a/``."""
    return base_url + path.lstrip("/")


def same_file(path: str) -> str:
    """What two paths that land on one file on a case-insensitive or normalizing disk share."""
    if path.isascii():
        return path.lower()  # the same as NFC and casefold for ASCII, at a fraction of the cost
    return unicodedata.normalize("NFC", path).casefold()


def link_problem(link: Any) -> Message | None:
    """Why ``link`` (a link an editor wrote: the alert's) is no http(s) URL or path of this site, or None."""
    if not isinstance(link, str):
        return msg("must be text, not {kind}", kind=describe(link))
    link = link.strip()
    if not link:
        return None
    if _CONTROL.search(link) or any(c.isspace() for c in link):
        return msg("must not contain spaces or control characters")
    parts = urlsplit(link)
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    if link.startswith("/") and not link.startswith("//") and not parts.scheme:
        return None
    return msg("must be an http(s) address or a path of this site starting with '/', not '{link}'", link=link)
