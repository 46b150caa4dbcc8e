"""What ``python -m argon2`` measures: verification time, concurrent hashing
throughput and the timings behind calibration, with a progress line on a
terminal."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO, final

from . import PasswordHasher, low_level
from ._calibrate import Timing, usable_cpus
from .exceptions import Argon2Error

__all__ = [
    "PASSWORD",
    "Progress",
    "benchmark",
    "hash_concurrently",
    "print_header",
    "runtime_line",
    "throughput",
]

PASSWORD = b"secret"
# Progress appears only once a run has taken this long (seconds).
_PROGRESS_DELAY_S = 1.0
_PROGRESS_INTERVAL_S = 0.1


def runtime_line(threads: int, lanes: int, max_threads: int | None) -> str:
    """The backend, kernel and threads per hash that ran, with why fewer
    threads ran than asked for, if they did."""
    line = (
        f"backend: {low_level.backend_name()}, kernel: {low_level.kernel_name()}, "
        f"threads: {threads}"
    )
    asked = lanes if max_threads is None else min(max_threads, lanes)
    if threads < asked:
        line += f" ({asked} asked, {usable_cpus()} CPUs usable)"
    return line


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


def print_header(ph: PasswordHasher, n: int, runtime: str) -> None:
    print(f"Running Argon2{ph.type.name.lower()} {n} times with:")
    for name, value, unit in (
        ("hash_len", ph.hash_len, "bytes"),
        ("memory_cost", ph.memory_cost, "KiB"),
        ("parallelism", ph.parallelism, "threads"),
        ("time_cost", ph.time_cost, "iterations"),
    ):
        print(f"{name}: {value} {unit}")
    print(runtime)


def benchmark(
    ph: PasswordHasher, n: int, runtime: str, *, quiet: bool = False
) -> Timing:
    """Hash once, then time *n* verifications of that hash; print the median,
    minimum and spread unless *quiet*."""
    hash = ph.hash(PASSWORD)
    if not quiet:
        print_header(ph, n, runtime)
        print("\nMeasuring...")
    times: list[float] = []
    with Progress() as progress:
        for done in range(n):
            progress.show(f"verifying {done + 1}/{n}…")
            start = time.perf_counter()
            ph.verify(hash, PASSWORD)
            times.append((time.perf_counter() - start) * 1000)
    timing = Timing(tuple(times))
    if not quiet:
        print(f"\n{timing.median:.1f}ms per password verification")
        print(
            f"(median of {n}; min {timing.minimum:.1f} ms, max "
            f"{timing.maximum:.1f} ms, spread {timing.spread:.1f} ms)"
        )
    return timing


def hash_concurrently(ph: PasswordHasher, n: int, workers: int) -> float:
    """Hash *n* times in *workers* threads at once; the wall time in s."""
    lock = threading.Lock()
    remaining = [n]
    errors: list[Argon2Error] = []
    ready = threading.Barrier(workers + 1)

    def work() -> None:
        try:
            ready.wait()
        except threading.BrokenBarrierError:  # not all threads could start
            return
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
    for count, thread in enumerate(pool):
        try:
            thread.start()
        except RuntimeError as error:  # the process's thread limit
            ready.abort()
            msg = f"--threads {workers}: {count} of {workers} threads started"
            msg += f" ({error})"
            raise ValueError(msg) from None
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
