"""Work spread over all cores: forked worker processes, and this process too.

Workers are forked after the site is gathered, so they inherit it (and the compiled
layouts) instead of receiving it pickled; only results cross process boundaries. The work
is cut into chunks that every process, this one included, takes from a shared counter
until none are left: no core idles while another has a queue, and one process fewer means
less memory. Where ``fork`` is not available the work runs in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

R = TypeVar("R")


# Below this many items a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 200

CHUNKS_PER_PROCESS = 8  # several chunks each even out uneven work; few keep the overhead small


_task: Callable[[Any], Any] | None = None

_chunks: Sequence[Sequence[Any]] = ()

_next: Any = None  # a shared multiprocessing.Value: the index of the next chunk to take

Progress = Callable[[int, int], None]  # items handed out so far, of how many

_progress: Progress | None = None  # called in this process only, after each of its chunks

_items = 0


def default_jobs() -> int:
    configured = os.environ.get("SITEGEN_JOBS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _die_with_parent() -> None:
    """A worker ends when this process does (Linux): a build killed mid-way leaves no
    worker behind still writing into the tree it was preparing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still ends them
        pass


_PR_SET_PDEATHSIG = 1


def _drain() -> list[tuple[int, list[Any]]]:
    """Take chunks until none are left; return them with their indexes."""
    assert _task is not None and _next is not None
    done: list[tuple[int, list[Any]]] = []
    while True:
        with _next.get_lock():
            index = _next.value
            _next.value += 1
        if index >= len(_chunks):
            return done
        done.append((index, [_task(item) for item in _chunks[index]]))
        if _progress is not None:
            _progress(min(_items, (index + 1) * len(_chunks[0])), _items)


def parallel_map(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int | None = None,
    min_items: int | None = None,
    progress: Progress | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, in order, on ``jobs`` processes (this one among
    them); ``min_items`` (default MIN_PARALLEL_ITEMS) is the fewest items worth forking for;
    ``progress`` hears how far the work is."""
    global _task, _chunks, _next, _progress, _items
    jobs = jobs or default_jobs()
    least = MIN_PARALLEL_ITEMS if min_items is None else min_items
    if jobs <= 1 or len(items) < least or "fork" not in multiprocessing.get_all_start_methods():
        results = [func(item) for item in items]
        if progress is not None:
            progress(len(items), len(items))
        return results
    context = multiprocessing.get_context("fork")
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_PROCESS)))
    _task, _chunks, _next = func, [items[i : i + size] for i in range(0, len(items), size)], context.Value("l", 0)
    _progress, _items = progress, len(items)
    try:
        with context.Pool(jobs - 1, initializer=_die_with_parent) as pool:
            pending = [pool.apply_async(_drain) for _ in range(jobs - 1)]
            parts = [_drain()]
            parts += [p.get() for p in pending]
        ordered: list[list[Any]] = [[] for _ in _chunks]
        for part in parts:
            for index, values in part:
                ordered[index] = values
    finally:
        _task, _chunks, _next, _progress = None, (), None, None
    return [result for chunk in ordered for result in chunk]
