"""sitegen check on pages of thousands of links: every broken one reported at its line, and each
line of an article read a bounded number of times however many links it holds."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import SupportsIndex, overload
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.commands import check
from sitegen.commands.check import check_site, sources
from sitegen.commands.check.sources import Source
from tests.support import MakeSite, article

FIRST_LINE = 8  # article(): seven lines of front matter with its fences, then the body
LINKS = 2_000


class CountedLines(tuple[str, ...]):
    """An article's lines that count every line read from them, by index, slice or iteration."""

    reads = 0

    @overload
    def __getitem__(self, index: SupportsIndex) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> str | tuple[str, ...]:
        found = super().__getitem__(index)
        CountedLines.reads += len(found) if isinstance(index, slice) else 1
        return found

    def __iter__(self) -> Iterator[str]:
        for line in super().__iter__():
            CountedLines.reads += 1
            yield line


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[CountedLines]:
    read_sources = check.read_sources  # type: ignore[attr-defined]

    def counting(site_dir: Path, paths: Iterable[str]) -> dict[str, Source]:
        sources = read_sources(site_dir, paths)
        return {p: dataclasses.replace(s, lines=CountedLines(s.lines)) for p, s in sources.items()}

    monkeypatch.setattr(check, "read_sources", counting)
    CountedLines.reads = 0
    return CountedLines


def errors(site: Path) -> list[str]:
    return [d.format() for d in check_site(site).report.sorted() if d.severity == "error"]


def broken(line: int, link: str) -> str:
    return f"content/2023/a.md:{line}: error: link '{link}' leads to no page or file of the site"


# a page of broken links, each a paragraph of its own (one paragraph of thousands of links takes
# Python-Markdown longer than the time limit to render): as written, and written so that the rendered
# link is not in the Markdown (the \\_ is rendered _), which is reported at the body's first line
@pytest.mark.parametrize(
    ("written", "rendered", "at_its_line"),
    [
        ("/2023/10/hilang-{n}/", "/2023/10/hilang-{n}/", True),
        ("/2023/10/hilang\\_{n}/", "/2023/10/hilang_{n}/", False),
    ],
    ids=["as written", "unescaped"],
)
def test_thousands_of_broken_links_read_each_line_a_few_times(
    make_site: MakeSite, counted: type[CountedLines], written: str, rendered: str, at_its_line: bool
) -> None:
    body = "\n\n".join(f"Tautan [rusak]({written.format(n=n)})." for n in range(LINKS))
    site = make_site({"page_budget_kb": 10_000}, {"content/2023/a.md": article(body, slug="a")})
    found = errors(site)
    lines = [FIRST_LINE + 2 * n if at_its_line else FIRST_LINE for n in range(LINKS)]
    assert sorted(found) == sorted(broken(line, rendered.format(n=n)) for n, line in enumerate(lines))
    # every pass over the article reads its lines once: a few passes, not one per link
    assert counted.reads <= 20 * (FIRST_LINE + 2 * LINKS), counted.reads


def test_hundreds_of_broken_links_on_one_line(make_site: MakeSite) -> None:
    body = "Tautan: " + ", ".join(f"[{n}](/2023/10/hilang-{n}/)" for n in range(200))
    site = make_site({"page_budget_kb": 10_000}, {"content/2023/a.md": article(body, slug="a")})
    assert sorted(errors(site)) == sorted(broken(FIRST_LINE, f"/2023/10/hilang-{n}/") for n in range(200))


def test_one_broken_link_written_thousands_of_times_is_one_error_at_its_first_line(make_site: MakeSite) -> None:
    body = "Paragraf.\n\n" + "\n\n".join(["Lihat [ini](/2023/10/hilang/) lagi."] * LINKS)
    site = make_site({"page_budget_kb": 10_000}, {"content/2023/a.md": article(body, slug="a")})
    assert errors(site) == [broken(FIRST_LINE + 2, "/2023/10/hilang/")]


def test_a_link_is_found_whole_before_it_is_found_inside_another(make_site: MakeSite) -> None:
    # /10/x/ is inside /2023/10/x/ on the first line: its own line is the third
    body = "[a](/2023/10/x/)\n\n[b](/10/x/) and [b](/10/x/) [c](/10/y/)\n\n[d](x/10/y/)"
    site = make_site(files={"content/2023/a.md": article(body, slug="a")})
    assert errors(site) == [
        broken(FIRST_LINE, "/2023/10/x/"),
        broken(FIRST_LINE + 2, "/10/x/"),
        broken(FIRST_LINE + 2, "/10/y/"),
        "content/2023/a.md:12: error: link 'x/10/y/' (/2023/12/a/x/10/y/) leads to no page or file of the site",
    ]


def line_of_by_scanning(source: Source, link: str) -> int:
    """Source.line_of as it was, one pass over the lines per link: the oracle of lines_of."""
    whole = re.compile(rf"(?<![\w/.%-]){re.escape(link)}(?![\w/%#?-])")
    body = range(source.body_line, len(source.lines) + 1)
    for number in body:
        if whole.search(source.lines[number - 1]):
            return number
    return next((number for number in body if link in source.lines[number - 1]), source.body_line)


_LINE = st.text(alphabet="/ax.-#?(é \t", max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=8), st.lists(st.text(alphabet="/ax.-#(é\n", max_size=4), max_size=40))
def test_lines_of_finds_each_link_where_a_pass_per_link_does(body: list[str], links: list[str]) -> None:
    source = Source("content/a.md", ("---", "title: A", "---", *body), {}, 4)
    expected = {link: line_of_by_scanning(source, link) for link in links}
    for few in (0, len(links)):  # every link in a pass over the lines, then each on its own
        with mock.patch.object(sources, "_FEW", few):
            assert source.lines_of(links) == expected


def test_a_video_player_is_no_problem_for_check(make_site: MakeSite) -> None:
    # the player's thumbnail has alt text and its link is YouTube's watch page: nothing to report
    body = "Pembuka.\n\nhttps://youtu.be/Ab3_-xY9zQ0\n\n[Patroli malam](https://www.youtube.com/shorts/Zx8_-kP2mN4)"
    assert errors(make_site(files={"content/2023/a.md": article(body)})) == []
