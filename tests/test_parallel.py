"""parallel_map (sitegen/parallel.py) is ``[func(item) for item in items]``, in order, whether
the work stays in this process or is shared with forked workers; a worker's exception reaches
the caller."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest

from sitegen.parallel import parallel_map

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="work is shared only where processes fork"
)


def square(n: int) -> int:
    return n * n


def pid_of(_: object) -> int:
    return os.getpid()


class MeetFirst:
    """``square``, but each process's first call waits until another process makes its own: it
    passes only when two processes share the work. A lone process gives up after TIMEOUT
    seconds with threading.BrokenBarrierError."""

    TIMEOUT = 30.0

    def __init__(self) -> None:
        self.barrier = multiprocessing.get_context("fork").Barrier(2, timeout=self.TIMEOUT)
        self.met = False  # each forked worker has its own copy

    def __call__(self, n: int) -> tuple[int, int]:
        if not self.met:
            self.barrier.wait()
            self.met = True
        return n * n, os.getpid()


def fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError(f"item {n} cannot be done")
    return n


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_the_results_are_those_of_map_in_order(jobs: int) -> None:
    items = list(range(-50, 451))
    assert parallel_map(square, items, jobs, min_items=1) == [n * n for n in items]


def test_no_items_give_no_results() -> None:
    assert parallel_map(square, [], 2, min_items=0) == []


def test_one_job_or_few_items_stay_in_this_process() -> None:
    assert set(parallel_map(pid_of, range(500), 1, min_items=1)) == {os.getpid()}
    assert set(parallel_map(pid_of, range(10), 4, min_items=11)) == {os.getpid()}


@needs_fork
def test_with_two_jobs_two_processes_share_the_work() -> None:
    items = list(range(100))
    results = parallel_map(MeetFirst(), items, 2, min_items=1)
    assert [value for value, _ in results] == [n * n for n in items]
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() in pids


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_of_the_function_reaches_the_caller(jobs: int) -> None:
    with pytest.raises(ValueError, match=r"^item 7 cannot be done$"):
        parallel_map(fails_on_seven, list(range(300)), jobs, min_items=1)


def test_progress_ends_at_the_number_of_items() -> None:
    heard: list[tuple[int, int]] = []
    parallel_map(square, list(range(40)), 1, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(40, 40)]


# -- a time limit per item, kept by killing the process stuck on it ----------------------------------

STUCK_CAP = 30.0


def stuck_on_sevens(n: int) -> tuple[int, int]:
    """``n * n`` and the process; on a multiple of 7 it blocks in native code with every signal
    it could be interrupted by blocked (for at most STUCK_CAP seconds)."""
    if n % 7 == 0:
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGINT, signal.SIGTERM})
        try:
            time.sleep(STUCK_CAP)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return n * n, os.getpid()


def late(n: int) -> tuple[int, int]:
    return -n, 0


@needs_fork
@pytest.mark.parametrize(("jobs", "count"), [(1, 3), (1, 15), (2, 15), (3, 250)])
def test_an_item_past_the_limit_is_late_and_the_rest_are_done(jobs: int, count: int) -> None:
    started = time.monotonic()
    results = parallel_map(stuck_on_sevens, list(range(1, count)), jobs, limit=0.3, late=late)
    assert time.monotonic() - started < STUCK_CAP / 2
    assert [value for value, _ in results] == [-n if n % 7 == 0 else n * n for n in range(1, count)]
    # the work ran in forked processes, never in this one (which no limit could stop)
    assert os.getpid() not in {pid for _, pid in results}


@needs_fork
def test_under_a_limit_an_exception_still_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match=r"^item 7 cannot be done$"):
        parallel_map(fails_on_seven, list(range(300)), 2, limit=5.0, late=late)


@needs_fork
def test_under_a_limit_progress_ends_at_the_number_of_items() -> None:
    heard: list[tuple[int, int]] = []
    parallel_map(
        square, list(range(40)), 2, progress=lambda done, total: heard.append((done, total)), limit=5.0, late=late
    )
    assert heard[-1] == (40, 40)
