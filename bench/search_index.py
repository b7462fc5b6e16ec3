"""The search step alone: records from the plan, Pagefind's service, the bundle put in order.

    .venv/bin/python bench/search_index.py bench/_work/10000/sitegen --runs 3

The site must have been built once (bench/run.py makes it). Each run is a fresh process that
reads and plans the site (not timed), then times the parts of the search step a build runs:

* ``key``: every record made and hashed (what a build with unchanged records pays, and an
  edit build pays before it knows);
* ``index``: the records made again and fed to ``pagefind --service``, the bundle written;
* ``order``: the filter files put in order (search_bundle).

Memory: the peak resident set of the Pagefind process (``RUSAGE_CHILDREN``: the largest child,
exact) and the largest sum of proportional set sizes over the whole process tree (sitegen,
holding its plan, and Pagefind) sampled every 20 ms while the index is made.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))


def child(site_dir: Path) -> dict[str, float]:
    from measure import _TreeSampler

    from sitegen.build import BuildOptions, load
    from sitegen.cache import BuildCache
    from sitegen.errors import Report
    from sitegen.write import search
    from sitegen.write.search_bundle import put_in_order
    from sitegen.write.search_records import records
    from sitegen.write.search_service import make_index

    loaded = load(site_dir.absolute(), BuildOptions(search=True), Report())
    assert loaded is not None, "the site has errors"
    _, site, _ = loaded
    pages = {page.output_file: page for page in site.pages}
    binary = search.find_binary()
    assert binary is not None, "Pagefind is not installed"
    index = search.SearchIndex(BuildCache(None), binary=binary)
    start = time.perf_counter()
    key = search._key(index, site, pages)
    keyed = time.perf_counter()
    sampler = _TreeSampler(os.getpid())
    sampler.start()
    before = os.times()
    language = site.config.language or "id"
    with tempfile.TemporaryDirectory() as scratch:
        bundle = make_index(binary, records(site, pages), language, Path(scratch), 3600)
        indexed = time.perf_counter()
        after = os.times()
        bundle = put_in_order(bundle, language)
        ordered = time.perf_counter()
        size = sum(len(data) for data in bundle.values())
        files = len(bundle)
        count = sum(1 for name in bundle if name.startswith("fragment/"))
    sampler.stop()
    return {
        "articles": count,
        "key_s": keyed - start,
        "index_s": indexed - keyed,
        "order_s": ordered - indexed,
        "pagefind_cpu_s": after.children_user + after.children_system - before.children_user - before.children_system,
        "pagefind_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "tree_pss_mb": sampler.peak_pss / 2**20,
        "bundle_mb": size / 2**20,
        "files": files,
        "key": len(key),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.site)))
        return
    runs = []
    for n in range(args.runs):
        done = subprocess.run(
            [sys.executable, __file__, str(args.site), "--child"], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout))
        print(f"run {n + 1}/{args.runs}: {runs[-1]}", file=sys.stderr)
    columns = ["articles", "key s", "index s", "Pagefind CPU s", "order s", "Pagefind peak RSS MB"]
    columns += ["tree peak PSS MB", "bundle MB", "files"]
    print("| " + " | ".join(columns) + " |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    med = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    print(
        f"| {int(med['articles']):,} | {med['key_s']:.2f} | {med['index_s']:.2f} "
        f"| {med['pagefind_cpu_s']:.2f} | {med['order_s']:.2f} "
        f"| {med['pagefind_rss_mb']:.0f} | {med['tree_pss_mb']:.0f} | {med['bundle_mb']:.1f} | {int(med['files']):,} |"
    )


if __name__ == "__main__":
    main()
