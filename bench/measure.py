"""Timing one build as a whole process: wall time, peak memory, and which output files it wrote.

Wall time runs from just before the process is started until ``os.wait4`` reaps it, so it
includes interpreter start-up and imports. Peak memory is the larger of

* ``ru_maxrss`` from ``wait4``: the peak resident set of the largest single process of the
  tree (the build or any worker it reaped), exact; and
* the largest sum of resident sets over the whole process tree seen by a sampler thread that
  reads ``/proc`` every 20 ms, which counts worker processes running side by side (pages
  they share are counted once per process, so it is an upper bound).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_INTERVAL = 0.02


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    largest_rss: int  # bytes: ru_maxrss, the peak of the largest single process
    tree_rss: int  # bytes: the largest sampled sum over the process tree
    # bytes: the largest sampled sum of proportional set sizes: a page shared by n forked
    # processes counts 1/n in each, so this is the memory the tree really holds
    tree_pss: int = 0

    @property
    def peak_rss(self) -> int:
        return max(self.largest_rss, self.tree_rss)


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
        for line in rollup:
            if line.startswith(b"Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _tree_rss(root: int, proportional: bool = False) -> int:
    """Resident bytes of ``root`` and all its descendants, now (proportional: PSS)."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            if proportional:
                total += _pss(pid)
            else:
                with open(f"/proc/{pid}/statm", "rb") as statm:
                    total += int(statm.read().split()[1]) * _PAGE_SIZE
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError, IndexError):  # the process (or thread) ended meanwhile
            continue
    return total


class _TreeSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.peak_pss = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self.peak_pss = max(self.peak_pss, _tree_rss(self.pid, proportional=True))
            self._stop_event.wait(SAMPLE_INTERVAL)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run_measured(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> ProcessRun:
    """Runs ``command`` to completion; raises :class:`BuildFailed` with its stderr when it fails."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
        )
        sampler = _TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            stderr.seek(0)
            tail = stderr.read()[-3000:].decode(errors="replace")
            raise BuildFailed(f"{' '.join(command)} exited with {process.returncode}:\n{tail}")
    return ProcessRun(seconds, usage.ru_maxrss * 1024, sampler.peak, sampler.peak_pss)


Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file below ``root``: relative path → (inode, mtime in ns)."""
    found: Snapshot = {}
    if not root.is_dir():
        return found
    pending = [str(root)]
    prefix = len(str(root)) + 1
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    info = entry.stat(follow_symlinks=False)
                    found[entry.path[prefix:]] = (info.st_ino, info.st_mtime_ns)
    return found


def files_written(before: Snapshot, after: Snapshot) -> int:
    """Files created, rewritten (new inode or mtime) or deleted between two snapshots."""
    changed = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    return changed + sum(1 for path in before if path not in after)
