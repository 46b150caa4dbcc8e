"""python -m argon2, run as a subprocess against the installed package."""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import pty
import subprocess
import sys

import pytest

import argon2
from argon2 import PasswordHasher, low_level

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


def test_explicit_parameters_and_max_threads() -> None:
    result = run(
        "-n", "1", "-t", "2", "-m", "64", "-p", "4", "-l", "16", "--max-threads", "2"
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


def test_long_option_names() -> None:
    result = run(
        "-n", "1", "--time-cost", "1", "--memory-cost", "32", "--parallelism", "2",
        "--hash-len", "8",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "memory_cost: 32 KiB" in result.stdout
    assert "parallelism: 2 threads" in result.stdout
    assert "hash_len: 8 bytes" in result.stdout


def test_main_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from argon2.__main__ import main

    main(["argon2", "-n", "1", "--profile", "CHEAPEST"])
    out = capsys.readouterr().out
    assert out.startswith("Running Argon2id 1 times with:\n")
    assert argon2.low_level.backend_name() in out


# --- errors: one line on stderr, exit status 2, no traceback -----------------


def assert_usage_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("python -m argon2: error: ")
    assert text in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("-n", "0"), "argument -n: must be at least 1 (got 0)"),
        (("-n", "ten"), "argument -n: not a whole number: 'ten'"),
        (("-t", "0"), "argument -t/--time-cost: must be at least 1 (got 0)"),
        (("-m", "-5"), "argument -m/--memory-cost: not a size in KiB"),
        (("-m", "64MB"), "argument -m/--memory-cost: not a size in KiB"),
        (("-m", "1500b"), "argument -m/--memory-cost: not a whole number of KiB"),
        (("-p", "2.5"), "argument -p/--parallelism: not a whole number: '2.5'"),
        (("-t", str(2**32)), "must be at most 4294967295"),
        (("--threads", "0"), "argument --threads: must be at least 1"),
        (("--max-threads", "-1"), "argument --max-threads: must be at least 1"),
        (("--calibrate", "--target-ms", "0"), "argument --target-ms: must be"),
        (("--calibrate", "--max-memory", "64MB"), "not a size in KiB"),
        (("--calibrate", "--max-memory", "0"), "must be at least 1 KiB"),
        (("--calibrate", "--max-memory", "5000GiB"), "must be at most"),
        (("--profile", "NOPE"), "unknown profile 'NOPE' (known: CHEAPEST, "),
        (("--target-ms", "100"), "--target-ms needs --calibrate"),
        (("--max-memory", "1MiB"), "--max-memory needs --calibrate"),
        (("--concurrency", "4"), "--concurrency needs --calibrate"),
        (("--memory-limit", "1GiB"), "--memory-limit needs --calibrate"),
        (("--calibrate", "--concurrency", "0"), "argument --concurrency: must be"),
        (
            ("-m", "4"),
            (
                "-m/--memory-cost of 4 KiB is below Argon2's minimum of 8 KiB "
                "per lane (32 KiB for parallelism 4)"
            ),
        ),
        (
            ("--calibrate", "--concurrency", "4", "--memory-limit", "16", "-p", "1"),
            "--memory-limit per login of 4 KiB is below Argon2's minimum",
        ),
        (("--bogus",), "unrecognized arguments: --bogus"),
        # Rejected by libargon2 itself (HashingError), still one line:
        (("-n", "1", "-m", "8", "-p", "2"), "of 8 KiB is below Argon2's minimum"),
        (("-n", "1", "-m", "8", "-p", "1", "-l", "2"), "Output is too short"),
        (("--threads", "2", "-m", "8", "-p", "2"), "(16 KiB for parallelism 2)"),
        (
            ("--calibrate", "--max-memory", "31", "-p", "4"),
            (
                "--max-memory of 31 KiB is below Argon2's minimum of 8 KiB "
                "per lane (32 KiB for parallelism 4)"
            ),
        ),
        (
            ("--calibrate", "--max-memory", "64", "-p", "1", "-l", "2"),
            "Output is too short",
        ),
    ],
)
def test_errors(args: tuple[str, ...], text: str) -> None:
    assert_usage_error(run(*args), text)


def test_error_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from argon2.__main__ import main

    with pytest.raises(SystemExit) as exit:
        main(["argon2", "--profile", "nope"])
    assert exit.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


