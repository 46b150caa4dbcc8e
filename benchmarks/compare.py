"""Side-by-side Argon2 benchmark: argon2-ft against the reference binding and libsodium.

One run, interleaved: every repetition times each implementation once, in turn, so
that frequency changes and background noise hit all of them alike. Prints the
minimum and median per implementation and the ratio of each other implementation's
median to ours (above 1.0: argon2-ft is faster). On Linux it also prints the CPU time
per call that the host took away from this machine's busy CPUs (steal time): on a
virtual machine that shares its host, this is what makes one run differ from the next.

Regimes, all in one run by default:
  back-to-back  calls one after another (memory stays warm)
  pause         a pause before every call, as a login server between requests
                (on hosts that take freed memory back, fresh memory is slow then)
  flood         N threads verify one t=1, 64 MiB hash at once (flood.py, one
                process per implementation): wall time, p50/p99 latency, peak RSS

    python benchmarks/compare.py                    # everything
    python benchmarks/compare.py --quick            # fewer repetitions, no 1-2 GiB rows
    python benchmarks/compare.py --regime pause --regime flood
    python benchmarks/compare.py --json results.json

Needs, beside argon2-ft: argon2-cffi-bindings (the reference C code), PyNaCl
(libsodium; p=1 only) and, for the PasswordHasher rows, argon2-cffi, which is loaded
from a private directory under another name because it provides `argon2` too.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import argon2
import argon2._backend as backend
import argon2.memory
from argon2.profiles import CHEAPEST

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

KIB_PER_MIB = 1024
MATRIX = [  # (time_cost, memory_cost KiB, parallelism)
    (3, 64 * KIB_PER_MIB, 1),
    (3, 64 * KIB_PER_MIB, 4),
    (2, 19 * KIB_PER_MIB, 1),
    (1, 1024 * KIB_PER_MIB, 1),
    (1, 2048 * KIB_PER_MIB, 4),
]
PASSWORD = b"correct horse battery staple"
SALT = b"0123456789abcdef"
TAG_LEN = 32
ARGON2ID = 2
VERSION = 0x13
REF_DIR = Path(__file__).parent / ".argon2-cffi-ref"
# (time_cost, memory_cost KiB, parallelism, seconds of pause before each call)
PAUSED = [
    (3, 64 * KIB_PER_MIB, 1, 3.0),
    (3, 64 * KIB_PER_MIB, 4, 3.0),
    (1, 1024 * KIB_PER_MIB, 1, 1.0),
]
FLOOD_THREADS = 48
FLOOD = Path(__file__).parent / "flood.py"
# argon2-ft's flood rows: (label, environment)
FLOOD_OURS = [
    ("argon2-ft", {}),
    ("argon2-ft[256MiB budget]", {"ARGON2_FT_MAX_MEMORY": "256MiB"}),
    ("argon2-ft[no cap]", {"ARGON2_FT_MAX_CONCURRENCY": "none"}),
]
REGIMES = ("back-to-back", "pause", "flood")
PROC_STAT = Path("/proc/stat")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Row:
    case: str
    impl: str
    unit: str
    samples: list[float] = field(default_factory=list)
    steal_ms: list[float] = field(default_factory=list)  # per sample, per call

    @property
    def minimum(self) -> float:
        return min(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def ours(
    t: int, m: int, p: int, kernel: int = 0, threads: int = 0
) -> Callable[[], object]:
    threads = threads or p

    def run() -> object:
        out = backend.hash_raw(
            ARGON2ID, VERSION, t, m, p, threads, kernel, PASSWORD, SALT, b"", b"",
            TAG_LEN,
        )  # fmt: skip
        assert isinstance(out, bytes), out
        return out

    return run


def reference(t: int, m: int, p: int) -> Callable[[], object] | None:
    try:
        from _argon2_cffi_bindings import ffi, lib
    except ImportError:
        return None
    out = ffi.new("uint8_t[]", TAG_LEN)

    def run() -> object:
        rc = lib.argon2_hash(
            t, m, p, PASSWORD, len(PASSWORD), SALT, len(SALT), out, TAG_LEN,
            ffi.NULL, 0, lib.Argon2_id, VERSION,
        )  # fmt: skip
        assert rc == 0, rc
        return out

    return run


def libsodium(t: int, m: int, p: int) -> Callable[[], object] | None:
    if p != 1:
        return None  # libsodium computes one lane only
    try:
        from nacl.bindings import crypto_pwhash_alg, crypto_pwhash_ALG_ARGON2ID13
    except ImportError:
        return None

    def run() -> object:
        return crypto_pwhash_alg(
            TAG_LEN, PASSWORD, SALT, t, m * 1024, crypto_pwhash_ALG_ARGON2ID13
        )

    return run


def load_argon2_cffi() -> ModuleType | None:
    """argon2-cffi's package from a private directory, imported as argon2_cffi_ref."""
    pkg = REF_DIR / "argon2"
    if not pkg.is_dir():
        cmd = [sys.executable, "-m", "pip", "install", "-q", "--no-deps"]
        cmd += ["--target", str(REF_DIR), "argon2-cffi"]
        if subprocess.run(cmd, check=False).returncode != 0:
            return None
    spec = importlib.util.spec_from_file_location(
        "argon2_cffi_ref", pkg / "__init__.py", submodule_search_locations=[str(pkg)]
    )
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules["argon2_cffi_ref"] = module
    try:
        spec.loader.exec_module(module)
    except ImportError:
        return None
    return module


