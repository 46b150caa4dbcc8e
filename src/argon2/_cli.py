"""The command line, ``python -m argon2``: benchmarks verification (as argon2-cffi's
CLI does), measures concurrent hashing throughput, calibrates parameters for
this machine, and reports which backend, kernel and thread count ran."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import statistics
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import NoReturn

from . import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_TIME_COST,
    PasswordHasher,
    low_level,
    profiles,
)
from ._calibrate import (
    MAX_DEFAULT_MEMORY_KIB,
    MEMORY_FLOOR_KIB,
    CalibrationReport,
    Candidate,
    Timing,
    calibrate,
    default_memory_limit,
    threads_that_run,
)
from ._cli_measure import (
    PASSWORD,
    Progress,
    benchmark,
    print_header,
    runtime_line,
    throughput,
)
from ._settings import get_settings
from ._sizes import binary_size
from ._utils import Parameters
from .exceptions import Argon2Error
from .low_level import Type

__all__ = ["PROG", "main", "memory_size"]

PROG = "python -m argon2"
_UINT32_MAX = 0xFFFFFFFF
_DEFAULT_TARGET_MS = 500
_EXIT_USAGE = 2


def _version() -> str:
    try:
        return version("argon2-ft")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def _fail(message: str) -> NoReturn:
    """Report a usage or parameter problem in one line and exit with 2, as
    argparse does for its own errors."""
    print(f"{PROG}: error: {message}", file=sys.stderr)
    raise SystemExit(_EXIT_USAGE)


class _Formatter(argparse.ArgumentDefaultsHelpFormatter):
    # Options without a default say in their help what happens without them.
    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or action.default is False:
            return action.help
        return super()._get_help_string(action)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        _fail(message)


def _positive_int(text: str) -> int:
    """An argparse type: a whole number from 1 to 2**32 - 1."""
    try:
        value = int(text)
    except ValueError:
        msg = f"not a whole number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value < 1:
        msg = f"must be at least 1 (got {value})"
        raise argparse.ArgumentTypeError(msg)
    if value > _UINT32_MAX:
        msg = f"must be at most {_UINT32_MAX} (got {value})"
        raise argparse.ArgumentTypeError(msg)
    return value


def memory_size(text: str) -> int:
    """An argparse type: a size in KiB, either a plain number of KiB or a
    number with a binary suffix (B, K/KiB, M/MiB, G/GiB, T/TiB)."""
    size = binary_size(text, "k")
    if size is None:
        msg = f"not a size in KiB (such as 65536, 64MiB or 1GiB): {text!r}"
        raise argparse.ArgumentTypeError(msg)
    if size % 1024:
        msg = f"not a whole number of KiB: {text.strip()!r}"
        raise argparse.ArgumentTypeError(msg)
    kib = size // 1024
    if kib < 1:
        msg = f"must be at least 1 KiB (got {text.strip()!r})"
        raise argparse.ArgumentTypeError(msg)
    if kib > _UINT32_MAX:
        msg = f"must be at most {_UINT32_MAX} KiB (got {text.strip()!r})"
        raise argparse.ArgumentTypeError(msg)
    return kib


def _build_parser() -> argparse.ArgumentParser:
    """The argument parser; extend it here to add options."""
    parser = _Parser(
        prog=PROG,
        description=(
            "Benchmark Argon2: time password verification (the default), "
            "measure concurrent hashing (--threads), or find parameters for "
            "this machine (--calibrate)."
        ),
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"argon2-ft {_version()}"
    )
    parser.add_argument(
        "-n",
        type=_positive_int,
        default=100,
        help="Number of iterations to measure (with --threads: hashes in all).",
    )
    parser.add_argument(
        "-t",
        "--time-cost",
        dest="t",
        type=_positive_int,
        default=DEFAULT_TIME_COST,
        help="`time_cost`",
    )
    parser.add_argument(
        "-m",
        "--memory-cost",
        dest="m",
        type=memory_size,
        default=None,
        help=(
            "`memory_cost`: KiB, or with a suffix such as 64MiB "
            f"(default: {DEFAULT_MEMORY_COST}; at least 8 KiB per lane)"
        ),
    )
    parser.add_argument(
        "-p",
        "--parallelism",
        dest="p",
        type=_positive_int,
        default=DEFAULT_PARALLELISM,
        help="`parallelism`",
    )
    parser.add_argument(
        "-l",
        "--hash-len",
        dest="l",
        type=_positive_int,
        default=DEFAULT_HASH_LENGTH,
        help="`hash_length`",
    )
    parser.add_argument(
        "--profile",
        type=str,
        metavar="NAME",
        default=None,
        help="A profile from `argon2.profiles`. Takes precedence.",
    )
    parser.add_argument(
        "--max-threads",
        type=_positive_int,
        metavar="N",
        default=None,
        help="At most this many threads per hash (default: one per lane).",
    )
    parser.add_argument(
        "--threads",
        type=_positive_int,
        metavar="N",
        default=None,
        help=(
            "Measure throughput instead of verification time: this many "
            "Python threads hash at once, -n hashes in all."
        ),
    )
    calibration = parser.add_argument_group("calibration")
    calibration.add_argument(
        "--calibrate",
        action="store_true",
        help=(
            "Find the parameters for this machine: the most memory within "
            "--max-memory, then the most passes whose hash takes at most "
            "--target-ms. -p, -l and --profile still apply."
        ),
    )
    calibration.add_argument(
        "--target-ms",
        type=_positive_int,
        metavar="MS",
        default=None,
        help=(
            "Target time per hash in milliseconds: for the median hash, or "
            "with --concurrency for the 99th percentile "
            f"(default: {_DEFAULT_TARGET_MS})."
        ),
    )
    calibration.add_argument(
        "--max-memory",
        type=memory_size,
        metavar="SIZE",
        default=None,
        help=(
            "Memory budget per hash: KiB, or with a suffix such as 64MiB or "
            "1GiB (default: -m or the profile's memory_cost if given, else "
            "--memory-limit divided by --concurrency, at most 2 GiB). Halved, "
            f"down to {MEMORY_FLOOR_KIB} KiB, while one pass is over the target."
        ),
    )
    calibration.add_argument(
        "--concurrency",
        type=_positive_int,
        metavar="N",
        default=None,
        help=(
            "Calibrate for N logins at once: N threads hash together, the "
            "99th percentile must fit --target-ms and N hashes' memory "
            "--memory-limit (default: 1)."
        ),
    )
    calibration.add_argument(
        "--memory-limit",
        type=memory_size,
        metavar="SIZE",
        default=None,
        help=(
            "Memory all concurrent hashes may fill together (default: the "
            "process memory budget, ARGON2_FT_MAX_MEMORY; without one, half "
            "the physical memory)."
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="Print the result as a JSON object.",
    )
    return parser


def _profile(name: str) -> Parameters:
    params = getattr(profiles, name.upper(), None)
    if not isinstance(params, Parameters):
        known = ", ".join(
            n
            for n in sorted(dir(profiles))
            if isinstance(getattr(profiles, n), Parameters)
        )
        _fail(f"unknown profile {name!r} (known: {known})")
    return params


def _parameters(args: argparse.Namespace) -> Parameters:
    """The parameters asked for: the profile's, else -t/-m/-p/-l."""
    if args.profile:
        return _profile(args.profile)
    defaults = profiles.get_default_parameters()
    return Parameters(
        type=Type.ID,
        version=19,
        salt_len=defaults.salt_len,
        hash_len=args.l,
        time_cost=args.t,
        memory_cost=DEFAULT_MEMORY_COST if args.m is None else args.m,
        parallelism=args.p,
    )


