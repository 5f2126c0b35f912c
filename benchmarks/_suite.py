"""Shared timing and memory helpers for the benchmarks and the suite in ``run.py``.

Every benchmark times with ``time.perf_counter``, the cyclic garbage collector off (as
``timeit`` does), and keeps the fastest of several runs; peak memory is traced with
``tracemalloc`` in a separate pass, so that tracing never slows a timed run.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

# The aim for linear scaling: a 4x larger input takes at most this many times as long.
SCALING_AIM = 4.4
# A streaming pass whose peak grows by less than this over 4x the records is flat.
FLAT_MEMORY_AIM = 1.25


def clock(fn: Callable[[], object]) -> float:
    """Seconds ``fn`` takes, with the cyclic garbage collector off while it runs."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` runs of ``fn``, in seconds."""
    return min(clock(fn) for _ in range(max(1, repeats)))


def peak_bytes(fn: Callable[[], object]) -> int:
    """Peak memory ``tracemalloc`` traces while ``fn`` runs (what it allocates, not its input)."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def rate(count: int, seconds: float) -> float:
    """Records per second (infinite when nothing measurable was timed)."""
    return count / seconds if seconds > 0 else float("inf")


def scaling(small: dict[str, Any], large: dict[str, Any], key: str = "seconds") -> float:
    """How many times longer the 4x input took: ``large[key] / small[key]``."""
    return float(large[key]) / float(small[key]) if small[key] else float("inf")
