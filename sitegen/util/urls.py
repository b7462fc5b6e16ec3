"""Absolute URLs of the site's pages and files."""

from __future__ import annotations


def absolute_url(base_url: str, path: str) -> str:
    """``path`` (a site path, with or without its leading slash) under ``base_url`` (which ends
    in a slash, as SiteConfig makes it): ``https://x.id/portal/`` + ``/2024/01/a/``."""
    return base_url + path.lstrip("/")
