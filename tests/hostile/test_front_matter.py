"""Front matter is data, never code: no YAML tag runs, and bombs, depth and size are refused at
their line."""

from __future__ import annotations

from pathlib import Path

from tests.hostile_support import build_cli
from tests.support import article


def front_matter_errors(tmp_path: Path, text: str) -> list[str]:
    outcome = build_cli(tmp_path, {"content/a.md": text.encode()})
    assert outcome.exit_code == 1
    return outcome.errors


def test_python_tags_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = article(title=f'!!python/object/apply:os.system ["touch {marker}"]')
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:2: error: 'title' starts with '!', which has a meaning of its own in YAML: put the whole value "
        f"in quotes: `title: '!!python/object/apply:os.system [\"touch {marker}\"]'`"
    ]
    assert not marker.exists()


def test_duplicate_keys_are_an_error_naming_both_lines(tmp_path: Path) -> None:
    text = article(title="Satu").replace("---\n", "---\ntitle: Dua\n", 1)
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:3: error: 'title' is written twice (first on line 2): keep one"
    ]


def test_an_alias_bomb_is_rejected_before_it_is_expanded(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]" for n in range(8)]
    text = "---\n" + "\n".join(lines) + "\ntitle: T\n---\nIsi.\n"
    # reported on the line of the values that multiply
    assert front_matter_errors(tmp_path, text) == ["content/a.md:2: error: front matter has more than 2000 values"]


def test_deeply_nested_flow_collections_are_rejected(tmp_path: Path) -> None:
    text = "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nIsi.\n"
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:2: error: this value holds lists or groups nested too deeply to read: put text in quotes"
    ]


def test_deeply_nested_block_mappings_are_rejected(tmp_path: Path) -> None:
    text = "---\n" + "".join("  " * n + f"k{n}:\n" for n in range(30)) + "  " * 30 + "x\n---\nIsi.\n"
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:23: error: front matter is nested deeper than 20 levels"
    ]


def test_a_huge_value_is_rejected_on_its_line(tmp_path: Path) -> None:
    text = article(summary="x" * 20_000)
    assert front_matter_errors(tmp_path, text) == ["content/a.md:6: error: a value is longer than 10,000 characters"]


def test_a_huge_number_is_rejected_on_its_line(tmp_path: Path) -> None:
    text = article(title="9" * 5_000)
    assert front_matter_errors(tmp_path, text) == ["content/a.md:2: error: 'title': the number is too large"]


def test_huge_front_matter_is_rejected(tmp_path: Path) -> None:
    text = "---\n" + "".join(f"k{n}: {'x' * 60}\n" for n in range(1_200)) + "---\nIsi.\n"
    assert front_matter_errors(tmp_path, text) == ["content/a.md:2: error: front matter is larger than 64 KB"]


def test_a_date_beyond_what_a_calendar_holds_is_an_error(tmp_path: Path) -> None:
    text = article(date="0001-01-01 00:00 +08:00")
    assert front_matter_errors(tmp_path, text) == [
        "content/a.md:3: error: 'date': '0001-01-01 00:00 +08:00' is too far in the past or the future"
    ]