def host_steal_s() -> float | None:
    """CPU time since boot that the host ran others on this guest's CPUs, or None.

    Linux counts it in /proc/stat (the eighth number of the "cpu" line, in clock
    ticks); a CPU accrues it only while it had work, so the steal during a call is
    time its threads lost.
    """
    try:
        fields = PROC_STAT.read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    return int(fields[8]) / CLOCK_TICKS


def timed(fn: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def interleave(
    case: str,
    impls: dict[str, Callable[[], object]],
    reps: int,
    calls: int = 1,
    pause: float = 0.0,
) -> list[Row]:
    rows = {name: Row(case, name, "ms") for name in impls}
    for fn in impls.values():
        fn()  # warm up: page faults, lazy imports, kernel choice
    # A fresh order every repetition: each implementation follows varying
    # predecessors (a big hash right after another's pays for the memory that
    # one just handed back), and the seed keeps runs comparable.
    order = random.Random(len(impls) * 7919 + reps)  # noqa: S311 - not for secrets
    for _ in range(reps):
        names = list(impls)
        order.shuffle(names)
        for name in names:
            if pause:
                time.sleep(pause)
            before = host_steal_s()
            rows[name].samples.append(timed(impls[name], calls) * 1000)
            after = host_steal_s()
            if before is not None and after is not None:
                rows[name].steal_ms.append((after - before) * 1000 / calls)
    return list(rows.values())


def hash_matrix(quick: bool) -> list[Row]:
    rows: list[Row] = []
    kernels = [k for k in range(1, 6) if backend.kernel_supported(k)]
    for t, m, p in MATRIX:
        if quick and m > 64 * KIB_PER_MIB:
            continue
        case = f"t={t} m={m // KIB_PER_MIB}MiB p={p}"
        impls: dict[str, Callable[[], object]] = {"argon2-ft": ours(t, m, p)}
        for k in kernels:
            impls[f"argon2-ft[{backend.kernel_name(k)}]"] = ours(t, m, p, k)
        if p == 1 and m >= 256 * KIB_PER_MIB:
            # Opt-in: a thread beyond the lanes faults the matrix in ahead.
            impls["argon2-ft[threads=2]"] = ours(t, m, p, threads=2)
        for name, make in (("reference", reference), ("libsodium", libsodium)):
            fn = make(t, m, p)
            if fn is not None:
                impls[name] = fn
        big = m >= 1024 * KIB_PER_MIB
        reps = (3 if big else 7) if quick else (5 if big else 15)
        rows += interleave(case, impls, reps)
    return rows


def paused_matrix(quick: bool) -> list[Row]:
    """Each call after a pause: what a login server sees between requests."""
    rows: list[Row] = []
    for t, m, p, pause in PAUSED:
        if quick and m > 64 * KIB_PER_MIB:
            continue
        case = f"t={t} m={m // KIB_PER_MIB}MiB p={p}, {pause:g}s pause"
        impls: dict[str, Callable[[], object]] = {"argon2-ft": ours(t, m, p)}
        for name, make in (("reference", reference), ("libsodium", libsodium)):
            fn = make(t, m, p)
            if fn is not None:
                impls[name] = fn
        big = m >= 1024 * KIB_PER_MIB
        # More repetitions than back to back: the host's steal comes in bursts
        # of seconds, and a median of few samples follows one burst.
        reps = (2 if big else 3) if quick else (5 if big else 11)
        rows += interleave(case, impls, reps, pause=pause)
    return rows


def flood_once(impl: str, env: dict[str, str], threads: int) -> dict[str, object]:
    cmd = [sys.executable, str(FLOOD), impl, "--threads", str(threads)]
    out = subprocess.run(
        cmd, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(out.stdout)
    return result


def flood_rows(quick: bool) -> list[Row]:
    """N logins at once, one process per implementation and repetition."""
    impls: dict[str, tuple[str, dict[str, str]]] = {
        label: ("argon2-ft", env) for label, env in FLOOD_OURS
    }
    if importlib.util.find_spec("_argon2_cffi_bindings") is not None:
        impls["reference"] = ("reference", {})
    if importlib.util.find_spec("nacl") is not None:
        impls["libsodium"] = ("libsodium", {})
    case = f"flood {FLOOD_THREADS} x t=1 m=64MiB p=1"
    metrics = ("wall_ms", "p50_ms", "p99_ms", "peak_rss_mib")
    rows = {
        (name, metric): Row(f"{case} {metric}", name, metric.rsplit("_", 1)[1])
        for name in impls
        for metric in metrics
    }
    order = random.Random(len(impls) * 104729)  # noqa: S311 - not for secrets
    for _ in range(2 if quick else 3):
        names = list(impls)
        order.shuffle(names)
        for name in names:
            impl, env = impls[name]
            result = flood_once(impl, env, FLOOD_THREADS)
            if "error" in result or not result.get("all_right"):
                print(f"flood {name}: failed: {result}", file=sys.stderr)
                continue
            for metric in metrics:
                rows[name, metric].samples.append(float(str(result[metric])))
    return [row for row in rows.values() if row.samples]


def cheapest_rows(quick: bool) -> list[Row]:
    ref = load_argon2_cffi()
    ph_ours = argon2.PasswordHasher.from_parameters(CHEAPEST)
    encoded = ph_ours.hash("password")
    impls: dict[str, Callable[[], object]] = {
        "argon2-ft hash": lambda: ph_ours.hash("password"),
        "argon2-ft verify": lambda: ph_ours.verify(encoded, "password"),
    }
    if ref is not None:
        ph_ref = ref.PasswordHasher.from_parameters(ref.profiles.CHEAPEST)
        impls["argon2-cffi hash"] = lambda: ph_ref.hash("password")
        impls["argon2-cffi verify"] = lambda: ph_ref.verify(encoded, "password")
    rows = interleave("CHEAPEST", impls, 5 if quick else 15, calls=2000)
    for row in rows:  # seconds per call -> calls per second
        row.unit = "calls/s"
        row.samples = [1000.0 / s for s in row.samples]
    return rows


def report(rows: list[Row]) -> None:
    width = max(22, *(len(r.case) for r in rows))
    head = f"{'case':<{width}} {'implementation':<24}"
    print(f"{head} {'min':>12} {'median':>12} {'ratio':>7} {'steal':>9}")
    by_case: dict[str, list[Row]] = {}
    for row in rows:
        by_case.setdefault(row.case, []).append(row)
    for case, group in by_case.items():
        for row in group:
            base = next(r for r in group if r.impl == _baseline_of(row.impl))
            if row.unit in ("ms", "mib"):
                ratio = row.median / base.median  # their cost over ours
                fmt = "{:>9.1f} ms" if row.unit == "ms" else "{:>8.1f} MiB"
            else:
                ratio = base.median / row.median  # our rate over theirs
                fmt = "{:>7.0f} /s  "
            shown = "" if row is base else f"{ratio:>6.2f}x"
            steal = f"{statistics.mean(row.steal_ms):>6.1f} ms" if row.steal_ms else ""
            print(
                f"{case:<{width}} {row.impl:<24} {fmt.format(row.minimum)}"
                f" {fmt.format(row.median)} {shown:>7} {steal:>9}"
            )
        print()
    print("ratio: the other implementation's median cost over argon2-ft's;")
    print("above 1.00x argon2-ft is faster.")
    if any(row.steal_ms for row in rows):
        print("steal: mean CPU time per call that the host ran others on this")
        print("machine's busy CPUs (/proc/stat, counted in clock ticks).")


def _baseline_of(impl: str) -> str:
    if impl.endswith(" hash"):
        return "argon2-ft hash"
    if impl.endswith(" verify"):
        return "argon2-ft verify"
    return "argon2-ft"  # also for argon2-ft[...] variants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run")
    parser.add_argument("--json", type=Path, help="also write the samples here")
    parser.add_argument(
        "--regime", action="append", choices=REGIMES, help="only these (repeatable)"
    )
    args = parser.parse_args()
    regimes = args.regime or list(REGIMES)

    print(f"argon2-ft kernel: {backend.kernel_name(0)}, backend: {backend.NAME}")
    print(f"cpus: {os.cpu_count()}, python: {sys.version.split()[0]}")
    print(f"memory: {argon2.memory.stats()}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    rows: list[Row] = []
    if "back-to-back" in regimes:
        rows += hash_matrix(args.quick) + cheapest_rows(args.quick)
    if "pause" in regimes:
        rows += paused_matrix(args.quick)
    if "flood" in regimes:
        rows += flood_rows(args.quick)
    report(rows)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))


if __name__ == "__main__":
    main()
