"""``corrections:``: the corrections ("Ralat") a newsroom publishes under a story.

Each item is a mapping of ``date`` (the forms of ``date``, in the site's time zone) and
``text`` (plain text or inline Markdown: links, emphasis, code). The text is rendered and
sanitized like a body, then held to inline markup only, so a correction can never open a
heading, a list or an embed inside the box that shows it.

A correction dated before its story is an error (it cannot be: a typo an editor fixes in
seconds, and readers and Google would be shown a wrong record). One dated after the build's
moment is not an error here: the plan holds it back until its time, as it does articles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import nh3

from sitegen.errors import Diagnostic, error, unknown_key, warning
from sitegen.i18n import msg
from sitegen.read import markup
from sitegen.read.frontmatter import describe
from sitegen.util.dates import DateError, parse_date
from sitegen.util.yamltext import Field

KEYS = ("date", "text")

# the Indonesian names an editor may write for them: unknown_key suggests the key
NAMES = {"tanggal": "date", "tgl": "date", "waktu": "date", "teks": "text", "isi": "text", "ralat": "text"}

EXAMPLE = msg("like '- date: 2024-05-03 14:00' with 'text: …' below it")

# what a correction's text may keep of its Markdown: inline markup only
_INLINE_TAGS = {"a", "abbr", "b", "br", "code", "del", "em", "i", "ins", "mark", "q", "s", "strong", "sub", "sup"}

# what could make Markdown of a line of text (emphasis, code, links, HTML, entities, escapes,
# a new line, a block's opening) or what the sanitizer writes as an entity (a no-break space)
_MARKDOWN = re.compile(r"[*_`\[\]<>&\\!#\n\xa0]|^\s*(?:[-+>]|\d+[.)])(?:\s|$)|^\s{4}|\s{2}$")

_DAY_ONLY = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*")


@dataclass(frozen=True)
class Correction:
    """One correction of a story, as its "Ralat" box, JSON-LD and the /ralat/ feed show it."""

    date: dt.datetime  # aware
    text: str  # plain text: JSON-LD, feeds
    html: str  # sanitized inline HTML: the page
    has_time: bool = True  # False when the editor wrote a day only: shown without a time
    number: int = 1  # its place among the story's corrections, oldest first: the anchor #ralat-N


def read_corrections(
    source: str, item: Field | None, tz: ZoneInfo, published: dt.datetime | None, problems: list[Diagnostic]
) -> tuple[Correction, ...]:
    """The corrections of an article's ``corrections`` key, oldest first; each problem (at the
    line of its item) goes to ``problems``. ``published``: the article's date, when it is right."""
    if item is None:
        return ()
    values = item.value
    if not isinstance(values, list):
        message = msg("'corrections' must be a list of corrections {example}", example=EXAMPLE)
        problems.append(error(source, item.line, message))
        return ()
    found: list[Correction] = []
    for index, value in enumerate(values):
        line = item.line_of(index)
        correction = _correction(source, (line, index + 1), value, tz, problems)
        if correction is None:
            continue
        if published is not None and _before(correction, published, tz):
            shown = correction.date.astimezone(tz).strftime("%Y-%m-%d %H:%M" if correction.has_time else "%Y-%m-%d")
            message = msg(
                "correction {number}: its date {shown} is before the story's 'date'", number=index + 1, shown=shown
            )
            problems.append(error(source, line, message))
            continue
        found.append(correction)
    ordered = sorted(found, key=lambda c: c.date)  # stable: two of one moment keep the editor's order
    return tuple(Correction(c.date, c.text, c.html, c.has_time, number) for number, c in enumerate(ordered, start=1))


Where = tuple[int, int]  # a correction's line, and its number in messages: "correction 2"


