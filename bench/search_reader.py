"""What a reader downloads to search, and what they find, with the index in one piece or in
shards: the site's index made with each split, /cari/ opened in Chromium (e2e/search.mjs
--requests, a fresh browser context per query: a first visit, nothing cached) and every
request below pagefind/ counted.

    .venv/bin/python bench/search_reader.py bench/_work/10000/sitegen

For each split (``one``: every article in one index, as before shards; ``year``: a year each;
``shipped``: a year each, a month each in the newest year) the index is written with the
search page rendered from this repository's layouts/search.html into a scratch folder and
served on 127.0.0.1. Printed: per query and split, the requests and kilobytes (response
bodies, as served: Pagefind's files are gzip already) and whether the results (their URLs,
in order) are the same as with one index.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

from search_index import SPLITS  # noqa: E402

QUERIES: list[dict[str, Any]] = [
    {"q": "narkoba"},  # a word of many stories
    {"q": "Tunaleu"},  # a village: few stories
    {"q": "bhabinkamtibmas sambang"},  # two words
    {"q": "patroli", "filter": ["tahun", "2022"]},
    {"q": "pemilu", "filter": ["lokasi", "Kabupaten Timor Tengah Selatan"]},
]


def write_site(site_dir: Path, split: str, out: Path) -> None:
    """The index made with ``split`` and the search page, into ``out``."""
    from sitegen.build import BuildOptions, load
    from sitegen.cache import BuildCache
    from sitegen.errors import Report
    from sitegen.render.environment import make_environment, render_page
    from sitegen.write import search, search_shards
    from sitegen.write.assets import publish_assets

    naming = SPLITS[split]
    if naming is not None:
        search_shards.shard_name = naming  # type: ignore[assignment]
    loaded = load(site_dir.absolute(), BuildOptions(search=True), Report())
    assert loaded is not None, "the site has errors"
    config, site, _ = loaded
    pages = {page.output_file: page for page in site.pages}
    binary = search.find_binary()
    assert binary is not None, "Pagefind is not installed"
    language = config.language or "id"
    search.IN_FLIGHT = 2
    index = search.SearchIndex(BuildCache(None), site=site, pages=pages, binary=binary, language=language)
    found = search_shards.shards(site, pages, search.identity(binary), language)
    index.shards = found.shards
    made = index._make(out / ".staging")
    for shard in index.shards:
        bundle = made[shard.name]
        assert not isinstance(bundle, str), bundle
        for name, data in bundle.items():
            if shard.keeps(name):
                path = out / shard.folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    (out / search_shards.MANIFEST).write_bytes(search_shards.manifest(found))
    env = make_environment(REPO, config)
    assets = {
        f"assets/{f.relative_to(REPO / 'assets').as_posix()}": f.read_bytes() for f in (REPO / "assets").rglob("*")
    }
    publish_assets(env, {name: data for name, data in assets.items() if (REPO / name).is_file()})
    page = next(page for page in site.pages if page.template == "search.html")
    (out / "cari").mkdir()
    (out / "cari/index.html").write_text(render_page(env, page.template, page.context, page.path))
    print(f"{split}: {len(index.shards)} shards", file=sys.stderr)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def measure(folder: Path) -> list[dict[str, Any]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        command = ["node", "e2e/search.mjs", "--url", url, "--queries", json.dumps(QUERIES), "--requests"]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900, check=True)
    finally:
        server.shutdown()
        server.server_close()
    result = json.loads(done.stdout)
    assert result["errors"] == [], result["errors"]
    report: list[dict[str, Any]] = result["report"]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--splits", default="one,year,shipped,months")
    parser.add_argument("--dump", type=Path, help="also write every answer and request, as JSON, to this file")
    parser.add_argument("--write", metavar="SPLIT", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write_site(args.site, args.write, args.out)
        return
    seen: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for split in args.splits.split(","):
            out = Path(scratch) / split
            out.mkdir()
            command = [sys.executable, __file__, str(args.site), "--write", split, "--out", str(out)]
            subprocess.run(command, check=True)  # a process of its own: the split is a module setting
            seen[split] = measure(out)
    if args.dump:
        args.dump.write_text(json.dumps(seen, indent=1))
    first = next(iter(seen))
    print(
        "| query | " + " | ".join(f"{split}: requests, KB" for split in seen) + f" | found ({', '.join(seen)}) |",
        end="",
    )
    print(f" top 20 shared with {first} | first result the same |")
    print("| --- | " + " | ".join("---:" for _ in seen) + " | ---: | ---: | --- |")
    for n, query in enumerate(QUERIES):
        cells = []
        for answers in seen.values():
            requests = answers[n]["requests"]
            cells.append(f"{len(requests)}, {sum(r['bytes'] for r in requests) / 1024:.0f}")
        urls = {split: [r["url"] for r in answers[n]["results"]] for split, answers in seen.items()}
        found = [re.sub(r"\D", "", answers[n]["message"].split(" berita")[0]) or "0" for answers in seen.values()]
        shared = [str(len(set(found_urls) & set(urls[first]))) for found_urls in urls.values()]
        same_first = all(found_urls[:1] == urls[first][:1] for found_urls in urls.values())
        label = query["q"] + (f" ({query['filter'][0]}: {query['filter'][1]})" if "filter" in query else "")
        print(f"| {label} | " + " | ".join(cells) + f" | {'/'.join(found)} | {'/'.join(shared)} | {same_first} |")


if __name__ == "__main__":
    main()
