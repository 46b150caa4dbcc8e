"""The calibration search, driven by fake clocks, and the calibrate() API
on this machine with tiny parameters."""

from __future__ import annotations

import dataclasses
import re

import pytest

from argon2._calibrate import (
    MEMORY_FLOOR_KIB,
    Timing,
    calibrate,
    candidates,
    lane_aligned,
    search,
)


def linear(per_pass: float, fixed: float, calls: list[tuple[int, int]]) -> object:
    """A fake clock: time proportional to passes and memory, plus a fixed
    cost; every measurement is recorded in *calls*."""

    def measure(time_cost: int, memory_cost: int) -> float:
        calls.append((time_cost, memory_cost))
        return fixed + per_pass * time_cost * memory_cost / 1024

    return measure


def test_search_finds_the_most_passes_within_target() -> None:
    calls: list[tuple[int, int]] = []
    # 1 ms per pass per MiB, 20 ms fixed: 64 MiB passes take 64 ms each.
    found = search(
        linear(1.0, 20.0, calls),  # type: ignore[arg-type]
        target_ms=500,
        max_memory=65536,
        parallelism=4,
    )
    assert (found.time_cost, found.memory_cost) == (7, 65536)  # 20 + 7 * 64 = 468
    assert found.measured_ms == 468
    assert found.notes == ()
    assert all(m == 65536 for _, m in calls)
    assert len(calls) <= 5  # quick: the line needs few points


@pytest.mark.parametrize("target", [10, 77, 333, 1000, 4321])
@pytest.mark.parametrize("fixed", [0.0, 3.0, 40.0])
def test_search_is_exact_on_linear_times(target: int, fixed: float) -> None:
    calls: list[tuple[int, int]] = []
    found = search(
        linear(0.5, fixed, calls),  # type: ignore[arg-type]
        target_ms=target,
        max_memory=4096,
        parallelism=1,
    )
    # 2 ms per pass at 4 MiB: the largest t with fixed + 2 t <= target.
    assert found.time_cost == max(1, int((target - fixed) // 2))
    assert found.memory_cost == 4096
    assert len(calls) <= 6


def test_search_halves_memory_down_to_the_floor() -> None:
    calls: list[tuple[int, int]] = []
    found = search(
        linear(1.0, 0.0, calls),  # type: ignore[arg-type]
        target_ms=20,
        max_memory=65536,
        parallelism=4,
    )
    # 64, 32 MiB: one pass over 20 ms; 16 MiB fits once, 8 MiB is not tried.
    assert [m for t, m in calls if t == 1] == [65536, 32768, 16384]
    assert (found.time_cost, found.memory_cost) == (1, 16384)
    assert len(found.notes) == 2
    assert found.notes[1].endswith("memory halved to 16384 KiB")

    calls.clear()
    found = search(
        linear(1.0, 0.0, calls),  # type: ignore[arg-type]
        target_ms=1,
        max_memory=65536,
        parallelism=4,
    )
    assert found.memory_cost == MEMORY_FLOOR_KIB
    assert found.time_cost == 1
    assert "memory floor" in found.notes[-1]


def test_search_survives_noise() -> None:
    times = iter([10.0, 90.0, 60.0, 140.0, 80.0, 99.0, 101.0, 70.0] * 3)
    found = search(
        lambda t, m: next(times), target_ms=100, max_memory=1024, parallelism=1
    )
    assert found.time_cost >= 1
    assert found.measured_ms <= 100


def test_lane_aligned() -> None:
    assert lane_aligned(1000, 3) == 996
    assert lane_aligned(65536, 4) == 65536
    assert lane_aligned(10, 4) == 32  # never below 8 KiB per lane


def test_candidates_halve_memory_with_the_most_passes_each() -> None:
    calls: list[tuple[int, int]] = []
    found = candidates(
        linear(1.0, 0.0, calls),  # type: ignore[arg-type]
        target_ms=100,
        max_memory=65536,
        parallelism=4,
    )
    # 64 MiB: one pass is 64 ms, so t=1; then 32, 16, 8 MiB.
    assert [(f.memory_cost, f.time_cost) for f in found] == [
        (65536, 1),
        (32768, 3),
        (16384, 6),
        (8192, 12),
    ]
    assert all(f.measured_ms <= 100 for f in found)


def test_candidates_stop_at_the_floor_and_count() -> None:
    calls: list[tuple[int, int]] = []
    found = candidates(
        linear(1.0, 0.0, calls),  # type: ignore[arg-type]
        target_ms=100,
        max_memory=16384,
        parallelism=1,
        count=10,
    )
    assert [f.memory_cost for f in found] == [16384, 8192]
    two = candidates(
        linear(1.0, 0.0, calls),  # type: ignore[arg-type]
        target_ms=100,
        max_memory=65536,
        parallelism=1,
        count=2,
    )
    assert [f.memory_cost for f in two] == [65536, 32768]


def test_timing_statistics() -> None:
    timing = Timing((5.0, 1.0, 3.0, 9.0))
    assert (timing.median, timing.minimum, timing.maximum) == (4.0, 1.0, 9.0)
    assert timing.spread == 8.0
    assert timing.p99 == 9.0
    many = Timing(tuple(float(i) for i in range(1, 201)))
    assert many.p99 == 198.0


def test_calibrate_api_one_login() -> None:
    from argon2 import profiles

    base = dataclasses.replace(profiles.CHEAPEST, hash_len=16)
    report = calibrate(5, base=base, max_memory_cost=256, memory_limit=1 << 20)
    assert report.parameters.memory_cost == 256
    assert report.parameters.hash_len == 16
    assert report.parameters.time_cost == report.candidates[0].time_cost >= 1
    assert report.concurrency == 1
    assert report.threads == 1
    assert len(report.candidates) == 1  # 256 KiB is already the floor
    # Measured, not assumed (how long it took is the machine's business).
    assert report.candidates[0].timing.samples
    assert min(report.candidates[0].timing.samples) > 0


def test_calibrate_api_concurrent_logins_fit_the_limit() -> None:
    from argon2 import profiles

    shown: list[str] = []
    report = calibrate(
        20,
        base=profiles.CHEAPEST,
        concurrency=4,
        memory_limit=1024,
        progress=shown.append,
    )
    best = report.candidates[0]
    assert report.parameters.memory_cost == 256  # 1024 KiB for four logins
    assert best.total_memory == 1024 <= report.memory_limit
    assert len(best.timing.samples) == 12  # four logins, three hashes each
    assert min(best.timing.samples) > 0
    assert report.parameters.time_cost == best.time_cost
    assert shown
    assert shown[0].startswith("calibrating: time_cost=1, 256 KiB")


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"max_memory_cost": 4}, "4 KiB per hash is below Argon2's minimum"),
        (
            {"concurrency": 8, "memory_limit": 32},
            "(32 KiB for 8 logins at once)",
        ),
        ({"concurrency": 0}, "must be positive"),
    ],
)
def test_calibrate_api_rejects(kwargs: dict[str, int], text: str) -> None:
    from argon2 import profiles

    with pytest.raises(ValueError, match=re.escape(text)):
        calibrate(10, base=profiles.CHEAPEST, **kwargs)  # type: ignore[arg-type]


def test_default_memory_limit_is_the_process_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argon2 import _calibrate

    monkeypatch.setattr(_calibrate.memory, "get_budget", lambda: 256 * 1024 * 1024)
    assert _calibrate.default_memory_limit() == 256 * 1024
    monkeypatch.setattr(_calibrate.memory, "get_budget", lambda: None)
    assert _calibrate.default_memory_limit() >= 1024  # half the physical memory
