"""The inline shortcut gives exactly Python-Markdown's output, only faster."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import markup

SAMPLES = [
    "Biasa saja, tanpa tanda apa pun.",
    "Kata *miring* dan **tebal** dan _garis_ dan __dua__ dan ***tiga***.",
    'Tautan [Polri](https://polri.go.id) dan [rujukan][1] dan ![foto](a.jpg "judul").\n\n[1]: https://x.test/',
    "Kode `x = 1` dan ``dua `tanda` `` dan \\*bukan miring\\* dan \\\\ garis miring.",
    "Surel <humas@polda.test> dan <https://ntt.test/> dan <b>tebal</b> dan &amp; &copy; &#169;.",
    "Baris satu  \nbaris dua dengan dua spasi.",
    "* satu\n* dua *miring*\n\n1. a\n2. [b](c)\n\n> kutipan **tebal**\n\n## Judul `kode`\n",
    "| a | b |\n| - | - |\n| *x* | [y](z) |\n\n```\n*tidak* [diubah]\n```\n",
    "2 * 3 * 4 dan snake_case_name dan a_b*c",
]


def _both(text: str) -> tuple[str, str]:
    return markup._markdown().reset().convert(text), markup.plain_markdown().convert(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_shortcut_output_equals_python_markdown(text: str) -> None:
    fast, plain = _both(text)
    assert fast == plain


def test_shortcut_equals_python_markdown_on_generated_news() -> None:
    rng = random.Random(7)
    pieces = ["Kapolres", "*", "_", "[", "]", "(", ")", "<", ">", "&", "`", "\\", "!", "  \n", "\n\n", " ", "a", "#"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        fast, plain = _both(text)
        assert fast == plain, text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab *_[]()<>&`\\!#-\n:/.@", max_size=80))
def test_shortcut_equals_python_markdown_on_any_markup(text: str) -> None:
    fast, plain = _both(text)
    assert fast == plain