# --- sizes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kib"),
    [
        ("65536", 65536),
        ("64MiB", 65536),
        ("64m", 65536),
        ("1GiB", 1024 * 1024),
        ("1 G", 1024 * 1024),
        ("512KiB", 512),
        ("8k", 8),
        ("8192B", 8),
        ("1TiB", 1024**3),
    ],
)
def test_memory_size(text: str, kib: int) -> None:
    from argon2._cli import memory_size

    assert memory_size(text) == kib


# --- --threads: concurrent throughput -----------------------------------------


def test_threads_throughput() -> None:
    result = run("-n", "6", "--threads", "2", "-t", "1", "-m", "256", "-p", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Running Argon2id 6 times with:",
        "hash_len: 32 bytes",
        "memory_cost: 256 KiB",
        "parallelism: 2 threads",
        "time_cost: 1 iterations",
        (
            f"backend: {low_level.backend_name()}, "
            f"kernel: {low_level.kernel_name()}, threads: 2"
        ),
    ]
    assert lines[6:9] == ["", "Hashing with 2 concurrent threads...", ""]
    total, per_thread = lines[9].split(" hashes/s total, ")
    assert per_thread.split(" hashes/s per thread ")[1].startswith("(6 hashes in ")
    rate = float(total)
    assert rate > 0
    assert float(per_thread.split()[0]) == pytest.approx(rate / 2, abs=0.06)
    assert result.stderr == ""


def test_threads_do_all_the_hashes() -> None:
    from argon2._cli_measure import hash_concurrently

    calls: list[str] = []

    class Counting(PasswordHasher):
        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            calls.append("x")
            return super().hash(password, salt=salt)

    ph = Counting.from_parameters(argon2.profiles.CHEAPEST)
    assert hash_concurrently(ph, 7, 3) > 0
    assert len(calls) == 7


# --- --calibrate ----------------------------------------------------------------


