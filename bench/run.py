"""sitegen's benchmark: seven build scenarios at several corpus sizes, side by side with Hugo and Pelican.

    .venv/bin/python bench/run.py                      # 1,000 and 10,000 articles, 3 runs each
    .venv/bin/python bench/run.py --sizes 1000 --runs 5
    .venv/bin/python bench/run.py --with-100k          # adds 100,000 articles (sitegen only by default)
    .venv/bin/python bench/run.py --no-peers           # sitegen alone
    .venv/bin/python bench/run.py --no-peers --baseline ../before   # this sitegen against another checkout

``--baseline REPO`` times a second sitegen (another checkout, e.g. ``git worktree add ../before
<commit>``) on its own copy of the same corpus, run for run in turn with this one (baseline,
this, baseline, this …), and adds the median of the pairwise time ratios: a comparison that
holds when the machine's speed drifts during the run, as a shared machine's does.

For each size it writes the corpus (bench/corpus.py) into scratch sites under bench/_work/,
times every scenario as a whole process (median, min and max of --runs runs, peak RSS),
counts the output files each build wrote, and prints a Markdown table; the same table is
saved to bench/_work/results.md. docs/performance.md explains the scenarios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import yaml
from corpus import DEFAULT_SEED, CorpusSummary, Format, describe, generate, write_corpus
from measure import BuildFailed, files_written, run_measured, snapshot
from peers import HugoBench, PelicanBench, SiteSettings
from sitegen_scenarios import DEFAULT_SCENARIOS, SCENARIOS, SitegenBench

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_WORK = BENCH / "_work"
DEFAULT_SIZES = (1_000, 10_000)
BIG_SIZE = 100_000
DEFAULT_PEER_MAX_SIZE = 10_000  # Pelican needs many minutes per build at 100,000


class Tool(Protocol):
    """What the harness needs of sitegen and of each peer."""

    @property
    def name(self) -> str: ...

    @property
    def content_format(self) -> Format: ...

    @property
    def scenarios(self) -> Sequence[str]: ...

    @property
    def cwd(self) -> Path: ...

    @property
    def env(self) -> dict[str, str] | None: ...

    @property
    def content_dir(self) -> Path: ...

    @property
    def output_dir(self) -> Path: ...

    def command(self, scenario: str) -> list[str]: ...

    def prepare(self, scenario: str, run: int) -> None: ...

    def version(self) -> str: ...


@dataclass
class Row:
    tool: str
    scenario: str
    size: int
    seconds: list[float] = field(default_factory=list)
    peak_rss: list[int] = field(default_factory=list)
    largest_rss: list[int] = field(default_factory=list)
    tree_pss: list[int] = field(default_factory=list)
    written: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure_scenario(tool: Tool, scenario: str, size: int, runs: int) -> Row:
    row = Row(tool.name, scenario, size)
    for run in range(runs):
        if not measure_run(tool, row, run, runs):
            break
    return row


def measure_pairs(tools: tuple[Tool, Tool], scenario: str, size: int, runs: int) -> tuple[Row, Row]:
    """The two tools' runs of a scenario in turn (first, second, first, second …)."""
    rows = (Row(tools[0].name, scenario, size), Row(tools[1].name, scenario, size))
    for run in range(runs):
        for tool, row in zip(tools, rows, strict=True):
            if row.error is None:
                measure_run(tool, row, run, runs)
    return rows


def measure_run(tool: Tool, row: Row, run: int, runs: int) -> bool:
    """One timed run of ``row``'s scenario into ``row``; False when the build failed."""
    scenario = row.scenario
    tool.prepare(scenario, run)
    before = snapshot(tool.output_dir)
    try:
        result = run_measured(tool.command(scenario), tool.cwd, tool.env)
    except BuildFailed as failure:
        row.error = str(failure).splitlines()[0]
        print(failure, file=sys.stderr)
        return False
    row.seconds.append(result.seconds)
    row.peak_rss.append(result.peak_rss)
    row.largest_rss.append(result.largest_rss)
    row.tree_pss.append(result.tree_pss)
    row.written.append(files_written(before, snapshot(tool.output_dir)))
    if scenario == "cold" and row.written[-1] < row.size:
        # a tool that skipped its input (Pelican without the markdown package reads no .md file)
        # builds fast and proves nothing: fewer files than articles is a failed build
        row.error = f"wrote {row.written[-1]:,} files for {row.size:,} articles"
        print(f"{tool.name}: {row.error}", file=sys.stderr)
        return False
    print(
        f"  {tool.name:18} {scenario:7} {row.size:>7,} run {run + 1}/{runs}: {result.seconds:7.2f} s, "
        f"{result.peak_rss / 2**20:6.0f} MB, {row.written[-1]:,} files written",
        file=sys.stderr,
        flush=True,
    )
    return True


