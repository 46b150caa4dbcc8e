"""The memory budget and the matrix pool through the public API: refusals,
waiting and its limit, reuse giving identical results on every kernel,
threads, fork, and argument checks. Each test restores the settings."""

from __future__ import annotations

import os
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from argon2 import PasswordHasher, low_level, memory
from argon2.exceptions import (
    HashingError,
    HashingMemoryBudgetError,
    MemoryBudgetError,
    VerificationError,
    VerificationMemoryBudgetError,
    VerifyMismatchError,
)
from argon2.low_level import Type

if TYPE_CHECKING:
    from collections.abc import Iterator

MIB = 2**20

# Every test changes process-wide settings: run each alone.
pytestmark = pytest.mark.thread_unsafe

# Over a system libargon2 the budget holds but matrices are its own: no reuse.
needs_pool = pytest.mark.skipif(
    low_level.kernel_name() == "system",
    reason="the system-library build does not park matrices",
)


@pytest.fixture(autouse=True)
def restore_settings() -> Iterator[None]:
    before = memory.stats()
    yield
    memory.set_budget(before.budget)
    memory.set_idle_limit(before.idle_limit)
    memory.set_wait_timeout(before.wait_timeout)
    memory.set_max_concurrency(before.max_concurrency)


def _raw(
    m_cost: int,
    *,
    t_cost: int = 1,
    lanes: int = 1,
    password: bytes = b"pw",
    kernel: str | None = None,
) -> bytes:
    return low_level.hash_secret_raw(
        password, b"saltsaltsalt", t_cost, m_cost, lanes, 32, Type.ID, kernel=kernel
    )


def _wait_until(predicate: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.002)
    return False


# ---------------------------------------------------------------- refusals


def test_hash_above_the_budget_fails_at_once() -> None:
    memory.set_budget("8MiB")
    memory.set_wait_timeout(60)
    start = time.monotonic()
    with pytest.raises(HashingMemoryBudgetError) as info:
        _raw(16 * 1024)
    assert time.monotonic() - start < 10  # not the 60 s wait limit
    err = info.value
    assert isinstance(err, HashingError)
    assert isinstance(err, MemoryBudgetError)
    assert err.needed == 16 * MIB
    assert err.budget == 8 * MIB
    assert not err.timed_out
    assert "16 MiB" in str(err)
    assert "8 MiB" in str(err)
    assert "ARGON2_FT_MAX_MEMORY" in str(err)
    assert memory.stats().refused >= 1


def test_every_entry_point_is_refused_alike() -> None:
    ph = PasswordHasher(time_cost=1, memory_cost=16 * 1024, parallelism=2)
    stored = ph.hash("pw")
    memory.set_budget("8MiB")
    with pytest.raises(HashingMemoryBudgetError):
        ph.hash("pw")
    with pytest.raises(HashingMemoryBudgetError):
        low_level.hash_secret(b"pw", b"saltsalt", 1, 16 * 1024, 2, 32, Type.ID)
    for verify in (
        lambda: ph.verify(stored, "pw"),
        lambda: low_level.verify_secret(stored.encode(), b"pw", Type.ID),
        lambda: ph.verify_and_rehash(stored, "pw"),
    ):
        with pytest.raises(VerificationMemoryBudgetError) as info:
            verify()
        assert isinstance(info.value, VerificationError)
        assert not isinstance(info.value, VerifyMismatchError)
        assert info.value.needed == 16 * MIB
    memory.set_budget(None)
    assert ph.verify(stored, "pw")


def test_cheap_hashes_fit_a_small_budget() -> None:
    memory.set_budget("1MiB")
    assert len(_raw(64)) == 32
    assert memory.charge(64, 1) == 64 * 1024


# ---------------------------------------------------------------- waiting


def _hold_memory_in_thread(
    m_cost: int, t_cost: int
) -> tuple[threading.Thread, list[object]]:
    out: list[object] = []

    def work() -> None:
        try:
            out.append(_raw(m_cost, t_cost=t_cost))
        except Exception as e:  # noqa: BLE001 - handed to the test
            out.append(e)

    thread = threading.Thread(target=work)
    thread.start()
    assert _wait_until(lambda: memory.stats().in_use >= m_cost * 1024 or out)
    return thread, out


