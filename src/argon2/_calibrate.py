"""Parameter search behind ``python -m argon2 --calibrate``.

Memory first (memory hardness is what makes Argon2 costly to attack), then as
many passes as fit the target time. Timing is injected as a function so the
search itself can be tested without a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MEMORY_FLOOR_KIB", "Calibration", "lane_aligned", "search"]

MEMORY_FLOOR_KIB = 8 * 1024
"""Halving memory stops here (or at the budget, if that is smaller): below
8 MiB the memory hardness is too weak to be worth trading for speed."""

_MAX_TIME_COST = 0xFFFFFFFF
# Candidates measured after t=1: a linear model usually needs two or three;
# the cap bounds the run time on a noisy machine.
_MAX_STEPS = 6


@dataclass(frozen=True)
class Calibration:
    """The chosen costs and the median time measured for them."""

    time_cost: int
    memory_cost: int
    measured_ms: float
    notes: tuple[str, ...]


def lane_aligned(memory_cost: int, parallelism: int) -> int:
    """*memory_cost* rounded down to what Argon2 really uses: a whole number
    of 4 blocks per lane, never below the minimum of 8 KiB per lane."""
    step = 4 * parallelism
    return max(8 * parallelism, memory_cost - memory_cost % step)


def _memory_floor(max_memory: int, parallelism: int) -> int:
    return lane_aligned(min(max_memory, MEMORY_FLOOR_KIB), parallelism)


def _choose_memory(
    measure: Callable[[int, int], float],
    target_ms: float,
    max_memory: int,
    parallelism: int,
    notes: list[str],
) -> tuple[int, float]:
    """The largest memory (budget, halved as needed) whose single pass fits
    *target_ms*, and that pass's time. At the floor, the floor."""
    floor = _memory_floor(max_memory, parallelism)
    memory = lane_aligned(max_memory, parallelism)
    while True:
        elapsed = measure(1, memory)
        if elapsed <= target_ms:
            return memory, elapsed
        if memory <= floor:
            notes.append(
                f"even time_cost=1 with {memory} KiB takes {elapsed:.1f} ms, "
                f"over the {target_ms:g} ms target; {memory} KiB is the "
                "memory floor"
            )
            return memory, elapsed
        smaller = max(floor, lane_aligned(memory // 2, parallelism))
        notes.append(
            f"time_cost=1 with {memory} KiB took {elapsed:.1f} ms, over the "
            f"{target_ms:g} ms target: memory halved to {smaller} KiB"
        )
        memory = smaller


def _next_candidate(
    times: dict[int, float], fits: int, over: int | None, target_ms: float
) -> int | None:
    """The time_cost to measure next, or None when the times say that
    *fits* is the answer.

    Times grow about linearly with the passes, plus a fixed cost (allocation)
    that makes the first pass look slow: so the line runs through *fits* and
    the nearest measurement over the target, or else the smallest one measured
    (the widest base), or else (one point) through the origin, which
    undershoots.
    """
    if over is not None:
        other: int | None = over
    else:
        other = min((t for t in times if t < fits), default=None)
    if other is None:
        slope = times[fits] / fits
    else:
        slope = (times[other] - times[fits]) / (other - fits)
    upper = _MAX_TIME_COST if over is None else over - 1
    if fits >= upper:
        return None
    if slope <= 0:  # noise, no usable trend: one pass at a time
        return fits + 1
    if other is not None and times[fits] + slope > target_ms:
        return None  # the line leaves no room for another pass
    guess = fits + int((target_ms - times[fits]) / slope)
    return min(max(guess, fits + 1), upper)


def search(
    measure: Callable[[int, int], float],
    *,
    target_ms: float,
    max_memory: int,
    parallelism: int,
) -> Calibration:
    """Find costs whose hash takes at most *target_ms*.

    *measure(time_cost, memory_cost)* returns the median time of a hash in
    milliseconds. The memory is the budget *max_memory* (KiB), halved while
    even one pass is over the target, down to a floor; the time cost is the
    largest one whose measured time stays within the target (at least 1).
    """
    notes: list[str] = []
    memory, one_pass = _choose_memory(
        measure, target_ms, max_memory, parallelism, notes
    )
    times = {1: one_pass}
    fits = 1  # largest time_cost measured within the target
    over: int | None = None  # smallest time_cost measured over it
    for _ in range(_MAX_STEPS if one_pass <= target_ms else 0):
        candidate = _next_candidate(times, fits, over, target_ms)
        if candidate is None:
            break
        times[candidate] = measure(candidate, memory)
        if times[candidate] <= target_ms:
            fits = candidate
        else:
            over = candidate
    return Calibration(
        time_cost=fits,
        memory_cost=memory,
        measured_ms=times[fits],
        notes=tuple(notes),
    )
