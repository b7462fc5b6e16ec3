"""The keys an editor names otherwise (Indonesian names, misspellings) and the required keys left
empty: a suggestion and a hint, in English and Indonesian, never Python's words."""

from __future__ import annotations

import pytest

from sitegen.config import SiteConfig
from sitegen.i18n import translator
from sitegen.read.articles import read_article
from sitegen.read.names import KEY_NAMES

CONFIG = SiteConfig(title="Uji", base_url="https://uji.test/")
INDONESIAN = translator("id")

FRONT = {
    "title": "Polisi Imbau Warga",
    "date": "2024-05-01 09:30",
    "editor": "Humas Polres Kupang",
    "location": "Kupang",
}


def told(**changes: str | None) -> list[tuple[int | None, str, str]]:
    front = {**FRONT, **changes}
    lines = "".join(f"{key}:{'' if value is None else ' ' + value}\n" for key, value in front.items())
    result = read_article("content/a.md", f"---\n{lines}---\nIsi.\n".encode(), CONFIG)
    return [(d.line, d.text(), d.text(INDONESIAN)) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("judul", "title"),
        ("tanggal", "date"),
        ("penulis", "editor"),
        ("pengarang", "editor"),
        ("wartawan", "editor"),
        ("lokasi", "location"),
        ("tempat", "location"),
        ("topik", "tags"),
        ("tag", "tags"),
        ("tagar", "tags"),
        ("label", "tags"),
        ("ringkasan", "summary"),
        ("foto", "image"),
        ("gambar", "image"),
        ("Lokasi", "location"),
    ],
)
def test_an_indonesian_name_of_a_key(name: str, key: str) -> None:
    assert (
        6,
        f"unknown key '{name}' — did you mean '{key}'?",
        f"kunci '{name}' tidak dikenal — maksud Anda '{key}'?",
    ) in told(**{name: "x"})


def test_a_misspelt_key() -> None:
    assert told(locaton="Kupang")[0][1:] == (
        "unknown key 'locaton' — did you mean 'location'?",
        "kunci 'locaton' tidak dikenal — maksud Anda 'location'?",
    )


def test_a_key_like_no_other() -> None:
    assert told(rubrik="Hukum") == [(6, "unknown key 'rubrik'", "kunci 'rubrik' tidak dikenal")]


def test_every_other_name_is_of_a_known_key() -> None:
    from sitegen.read.articles import KNOWN_KEYS

    assert set(KEY_NAMES.values()) <= set(KNOWN_KEYS)
    assert not set(KEY_NAMES) & set(KNOWN_KEYS)


@pytest.mark.parametrize(
    ("key", "line", "english", "indonesian"),
    [
        ("title", 2, "'title' is empty — write the headline", "'title' kosong — tulis judul berita"),
        (
            "date",
            3,
            "'date' is empty — write the date and time, e.g. 2024-05-01 09:30",
            "'date' kosong — tulis tanggal dan jam, mis. 2024-05-01 09:30",
        ),
        ("editor", 4, "'editor' is empty — write the author's name", "'editor' kosong — tulis nama penulis"),
        (
            "location",
            5,
            "'location' is empty — write where it happened, e.g. Soe, Timor Tengah Selatan",
            "'location' kosong — tulis tempat kejadian, mis. Soe, Timor Tengah Selatan",
        ),
    ],
)
@pytest.mark.parametrize("empty", [None, "''", '"  "'])
def test_an_empty_required_key(key: str, line: int, english: str, indonesian: str, empty: str | None) -> None:
    assert told(**{key: empty}) == [(line, english, indonesian)]
