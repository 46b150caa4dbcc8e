"""Thread scaling: hashes per second with 1, 2, ... N Python threads.

Each thread hashes with its own password through one shared PasswordHasher; the
GIL is released (or, on free-threaded builds, the thread detaches) while the C code
runs, so throughput should grow with the thread count until the cores run out.

    python benchmarks/threads.py                      # 1..cpu_count threads
    python benchmarks/threads.py --max-threads 16 -t 2 -m 19456 -p 1
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
import threading
import time

import argon2
import argon2._backend as backend


def throughput(ph: argon2.PasswordHasher, threads: int, seconds: float) -> float:
    """Hashes per second over about `seconds`, with `threads` threads hashing."""
    counts = [0] * threads
    start_line = threading.Barrier(threads + 1)
    stop = threading.Event()

    def work(slot: int) -> None:
        password = f"password-{slot}"
        start_line.wait()
        while not stop.is_set():
            ph.hash(password)
            counts[slot] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    start_line.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join()
    return sum(counts) / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("-t", "--time-cost", type=int, default=2)
    parser.add_argument("-m", "--memory-cost", type=int, default=19456, help="KiB")
    parser.add_argument("-p", "--parallelism", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=3.0, help="per thread count")
    args = parser.parse_args()

    ph = argon2.PasswordHasher(
        time_cost=args.time_cost,
        memory_cost=args.memory_cost,
        parallelism=args.parallelism,
    )
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(
        f"t={args.time_cost} m={args.memory_cost} KiB p={args.parallelism}; "
        f"kernel {backend.kernel_name(0)}, backend {backend.NAME}; "
        f"free-threaded build: {bool(sysconfig.get_config_var('Py_GIL_DISABLED'))}, "
        f"GIL enabled: {gil}; cpus: {os.cpu_count()}"
    )
    print(f"{'threads':>7} {'hashes/s':>10} {'scaling':>8} {'efficiency':>10}")
    base = 0.0
    for n in range(1, args.max_threads + 1):
        rate = throughput(ph, n, args.seconds)
        base = base or rate
        print(f"{n:>7} {rate:>10.1f} {rate / base:>7.2f}x {rate / base / n:>9.0%}")


if __name__ == "__main__":
    main()
