"""parallel_map (sitegen/parallel.py) is ``[func(item) for item in items]``, in order, whether
the work stays in this process or is shared with forked workers; a worker's exception reaches
the caller."""

from __future__ import annotations

import multiprocessing
import os

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
