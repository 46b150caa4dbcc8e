"""The internal backend interface answers alike whichever backend was built."""

from __future__ import annotations

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
