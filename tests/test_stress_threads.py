"""
Many threads hammering shared PasswordHasher objects: every hash, verification
and rehash check must give exactly what a single thread computed beforehand.
On free-threaded CPython, importing and using argon2 must keep the GIL off.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from argon2 import PasswordHasher, low_level
from argon2.exceptions import ParametersExceedLimitsError, VerifyMismatchError

if TYPE_CHECKING:
    from collections.abc import Callable

THREADS = 8
# Far more threads than any CI machine has cores, each hash using up to four
# lanes' worth of its own threads on top.
MANY_THREADS = 32
OPS_PER_THREAD = 60
PASSWORDS = ["correct horse", "", "\u00fcnic\u00f8de \U0001f511", "x" * 100]


@dataclass
class Setup:
    hasher: PasswordHasher
    secret: bytes | None
    # (password, salt) -> encoded hash computed by low_level in one thread
    expected: dict[tuple[str, bytes], str] = field(default_factory=dict)


def _make_setups() -> list[Setup]:
    configs: list[dict[str, Any]] = [
        {"time_cost": 1, "memory_cost": 8, "parallelism": 1},
        {"time_cost": 2, "memory_cost": 32, "parallelism": 2, "type": low_level.Type.I},
        {
            "time_cost": 1,
            "memory_cost": 64,
            "parallelism": 4,
            "type": low_level.Type.D,
            "secret": b"pepper-\x00\xff",
            "max_threads": 2,
        },
        {"time_cost": 3, "memory_cost": 16, "parallelism": 1, "hash_len": 20},
        {"time_cost": 1, "memory_cost": 48, "parallelism": 3, "salt_len": 12},
    ]
    setups = []
    for index, config in enumerate(configs):
        hasher = PasswordHasher(**config)
        setup = Setup(hasher, config.get("secret"))
        for number, password in enumerate(PASSWORDS):
            salt = bytes([index, number]) * (hasher.salt_len // 2)
            setup.expected[password, salt] = low_level.hash_secret(
                password.encode("utf-8"),
                salt,
                hasher.time_cost,
                hasher.memory_cost,
                hasher.parallelism,
                hasher.hash_len,
                hasher.type,
                key=setup.secret,
            ).decode("ascii")
        setups.append(setup)
    return setups


def _one_operation(rng: random.Random, setups: list[Setup]) -> None:
    setup = rng.choice(setups)
    hasher = setup.hasher
    (password, salt), encoded = rng.choice(list(setup.expected.items()))
    op = rng.randrange(6)
    if op == 0:
        assert hasher.hash(password, salt=salt) == encoded
    elif op == 1:
        assert hasher.verify(encoded, password) is True
        assert hasher.verify(encoded.encode("ascii"), password.encode()) is True
    elif op == 2:
        with pytest.raises(VerifyMismatchError):
            hasher.verify(encoded, password + "?")
    elif op == 3:
        assert hasher.check_needs_rehash(encoded) is False
        other = rng.choice([s for s in setups if s is not setup])
        _, other_encoded = rng.choice(list(other.expected.items()))
        assert hasher.check_needs_rehash(other_encoded) is True
    elif op == 4:
        fresh = hasher.hash(password)
        assert fresh != encoded
        assert hasher.verify(fresh, password) is True
    else:
        assert low_level.verify_secret(
            encoded.encode("ascii"),
            password.encode("utf-8"),
            hasher.type,
            key=setup.secret,
        )


def _in_threads(count: int, worker: Callable[[int], None]) -> None:
    """Run worker(0..count-1) in *count* threads released at once; fail with
    every exception a worker raised."""
    barrier = threading.Barrier(count)
    failures: list[BaseException] = []
    lock = threading.Lock()

    def run(number: int) -> None:
        barrier.wait()
        try:
            worker(number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures


def _run_threads(setups: list[Setup], seed: int) -> None:
    def worker(number: int) -> None:
        rng = random.Random(seed * 1000 + number)  # noqa: S311 - reproducible
        for _ in range(OPS_PER_THREAD):
            _one_operation(rng, setups)

    _in_threads(THREADS, worker)


def test_single_thread_baseline_matches_password_hasher() -> None:
    """The precomputed answers agree with PasswordHasher run serially."""
    for setup in _make_setups():
        for (password, salt), encoded in setup.expected.items():
            assert setup.hasher.hash(password, salt=salt) == encoded
            assert setup.hasher.verify(encoded, password) is True


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shared_hashers_many_threads(seed: int) -> None:
    _run_threads(_make_setups(), seed)


def test_threads_argument_never_changes_the_tag() -> None:
    """Hashing lanes on 1..5 threads (more than lanes included), concurrently."""
    args = (b"password", b"somesalt", 2, 64, 4, 32, low_level.Type.ID)
    expected = low_level.hash_secret_raw(*args)
    results: list[bytes] = []
    lock = threading.Lock()

    def worker(threads: int) -> None:
        for _ in range(5):
            tag = low_level.hash_secret_raw(*args, threads=threads)
            with lock:
                results.append(tag)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(1, 6)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert results == [expected] * 25


def test_one_hasher_shared_by_many_more_threads_than_cores() -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=32, parallelism=4)
    salt = b"shared-salt-0123"
    expected = {pw: hasher.hash(pw, salt=salt) for pw in PASSWORDS}

    def worker(number: int) -> None:
        for round_ in range(4):
            password = PASSWORDS[(number + round_) % len(PASSWORDS)]
            assert hasher.hash(password, salt=salt) == expected[password]
            assert hasher.verify(expected[password], password) is True
            with pytest.raises(VerifyMismatchError):
                hasher.verify(expected[password], password + "!")

    _in_threads(MANY_THREADS, worker)


def test_pepper_rotation_shared_across_threads() -> None:
    """One hasher with a current and two old peppers, used by many threads:
    each hash verifies under the pepper it was made with, only the current
    pepper's hashes need no rehash, and rehashes carry the current pepper."""
    params: dict[str, Any] = {"time_cost": 1, "memory_cost": 16, "parallelism": 2}
    peppers = [b"pepper-2019", b"pepper-2022", b"pepper-2025"]
    single = {p: PasswordHasher(**params, secret=p) for p in peppers}
    rotating = PasswordHasher(
        **params, secret=peppers[-1], old_secrets=[peppers[1], peppers[0]]
    )
    made = {p: single[p].hash("pw", salt=p.ljust(16, b"-")) for p in peppers}
    stranger = PasswordHasher(**params, secret=b"someone-else").hash("pw")

    def worker(number: int) -> None:
        for round_ in range(3):
            pepper = peppers[(number + round_) % len(peppers)]
            assert rotating.verify(made[pepper], "pw") is True
            fresh = rotating.verify_and_rehash(made[pepper], "pw")
            if pepper == peppers[-1]:
                assert fresh is None
            else:
                assert fresh is not None
                assert single[peppers[-1]].verify(fresh, "pw") is True
                with pytest.raises(VerifyMismatchError):
                    single[pepper].verify(fresh, "pw")
            with pytest.raises(VerifyMismatchError):
                rotating.verify(made[pepper], "wrong")
            with pytest.raises(VerifyMismatchError):
                rotating.verify(stranger, "pw")

    _in_threads(MANY_THREADS, worker)


