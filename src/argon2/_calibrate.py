"""Parameter search behind ``python -m argon2 --calibrate`` and
:func:`argon2.calibrate`.

Memory first (memory hardness is what makes Argon2 costly to attack), then as
many passes as fit the target time; the same for a few smaller memories, so
that the trade-off is visible. With several logins at once, the latency that
must fit is the 99th percentile of that many concurrent hashes, and their
total memory must fit a limit. Timing is injected as a function so the search
itself can be tested without a clock.
"""

from __future__ import annotations

import dataclasses
import math
import os
import statistics
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import low_level, memory
from .profiles import get_default_parameters

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._utils import Parameters

__all__ = [
    "MEMORY_FLOOR_KIB",
    "Calibration",
    "CalibrationReport",
    "Candidate",
    "Timing",
    "calibrate",
    "candidates",
    "default_memory_limit",
    "lane_aligned",
    "search",
]

# The most memory per hash tried without a limit: RFC 9106's first
# recommendation uses 2 GiB.
MAX_DEFAULT_MEMORY_KIB = 2 * 1024 * 1024
# Each measurement is repeated this many times (per thread when concurrent).
REPEATS = 3
CANDIDATES = 4

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


def _most_passes(
    measure: Callable[[int, int], float],
    memory: int,
    one_pass: float,
    target_ms: float,
) -> tuple[int, float]:
    """The largest time_cost within *target_ms* at *memory* (at least 1) and
    its time, given the time of one pass."""
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
    return fits, times[fits]


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
    found = candidates(
        measure,
        target_ms=target_ms,
        max_memory=max_memory,
        parallelism=parallelism,
        count=1,
    )
    return found[0]


