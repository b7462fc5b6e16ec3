"""Encodings: a BOM and any line ending give the same output; anything but UTF-8 is an error naming
the first bad byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.commands.check import check_site
from tests.hostile_support import build_cli
from tests.support import FIXED_NOW, article, tree

UNIX = article(body="Paragraf satu.\n\nParagraf dua,\nbaris berikut.", tags="[Polri]").encode()


def test_bom_crlf_and_lone_cr_give_byte_identical_output(tmp_path: Path) -> None:
    variants = {
        "lf": UNIX,
        "bom": b"\xef\xbb\xbf" + UNIX,
        "crlf": UNIX.replace(b"\n", b"\r\n"),
        "cr": UNIX.replace(b"\n", b"\r"),
        "bom-crlf": b"\xef\xbb\xbf" + UNIX.replace(b"\n", b"\r\n"),
    }
    trees = {}
    for name, data in variants.items():
        outcome = build_cli(tmp_path / name, {"content/a.md": data})
        assert (outcome.exit_code, outcome.diagnostics) == (0, []), name
        trees[name] = tree(outcome.output)
    assert all(t == trees["lf"] for t in trees.values())


@pytest.mark.parametrize(
    ("data", "byte"),
    [
        ("---\ntitle: Café\n---\n".encode("latin-1"), 14),  # counted from 0
        ("---\ntitle: Café\n".encode("utf-16"), 0),  # with its BOM
        ("---\ntitle: Café\n".encode("utf-16-le"), 1),  # no BOM: every other byte is NUL
        (b"\xef\xbb\xbf---\ntitle: Caf\xe9\n", 17),  # counted from the file's first byte, BOM included
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 0),
        (b"---\ntitle: A\x00B\n---\n", 12),
    ],
    ids=["latin-1", "utf-16", "utf-16-le", "bom-then-latin-1", "png", "nul"],
)
def test_other_encodings_and_binary_data_are_an_error_with_the_byte(tmp_path: Path, data: bytes, byte: int) -> None:
    outcome = build_cli(tmp_path, {"content/a.md": data})
    assert outcome.exit_code == 1
    assert outcome.errors == [f"content/a.md: error: not UTF-8 text (byte {byte}): save the file as UTF-8"]


def test_site_yaml_in_another_encoding_is_an_error_with_the_byte(tmp_path: Path) -> None:
    config = "title: Warta Café\nbase_url: https://warta-uji.test/\n".encode("cp1252")
    outcome = build_cli(tmp_path, {"content/a.md": UNIX}, None, prepare=lambda s: (s / "site.yaml").write_bytes(config))
    assert outcome.errors == ["site.yaml: error: not UTF-8 text (byte 16): save the file as UTF-8"]


def test_a_file_name_that_is_not_utf8_is_an_error_named_escaped_in_build_and_check(tmp_path: Path) -> None:
    def prepare(site: Path) -> None:
        content = os.fsencode(site / "content")
        with open(content + b"/caf\xe9.md", "wb") as handle:
            handle.write(article(slug="cafe").encode())
        os.mkdir(content + b"/arsip-\xff")
        with open(content + b"/arsip-\xff/b.md", "wb") as handle:
            handle.write(article(slug="b").encode())
        with open(os.fsencode(site / "assets") + b"/logo-\xe9.txt", "wb") as handle:
            handle.write(b"logo")

    outcome = build_cli(tmp_path, {"content/a.md": UNIX}, None, prepare=prepare)
    expected = [
        "assets/logo-\\xe9.txt: error: the file name is not UTF-8: rename it",
        "content/arsip-\\xff: error: the file name is not UTF-8: rename it",
        "content/caf\\xe9.md: error: the file name is not UTF-8: rename it",
    ]
    assert (outcome.exit_code, outcome.diagnostics) == (1, expected)
    assert not outcome.output.exists()
    report = check_site(outcome.site, now=FIXED_NOW).report
    assert [d.format() for d in report.sorted() if d.severity == "error"] == expected
