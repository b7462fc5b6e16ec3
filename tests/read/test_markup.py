"""The inline shortcut gives exactly Python-Markdown's output, only faster."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.read import markup
from tests.hostile_support import epoch
from tests.support import REPO, article, write_site

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


def _bodies(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.md"))


SHIPPED = _bodies(REPO / "content") + _bodies(REPO / "tests/golden/site/content")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shortcut_equals_python_markdown_on_the_shipped_and_golden_articles(path: Path) -> None:
    fast, plain = _both(path.read_text(encoding="utf-8").split("---", 2)[2])
    assert fast == plain


def test_the_shipped_and_golden_sites_have_articles_to_compare() -> None:
    assert len(SHIPPED) >= 10


def test_the_locked_release_of_python_markdown_is_one_the_shortcut_was_verified_against() -> None:
    # When this fails after an upgrade, run this file on the new release and add it to the list.
    assert markup.quick_inline_verified()
    assert any(isinstance(p, markup._QuickInlineProcessor) for p in markup._markdown().treeprocessors)
    assert markup.converter_note() is None


@pytest.mark.parametrize("version", ["3.9", "3.12.0", "4.0", "3.1", "3.110"])
def test_any_other_release_is_not_verified(version: str) -> None:
    assert not markup.quick_inline_verified(version)


@pytest.mark.parametrize("version", ["3.10.2", "3.11", "3.11.4"])
def test_the_verified_releases(version: str) -> None:
    assert markup.quick_inline_verified(version)


@pytest.fixture
def unverified_release(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    markup._markdown.cache_clear()
    monkeypatch.setattr(markup, "VERIFIED_MARKDOWN", ("0.1",))
    yield
    markup._markdown.cache_clear()


@pytest.mark.usefixtures("unverified_release")
def test_an_unverified_release_renders_with_the_stock_step_and_the_same_html() -> None:
    md = markup._markdown()
    assert not any(isinstance(p, markup._QuickInlineProcessor) for p in md.treeprocessors)
    for text in SAMPLES:
        assert markup.render(text) == markup.sanitize(markup.plain_markdown().convert(text))


@pytest.mark.usefixtures("unverified_release")
def test_an_unverified_release_is_a_warning_printed_once_per_build(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", None, {"content/a.md": article(), "content/b.md": article(slug="b")})
    for _ in range(2):  # the second build takes the nothing-changed path
        result = CliRunner().invoke(main, ["build", str(site)], env={"SOURCE_DATE_EPOCH": epoch()})
        assert result.exit_code == 0, result.output
        notes = [line for line in result.stderr.splitlines() if "Python-Markdown" in line]
        assert len(notes) == 1
        assert notes[0].startswith(f"warning: Python-Markdown {markdown.__version__} is not a release")
