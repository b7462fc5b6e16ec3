"""Slugs: readable, stable, one URL path segment."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.util.slugs import check_slug, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Polri", "polri"),
        ("POLRI", "polri"),
        ("Pemilu 2024", "pemilu-2024"),
        ("Jum'at Curhat", "jumat-curhat"),
        ("Jum’at Curhat", "jumat-curhat"),
        ("Jum`at  Curhat", "jumat-curhat"),
        ("Ba'a", "baa"),
        ("Bakti Sosial – Sumba Timur", "bakti-sosial-sumba-timur"),
        ("  Operasi Zebra (2023)!  ", "operasi-zebra-2023"),
        ("Operasi_Zebra__Turangga", "operasi-zebra-turangga"),
        ("Kapolda NTT: Bakti Kesehatan, Desa Falas", "kapolda-ntt-bakti-kesehatan-desa-falas"),
        ("Café Ngada", "cafe-ngada"),
        ("Ñusa Tenggara", "nusa-tenggara"),
        ("Straße", "strasse"),
        ("ﬁlm", "film"),
        ("Kepolisian 警察", "kepolisian-警察"),
        ("a/b\\c", "a-b-c"),
        ("..", ""),
        ("?!", ""),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("kapolda-ntt", None),
        ("pemilu-2024", None),
        ("Kapolda_NTT", None),
        ("kepolisian-警察", None),
        ("con-x", None),
        ("console", None),
        ("", "is empty"),
        (".", "must not contain '/', '\\', NUL or be '.' or '..'"),
        ("..", "must not contain '/', '\\', NUL or be '.' or '..'"),
        ("a/b", "must not contain '/', '\\', NUL or be '.' or '..'"),
        ("a\\b", "must not contain '/', '\\', NUL or be '.' or '..'"),
        ("a\x00b", "must not contain '/', '\\', NUL or be '.' or '..'"),
        ("con", "'con' is a name Windows reserves"),
        ("NUL", "'NUL' is a name Windows reserves"),
        ("com1", "'com1' is a name Windows reserves"),
        ("lpt9.txt", "'lpt9.txt' is a name Windows reserves"),
        # Windows reads a superscript digit as the digit: COM¹ is COM1; COM0 and LPT0 are reserved too
        ("COM\u00b9", "'COM\u00b9' is a name Windows reserves"),
        ("lpt\u00b2", "'lpt\u00b2' is a name Windows reserves"),
        ("com\u00b3", "'com\u00b3' is a name Windows reserves"),
        ("com0", "'com0' is a name Windows reserves"),
        ("LPT0", "'LPT0' is a name Windows reserves"),
        ("\uff23\uff2f\uff2e", "'\uff23\uff2f\uff2e' is a name Windows reserves"),  # full-width CON
        ("n\u00fcl", None),  # an accent makes another name
        ("com10", None),
        ("kapolda ntt", "may hold only letters, digits and '-'"),
        ("kapolda.html", "may hold only letters, digits and '-'"),
        ("?x", "may hold only letters, digits and '-'"),
    ],
)
def test_check_slug(slug: str, problem: str | None) -> None:
    why = check_slug(slug)
    assert (None if why is None else str(why)) == problem


@given(st.text())
def test_slugify_properties(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug  # stable: a slug is its own slug
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "--" not in slug
    if slug:
        assert re.fullmatch(r"[\w-]+", slug)
        assert "_" not in slug
        why = check_slug(slug)
        assert why is None or str(why) == f"'{slug}' is a name Windows reserves"


_EDITOR_TEXT = st.text(alphabet=string.ascii_letters + string.digits + "éèñü '’-_.,:()/", max_size=40)


@given(_EDITOR_TEXT)
def test_slugify_ignores_case_and_apostrophes(text: str) -> None:
    assert slugify(text.upper()) == slugify(text) == slugify(text.lower())
    assert slugify(text.replace("'", "").replace("’", "")) == slugify(text)
