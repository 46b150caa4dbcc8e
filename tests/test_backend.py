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