def test_calibrate_json() -> None:
    result = run(
        "--calibrate", "--json", "--target-ms", "50", "--max-memory", "2MiB",
        "-p", "2",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress without a terminal
    found = json.loads(result.stdout)
    assert list(found)[:11] == [
        "time_cost", "memory_cost", "parallelism", "hash_len", "salt_len", "type",
        "measured_ms", "target_ms", "kernel", "backend", "threads",
    ]  # fmt: skip
    assert found["memory_cost"] == 2048  # the whole budget: one pass is quick
    assert found["parallelism"] == 2
    assert found["hash_len"] == 32
    assert found["salt_len"] == 16
    assert found["type"] == "argon2id"
    assert found["target_ms"] == 50
    assert found["time_cost"] >= 1
    assert 0 < found["measured_ms"] <= 50
    assert found["kernel"] == low_level.kernel_name()
    assert found["backend"] == low_level.backend_name()
    assert found["threads"] == 2
    assert found["notes"] == []


def test_calibrate_line_is_a_working_hasher() -> None:
    result = run(
        "--calibrate", "--target-ms", "40", "--max-memory", "1024", "-p", "1",
        "--max-threads", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Calibrating Argon2id: target 40 ms per hash, memory up to 1024 KiB, "
        "parallelism 1"
    )
    assert lines[1].endswith("threads: 1")
    assert lines[3] == "Candidates within 40 ms (memory by passes, most memory first):"
    assert lines[5].split()[:2] == ["1024", "KiB"]  # one row: 1024 KiB is the floor
    assert lines[7] == "Recommended (the most memory that fits, then the most passes):"
    line = next(x for x in lines if x.startswith("PasswordHasher("))
    ph = eval(line, {"PasswordHasher": PasswordHasher})  # noqa: S307
    assert isinstance(ph, PasswordHasher)
    assert (ph.memory_cost, ph.parallelism, ph.hash_len) == (1024, 1, 32)
    assert ph.verify(ph.hash("pw"), "pw")
    measured = lines[-1]
    assert measured.startswith("measured: ")
    assert " ms per hash (median of 3; min " in measured
    assert measured.endswith(" ms), target 40 ms")
    assert 0 < float(measured.split()[1]) <= 40


def test_calibrate_profile_and_threads() -> None:
    result = run(
        "--calibrate", "--profile", "cheapest", "--target-ms", "5",
        "--max-memory", "64", "--threads", "2", "-n", "4", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # The profile's lanes and lengths, calibrated costs.
    assert (found["parallelism"], found["hash_len"], found["salt_len"]) == (1, 4, 8)
    assert found["memory_cost"] == 64
    assert found["concurrent_threads"] == 2
    assert found["hashes_per_s"] > 0
    assert "Hashing with 2 concurrent threads..." in result.stderr


def test_calibrate_halves_memory_when_one_pass_is_too_slow() -> None:
    # One pass over 64 MiB takes well over 1 ms: memory is halved, down to at
    # most the 8 MiB floor (the floor itself is tested with a fake clock).
    result = run(
        "--calibrate", "--target-ms", "1", "--max-memory", "64MiB", "-p", "1"
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    notes = [x for x in result.stdout.splitlines() if x.startswith("note: ")]
    assert notes[0].startswith("note: time_cost=1 with 65536 KiB took ")
    halved = [n for n in notes if "memory halved to" in n]
    assert halved == notes[: len(halved)]
    last = int(halved[-1].split("memory halved to ")[1].split()[0])
    assert 8192 <= last <= 32768
    assert f", memory_cost={last}, parallelism=1," in result.stdout
    if len(notes) > len(halved):
        assert notes[-1].endswith(f"{last} KiB is the memory floor")
        assert last == 8192


# --- progress on a terminal -----------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import argon2._cli_measure as measure
    from argon2._cli import main

    terminal = FakeTerminal()
    monkeypatch.setattr(measure, "_PROGRESS_DELAY_S", 0.0)
    monkeypatch.setattr(measure, "_PROGRESS_INTERVAL_S", 0.0)
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["argon2", "-n", "3", "--profile", "CHEAPEST"])
    shown = terminal.getvalue()
    assert shown.startswith("\rverifying 1/3…")
    assert "\rverifying 3/3…" in shown
    assert shown.endswith("\r" + " " * len("verifying 1/3…") + "\r")  # cleared
    assert "verifying" not in capsys.readouterr().out


def test_no_progress_for_short_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2._cli import main

    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["argon2", "-n", "3", "--profile", "CHEAPEST"])
    assert terminal.getvalue() == ""  # well under a second


def test_progress_on_a_pseudo_terminal() -> None:
    # A real terminal on stderr; no waiting for the first second.
    code = (
        "import argon2._cli_measure as m; m._PROGRESS_DELAY_S = 0.0; "
        "import argon2._cli as cli; "
        "cli.main(['argon2', '-n', '50', '--profile', 'CHEAPEST'])"
    )
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            check=False,
            timeout=120,
        )
        os.close(terminal)
        terminal = -1
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # Linux: EIO once the other side is closed
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)
    assert result.returncode == 0
    text = shown.decode()
    assert text.startswith("\rverifying 1/50…")
    assert text.endswith("\r" + " " * len("verifying 1/50…") + "\r")
    assert "verifying" not in result.stdout
    assert result.stdout.startswith("Running Argon2id 50 times with:")


def test_help_lists_every_option() -> None:
    result = run("--help")
    assert result.returncode == 0
    for option in (
        "--time-cost", "--memory-cost", "--parallelism", "--hash-len", "--profile",
        "--max-threads", "--threads", "--calibrate", "--target-ms", "--max-memory",
        "--json", "(default: 500)",
    ):  # fmt: skip
        assert option in result.stdout
    assert "(default: None)" not in result.stdout


# --- sizes, statistics, JSON and what ran ----------------------------------------


def test_memory_cost_takes_sizes() -> None:
    result = run("-n", "1", "-m", "1MiB", "-p", "1", "-t", "1")
    assert result.returncode == 0, result.stderr
    assert "memory_cost: 1024 KiB" in result.stdout


def test_benchmark_reports_median_min_and_spread() -> None:
    result = run("-n", "5", "--profile", "cheapest")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    median = float(lines[9].split("ms")[0])
    stats = lines[10]
    assert stats.startswith("(median of 5; min ")
    minimum = float(stats.split("min ")[1].split()[0])
    maximum = float(stats.split("max ")[1].split()[0])
    spread = float(stats.split("spread ")[1].split()[0])
    assert minimum <= median <= maximum
    assert spread == pytest.approx(maximum - minimum, abs=0.11)


