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

An int result is a libargon2 error code; threads = 0 means one per lane and
kernel = 0 the process default. Everything user-facing (argument checks,
exceptions, str handling) lives above this layer.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING or find_spec("argon2._ffi") is not None:
    from ._cffi_backend import (
        NAME,
        decode,
        error_message,
        hash_encoded,
        hash_raw,
        kernel_auto,
        kernel_from_name,
        kernel_name,
        kernel_supported,
        verify,
    )
else:
    from ._native import (
        NAME,
        decode,
        error_message,
        hash_encoded,
        hash_raw,
        kernel_auto,
        kernel_from_name,
        kernel_name,
        kernel_supported,
        verify,
    )

__all__ = [
    "NAME",
    "decode",
    "error_message",
    "hash_encoded",
    "hash_raw",
    "kernel_auto",
    "kernel_from_name",
    "kernel_name",
    "kernel_supported",
    "verify",
]
