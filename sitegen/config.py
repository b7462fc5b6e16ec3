"""``site.yaml``: a typed, validated, read-only site configuration.

Every problem is collected with its line: unknown keys are warnings with a suggestion,
wrong types and bad values are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.diagnostics import Diagnostic, error, suggest, warning
from sitegen.frontmatter import decode, parse_mapping

CONFIG_FILE = "site.yaml"
PERMALINK_FIELDS = ("year", "month", "day", "slug")


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str
    description: str = ""
    language: str = "id"
    timezone: str = "Asia/Makassar"
    permalink: str = "/{year}/{month}/{slug}/"
    page_size: int = 10
    feed_size: int = 20
    output: str = "public"
    tag_prefix: str = "tag"
    summary_length: int = 160
    publisher: str = ""
    cache_dir: str = ".sitegen-cache"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``: ``/`` for a site at a host's root."""
        return urlsplit(self.base_url).path

    def with_base_url(self, base_url: str) -> SiteConfig:
        return replace(self, base_url=_normalize_base_url(base_url))


_REQUIRED = ("title", "base_url")
_MINIMUM = {"page_size": 1, "feed_size": 1, "summary_length": 40}


def _normalize_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def check_base_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"'{url}' is not an absolute http(s) URL"
    if parts.query or parts.fragment:
        return f"'{url}' must not have a query or fragment"
    return None


def _check_permalink(pattern: str) -> str | None:
    if not pattern.startswith("/"):
        return "must start with '/'"
    if not (pattern.endswith("/") or pattern.endswith(".html")):
        return "must end with '/' or '.html'"
    names = re.findall(r"{([^{}]*)}", pattern)
    unknown = [n for n in names if n not in PERMALINK_FIELDS]
    if unknown:
        return f"unknown placeholder '{{{unknown[0]}}}' (use {', '.join('{' + n + '}' for n in PERMALINK_FIELDS)})"
    if "slug" not in names:
        return "must contain '{slug}'"
    if ".." in pattern or "\\" in pattern:
        return "must not contain '..' or backslashes"
    return None


def load_config(site_dir: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        return None, [error(CONFIG_FILE, None, f"no {CONFIG_FILE} in {site_dir}: is this a site folder?")]
    text, problem = decode(CONFIG_FILE, path.read_bytes())
    if text is None:
        return None, [problem] if problem else []
    mapping, problems = parse_mapping(CONFIG_FILE, text, first_line=1)
    if mapping is None:
        return None, problems
    known = {f.name: f for f in fields(SiteConfig)}
    values: dict[str, Any] = {}
    for key, item in mapping.items():
        if key not in known:
            problems.append(warning(CONFIG_FILE, item.line, f"unknown key '{key}'{suggest(key, list(known))}"))
            continue
        expected = int if known[key].type == "int" else str
        value = item.value
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            problems.append(error(CONFIG_FILE, item.line, f"'{key}' must be a whole number, not {value!r}"))
            continue
        if expected is str and not isinstance(value, str):
            problems.append(error(CONFIG_FILE, item.line, f"'{key}' must be text, not {value!r}"))
            continue
        message = _check_value(key, value)
        if message:
            problems.append(error(CONFIG_FILE, item.line, f"'{key}' {message}"))
            continue
        values[key] = value
    for key in _REQUIRED:
        if key not in mapping:
            problems.append(error(CONFIG_FILE, 1, f"missing required key '{key}'"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    values["base_url"] = _normalize_base_url(values["base_url"])
    return SiteConfig(**values), problems


def _check_value(key: str, value: Any) -> str | None:
    if key in _MINIMUM and value < _MINIMUM[key]:
        return f"must be at least {_MINIMUM[key]}"
    if key == "title" and not value.strip():
        return "must not be empty"
    if key == "base_url":
        return check_base_url(value)
    if key == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            return f"'{value}' is not a known time zone (e.g. Asia/Makassar)"
    if key == "permalink":
        problem = _check_permalink(value)
        return f"{problem}" if problem else None
    if key in ("output", "cache_dir") and (not value.strip() or "\x00" in value):
        return "must be a folder name"
    if key == "tag_prefix" and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        return "must be lowercase letters, digits and '-'"
    return None