def test_benchmark_json() -> None:
    result = run("-n", "4", "--profile", "cheapest", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["type"] == "argon2id"
    assert (found["time_cost"], found["memory_cost"], found["parallelism"]) == (1, 8, 1)
    assert found["iterations"] == 4
    assert found["threads"] == 1
    assert found["kernel"] == low_level.kernel_name()
    assert 0 < found["min_ms"] <= found["median_ms"] <= found["max_ms"]
    assert found["spread_ms"] == pytest.approx(
        found["max_ms"] - found["min_ms"], abs=0.002
    )


def test_throughput_json() -> None:
    result = run("-n", "4", "--profile", "cheapest", "--threads", "2", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["concurrent_threads"] == 2
    assert found["hashes_per_s"] > 0
    assert "Hashing with 2 concurrent threads..." in result.stderr


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="Linux only")
def test_threads_line_reports_what_ran() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "argon2", "-n", "1", "-t", "1", "-m", "64", "-p", "4"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}),
    )
    assert result.returncode == 0, result.stderr
    assert "threads: 1 (4 asked, 1 CPUs usable)" in result.stdout


def test_runtime_line_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import argon2._cli_measure as measure

    monkeypatch.setattr(measure, "usable_cpus", lambda: 2)
    assert measure.runtime_line(2, 4, None).endswith(
        "threads: 2 (4 asked, 2 CPUs usable)"
    )
    assert measure.runtime_line(2, 4, 2).endswith("threads: 2")
    assert measure.runtime_line(1, 1, None).endswith("threads: 1")


@pytest.mark.skipif(
    low_level.available_kernels() == ("system",),
    reason="built against the system libargon2: no kernel to choose",
)
def test_unknown_kernel_warns() -> None:
    env = dict(os.environ, ARGON2_FT_KERNEL="avx9000")
    result = run("-n", "1", "--profile", "cheapest", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        "python -m argon2: warning: ARGON2_FT_KERNEL='avx9000' is not a kernel "
        "this build and CPU can run (available: "
    )
    assert f"using {low_level.kernel_name()!r}" in result.stderr


# --- calibration: candidates and concurrency --------------------------------------


def test_calibrate_shows_candidates_most_memory_first() -> None:
    result = run(
        "--calibrate", "--target-ms", "30", "--max-memory", "32MiB", "-p", "1",
        "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    memories = [c["memory_cost"] for c in found["candidates"]]
    assert memories == sorted(memories, reverse=True)
    assert memories[-1] == 8192  # halved down to the floor
    assert memories[0] == found["memory_cost"]  # the recommendation
    for candidate in found["candidates"]:
        assert candidate["time_cost"] >= 1
        assert 0 < candidate["min_ms"] <= candidate["median_ms"]
    # Less memory leaves room for at least as many passes (noise aside).
    assert found["candidates"][-1]["time_cost"] >= found["candidates"][0]["time_cost"]


def test_calibrate_concurrency() -> None:
    result = run(
        "--calibrate", "--target-ms", "40", "--concurrency", "3",
        "--memory-limit", "3MiB", "-p", "1", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["concurrency"] == 3
    assert found["memory_limit_kib"] == 3072
    assert found["memory_cost"] == 1024  # the limit split three ways
    assert found["total_memory_kib"] == 3072
    assert found["measured_ms"] == found["p99_ms"]
    assert found["median_ms"] <= found["p99_ms"]
    assert found["candidates"][0]["samples"] == 9  # three logins, three each


def test_calibrate_concurrency_text() -> None:
    result = run(
        "--calibrate", "--target-ms", "40", "--concurrency", "2",
        "--memory-limit", "2MiB", "-p", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "2 logins at once: the 99th percentile within 40 ms, "
        "2 x memory_cost within 2048 KiB"
    )
    assert any(x.startswith("2 logins at once: p50 ") for x in lines)
    assert "2 x 1024 KiB = 2048 KiB of 2048 KiB" in result.stdout
    assert "p99" in lines[5]  # the candidates table has the p99 column


_THREAD_LIMIT_CHILD = """
import sys, threading
import argon2.__main__ as cli

# The process's thread limit (a pids cgroup, RLIMIT_NPROC), reached after
# two threads: what Thread.start raises there.
real_start = threading.Thread.start
started = [0]

def start(self):
    started[0] += 1
    if started[0] > 2:
        raise RuntimeError("can't start new thread")
    real_start(self)

threading.Thread.start = start
cli.main(["argon2", "-n", "4", "--profile", "CHEAPEST", "--threads", "8"])
"""


def test_threads_beyond_the_thread_limit_is_a_one_line_error() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _THREAD_LIMIT_CHILD],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("python -m argon2: error: --threads 8:"), line
    assert "2 of 8 threads started" in line
