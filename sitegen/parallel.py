"""Work spread over all cores: forked worker processes, and this process too.

Workers are forked after the site is gathered, so they inherit it (and the compiled
layouts) instead of receiving it pickled; only results cross process boundaries. The work
is cut into chunks that every process, this one included, takes from a shared counter
until none are left: no core idles while another has a queue, and one process fewer means
less memory. Where ``fork`` is not available the work runs in this process.

The work of one call (the function, its chunks, the counter) is an object made before the
workers are forked: each worker finds its own copy of it, and nothing lives in this module
between calls. The function is often a callable object itself, carrying what it needs.

With a time ``limit`` per item the work runs only in forked workers, however few the items:
this process hands out the chunks and watches the clock, kills a worker stuck on one item past
the limit (a signal can be ignored or swallowed by native code; SIGKILL cannot), counts that item
``late`` and forks a fresh worker for the rest. Nothing in this process can be stuck then.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext
from typing import Any, TypeVar

T = TypeVar("T")

R = TypeVar("R")


# Below this many items a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 200

CHUNKS_PER_PROCESS = 8  # several chunks each even out uneven work; few keep the overhead small

Progress = Callable[[int, int], None]  # items handed out so far, of how many

Done = list[tuple[int, list[Any]]]  # the chunks one process did: (index, results)


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
    except (OSError, AttributeError):  # not Linux: a call that fails still ends its workers
        pass


_PR_SET_PDEATHSIG = 1


class _Work:
    """One call's work, cut into chunks, and the shared counter of the next chunk to take."""

    def __init__(
        self,
        func: Callable[[Any], Any],
        items: Sequence[Any],
        size: int,
        context: ForkContext,
        progress: Progress | None,
    ) -> None:
        self.func = func
        self.chunks = [items[i : i + size] for i in range(0, len(items), size)]
        self.next = context.Value("l", 0)
        # a forked worker has its copy too: it is told after each chunk of its own
        self.progress = progress
        self.items = len(items)

    def drain(self) -> Done:
        """Take chunks until none are left; return them with their indexes."""
        done: Done = []
        func, chunks, counter = self.func, self.chunks, self.next
        while True:
            with counter.get_lock():
                index = counter.value
                counter.value += 1
            if index >= len(chunks):
                return done
            done.append((index, [func(item) for item in chunks[index]]))
            if self.progress is not None:
                self.progress(min(self.items, (index + 1) * len(chunks[0])), self.items)

    def serve(self, channel: Connection) -> None:
        """A worker's whole life: take chunks, then send their results back (or the error
        that stopped it, raised again in the calling process)."""
        _die_with_parent()
        try:
            outcome: tuple[bool, object] = (True, self.drain())
        except Exception as exc:
            outcome = (False, exc)
        try:
            channel.send(outcome)
        except Exception as exc:  # a result or an error that cannot be pickled
            channel.send((False, RuntimeError(f"a worker could not send back what it did: {exc!r}")))
        channel.close()

    def run(self, context: ForkContext, workers: int) -> Done:
        """The work done by ``workers`` forked processes and this one; the workers are
        ended if it fails (or is interrupted)."""
        processes, channels = [], []
        finished = False
        try:
            for _ in range(workers):
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=self.serve, args=(sender,), daemon=True)
                process.start()
                sender.close()  # the worker's end: the next workers must not inherit it
                processes.append(process)
                channels.append(receiver)
            done = self.drain()
            for receiver in channels:
                done += _received(receiver)
            finished = True
        finally:
            for process in processes:
                if not finished:
                    process.terminate()
                process.join()
            for receiver in channels:
                receiver.close()
        return done


def _received(channel: Connection) -> Done:
    try:
        ok, value = channel.recv()
    except EOFError:
        raise RuntimeError("a worker process ended before its work was done") from None
    if not ok:
        raise value
    return list(value)


