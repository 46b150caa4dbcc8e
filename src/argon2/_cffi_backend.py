"""The backend interface (see _backend) over the CFFI module ``argon2._ffi``.

Arguments arrive validated (uint32 ranges, bytes) from the layer above. cffi
releases the GIL around every call into the library.
"""

from __future__ import annotations

from ._ffi import ffi, lib

NAME = "cffi"

# The library's error codes and kernel ids the layers above tell apart.
ARGON2_OK: int = lib.ARGON2_OK
ARGON2_OUTPUT_TOO_SHORT: int = lib.ARGON2_OUTPUT_TOO_SHORT
ARGON2_OUTPUT_TOO_LONG: int = lib.ARGON2_OUTPUT_TOO_LONG
ARGON2_SALT_TOO_SHORT: int = lib.ARGON2_SALT_TOO_SHORT
ARGON2_SALT_TOO_LONG: int = lib.ARGON2_SALT_TOO_LONG
ARGON2_TIME_TOO_SMALL: int = lib.ARGON2_TIME_TOO_SMALL
ARGON2_TIME_TOO_LARGE: int = lib.ARGON2_TIME_TOO_LARGE
ARGON2_MEMORY_TOO_LITTLE: int = lib.ARGON2_MEMORY_TOO_LITTLE
ARGON2_MEMORY_TOO_MUCH: int = lib.ARGON2_MEMORY_TOO_MUCH
ARGON2_LANES_TOO_FEW: int = lib.ARGON2_LANES_TOO_FEW
ARGON2_LANES_TOO_MANY: int = lib.ARGON2_LANES_TOO_MANY
ARGON2_MEMORY_ALLOCATION_ERROR: int = lib.ARGON2_MEMORY_ALLOCATION_ERROR
ARGON2_THREAD_FAIL: int = lib.ARGON2_THREAD_FAIL
ARGON2_DECODING_FAIL: int = lib.ARGON2_DECODING_FAIL
ARGON2_DECODING_LENGTH_FAIL: int = lib.ARGON2_DECODING_LENGTH_FAIL
ARGON2_VERIFY_MISMATCH: int = lib.ARGON2_VERIFY_MISMATCH
ARGON2FT_KERNEL_UNSUPPORTED: int = lib.ARGON2FT_KERNEL_UNSUPPORTED
ARGON2FT_MEMORY_OVER_BUDGET: int = lib.ARGON2FT_MEMORY_OVER_BUDGET
ARGON2FT_MEMORY_WAIT_TIMEOUT: int = lib.ARGON2FT_MEMORY_WAIT_TIMEOUT
ARGON2FT_KERNEL_AUTO: int = lib.ARGON2FT_KERNEL_AUTO
ARGON2FT_KERNEL_PORTABLE: int = lib.ARGON2FT_KERNEL_PORTABLE
ARGON2FT_KERNEL_SSE2: int = lib.ARGON2FT_KERNEL_SSE2
ARGON2FT_KERNEL_AVX2: int = lib.ARGON2FT_KERNEL_AVX2
ARGON2FT_KERNEL_AVX512: int = lib.ARGON2FT_KERNEL_AVX512
ARGON2FT_KERNEL_NEON: int = lib.ARGON2FT_KERNEL_NEON

_NULL = ffi.NULL
_KNOWN_TYPES = frozenset((lib.Argon2_d, lib.Argon2_i, lib.Argon2_id))


def _buf(data: bytes) -> tuple[object, int]:
    """The pointer and size of *data*'s own buffer. Only an exact bytes
    object's len() is trusted: a subclass can make len() say anything, and
    the C library would read past the buffer, so any other buffer's size
    comes from its buffer view. Empty inputs are passed as NULL with length
    0, which libargon2 accepts."""
    if type(data) is bytes:
        # Exact bytes (the usual case): cffi passes its own buffer, whose
        # size len() tells truly; no buffer view to make.
        return (data, len(data)) if data else (_NULL, 0)
    view = ffi.from_buffer(data)
    size = len(view)
    return (view if size else _NULL), size


def _copy_and_wipe(out: object, size: int) -> bytes:
    """The first *size* bytes of the C buffer *out*, which is then zeroed: it
    holds the tag, derived from the password, until cffi frees it."""
    view = ffi.buffer(out)
    copied = bytes(view[:size])
    ffi.memmove(out, bytes(len(view)), len(view))
    return copied


def hash_raw(
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
) -> bytes | int:
    out = ffi.new("uint8_t[]", hash_len)
    rc: int = lib.argon2ft_hash(
        t_cost, m_cost, parallelism, threads,
        *_buf(password), *_buf(salt), *_buf(secret), *_buf(ad),
        out, hash_len, _NULL, 0, type, version, kernel,
    )  # fmt: skip
    if rc != lib.ARGON2_OK:
        return rc
    return _copy_and_wipe(out, hash_len)


