"""Pathological Markdown: a depth, size and time limit per document, and the other articles are still
read and reported."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import markdown
import markdown.preprocessors
import pytest

from sitegen.commands.check import check_site
from sitegen.config import SiteConfig
from sitegen.read import markup
from tests.hostile_support import BODY_LINE, Outcome, build_cli
from tests.support import REPO, article

GOOD = article(title="Baik", slug="baik")


def pathological(tmp_path: Path, body: str | bytes) -> Outcome:
    data = body if isinstance(body, bytes) else article(body=body).encode()
    bad = article(editor="", slug="rusak")  # one more broken file: its error is reported too
    outcome = build_cli(tmp_path, {"content/a.md": data, "content/baik.md": GOOD, "content/rusak.md": bad})
    assert outcome.exit_code == 1
    assert "content/rusak.md:4: error: 'editor' is empty — write the author's name" in outcome.errors
    return outcome


def errors_of_a(outcome: Outcome) -> list[str]:
    return [e for e in outcome.errors if e.startswith("content/a.md")]


TOO_DEEP = f"content/a.md:{BODY_LINE}: error: the Markdown is nested too deeply to render"


def too_slow(limit: float) -> str:
    return f"content/a.md:{BODY_LINE}: error: the Markdown takes longer than {limit:g} s to render"


def test_hundreds_of_nested_list_markers(tmp_path: Path) -> None:
    assert errors_of_a(pathological(tmp_path, "- " * 500 + "x")) == [TOO_DEEP]


def test_thousands_of_nested_html_elements(tmp_path: Path) -> None:
    assert errors_of_a(pathological(tmp_path, "<div>" * 100_000 + "<div/>" * 100_000)) == [TOO_DEEP]


# The time limit is tested with slowness of our own: a Markdown step, registered by the test
# alone, that spins on a marker until it is interrupted. No parser's slow path (which a release
# may fix, as Python-Markdown 3.11 fixed nested brackets) is relied on. The spin gives up after
# SPIN_CAP seconds so that a broken limit fails the test instead of hanging the suite.
SPIN = "PUTAR-TERUS"
SPIN_CAP = 60.0


class _Spin(markdown.preprocessors.Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if any(SPIN in line for line in lines):
            give_up = time.monotonic() + SPIN_CAP
            while time.monotonic() < give_up:
                pass
        return lines


def converters_with(monkeypatch: pytest.MonkeyPatch, step: type[markdown.preprocessors.Preprocessor]) -> Iterator[None]:
    """Every converter sitegen makes from here on (forked workers included) runs ``step``
    first, with a time limit of 0.5 s; the converters are made anew before and after."""
    plain = markup.plain_markdown

    def with_step() -> markdown.Markdown:
        md = plain()
        md.preprocessors.register(step(md), "test-step", 100)
        return md

    markup._markdown.cache_clear()
    monkeypatch.setattr(markup, "plain_markdown", with_step)
    monkeypatch.setattr(markup, "TIME_LIMIT", 0.5)
    yield
    markup._markdown.cache_clear()


@pytest.fixture
def spinning_markdown(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Converters that spin on SPIN."""
    yield from converters_with(monkeypatch, _Spin)


@pytest.mark.usefixtures("spinning_markdown")
def test_a_body_that_never_finishes_rendering_hits_the_time_limit(tmp_path: Path) -> None:
    outcome = pathological(tmp_path, f"Paragraf biasa.\n\n{SPIN}\n")
    assert errors_of_a(outcome) == [too_slow(0.5)]
    assert "content/baik.md" not in " ".join(outcome.errors)  # the other articles are read as usual


@pytest.mark.usefixtures("spinning_markdown")
def test_the_time_limit_applies_in_forked_workers(tmp_path: Path) -> None:
    # 250 articles: the build reads them in worker processes (sitegen/parallel.py), forked
    # from this one (so they inherit the spinning converter and the shorter limit)
    files: dict[str, str | bytes] = {f"content/n{n}.md": article(slug=f"n{n}") for n in range(250)}
    files["content/a.md"] = article(body=SPIN)
    outcome = build_cli(tmp_path, files, None, "--jobs", "2")
    assert outcome.errors == [too_slow(0.5)]