def _threads_per_hash(args: argparse.Namespace, parallelism: int) -> int:
    """Threads that compute each hash: the lanes, within --max-threads (or
    the process-wide setting) and the CPUs."""
    cap = args.max_threads
    if cap is None:
        cap = get_settings().max_threads
    return threads_that_run(parallelism, cap)


def _check_memory(memory_cost: int, parallelism: int, option: str) -> None:
    if memory_cost < 8 * parallelism:
        _fail(
            f"{option} of {memory_cost} KiB is below Argon2's minimum of 8 KiB "
            f"per lane ({8 * parallelism} KiB for parallelism {parallelism})"
        )


def _warn_about_kernel() -> None:
    """The C library ignores an ARGON2_FT_KERNEL it cannot run: say so."""
    wanted = os.environ.get("ARGON2_FT_KERNEL")
    if not wanted:
        return
    available = low_level.available_kernels()
    if wanted in available:
        return
    print(
        f"{PROG}: warning: ARGON2_FT_KERNEL={wanted!r} is not a kernel this "
        f"build and CPU can run (available: {', '.join(available)}); using "
        f"{low_level.kernel_name()!r}",
        file=sys.stderr,
    )


def _hasher_expression(params: Parameters) -> str:
    """A ``PasswordHasher(...)`` call making hashes with *params*."""
    kind = "" if params.type is Type.ID else f", type=Type.{params.type.name}"
    return (
        f"PasswordHasher(time_cost={params.time_cost}, "
        f"memory_cost={params.memory_cost}, parallelism={params.parallelism}, "
        f"hash_len={params.hash_len}, salt_len={params.salt_len}{kind})"
    )


