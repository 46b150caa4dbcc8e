"""Type-checked (not run) uses of the public API: mypy --strict must pass."""

from __future__ import annotations

from typing import Literal

import argon2
from argon2 import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_RANDOM_SALT_LENGTH,
    DEFAULT_TIME_COST,
    Parameters,
    PasswordHasher,
    Type,
    calibration,
    exceptions,
    extract_parameters,
    low_level,
    profiles,
)

ph = PasswordHasher()
ph = PasswordHasher(1, 8, 1, 16, 16, "utf-8", Type.ID)
ph = PasswordHasher(
    time_cost=DEFAULT_TIME_COST,
    memory_cost=DEFAULT_MEMORY_COST,
    parallelism=DEFAULT_PARALLELISM,
    hash_len=DEFAULT_HASH_LENGTH,
    salt_len=DEFAULT_RANDOM_SALT_LENGTH,
    secret=b"pepper",
    old_secrets=[b"old"],
    max_threads=2,
    max_memory_cost=1 << 20,
    max_time_cost=10,
    max_parallelism=8,
)
ph = PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)
ph = PasswordHasher.from_parameters(profiles.get_default_parameters(), secret=b"k")

encoded: str = ph.hash("password")
encoded = ph.hash(b"password", salt=b"saltsalt")
ok: Literal[True] = ph.verify(encoded, "password")
ok = ph.verify(encoded.encode(), b"password")
rehash: bool = ph.check_needs_rehash(encoded)
replacement: str | None = ph.verify_and_rehash(encoded, "password")
costs: tuple[int, int, int, int, int] = (
    ph.time_cost,
    ph.memory_cost,
    ph.parallelism,
    ph.hash_len,
    ph.salt_len,
)
variant: Type = ph.type


async def _async_api() -> None:
    made: str = await ph.async_hash("password")
    made = await ph.async_hash(b"password", salt=b"saltsalt")
    checked_async: Literal[True] = await ph.async_verify(made, "password")
    checked_async = await ph.async_verify(made.encode(), b"password")
    upgraded: str | None = await ph.async_verify_and_rehash(made, "password")
    del checked_async, upgraded


enc: str = ph.encoding

settings: argon2.Settings = argon2.configure(max_threads=1, max_memory_cost=None)
settings = argon2.get_settings()
threads_setting: int | None = settings.max_threads

report: calibration.CalibrationReport = calibration.calibrate(
    50,
    base=profiles.CHEAPEST,
    max_memory_cost=1024,
    concurrency=2,
    memory_limit=4096,
    max_threads=1,
    progress=print,
)
recommended: Parameters = report.parameters
first: calibration.Candidate = report.candidates[0]
p99: float = first.timing.p99
total: int = first.total_memory
spread: float = calibration.Timing((1.0, 2.0)).spread

params: Parameters = extract_parameters(encoded)
version: int = params.version

raw: bytes = low_level.hash_secret_raw(b"pw", b"saltsalt", 1, 8, 1, 32, Type.ID)
full: bytes = low_level.hash_secret(
    b"pw", b"saltsalt", 1, 8, 1, 32, Type.ID, low_level.ARGON2_VERSION, key=b"k"
)
checked: Literal[True] = low_level.verify_secret(full, b"pw", Type.ID, key=b"k")
message: str = low_level.error_to_str(-35)
kernels: tuple[str, ...] = low_level.available_kernels()
kernel: str = low_level.kernel_name()
backend: str = low_level.backend_name()

legacy: bytes = argon2.hash_password(b"pw")
legacy_raw: bytes = argon2.hash_password_raw(b"pw")
legacy_ok: Literal[True] = argon2.verify_password(legacy, b"pw")

errors: tuple[type[Exception], ...] = (
    exceptions.Argon2Error,
    exceptions.VerificationError,
    exceptions.VerifyMismatchError,
    exceptions.HashingError,
    exceptions.InvalidHashError,
    exceptions.InvalidHash,
    exceptions.UnsupportedParametersError,
    exceptions.MalformedHashError,
    exceptions.ParametersExceedLimitsError,
    exceptions.MemoryBudgetError,
    exceptions.HashingMemoryBudgetError,
    exceptions.VerificationMemoryBudgetError,
)

# argon2.memory: the budget, the cap and the pool.
argon2.memory.set_budget("256MiB")
argon2.memory.set_budget(2**28)
argon2.memory.set_budget(None)
argon2.memory.set_idle_limit(0)
argon2.memory.set_max_concurrency(4)
argon2.memory.set_max_concurrency("auto")
argon2.memory.set_wait_timeout(2.5)
argon2.memory.set_wait_timeout(None)
budget: int | None = argon2.memory.get_budget()
default: int | None = argon2.memory.default_budget()
concurrency: int = argon2.memory.default_concurrency()
released: int = argon2.memory.release_idle()
argon2.memory.reset_peak()
snapshot: argon2.memory.MemoryStats = argon2.memory.stats()
in_use: int = snapshot.in_use
wait: float | None = snapshot.wait_timeout
needed: int = argon2.memory.charge(65536, 4)
try:
    low_level.hash_secret_raw(b"pw", b"saltsalt", 1, 8, 1, 32, Type.ID)
except exceptions.MemoryBudgetError as refused:
    refused_bytes: int = refused.needed
    refused_budget: int | None = refused.budget
    refused_waited: bool = refused.timed_out