def candidates(
    measure: Callable[[int, int], float],
    *,
    target_ms: float,
    max_memory: int,
    parallelism: int,
    count: int = CANDIDATES,
) -> tuple[Calibration, ...]:
    """Up to *count* (memory, passes) pairs within *target_ms*, most memory
    first: the memory :func:`search` chooses, then halved down to the floor,
    each with the most passes that fit. The notes are on the first."""
    notes: list[str] = []
    memory, one_pass = _choose_memory(
        measure, target_ms, max_memory, parallelism, notes
    )
    floor = _memory_floor(max_memory, parallelism)
    found: list[Calibration] = []
    while True:
        fits, elapsed = _most_passes(measure, memory, one_pass, target_ms)
        found.append(
            Calibration(
                time_cost=fits,
                memory_cost=memory,
                measured_ms=elapsed,
                notes=tuple(notes) if not found else (),
            )
        )
        smaller = max(floor, lane_aligned(memory // 2, parallelism))
        if len(found) >= count or smaller >= memory:
            return tuple(found)
        memory = smaller
        one_pass = measure(1, memory)


# --- measuring on this machine ------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """Latencies of one (time_cost, memory_cost) pair, in milliseconds."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def minimum(self) -> float:
        return min(self.samples)

    @property
    def maximum(self) -> float:
        return max(self.samples)

    @property
    def spread(self) -> float:
        """Maximum minus minimum."""
        return self.maximum - self.minimum

    @property
    def p99(self) -> float:
        """The 99th percentile, by nearest rank (the maximum below 100 samples)."""
        ordered = sorted(self.samples)
        return ordered[math.ceil(0.99 * len(ordered)) - 1]


@dataclass(frozen=True)
class Candidate:
    """Costs that fit the target, and what was measured for them."""

    time_cost: int
    memory_cost: int
    timing: Timing
    concurrency: int

    @property
    def total_memory(self) -> int:
        """KiB that *concurrency* hashes at once fill."""
        return self.memory_cost * self.concurrency


@dataclass(frozen=True)
class CalibrationReport:
    """What :func:`calibrate` found. (argon2-ft extension)

    Attributes:
        parameters: The recommendation: the most memory that fits the target,
            with the most passes that fit at that memory.
        candidates: Every pair found, most memory first (the first is the
            recommendation).
        target_ms: The latency target: for one login at a time the median
            hash, for several the 99th percentile.
        concurrency: Logins measured at once.
        memory_limit: KiB that *concurrency* hashes may fill together.
        threads: Threads per hash that ran (capped at the lanes and CPUs).
        notes: Why memory was reduced, if it was.
    """

    parameters: Parameters
    candidates: tuple[Candidate, ...]
    target_ms: float
    concurrency: int
    memory_limit: int
    threads: int
    notes: tuple[str, ...]


def usable_cpus() -> int:
    """The CPUs this process may run on (what caps the threads per hash)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def threads_that_run(parallelism: int, max_threads: int | None) -> int:
    """Threads computing one hash: one per lane, within the cap and CPUs."""
    asked = parallelism if max_threads is None else min(max_threads, parallelism)
    return max(1, min(asked, usable_cpus()))


def default_memory_limit() -> int:
    """The process-wide memory budget in KiB (see :mod:`argon2.memory`):
    more concurrent memory than that would make logins wait for each other.
    Without a budget, half the physical memory (4 GiB where it cannot be
    read)."""
    budget = memory.get_budget()
    if budget:
        return budget // 1024
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return 4 * 1024 * 1024
    if pages <= 0 or size <= 0:
        return 4 * 1024 * 1024
    return pages * size // 1024 // 2


def _timer(
    params: Parameters,
    max_threads: int | None,
    concurrency: int,
    target_ms: float,
    record: Callable[[int, int, Timing], None],
) -> Callable[[int, int], float]:
    """A measure(time_cost, memory_cost) for the search: the median of
    REPEATS hashes (stopping early once most are over *target_ms*), or with
    *concurrency* > 1 the 99th percentile of that many threads hashing
    REPEATS times each, all at once."""
    salt = os.urandom(params.salt_len)

    def one(time_cost: int, memory_cost: int) -> float:
        start = time.perf_counter()
        low_level.hash_secret_raw(
            b"secret",
            salt,
            time_cost,
            memory_cost,
            params.parallelism,
            params.hash_len,
            params.type,
            threads=max_threads,
        )
        return (time.perf_counter() - start) * 1000

    def alone(time_cost: int, memory_cost: int) -> list[float]:
        times: list[float] = []
        while len(times) < REPEATS:
            times.append(one(time_cost, memory_cost))
            if sum(t > target_ms for t in times) > REPEATS // 2:
                break
        return times

    def together(time_cost: int, memory_cost: int) -> list[float]:
        times: list[float] = []
        errors: list[BaseException] = []
        lock = threading.Lock()
        start = threading.Barrier(concurrency)

        def login() -> None:
            try:
                start.wait()
                mine = [one(time_cost, memory_cost) for _ in range(REPEATS)]
            except BaseException as error:  # noqa: BLE001 (re-raised below)
                with lock:
                    errors.append(error)
                start.abort()
                return
            with lock:
                times.extend(mine)

        pool = [threading.Thread(target=login) for _ in range(concurrency)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        if errors:
            raise errors[0]
        return times

    def measure(time_cost: int, memory_cost: int) -> float:
        run = alone if concurrency == 1 else together
        timing = Timing(tuple(run(time_cost, memory_cost)))
        record(time_cost, memory_cost, timing)
        return timing.median if concurrency == 1 else timing.p99

    return measure


def calibrate(
    target_ms: float = 500,
    *,
    base: Parameters | None = None,
    max_memory_cost: int | None = None,
    concurrency: int = 1,
    memory_limit: int | None = None,
    max_threads: int | None = None,
    count: int = CANDIDATES,
    progress: Callable[[str], None] | None = None,
) -> CalibrationReport:
    """Measure parameters for this machine. (argon2-ft extension)

    Args:
        target_ms: Latency budget per login in milliseconds: for the median
            hash, or with *concurrency* above 1 for the 99th percentile of
            that many hashes at once.
        base: Lanes, lengths and type to keep (default: the default
            parameters); only ``time_cost`` and ``memory_cost`` are searched.
        max_memory_cost: Most KiB per hash (default: *memory_limit* divided by
            *concurrency*, at most 2 GiB).
        concurrency: Logins that must fit at once.
        memory_limit: KiB that *concurrency* hashes may fill together
            (default: the process-wide memory budget, else half the physical
            memory).
        max_threads: Threads per hash, as for :class:`~argon2.PasswordHasher`.
        count: How many candidates to measure (each with half the memory of
            the one before).
        progress: Called with a short status text before each measurement.

    Raises:
        ValueError: the budget cannot hold one hash with these lanes.
        argon2.exceptions.HashingError: the base parameters are invalid.
    """
    params = get_default_parameters() if base is None else base
    if concurrency < 1 or count < 1 or target_ms <= 0:
        msg = "target_ms, concurrency and count must be positive"
        raise ValueError(msg)
    limit = default_memory_limit() if memory_limit is None else memory_limit
    per_login = limit // concurrency
    if max_memory_cost is None:
        budget = min(MAX_DEFAULT_MEMORY_KIB, per_login)
    else:
        budget = min(max_memory_cost, per_login)
    lanes = params.parallelism
    if budget < 8 * lanes:
        msg = (
            f"{budget} KiB per hash is below Argon2's minimum of 8 KiB per lane "
            f"({8 * lanes} KiB for parallelism {lanes})"
        )
        if budget == per_login:
            msg += f" ({limit} KiB for {concurrency} logins at once)"
        raise ValueError(msg)
    # The cheapest hash with these lanes and lengths: fail before measuring.
    low_level.hash_secret_raw(
        b"secret",
        os.urandom(params.salt_len),
        1,
        8 * lanes,
        lanes,
        params.hash_len,
        params.type,
    )
    timings: dict[tuple[int, int], Timing] = {}

    def record(time_cost: int, memory_cost: int, timing: Timing) -> None:
        timings[time_cost, memory_cost] = timing

    def measure(time_cost: int, memory_cost: int) -> float:
        if progress is not None:
            progress(f"calibrating: time_cost={time_cost}, {memory_cost} KiB…")
        return timer(time_cost, memory_cost)

    timer = _timer(params, max_threads, concurrency, target_ms, record)
    found = candidates(
        measure,
        target_ms=target_ms,
        max_memory=budget,
        parallelism=lanes,
        count=count,
    )
    best = found[0]
    return CalibrationReport(
        parameters=dataclasses.replace(
            params, time_cost=best.time_cost, memory_cost=best.memory_cost
        ),
        candidates=tuple(
            Candidate(
                time_cost=f.time_cost,
                memory_cost=f.memory_cost,
                timing=timings[f.time_cost, f.memory_cost],
                concurrency=concurrency,
            )
            for f in found
        ),
        target_ms=target_ms,
        concurrency=concurrency,
        memory_limit=limit,
        threads=threads_that_run(lanes, max_threads),
        notes=best.notes,
    )
