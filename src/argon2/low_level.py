"""Low-level Argon2 functions for building your own abstractions.

.. warning::
    Hazardous material: these functions do exactly what they are told. Use
    :class:`argon2.PasswordHasher` unless you know why you need this.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from . import _backend
from ._pepper import Pepper
from ._settings import get_settings
from .exceptions import (
    HashingError,
    MalformedHashError,
    ParametersExceedLimitsError,
    VerificationError,
    VerifyMismatchError,
)
from .memory import _refusal

__all__ = [
    "ARGON2_VERSION",
    "Type",
    "available_kernels",
    "backend_name",
    "core",
    "error_to_str",
    "ffi",
    "hash_secret",
    "hash_secret_raw",
    "kernel_name",
    "lib",
    "verify_secret",
]

ARGON2_VERSION = 0x13
"""The newest Argon2 version (1.3, i.e. 19); used unless told otherwise."""

# The codes about a value that only the encoded hash carries: its syntax, tag
# and salt lengths, costs and lanes. The caller's own inputs (password, key,
# ad, type, threads) and the machine (memory, threads) have codes of their
# own, so any of these means the hash string itself is unusable.
_MALFORMED_HASH_CODES = frozenset(
    (
        _backend.ARGON2_OUTPUT_TOO_SHORT,  # the tag
        _backend.ARGON2_OUTPUT_TOO_LONG,
        _backend.ARGON2_SALT_TOO_SHORT,
        _backend.ARGON2_SALT_TOO_LONG,
        _backend.ARGON2_TIME_TOO_SMALL,
        _backend.ARGON2_TIME_TOO_LARGE,
        _backend.ARGON2_MEMORY_TOO_LITTLE,
        _backend.ARGON2_MEMORY_TOO_MUCH,
        _backend.ARGON2_LANES_TOO_FEW,
        _backend.ARGON2_LANES_TOO_MANY,
        _backend.ARGON2_DECODING_FAIL,
        _backend.ARGON2_DECODING_LENGTH_FAIL,
    )
)
_MEMORY_REFUSALS = (
    _backend.ARGON2FT_MEMORY_OVER_BUDGET,
    _backend.ARGON2FT_MEMORY_WAIT_TIMEOUT,
)

_UINT32_MAX = 0xFFFFFFFF

if TYPE_CHECKING:
    # CFFI objects of the compiled module; the native backend has none.
    ffi: Any
    lib: Any
elif _backend.NAME == "cffi":
    from ._ffi import ffi, lib

_NO_CFFI = (
    "argon2.low_level.{} is not available: this installation of argon2-ft uses "
    "its native backend (built for free-threaded CPython or with "
    "ARGON2_FT_BACKEND=native), which has no CFFI objects. Use the functions "
    "of argon2.low_level instead."
)


def __getattr__(name: str) -> Any:
    if name in ("ffi", "lib"):
        raise AttributeError(_NO_CFFI.format(name))
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


class Type(Enum):
    """The Argon2 variants; see RFC 9106 on choosing one (ID if unsure)."""

    D = 0
    I = 1  # noqa: E741
    ID = 2


# The C type argon2-cffi hands each of its own arguments to ffi.new(); a str
# there gets cffi's text, which callers and argon2-cffi's tests match.
_CFFI_CTYPES = {"secret": "uint8_t[]", "salt": "uint8_t[]", "hash": "char[]"}


def _as_bytes(name: str, value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    ctype = _CFFI_CTYPES.get(name)
    if ctype is not None and isinstance(value, str):
        msg = (
            f"initializer for ctype '{ctype}' must be a bytes or list or tuple, not str"
        )
    else:
        msg = f"'{name}' must be bytes (got {type(value).__name__})"
    raise TypeError(msg)


def _optional_bytes(name: str, value: object) -> bytes:
    if value is None:
        return b""
    if isinstance(value, Pepper):
        return value.reveal()
    return _as_bytes(name, value)


def _u32(name: str, value: object) -> int:
    # The C API takes uint32_t; out-of-range values fail as cffi would.
    if not isinstance(value, int):
        msg = f"'{name}' must be an int (got {type(value).__name__})"
        raise TypeError(msg)
    if not 0 <= value <= _UINT32_MAX:
        msg = f"'{name}' must be between 0 and {_UINT32_MAX} (got {value})"
        raise OverflowError(msg)
    return int(value)


_ARGON2_OUTPUT_TOO_LONG = -3


def _raw_tag_len(value: object) -> int:
    # argon2-cffi sizes the raw tag's buffer with ffi.new("uint8_t[]", n)
    # (an index-sized integer) and libargon2 then refuses n beyond 32 bits;
    # the same errors here, without allocating the buffer first.
    if not isinstance(value, int):
        return _u32("hash_len", value)
    if value < 0:
        msg = "negative array length"
        raise ValueError(msg)
    if value > sys.maxsize:
        msg = "cannot fit 'int' into an index-sized integer"
        raise OverflowError(msg)
    if value > _UINT32_MAX:
        raise HashingError(error_to_str(_ARGON2_OUTPUT_TOO_LONG))
    return int(value)


def _type_value(type: object) -> int:
    if not isinstance(type, Type):
        msg = f"'type' must be an argon2.low_level.Type (got {type!r})"
        raise TypeError(msg)
    return type.value


def _threads(threads: int | None) -> int:
    if threads is None:
        # The process-wide setting, else 0: one thread per lane.
        threads = get_settings().max_threads
        if threads is None:
            return 0
    value = _u32("threads", threads)
    if value < 1:
        msg = "'threads' must be at least 1"
        raise ValueError(msg)
    return value


def _kernel_id(kernel: str | None) -> int:
    if kernel is None:
        return 0
    if not isinstance(kernel, str):
        msg = f"'kernel' must be a str (got {type(kernel).__name__})"
        raise TypeError(msg)
    # Every backend answers -1 for a name C could misread (embedded NUL, not
    # ASCII), so "portable\0x" never passes as "portable".
    kernel_id = _backend.kernel_from_name(kernel)
    if kernel_id <= 0:
        msg = f"unknown kernel {kernel!r}; known: {', '.join(_all_kernels().values())}"
        raise ValueError(msg)
    if not _backend.kernel_supported(kernel_id):
        msg = f"kernel {kernel!r} cannot run on this machine"
        raise ValueError(msg)
    return kernel_id


def _hash(
    *,
    encoded: bool,
    secret: object,
    salt: object,
    time_cost: object,
    memory_cost: object,
    parallelism: object,
    hash_len: object,
    type: object,
    version: object,
    key: bytes | Pepper | None,
    ad: bytes | None,
    threads: int | None,
    kernel: str | None,
) -> bytes:
    function = _backend.hash_encoded if encoded else _backend.hash_raw
    m_cost = _u32("memory_cost", memory_cost)
    lanes = _u32("parallelism", parallelism)
    result = function(
        _type_value(type),
        _u32("version", version),
        _u32("time_cost", time_cost),
        m_cost,
        lanes,
        _threads(threads),
        _kernel_id(kernel),
        _as_bytes("secret", secret),
        _as_bytes("salt", salt),
        _optional_bytes("key", key),
        _optional_bytes("ad", ad),
        _u32("hash_len", hash_len) if encoded else _raw_tag_len(hash_len),
    )
    if isinstance(result, int):
        raise _refusal(result, m_cost, lanes, verifying=False) or HashingError(
            error_to_str(result)
        )
    return result


def hash_secret(
    secret: bytes,
    salt: bytes,
    time_cost: int,
    memory_cost: int,
    parallelism: int,
    hash_len: int,
    type: Type,
    version: int = ARGON2_VERSION,
    *,
    key: bytes | None = None,
    ad: bytes | None = None,
    threads: int | None = None,
    kernel: str | None = None,
) -> bytes:
    """Hash *secret* and return the encoded (PHC string) hash as ASCII bytes.

    The encoded hash carries the type, version, parameters and salt, so it can
    be passed to :func:`verify_secret` as is. See
    :class:`argon2.PasswordHasher` for what the parameters mean.

    argon2-ft extensions (keyword-only):

    * *key*: Argon2's secret input K (a pepper). It is not stored in the hash;
      verification needs the same key.
    * *ad*: Argon2's associated data X. Not stored in the hash either.
    * *threads*: at most this many threads per hash (default: the
      process-wide ``max_threads`` setting, else one per lane, as libargon2;
      never more than the CPUs). Threads beyond the lanes fault
      a large matrix in ahead of the computation. Does not change the result.
    * *kernel*: force a fill kernel by name (see :func:`available_kernels`);
      meant for tests and benchmarks. Does not change the result.

    Raises:
        argon2.exceptions.HashingError: libargon2 rejected the parameters or
            could not allocate memory.
    """
    return _hash(
        encoded=True,
        secret=secret,
        salt=salt,
        time_cost=time_cost,
        memory_cost=memory_cost,
        parallelism=parallelism,
        hash_len=hash_len,
        type=type,
        version=version,
        key=key,
        ad=ad,
        threads=threads,
        kernel=kernel,
    )


def hash_secret_raw(
    secret: bytes,
    salt: bytes,
    time_cost: int,
    memory_cost: int,
    parallelism: int,
    hash_len: int,
    type: Type,
    version: int = ARGON2_VERSION,
    *,
    key: bytes | None = None,
    ad: bytes | None = None,
    threads: int | None = None,
    kernel: str | None = None,
) -> bytes:
    """Hash *secret* and return the raw tag (*hash_len* bytes).

    Takes the same arguments as :func:`hash_secret`.
    """
    return _hash(
        encoded=False,
        secret=secret,
        salt=salt,
        time_cost=time_cost,
        memory_cost=memory_cost,
        parallelism=parallelism,
        hash_len=hash_len,
        type=type,
        version=version,
        key=key,
        ad=ad,
        threads=threads,
        kernel=kernel,
    )


def verify_secret(
    hash: bytes,
    secret: bytes,
    type: Type,
    *,
    key: bytes | None = None,
    ad: bytes | None = None,
    threads: int | None = None,
    kernel: str | None = None,
) -> Literal[True]:
    """Check that *secret* matches the encoded *hash* of Argon2 *type*.

    The keyword-only extensions are those of :func:`hash_secret`; *key* and
    *ad* must be the ones used for hashing.

    Returns:
        ``True``; every failure raises.

    Raises:
        argon2.exceptions.VerifyMismatchError: *secret* does not match.
        argon2.exceptions.MalformedHashError: *hash* cannot be decoded as an
            Argon2 hash of *type*, or a value in it is out of range (salt or
            tag too short, too little memory for its lanes, a zero cost, ...);
            non-ASCII bytes are never decodable. It is a
            :class:`~argon2.exceptions.VerificationError` with libargon2's
            message, as argon2-cffi raises, and an
            :class:`~argon2.exceptions.InvalidHashError`.
        argon2.exceptions.ParametersExceedLimitsError: *hash* asks for more
            than the process-wide verification limits set through
            :func:`argon2.configure` or ``ARGON2_FT_MAX_*_COST`` /
            ``ARGON2_FT_MAX_PARALLELISM`` (argon2-ft extension; none by
            default), checked before any memory is spent on it.
        argon2.exceptions.VerificationError: any other failure (out of
            memory, a password too long, ...), with libargon2's message.
    """
    encoded = _as_bytes("hash", hash)
    settings = get_settings()
    limits = (
        settings.max_memory_cost,
        settings.max_time_cost,
        settings.max_parallelism,
    )
    if limits != (None, None, None):
        # Opted into process-wide: callers such as passlib get them too.
        _enforce_limits(encoded, limits)
    return _verify_secret(encoded, secret, type, key, ad, threads, kernel)


def _enforce_limits(
    encoded: bytes, limits: tuple[int | None, int | None, int | None]
) -> None:
    """Raise ParametersExceedLimitsError if *encoded* asks for more memory,
    passes or lanes than *limits* (KiB, passes, lanes; None: no limit)
    allow, before any memory is spent on it."""
    decoded = _backend.decode(encoded)
    if isinstance(decoded, int):
        raise _verification_error(decoded)
    _, _, m_cost, t_cost, lanes, _, _ = decoded
    names = ("memory_cost", "time_cost", "parallelism")
    for name, value, limit in zip(names, (m_cost, t_cost, lanes), limits, strict=True):
        if limit is not None and value > limit:
            msg = f"The hash's {name} ({value}) exceeds the limit ({limit})."
            raise ParametersExceedLimitsError(msg)


def _verify_secret(
    hash: object,
    secret: object,
    type: object,
    key: bytes | Pepper | None,
    ad: bytes | None,
    threads: int | None,
    kernel: str | None,
) -> Literal[True]:
    # verify_secret, also taking the key as a Pepper (from PasswordHasher),
    # which is unwrapped only in the argument list of the backend call.
    encoded = _as_bytes("hash", hash)
    rc = _backend.verify(
        _type_value(type),
        encoded,
        _as_bytes("secret", secret),
        _optional_bytes("key", key),
        _optional_bytes("ad", ad),
        _threads(threads),
        _kernel_id(kernel),
    )
    if rc == _backend.ARGON2_OK:
        return True
    if rc == _backend.ARGON2_VERIFY_MISMATCH:
        raise VerifyMismatchError(error_to_str(rc))
    if rc in _MEMORY_REFUSALS:
        # Costs came out of the hash, which decoded fine to get this far.
        decoded = _backend.decode(encoded)
        if not isinstance(decoded, int):
            refusal = _refusal(rc, decoded[2], decoded[4], verifying=True)
            if refusal is not None:
                raise refusal
    raise _verification_error(rc)


def _verification_error(rc: int) -> VerificationError:
    """The exception for a failed verification or decoding with code *rc*."""
    if rc in _MALFORMED_HASH_CODES:
        return MalformedHashError(error_to_str(rc))
    return VerificationError(error_to_str(rc))


def core(context: Any, type: int) -> int:
    """Call libargon2's ``argon2_ctx`` on a CFFI ``argon2_context``.

    .. warning::
        Works on raw C structures and skips every check and cleanup of the
        higher-level functions; the struct layout is libargon2's. Only
        available with the CFFI backend.

    Returns:
        A libargon2 error code (see :func:`error_to_str`).
    """
    if _backend.NAME != "cffi":
        raise RuntimeError(_NO_CFFI.format("core"))
    rc: int = lib.argon2_ctx(context, type)
    return rc


def error_to_str(error: int) -> str:
    """The libargon2 message for the error code *error*."""
    return _backend.error_message(error)


def _all_kernels() -> dict[int, str]:
    """Every kernel this build knows, id -> name (ids count up from 1)."""
    kernels = {}
    kernel_id = 1
    while (name := _backend.kernel_name(kernel_id)) is not None:
        kernels[kernel_id] = name
        kernel_id += 1
    return kernels


def available_kernels() -> tuple[str, ...]:
    """Names of the fill kernels this build and CPU can run, e.g.
    ``("portable", "sse2", "avx2")``. (argon2-ft extension)"""
    return tuple(
        name
        for kernel_id, name in _all_kernels().items()
        if _backend.kernel_supported(kernel_id)
    )


def kernel_name() -> str:
    """Name of the fill kernel used unless one is forced: the fastest one
    available, or the one named by the ``ARGON2_FT_KERNEL`` environment
    variable at startup. (argon2-ft extension)"""
    name = _backend.kernel_name(_backend.kernel_auto())
    return name if name is not None else "unknown"


def backend_name() -> str:
    """``"cffi"`` or ``"native"``: which compiled module this installation
    uses. (argon2-ft extension)"""
    return _backend.NAME
