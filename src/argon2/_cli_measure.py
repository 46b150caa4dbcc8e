"""What ``python -m argon2`` measures: verification time, concurrent hashing
throughput and the timings behind calibration, with a progress line on a
terminal."""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from typing import TYPE_CHECKING, TextIO, final

from . import PasswordHasher, low_level
from .exceptions import Argon2Error

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._utils import Parameters

__all__ = [
    "PASSWORD",
    "REPEATS",
    "Progress",
    "benchmark",
    "hash_concurrently",
    "measurer",
    "print_header",
    "runtime_line",
    "throughput",
]

PASSWORD = b"secret"
# Each calibration candidate is hashed this many times; the median counts.
REPEATS = 3
# Progress appears only once a run has taken this long (seconds).
_PROGRESS_DELAY_S = 1.0
_PROGRESS_INTERVAL_S = 0.1


def runtime_line(threads: int) -> str:
    return (
        f"backend: {low_level.backend_name()}, kernel: {low_level.kernel_name()}, "
        f"threads: {threads}"
    )


@final
class Progress:
    """A one-line ``\\r`` status on a terminal's stderr, shown only once a run
    has taken about a second and cleared at the end; silent elsewhere."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = sys.stderr if stream is None else stream
        try:
            self._enabled = self._stream.isatty()
        except (AttributeError, ValueError):  # replaced or closed stream
            self._enabled = False
        self._start = time.monotonic()
        self._shown_at = float("-inf")
        self._width = 0

    def show(self, text: str) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        if now - self._start < _PROGRESS_DELAY_S:
            return
        if now - self._shown_at < _PROGRESS_INTERVAL_S:
            return
        self._shown_at = now
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = max(self._width, len(text))

    def clear(self) -> None:
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()


def print_header(ph: PasswordHasher, n: int, threads: int) -> None:
    print(f"Running Argon2{ph.type.name.lower()} {n} times with:")
    for name, value, unit in (
        ("hash_len", ph.hash_len, "bytes"),
        ("memory_cost", ph.memory_cost, "KiB"),
        ("parallelism", ph.parallelism, "threads"),
        ("time_cost", ph.time_cost, "iterations"),
    ):
        print(f"{name}: {value} {unit}")
    print(runtime_line(threads))


def benchmark(ph: PasswordHasher, n: int, threads: int) -> None:
    """Hash once, then time *n* verifications of that hash."""
    hash = ph.hash(PASSWORD)
    print_header(ph, n, threads)
    print("\nMeasuring...")
    with Progress() as progress:
        start = time.perf_counter()
        for done in range(n):
            progress.show(f"verifying {done + 1}/{n}…")
            ph.verify(hash, PASSWORD)
        duration = time.perf_counter() - start
    print(f"\n{duration / n * 1000:.1f}ms per password verification")


def hash_concurrently(ph: PasswordHasher, n: int, workers: int) -> float:
    """Hash *n* times in *workers* threads at once; the wall time in s."""
    lock = threading.Lock()
    remaining = [n]
    errors: list[Argon2Error] = []
    ready = threading.Barrier(workers + 1)

    def work() -> None:
        ready.wait()
        while True:
            with lock:
                if remaining[0] == 0 or errors:
                    return
                remaining[0] -= 1
            try:
                ph.hash(PASSWORD)
            except Argon2Error as error:  # reported by the main thread
                with lock:
                    errors.append(error)
                return

    pool = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for thread in pool:
        thread.start()
    with Progress() as progress:
        ready.wait()
        start = time.perf_counter()
        for thread in pool:
            while thread.is_alive():
                thread.join(_PROGRESS_INTERVAL_S)
                with lock:
                    started = n - remaining[0]
                progress.show(f"hashing {started}/{n}…")
        duration = time.perf_counter() - start
    if errors:
        raise errors[0]
    return duration


def throughput(ph: PasswordHasher, n: int, workers: int) -> dict[str, float]:
    """Print and return hashes per second with *workers* threads hashing."""
    print(f"\nHashing with {workers} concurrent threads...")
    duration = hash_concurrently(ph, n, workers)
    total = n / duration
    print(
        f"\n{total:.1f} hashes/s total, {total / workers:.1f} hashes/s per thread "
        f"({n} hashes in {duration:.2f}s)"
    )
    return {
        "concurrent_threads": workers,
        "hashes_per_s": round(total, 2),
        "hashes_per_s_per_thread": round(total / workers, 2),
    }


def measurer(
    params: Parameters,
    max_threads: int | None,
    target_ms: float,
    progress: Progress,
) -> Callable[[int, int], float]:
    """Median time of a hash in ms, stopping early once most runs are over
    *target_ms* (the median is then over it too)."""
    salt = os.urandom(params.salt_len)

    def measure(time_cost: int, memory_cost: int) -> float:
        progress.show(f"calibrating: time_cost={time_cost}, {memory_cost} KiB…")
        times: list[float] = []
        while len(times) < REPEATS:
            start = time.perf_counter()
            low_level.hash_secret_raw(
                PASSWORD,
                salt,
                time_cost,
                memory_cost,
                params.parallelism,
                params.hash_len,
                params.type,
                threads=max_threads,
            )
            times.append((time.perf_counter() - start) * 1000)
            if sum(t > target_ms for t in times) > REPEATS // 2:
                break
        return statistics.median(times)

    return measure
