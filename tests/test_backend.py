"""The internal backend interface answers alike whichever backend was built."""

from __future__ import annotations

from typing import Any

import pytest

from argon2 import _backend, low_level


@pytest.mark.parametrize("name", ["portable\0junk", "\0", "é", "avx2 ", "", "AUTO"])
def test_kernel_from_name_rejects_odd_names(name: str) -> None:
    assert _backend.kernel_from_name(name) == -1


@pytest.mark.skipif(
    low_level.available_kernels() == ("system",),
    reason="built against the system libargon2: one kernel, 'system'",
)
def test_kernel_names_round_trip() -> None:
    for kernel in range(1, 6):
        name = _backend.kernel_name(kernel)
        assert name is not None
        assert _backend.kernel_from_name(name) == kernel


# The values of argon2.h and argon2_ft.h, written out here so that a wrong
# export cannot agree with itself.
_CONSTANTS = {
    "ARGON2_OK": 0,
    "ARGON2_OUTPUT_TOO_SHORT": -2,
    "ARGON2_OUTPUT_TOO_LONG": -3,
    "ARGON2_SALT_TOO_SHORT": -6,
    "ARGON2_SALT_TOO_LONG": -7,
    "ARGON2_TIME_TOO_SMALL": -12,
    "ARGON2_TIME_TOO_LARGE": -13,
    "ARGON2_MEMORY_TOO_LITTLE": -14,
    "ARGON2_MEMORY_TOO_MUCH": -15,
    "ARGON2_LANES_TOO_FEW": -16,
    "ARGON2_LANES_TOO_MANY": -17,
    "ARGON2_MEMORY_ALLOCATION_ERROR": -22,
    "ARGON2_THREAD_FAIL": -33,
    "ARGON2_DECODING_FAIL": -32,
    "ARGON2_DECODING_LENGTH_FAIL": -34,
    "ARGON2_VERIFY_MISMATCH": -35,
    "ARGON2FT_KERNEL_UNSUPPORTED": -100,
    "ARGON2FT_MEMORY_OVER_BUDGET": -101,
    "ARGON2FT_MEMORY_WAIT_TIMEOUT": -102,
    "ARGON2FT_KERNEL_AUTO": 0,
    "ARGON2FT_KERNEL_PORTABLE": 1,
    "ARGON2FT_KERNEL_SSE2": 2,
    "ARGON2FT_KERNEL_AVX2": 3,
    "ARGON2FT_KERNEL_AVX512": 4,
    "ARGON2FT_KERNEL_NEON": 5,
}


@pytest.mark.parametrize(("name", "value"), sorted(_CONSTANTS.items()))
def test_backend_exports_the_library_constants(name: str, value: int) -> None:
    assert getattr(_backend, name) == value
    assert isinstance(getattr(_backend, name), int)


class LyingLength(bytes):
    """bytes whose len() is not the size of its buffer."""

    lie = 0

    def __len__(self) -> int:
        return self.lie


def lying(data: bytes, lie: int) -> bytes:
    value = LyingLength(data)
    value.lie = lie
    return value


SALT = b"somesaltsomesalt"
# 0 and 3: shorter than the data; 2048: longer (a read past the buffer).
LIES = [0, 3, 2048]
# The hash functions' byte arguments: password, salt, secret, ad.
HASH_ARGS = {"password": 7, "salt": 8, "secret": 9, "ad": 10}


def _hash_args(function_args: dict[str, bytes]) -> list[object]:
    args: list[object] = [2, 19, 1, 8, 1, 1, 0]
    args += [function_args[name] for name in HASH_ARGS]
    args.append(16)
    return args


HONEST = {"password": b"password", "salt": SALT, "secret": b"pepper", "ad": b"ad"}


@pytest.mark.parametrize("lie", LIES)
@pytest.mark.parametrize("name", sorted(HASH_ARGS))
def test_hash_lengths_come_from_the_buffer(name: str, lie: int) -> None:
    # The C library must be given each buffer's own size, never len(): a
    # larger len() would read (and, for the salt, publish) heap bytes past
    # the buffer, a smaller one would hash less than was given.
    for function in (_backend.hash_raw, _backend.hash_encoded):
        expected = function(*_hash_args(HONEST))
        given = dict(HONEST, **{name: lying(HONEST[name], lie)})
        assert function(*_hash_args(given)) == expected, function


@pytest.mark.parametrize("lie", LIES)
@pytest.mark.parametrize("position", [1, 2, 3, 4])
def test_verify_lengths_come_from_the_buffer(position: int, lie: int) -> None:
    encoded = _backend.hash_encoded(*_hash_args(HONEST))
    assert isinstance(encoded, bytes)
    args: list[object] = [2, encoded, b"password", b"pepper", b"ad", 1, 0]
    assert _backend.verify(*args) == 0
    args[position] = lying(args[position], lie)  # type: ignore[arg-type]
    assert _backend.verify(*args) == 0


@pytest.mark.parametrize("lie", LIES)
def test_decode_length_comes_from_the_buffer(lie: int) -> None:
    encoded = _backend.hash_encoded(*_hash_args(HONEST))
    assert isinstance(encoded, bytes)
    assert _backend.decode(lying(encoded, lie)) == _backend.decode(encoded)


@pytest.mark.parametrize("lie", LIES)
def test_public_api_with_lying_lengths(lie: int) -> None:
    from argon2 import PasswordHasher

    salt = lying(SALT, lie)
    expected = low_level.hash_secret(b"pw", SALT, 1, 8, 1, 16, low_level.Type.ID)
    assert low_level.hash_secret(b"pw", salt, 1, 8, 1, 16, low_level.Type.ID) == (
        expected
    )
    assert low_level.verify_secret(
        lying(expected, lie), lying(b"pw", lie), low_level.Type.ID
    )
    limited = PasswordHasher(max_memory_cost=64)
    assert limited.verify(lying(expected, lie), lying(b"pw", lie))


@pytest.mark.thread_unsafe  # replaces the backend's ffi object
@pytest.mark.skipif(_backend.NAME != "cffi", reason="CFFI backend only")
def test_cffi_output_buffers_are_wiped(monkeypatch: pytest.MonkeyPatch) -> None:
    # The raw tag is derived from the password (and may serve as a key): the
    # C buffer it was copied out of is zeroed before cffi frees it. The
    # encoded hash is not: it is what gets stored, in the clear.
    from argon2 import _cffi_backend

    real = _cffi_backend.ffi
    made: list[Any] = []

    class Spy:
        def new(self, *args: Any) -> Any:
            cdata = real.new(*args)
            made.append(cdata)
            return cdata

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    monkeypatch.setattr(_cffi_backend, "ffi", Spy())
    for function in (_backend.hash_raw,):
        made.clear()
        result = function(*_hash_args(HONEST))
        assert isinstance(result, bytes)
        (out,) = made
        assert bytes(real.buffer(out)) == bytes(len(real.buffer(out))), function
