"""``site.yaml``: a typed, validated, read-only site configuration.

Every problem is collected with its line: unknown keys are warnings with a suggestion,
wrong types and bad values are errors.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import Diagnostic, error, suggest, warning
from sitegen.util.yamltext import INVALID, decode, parse_mapping

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
    location_prefix: str = "lokasi"
    editor_prefix: str = "editor"
    archive_prefix: str = "arsip"
    location_aliases: tuple[tuple[str, str], ...] = ()  # written form → the name to file under
    related_count: int = 4
    summary_length: int = 160
    publisher: str = ""
    logo: str = ""  # a path under assets/, for the publisher in structured data
    cache_dir: str = ".sitegen-cache"
    new_article_path: str = "content/{year}/{slug}.md"  # where `sitegen new` puts an article
    trust_html: bool = False  # raw HTML in articles passes unsanitized: only for a closed newsroom
    page_budget_kb: int = 30  # an article page's HTML + CSS + JS, uncompressed

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

_MINIMUM = {"page_size": 1, "feed_size": 1, "summary_length": 40, "related_count": 0, "page_budget_kb": 1}

_PREFIXES = ("tag_prefix", "location_prefix", "editor_prefix", "archive_prefix")


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
    stray = "has a stray '{' or '}': placeholders are written {year}, {month}, {day}, {slug}"
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        return stray
    unknown = [n for n in names if n not in PERMALINK_FIELDS]
    if unknown:
        return f"unknown placeholder '{{{unknown[0]}}}' (use {', '.join('{' + n + '}' for n in PERMALINK_FIELDS)})"
    sample = pattern.format(year="2000", month="01", day="01", slug="x")
    if "{" in sample or "}" in sample:
        return stray
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
        if item.value is INVALID:
            continue
        if key not in known:
            problems.append(warning(CONFIG_FILE, item.line, f"unknown key '{key}'{suggest(key, list(known))}"))
            continue
        kind = str(known[key].type)
        value = item.value
        if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            problems.append(error(CONFIG_FILE, item.line, f"'{key}' must be a whole number, not {value!r}"))
            continue
        if kind == "bool" and not isinstance(value, bool):
            problems.append(error(CONFIG_FILE, item.line, f"'{key}' must be true or false, not {value!r}"))
            continue
        if kind == "str" and not isinstance(value, str):
            problems.append(error(CONFIG_FILE, item.line, f"'{key}' must be text, not {value!r}"))
            continue
        if kind.startswith("tuple[tuple[str, str]"):
            texts = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
            if not texts:
                problems.append(error(CONFIG_FILE, item.line, f"'{key}' must be a mapping of text to text"))
                continue
            value = tuple(sorted(value.items()))
        message = _check_value(key, value)
        if message:
            problems.append(error(CONFIG_FILE, item.line, f"'{key}' {message}"))
            continue
        values[key] = value
    for key in _REQUIRED:
        if key not in mapping:
            problems.append(error(CONFIG_FILE, 1, f"missing required key '{key}'"))
    prefixes = [values.get(k, known[k].default) for k in _PREFIXES]
    if len(set(prefixes)) < len(prefixes):
        problems.append(error(CONFIG_FILE, 1, f"the URL prefixes {', '.join(_PREFIXES)} must all differ"))
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
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Asia" is a folder of the database
            return f"'{value}' is not a known time zone (e.g. Asia/Makassar)"
    if key == "permalink":
        problem = _check_permalink(value)
        return f"{problem}" if problem else None
    if key in ("output", "cache_dir") and (not value.strip() or "\x00" in value):
        return "must be a folder name"
    if key in _PREFIXES and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        return "must be lowercase letters, digits and '-'"
    if key == "new_article_path":
        from sitegen.util.pattern import check_path_pattern

        return check_path_pattern(value)
    if key == "logo" and (value.startswith("/") or ".." in value.split("/")):
        return "must be a path inside the site, like assets/logo.png"
    return None
