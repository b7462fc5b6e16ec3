"""A weekday named beside a date in a story must be that date's: "hari Sabtu, 03 Desember 2023"
when 3 December 2023 was a Minggu is a slip a reader notices and an editor cannot see.

Only a day name written right before a full date is read ("Sabtu, 3 Desember 2023",
"Sabtu (3/12/2023)", "hari Sabtu tanggal 3 Desember 2023", "Sabtu, 3-12-2023"); a day named
elsewhere in the sentence, or a date without its year, is left alone: no guess, no false alarm.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitegen.commands.check.sources import Source
from sitegen.errors import Diagnostic, warning
from sitegen.i18n import Message, msg

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")  # Monday first, as date.weekday()

_DAY_NUMBERS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6, "ahad": 6}

_MONTHS = {
    **dict.fromkeys(("januari", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei",), 5),
    **dict.fromkeys(("juni", "jun"), 6),
    **dict.fromkeys(("juli", "jul"), 7),
    **dict.fromkeys(("agustus", "agust", "agu", "agt", "ags"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "okt"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des"), 12),
}

_MONTH_NAMES = (
    msg("January"), msg("February"), msg("March"), msg("April"), msg("May"), msg("June"),
    msg("July"), msg("August"), msg("September"), msg("October"), msg("November"), msg("December"),
)  # fmt: skip

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))  # the longest first: "Juni" is not "Jun" + "i"

_PAIR = re.compile(
    r"\b(?P<day>senin|selasa|rabu|kamis|jum['’`]?at|sabtu|minggu|ahad)\b"
    # "Sabtu, …", "Sabtu (…)", "Sabtu …": the spaces after the mark only once there is one,
    # so a run of spaces is never split between two patterns (which a long run makes quadratic)
    r"\s*(?:(?:,|(?P<open>\())\s*)?"
    r"(?:(?:tanggal|tgl\.?)\s*)?"  # "Sabtu tanggal …", "Sabtu, tgl. …"
    r"(?:(?P<d>\d{1,2})\s+(?P<month>" + _MONTH + r")\b\.?\s*(?P<y>\d{4})"  # 3 Desember 2023, 3 Des. 2023
    r"|(?P<nd>\d{1,2})(?P<sep>[/.-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4}))"  # 3/12/2023, 3-12-2023, 3.12.2023
    r"(?!\d)(?(open)\s*\)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mismatch:
    """A day name beside a date that falls on another day."""

    text: str  # as written, its spaces made one: "Sabtu, 03 Desember 2023"
    offset: int  # where it starts in the text searched
    date: dt.date
    written: str  # the day as written: "Sabtu"

    @property
    def message(self) -> Message:
        actual = WEEKDAYS[self.date.weekday()]
        when = msg(
            "{day} {month} {year}", day=self.date.day, month=_MONTH_NAMES[self.date.month - 1], year=self.date.year
        )
        if self.written[:1].lower() in "aeiou":  # "not an Ahad"
            return msg(
                "'{text}': {when} is a {actual}, not an {written}",
                text=self.text,
                when=when,
                actual=actual,
                written=self.written,
            )
        return msg(
            "'{text}': {when} is a {actual}, not a {written}",
            text=self.text,
            when=when,
            actual=actual,
            written=self.written,
        )


def mismatches(text: str) -> Iterator[Mismatch]:
    """Every day name in ``text`` written right before a date that is another day's."""
    for match in _PAIR.finditer(text):
        if "\n\n" in match.group(0):  # a day at the end of one paragraph, a date opening the next
            continue
        date = _date(match)
        written = match.group("day")
        number = _DAY_NUMBERS[re.sub(r"[^a-z]", "", written.lower())]
        if date is not None and date.weekday() != number:
            yield Mismatch(" ".join(match.group(0).split()), match.start(), date, written)


def _date(match: re.Match[str]) -> dt.date | None:
    if match.group("d"):
        day, month, year = int(match.group("d")), _MONTHS[match.group("month").lower()], int(match.group("y"))
    else:
        day, month, year = int(match.group("nd")), int(match.group("nm")), int(match.group("ny"))
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31/2/2024 is no date at all: another kind of slip, not this check's
        return None


def weekday_mismatches(source: Source) -> list[Diagnostic]:
    """A warning at the line of each day name of the story that is not its date's day."""
    text = "\n".join(source.lines[source.body_line - 1 :])
    return [
        warning(source.path, source.body_line + text.count("\n", 0, found.offset), found.message)
        for found in mismatches(text)
    ]