def _candidate_json(found: Candidate) -> dict[str, object]:
    timing = found.timing
    return {
        "time_cost": found.time_cost,
        "memory_cost": found.memory_cost,
        "median_ms": round(timing.median, 1),
        "min_ms": round(timing.minimum, 1),
        "spread_ms": round(timing.spread, 1),
        "p99_ms": round(timing.p99, 1),
        "samples": len(timing.samples),
        "total_memory_kib": found.total_memory,
    }


def _print_candidates(report: CalibrationReport) -> None:
    concurrent = report.concurrency > 1
    print(
        f"\nCandidates within {report.target_ms:g} ms (memory by passes, "
        "most memory first):"
    )
    head = f"  {'memory_cost':>11}  {'time_cost':>9}  {'median':>9}  {'min':>9}"
    head += f"  {'spread':>9}"
    if concurrent:
        head += f"  {'p99':>9}  {'total memory':>14}"
    print(head)
    for found in report.candidates:
        t = found.timing
        row = f"  {found.memory_cost:>7} KiB  {found.time_cost:>9}"
        row += f"  {t.median:>6.1f} ms  {t.minimum:>6.1f} ms  {t.spread:>6.1f} ms"
        if concurrent:
            row += f"  {t.p99:>6.1f} ms  {found.total_memory:>10} KiB"
        print(row)


