"""The contract's table of labels, hints and widgets (sitegen/read/contract.py), and what a
form writes for the fields an editor leaves blank (sitegen/read/blanks.py)."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace

import pytest

from sitegen.config import SiteConfig
from sitegen.read import contract
from sitegen.read.articles import KNOWN_KEYS, OPTIONAL_KEYS, read_article
from sitegen.util.slugs import check_slug
from tests.support import formatted

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/")

SOURCE = "content/2024/patroli-pasar-oeba.md"

# what Decap CMS 3.16.3 wrote in the browser test (e2e/cms.mjs) for a story whose optional
# fields were left blank
CMS_OUTPUT = """\
---
title: Polres Kupang Gelar Patroli Dialogis di Pasar Oeba
date: 2024-03-14 09:30
editor: Maria Goreti Ndoen
location: Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang
tags:
  - Polri
  - Patroli Dialogis
updated: ""
draft: false
image:
  src: photo.jpg
  alt: Polisi berbincang dengan pedagang di Pasar Oeba
---
Personel Polres Kupang Kota berpatroli dialogis di Pasar Oeba pada Kamis pagi.
"""

REQUIRED = """\
title: Patroli Dialogis
date: 2024-03-14 09:30
editor: Maria Goreti Ndoen
location: Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang
"""


def test_every_key_of_the_contract_has_one_entry_in_the_table() -> None:
    assert contract.missing_entries() == []
    assert contract.unknown_entries() == []
    assert sorted(entry.key for entry in contract.CONTRACT) == sorted(KNOWN_KEYS)


def test_a_key_added_to_the_contract_without_an_entry_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contract, "KNOWN_KEYS", (*KNOWN_KEYS, "sumber"))
    monkeypatch.setattr(contract, "CONTRACT", (*contract.CONTRACT, contract.KeySpec("tag", "Topik", "", "string")))

    assert contract.missing_entries() == ["sumber"]
    assert contract.unknown_entries() == ["tag"]


def test_every_entry_has_an_indonesian_label_and_hint() -> None:
    for entry in (*contract.CONTRACT, *contract.IMAGE_PARTS, contract.BODY):
        assert entry.label.strip() and entry.hint.strip(), entry.key
        assert entry.widget in ("string", "text", "datetime", "list", "boolean", "object", "image", "markdown")
    assert [part.key for part in contract.IMAGE_PARTS] == ["src", "alt", "caption", "credit"]
    assert [part.key for part in contract.IMAGE_PARTS if part.required] == ["src", "alt"]


@pytest.mark.parametrize(
    "slug", ["patroli-pasar-oeba", "Berita_1", "2024", "a/b", "..", "a b", "é", "%2e", "-", ".htaccess"]
)
def test_the_forms_slug_pattern_accepts_what_sitegen_accepts(slug: str) -> None:
    # (the CMS's JavaScript reads \w as ASCII only: it may refuse a slug sitegen takes, never
    # take one sitegen refuses; Windows names such as 'con' are caught by the build)
    takes = re.fullmatch(contract.SLUG_PATTERN.strip("^$"), slug) is not None
    if takes and slug.isascii():
        assert check_slug(slug) is None


def test_what_the_cms_writes_reads_without_a_problem() -> None:
    result = read_article(SOURCE, CMS_OUTPUT.encode(), CONFIG)

    assert formatted(result.diagnostics) == []
    assert result.article is not None
    assert result.article.updated is None
    assert result.article.tags == ("Polri", "Patroli Dialogis")
    assert [(image.src, image.alt) for image in result.article.images] == [
        ("photo.jpg", "Polisi berbincang dengan pedagang di Pasar Oeba")
    ]


BLANKS = ["''", '""', "[]", "{}", "null", "", "'   '"]


@pytest.mark.parametrize("key", OPTIONAL_KEYS)
@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_optional_key_is_the_key_absent(key: str, blank: str) -> None:
    text = f"---\n{REQUIRED}{key}: {blank}\n---\nIsi berita.\n"
    absent = read_article(SOURCE, f"---\n{REQUIRED}---\nIsi berita.\n".encode(), CONFIG)
    result = read_article(SOURCE, text.encode(), CONFIG)

    assert formatted(result.diagnostics) == []
    assert result.article is not None and absent.article is not None
    assert replace(result.article, digest="") == replace(absent.article, digest="")


def test_an_image_with_every_part_blank_is_no_image() -> None:
    image = "image:\n  src: ''\n  alt: ''\n  caption: ''\n  credit: ''\n"
    result = read_article(SOURCE, f"---\n{REQUIRED}{image}---\nIsi.\n".encode(), CONFIG)

    assert formatted(result.diagnostics) == []
    assert result.article is not None and result.article.images == ()


def test_an_image_with_blank_caption_and_credit_keeps_its_photo() -> None:
    image = "image:\n  src: foto.jpg\n  alt: Warga antre\n  caption: ''\n  credit: ''\n"
    result = read_article(SOURCE, f"---\n{REQUIRED}{image}---\nIsi.\n".encode(), CONFIG)

    assert formatted(result.diagnostics) == []
    assert result.article is not None
    assert [(i.src, i.alt, i.caption, i.credit) for i in result.article.images] == [("foto.jpg", "Warga antre", "", "")]


def test_a_photo_with_a_blank_alt_is_still_an_error() -> None:
    image = "image:\n  src: foto.jpg\n  alt: ''\n"
    result = read_article(SOURCE, f"---\n{REQUIRED}{image}---\nIsi.\n".encode(), CONFIG)

    assert any("'image'" in line and "alt" in line for line in formatted(result.diagnostics))
    assert result.article is None


@pytest.mark.parametrize("key", ["title", "editor", "location", "date"])
def test_a_blank_required_key_is_still_an_error(key: str) -> None:
    lines = [line if not line.startswith(f"{key}:") else f"{key}: ''" for line in REQUIRED.splitlines()]
    text = "---\n" + "\n".join(lines) + "\n---\nIsi.\n"
    result = read_article(SOURCE, text.encode(), CONFIG)

    assert result.article is None
    assert formatted(result.diagnostics), textwrap.shorten(text, 80)


def test_every_key_of_a_profile_has_one_entry_in_the_table() -> None:
    from sitegen.read.contract import PROFILE_CONTRACT, profile_mismatches

    assert profile_mismatches() == []
    assert all(entry.label and entry.hint for entry in PROFILE_CONTRACT)


# what Decap writes for a profile: blank fields empty, the links as a list of mappings
CMS_PROFILE = """---
name: Sefnat Besie
jabatan: Kasubbid Penmas Bidhumas
satuan: ''
photo:
  src: sefnat.jpg
  alt: ''
links:
  - label: Instagram
    url: https://www.instagram.com/humas/
---
Editor Bidang Humas.
"""


def test_what_the_cms_writes_for_a_profile_reads_without_a_problem() -> None:
    from sitegen.read.profiles import ProfileLink, read_profile

    profile, problems = read_profile("editors/sefnat-besie.md", CMS_PROFILE.encode())
    assert problems == [] and profile is not None
    assert (profile.satuan, profile.bio) == ("", ("Editor Bidang Humas.",))
    assert profile.photo is not None and (profile.photo.path, profile.photo.alt) == (
        "editors/sefnat.jpg",
        "Sefnat Besie",
    )
    assert profile.links == (ProfileLink("Instagram", "https://www.instagram.com/humas/"),)
    blank, problems = read_profile("editors/a.md", b"---\nname: A\nphoto:\n  src: ''\n  alt: ''\nlinks: []\n---\n")
    assert problems == [] and blank is not None and blank.photo is None
