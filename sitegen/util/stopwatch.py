"""Seconds spent in each stage of a run."""

from __future__ import annotations

import time


class Stopwatch:
    """Seconds spent in each stage, for ``sitegen build --timings`` and the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self._last
        self._last = now