def _correction(source: str, where: Where, value: Any, tz: ZoneInfo, problems: list[Diagnostic]) -> Correction | None:
    line, number = where
    if not isinstance(value, dict):
        message = msg(
            "correction {number} must have a 'date' and a 'text' ({example}), not {kind}",
            number=number,
            example=EXAMPLE,
            kind=describe(value),
        )
        problems.append(error(source, line, message))
        return None
    for key in value:
        if key not in KEYS:
            message = msg("correction {number}: {problem}", number=number, problem=unknown_key(str(key), KEYS, NAMES))
            problems.append(warning(source, line, message))
    date = _date(source, where, value.get("date"), tz, problems)
    text = _text(source, where, value.get("text"), problems)
    if date is None or text is None:
        return None
    return Correction(date, markup.plain_text(text), text, has_time=not _day_only(value["date"]))


def _date(source: str, where: Where, value: Any, tz: ZoneInfo, problems: list[Diagnostic]) -> dt.datetime | None:
    line, number = where
    if value is None or (isinstance(value, str) and not value.strip()):
        message = msg("correction {number} needs a 'date': when it was made (YYYY-MM-DD HH:MM)", number=number)
        problems.append(error(source, line, message))
        return None
    try:
        date = parse_date(value, tz)
        date.astimezone(dt.UTC), date.astimezone(tz)  # year 1 or 9999 may not survive either
        return date
    except DateError as exc:
        problems.append(error(source, line, msg("correction {number}: 'date': {why}", number=number, why=exc.message)))
    except (ValueError, OverflowError):
        message = msg(
            "correction {number}: 'date': '{value}' is too far in the past or the future",
            number=number,
            value=str(value),
        )
        problems.append(error(source, line, message))
    return None


def _text(source: str, where: Where, value: Any, problems: list[Diagnostic]) -> str | None:
    """The text as sanitized inline HTML, or None (and why)."""
    line, number = where
    if value is not None and not isinstance(value, str):
        message = msg("correction {number}: 'text' must be text, not {kind}", number=number, kind=describe(value))
        problems.append(error(source, line, message))
        return None
    text = markup.CONTROL_CHARS.sub("", value or "").strip()
    if not text:
        message = msg("correction {number} needs a 'text': what was wrong and what is right", number=number)
        problems.append(error(source, line, message))
        return None
    try:
        rendered = inline_html(text)
    except (RecursionError, TimeoutError):
        message = msg("correction {number}: 'text' is Markdown too complex to render", number=number)
        problems.append(error(source, line, message))
        return None
    if not markup.plain_text(rendered):
        message = msg("correction {number}: 'text' has no words once its markup is removed", number=number)
        problems.append(error(source, line, message))
        return None
    return rendered


def inline_html(text: str) -> str:
    """Markdown text as sanitized HTML holding inline markup only (paragraphs become lines)."""
    if not _MARKDOWN.search(text):  # most corrections are one plain sentence: it is its own HTML
        return text
    rendered = str(markup.render(text)).strip()
    return _inline_cleaner().clean(rendered.replace("</p>\n<p>", "<br>")).strip()


@lru_cache(maxsize=1)
def _inline_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_INLINE_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )


def _day_only(value: Any) -> bool:
    """Whether the editor wrote a day without a time (YAML reads ``2024-05-03`` as a date)."""
    if isinstance(value, dt.datetime):
        return False
    return isinstance(value, dt.date) or (isinstance(value, str) and bool(_DAY_ONLY.fullmatch(value)))


def _before(correction: Correction, published: dt.datetime, tz: ZoneInfo) -> bool:
    """A correction of a day only is before the story when its day is: it was made that day."""
    if correction.has_time:
        return correction.date < published
    return correction.date.astimezone(tz).date() < published.astimezone(tz).date()


def shown(corrections: tuple[Correction, ...], now: dt.datetime) -> tuple[Correction, ...]:
    """The corrections published at ``now``: one dated later is held back until its time."""
    if all(c.date <= now for c in corrections):
        return corrections
    return tuple(c for c in corrections if c.date <= now)
