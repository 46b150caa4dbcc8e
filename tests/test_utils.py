from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from argon2 import Parameters, PasswordHasher, Type, extract_parameters
from argon2._utils import _check_types
from argon2.exceptions import InvalidHashError, MalformedHashError
from argon2.low_level import hash_secret, verify_secret

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
        "$argon2id$v=19$m=8=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m=,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m=8,t=1,p=1,$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2id$v=19$m=" + "9" * 5000 + ",t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "$argon2ID$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        "argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        " $argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
    ],
)
def test_invalid(hash: str) -> None:
    # The layout argon2-cffi's extract_parameters requires: six
    # '$'-separated fields (five before version 1.3), a known type name,
    # exactly the keys v, m, t and p, each with an int() value.
    with pytest.raises(InvalidHashError):
        extract_parameters(hash)


# A stored hash damaged in ways argon2-cffi's extract_parameters reads
# anyway: the numbers go through int(), the salt and tag lengths are computed
# from the length of their text. extract_parameters answers the same, so a
# caller that reads the parameters before verifying (Django's must_update)
# gets to the verification, which refuses every one of them.
CORRUPTED = [
    # Each: the hash, then its version, m, t, p, salt and tag lengths.
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g=", (19, 8, 1, 1, 8, 9)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaGhhc2g", (19, 8, 1, 1, 4, 8)),
    ("$argon2id$v=19$m=08,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 8, 1, 1, 8, 8)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g\x00", (19, 8, 1, 1, 8, 9)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g\u00e9", (19, 8, 1, 1, 8, 9)),
    ("$argon2id$v=19$m=\u0668,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 8, 1, 1, 8, 8)),
    ("$argon2id$v=19$m=+8,t= 1,p=1_0$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 8, 1, 10, 8, 8)),
    ("$argon2id$v=19$m=8,t=1,p=-1$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 8, 1, -1, 8, 8)),
    (
        "$argon2id$v=19$m=99999999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        (19, 99999999999, 1, 1, 8, 8),
    ),
    ("$argon2id$v=19$p=1,t=1,m=8$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 8, 1, 1, 8, 8)),
    ("$argon2id$m=8$v=19,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 8, 1, 1, 8, 8)),
    ("$argon2id$v=19$m=8,t=1,p=1,m=9$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 9, 1, 1, 8, 8)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2Fsd*NhbHQ$aGFzaGhhc2g", (19, 8, 1, 1, 8, 8)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$", (19, 8, 1, 1, 8, 0)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g\r\n", (19, 8, 1, 1, 8, 9)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2", (19, 8, 1, 1, 8, 7)),
    ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2h", (19, 8, 1, 1, 8, 8)),
    ("$argon2id$v=019$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", (19, 8, 1, 1, 8, 8)),
]


@pytest.mark.parametrize(("hash", "expected"), CORRUPTED)
def test_corrupted_hash_read_as_argon2_cffi_reads_it(
    hash: str, expected: tuple[int, ...]
) -> None:
    version, m, t, p, salt_len, hash_len = expected
    assert extract_parameters(hash) == Parameters(
        type=Type.ID,
        version=version,
        salt_len=salt_len,
        hash_len=hash_len,
        time_cost=t,
        memory_cost=m,
        parallelism=p,
    )


@pytest.mark.parametrize(("hash", "expected"), CORRUPTED)
def test_corrupted_hash_never_verifies(hash: str, expected: tuple[int, ...]) -> None:
    # Reading the parameters is lenient; verification is not.
    with pytest.raises(MalformedHashError):
        PasswordHasher().verify(hash, "pw")
    with pytest.raises(MalformedHashError):
        verify_secret(hash.encode("utf-8", "surrogatepass"), b"pw", Type.ID)


@given(
    st.sampled_from(list(Type)),
    st.sampled_from([16, 19]),
    st.integers(1, 3),
    st.integers(1, 4),
    st.integers(8, 40),
    st.integers(4, 70),
)
@hsettings(max_examples=30)
def test_well_formed_hashes_read_as_the_strict_decoder_reads_them(
    type: Type, version: int, t: int, p: int, salt_len: int, hash_len: int
) -> None:
    encoded = hash_secret(b"pw", b"s" * salt_len, t, 8 * p, p, hash_len, type, version)
    assert extract_parameters(encoded.decode()) == Parameters(
        type=type,
        version=version,
        salt_len=salt_len,
        hash_len=hash_len,
        time_cost=t,
        memory_cost=8 * p,
        parallelism=p,
    )


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
