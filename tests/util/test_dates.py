"""Dates: every accepted form, the site's time zone whatever the machine's, Indonesian output."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sitegen.config import SiteConfig
from sitegen.read.articles import read_article
from sitegen.util import dates
from sitegen.util.dates import indonesian, iso, parse_date, rfc822
from tests.support import article

WITA = ZoneInfo("Asia/Makassar")
WIB = ZoneInfo("Asia/Jakarta")
UTC = dt.UTC


def offset(hours: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2023, 12, 3), dt.datetime(2023, 12, 3, 0, 0, tzinfo=WITA)),
        (dt.datetime(2023, 12, 3, 10, 30), dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)),
        (dt.datetime(2023, 12, 3, 10, 30, tzinfo=UTC), dt.datetime(2023, 12, 3, 10, 30, tzinfo=UTC)),
        ("2023-12-03", dt.datetime(2023, 12, 3, 0, 0, tzinfo=WITA)),
        ("2023-12-03 10:30", dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)),
        ("2023-12-03T10:30", dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)),
        ("2023-12-03 10:30:45", dt.datetime(2023, 12, 3, 10, 30, 45, tzinfo=WITA)),
        ("  2023-12-03 10:30  ", dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)),
        ("2023-12-03 10:30+07:00", dt.datetime(2023, 12, 3, 10, 30, tzinfo=offset(7))),
        ("2023-12-03 10:30 +0700", dt.datetime(2023, 12, 3, 10, 30, tzinfo=offset(7))),
        ("2023-12-03 10:30:00-03:30", dt.datetime(2023, 12, 3, 10, 30, tzinfo=offset(-3.5))),
        ("2023-12-03T02:30Z", dt.datetime(2023, 12, 3, 2, 30, tzinfo=UTC)),
    ],
)
def test_accepted_forms(value: object, expected: dt.datetime) -> None:
    parsed = parse_date(value, WITA)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("3 Desember 2023", "'3 Desember 2023' is not a date (write it as YYYY-MM-DD HH:MM)"),
        ("03-12-2023", "'03-12-2023' is not a date (write it as YYYY-MM-DD HH:MM)"),
        ("2023-12-3 10:30", "'2023-12-3 10:30' is not a date (write it as YYYY-MM-DD HH:MM)"),
        ("2023-12-03 10.30", "'2023-12-03 10.30' is not a date (write it as YYYY-MM-DD HH:MM)"),
        ("2023-02-29", "'2023-02-29' is an impossible date (the month has no such day)"),
        ("2023-12-03 24:00", "'2023-12-03 24:00' is an impossible date (an hour is 0 to 23)"),
        ("2023-12-03 10:60", "'2023-12-03 10:60' is an impossible date (minutes and seconds are 0 to 59)"),
        ("2023-12-03 10:30+24:00", "'+24:00' is not a time zone offset"),
        (20231203, "20231203 is not a date (write it as YYYY-MM-DD HH:MM)"),
        (None, "None is not a date (write it as YYYY-MM-DD HH:MM)"),
    ],
)
def test_rejected_forms(value: object, message: str) -> None:
    with pytest.raises(ValueError) as rejected:
        parse_date(value, WITA)
    assert str(rejected.value) == message


def test_leap_day_is_a_date() -> None:
    assert parse_date("2024-02-29 08:00", WITA) == dt.datetime(2024, 2, 29, 8, 0, tzinfo=WITA)


def test_no_offset_means_the_time_zone_given_not_wita_by_habit() -> None:
    assert parse_date("2023-12-03 10:30", WIB).utcoffset() == dt.timedelta(hours=7)


# --- the machine's TZ never leaks in ------------------------------------------------------------------


def test_no_offset_is_the_site_time_zone_whatever_the_machine_tz(machine_tz: str) -> None:
    assert dt.datetime(2023, 12, 3, 12, 0).astimezone().utcoffset() != dt.timedelta(hours=8)  # TZ took effect
    parsed = parse_date("2023-12-03 10:30", WITA)
    assert parsed.utcoffset() == dt.timedelta(hours=8)
    assert parsed.astimezone(UTC) == dt.datetime(2023, 12, 3, 2, 30, tzinfo=UTC)
    assert parse_date(dt.datetime(2023, 12, 3, 10, 30), WITA).astimezone(UTC).hour == 2
    assert parse_date(dt.date(2023, 12, 3), WITA).astimezone(UTC) == dt.datetime(2023, 12, 2, 16, 0, tzinfo=UTC)


def test_articles_read_in_the_site_time_zone_whatever_the_machine_tz(machine_tz: str) -> None:
    config = SiteConfig(title="T", base_url="https://x.test/")
    for date in ("2023-12-01 00:30", "2023-12-01 00:30:00", "2023-12-01"):
        result = read_article("content/a.md", article(date=date).encode(), config)
        assert result.article is not None
        assert result.article.date.utcoffset() == dt.timedelta(hours=8), date
        # 00:30 WITA on 1 December is still 30 November in UTC and in New York: the URL must not move.
        assert result.article.path == "/2023/12/a/", date


def test_indonesian_formatting_whatever_the_machine_tz(machine_tz: str) -> None:
    moment = dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA)
    assert indonesian(moment, "Asia/Makassar") == "Minggu, 3 Desember 2023 10.30 WITA"


# --- output forms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "zone", "expected"),
    [
        (dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA), "Asia/Makassar", "Minggu, 3 Desember 2023 10.30 WITA"),
        (dt.datetime(2023, 12, 3, 10, 30, tzinfo=offset(7)), "Asia/Makassar", "Minggu, 3 Desember 2023 11.30 WITA"),
        (dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA), "Asia/Jakarta", "Minggu, 3 Desember 2023 09.30 WIB"),
        (dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA), "Asia/Jayapura", "Minggu, 3 Desember 2023 11.30 WIT"),
        (dt.datetime(2023, 12, 31, 23, 5, tzinfo=offset(7)), "Asia/Makassar", "Senin, 1 Januari 2024 00.05 WITA"),
        (dt.datetime(2024, 2, 12, 0, 0, tzinfo=WITA), "Asia/Makassar", "Senin, 12 Februari 2024 00.00 WITA"),
        (dt.datetime(2023, 10, 20, 9, 40, tzinfo=WITA), "Asia/Makassar", "Jumat, 20 Oktober 2023 09.40 WITA"),
    ],
)
def test_indonesian_date_and_time(moment: dt.datetime, zone: str, expected: str) -> None:
    assert indonesian(moment, zone) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (4, "Senin, 4 Desember 2023"),
        (5, "Selasa, 5 Desember 2023"),
        (6, "Rabu, 6 Desember 2023"),
        (7, "Kamis, 7 Desember 2023"),
        (8, "Jumat, 8 Desember 2023"),
        (9, "Sabtu, 9 Desember 2023"),
        (10, "Minggu, 10 Desember 2023"),
    ],
)
def test_indonesian_day_names_without_time(day: int, expected: str) -> None:
    assert indonesian(dt.datetime(2023, 12, day, 10, 0, tzinfo=WITA), "Asia/Makassar", with_time=False) == expected


MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni")
MONTHS += ("Juli", "Agustus", "September", "Oktober", "November", "Desember")


@pytest.mark.parametrize(("month", "name"), list(enumerate(MONTHS, start=1)))
def test_indonesian_month_names(month: int, name: str) -> None:
    assert dates.month_name(2024, month) == f"{name} 2024"
    assert f" {name} 2024" in indonesian(dt.datetime(2024, month, 15, 12, 0, tzinfo=WITA), "Asia/Makassar")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2023, 12, 3, 10, 30, tzinfo=WITA), "Sun, 03 Dec 2023 10:30:00 +0800"),
        (dt.datetime(2023, 9, 5, 9, 0, tzinfo=offset(7)), "Tue, 05 Sep 2023 09:00:00 +0700"),
        (dt.datetime(2024, 2, 12, 0, 0, tzinfo=UTC), "Mon, 12 Feb 2024 00:00:00 +0000"),
    ],
)
def test_rfc822(moment: dt.datetime, expected: str) -> None:
    assert rfc822(moment) == expected


def test_iso_keeps_the_offset_to_the_second() -> None:
    assert iso(dt.datetime(2023, 12, 3, 10, 30, 15, 999, tzinfo=WITA)) == "2023-12-03T10:30:15+08:00"
