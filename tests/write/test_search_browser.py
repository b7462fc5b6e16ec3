"""Search as a reader meets it: the shipped portal built with its index, /cari/ opened in
Chromium (e2e/search.mjs) for a fixed set of queries, and what the results page shows checked.

Runs when e2e/node_modules (``make e2e``), Chromium, node and Pagefind are installed; skipped
otherwise, unless SITEGEN_REQUIRE_BROWSER=1, which turns a missing tool into a failure.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from sitegen.build import BuildOptions, build
from sitegen.write import search
from tests.support import FIXED_NOW, REPO, require_chromium

ZEBRA = "/2023/09/operasi-zebra-turangga-2023-kota-kupang/"
FALAS = "/2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/"
ROTE = "/2024/01/bhabinkamtibmas-rote-ndao-ajak-warga-jaga-kamtibmas/"
KETUPAT = "/2024/04/operasi-ketupat-turangga-2024-polres-tts-siagakan-pos/"
LONGSOR = "/2024/03/polisi-bantu-bersihkan-longsor-trans-flores-ende/"
MANGGARAI = "/2023/11/polres-manggarai-barat-simulasi-pengamanan-pemilu-2024/"

QUERIES: list[dict[str, Any]] = [
    {"q": "zebra"},  # a word of a title
    {"q": "Lobalain"},  # a place named only in the article's location
    {"q": "kamtibmas"},  # a word of the site's name, which the header of every page holds
    {"q": "Asadoma"},  # a name in one story's text only
    {"q": "polri", "filter": ["lokasi", "Kabupaten Timor Tengah Selatan"]},
    {"q": "polri", "filter": ["tahun", "2024"]},
    {"q": "pemilu", "filter": ["topik", "Kamtibmas"]},
    {"q": "polri", "filter": ["tahun", "2023"]},
    {"q": "polri", "address": ["tahun", "2023"]},  # the year in the address: only its shards are merged
]


def _missing() -> str | None:
    if not (REPO / "e2e/node_modules/playwright-core").is_dir():
        return "e2e/node_modules is not installed (make e2e)"
    if shutil.which("node") is None:
        return "no node on PATH"
    if search.find_binary() is None:
        return "Pagefind is not installed: pip install 'sitegen[search]'"
    return None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    missing = _missing()
    if missing is not None:
        if os.environ.get("SITEGEN_REQUIRE_BROWSER") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    require_chromium()
    output = tmp_path_factory.mktemp("portal") / "public"
    build(REPO, BuildOptions(output=output, now=FIXED_NOW, use_cache=False))
    handler = functools.partial(_Quiet, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def seen(served: str) -> list[dict[str, Any]]:
    command = ["node", "e2e/search.mjs", "--url", served, "--queries", json.dumps(QUERIES), "--requests"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["errors"] == []
    report: list[dict[str, Any]] = result["report"]
    return report


def _urls(answer: dict[str, Any]) -> list[str]:
    return [result["url"] for result in answer["results"]]


def test_a_title_word_a_place_and_a_word_of_one_story_find_their_article_first(seen: list[dict[str, Any]]) -> None:
    zebra, lobalain, _, asadoma, *_ = seen
    assert _urls(zebra)[0] == ZEBRA
    assert _urls(lobalain) == [ROTE]
    assert _urls(asadoma) == [FALAS]


def test_the_site_name_in_every_header_no_longer_matches_every_article(seen: list[dict[str, Any]]) -> None:
    kamtibmas = _urls(seen[2])
    assert ROTE in kamtibmas and FALAS in kamtibmas  # its title; its text ("… (Kamtibmas) …")
    assert MANGGARAI in kamtibmas  # filed under the topic Kamtibmas
    for unrelated in (ZEBRA, KETUPAT, LONGSOR):  # none says it: only the page's header did
        assert unrelated not in kamtibmas


def test_excerpts_show_the_story_not_the_header_or_the_title(seen: list[dict[str, Any]]) -> None:
    for answer in seen:
        for result in answer["results"]:
            excerpt, title = result["excerpt"], result["title"]
            assert excerpt, result
            assert "Warta Kamtibmas NTT" not in excerpt, result  # the dateline, the site's name
            for header in ("WITA", "Editor:", "Foto:", "Diperbarui"):
                assert header not in excerpt, (header, result)
            assert not excerpt.startswith(title.split()[-1]), result  # nor the title's end


def test_the_filters_are_offered_and_narrow_the_results(seen: list[dict[str, Any]]) -> None:
    offered = seen[0]["filters"]
    assert sorted(name.lower() for name in offered) == ["lokasi", "tahun", "topik"]
    assert any(label.startswith("Kota Kupang") for label in offered["Lokasi"])
    tts, year, topic = seen[4], seen[5], seen[6]
    assert set(_urls(tts)) == {FALAS, KETUPAT}
    assert _urls(year) and all(url.startswith("/2024/") for url in _urls(year))
    assert MANGGARAI in _urls(topic) and FALAS not in _urls(
        topic
    )  # Falas speaks of Pemilu, is not filed under Kamtibmas


def test_a_year_in_the_address_finds_what_the_year_filter_finds_loading_that_year_only(
    seen: list[dict[str, Any]],
) -> None:
    chosen, addressed = seen[7], seen[8]
    assert _urls(chosen) and all(url.startswith("/2023/") for url in _urls(chosen))
    assert _urls(addressed) == _urls(chosen)  # the same results as with every shard merged
    assert addressed["message"] == chosen["message"]
    # the portal's shards: 2023 (the primary, in pagefind/), 2024 and 2024-04 (merged)
    assert any(r["path"].startswith("/pagefind/2024-04/") for r in chosen["requests"])
    assert [r for r in addressed["requests"] if r["path"].startswith("/pagefind/2024")] == []
