"""The search step alone, in shards: records from the plan, one ``pagefind --service`` per
shard, each bundle put in order.

    .venv/bin/python bench/search_index.py bench/_work/10000/sitegen --runs 3 --scenario cold --in-flight 1
    .venv/bin/python bench/search_index.py bench/_work/10000/sitegen --runs 3 --scenario edit
    .venv/bin/python bench/search_index.py bench/_work/10000/sitegen --runs 1 --split one   # the index before shards

The site must have been built once (bench/run.py makes it). Each run is a fresh process that
reads and plans the site (not timed), then times what a build's search step does:

* ``key``: every record made and hashed into its shard's key (what every build with search
  on pays once past the nothing-changed fast path, and an edit build before it knows which
  shard changed);
* ``index``: the shards to make (``cold``: every one; ``edit``: the shard of the newest
  article, what one edited story there costs) made by up to ``--in-flight`` Pagefind
  processes at once, as ``sitegen/write/search.py`` runs them; wall time.

Per shard: the Pagefind process's CPU seconds (user + system, from /proc just before it is
told to exit) and its peak resident set (VmHWM). Memory of the whole: the largest sum of
proportional set sizes over the process tree (sitegen, holding its plan, and every Pagefind)
sampled every 20 ms while the shards are made.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

TICKS = os.sysconf("SC_CLK_TCK")


def _process_usage(pid: int) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of a live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    peak = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return cpu, peak


SPLITS = {
    "shipped": None,  # a year each, the newest month apart (sitegen/write/search_shards.py)
    "year": lambda year, month, newest: f"{year:04d}",  # a year each, the newest too
    "one": lambda year, month, newest: "all",  # every article in one index, as before shards
    # a month each in the newest year
    "months": lambda year, month, newest: f"{year:04d}-{month:02d}" if year == newest[0] else f"{year:04d}",
    # half a year each, a month each in the newest year: smaller old shards
    "halves": lambda year, month, newest: (
        f"{year:04d}-{month:02d}" if year == newest[0] else f"{year:04d}-{1 if month <= 6 else 2}"
    ),
}


def child(site_dir: Path, scenario: str, in_flight: int, split: str) -> dict[str, Any]:
    from measure import _TreeSampler

    from sitegen.build import BuildOptions, load
    from sitegen.cache import BuildCache
    from sitegen.errors import Report
    from sitegen.write import search, search_service, search_shards

    if SPLITS[split] is not None:
        search_shards.shard_name = SPLITS[split]  # type: ignore[assignment]
    loaded = load(site_dir.absolute(), BuildOptions(search=True), Report())
    assert loaded is not None, "the site has errors"
    _, site, _ = loaded
    pages = {page.output_file: page for page in site.pages}
    binary = search.find_binary()
    assert binary is not None, "Pagefind is not installed"
    language = site.config.language or "id"

    # each shard's Pagefind runs in a thread of its own, which also closes it: its usage is
    # read there, just before it is told to exit
    usage = threading.local()
    close = search_service._Session.close

    def measured_close(session: Any) -> None:
        usage.last = (0.0, 0.0)
        with contextlib.suppress(OSError, IndexError):
            usage.last = _process_usage(session.process.pid)
        close(session)

    search_service._Session.close = measured_close  # type: ignore[method-assign]
    shard_runs: list[dict[str, Any]] = []
    run = search._run
    lock = threading.Lock()

    def timed_run(binary: Path, found: Any, language: str, folder: Path) -> Any:
        start = time.perf_counter()
        bundle = run(binary, found, language, folder)
        wall = time.perf_counter() - start
        cpu, peak = getattr(usage, "last", (0.0, 0.0))
        with lock:
            shard_runs.append({"shard": folder.name, "wall_s": wall, "cpu_s": cpu, "rss_mb": peak})
        return bundle

    search._run = timed_run  # type: ignore[assignment]
    search.IN_FLIGHT = in_flight

    start = time.perf_counter()
    shards = search_shards.shards(site, pages, search.identity(binary), language).shards
    keyed = time.perf_counter()
    newest = max(shards, key=lambda shard: shard.name)
    todo = shards if scenario == "cold" else [newest]
    index = search.SearchIndex(BuildCache(None), site=site, pages=pages, binary=binary, language=language)
    index.shards = shards
    index.kept = {shard.name: {} for shard in shards if shard not in todo}
    sampler = _TreeSampler(os.getpid())
    sampler.start()
    with tempfile.TemporaryDirectory() as scratch:
        made = index._make(Path(scratch) / "staging")
    done = time.perf_counter()
    sampler.stop()
    failed = [name for name, bundle in made.items() if isinstance(bundle, str)]
    assert not failed, made[failed[0]]
    per_shard = []
    for shard in todo:
        bundle = made[shard.name]
        assert not isinstance(bundle, str)
        timing = next(r for r in shard_runs if r["shard"] == shard.name)
        size = sum(len(data) for name, data in bundle.items() if shard.keeps(name))
        per_shard.append(
            {"shard": shard.name, "articles": shard.count, "wall_s": timing["wall_s"]}
            | {"cpu_s": timing["cpu_s"], "rss_mb": timing["rss_mb"]}
        )
        per_shard[-1]["mb"] = size / 2**20
    return {
        "shards": len(shards),
        "made": len(todo),
        "articles": sum(shard.count for shard in todo),
        "key_s": keyed - start,
        "index_s": done - keyed,
        "pagefind_cpu_s": sum(s["cpu_s"] for s in per_shard),
        "pagefind_rss_mb": max(s["rss_mb"] for s in per_shard),
        "tree_pss_mb": sampler.peak_pss / 2**20,
        "bundle_mb": sum(s["mb"] for s in per_shard),
        "per_shard": per_shard,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scenario", choices=["cold", "edit"], default="cold")
    parser.add_argument("--in-flight", type=int, default=1, help="Pagefind processes at once (default: 1)")
    parser.add_argument("--split", choices=sorted(SPLITS), default="shipped", help="how articles go into shards")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.site, args.scenario, args.in_flight, args.split)))
        return
    runs = []
    for n in range(args.runs):
        command = [sys.executable, __file__, str(args.site), "--child", "--scenario", args.scenario]
        command += ["--in-flight", str(args.in_flight), "--split", args.split]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
        print(f"run {n + 1}/{args.runs}: {runs[-1]}", file=sys.stderr)
    columns = ["scenario", "in flight", "shards made/all", "articles", "key s", "index s (wall)", "Pagefind CPU s"]
    columns += ["largest Pagefind peak RSS MB", "tree peak PSS MB", "bundle MB"]
    print("| " + " | ".join(columns) + " |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    numbers = [name for name, value in runs[0].items() if isinstance(value, (int, float))]
    med = {name: statistics.median(run[name] for run in runs) for name in numbers}
    print(
        f"| {args.scenario}, split {args.split} | {args.in_flight} "
        f"| {int(med['made'])}/{int(med['shards'])} | {int(med['articles']):,} | {med['key_s']:.2f} "
        f"| {med['index_s']:.2f} | {med['pagefind_cpu_s']:.2f} | {med['pagefind_rss_mb']:.0f} "
        f"| {med['tree_pss_mb']:.0f} | {med['bundle_mb']:.1f} |"
    )
    print("\nper shard (medians): shard | articles | wall s | Pagefind CPU s | peak RSS MB | MB")
    for n, shard in enumerate(runs[0]["per_shard"]):
        values = {key: statistics.median(run["per_shard"][n][key] for run in runs) for key in shard if key != "shard"}
        print(
            f"{shard['shard']} | {int(values['articles'])} | {values['wall_s']:.2f} | {values['cpu_s']:.2f} "
            f"| {values['rss_mb']:.0f} | {values['mb']:.1f}"
        )


if __name__ == "__main__":
    main()
