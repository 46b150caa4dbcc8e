"""python -m argon2, run as a subprocess against the installed package."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys

import pytest

import argon2
from argon2 import low_level

pytestmark = pytest.mark.thread_unsafe  # subprocesses: keep the machine calm


def run(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argon2", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def test_profile() -> None:
    result = run("-n", "2", "--profile", "CHEAPEST")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Running Argon2id 2 times with:",
        "hash_len: 4 bytes",
        "memory_cost: 8 KiB",
        "parallelism: 1 threads",
        "time_cost: 1 iterations",
    ]
    assert lines[5] == (
        f"backend: {low_level.backend_name()}, kernel: {low_level.kernel_name()}, "
        "threads: 1"
    )
    assert lines[6:9] == ["", "Measuring...", ""]
    assert lines[9].endswith("ms per password verification")
    float(lines[9].split("ms")[0])


def test_explicit_parameters_and_threads() -> None:
    result = run(
        "-n", "1", "-t", "2", "-m", "64", "-p", "4", "-l", "16", "--threads", "2"
    )
    assert result.returncode == 0, result.stderr
    assert "hash_len: 16 bytes" in result.stdout
    assert "memory_cost: 64 KiB" in result.stdout
    assert "parallelism: 4 threads" in result.stdout
    assert "time_cost: 2 iterations" in result.stdout
    assert "threads: 2" in result.stdout


@pytest.mark.skipif(
    low_level.available_kernels() == ("system",),
    reason="built against the system libargon2: no kernel to choose",
)
def test_forced_kernel_is_reported() -> None:
    env = dict(os.environ, ARGON2_FT_KERNEL="portable")
    result = run("-n", "1", "--profile", "cheapest", env=env)
    assert result.returncode == 0, result.stderr
    assert "kernel: portable," in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert (
        result.stdout.strip() == f"argon2-ft {importlib.metadata.version('argon2-ft')}"
    )


def test_unknown_profile() -> None:
    result = run("-n", "1", "--profile", "NOPE")
    assert result.returncode != 0
    assert "unknown profile 'NOPE'" in result.stderr


def test_invalid_parameters_fail() -> None:
    result = run("-n", "1", "-t", "0", "-m", "8", "-p", "1")
    assert result.returncode != 0
    assert "Time cost is too small" in result.stderr


def test_main_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from argon2.__main__ import main

    main(["argon2", "-n", "1", "--profile", "CHEAPEST"])
    out = capsys.readouterr().out
    assert out.startswith("Running Argon2id 1 times with:\n")
    assert argon2.low_level.backend_name() in out