def test_wait_limit_ends_in_a_clear_error() -> None:
    memory.set_budget("64MiB")
    memory.set_wait_timeout(0.1)
    # About a second of work: it holds the whole budget while the test waits.
    thread, out = _hold_memory_in_thread(64 * 1024, t_cost=24)
    try:
        if out:
            pytest.skip("the holding hash finished before the test could race it")
        with pytest.raises(HashingMemoryBudgetError) as info:
            _raw(8 * 1024)
        assert info.value.timed_out
        assert "waited 0.1 s" in str(info.value)
        assert "ARGON2_FT_MEMORY_TIMEOUT" in str(info.value)
    finally:
        thread.join()
    assert isinstance(out[0], bytes)
    assert memory.stats().timed_out >= 1


def test_concurrency_cap() -> None:
    memory.set_max_concurrency(1)
    memory.set_wait_timeout(0.05)
    thread, out = _hold_memory_in_thread(64 * 1024, t_cost=24)
    try:
        if out:
            pytest.skip("the holding hash finished before the test could race it")
        assert memory.stats().running == 1
        with pytest.raises(HashingMemoryBudgetError) as info:
            _raw(64)  # tiny, but a second hash at once
        assert info.value.timed_out
        assert "at most 1 at once" in str(info.value)
        assert "ARGON2_FT_MAX_CONCURRENCY" in str(info.value)
    finally:
        thread.join()
    memory.set_max_concurrency(None)
    assert memory.stats().max_concurrency is None
    memory.set_max_concurrency("auto")
    assert memory.stats().max_concurrency == memory.default_concurrency()
    with pytest.raises(ValueError, match="from 1"):
        memory.set_max_concurrency(0)


def test_waiting_hashes_all_finish_within_the_budget() -> None:
    expected = _raw(40 * 1024, t_cost=2)
    memory.set_budget("64MiB")
    memory.set_wait_timeout(120)
    memory.reset_peak()
    results: list[bytes] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def work() -> None:
        start.wait()
        tag = _raw(40 * 1024, t_cost=2)
        with lock:
            results.append(tag)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
    st = memory.stats()
    assert st.peak <= 64 * MIB
    assert st.in_use == 0
    assert st.waiting == 0


def test_threads_with_sizes_interleaved() -> None:
    sizes = [64, 4096, 2048, 8192, 3000, 5120, 16384, 256]
    expected = {m: _raw(m, lanes=1 + m % 3) for m in sizes}
    memory.set_budget("32MiB")
    memory.set_idle_limit("16MiB")
    memory.set_wait_timeout(120)
    memory.reset_peak()
    failures: list[str] = []

    def work(offset: int) -> None:
        for i in range(6):
            m = sizes[(offset + i) % len(sizes)]
            if _raw(m, lanes=1 + m % 3) != expected[m]:
                failures.append(f"{m} KiB")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert memory.stats().peak <= 32 * MIB


# ---------------------------------------------------------------- reuse


@needs_pool
@pytest.mark.parametrize("kernel", low_level.available_kernels())
def test_reuse_gives_identical_results(kernel: str) -> None:
    sizes = [4096, 64, 2048, 8192, 4096, 3000, 2048, 8192]
    memory.set_idle_limit(0)
    memory.release_idle()
    fresh = [_raw(m, lanes=1 + i % 2, kernel=kernel) for i, m in enumerate(sizes)]
    memory.set_idle_limit("64MiB")
    before = memory.stats().reused
    for _ in range(2):
        pooled = [_raw(m, lanes=1 + i % 2, kernel=kernel) for i, m in enumerate(sizes)]
        assert pooled == fresh
    assert memory.stats().reused > before


