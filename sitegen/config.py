"""``site.yaml``: a typed, validated, read-only site configuration.

Every problem is collected with its line: unknown keys are warnings with a suggestion,
wrong types and bad values are errors. Each key is read by its :class:`Option` in
:data:`OPTIONS` (its type and what else its value must be); the defaults are SiteConfig's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from sitegen.errors import Diagnostic, error, unknown_key, warning
from sitegen.i18n import Message, Translator, chosen_language, msg, translator
from sitegen.util.dates import DateError, parse_date
from sitegen.util.pattern import PathPattern
from sitegen.util.urls import link_problem
from sitegen.util.yamltext import INVALID, Field, decode, describe, parse_mapping

CONFIG_FILE = "site.yaml"

ALERT_LEVELS = ("info", "penting", "darurat")  # the editor's words: information, important, emergency


@dataclass(frozen=True)
class Alert:
    """``alert:``: a breaking-news banner on every page until ``until`` (read_alert)."""

    text: str
    until: dt.datetime  # aware
    level: str = "penting"  # one of ALERT_LEVELS
    link: str = ""  # an http(s) URL or a path of this site; "" for none

    def current(self, now: dt.datetime) -> bool:
        return now < self.until


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
    # the browser CMS at /admin/ (sitegen/render/cms.py): its backend's settings, sorted pairs;
    # None (no `cms:` key) writes no /admin/
    cms: tuple[tuple[str, str], ...] | None = None
    alert: Alert | None = None  # the breaking-news banner (shown while current: sitegen.plan.timely)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``: ``/`` for a site at a host's root."""
        return urlsplit(self.base_url).path

    def with_base_url(self, base_url: str) -> SiteConfig:
        return replace(self, base_url=_normalize_base_url(base_url))


_PREFIXES = ("tag_prefix", "location_prefix", "editor_prefix", "archive_prefix")


def _normalize_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def check_base_url(url: str) -> Message | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return msg("'{url}' is not an absolute http(s) URL", url=url)
    if parts.query or parts.fragment:
        return msg("'{url}' must not have a query or fragment", url=url)
    return None


# -- the options: each key's type and what else its value must be -------------------------------


def _any(value: Any) -> Message | None:
    return None


class Option:
    """One key of site.yaml: the type its value must have (``wrong_type``, ``convert``) and what
    else the value must be (``check``). The default is SiteConfig's field, the one source of it."""

    def __init__(self, check: Callable[[Any], Message | None] = _any, required: bool = False) -> None:
        self.check = check
        self.required = required

    def wrong_type(self, value: Any) -> Message | None:
        raise NotImplementedError

    def convert(self, value: Any) -> Any:
        return value

    def read(self, value: Any) -> tuple[Any, Message | None]:
        """The value as SiteConfig holds it, or why it cannot be (without the key's name)."""
        problem = self.wrong_type(value)
        if problem is not None:
            return None, problem
        value = self.convert(value)
        return value, self.check(value)


class Text(Option):
    def wrong_type(self, value: Any) -> Message | None:
        return None if isinstance(value, str) else msg("must be text, not {kind}", kind=describe(value))


class WholeNumber(Option):
    def __init__(self, minimum: int) -> None:
        super().__init__(self._at_least)
        self.minimum = minimum

    def wrong_type(self, value: Any) -> Message | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return msg("must be a whole number, not {kind}", kind=describe(value))
        return None

    def _at_least(self, value: int) -> Message | None:
        return msg("must be at least {minimum}", minimum=self.minimum) if value < self.minimum else None


class YesNo(Option):
    def wrong_type(self, value: Any) -> Message | None:
        return None if isinstance(value, bool) else msg("must be true or false, not {kind}", kind=describe(value))


class TextMapping(Option):
    """A mapping of text to text, held as its sorted pairs (hashable, like the whole config)."""

    def wrong_type(self, value: Any) -> Message | None:
        texts = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        return None if texts else msg("must be 'key: value' lines of text")

    def convert(self, value: Any) -> Any:
        return tuple(sorted(value.items()))


# what `cms:` may set: the Decap CMS backend's own keys (README, "Publishing and editors")
CMS_KEYS = ("backend", "repo", "branch", "base_url", "auth_endpoint", "auth_type", "app_id", "api_root", "site_domain")

CMS_BACKENDS = ("github", "gitlab", "gitea", "bitbucket", "git-gateway")


