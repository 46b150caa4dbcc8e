# Types of argon2._native, the CPython C-API backend (_native.c); the
# contract it meets is argon2._backend.Backend.

from typing import SupportsIndex

NAME: str
ARGON2_OK: int
ARGON2_OUTPUT_TOO_SHORT: int
ARGON2_OUTPUT_TOO_LONG: int
ARGON2_SALT_TOO_SHORT: int
ARGON2_SALT_TOO_LONG: int
ARGON2_TIME_TOO_SMALL: int
ARGON2_TIME_TOO_LARGE: int
ARGON2_MEMORY_TOO_LITTLE: int
ARGON2_MEMORY_TOO_MUCH: int
ARGON2_LANES_TOO_FEW: int
ARGON2_LANES_TOO_MANY: int
ARGON2_MEMORY_ALLOCATION_ERROR: int
ARGON2_THREAD_FAIL: int
ARGON2_DECODING_FAIL: int
ARGON2_DECODING_LENGTH_FAIL: int
ARGON2_VERIFY_MISMATCH: int
ARGON2FT_KERNEL_UNSUPPORTED: int
ARGON2FT_MEMORY_OVER_BUDGET: int
ARGON2FT_MEMORY_WAIT_TIMEOUT: int
ARGON2FT_KERNEL_AUTO: int
ARGON2FT_KERNEL_PORTABLE: int
ARGON2FT_KERNEL_SSE2: int
ARGON2FT_KERNEL_AVX2: int
ARGON2FT_KERNEL_AVX512: int
ARGON2FT_KERNEL_NEON: int

def hash_raw(
    type: SupportsIndex,
    version: SupportsIndex,
    t_cost: SupportsIndex,
    m_cost: SupportsIndex,
    parallelism: SupportsIndex,
    threads: SupportsIndex,
    kernel: SupportsIndex,
    password: bytes,
    salt: bytes,
    secret: bytes,
    ad: bytes,
    hash_len: SupportsIndex,
) -> bytes | int: ...

hash_encoded = hash_raw  # the same arguments; an encoded hash instead of a tag

def verify(
    type: SupportsIndex,
    encoded: bytes,
    password: bytes,
    secret: bytes,
    ad: bytes,
    threads: SupportsIndex,
    kernel: SupportsIndex,
) -> int: ...
def decode(encoded: bytes) -> tuple[int, int, int, int, int, bytes, bytes] | int: ...
def error_message(code: SupportsIndex) -> str: ...
def kernel_name(kernel: SupportsIndex) -> str | None: ...
def kernel_supported(kernel: SupportsIndex) -> bool: ...
def kernel_auto() -> int: ...
def kernel_from_name(name: str) -> int: ...
def memory_set_budget(budget: SupportsIndex) -> None: ...
def memory_set_idle_limit(idle_limit: SupportsIndex) -> None: ...
def memory_set_max_running(hashes: SupportsIndex) -> None: ...
def memory_set_wait_timeout(milliseconds: SupportsIndex) -> None: ...
def memory_release_idle() -> int: ...
def memory_settle() -> None: ...
def memory_stats() -> tuple[int, ...]: ...
def memory_reset_peak() -> None: ...
def memory_charge(m_cost: SupportsIndex, lanes: SupportsIndex) -> int: ...