def hash_encoded(
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
) -> bytes | int:
    # A system libargon2 crashes in argon2_encodedlen on an unknown type; the
    # bundled one returns 0 there. Either way argon2ft_hash reports the error.
    salt_buf = _buf(salt)
    size = 1
    if type in _KNOWN_TYPES:
        size += lib.argon2_encodedlen(
            t_cost, m_cost, parallelism, salt_buf[1], hash_len, type
        )
    out = ffi.new("char[]", size)
    rc: int = lib.argon2ft_hash(
        t_cost, m_cost, parallelism, threads,
        *_buf(password), *salt_buf, *_buf(secret), *_buf(ad),
        _NULL, hash_len, out, size, type, version, kernel,
    )  # fmt: skip
    if rc != lib.ARGON2_OK:
        return rc
    # The encoded hash is what gets stored: nothing in it needs wiping.
    encoded: bytes = ffi.string(out)
    return encoded


def verify(
    type: int,
    encoded: bytes,
    password: bytes,
    secret: bytes,
    ad: bytes,
    threads: int,
    kernel: int,
) -> int:
    # The encoded hash goes in with its length: no NUL terminator needed, and
    # an embedded NUL is a decoding error rather than a silent truncation.
    rc: int = lib.argon2ft_verify(
        *_buf(encoded), type,
        *_buf(password), *_buf(secret), *_buf(ad), threads, kernel,
    )  # fmt: skip
    return rc


def decode(encoded: bytes) -> tuple[int, int, int, int, int, bytes, bytes] | int:
    # Decoded base64 is never longer than its text, so the text's size
    # bounds both buffers without trusting anything inside the string.
    view = ffi.from_buffer(encoded)
    cap = max(len(view), 1)
    params = ffi.new("argon2ft_params *")
    salt = ffi.new("uint8_t[]", cap)
    tag = ffi.new("uint8_t[]", cap)
    rc: int = lib.argon2ft_decode(view, len(view), params, salt, cap, tag, cap)
    if rc != lib.ARGON2_OK:
        return rc
    return (
        int(params.type),
        int(params.version),
        int(params.m_cost),
        int(params.t_cost),
        int(params.lanes),
        bytes(ffi.buffer(salt, params.saltlen)),
        bytes(ffi.buffer(tag, params.hashlen)),
    )


def error_message(code: int) -> str:
    message: bytes = ffi.string(lib.argon2_error_message(code))
    return message.decode("ascii")


def kernel_name(kernel: int) -> str | None:
    name = lib.argon2ft_kernel_name(kernel)
    if name == _NULL:
        return None
    text: bytes = ffi.string(name)
    return text.decode("ascii")


def kernel_supported(kernel: int) -> bool:
    return bool(lib.argon2ft_kernel_supported(kernel))


def kernel_auto() -> int:
    kernel: int = lib.argon2ft_kernel_auto()
    return kernel


def kernel_from_name(name: str) -> int:
    # C would stop at a NUL, and no kernel name is outside ASCII: both are unknown.
    if "\0" in name or not name.isascii():
        return -1
    kernel: int = lib.argon2ft_kernel_from_name(name.encode("ascii"))
    return kernel


def memory_set_budget(budget: int) -> None:
    lib.argon2ft_memory_set_budget(budget)


def memory_set_max_running(hashes: int) -> None:
    lib.argon2ft_memory_set_max_running(hashes)


def memory_set_idle_limit(idle_limit: int) -> None:
    lib.argon2ft_memory_set_idle_limit(idle_limit)


def memory_set_wait_timeout(milliseconds: int) -> None:
    lib.argon2ft_memory_set_wait_timeout(milliseconds)


def memory_release_idle() -> int:
    released: int = lib.argon2ft_memory_release_idle()
    return released


def memory_settle() -> None:
    lib.argon2ft_memory_settle()


def memory_stats() -> tuple[int, ...]:
    s = ffi.new("argon2ft_memory_stats *")
    lib.argon2ft_memory_get_stats(s)
    return (
        int(s.budget), int(s.idle_limit), int(s.wait_timeout_ms),
        int(s.in_use), int(s.idle), int(s.peak),
        int(s.reused), int(s.allocated), int(s.waited),
        int(s.timed_out), int(s.refused), int(s.waiting),
        int(s.running), int(s.max_running),
    )  # fmt: skip


def memory_reset_peak() -> None:
    lib.argon2ft_memory_reset_peak()


def memory_charge(m_cost: int, lanes: int) -> int:
    charge: int = lib.argon2ft_memory_charge(m_cost, lanes)
    return charge
