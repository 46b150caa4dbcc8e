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
  ARGON2_*, ARGON2FT_*                  error codes and kernel ids (Backend)

An int result is a libargon2 error code; threads = 0 means one per lane and
kernel = 0 the process default. Everything user-facing (argument checks,
exceptions, str handling) lives above this layer. ``Backend`` states the
contract; mypy checks both modules against it (``_native.pyi`` describes the
C module).
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
    def memory_stats(self) -> tuple[int, ...]: ...
    def memory_reset_peak(self) -> None: ...
    def memory_charge(self, m_cost: int, lanes: int, /) -> int: ...


if TYPE_CHECKING:
    from . import _cffi_backend, _native

    _impl: Backend = _cffi_backend
    _native_impl: Backend = _native
elif find_spec("argon2._ffi") is not None:
    from . import _cffi_backend as _impl
else:
    from . import _native as _impl

# Bound once, at import: callers use these names directly.
NAME: str = _impl.NAME
ARGON2_OK: int = _impl.ARGON2_OK
ARGON2_OUTPUT_TOO_SHORT: int = _impl.ARGON2_OUTPUT_TOO_SHORT
ARGON2_OUTPUT_TOO_LONG: int = _impl.ARGON2_OUTPUT_TOO_LONG
ARGON2_SALT_TOO_SHORT: int = _impl.ARGON2_SALT_TOO_SHORT
ARGON2_SALT_TOO_LONG: int = _impl.ARGON2_SALT_TOO_LONG
ARGON2_TIME_TOO_SMALL: int = _impl.ARGON2_TIME_TOO_SMALL
ARGON2_TIME_TOO_LARGE: int = _impl.ARGON2_TIME_TOO_LARGE
ARGON2_MEMORY_TOO_LITTLE: int = _impl.ARGON2_MEMORY_TOO_LITTLE
ARGON2_MEMORY_TOO_MUCH: int = _impl.ARGON2_MEMORY_TOO_MUCH
ARGON2_LANES_TOO_FEW: int = _impl.ARGON2_LANES_TOO_FEW
ARGON2_LANES_TOO_MANY: int = _impl.ARGON2_LANES_TOO_MANY
ARGON2_MEMORY_ALLOCATION_ERROR: int = _impl.ARGON2_MEMORY_ALLOCATION_ERROR
ARGON2_THREAD_FAIL: int = _impl.ARGON2_THREAD_FAIL
ARGON2_DECODING_FAIL: int = _impl.ARGON2_DECODING_FAIL
ARGON2_DECODING_LENGTH_FAIL: int = _impl.ARGON2_DECODING_LENGTH_FAIL
ARGON2_VERIFY_MISMATCH: int = _impl.ARGON2_VERIFY_MISMATCH
ARGON2FT_KERNEL_UNSUPPORTED: int = _impl.ARGON2FT_KERNEL_UNSUPPORTED
ARGON2FT_MEMORY_OVER_BUDGET: int = _impl.ARGON2FT_MEMORY_OVER_BUDGET
ARGON2FT_MEMORY_WAIT_TIMEOUT: int = _impl.ARGON2FT_MEMORY_WAIT_TIMEOUT
ARGON2FT_KERNEL_AUTO: int = _impl.ARGON2FT_KERNEL_AUTO
ARGON2FT_KERNEL_PORTABLE: int = _impl.ARGON2FT_KERNEL_PORTABLE
ARGON2FT_KERNEL_SSE2: int = _impl.ARGON2FT_KERNEL_SSE2
ARGON2FT_KERNEL_AVX2: int = _impl.ARGON2FT_KERNEL_AVX2
ARGON2FT_KERNEL_AVX512: int = _impl.ARGON2FT_KERNEL_AVX512
ARGON2FT_KERNEL_NEON: int = _impl.ARGON2FT_KERNEL_NEON
decode = _impl.decode
error_message = _impl.error_message
hash_encoded = _impl.hash_encoded
hash_raw = _impl.hash_raw
kernel_auto = _impl.kernel_auto
kernel_from_name = _impl.kernel_from_name
kernel_name = _impl.kernel_name
kernel_supported = _impl.kernel_supported
memory_charge = _impl.memory_charge
memory_release_idle = _impl.memory_release_idle
memory_reset_peak = _impl.memory_reset_peak
memory_set_budget = _impl.memory_set_budget
memory_set_idle_limit = _impl.memory_set_idle_limit
memory_set_max_running = _impl.memory_set_max_running
memory_set_wait_timeout = _impl.memory_set_wait_timeout
memory_stats = _impl.memory_stats
verify = _impl.verify
