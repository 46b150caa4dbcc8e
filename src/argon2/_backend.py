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
  memory_settle() -> None               waits for matrices lane threads
                                        are still wiping after their call
  memory_stats() -> 14 ints             see argon2ft_memory_stats
  memory_charge(m_cost, lanes) -> int   bytes a hash takes from the budget
  ARGON2_*, ARGON2FT_*                  error codes and kernel ids (Backend)

An int result is a libargon2 error code; threads = 0 means one per lane and
kernel = 0 the process default. Everything user-facing (argument checks,
exceptions, str handling) lives above this layer. ``Backend`` states the
contract once; mypy checks both modules against it (``_native.pyi`` types the
C module), and the built one's names become this module's.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING, Protocol


class Backend(Protocol):
    """What each compiled module provides (see the module docstring)."""

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
        self,
        type: int,
        version: int,
        t_cost: int,
        m_cost: int,
        parallelism: int,
        threads: int,
        kernel: int,
        password: bytes,
        salt: bytes,
        secret: bytes,
        ad: bytes,
        hash_len: int,
        /,
    ) -> bytes | int: ...
    def hash_encoded(
        self,
        type: int,
        version: int,
        t_cost: int,
        m_cost: int,
        parallelism: int,
        threads: int,
        kernel: int,
        password: bytes,
        salt: bytes,
        secret: bytes,
        ad: bytes,
        hash_len: int,
        /,
    ) -> bytes | int: ...
    def verify(
        self,
        type: int,
        encoded: bytes,
        password: bytes,
        secret: bytes,
        ad: bytes,
        threads: int,
        kernel: int,
        /,
    ) -> int: ...
    def decode(
        self, encoded: bytes, /
    ) -> tuple[int, int, int, int, int, bytes, bytes] | int: ...
    def error_message(self, code: int, /) -> str: ...
    def kernel_name(self, kernel: int, /) -> str | None: ...
    def kernel_supported(self, kernel: int, /) -> bool: ...
    def kernel_auto(self) -> int: ...
    def kernel_from_name(self, name: str, /) -> int: ...
    def memory_set_budget(self, budget: int, /) -> None: ...
    def memory_set_idle_limit(self, idle_limit: int, /) -> None: ...
    def memory_set_max_running(self, hashes: int, /) -> None: ...
    def memory_set_wait_timeout(self, milliseconds: int, /) -> None: ...
    def memory_release_idle(self) -> int: ...
    def memory_settle(self) -> None: ...
    def memory_stats(self) -> tuple[int, ...]: ...
    def memory_reset_peak(self) -> None: ...
    def memory_charge(self, m_cost: int, lanes: int, /) -> int: ...


if TYPE_CHECKING:
    from . import _cffi_backend, _native

    # Both modules must meet the contract.
    _cffi_checked: Backend = _cffi_backend
    _native_checked: Backend = _native

# Exactly one of them is built; its public names are this module's.
if TYPE_CHECKING or find_spec("argon2._ffi") is not None:
    from ._cffi_backend import *  # noqa: F403
else:
    from ._native import *  # noqa: F403
