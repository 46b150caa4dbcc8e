from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from argon2 import Parameters, Type, extract_parameters
from argon2._utils import _check_types
from argon2.exceptions import InvalidHashError
from argon2.low_level import hash_secret

VALID = (
    "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ"
    "$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo"
)


def test_extract_parameters() -> None:
    assert extract_parameters(VALID) == Parameters(
        type=Type.ID,
        version=19,
        salt_len=8,
        hash_len=32,
        time_cost=2,
        memory_cost=65536,
        parallelism=4,
    )


@pytest.mark.parametrize("type", list(Type))
@pytest.mark.parametrize("version", [16, 19])
def test_round_trip_with_low_level(type: Type, version: int) -> None:
    encoded = hash_secret(b"pw", b"saltsaltsalt", 2, 24, 3, 20, type, version)
    assert extract_parameters(encoded.decode()) == Parameters(
        type=type,
        version=version,
        salt_len=12,
        hash_len=20,
        time_cost=2,
        memory_cost=24,
        parallelism=3,
    )


def test_versionless_hash_reports_18_like_argon2_cffi() -> None:
    hash = "$argon2i$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"
    params = extract_parameters(hash)
    assert params.version == 18
    assert (params.type, params.salt_len, params.hash_len) == (Type.I, 8, 8)


@pytest.mark.parametrize(
    "hash",
    [
        "",
        "$",
        "nonsense",
        "$argon2id$v=19$m=8,t=1$abc$def",
        "$argon2id$v=19$m=8,t=1,p=1,x=2$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g$",
        "$argon2xx$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m=a,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g=",
        "$argon2id$v=19$m=8,t=1,p=1$c2Fsd*NhbHQ$aGFzaGhhc2g",
        "argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g\x00",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2gé",
        VALID[:-1] + " ",
    ],
)
def test_invalid(hash: str) -> None:
    with pytest.raises(InvalidHashError):
        extract_parameters(hash)


def test_bytes_rejected_like_argon2_cffi() -> None:
    with pytest.raises(TypeError):
        extract_parameters(VALID.encode())  # type: ignore[arg-type]


@given(st.text(max_size=120))
@hsettings(max_examples=200)
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        params = extract_parameters(text)
    except InvalidHashError:
        return
    assert isinstance(params, Parameters)


class TestParameters:
    def test_equality_and_repr(self) -> None:
        a = extract_parameters(VALID)
        b = dataclasses.replace(a)
        assert a == b
        assert a is not b
        assert dataclasses.replace(a, time_cost=3) != a
        assert repr(a) == (
            "Parameters(type=<Type.ID: 2>, version=19, salt_len=8, hash_len=32, "
            "time_cost=2, memory_cost=65536, parallelism=4)"
        )

    def test_slots_and_unhashable(self) -> None:
        params = extract_parameters(VALID)
        with pytest.raises(AttributeError):
            params.other = 1  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            hash(params)


def test_check_types() -> None:
    assert _check_types(a=(1, int), b=("x", str)) is None
    assert _check_types(a=("1", int)) == "'a' must be a int (got str)."
    assert (
        _check_types(a=(None, (int, str)))
        == "'a' must be a int, or str (got NoneType)."
    )