def pair_ratio(row: Row, baseline: Row) -> str:
    """The median of the run-by-run time ratios (this / baseline)."""
    if row.error or baseline.error or not row.seconds or len(row.seconds) != len(baseline.seconds):
        return "–"
    return f"{statistics.median(a / b for a, b in zip(row.seconds, baseline.seconds, strict=True)):.3f}"


def site_settings(site_yaml: Path) -> SiteSettings:
    config = yaml.safe_load(site_yaml.read_text(encoding="utf-8")) if site_yaml.is_file() else {}
    config = config or {}
    return SiteSettings(
        title=str(config.get("title", "Warta Kamtibmas NTT")),
        description=str(config.get("description", "Berita Polri dan kamtibmas dari seluruh Nusa Tenggara Timur")),
        base_url=str(config.get("base_url", "https://example.org/")),
        page_size=int(config.get("page_size", 10)),
        feed_size=int(config.get("feed_size", 20)),
    )


BASELINE_NAME = "sitegen (baseline)"


def tools_for(
    size: int,
    work: Path,
    seed: str,
    peers: bool,
    peer_max_size: int,
    search: bool = False,
    baseline: Path | None = None,
    peer_names: tuple[str, ...] = ("hugo", "pelican"),
) -> list[Tool]:
    tools: list[Tool] = []
    for repo, folder, name in ((baseline, "baseline", BASELINE_NAME), (REPO, "sitegen", "sitegen")):
        if repo is None:
            continue
        missing = SitegenBench.missing(repo)
        if missing:
            print(f"{name} skipped: {', '.join(missing)} not found in {repo}", file=sys.stderr)
            continue
        bench = SitegenBench(repo, work / folder, seed)
        bench.name = name
        bench.search = search
        tools.append(bench)
    if not peers or size > peer_max_size:
        return tools
    hugo = HugoBench.find_binary()
    if "hugo" not in peer_names:
        pass
    elif hugo is None:
        print("Hugo skipped: not installed (make bench-peers)", file=sys.stderr)
    else:
        tools.append(HugoBench(hugo, work / "hugo"))
    if "pelican" not in peer_names:
        pass
    elif PelicanBench.available():
        tools.append(PelicanBench(work / "pelican"))
    else:
        print("Pelican skipped: not installed (make bench-peers)", file=sys.stderr)
    return tools


def set_up(tools: list[Tool], size: int, work: Path, seed: str) -> CorpusSummary:
    shutil.rmtree(work, ignore_errors=True)
    settings = site_settings(REPO / "site.yaml")
    for tool in tools:
        if isinstance(tool, SitegenBench):
            tool.write_site()
        elif isinstance(tool, HugoBench | PelicanBench):
            tool.write_config(settings)
    targets = {tool.content_format: tool.content_dir for tool in tools if tool.name != BASELINE_NAME}
    summary = write_corpus(generate(size, seed), targets)
    for tool in tools:
        if tool.name == BASELINE_NAME:
            shutil.copytree(targets["sitegen"], tool.content_dir)
    for tool in tools:
        if isinstance(tool, SitegenBench):
            tool.use_corpus(summary)
    return summary


def _ratio(row: Row, peer: Row | None) -> str:
    if peer is None or row.error or peer.error or row.tool == peer.tool or not row.seconds or not peer.seconds:
        return "–"
    return f"{row.median / peer.median:.2f}"


