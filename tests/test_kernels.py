"""
Every fill kernel this machine runs gives the same tags: the known answers, and
random parameter sets against the default kernel and the reference oracle.
Kernels that cannot run are refused cleanly.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from typing import Any

import pytest

import _helpers as h
from argon2 import _backend, low_level

KERNEL_IDS = range(1, 6)  # portable, sse2, avx2, avx512, neon
AVAILABLE = low_level.available_kernels()
SUPPORTED_IDS = [k for k in KERNEL_IDS if _backend.kernel_supported(k)]
UNSUPPORTED_IDS = [k for k in KERNEL_IDS if not _backend.kernel_supported(k)]
KATS: dict[str, dict[str, Any]] = h.load_vectors("kat_summary.json")
ENV = "ARGON2_FT_KERNEL"

# Built with ARGON2_FT_USE_SYSTEM=1, the system libargon2 computes every hash
# through one kernel, "system": the bundled kernel table does not exist.
SYSTEM_LIBRARY = AVAILABLE == ("system",)
bundled_kernels_only = pytest.mark.skipif(
    SYSTEM_LIBRARY,
    reason="built against the system libargon2 (ARGON2_FT_USE_SYSTEM=1): its "
    "only kernel is 'system', there are no bundled kernels to check",
)


@pytest.mark.skipif(not SYSTEM_LIBRARY, reason="only with the system libargon2")
def test_system_library_kernel() -> None:
    assert low_level.kernel_name() == "system"
    assert [_backend.kernel_auto()] == SUPPORTED_IDS
    assert _backend.kernel_from_name("system") == _backend.kernel_auto()
    assert _backend.kernel_from_name("portable") == -1
    assert [_backend.kernel_name(k) for k in UNSUPPORTED_IDS] == [None] * 4


@bundled_kernels_only
def test_available_kernels_consistent() -> None:
    assert "portable" in AVAILABLE
    assert list(AVAILABLE) == [_backend.kernel_name(k) for k in SUPPORTED_IDS]
    for k in KERNEL_IDS:
        name = _backend.kernel_name(k)
        assert isinstance(name, str)
        assert _backend.kernel_from_name(name) == k
    assert _backend.kernel_auto() in SUPPORTED_IDS
    assert low_level.kernel_name() == _backend.kernel_name(_backend.kernel_auto())
    # Kernel 0 names what the default resolves to.
    assert _backend.kernel_name(0) == low_level.kernel_name()


@bundled_kernels_only
def test_some_kernel_is_unsupported() -> None:
    """x86-64 has no NEON and arm64 no SSE2/AVX: the refusal path below is
    exercised on every machine."""
    assert UNSUPPORTED_IDS


def _kat_kwargs(kat: dict[str, Any]) -> dict[str, Any]:
    return {
        "secret": bytes.fromhex(kat["password_hex"]),
        "salt": bytes.fromhex(kat["salt_hex"]),
        "time_cost": kat["time_cost"],
        "memory_cost": kat["memory_cost"],
        "parallelism": kat["parallelism"],
        "hash_len": kat["hash_len"],
        "type": low_level.Type(h.TYPE_CODE[kat["type"]]),
        "version": kat["version"],
        "key": bytes.fromhex(kat["secret_hex"]),
        "ad": bytes.fromhex(kat["ad_hex"]),
    }


@pytest.mark.parametrize("name", sorted(KATS))
@pytest.mark.parametrize("kernel", AVAILABLE)
def test_kat_per_kernel(kernel: str, name: str) -> None:
    kat = KATS[name]
    kwargs = _kat_kwargs(kat)
    tag = bytes.fromhex(kat["tag_hex"])
    assert low_level.hash_secret_raw(**kwargs, kernel=kernel) == tag
    assert low_level.hash_secret_raw(**kwargs, kernel=kernel, threads=1) == tag
    encoded = low_level.hash_secret(**kwargs, kernel=kernel)
    verify_kwargs = {"key": kwargs["key"], "ad": kwargs["ad"], "kernel": kernel}
    assert low_level.verify_secret(
        encoded, kwargs["secret"], kwargs["type"], **verify_kwargs
    )


def _random_cases(count: int) -> list[dict[str, Any]]:
    rng = random.Random(20240613)  # noqa: S311 - reproducible test data
    cases = []
    for _ in range(count):
        lanes = rng.randint(1, 4)
        cases.append(
            {
                "type": rng.randint(0, 2),
                "version": rng.choice([0x10, 0x13]),
                "t": rng.randint(1, 3),
                "m": rng.randint(8 * lanes, 160),
                "p": lanes,
                "password": rng.randbytes(rng.randint(0, 48)),
                "salt": rng.randbytes(rng.randint(8, 24)),
                "secret": rng.randbytes(rng.randint(0, 24)),
                "ad": rng.randbytes(rng.randint(0, 24)),
                "hash_len": rng.randint(4, 80),
            }
        )
    return cases


RANDOM_CASES = _random_cases(40)


def _hash_with(kernel: int, c: dict[str, Any]) -> bytes | int:
    result: bytes | int = _backend.hash_raw(
        c["type"], c["version"], c["t"], c["m"], c["p"], 0, kernel,
        c["password"], c["salt"], c["secret"], c["ad"], c["hash_len"],
    )  # fmt: skip
    return result


@pytest.mark.parametrize("kernel", SUPPORTED_IDS)
def test_random_parameters_per_kernel(kernel: int) -> None:
    pytest.importorskip("_argon2_cffi_bindings", reason="the reference oracle")
    for c in RANDOM_CASES:
        ours = _hash_with(kernel, c)
        assert ours == _hash_with(0, c)
        assert ours == h.oracle_hash_raw(
            c["type"], c["version"], c["t"], c["m"], c["p"],
            c["password"], c["salt"], c["secret"], c["ad"], c["hash_len"],
        )  # fmt: skip


@bundled_kernels_only
@pytest.mark.parametrize("kernel", UNSUPPORTED_IDS)
def test_unsupported_kernel_refused(kernel: int) -> None:
    name = _backend.kernel_name(kernel)
    assert isinstance(name, str)
    assert name not in AVAILABLE
    kat = KATS["argon2id"]
    kwargs = _kat_kwargs(kat)
    with pytest.raises(ValueError, match="cannot run on this machine"):
        low_level.hash_secret_raw(**kwargs, kernel=name)
    with pytest.raises(ValueError, match="cannot run on this machine"):
        low_level.hash_secret(**kwargs, kernel=name)
    encoded = low_level.hash_secret(**kwargs)
    with pytest.raises(ValueError, match="cannot run on this machine"):
        low_level.verify_secret(
            encoded, kwargs["secret"], kwargs["type"], key=kwargs["key"],
            ad=kwargs["ad"], kernel=name,
        )  # fmt: skip
    # The backend itself refuses with ARGON2FT_KERNEL_UNSUPPORTED.
    c = RANDOM_CASES[0]
    assert _hash_with(kernel, c) == -100
    assert (
        _backend.verify(2, encoded, kwargs["secret"], kwargs["key"], kwargs["ad"], 0,
                        kernel)
        == -100
    )  # fmt: skip


@pytest.mark.parametrize("kernel", [-1, 6, 7, 100, 2**31 - 1])
def test_out_of_range_kernel_ids(kernel: int) -> None:
    assert not _backend.kernel_supported(kernel)
    assert _backend.kernel_name(kernel) is None
    assert _hash_with(kernel, RANDOM_CASES[0]) == -100


@pytest.mark.parametrize(
    "name", ["", "fastest", "auto", "PORTABLE", "portable ", "avx", "p\u00f6rtable"]
)
def test_unknown_kernel_name(name: str) -> None:
    kwargs = _kat_kwargs(KATS["argon2i"])
    with pytest.raises(ValueError, match="unknown kernel"):
        low_level.hash_secret_raw(**kwargs, kernel=name)


def test_kernel_argument_type() -> None:
    kwargs = _kat_kwargs(KATS["argon2i"])
    with pytest.raises(TypeError):
        low_level.hash_secret_raw(**kwargs, kernel=1)  # type: ignore[arg-type]


_CHILD = """
import json, sys
from argon2 import low_level
kat = json.loads(sys.argv[1])
tag = low_level.hash_secret_raw(
    bytes.fromhex(kat["password_hex"]), bytes.fromhex(kat["salt_hex"]),
    kat["time_cost"], kat["memory_cost"], kat["parallelism"], kat["hash_len"],
    low_level.Type.ID, kat["version"],
    key=bytes.fromhex(kat["secret_hex"]), ad=bytes.fromhex(kat["ad_hex"]),
)
print(json.dumps([low_level.kernel_name(), tag.hex()]))
"""


def _child_kernel(value: str | None) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != ENV}
    if value is not None:
        env[ENV] = value
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(KATS["argon2id"])],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    name, tag = json.loads(out.stdout)
    return name, tag


@pytest.mark.parametrize("kernel", AVAILABLE)
def test_environment_forces_kernel(kernel: str) -> None:
    assert _child_kernel(kernel) == (kernel, KATS["argon2id"]["tag_hex"])


@bundled_kernels_only
def test_environment_unusable_kernel_falls_back() -> None:
    fastest, tag = _child_kernel(None)
    assert tag == KATS["argon2id"]["tag_hex"]
    assert fastest in AVAILABLE
    for value in ["bogus", "", *(_backend.kernel_name(k) for k in UNSUPPORTED_IDS)]:
        assert value is not None
        assert _child_kernel(value) == (fastest, tag)
