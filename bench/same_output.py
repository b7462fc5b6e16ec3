"""Two versions of sitegen build the same corpus into byte-identical trees (a refactor's proof).

    .venv/bin/python bench/same_output.py BEFORE_REPO [AFTER_REPO] [--count 1000]

Writes the benchmark corpus (bench/corpus.py) once into a scratch site that has the AFTER
repository's site.yaml, layouts and assets, builds it with each repository's sitegen
(``python -m sitegen build`` run from that repository, at a fixed SOURCE_DATE_EPOCH, without the
search index, whose files Pagefind writes in a varying order), and compares the two output
trees file by file by SHA-256. Prints the counts and every difference; exits 1 on any.
``git worktree add /tmp/before <commit>`` gives a BEFORE_REPO. ``--own-layouts``: each version
builds with its own repository's site.yaml, layouts and assets instead (a change that edits the
layouts too, and must still give the same bytes).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import DEFAULT_SEED, generate, write_corpus

BENCH = Path(__file__).resolve().parent
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: after every corpus date


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def build(repo: Path, site: Path, output: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(repo)}
    command = [sys.executable, "-m", "sitegen", "build", str(site), "--output", str(output), "--no-search"]
    command += ["--no-cache", "--quiet"]
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build with {repo} failed:\n{done.stdout}{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="the repository of the version to compare against")
    parser.add_argument("after", type=Path, nargs="?", default=BENCH.parent, help="default: this repository")
    parser.add_argument("--count", type=int, default=1000, help="articles in the corpus (default: 1000)")
    parser.add_argument(
        "--own-layouts",
        action="store_true",
        help="each version builds with its own repository's site.yaml, layouts and assets (for a change to them)",
    )
    args = parser.parse_args(argv)
    repos = {"before": args.before.resolve(), "after": args.after.resolve()}
    with tempfile.TemporaryDirectory(prefix="sitegen-same-") as scratch:
        content = Path(scratch) / "content"
        write_corpus(generate(args.count, DEFAULT_SEED), {"sitegen": content})
        trees = {}
        for label, repo in repos.items():
            theme = repo if args.own_layouts else args.after
            site = Path(scratch) / f"site-{label}" if args.own_layouts else Path(scratch) / "site"
            if not site.exists():
                site.mkdir()
                for name in ("site.yaml", "layouts", "assets"):
                    source = theme / name
                    (shutil.copytree if source.is_dir() else shutil.copy2)(source, site / name)
                shutil.copytree(content, site / "content")
            output = Path(scratch) / label
            build(repo, site, output)
            trees[label] = tree_hashes(output)
    before, after = trees["before"], trees["after"]
    differences = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    print(f"before: {len(before)} files, after: {len(after)} files, different: {len(differences)}")
    for name in differences[:50]:
        print(f"  {name}: {'missing' if name not in before else 'new' if name not in after else 'changed'}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
