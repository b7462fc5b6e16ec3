"""The search index in shards (sitegen/write/search_shards.py): a year's articles in each, the
newest month's apart; the oldest shard is the primary in ``pagefind/``, the others in
``pagefind/<shard>/``, listed by ``pagefind/shards.json``. A build makes again only the shards
whose records changed, and its tree is the bytes of a clean build's."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from sitegen.build import BuildOptions, build
from sitegen.write import search
from sitegen.write.search_records import Record
from sitegen.write.search_shards import Shard, Shards, manifest, shard_name
from tests.support import MakeSite, article, formatted, tree
from tests.write.test_search import pagefind_runs

needs_pagefind = pytest.mark.skipif(
    search.find_binary() is None, reason="Pagefind is not installed: pip install 'sitegen[search]'"
)

NOW = dt.datetime(2025, 6, 1, 4, 0, tzinfo=dt.UTC)

FILES = {
    "content/a/lama.md": article("Patroli lama di Kupang.", title="Lama", date="2022-03-01 09:00"),
    "content/a/satu.md": article("Festival sasando di Kupang.", title="Satu", date="2023-05-01 09:00"),
    "content/a/dua.md": article("Penenun ikat di Oelolok.", title="Dua", date="2023-08-01 09:00"),
    "content/b/jan.md": article("Banjir di Malaka.", title="Januari", date="2024-01-10 09:00", tags="[Bencana]"),
    "content/b/mar.md": article("Longsor di Ende.", title="Maret", date="2024-03-10 09:00"),
    "content/b/mar2.md": article("Pemilu di Labuan Bajo.", title="Maret Dua", date="2024-03-20 09:00"),
}
URLS = {
    "lama": "/2022/03/lama/",
    "satu": "/2023/05/satu/",
    "dua": "/2023/08/dua/",
    "jan": "/2024/01/jan/",
    "mar": "/2024/03/mar/",
    "mar2": "/2024/03/mar2/",
}
RUNTIME = ("pagefind.js", "pagefind-worker.js", "wasm.id.pagefind", "pagefind-ui.js")


def fragments(folder: Path) -> list[str]:
    """The URLs of the pages one shard's folder indexes."""
    urls = []
    for path in (folder / "fragment").glob("*.pf_fragment"):
        urls.append(json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"])
    return sorted(urls)


def test_the_newest_month_is_a_shard_of_its_own_the_others_go_by_year() -> None:
    assert shard_name(2023, 5, (2024, 3)) == "2023"
    assert shard_name(2024, 3, (2024, 3)) == "2024-03"
    assert shard_name(2024, 2, (2024, 3)) == "2024"
    assert sorted({shard_name(2024, m, (2024, 11)) for m in range(1, 12)} | {shard_name(2023, 1, (2024, 11))}) == [
        "2023",
        "2024",
        "2024-11",
    ]


@needs_pagefind
def test_each_shard_is_an_index_of_its_own_the_oldest_the_primary(make_site: MakeSite) -> None:
    output = build(make_site(files=FILES), BuildOptions(now=NOW)).output
    index = output / "pagefind"

    assert json.loads((index / "shards.json").read_bytes()) == {
        "merge": ["2023/", "2024/", "2024-03/"],
        # every value of each filter: the search page offers them without every shard's filter files
        "filters": {
            "lokasi": ["Kabupaten Timor Tengah Selatan"],
            "tahun": ["2022", "2023", "2024"],
            "topik": ["Bencana"],
        },
    }
    assert fragments(index) == [URLS["lama"]]  # the primary: Pagefind's whole bundle
    assert all((index / name).is_file() for name in RUNTIME)
    assert fragments(index / "2023") == [URLS["satu"], URLS["dua"]]
    assert fragments(index / "2024") == [URLS["jan"]]
    assert fragments(index / "2024-03") == [URLS["mar"], URLS["mar2"]]
    for shard in ("2023", "2024", "2024-03"):
        names = {p.relative_to(index / shard).as_posix() for p in (index / shard).rglob("*") if p.is_file()}
        assert "pagefind-entry.json" in names and any(n.endswith(".pf_meta") for n in names)
        assert not names & set(RUNTIME)  # merged: the primary's script and WebAssembly search it
        entry = json.loads((index / shard / "pagefind-entry.json").read_bytes())
        assert list(entry["languages"]) == ["id"]


@needs_pagefind
def test_a_build_makes_again_exactly_the_shards_whose_records_changed_and_equals_a_clean_build(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files=FILES)
    runs = pagefind_runs(monkeypatch)
    build(site, BuildOptions(now=NOW))
    assert sorted(runs) == sorted(
        [[URLS["lama"]], [URLS["satu"], URLS["dua"]], [URLS["jan"]], [URLS["mar"], URLS["mar2"]]]
    )

    def clean() -> dict[str, bytes]:
        copy = tmp_path / f"clean-{len(runs)}"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", ".sitegen-cache", ".public.*"))
        return tree(build(copy, BuildOptions(now=NOW, use_cache=False)).output)

    def edit(name: str, old: str, new: str) -> Callable[[], None]:
        path = next(site.glob(f"content/*/{name}.md"))
        return lambda: path.write_text(path.read_text().replace(old, new))

    def add(name: str, date: str) -> Callable[[], None]:
        return lambda: (site / f"content/b/{name}.md").write_text(article(f"Berita {name}.", title=name, date=date))

    steps: list[tuple[str, Callable[[], None], list[list[str]]]] = [
        ("a story's text in an old year", edit("satu", "sasando", "sasando meriah"), [[URLS["satu"], URLS["dua"]]]),
        ("a story's text in a month", edit("mar2", "Pemilu", "Pemilu damai"), [[URLS["mar"], URLS["mar2"]]]),
        ("a layout: no record changes", lambda: None, []),
        (
            "a story moves from an old year to a month",
            edit("dua", "2023-08-01", "2024-01-20"),
            [[URLS["satu"]], ["/2024/01/dua/", URLS["jan"]]],
        ),
        ("a year emptied", lambda: (site / "content/a/satu.md").unlink(), []),
        (
            "the newest year's other months emptied",
            lambda: [path.unlink() for path in (site / "content/a/dua.md", site / "content/b/jan.md")],
            [],
        ),
        (
            "a newer month: the last month's stories join their year's shard",
            add("mei", "2024-05-02 09:00"),
            [[URLS["mar"], URLS["mar2"]], ["/2024/05/mei/"]],
        ),
        (
            "a new year: last year's stories make one shard",
            add("baru", "2025-02-01 09:00"),
            [[URLS["mar"], URLS["mar2"], "/2024/05/mei/"], ["/2025/02/baru/"]],
        ),
        (
            "an older year than any: the primary changes",
            add("tua", "2021-02-01 09:00"),
            [["/2021/02/tua/"], [URLS["lama"]]],
        ),
    ]
    layout = site / "layouts/base.html"
    for what, change, made in steps:
        if what.startswith("a layout"):
            layout.write_text(layout.read_text().replace("Langsung ke isi", "Lompat ke isi"))
        before = len(runs)
        change()
        incremental = tree(build(site, BuildOptions(now=NOW)).output)
        assert sorted(runs[before:]) == sorted(made), what
        assert incremental == clean(), what

    index = site / "public/pagefind"
    assert json.loads((index / "shards.json").read_bytes())["merge"] == ["2022/", "2024/", "2025-02/"]
    assert not (index / "2023").exists() and not (index / "2024-03").exists()  # shards no longer made: gone


@needs_pagefind
def test_shards_made_at_once_give_the_bytes_of_shards_made_one_by_one(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files=FILES)
    made: dict[int, dict[str, bytes]] = {}
    for in_flight in (1, 2):
        monkeypatch.setattr(search, "IN_FLIGHT", in_flight)
        copy = tmp_path / f"copy-{in_flight}"
        shutil.copytree(site, copy)
        made[in_flight] = tree(build(copy, BuildOptions(now=NOW, use_cache=False)).output)
    assert made[1] == made[2]
    assert any(name.startswith("pagefind/2024-03/") for name in made[1])


@needs_pagefind
def test_one_shard_pagefind_cannot_make_leaves_the_whole_index_out(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files=FILES)
    build(site, BuildOptions(now=NOW))
    real = search._run

    def failing(binary: Path, found: Iterable[Record], language: str, folder: Path) -> Any:
        return "Pagefind failed with status 3" if folder.name == "2023" else real(binary, found, language, folder)

    monkeypatch.setattr(search, "_run", failing)
    path = site / "content/a/satu.md"
    path.write_text(path.read_text().replace("sasando", "sasando meriah"))
    result = build(site, BuildOptions(now=NOW))

    assert formatted(result.report) == [
        "pagefind: warning: search index not built: Pagefind failed with status 3; the site is published without it"
    ]
    assert not (result.output / "pagefind").exists()  # no index that misses a year without saying so
    monkeypatch.setattr(search, "_run", real)
    path.write_text(path.read_text().replace("meriah", "ramai"))
    assert (build(site, BuildOptions(now=NOW)).output / "pagefind/2023/pagefind-entry.json").is_file()


def test_the_manifest_carries_editors_filter_values_inert_and_exact() -> None:
    hostile = ["<script>alert(5)</script>", '"><svg onload=alert(6)>', "Fish & Chips"]
    found = Shards([Shard("2023", True, "k", 1), Shard("2024", False, "k", 1)], {"topik": hostile})

    data = manifest(found)

    for character in (b"<", b">", b"&"):
        assert character not in data
    assert json.loads(data) == {"merge": ["2024/"], "filters": {"topik": hostile}}
