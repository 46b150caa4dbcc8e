"""
Differential tests: our backend against the reference library (the
``_argon2_cffi_bindings`` oracle) on random inputs, valid and invalid, and on
randomly damaged encoded hashes.

The example counts are fixed and the generation derandomized, so every run
(local or CI, any hypothesis profile) checks the same >= 1,000 cases.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import _helpers as h
from argon2 import _backend

pytest.importorskip("_argon2_cffi_bindings", reason="the reference oracle")


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@st.composite
def valid_params(draw: st.DrawFn) -> dict[str, Any]:
    lanes = draw(st.integers(1, 4))
    # Mostly small memory (fast), sometimes up to 256 KiB.
    m_cost = draw(st.one_of(st.integers(8 * lanes, 64), st.integers(8 * lanes, 256)))
    return {
        "type": draw(st.sampled_from([0, 1, 2])),
        "version": draw(st.sampled_from([0x10, 0x13])),
        "t_cost": draw(st.integers(1, 3)),
        "m_cost": m_cost,
        "parallelism": lanes,
        "threads": draw(st.integers(0, 4)),
        "password": draw(st.binary(min_size=0, max_size=64)),
        "salt": draw(st.binary(min_size=8, max_size=32)),
        "secret": draw(st.binary(min_size=0, max_size=32)),
        "ad": draw(st.binary(min_size=0, max_size=32)),
        "hash_len": draw(st.integers(4, 64)),
    }


def _ours(fn: Any, p: dict[str, Any]) -> bytes | int:
    result: bytes | int = fn(
        p["type"],
        p["version"],
        p["t_cost"],
        p["m_cost"],
        p["parallelism"],
        p["threads"],
        0,
        p["password"],
        p["salt"],
        p["secret"],
        p["ad"],
        p["hash_len"],
    )
    return result


def _oracle_raw(p: dict[str, Any]) -> bytes | int:
    return h.oracle_hash_raw(
        p["type"],
        p["version"],
        p["t_cost"],
        p["m_cost"],
        p["parallelism"],
        p["password"],
        p["salt"],
        p["secret"],
        p["ad"],
        p["hash_len"],
    )


def _oracle_encoded(p: dict[str, Any]) -> bytes | int:
    return h.oracle_hash_encoded(
        p["type"],
        p["version"],
        p["t_cost"],
        p["m_cost"],
        p["parallelism"],
        p["password"],
        p["salt"],
        p["hash_len"],
    )


@_settings(400)
@given(valid_params())
def test_raw_tag_matches_oracle(p: dict[str, Any]) -> None:
    expected = _oracle_raw(p)
    assert isinstance(expected, bytes)
    assert _ours(_backend.hash_raw, p) == expected


@_settings(250)
@given(valid_params(), st.booleans())
def test_encoded_matches_oracle(p: dict[str, Any], keyed: bool) -> None:
    if not keyed:
        p = {**p, "secret": b"", "ad": b""}
    ours = _ours(_backend.hash_encoded, p)
    assert isinstance(ours, bytes)
    if keyed:
        # The reference's encoded API takes no secret or ad: compare with the
        # encoding of its raw tag.
        tag = _oracle_raw(p)
        assert isinstance(tag, bytes)
        expected: bytes | int = h.compose_encoded(
            p["type"],
            p["version"],
            p["t_cost"],
            p["m_cost"],
            p["parallelism"],
            p["salt"],
            tag,
        )
    else:
        expected = _oracle_encoded(p)
    assert ours == expected
    if not keyed or (not p["secret"] and not p["ad"]):
        assert h.oracle_verify(ours, p["password"], p["type"]) == h.ARGON2_OK
    assert (
        _backend.verify(p["type"], ours, p["password"], p["secret"], p["ad"], 0, 0)
        == h.ARGON2_OK
    )


@st.composite
def invalid_params(draw: st.DrawFn) -> dict[str, Any]:
    p = draw(valid_params())
    broken = draw(
        st.sets(
            st.sampled_from(
                [
                    "salt",
                    "hash_len",
                    "m_cost",
                    "t_cost",
                    "lanes0",
                    "lanes_max",
                    "type",
                ]
            ),
            min_size=1,
            max_size=3,
        )
    )
    if "salt" in broken:
        p["salt"] = draw(st.binary(min_size=0, max_size=7))
    if "hash_len" in broken:
        p["hash_len"] = draw(st.integers(0, 3))
    if "m_cost" in broken:
        p["m_cost"] = draw(st.integers(0, 8 * p["parallelism"] - 1))
    if "type" in broken:
        p["type"] = draw(st.sampled_from([3, 4, 0x7FFFFFFF]))
    if "t_cost" in broken:
        p["t_cost"] = 0
    if "lanes0" in broken:
        p["parallelism"] = 0
    elif "lanes_max" in broken:
        # More lanes than ARGON2_MAX_LANES; memory stays below 8 per lane,
        # so nothing is ever allocated.
        p["parallelism"] = draw(st.integers(0x1000000, 0xFFFFFFFF))
    return p


@_settings(200)
@given(invalid_params())
def test_invalid_parameters_same_error_code(p: dict[str, Any]) -> None:
    expected = _oracle_raw(p)
    assert isinstance(expected, int)
    assert expected != h.ARGON2_OK
    assert _ours(_backend.hash_raw, p) == expected

    plain = {**p, "secret": b"", "ad": b""}
    expected_encoded = _oracle_encoded(plain)
    assert isinstance(expected_encoded, int)
    assert _ours(_backend.hash_encoded, plain) == expected_encoded


# Bytes that matter to the PHC syntax, base64 and number parsing, plus a few
# that should never appear (no NUL: the reference reads a C string).
MUTATION_BYTES = [
    bytes([b])
    for b in b"$,=+/-_.: 0123456789vmtpardginAQZazw"
    + bytes([0x7F, 0x80, 0xC3, 0xFF, 0x09])
]


@st.composite
def mutated_hash(draw: st.DrawFn) -> tuple[int, bytes, bytes]:
    type_code = draw(st.sampled_from([0, 1, 2]))
    version = draw(st.sampled_from([0x10, 0x13]))
    lanes = draw(st.integers(1, 2))
    password = draw(st.binary(max_size=16))
    encoded = h.oracle_hash_encoded(
        type_code,
        version,
        draw(st.integers(1, 2)),
        draw(st.integers(8 * lanes, 64)),
        lanes,
        password,
        draw(st.binary(min_size=8, max_size=16)),
        draw(st.integers(4, 32)),
    )
    assert isinstance(encoded, bytes)
    if draw(st.booleans()):
        # The version-16 form without a v= field (and v=19 hashes without it,
        # which then claim version 16).
        encoded = encoded.replace(f"$v={version}".encode(), b"", 1)
    data = bytearray(encoded)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["substitute", "delete", "insert"]))
        pos = draw(st.integers(0, len(data)))
        if op == "insert":
            data[pos:pos] = draw(st.sampled_from(MUTATION_BYTES))
        elif pos < len(data):
            if op == "delete":
                del data[pos]
            else:
                data[pos : pos + 1] = draw(st.sampled_from(MUTATION_BYTES))
    return type_code, bytes(data), password


_HIGH_TO_STAR = bytes(range(128)) + b"*" * 128


def _high_bytes_as_star(encoded: bytes) -> bytes:
    return encoded.translate(_HIGH_TO_STAR)


@_settings(400)
@given(mutated_hash())
def test_mutated_encoded_same_verify_code(case: tuple[int, bytes, bytes]) -> None:
    type_code, encoded, password = case
    # A digit inserted into m= could ask for gigabytes; skip those.
    assume(h.cheap_to_verify(encoded, max_m=4096, max_t=32, max_p=64))
    ours = _backend.verify(type_code, encoded, password, b"", b"", 0, 0)
    decoded = _backend.decode(encoded)
    if ours in (h.ARGON2_OK, h.ARGON2_VERIFY_MISMATCH):
        assert isinstance(decoded, tuple)
    else:
        assert decoded == ours or (
            # decode knows no type: a hash of another type decodes fine.
            ours == h.ARGON2_DECODING_FAIL and isinstance(decoded, tuple)
        )
    # Stricter than the reference, whose base64 decoder takes any byte from
    # 0x80 to 0xFF as a digit: to us they are bytes outside the alphabet,
    # like "*". (The other deviation, an embedded NUL, is left out of
    # MUTATION_BYTES.)
    assert ours == h.oracle_verify(_high_bytes_as_star(encoded), password, type_code)


@pytest.mark.parametrize(
    "encoded",
    [
        b"$argon2i$v=20$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
        b"$argon2i$v=18$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
        b"$argon2i$v=0$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
        b"$argon2i$v=4294967295$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
        b"$argon2i$v=4294967296$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
        b"$argon2i$v=019$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
        b"$argon2i$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
    ],
)
def test_any_version_number_as_reference(encoded: bytes) -> None:
    """The reference decodes any 32-bit version number (and then fails on the
    tag); so do we."""
    expected = h.oracle_verify(encoded, b"password", 1)
    assert _backend.verify(1, encoded, b"password", b"", b"", 0, 0) == expected


@pytest.mark.parametrize(
    "encoded",
    [
        b"$argon2i$v=19$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA\0",
        b"$argon2i$v=19$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA\0garbage",
        b"$argon2i$v=19$m=32,t=2,p=1$c29tZXNhbHQ\0$AAAAAAAAAAA",
        b"\0$argon2i$v=19$m=32,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAA",
    ],
)
def test_deviation_embedded_nul_rejected(encoded: bytes) -> None:
    """The documented deviation: the reference reads a C string and stops at
    the first NUL; our decoder takes the length and rejects any NUL."""
    assert _backend.verify(1, encoded, b"password", b"", b"", 0, 0) == (
        h.ARGON2_DECODING_FAIL
    )
    assert _backend.decode(encoded) == h.ARGON2_DECODING_FAIL


@pytest.mark.parametrize("position", ["salt", "tag"])
@pytest.mark.parametrize("byte", [0x80, 0xC3, 0xFF])
def test_deviation_high_bytes_in_base64(position: str, byte: int) -> None:
    """The reference's base64 decoder maps bytes 0x80..0xFF to digits and so
    accepts them in the salt and tag; to us they are outside the alphabet,
    exactly like "*"."""
    salt, tag = b"c29tZXNhbHQ", b"AAAAAAAAAAA"
    if position == "salt":
        salt = bytes([byte]) + salt[1:]
    else:
        tag = bytes([byte]) + tag[1:]
    encoded = b"$argon2i$v=19$m=32,t=2,p=1$" + salt + b"$" + tag
    assert h.oracle_verify(encoded, b"password", 1) == h.ARGON2_VERIFY_MISMATCH
    ours = _backend.verify(1, encoded, b"password", b"", b"", 0, 0)
    assert ours == h.oracle_verify(_high_bytes_as_star(encoded), b"password", 1)
    # An undecodable salt, or an empty tag followed by garbage.
    assert ours == (h.ARGON2_DECODING_FAIL if position == "salt" else -2)
    assert _backend.decode(encoded) == ours


@pytest.mark.parametrize("function", [_backend.hash_raw, _backend.hash_encoded])
def test_empty_salt_rejected(function: Any) -> None:
    """An empty salt is too short (the reference checks the length whether or
    not the pointer is NULL)."""
    assert h.oracle_hash_raw(0, 0x13, 1, 8, 1, b"pw", b"", b"", b"", 16) == -6
    assert function(0, 0x13, 1, 8, 1, 0, 0, b"pw", b"", b"", b"", 16) == -6