def table(rows: list[Row]) -> str:
    by_key = {(row.tool, row.scenario, row.size): row for row in rows}
    lines = [
        "| tool | scenario | articles | median s | min s | max s | peak RSS MB | peak PSS MB | largest process MB "
        "| files written | vs Hugo | vs Pelican | vs baseline |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.error or not row.seconds:
            lines.append(f"| {row.tool} | {row.scenario} | {row.size:,} | failed: {row.error} | | | | | | | | | |")
            continue
        vs_hugo = _ratio(row, by_key.get(("Hugo", row.scenario, row.size))) if row.tool == "sitegen" else "–"
        vs_pelican = _ratio(row, by_key.get(("Pelican", row.scenario, row.size))) if row.tool == "sitegen" else "–"
        base = by_key.get((BASELINE_NAME, row.scenario, row.size))
        vs_base = pair_ratio(row, base) if row.tool == "sitegen" and base is not None else "–"
        lines.append(
            f"| {row.tool} | {row.scenario} | {row.size:,} | {row.median:.2f} | {min(row.seconds):.2f} | "
            f"{max(row.seconds):.2f} | {max(row.peak_rss) / 2**20:.0f} | {max(row.tree_pss) / 2**20:.0f} | "
            f"{max(row.largest_rss) / 2**20:.0f} | "
            f"{max(row.written):,} | "
            f"{vs_hugo} | {vs_pelican} | {vs_base} |"
        )
    return "\n".join(lines)


def environment(tools: dict[str, str], runs: int) -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = ", ".join(f"{name} {version}" for name, version in tools.items())
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Measured {now} on {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}; {versions}. "
        f"Each row: {runs} runs; peak RSS (whole process tree, shared pages counted in every process), peak PSS "
        "(whole tree, shared pages divided among the processes sharing them: the memory really held), "
        "largest single process and files written "
        "are the maxima over the runs."
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in DEFAULT_SIZES),
        help="comma-separated article counts (default: 1000,10000)",
    )
    parser.add_argument("--with-100k", action="store_true", help=f"also run {BIG_SIZE:,} articles")
    parser.add_argument("--search", action="store_true", help="sitegen builds its search index too (peers have none)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per scenario (default: 3)")
    parser.add_argument(
        "--peers", action=argparse.BooleanOptionalAction, default=True, help="also time Hugo and Pelican"
    )
    parser.add_argument(
        "--peer-names",
        default="hugo,pelican",
        help="comma-separated peers to time (default: hugo,pelican; Pelican takes about ten minutes a "
        "build at 100,000 articles)",
    )
    parser.add_argument(
        "--peer-max-size",
        type=int,
        default=DEFAULT_PEER_MAX_SIZE,
        help=f"largest size the peers are run at (default: {DEFAULT_PEER_MAX_SIZE})",
    )
    parser.add_argument(
        "--scenarios",
        default=",".join(DEFAULT_SCENARIOS),
        help=f"comma-separated subset of {','.join(SCENARIOS)} (cold always runs first when listed; "
        "the -search ones only when named)",
    )
    parser.add_argument(
        "--baseline", type=Path, help="another sitegen checkout, timed run for run in turn with this one"
    )
    parser.add_argument("--seed", default=str(DEFAULT_SEED), help=f"corpus seed (default: {DEFAULT_SEED})")
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="scratch folder (default: bench/_work)")
    args = parser.parse_args(argv)
    args.work_dir = args.work_dir.resolve()  # Hugo wants absolute paths
    args.size_list = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    if args.with_100k and BIG_SIZE not in args.size_list:
        args.size_list.append(BIG_SIZE)
    args.scenario_list = [s for s in SCENARIOS if s in {s.strip() for s in args.scenarios.split(",")}]
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def measure_sitegen_pairs(tools: tuple[Tool, Tool], scenarios: list[str], size: int, runs: int) -> list[Row]:
    rows: list[Row] = []
    for scenario in scenarios:
        pair = measure_pairs(tools, scenario, size, runs)
        rows += pair
        if scenario == "cold" and any(row.error for row in pair):
            break  # nothing else can run on a site that does not build
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rows: list[Row] = []
    corpora: list[str] = []
    versions: dict[str, str] = {}
    for size in args.size_list:
        work = args.work_dir / str(size)
        baseline = args.baseline.resolve() if args.baseline else None
        names = tuple(args.peer_names.split(","))
        tools = tools_for(size, work, args.seed, args.peers, args.peer_max_size, args.search, baseline, names)
        if not tools:
            print("nothing to run", file=sys.stderr)
            return 1
        print(f"{size:,} articles: writing the corpus for {', '.join(t.name for t in tools)}", file=sys.stderr)
        summary = set_up(tools, size, work, args.seed)
        corpora.append(f"- {describe(summary)} (seed {args.seed})")
        for tool in tools:
            versions.setdefault(tool.name, tool.version())
        paired = tuple(tool for tool in tools if tool.name in (BASELINE_NAME, "sitegen"))
        if len(paired) == 2:
            rows += measure_sitegen_pairs((paired[0], paired[1]), args.scenario_list, size, args.runs)
        for tool in tools:
            if len(paired) == 2 and tool in paired:
                continue
            for scenario in (s for s in args.scenario_list if s in tool.scenarios):
                row = measure_scenario(tool, scenario, size, args.runs)
                rows.append(row)
                if row.error and scenario == "cold":
                    break  # nothing else can run on a site that does not build
    report = "\n\n".join([environment(versions, args.runs), "\n".join(corpora), table(rows)]) + "\n"
    print(report)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    (args.work_dir / "results.md").write_text(report, encoding="utf-8")
    print(f"(saved to {args.work_dir / 'results.md'})", file=sys.stderr)
    warm_rewrites = [row for row in rows if row.scenario == "warm" and "sitegen" in row.tool and any(row.written)]
    return 1 if any(row.error for row in rows) or warm_rewrites else 0


if __name__ == "__main__":
    sys.exit(main())