def _cms_settings(value: tuple[tuple[str, str], ...]) -> Message | None:
    for key, text in value:
        if key not in CMS_KEYS:
            return msg("has an {problem}", problem=unknown_key(key, CMS_KEYS))
        if key == "backend" and text not in CMS_BACKENDS:
            return msg("'backend' must be one of {choices}, not '{text}'", choices=", ".join(CMS_BACKENDS), text=text)
    return None


def _not_empty(value: str) -> Message | None:
    return msg("must not be empty") if not value.strip() else None


def _known_zone(value: str) -> Message | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Asia" is a folder of the database
        return msg("'{value}' is not a known time zone (e.g. Asia/Makassar)", value=value)
    return None


def _folder(value: str) -> Message | None:
    return msg("must be a folder name") if not value.strip() or "\x00" in value else None


def _prefix(value: str) -> Message | None:
    return None if re.fullmatch(r"[a-z0-9][a-z0-9-]*", value) else msg("must be lowercase letters, digits and '-'")


def _inside_site(value: str) -> Message | None:
    if value.startswith("/") or ".." in value.split("/"):
        return msg("must be a path inside the site, like assets/logo.png")
    return None


class AlertSettings(Option):
    """``alert:``: a mapping, read into an Alert by read_alert once the time zone is known."""

    def wrong_type(self, value: Any) -> Message | None:
        if isinstance(value, dict):
            return None
        keys = ", ".join(ALERT_KEYS)
        return msg("must be lines of {keys} indented below it, not {kind}", keys=keys, kind=describe(value))


# In SiteConfig's order: the order an unknown key's suggestions are looked for in.
OPTIONS: Mapping[str, Option] = MappingProxyType(
    {
        "title": Text(_not_empty, required=True),
        "base_url": Text(check_base_url, required=True),
        "description": Text(),
        "language": Text(),
        "timezone": Text(_known_zone),
        "permalink": Text(lambda value: PathPattern(value).permalink_problem()),
        "page_size": WholeNumber(minimum=1),
        "feed_size": WholeNumber(minimum=1),
        "output": Text(_folder),
        "tag_prefix": Text(_prefix),
        "location_prefix": Text(_prefix),
        "editor_prefix": Text(_prefix),
        "archive_prefix": Text(_prefix),
        "location_aliases": TextMapping(),
        "related_count": WholeNumber(minimum=0),
        "summary_length": WholeNumber(minimum=40),
        "publisher": Text(),
        "logo": Text(_inside_site),
        "cache_dir": Text(_folder),
        "new_article_path": Text(lambda value: PathPattern(value).article_path_problem()),
        "trust_html": YesNo(),
        "page_budget_kb": WholeNumber(minimum=1),
        "cms": TextMapping(_cms_settings),
        "alert": AlertSettings(),
    }
)


# -- reading site.yaml ----------------------------------------------------------------------------


