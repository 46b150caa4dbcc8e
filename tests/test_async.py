"""PasswordHasher's coroutines: same answers and exceptions as the sync
methods, and an event loop that keeps running while they hash."""

from __future__ import annotations

import asyncio
import time

import pytest

from argon2 import PasswordHasher, profiles
from argon2.exceptions import (
    InvalidHashError,
    ParametersExceedLimitsError,
    VerifyMismatchError,
)

# Timing and threads of its own: run alone under pytest-run-parallel.
pytestmark = pytest.mark.thread_unsafe

CHEAP = profiles.CHEAPEST
TICK_S = 0.005
CONCURRENT = 8
# A hash the sync method would block the loop for; the async gap must stay
# far below it. Generous: the machine may be shared and slow.
SLOW_HASH_S = 0.3
MAX_ASYNC_GAP_S = 0.15


def test_hash_then_verify() -> None:
    ph = PasswordHasher.from_parameters(CHEAP)

    async def main() -> None:
        encoded = await ph.async_hash("pw")
        assert encoded.startswith("$argon2id$")
        assert ph.verify(encoded, "pw")
        assert await ph.async_verify(encoded, "pw") is True
        assert await ph.async_verify(encoded.encode(), b"pw") is True
        fixed = await ph.async_hash(b"pw", salt=b"saltsalt")
        assert fixed == ph.hash(b"pw", salt=b"saltsalt")

    asyncio.run(main())


@pytest.mark.parametrize(
    ("hash", "error"),
    [
        (None, VerifyMismatchError),  # a valid hash of another password
        ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$broken", InvalidHashError),
        ("not a hash", InvalidHashError),
    ],
)
def test_verify_raises_what_verify_raises(
    hash: str | None, error: type[Exception]
) -> None:
    ph = PasswordHasher.from_parameters(CHEAP)
    encoded = ph.hash("other") if hash is None else hash
    with pytest.raises(error):
        ph.verify(encoded, "pw")

    async def main() -> None:
        await ph.async_verify(encoded, "pw")

    with pytest.raises(error):
        asyncio.run(main())


def test_limits_apply() -> None:
    big = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1).hash("pw")
    ph = PasswordHasher.from_parameters(CHEAP, max_memory_cost=32)

    async def main() -> None:
        await ph.async_verify(big, "pw")

    with pytest.raises(ParametersExceedLimitsError):
        asyncio.run(main())


def test_type_errors_propagate() -> None:
    ph = PasswordHasher.from_parameters(CHEAP)

    async def main() -> None:
        await ph.async_hash(42)  # type: ignore[arg-type]

    with pytest.raises(TypeError, match="'password' must be a str, or bytes"):
        asyncio.run(main())


def test_verify_and_rehash() -> None:
    old = PasswordHasher(time_cost=1, memory_cost=16, parallelism=1, hash_len=8)
    ph = PasswordHasher.from_parameters(CHEAP)

    async def main() -> None:
        current = await ph.async_hash("pw")
        assert await ph.async_verify_and_rehash(current, "pw") is None
        replaced = await ph.async_verify_and_rehash(old.hash("pw"), "pw")
        assert replaced is not None
        assert ph.verify(replaced, "pw")
        assert not ph.check_needs_rehash(replaced)
        with pytest.raises(VerifyMismatchError):
            await ph.async_verify_and_rehash(current, "wrong")

    asyncio.run(main())


def _slow_hasher() -> PasswordHasher:
    """One lane and one thread, with passes added until a verification takes
    at least SLOW_HASH_S here."""
    time_cost = 1
    while True:
        ph = PasswordHasher(
            time_cost=time_cost, memory_cost=32768, parallelism=1, max_threads=1
        )
        encoded = ph.hash("pw")
        start = time.perf_counter()
        ph.verify(encoded, "pw")
        elapsed = time.perf_counter() - start
        if elapsed >= SLOW_HASH_S:
            return ph
        time_cost = max(time_cost + 1, int(time_cost * SLOW_HASH_S / elapsed) + 1)


async def _largest_gap(work: object) -> float:
    """The longest the loop went between 5 ms ticks while *work* ran."""
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(TICK_S)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(TICK_S)  # the ticker is running
    await work  # type: ignore[misc]
    done.set()
    await tick
    return max(gaps)


def test_event_loop_keeps_running_during_verifies() -> None:
    ph = _slow_hasher()
    encoded = ph.hash("pw")

    sync_durations: list[float] = []

    async def sync_verifies() -> None:
        for _ in range(2):
            start = time.perf_counter()
            ph.verify(encoded, "pw")  # blocks the loop: the ticker must see it
            sync_durations.append(time.perf_counter() - start)
            await asyncio.sleep(0)

    async def async_verifies() -> None:
        results = await asyncio.gather(
            *(ph.async_verify(encoded, "pw") for _ in range(CONCURRENT))
        )
        assert results == [True] * CONCURRENT

    async def warm_then_async_verifies() -> float:
        # Measured once the loop's executor has started its threads: on
        # free-threaded CPython 3.13, starting a thread while the others hash
        # can stall the starting (loop) thread for several hashes' time, with
        # hashlib.scrypt as with argon2 (see docs/free-threading.md).
        await async_verifies()
        return await _largest_gap(async_verifies())

    blocked = asyncio.run(_largest_gap(sync_verifies()))
    # The ticker cannot run during a blocking verify: some gap spans a whole
    # one, however fast this machine is right now (warm memory, less load
    # than when _slow_hasher measured).
    assert blocked >= max(sync_durations) * 0.9
    # A blocking implementation stalls for a whole hash (`blocked`) every
    # time; on a machine busy with other work a tick may still come late
    # once, so the best of three runs counts, and the bound grows with the
    # hash when the machine is slow.
    bound = max(MAX_ASYNC_GAP_S, blocked / 2)
    gaps = []
    for _ in range(3):
        gaps.append(asyncio.run(warm_then_async_verifies()))
        if gaps[-1] < bound:
            break
    assert min(gaps) < bound, (gaps, blocked)
