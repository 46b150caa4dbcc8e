"""The one internal interface to the compiled library.

Exactly one compiled module is built per installation: ``argon2._ffi`` (CFFI,
wrapped by _cffi_backend) or ``argon2._native`` (CPython C API, free-threaded
3.13). Both expose the same functions with the same behaviour:

  NAME                                  "cffi" or "native"
  hash_raw(type, version, t_cost, m_cost, parallelism, threads, kernel,
           password, salt, secret, ad, hash_len) -> bytes | int
  hash_encoded(<same>) -> bytes | int   ASCII encoded hash, no NUL
  verify(type, encoded, password, secret, ad, threads, kernel) -> int
  decode(encoded) -> (type, version, m_cost, t_cost, parallelism, salt, tag)
                     | int
  error_message(code) -> str
  kernel_name(kernel) -> str | None     kernel_supported(kernel) -> bool
  kernel_auto() -> int                  kernel_from_name(name) -> int
  memory_set_budget(bytes), memory_set_idle_limit(bytes),
  memory_set_max_running(hashes),
  memory_set_wait_timeout(ms), memory_reset_peak() -> None
  memory_release_idle() -> int          bytes freed
  memory_stats() -> 14 ints             see argon2ft_memory_stats
  memory_charge(m_cost, lanes) -> int   bytes a hash takes from the budget
  MEMORY_OVER_BUDGET, MEMORY_WAIT_TIMEOUT   the pool's error codes

An int result is a libargon2 error code; threads = 0 means one per lane and
kernel = 0 the process default. Everything user-facing (argument checks,
exceptions, str handling) lives above this layer.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING or find_spec("argon2._ffi") is not None:
    from ._cffi_backend import (
        MEMORY_OVER_BUDGET,
        MEMORY_WAIT_TIMEOUT,
        NAME,
        decode,
        error_message,
        hash_encoded,
        hash_raw,
        kernel_auto,
        kernel_from_name,
        kernel_name,
        kernel_supported,
        memory_charge,
        memory_release_idle,
        memory_reset_peak,
        memory_set_budget,
        memory_set_idle_limit,
        memory_set_max_running,
        memory_set_wait_timeout,
        memory_stats,
        verify,
    )
else:
    from ._native import (
        MEMORY_OVER_BUDGET,
        MEMORY_WAIT_TIMEOUT,
        NAME,
        decode,
        error_message,
        hash_encoded,
        hash_raw,
        kernel_auto,
        kernel_from_name,
        kernel_name,
        kernel_supported,
        memory_charge,
        memory_release_idle,
        memory_reset_peak,
        memory_set_budget,
        memory_set_idle_limit,
        memory_set_max_running,
        memory_set_wait_timeout,
        memory_stats,
        verify,
    )

__all__ = [
    "MEMORY_OVER_BUDGET",
    "MEMORY_WAIT_TIMEOUT",
    "NAME",
    "decode",
    "error_message",
    "hash_encoded",
    "hash_raw",
    "kernel_auto",
    "kernel_from_name",
    "kernel_name",
    "kernel_supported",
    "memory_charge",
    "memory_release_idle",
    "memory_reset_peak",
    "memory_set_budget",
    "memory_set_idle_limit",
    "memory_set_max_running",
    "memory_set_wait_timeout",
    "memory_stats",
    "verify",
]