def load_config(site_dir: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        return None, [
            error(
                CONFIG_FILE,
                None,
                msg("no {file} in {folder}: is this a site folder?", file=CONFIG_FILE, folder=str(site_dir)),
            )
        ]
    text, problem = decode(CONFIG_FILE, path.read_bytes())
    if text is None:
        return None, [problem] if problem else []
    mapping, problems = parse_mapping(CONFIG_FILE, text, first_line=1)
    if mapping is None:
        return None, problems
    values = _read_options(mapping, problems)
    if "alert" in values:  # its time is in the site's time zone, read with the other keys
        values["alert"] = read_alert(mapping["alert"], values.get("timezone", SiteConfig.timezone), problems)
    problems.extend(error(CONFIG_FILE, 1, msg("missing required key '{key}'", key=key)) for key in _missing(mapping))
    if _prefixes_clash(values):
        problems.append(
            error(CONFIG_FILE, 1, msg("the URL prefixes {names} must all differ", names=", ".join(_PREFIXES)))
        )
    if any(p.severity == "error" for p in problems):
        return None, problems
    values["base_url"] = _normalize_base_url(values["base_url"])
    return SiteConfig(**values), problems


def _read_options(mapping: dict[str, Field], problems: list[Diagnostic]) -> dict[str, Any]:
    """The values of the known keys that are right; a problem for each other key."""
    values: dict[str, Any] = {}
    for key, item in mapping.items():
        if item.value is INVALID:
            continue  # reported by parse_mapping
        option = OPTIONS.get(key)
        if option is None:
            problems.append(warning(CONFIG_FILE, item.line, unknown_key(key, list(OPTIONS))))
            continue
        value, problem = option.read(item.value)
        if problem is not None:
            problems.append(error(CONFIG_FILE, item.line, msg("'{key}' {problem}", key=key, problem=problem)))
            continue
        values[key] = value
    return values


def messages_language(site_dir: Path) -> str:
    """The language of the messages a command prints about ``site_dir``: SITEGEN_LANG, else
    site.yaml's ``language:``, else Indonesian."""
    return chosen_language(site_language(site_dir))


def site_language(site_dir: Path) -> str | None:
    """site.yaml's ``language:``, read line by line (so a site.yaml that cannot be read is
    still reported in its language); None when it names none."""
    try:
        text = (site_dir / CONFIG_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    found = re.search(r"^language:[ \t]*[\"']?([A-Za-z][A-Za-z_-]*)", text, re.MULTILINE)
    return found.group(1) if found else None


def messages_translator(ctx: click.Context, site_dir: Path | None = None) -> Translator:
    """The translator of the messages of the command running in ``ctx``: chosen once, from
    SITEGEN_LANG or the site's language (``site_dir``), and kept for the rest of the command."""
    root = ctx.find_root()
    known = root.meta.get("sitegen.translator")
    if isinstance(known, Translator):
        return known
    chosen = translator(messages_language(site_dir) if site_dir is not None else chosen_language(None))
    root.meta["sitegen.translator"] = chosen
    return chosen


def _missing(mapping: dict[str, Field]) -> list[str]:
    return [key for key, option in OPTIONS.items() if option.required and key not in mapping]


def _prefixes_clash(values: dict[str, Any]) -> bool:
    defaults = {f.name: f.default for f in fields(SiteConfig)}
    prefixes = [values.get(key, defaults[key]) for key in _PREFIXES]
    return len(set(prefixes)) < len(prefixes)


# -- alert: ------------------------------------------------------------------------------------

ALERT_KEYS = ("text", "until", "level", "link")
# the Indonesian names an editor may write for them (unknown_key suggests the key)
ALERT_NAMES = {"teks": "text", "isi": "text", "pesan": "text", "sampai": "until", "tingkat": "level", "tautan": "link"}


def read_alert(item: Field, timezone: str, problems: list[Diagnostic]) -> Alert | None:
    """The alert of ``alert:``, or None; each problem at the line of its key."""
    value: dict[Any, Any] = item.value
    found = len(problems)
    for key in value:
        if key not in ALERT_KEYS:
            message = msg("'alert': {problem}", problem=unknown_key(str(key), ALERT_KEYS, ALERT_NAMES))
            problems.append(warning(CONFIG_FILE, item.line_of(str(key)), message))
    text = value.get("text")
    if not isinstance(text, str) or not " ".join(text.split()):
        message = msg("'alert' needs a 'text': the news in one sentence")
        problems.append(error(CONFIG_FILE, item.line_of("text"), message))
    until = _alert_until(item, timezone, problems)
    level = value.get("level", "penting")
    if level not in ALERT_LEVELS:
        choices = ", ".join(ALERT_LEVELS)
        message = msg("'alert': 'level' must be one of {choices}, not {kind}", choices=choices, kind=describe(level))
        problems.append(error(CONFIG_FILE, item.line_of("level"), message))
    link = value.get("link") or ""
    if why := link_problem(link):
        problems.append(error(CONFIG_FILE, item.line_of("link"), msg("'alert': 'link' {why}", why=why)))
    if any(p.severity == "error" for p in problems[found:]) or until is None:
        return None
    return Alert(" ".join(_CONTROL.sub("", str(text)).split()), until, str(level), link.strip())


def _alert_until(item: Field, timezone: str, problems: list[Diagnostic]) -> dt.datetime | None:
    value = item.value.get("until")
    line = item.line_of("until")
    if value is None or value == "":
        message = msg("'alert' needs 'until': when it stops being shown (YYYY-MM-DD HH:MM)")
        problems.append(error(CONFIG_FILE, line, message))
        return None
    try:
        until = parse_date(value, ZoneInfo(timezone))
        until.astimezone(dt.UTC)
        return until
    except DateError as exc:
        problems.append(error(CONFIG_FILE, line, msg("'alert': 'until': {why}", why=exc.message)))
    except (ValueError, OverflowError):
        message = msg("'alert': 'until': '{value}' is too far in the past or the future", value=str(value))
        problems.append(error(CONFIG_FILE, line, message))
    return None


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