@pytest.mark.usefixtures("spinning_markdown")
def test_after_a_time_out_the_next_body_renders_normally() -> None:
    with pytest.raises(TimeoutError):
        markup.render(SPIN)
    assert markup.render("*tetap* bisa") == "<p><em>tetap</em> bisa</p>"


# Real pathological inputs. Whether one renders within the limit depends on the release of
# Python-Markdown (3.10 was slow on deeply nested brackets, 3.11 made them fast): both outcomes
# are correct, as long as the article either renders or is an error at its line, and the build
# goes on to report the other articles.
PATHOLOGICAL = {
    "nested brackets": "[" * 20_000 + "]" * 20_000,
    "more nested brackets": "[" * 60_000 + "]" * 60_000,
    "nested links": "[a](" * 10_000 + ")" * 10_000,
    "emphasis storm": "*a **b " * 20_000,
    "underscore storm": "_" * 50_000 + "x" + "_" * 50_000,
    "backtick storm": "`" * 30_000 + "x",
    "long table": "| a | b |\n| --- | --- |\n" + "| x | y |\n" * 20_000,
    "wide table": "|" + " a |" * 5_000 + "\n|" + " --- |" * 5_000 + "\n|" + " x |" * 5_000,
    "nested quotes": "> " * 50_000 + "x",
    "nested lists": "\n".join("  " * n + "- x" for n in range(400)),
    "unclosed html comments": "<!--" * 20_000,
    "entity storm": "&amp;" * 100_000,
}