class _Worker:
    """A forked worker under a time limit, as this process sees it: the items of the chunk it
    was handed that it has not sent back yet, and since when it has been on the first one."""

    def __init__(self, process: Any, channel: Connection) -> None:
        self.process = process
        self.channel = channel
        self.items: deque[int] = deque()
        self.since = 0.0

    def hand(self, chunk: list[int]) -> None:
        self.items.extend(chunk)
        self.since = time.monotonic()
        self.channel.send(chunk)

    def end(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            self.channel.send(None)
        self.process.join()
        self.channel.close()


class _Supervised:
    """One call's work under a time limit per item (see the module's docstring)."""

    def __init__(
        self, func: Callable[[Any], Any], items: Sequence[Any], limit: float, late: Callable[[Any], Any]
    ) -> None:
        self.func = func
        self.items = items
        self.limit = limit
        self.late = late
        self.results: dict[int, Any] = {}
        self.pending: deque[list[int]] = deque()
        self.workers: dict[Connection, _Worker] = {}

    def serve(self, channel: Connection) -> None:
        """A worker's whole life: do the chunks it is handed, sending each result back as soon
        as it is done (a worker killed mid-chunk has sent what it did), until told to stop."""
        _die_with_parent()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is this process's to handle: it ends the workers
        while (chunk := channel.recv()) is not None:
            for index in chunk:
                try:
                    message: tuple[Any, ...] = (index, self.func(self.items[index]))
                except BaseException as exc:  # raised here as it would be in this process
                    message = (None, exc)
                try:
                    channel.send(message)
                except Exception as exc:  # a result or an error that cannot be pickled
                    channel.send((None, RuntimeError(f"a worker could not send back what it did: {exc!r}")))

    def run(self, context: ForkContext, workers: int, size: int, progress: Progress | None) -> list[Any]:
        indexes = list(range(len(self.items)))
        self.pending.extend(indexes[i : i + size] for i in range(0, len(indexes), size))
        gc.freeze()  # a worker's collector then leaves the inherited objects (and their pages) alone
        try:
            for _ in range(min(workers, len(self.pending))):
                self._fork(context)
            while self.workers:
                self._receive(progress)
                self._kill_late(context)
        finally:
            gc.unfreeze()
            for worker in self.workers.values():
                worker.end(kill=True)
        return [self.results[index] for index in indexes]

    def _fork(self, context: ForkContext) -> None:
        mine, theirs = context.Pipe()
        process = context.Process(target=self.serve, args=(theirs,), daemon=True)
        process.start()
        theirs.close()  # the worker's end: the next workers must not inherit it
        worker = self.workers[mine] = _Worker(process, mine)
        worker.hand(self.pending.popleft())

    def _receive(self, progress: Progress | None) -> None:
        """Take what the workers sent until the first deadline; hand on the next chunks."""
        deadline = min(w.since for w in self.workers.values()) + self.limit
        for channel in wait(list(self.workers), timeout=max(deadline - time.monotonic(), 0.0)):
            worker = self.workers[channel]  # type: ignore[index]
            try:
                index, value = worker.channel.recv()
            except EOFError:
                raise RuntimeError("a worker process ended before its work was done") from None
            if index is None:
                raise value
            self.results[index] = value
            worker.items.popleft()
            worker.since = time.monotonic()
            if not worker.items:
                if progress is not None:
                    progress(len(self.results), len(self.items))
                self._next(worker)

    def _next(self, worker: _Worker) -> None:
        if self.pending:
            worker.hand(self.pending.popleft())
        else:
            del self.workers[worker.channel]
            worker.end(kill=False)

    def _kill_late(self, context: ForkContext) -> None:
        """Kill each worker stuck past the limit: its item is late, the rest of its chunk goes
        to a fresh worker."""
        now = time.monotonic()
        for worker in list(self.workers.values()):
            if now - worker.since <= self.limit or worker.channel.poll():  # what it sent comes first
                continue
            del self.workers[worker.channel]
            worker.end(kill=True)
            index = worker.items.popleft()
            self.results[index] = self.late(self.items[index])
            if worker.items:
                self.pending.appendleft(list(worker.items))
            if self.pending:
                self._fork(context)


def _supervised(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    progress: Progress | None,
    limit: float,
    late: Callable[[T], R],
) -> list[R]:
    context = multiprocessing.get_context("fork")
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_PROCESS)))
    return _Supervised(func, items, limit, late).run(context, jobs, size, progress)


def parallel_map(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int | None = None,
    min_items: int | None = None,
    progress: Progress | None = None,
    limit: float | None = None,
    late: Callable[[T], R] | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, in order, on ``jobs`` processes (this one among
    them); ``min_items`` (default MIN_PARALLEL_ITEMS) is the fewest items worth forking for;
    ``progress`` hears how far the work is. With ``limit`` and ``late``, an item that takes
    longer than ``limit`` seconds gets ``late(item)`` instead, and only forked workers do the work
    (where processes fork; elsewhere ``func`` must keep the limit itself)."""
    jobs = jobs or default_jobs()
    least = MIN_PARALLEL_ITEMS if min_items is None else min_items
    forks = "fork" in multiprocessing.get_all_start_methods()
    if limit is not None and late is not None and forks and items:
        return _supervised(func, items, jobs, progress, limit, late)
    if jobs <= 1 or len(items) < least or not forks:
        results = [func(item) for item in items]
        if progress is not None:
            progress(len(items), len(items))
        return results
    return _shared(func, items, jobs, progress)


def _shared(func: Callable[[T], R], items: Sequence[T], jobs: int, progress: Progress | None) -> list[R]:
    """The work shared by this process and ``jobs - 1`` forked workers."""
    context = multiprocessing.get_context("fork")
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_PROCESS)))
    work = _Work(func, items, size, context, progress)
    ordered: list[list[Any]] = [[] for _ in work.chunks]
    for index, values in work.run(context, jobs - 1):
        ordered[index] = values
    return [result for chunk in ordered for result in chunk]
