"""``sitegen check``: a weekday beside a date that is another day's, and a featured photo too
narrow for Google Discover and link previews."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from sitegen.commands.check import check_site
from sitegen.commands.check.weekdays import mismatches
from tests.conftest import RunCli
from tests.support import FIXED_NOW, REPO, MakeSite, article, copy_theme, photo

# -- the matcher --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("pada hari Sabtu, 03 Desember 2023.", "Sabtu, 03 Desember 2023"),
        ("pada Sabtu (3/12/2023) pagi", "Sabtu (3/12/2023)"),
        ("pada hari Sabtu tanggal 3 Desember 2023 pukul 09.00", "Sabtu tanggal 3 Desember 2023"),
        ("Sabtu, 3-12-2023", "Sabtu, 3-12-2023"),
        ("Sabtu, 3.12.2023", "Sabtu, 3.12.2023"),
        ("Sabtu, tgl. 3 Des 2023", "Sabtu, tgl. 3 Des 2023"),
        ("Sabtu, 3 Des. 2023", "Sabtu, 3 Des. 2023"),
        ("sabtu, 3 desember 2023", "sabtu, 3 desember 2023"),
        ("hari Sabtu,\n3 Desember 2023", "Sabtu, 3 Desember 2023"),  # a line break inside a paragraph
        ("Sabtu ( 3/12/2023 )", "Sabtu ( 3/12/2023 )"),
    ],
)
def test_every_written_form_of_a_wrong_day_is_found(text: str, quoted: str) -> None:
    (found,) = mismatches(text)
    assert (found.text, found.date, found.written.lower()) == (quoted, dt.date(2023, 12, 3), "sabtu")
    assert str(found.message) == f"'{quoted}': 3 December 2023 is a Minggu, not a {found.written}"


@pytest.mark.parametrize(
    "text",
    [
        "Minggu, 03 Desember 2023",
        "Ahad (3/12/2023)",
        "Jumat, 1 Desember 2023",
        "Jum'at, 1 Des 2023",
        "Jum’at 1/12/2023",
        "Senin, 1 Jan 2024",
        "Kamis, 1 Feb 2024",
        "Jumat, 1 Mar 2024",
        "Senin, 1 Apr 2024",
        "Rabu, 1 Mei 2024",
        "Sabtu, 1 Jun 2024",
        "Senin, 1 Jul 2024",
        "Kamis, 1 Agu 2024",
        "Kamis, 1 Agt 2024",
        "Kamis, 1 Agustus 2024",
        "Minggu, 1 Sep 2024",
        "Selasa, 1 Okt 2024",
        "Jumat, 1 Nov 2024",
        "Jumat, 1 Nopember 2024",
        "Minggu, 1 Des 2024",
        "Kamis, 29 Februari 2024",
    ],
)
def test_a_day_that_is_its_dates_day_is_no_problem(text: str) -> None:
    assert list(mismatches(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Sabtu lalu warga berkumpul. Bantuan dibagikan pada 3 Desember 2023.",  # the day far from the date
        "Kegiatan Jumat Curhat 3 Desember 2023 diikuti warga.",  # a name between them
        "dua minggu, 3 bulan",  # "minggu" the word for a week, no date
        "Senin (4/9) pagi",  # no year: no guess
        "Sabtu, 31 Februari 2024",  # no such date: not this check's slip
        "Sabtu-Minggu, 2-3 Desember 2023",  # a range
        "Sabtu\n\n3 Desember 2023",  # a day ending one paragraph, a date opening the next
        "kegiatan-sabtu-3-12-2023.jpg",
        "Sabtu, 3 Desember 20231",
    ],
)
def test_no_false_alarm(text: str) -> None:
    assert list(mismatches(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Sabtu" + " " * 200_000 + "x",
        "Sabtu," + " " * 200_000 + "x",
        "Sabtu (" + "\n " * 100_000 + "x",
        "Sabtu tanggal" + " " * 200_000 + "x",
        "Sabtu, 3" + " " * 200_000 + "x",
        "Sabtu " * 100_000,
    ],
)
def test_the_matcher_stays_linear_on_hostile_text(text: str) -> None:
    # what an untrusted story can hold: a run of spaces after a day name must not be tried
    # split every way (the limit is generous; a quadratic matcher takes minutes here)
    started = time.perf_counter()
    assert list(mismatches(text)) == []
    assert time.perf_counter() - started < 2.0


def test_each_pair_is_judged_on_its_own() -> None:
    text = "Sabtu (2/12/2023) dan Sabtu (3/12/2023), lalu Ahad, 4 Desember 2023 dan Senin, 4 Desember 2023."
    assert [str(m.message) for m in mismatches(text)] == [
        "'Sabtu (3/12/2023)': 3 December 2023 is a Minggu, not a Sabtu",
        "'Ahad, 4 Desember 2023': 4 December 2023 is a Senin, not an Ahad",
    ]


# -- the check ----------------------------------------------------------------------------------

WRONG_DAY = """
Paragraf pembuka.

