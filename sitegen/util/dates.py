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

_DATE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[ T](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)


def parse_date(value: object, tz: ZoneInfo) -> dt.datetime:
    """An aware datetime from a YAML date/datetime or a ``YYYY-MM-DD[ HH:MM[:SS]][±HH:MM]`` string.

    Raises ValueError with a message fit for an editor.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date (write it as YYYY-MM-DD HH:MM)")
    match = _DATE.fullmatch(value.strip())
    if not match:
        raise ValueError(f"'{value}' is not a date (write it as YYYY-MM-DD HH:MM)")
    g = match.groupdict()
    zone: dt.tzinfo = tz
    if g["tz"]:
        zone = _offset(g["tz"])
    try:
        return dt.datetime(
            int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0), int(g["M"] or 0), int(g["S"] or 0), tzinfo=zone
        )
    except ValueError as exc:
        raise ValueError(f"'{value}' is an impossible date ({exc})") from None


def _offset(text: str) -> dt.timezone:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError(f"'{text}' is not a time zone offset")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


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