def test_verification_limits_hold_under_threads() -> None:
    limited = PasswordHasher(
        time_cost=1,
        memory_cost=16,
        parallelism=1,
        max_memory_cost=64,
        max_time_cost=2,
        max_parallelism=2,
    )
    within = PasswordHasher(time_cost=2, memory_cost=64, parallelism=2).hash("pw")
    salt_b64 = "c29tZXNhbHRzb21lc2FsdA"
    tag_b64 = "A" * 43
    beyond = [
        PasswordHasher(time_cost=1, memory_cost=128, parallelism=1).hash("pw"),
        PasswordHasher(time_cost=3, memory_cost=16, parallelism=1).hash("pw"),
        PasswordHasher(time_cost=1, memory_cost=32, parallelism=4).hash("pw"),
        # Forged: 256 MiB per verification if the limit were not checked first.
        f"$argon2id$v=19$m=262144,t=1,p=1${salt_b64}${tag_b64}",
    ]

    def worker(number: int) -> None:
        for round_ in range(3):
            assert limited.verify(within, "pw") is True
            with pytest.raises(ParametersExceedLimitsError):
                limited.verify(beyond[(number + round_) % len(beyond)], "pw")

    _in_threads(MANY_THREADS, worker)


def test_thread_caps_never_change_the_hash_under_contention() -> None:
    """Hashers capped at 1..6 threads for 4 lanes, all at once: one answer."""
    params: dict[str, Any] = {"time_cost": 1, "memory_cost": 64, "parallelism": 4}
    hashers = [PasswordHasher(**params, max_threads=n) for n in range(1, 7)]
    salt = b"thread-cap-salt!"
    expected = PasswordHasher(**params).hash("pw", salt=salt)

    def worker(number: int) -> None:
        hasher = hashers[number % len(hashers)]
        for _ in range(3):
            assert hasher.hash("pw", salt=salt) == expected
            assert hasher.verify(expected, "pw") is True

    _in_threads(MANY_THREADS, worker)


