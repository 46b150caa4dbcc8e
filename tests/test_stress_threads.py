"""
Many threads hammering shared PasswordHasher objects: every hash, verification
and rehash check must give exactly what a single thread computed beforehand.
On free-threaded CPython, importing and using argon2 must keep the GIL off.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import sysconfig
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

from argon2 import PasswordHasher, low_level
from argon2.exceptions import VerifyMismatchError

THREADS = 8
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


def _run_threads(setups: list[Setup], seed: int) -> None:
    barrier = threading.Barrier(THREADS)
    failures: list[BaseException] = []
    lock = threading.Lock()

    def worker(number: int) -> None:
        rng = random.Random(seed * 1000 + number)  # noqa: S311 - reproducible
        barrier.wait()
        try:
            for _ in range(OPS_PER_THREAD):
                _one_operation(rng, setups)
        except BaseException as exc:  # noqa: BLE001 - reported below
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures


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
