"""Reading article dates and writing them for Indonesian readers and for feeds.

A date without an offset is read in the site's time zone, never the machine's: a CI runner
on UTC must not turn a WITA article into a future one.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import format_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_datetime as babel_format

from sitegen.i18n import Message, msg


class DateError(ValueError):
    """A value that is no date, and why, for an editor (``message``)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


_DATE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[ T](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)


def parse_date(value: object, tz: ZoneInfo) -> dt.datetime:
    """An aware datetime from a YAML date/datetime or a ``YYYY-MM-DD[ HH:MM[:SS]][±HH:MM]`` string.

    Raises DateError with a message fit for an editor.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if not isinstance(value, str):
        raise DateError(msg("{value} is not a date (write it as YYYY-MM-DD HH:MM)", value=str(value)))
    match = _DATE.fullmatch(value.strip())
    if not match:
        raise DateError(msg("'{value}' is not a date (write it as YYYY-MM-DD HH:MM)", value=value))
    g = match.groupdict()
    zone: dt.tzinfo = tz
    if g["tz"]:
        zone = _offset(g["tz"])
    try:
        return dt.datetime(
            int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0), int(g["M"] or 0), int(g["S"] or 0), tzinfo=zone
        )
    except ValueError as exc:
        raise DateError(msg("'{value}' is an impossible date ({why})", value=value, why=impossible(exc))) from None


def _offset(text: str) -> dt.timezone:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise DateError(msg("'{text}' is not a time zone offset", text=text))
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def impossible(exc: BaseException) -> Message:
    """Why Python's datetime refused a date, in an editor's words."""
    text = str(exc)
    if "day is out of range" in text:
        return msg("the month has no such day")
    if "month must be" in text:
        return msg("a month is 1 to 12")
    if "hour must be" in text:
        return msg("an hour is 0 to 23")
    if "minute must be" in text or "second must be" in text:
        return msg("minutes and seconds are 0 to 59")
    if "year" in text:
        return msg("the year is out of range")
    return msg("no such day or time")


@lru_cache(maxsize=65536)
def indonesian(moment: dt.datetime, tz: str, with_time: bool = True) -> str:
    """``Minggu, 3 Desember 2023 10.30 WITA``, from CLDR data (no OS locale needed)."""
    pattern = "EEEE, d MMMM y HH.mm z" if with_time else "EEEE, d MMMM y"
    return babel_format(moment, pattern, tzinfo=ZoneInfo(tz), locale="id")


@lru_cache(maxsize=1024)
def month_name(year: int, month: int) -> str:
    """``Desember 2023``."""
    return babel_format(dt.datetime(year, month, 1), "MMMM y", locale="id")


def rfc822(moment: dt.datetime) -> str:
    return format_datetime(moment)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")