@pytest.mark.parametrize("body", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_a_pathological_body_renders_or_is_an_error_at_its_line(tmp_path: Path, body: str) -> None:
    files = {"content/a.md": article(body=body), "content/baik.md": GOOD}
    outcome = build_cli(tmp_path, files, {"page_budget_kb": 100_000})  # a body this big is heavy
    if outcome.exit_code == 0:
        assert outcome.errors == []
        assert (outcome.output / "2023/12/a/index.html").is_file()
    else:
        assert outcome.errors in ([TOO_DEEP], [too_slow(markup.TIME_LIMIT)])


def test_deeply_nested_raw_quotes_are_refused_before_the_sanitizer_sees_them(tmp_path: Path) -> None:
    # the sanitizer's HTML5 parser is quadratic in depth: 40,000 quotes would be slow
    assert errors_of_a(pathological(tmp_path, "<blockquote>" * 40_000)) == [TOO_DEEP]


def test_a_ten_megabyte_article_is_refused(tmp_path: Path) -> None:
    outcome = pathological(tmp_path, article(body="Kata " * 2_000_000).encode())
    assert errors_of_a(outcome) == [f"content/a.md:{BODY_LINE}: error: the body is larger than 2 MB"]


def test_the_time_limit_leaves_no_timer_or_handler_behind() -> None:
    handler = signal.getsignal(signal.SIGALRM)
    with pytest.raises(TimeoutError), markup.time_limit(0.05):
        while True:
            pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler
    assert markup.render("*tetap* bisa") == "<p><em>tetap</em> bisa</p>"


def test_the_shipped_site_is_unaffected_by_the_limits() -> None:
    # the limits are far above what a news article needs: no shipped article comes near them
    config = SiteConfig(title="T", base_url="https://x.test/")
    assert config.trust_html is False
    for path in sorted((REPO / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        assert markup.render(body).removed == ()  # and no time or depth limit is hit


# -- many places ---------------------------------------------------------------------------------


def too_many_places(count: int) -> str:
    return (
        f"content/a.md:5: error: 'location' has {count:,} places; "
        "at most 6 (desa, kecamatan, kabupaten, provinsi …) are allowed"
    )


@pytest.mark.parametrize(
    ("location", "count"),
    [
        (",".join(["a"] * 2_000), 2_000),  # one place over and over: each level a page of its own
        (",".join(f"d{n}" for n in range(1_500)), 1_500),
        ("Desa A, Desa B, Desa C, Desa D, Desa E, Desa F, Desa G", 7),
    ],
    ids=["repeated", "distinct", "seven"],
)
def test_a_location_of_too_many_places_is_an_error_at_its_line(tmp_path: Path, location: str, count: int) -> None:
    outcome = pathological(tmp_path, article(location=f'"{location}"').encode())
    assert errors_of_a(outcome) == [too_many_places(count)]
    check = check_site(outcome.site)
    assert [d.format() for d in check.report.errors if d.path == "content/a.md"] == [too_many_places(count)]


# -- HTML nested the way an HTML5 parser builds it ---------------------------------------------------
# A formatting element left open when its block closes is opened again inside the next one: only two
# elements are open in the text, but the sanitizer's parser nests one more with every block.

REOPENED = {
    "b in p": "<p><b title={n}></p>\n",
    "i in div": "<div><i class=x{n}></div>",
    "em in blockquote": "<blockquote><em title={n}></blockquote>",
    "strong in li": "<ul><li><strong title={n}></li></ul>",
    "font in p": "<p><font title={n}>x</p>",
    "code, u, s": "<p><code title={n}><u><s></p>\n",
}


def test_formatting_elements_reopened_block_after_block_are_too_deep(tmp_path: Path) -> None:
    assert errors_of_a(pathological(tmp_path, "<p><b title=N></p>\n" * 600)) == [TOO_DEEP]


@pytest.mark.parametrize("unit", REOPENED.values(), ids=REOPENED.keys())
def test_every_reopened_formatting_element_counts_toward_the_depth(unit: str) -> None:
    with pytest.raises(markup.NestedTooDeeply):
        markup.render("".join(unit.format(n=n) for n in range(600)))


def test_formatting_closed_with_its_cell_does_not_count() -> None:
    # a table cell is a boundary: what it leaves open is not opened again after it
    rows = "".join(f"<tr><td><b title={n}>x</td></tr>" for n in range(2_000))
    assert markup.render(f"<table>{rows}</table>").count("<td>") == 2_000
    closed = "".join(f"<p><b title={n}>x</b></p>\n" for n in range(2_000))
    assert markup.render(closed).count("<b ") == 2_000


# A step of our own that blocks in native code with SIGALRM blocked, as a native library that
# ignores signals would: only a limit that kills the process can stop it.
BLOCK = "TIDUR-TERUS"
BLOCK_CAP = 30.0


class _Block(markdown.preprocessors.Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if any(BLOCK in line for line in lines):
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            try:
                time.sleep(BLOCK_CAP)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return lines


@pytest.fixture
def blocking_markdown(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Converters that block in native code, SIGALRM masked, on BLOCK."""
    yield from converters_with(monkeypatch, _Block)


@pytest.mark.usefixtures("blocking_markdown")
def test_a_body_stuck_in_native_code_is_stopped_at_the_limit(tmp_path: Path) -> None:
    started = time.monotonic()
    outcome = pathological(tmp_path, f"Paragraf biasa.\n\n{BLOCK}\n")
    assert time.monotonic() - started < BLOCK_CAP / 2
    assert errors_of_a(outcome) == [too_slow(0.5)]
    assert (outcome.site / "content/baik.md").is_file()
    assert "content/baik.md" not in " ".join(outcome.errors)


@pytest.mark.usefixtures("blocking_markdown")
def test_a_body_stuck_in_native_code_is_stopped_in_forked_workers(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"content/n{n}.md": article(slug=f"n{n}") for n in range(250)}
    files["content/a.md"] = article(body=BLOCK)
    files["content/b.md"] = article(body=f"Kedua.\n\n{BLOCK}", slug="b")
    started = time.monotonic()
    outcome = build_cli(tmp_path, files, None, "--jobs", "2")
    assert time.monotonic() - started < BLOCK_CAP / 2
    slow_b = f"content/b.md:{BODY_LINE + 1}: error: the Markdown takes longer than 0.5 s to render"  # + 'slug'
    assert outcome.errors == [too_slow(0.5), slow_b]


# -- every step of reading an article is linear and under the limit ---------------------------------


def test_an_iframe_full_of_img_starts_reads_within_the_limit(tmp_path: Path) -> None:
    body = '<iframe src="https://www.youtube.com/embed/x">' + "<img " * 10_000 + '"</iframe>'
    started = time.monotonic()
    outcome = build_cli(tmp_path, {"content/a.md": article(body=body)}, {"page_budget_kb": 100_000})
    assert time.monotonic() - started < markup.TIME_LIMIT + 5
    assert outcome.exit_code == 0
    link = '<a href="https://www.youtube.com/embed/x">Tonton video di YouTube</a>'  # no video ID: a link
    assert link in outcome.text("2023/12/a/index.html")
