"""Work spread over all cores: forked worker processes fed in chunks.

Workers are forked after the site is gathered, so they inherit it (and the compiled
layouts) instead of receiving it pickled; only small task descriptions and results cross
process boundaries. Where ``fork`` is not available the work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 200
_task: Callable[[Any], Any] | None = None


def default_jobs() -> int:
    configured = os.environ.get("SITEGEN_JOBS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None
    return [_task(item) for item in chunk]


def parallel_map(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> list[R]:
    """``[func(item) for item in items]``, in order, on ``jobs`` processes."""
    global _task
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(items) < MIN_PARALLEL_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    # several chunks per worker even out uneven work; few enough to keep overhead small
    size = max(1, -(-len(items) // (jobs * 4)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _task = func
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_run_chunk, chunks, chunksize=1)
    finally:
        _task = None
    return [result for chunk in results for result in chunk]
