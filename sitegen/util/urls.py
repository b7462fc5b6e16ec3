"""Absolute URLs of the site's pages and files, and when two paths are one file."""

from __future__ import annotations

import unicodedata


def absolute_url(base_url: str, path: str) -> str:
    """``path`` (a site path, with or without its leading slash) under ``base_url`` (which ends
    in a slash, as SiteConfig makes it): ``https://x.id/portal/`` + ``/2024/01/a/``."""
    return base_url + path.lstrip("/")


def same_file(path: str) -> str:
    """What two paths that land on one file on a case-insensitive or normalizing disk share."""
    if path.isascii():
        return path.lower()  # the same as NFC and casefold for ASCII, at a fraction of the cost
    return unicodedata.normalize("NFC", path).casefold()