def _run_calibration(args: argparse.Namespace, base: Parameters) -> None:
    """Measure candidates for --target-ms within the memory budget and print
    them with the recommendation."""
    target = _DEFAULT_TARGET_MS if args.target_ms is None else args.target_ms
    concurrency = 1 if args.concurrency is None else args.concurrency
    limit = default_memory_limit() if args.memory_limit is None else args.memory_limit
    budget = args.max_memory
    if budget is None and (args.profile or args.m is not None):
        budget = base.memory_cost
    lanes = base.parallelism
    if budget is not None:
        _check_memory(budget, lanes, "--max-memory")
    _check_memory(limit // concurrency, lanes, "--memory-limit per login")
    threads = _threads_per_hash(args, lanes)
    shown = min(
        limit // concurrency,
        MAX_DEFAULT_MEMORY_KIB if budget is None else budget,
    )
    # The cheapest hash with these lanes and lengths: fail before any output.
    PasswordHasher.from_parameters(
        dataclasses.replace(base, time_cost=1, memory_cost=8 * lanes)
    ).hash(PASSWORD)
    if not args.json:
        print(
            f"Calibrating Argon2{base.type.name.lower()}: target {target} "
            f"ms per hash, memory up to {shown} KiB, parallelism {lanes}"
        )
        if concurrency > 1:
            print(
                f"{concurrency} logins at once: the 99th percentile within "
                f"{target} ms, {concurrency} x memory_cost within {limit} KiB"
            )
        print(runtime_line(threads, lanes, args.max_threads))
    with Progress() as progress:
        report = calibrate(
            target,
            base=base,
            max_memory_cost=budget,
            concurrency=concurrency,
            memory_limit=limit,
            max_threads=args.max_threads,
            progress=progress.show,
        )
    params = report.parameters
    best = report.candidates[0]
    ph = PasswordHasher.from_parameters(params, max_threads=args.max_threads)
    measured = best.timing.median if concurrency == 1 else best.timing.p99
    if args.json:
        out: dict[str, object] = {
            "time_cost": params.time_cost,
            "memory_cost": params.memory_cost,
            "parallelism": params.parallelism,
            "hash_len": params.hash_len,
            "salt_len": params.salt_len,
            "type": f"argon2{params.type.name.lower()}",
            "measured_ms": round(measured, 1),
            "target_ms": target,
            "kernel": low_level.kernel_name(),
            "backend": low_level.backend_name(),
            "threads": threads,
            "notes": list(report.notes),
            "median_ms": round(best.timing.median, 1),
            "min_ms": round(best.timing.minimum, 1),
            "spread_ms": round(best.timing.spread, 1),
            "p99_ms": round(best.timing.p99, 1),
            "concurrency": concurrency,
            "memory_limit_kib": limit,
            "total_memory_kib": best.total_memory,
            "candidates": [_candidate_json(f) for f in report.candidates],
        }
        if args.threads is not None:
            # stdout stays pure JSON: the human-readable lines go to stderr.
            with contextlib.redirect_stdout(sys.stderr):
                out.update(throughput(ph, args.n, args.threads))
        print(json.dumps(out, indent=2))
        return
    for note in report.notes:
        print(f"note: {note}")
    _print_candidates(report)
    print("\nRecommended (the most memory that fits, then the most passes):")
    print(_hasher_expression(params))
    timing = best.timing
    if concurrency > 1:
        print(
            f"{concurrency} logins at once: p50 {timing.median:.1f} ms, p99 "
            f"{timing.p99:.1f} ms; {concurrency} x {best.memory_cost} KiB = "
            f"{best.total_memory} KiB of {limit} KiB"
        )
    print(
        f"measured: {measured:.1f} ms per hash "
        f"({'p99' if concurrency > 1 else 'median'} of {len(timing.samples)}; "
        f"min {timing.minimum:.1f} ms, spread {timing.spread:.1f} ms), "
        f"target {target} ms"
    )
    if args.threads is not None:
        throughput(ph, args.n, args.threads)


_CALIBRATION_ONLY = (
    ("target_ms", "--target-ms"),
    ("max_memory", "--max-memory"),
    ("concurrency", "--concurrency"),
    ("memory_limit", "--memory-limit"),
)


def _run(args: argparse.Namespace) -> None:
    """Carry out the parsed command line."""
    if not args.calibrate:
        for name, option in _CALIBRATION_ONLY:
            if getattr(args, name) is not None:
                _fail(f"{option} needs --calibrate")
    _warn_about_kernel()
    base = _parameters(args)
    if args.calibrate:
        _run_calibration(args, base)
        return
    _check_memory(base.memory_cost, base.parallelism, "-m/--memory-cost")
    ph = PasswordHasher.from_parameters(base, max_threads=args.max_threads)
    threads = _threads_per_hash(args, ph.parallelism)
    if args.threads is None:
        timing = benchmark(
            ph,
            args.n,
            runtime_line(threads, ph.parallelism, args.max_threads),
            quiet=args.json,
        )
        if args.json:
            print(json.dumps(_benchmark_json(ph, args.n, threads, timing), indent=2))
        return
    ph.hash(PASSWORD)  # fail on bad parameters before any output
    if args.json:
        out = _benchmark_json(ph, args.n, threads, None)
        with contextlib.redirect_stdout(sys.stderr):
            out.update(throughput(ph, args.n, args.threads))
        print(json.dumps(out, indent=2))
        return
    print_header(ph, args.n, runtime_line(threads, ph.parallelism, args.max_threads))
    throughput(ph, args.n, args.threads)


def _benchmark_json(
    ph: PasswordHasher, n: int, threads: int, timing: Timing | None
) -> dict[str, object]:
    out: dict[str, object] = {
        "type": f"argon2{ph.type.name.lower()}",
        "time_cost": ph.time_cost,
        "memory_cost": ph.memory_cost,
        "parallelism": ph.parallelism,
        "hash_len": ph.hash_len,
        "kernel": low_level.kernel_name(),
        "backend": low_level.backend_name(),
        "threads": threads,
        "iterations": n,
    }
    if timing is not None:
        out.update(
            median_ms=round(timing.median, 3),
            min_ms=round(timing.minimum, 3),
            max_ms=round(timing.maximum, 3),
            spread_ms=round(timing.spread, 3),
            mean_ms=round(statistics.fmean(timing.samples), 3),
        )
    return out


def main(argv: list[str]) -> None:
    """Entry point; *argv* includes the program name, like ``sys.argv``."""
    args = _build_parser().parse_args(argv[1:])
    try:
        _run(args)
    except (Argon2Error, ValueError, OverflowError) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        raise SystemExit(130) from None