@needs_pool
def test_parked_memory_is_counted_and_released() -> None:
    memory.set_budget(None)
    memory.set_idle_limit("64MiB")
    memory.release_idle()
    _raw(4096)
    st = memory.stats()
    assert st.idle == 4 * MIB
    assert st.in_use == 0
    _raw(4096)
    assert memory.stats().reused == st.reused + 1
    assert memory.release_idle() == 4 * MIB
    assert memory.stats().idle == 0
    memory.set_idle_limit(0)
    _raw(4096)
    assert memory.stats().idle == 0


@needs_pool
def test_lower_budget_trims_parked_memory() -> None:
    memory.set_budget(None)
    memory.set_idle_limit("64MiB")
    _raw(8192)
    assert memory.stats().idle >= 8 * MIB
    memory.set_budget("4MiB")
    assert memory.stats().idle <= 4 * MIB


# ---------------------------------------------------------------- fork


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_fork_while_another_thread_hashes() -> None:
    expected = _raw(32 * 1024, lanes=2)
    memory.set_budget("64MiB")
    memory.set_wait_timeout(10)
    thread, out = _hold_memory_in_thread(48 * 1024, t_cost=12)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            ok = _raw(32 * 1024, lanes=2) == expected and memory.stats().in_use == 0
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
    finally:
        thread.join()
    assert os.waitstatus_to_exitcode(status) == 0
    assert isinstance(out[0], bytes)


def _usable_cpus() -> int:
    getaffinity = getattr(os, "sched_getaffinity", None)
    return len(getaffinity(0)) if getaffinity else (os.cpu_count() or 1)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.skipif(_usable_cpus() < 2, reason="lane threads need two CPUs")
@needs_pool
def test_fork_right_after_a_multi_lane_hash() -> None:
    # The hash's last lane thread wipes and parks its matrix after the call;
    # the package's fork hook waits for that, so the child finds it parked
    # (not orphaned) and CPython sees no other thread to warn about.
    memory.set_idle_limit("64MiB")
    memory.release_idle()
    alone = threading.active_count() == 1 and sys.platform.startswith("linux")
    alone = alone and len(list(Path("/proc/self/task").iterdir())) == 1
    failed = warned = 0
    for _ in range(20):
        _raw(8 * 1024, lanes=4)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            st = memory.stats()
            os._exit(0 if st.in_use == 0 and st.idle == 8 * MIB else 1)
        _, status = os.waitpid(pid, 0)
        failed += os.waitstatus_to_exitcode(status) != 0
        warned += sum("multi-threaded" in str(w.message) for w in caught)
    assert failed == 0, f"{failed} of 20 children did not find the matrix parked"
    if alone:
        assert warned == 0, f"{warned} of 20 forks saw another thread"


# ---------------------------------------------------------------- arguments


def test_setting_validation() -> None:
    with pytest.raises(ValueError, match="0 bytes"):
        memory.set_budget(0)
    with pytest.raises(ValueError, match="from 0 to 2\\*\\*64 - 1"):
        memory.set_budget(-1)
    with pytest.raises(TypeError):
        memory.set_budget(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a size"):
        memory.set_idle_limit("some")
    with pytest.raises(ValueError, match="finite number of seconds"):
        memory.set_wait_timeout(-1)
    memory.set_budget("none")
    assert memory.get_budget() is None
    memory.set_budget("256MiB")
    assert memory.get_budget() == 256 * MIB
    memory.set_budget(2**30)
    assert memory.stats().budget == 2**30
    memory.set_budget("auto")
    assert memory.get_budget() == memory.default_budget()
    memory.set_wait_timeout(None)
    assert memory.stats().wait_timeout is None
    memory.set_wait_timeout(1.25)
    assert memory.stats().wait_timeout == 1.25


@pytest.mark.skipif(sys.platform != "linux", reason="huge-page rounding is Linux's")
def test_charge_rounds_mapped_matrices_to_huge_pages() -> None:
    assert memory.charge(65536, 4) == 64 * MIB
    assert memory.charge(3000, 1) == 4 * MIB
    assert memory.charge(8, 1) == 8 * 1024
    assert memory.charge(8, 2) == 16 * 1024  # 8 KiB per lane at least