_RAW = (b"somesalt", 1, 8, 1, 16, low_level.Type.ID)


def _raw(password: bytes | bytearray | memoryview, key: bytes | bytearray) -> bytes:
    # bytearray and memoryview are taken as bytes-like, as by argon2-cffi.
    return low_level.hash_secret_raw(password, *_RAW, key=key)  # type: ignore[arg-type]


def _mixes(a: bytes, b: bytes) -> list[bytes]:
    """Every byte string whose i-th byte is a[i] or b[i]."""
    return [bytes(m) for m in itertools.product(*zip(a, b, strict=True))]


def test_buffers_rewritten_by_other_threads_hash_as_one_snapshot() -> None:
    """A bytearray (or a memoryview of one) that other threads overwrite in
    place while it is hashed: every tag is that of some state its bytes were
    in, never of garbage, and hashing never crashes."""
    pw_a, pw_b = b"abcd", b"WXYZ"
    key_a, key_b = b"k1k1", b"K2K2"
    valid = {_raw(p, k) for p in _mixes(pw_a, pw_b) for k in _mixes(key_a, key_b)}
    password, key = bytearray(pw_a), bytearray(key_a)
    stop = threading.Event()

    def mutate(number: int) -> None:
        if number < 2:
            while not stop.is_set():
                password[:] = pw_b
                key[:] = key_b
                password[:] = pw_a
                key[:] = key_a
            return
        try:
            for round_ in range(150):
                view = memoryview(password) if round_ % 2 else password
                assert _raw(view, key) in valid
        finally:
            stop.set()

    _in_threads(4, mutate)
    assert _raw(password, key) in {_raw(pw_a, key_a), _raw(pw_b, key_b)}


# CPython made bytearray thread-safe in 3.14: on free-threaded 3.13, a
# bytearray read while another thread resizes it can be seen half-resized
# (grown, the new byte not yet written) or freed, in CPython's own copy.
_FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
_BYTEARRAY_THREAD_SAFE = not _FREE_THREADED or sys.version_info >= (3, 14)


@pytest.mark.skipif(
    not _BYTEARRAY_THREAD_SAFE,
    reason="bytearray is not thread-safe on free-threaded CPython 3.13",
)
def test_bytearray_resized_by_another_thread_while_hashed() -> None:
    """Growing and shrinking a bytearray during hashing either waits for the
    buffer export (BufferError in the resizing thread) or happens before or
    after the copy: the tag is that of one of its two lengths."""
    base = b"resize-me"
    valid = {_raw(base, b""), _raw(base + b"!", b"")}
    password = bytearray(base)
    stop = threading.Event()
    resized = 0

    def work(number: int) -> None:
        nonlocal resized
        if number == 0:
            while not stop.is_set():
                try:
                    password.extend(b"!")
                except BufferError:
                    continue
                while True:
                    try:
                        del password[len(base) :]
                        break
                    except BufferError:
                        pass
                resized += 1
            return
        # At least 200 hashes, and on until the resizing thread, however
        # starved of CPU time, has resized a few times (within a deadline).
        deadline = time.monotonic() + 20
        try:
            for round_ in itertools.count():
                assert _raw(password, b"") in valid
                if round_ >= 200 and (resized >= 10 or time.monotonic() > deadline):
                    break
        finally:
            stop.set()

    _in_threads(3, work)
    assert resized > 0


_GIL_CHILD = """
import sys
before = sys._is_gil_enabled()
import argon2
from argon2 import PasswordHasher
# The smallest valid memory for two lanes: 8 KiB each.
ph = PasswordHasher(time_cost=1, memory_cost=16, parallelism=2)
assert ph.verify(ph.hash("pw"), "pw")
print(before, sys._is_gil_enabled())
"""


@pytest.mark.skipif(
    not sysconfig.get_config_var("Py_GIL_DISABLED"),
    reason="only meaningful on free-threaded CPython",
)
def test_gil_stays_disabled() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_GIL"}
    out = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-c", _GIL_CHILD],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.split() == ["False", "False"], out.stderr
