"""The command line, ``python -m argon2``: benchmarks verification (as argon2-cffi's
CLI does), measures concurrent hashing throughput, calibrates parameters for
this machine, and reports which backend, kernel and thread count ran."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import re
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
from ._calibrate import MEMORY_FLOOR_KIB, Calibration, search
from ._cli_measure import (
    PASSWORD,
    REPEATS,
    Progress,
    benchmark,
    measurer,
    print_header,
    runtime_line,
    throughput,
)
from ._utils import Parameters
from .exceptions import Argon2Error
from .low_level import Type

__all__ = ["PROG", "main", "memory_size"]

PROG = "python -m argon2"
_UINT32_MAX = 0xFFFFFFFF
_DEFAULT_TARGET_MS = 500
_EXIT_USAGE = 2

_SIZE = re.compile(r"\s*(\d+)\s*(k|kib|m|mib|g|gib)?\s*", re.IGNORECASE)
_SIZE_FACTORS = {"k": 1, "m": 1024, "g": 1024 * 1024}


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
    number with a binary suffix (K/KiB, M/MiB, G/GiB)."""
    match = _SIZE.fullmatch(text)
    if match is None:
        msg = f"not a size in KiB (such as 65536, 64MiB or 1GiB): {text!r}"
        raise argparse.ArgumentTypeError(msg)
    number, suffix = match.groups()
    kib = int(number) * _SIZE_FACTORS[(suffix or "k")[0].lower()]
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
        type=_positive_int,
        default=DEFAULT_MEMORY_COST,
        help="`memory_cost` in KiB",
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
        default=_DEFAULT_TARGET_MS,
        help="Target time per hash in milliseconds.",
    )
    calibration.add_argument(
        "--max-memory",
        type=memory_size,
        metavar="SIZE",
        default=None,
        help=(
            "Memory budget per hash: KiB, or with a suffix such as 64MiB or "
            "1GiB (default: -m, or the profile's memory_cost; 65536 KiB "
            "unless given, RFC 9106's second recommendation). Halved, down "
            f"to {MEMORY_FLOOR_KIB} KiB, if one pass is over the target."
        ),
    )
    calibration.add_argument(
        "--json",
        action="store_true",
        help="Print the calibration as a JSON object.",
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
        memory_cost=args.m,
        parallelism=args.p,
    )


def _threads_per_hash(args: argparse.Namespace, parallelism: int) -> int:
    if args.max_threads is None:
        return parallelism
    return min(int(args.max_threads), parallelism)


def _hasher_expression(params: Parameters) -> str:
    """A ``PasswordHasher(...)`` call making hashes with *params*."""
    kind = "" if params.type is Type.ID else f", type=Type.{params.type.name}"
    return (
        f"PasswordHasher(time_cost={params.time_cost}, "
        f"memory_cost={params.memory_cost}, parallelism={params.parallelism}, "
        f"hash_len={params.hash_len}, salt_len={params.salt_len}{kind})"
    )


def _run_calibration(args: argparse.Namespace, base: Parameters) -> None:
    """Search parameters for --target-ms within --max-memory and print them."""
    budget = base.memory_cost if args.max_memory is None else args.max_memory
    lanes = base.parallelism
    if budget < 8 * lanes:
        _fail(
            f"--max-memory of {budget} KiB is below Argon2's minimum of 8 KiB "
            f"per lane ({8 * lanes} KiB for parallelism {lanes})"
        )
    threads = _threads_per_hash(args, lanes)
    # The cheapest hash with these lanes and lengths: fail before any output.
    PasswordHasher.from_parameters(
        dataclasses.replace(base, time_cost=1, memory_cost=8 * lanes)
    ).hash(PASSWORD)
    if not args.json:
        print(
            f"Calibrating Argon2{base.type.name.lower()}: target {args.target_ms} "
            f"ms per hash, memory up to {budget} KiB, parallelism {lanes}"
        )
        print(runtime_line(threads))
    with Progress() as progress:
        found: Calibration = search(
            measurer(base, args.max_threads, args.target_ms, progress),
            target_ms=args.target_ms,
            max_memory=budget,
            parallelism=lanes,
        )
    params = dataclasses.replace(
        base, time_cost=found.time_cost, memory_cost=found.memory_cost
    )
    ph = PasswordHasher.from_parameters(params, max_threads=args.max_threads)
    if args.json:
        report: dict[str, object] = {
            "time_cost": params.time_cost,
            "memory_cost": params.memory_cost,
            "parallelism": params.parallelism,
            "hash_len": params.hash_len,
            "salt_len": params.salt_len,
            "type": f"argon2{params.type.name.lower()}",
            "measured_ms": round(found.measured_ms, 1),
            "target_ms": args.target_ms,
            "kernel": low_level.kernel_name(),
            "backend": low_level.backend_name(),
            "threads": threads,
            "notes": list(found.notes),
        }
        if args.threads is not None:
            # stdout stays pure JSON: the human-readable lines go to stderr.
            with contextlib.redirect_stdout(sys.stderr):
                report.update(throughput(ph, args.n, args.threads))
        print(json.dumps(report, indent=2))
        return
    for note in found.notes:
        print(f"note: {note}")
    print()
    print(_hasher_expression(params))
    print(
        f"measured: {found.measured_ms:.1f} ms per hash (median of {REPEATS}), "
        f"target {args.target_ms} ms"
    )
    if args.threads is not None:
        throughput(ph, args.n, args.threads)


def _run(args: argparse.Namespace) -> None:
    """Carry out the parsed command line."""
    if args.json and not args.calibrate:
        _fail("--json needs --calibrate")
    base = _parameters(args)
    if args.calibrate:
        _run_calibration(args, base)
        return
    ph = PasswordHasher.from_parameters(base, max_threads=args.max_threads)
    threads = _threads_per_hash(args, ph.parallelism)
    if args.threads is None:
        benchmark(ph, args.n, threads)
        return
    ph.hash(PASSWORD)  # fail on bad parameters before any output
    print_header(ph, args.n, threads)
    throughput(ph, args.n, args.threads)


def main(argv: list[str]) -> None:
    """Entry point; *argv* includes the program name, like ``sys.argv``."""
    args = _build_parser().parse_args(argv[1:])
    try:
        _run(args)
    except (Argon2Error, ValueError, OverflowError) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        raise SystemExit(130) from None