Kegiatan dilaksanakan pada hari Sabtu, 03 Desember 2023.

Pantauan pada Minggu, 03 Desember 2023 dan
Jumat (1/12/2023) menunjukkan kegiatan berjalan; juga hari Kamis tanggal
1 Desember 2023.
"""


def test_check_warns_at_the_line_of_a_wrong_weekday(make_site: MakeSite) -> None:
    site = make_site(files={"content/2023/falas.md": article(WRONG_DAY)})
    result = check_site(site)
    # line 7 is the body's first; a match spanning two lines is at the line of its day
    assert [d.format() for d in result.report.sorted()] == [
        "content/2023/falas.md:9: warning: 'Sabtu, 03 Desember 2023': 3 December 2023 is a Minggu, not a Sabtu",
        "content/2023/falas.md:12: warning: 'Kamis tanggal 1 Desember 2023': 1 December 2023 is a Jumat, not a Kamis",
    ]


def test_the_shipped_article_names_the_right_day() -> None:
    text = (REPO / "content/2023/kapolda-ntt-bakti-kesehatan-desa-falas.md").read_text(encoding="utf-8")
    assert "hari Minggu, 03 Desember 2023" in text
    assert list(mismatches(text)) == []


def _featured(src: str) -> str:
    return article("Isi.", image={"src": src, "alt": "Warga"})


def test_check_warns_about_a_featured_photo_narrower_than_1200(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site(
        files={
            "content/2023/a.md": _featured("a.jpg"),
            "content/2023/a.jpg": photo(1199, 800),
            "content/2023/b.md": _featured("b.jpg").replace("Judul Berita", "Berita Dua"),
            "content/2023/b.jpg": photo(1200, 600),
            "content/2023/c.md": article("![Warga](c.jpg)", title="Berita Tiga"),
            "content/2023/c.jpg": photo(640, 400),  # a body photo: no preview is made of it
        }
    )
    result = run_cli("check", str(site))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:-1] == [
        "content/2023/a.md:6: warning: 'image': the photo is 1199 px wide; "
        "Google Discover and link previews want at least 1200"
    ]
    assert re.fullmatch(
        r"checked 3 articles, \d+ pages and \d+ links: 0 errors, 1 warning", result.stdout.splitlines()[-1]
    )
    assert run_cli("check", "--strict", str(site)).exit_code == 1


def test_the_width_that_counts_is_the_upright_one(make_site: MakeSite) -> None:
    # a phone photo stored 1600×1000 and turned a quarter by its EXIF orientation is 1000 wide
    image = Image.open(BytesIO(photo(1600, 1000)))
    exif = image.getexif()
    exif[0x0112] = 6
    out = BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    site = make_site(files={"content/2023/a.md": _featured("a.jpg"), "content/2023/a.jpg": out.getvalue()})
    assert [d.format() for d in check_site(site).report.sorted()] == [
        "content/2023/a.md:6: warning: 'image': the photo is 1000 px wide; "
        "Google Discover and link previews want at least 1200"
    ]


def test_the_golden_site_warns_only_about_its_small_featured_photo(tmp_path: Path) -> None:
    # its large photo, and its correct "Senin, 12 Februari 2024" and "Selasa (13/2/2024)", pass
    site = tmp_path / "golden"
    shutil.copytree(REPO / "tests/golden/site", site)
    copy_theme(site)
    assert [d.format() for d in check_site(site, now=FIXED_NOW).report.warnings] == [
        "content/2023/jumat-curhat-polres-belu-desa-silawan.md:6: warning: "
        "tag 'polri' is written 'Polri' elsewhere; both are filed under 'Polri'",
        "content/2023/kapolda-ntt-bakti-kesehatan-desa-falas.md:8: warning: "
        "'image': the photo is 480 px wide; Google Discover and link previews want at least 1200",
    ]
