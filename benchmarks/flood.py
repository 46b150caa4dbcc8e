"""A login flood: N threads verify one stored hash at the same moment.

One implementation per process, so that the peak resident memory it reports
is that implementation's alone. Prints one JSON object: wall time, p50 and
p99 latency (ms), peak RSS (MiB), and whether every answer was right (one
thread in four is given a wrong password and must be told so).

    python benchmarks/flood.py argon2-ft --threads 48
    ARGON2_FT_MAX_MEMORY=256MiB python benchmarks/flood.py argon2-ft --max-rss-mib 416
    python benchmarks/flood.py reference      # argon2-cffi-bindings
    python benchmarks/flood.py libsodium      # PyNaCl

With --max-rss-mib the exit status says whether every answer was right and
the peak stayed within that many MiB (.ci/run uses it inside a memory cgroup).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

PASSWORD = b"correct horse battery staple"
WRONG = b"correct horse battery stapler"
SALT = b"0123456789abcdef"


def stored_hash(t: int, m: int, p: int) -> bytes:
    from argon2.low_level import Type, hash_secret

    return hash_secret(PASSWORD, SALT, t, m, p, 32, Type.ID)


def verifier(impl: str, encoded: bytes) -> Callable[[bytes], bool]:
    """A function answering whether a password matches *encoded*."""
    if impl == "argon2-ft":
        from argon2.exceptions import VerifyMismatchError
        from argon2.low_level import Type, verify_secret

        def ours(password: bytes) -> bool:
            try:
                return verify_secret(encoded, password, Type.ID)
            except VerifyMismatchError:
                return False

        return ours
    if impl == "reference":
        from _argon2_cffi_bindings import lib

        def ref(password: bytes) -> bool:
            rc = lib.argon2_verify(encoded, password, len(password), lib.Argon2_id)
            if rc not in (0, lib.ARGON2_VERIFY_MISMATCH):
                raise RuntimeError(rc)
            return bool(rc == 0)

        return ref
    if impl == "libsodium":
        from nacl.exceptions import InvalidkeyError
        from nacl.pwhash import argon2id

        def sodium(password: bytes) -> bool:
            try:
                return bool(argon2id.verify(encoded, password))
            except InvalidkeyError:
                return False

        return sodium
    msg = f"unknown implementation {impl!r}"
    raise SystemExit(msg)


def peak_rss_mib() -> float:
    """This process's peak resident memory. VmHWM belongs to the address
    space, which exec replaces; ru_maxrss would carry over what the parent
    held when it forked this process."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def flood(check: Callable[[bytes], bool], threads: int) -> dict[str, object]:
    start = threading.Barrier(threads + 1)
    latencies: list[float] = [0.0] * threads
    right: list[bool] = [False] * threads
    errors: list[str] = []
    t0 = 0.0

    def login(i: int) -> None:
        wrong = i % 4 == 3
        start.wait()
        begin = time.perf_counter()
        try:
            answer = check(WRONG if wrong else PASSWORD)
        except Exception as e:  # noqa: BLE001 - reported, the run goes on
            errors.append(f"{type(e).__name__}: {e}")
            return
        latencies[i] = time.perf_counter() - begin
        right[i] = answer is (not wrong)

    workers = [threading.Thread(target=login, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    start.wait()
    t0 = time.perf_counter()
    for w in workers:
        w.join()
    wall = time.perf_counter() - t0
    ms = sorted(x * 1000 for x in latencies)
    return {
        "threads": threads,
        "wall_ms": round(wall * 1000, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))], 1),
        "peak_rss_mib": peak_rss_mib(),
        "all_right": all(right) and not errors,
        "errors": errors[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("impl", choices=["argon2-ft", "reference", "libsodium"])
    parser.add_argument("--threads", type=int, default=48)
    parser.add_argument("-t", "--time-cost", type=int, default=1)
    parser.add_argument("-m", "--memory-cost", type=int, default=65536, help="KiB")
    parser.add_argument("--max-rss-mib", type=float, help="fail above this peak")
    args = parser.parse_args()

    encoded = stored_hash(args.time_cost, args.memory_cost, 1)
    check = verifier(args.impl, encoded)
    if not (check(PASSWORD) and not check(WRONG)):
        msg = "the verifier gets the basic case wrong"
        raise SystemExit(msg)
    if args.impl == "argon2-ft":
        import argon2.memory

        argon2.memory.reset_peak()
    result = flood(check, args.threads)
    result["impl"] = args.impl
    if args.impl == "argon2-ft":
        import argon2.memory

        s = argon2.memory.stats()
        result["budget_mib"] = None if s.budget is None else s.budget // 2**20
        result["matrix_peak_mib"] = s.peak // 2**20
        result["waited"] = s.waited
    print(json.dumps(result))
    if args.max_rss_mib is not None:
        ok = (
            result["all_right"]
            and float(str(result["peak_rss_mib"])) <= args.max_rss_mib
        )
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
