"""Command line: ``python -m argon2`` benchmarks verification (as argon2-cffi's
CLI does) and reports which backend, kernel and thread count ran."""

from __future__ import annotations

import argparse
import sys
import timeit
from importlib.metadata import PackageNotFoundError, version

from . import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_TIME_COST,
    PasswordHasher,
    low_level,
    profiles,
)
from ._utils import Parameters

_PASSWORD = b"secret"


def _version() -> str:
    try:
        return version("argon2-ft")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; extend it here to add options."""
    parser = argparse.ArgumentParser(
        prog="python -m argon2",
        description="Benchmark Argon2.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"argon2-ft {_version()}"
    )
    parser.add_argument(
        "-n", type=int, default=100, help="Number of iterations to measure."
    )
    parser.add_argument("-t", type=int, default=DEFAULT_TIME_COST, help="`time_cost`")
    parser.add_argument(
        "-m", type=int, default=DEFAULT_MEMORY_COST, help="`memory_cost`"
    )
    parser.add_argument(
        "-p", type=int, default=DEFAULT_PARALLELISM, help="`parallelism`"
    )
    parser.add_argument(
        "-l", type=int, default=DEFAULT_HASH_LENGTH, help="`hash_length`"
    )
    parser.add_argument(
        "--profile",
        type=str,
        default=None,
        help="A profile from `argon2.profiles`. Takes precedence.",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="At most this many threads per hash (default: one per lane).",
    )
    return parser


def _hasher(args: argparse.Namespace) -> PasswordHasher:
    if args.profile:
        name = args.profile.upper()
        params = getattr(profiles, name, None)
        if not isinstance(params, Parameters):
            sys.exit(f"error: unknown profile {args.profile!r}")
        return PasswordHasher.from_parameters(params, max_threads=args.threads)
    return PasswordHasher(
        time_cost=args.t,
        memory_cost=args.m,
        parallelism=args.p,
        hash_len=args.l,
        max_threads=args.threads,
    )


def benchmark(args: argparse.Namespace) -> None:
    """Hash once, then time *args.n* verifications of that hash."""
    ph = _hasher(args)
    hash = ph.hash(_PASSWORD)

    print(f"Running Argon2{ph.type.name.lower()} {args.n} times with:")
    for name, value, unit in (
        ("hash_len", ph.hash_len, "bytes"),
        ("memory_cost", ph.memory_cost, "KiB"),
        ("parallelism", ph.parallelism, "threads"),
        ("time_cost", ph.time_cost, "iterations"),
    ):
        print(f"{name}: {value} {unit}")
    threads = (
        ph.parallelism if args.threads is None else min(args.threads, ph.parallelism)
    )
    print(
        f"backend: {low_level.backend_name()}, kernel: {low_level.kernel_name()}, "
        f"threads: {threads}"
    )

    print("\nMeasuring...")
    duration = timeit.timeit(lambda: ph.verify(hash, _PASSWORD), number=args.n)
    print(f"\n{duration / args.n * 1000:.1f}ms per password verification")


def main(argv: list[str]) -> None:
    """Entry point; *argv* includes the program name, like ``sys.argv``."""
    args = build_parser().parse_args(argv[1:])
    if args.n < 1:
        sys.exit("error: -n must be at least 1")
    benchmark(args)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv)
