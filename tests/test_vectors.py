"""
Known answers from tests/vectors through every layer that can express them:
the backend interface, argon2.low_level, and the reference error codes and
messages.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

import _helpers as h
from argon2 import _backend, low_level
from argon2.exceptions import (
    InvalidHashError,
    VerificationError,
    VerifyMismatchError,
)

KATS: dict[str, dict[str, Any]] = h.load_vectors("kat_summary.json")
ENCODED: list[dict[str, Any]] = h.load_vectors("encoded.json")
ERRORS: dict[str, Any] = h.load_vectors("errors.json")

LARGE = os.environ.get("ARGON2_FT_LARGE") == "1"


def test_vector_files_complete() -> None:
    """The data the tests below iterate over is all there."""
    assert sorted(KATS) == sorted(
        f"argon2{t}{v}" for t in ("d", "i", "id") for v in ("", "_v16")
    )
    assert len(ENCODED) == 26
    assert sum(1 for c in ENCODED if c["large_memory"]) == 2
    assert len(ERRORS["verify_cases"]) == 8
    assert sorted(int(k) for k in ERRORS["error_messages"]) == list(range(-40, 1))


def _kat_args(kat: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": h.TYPE_CODE[kat["type"]],
        "version": kat["version"],
        "t_cost": kat["time_cost"],
        "m_cost": kat["memory_cost"],
        "parallelism": kat["parallelism"],
        "password": bytes.fromhex(kat["password_hex"]),
        "salt": bytes.fromhex(kat["salt_hex"]),
        "secret": bytes.fromhex(kat["secret_hex"]),
        "ad": bytes.fromhex(kat["ad_hex"]),
        "hash_len": kat["hash_len"],
    }


@pytest.mark.parametrize("threads", [0, 1, 2, 4, 7])
@pytest.mark.parametrize("name", sorted(KATS))
def test_kat_backend_hash_raw(name: str, threads: int) -> None:
    kat = KATS[name]
    args = _kat_args(kat)
    tag = _backend.hash_raw(
        args["type"],
        args["version"],
        args["t_cost"],
        args["m_cost"],
        args["parallelism"],
        threads,
        0,
        args["password"],
        args["salt"],
        args["secret"],
        args["ad"],
        args["hash_len"],
    )
    assert tag == bytes.fromhex(kat["tag_hex"])


@pytest.mark.parametrize("name", sorted(KATS))
def test_kat_backend_hash_encoded(name: str) -> None:
    """The encoded form carries the KAT tag; secret and ad are not encoded."""
    kat = KATS[name]
    args = _kat_args(kat)
    encoded = _backend.hash_encoded(
        args["type"],
        args["version"],
        args["t_cost"],
        args["m_cost"],
        args["parallelism"],
        0,
        0,
        args["password"],
        args["salt"],
        args["secret"],
        args["ad"],
        args["hash_len"],
    )
    assert encoded == h.compose_encoded(
        args["type"],
        args["version"],
        args["t_cost"],
        args["m_cost"],
        args["parallelism"],
        args["salt"],
        bytes.fromhex(kat["tag_hex"]),
    )
    assert isinstance(encoded, bytes)
    common = (args["type"], encoded, args["password"])
    assert _backend.verify(*common, args["secret"], args["ad"], 0, 0) == h.ARGON2_OK
    # Leaving out the secret or the associated data must not verify.
    assert _backend.verify(*common, b"", args["ad"], 0, 0) == h.ARGON2_VERIFY_MISMATCH
    assert (
        _backend.verify(*common, args["secret"], b"", 0, 0) == h.ARGON2_VERIFY_MISMATCH
    )


@pytest.mark.parametrize("name", sorted(KATS))
def test_kat_backend_decode(name: str) -> None:
    kat = KATS[name]
    args = _kat_args(kat)
    tag = bytes.fromhex(kat["tag_hex"])
    encoded = h.compose_encoded(
        args["type"],
        args["version"],
        args["t_cost"],
        args["m_cost"],
        args["parallelism"],
        args["salt"],
        tag,
    )
    assert _backend.decode(encoded) == (
        args["type"],
        args["version"],
        args["m_cost"],
        args["t_cost"],
        args["parallelism"],
        args["salt"],
        tag,
    )


@pytest.mark.parametrize("name", sorted(KATS))
def test_kat_low_level_key_ad(name: str) -> None:
    """argon2.low_level with its key (secret) and ad keyword extensions."""
    kat = KATS[name]
    args = _kat_args(kat)
    type_ = low_level.Type(args["type"])
    positional = (
        args["password"],
        args["salt"],
        args["t_cost"],
        args["m_cost"],
        args["parallelism"],
        args["hash_len"],
        type_,
        args["version"],
    )
    keyed = {"key": args["secret"], "ad": args["ad"]}
    tag = bytes.fromhex(kat["tag_hex"])
    assert low_level.hash_secret_raw(*positional, **keyed) == tag
    encoded = low_level.hash_secret(*positional, **keyed)
    assert encoded == h.compose_encoded(
        args["type"],
        args["version"],
        args["t_cost"],
        args["m_cost"],
        args["parallelism"],
        args["salt"],
        tag,
    )
    assert low_level.verify_secret(encoded, args["password"], type_, **keyed)
    for partial in ({"key": args["secret"]}, {"ad": args["ad"]}, {}):
        with pytest.raises(VerifyMismatchError):
            low_level.verify_secret(encoded, args["password"], type_, **partial)


@pytest.mark.parametrize("name", sorted(KATS))
def test_kat_low_level_core(name: str) -> None:
    """low_level.core with a raw argon2_context: the public way to pass a
    secret and associated data (CFFI backend only)."""
    if _backend.NAME != "cffi":
        pytest.skip("low_level.core needs the CFFI backend")
    kat = KATS[name]
    args = _kat_args(kat)
    ffi = low_level.ffi
    out = ffi.new("uint8_t[]", args["hash_len"])
    keep = [ffi.new("uint8_t[]", args[k]) for k in ("password", "salt", "secret", "ad")]
    ctx = ffi.new(
        "argon2_context *",
        {
            "out": out,
            "outlen": args["hash_len"],
            "pwd": keep[0],
            "pwdlen": len(args["password"]),
            "salt": keep[1],
            "saltlen": len(args["salt"]),
            "secret": keep[2],
            "secretlen": len(args["secret"]),
            "ad": keep[3],
            "adlen": len(args["ad"]),
            "t_cost": args["t_cost"],
            "m_cost": args["m_cost"],
            "lanes": args["parallelism"],
            "threads": args["parallelism"],
            "version": args["version"],
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": 0,
        },
    )
    assert low_level.core(ctx, args["type"]) == h.ARGON2_OK
    assert bytes(ffi.buffer(out, args["hash_len"])) == bytes.fromhex(kat["tag_hex"])


def _encoded_params(case: dict[str, Any]) -> list[Any]:
    marks = [pytest.mark.large_memory] if case["large_memory"] else []
    if case["large_memory"] and not LARGE:
        marks.append(pytest.mark.skip(reason="1 GiB case; set ARGON2_FT_LARGE=1"))
    ident = (
        f"{case['type']}-v{case['version']}-t{case['time_cost']}-"
        f"m{case['memory_cost']}-p{case['parallelism']}-"
        f"{case['password']}-{case['salt']}"
    )
    return [pytest.param(case, marks=marks, id=ident)]


ENCODED_PARAMS = [p for case in ENCODED for p in _encoded_params(case)]


def _low_level_kwargs(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "secret": case["password"].encode("ascii"),
        "salt": case["salt"].encode("ascii"),
        "time_cost": case["time_cost"],
        "memory_cost": case["memory_cost"],
        "parallelism": case["parallelism"],
        "hash_len": case["hash_len"],
        "type": low_level.Type(h.TYPE_CODE[case["type"]]),
        "version": case["version"],
    }


@pytest.mark.parametrize("case", ENCODED_PARAMS)
def test_encoded_vector(case: dict[str, Any]) -> None:
    kwargs = _low_level_kwargs(case)
    tag = bytes.fromhex(case["tag_hex"])
    assert low_level.hash_secret_raw(**kwargs) == tag

    encoded = low_level.hash_secret(**kwargs)
    # Our encoder always writes the v= field (as the reference encoder does);
    # the version-16 vectors were written without it.
    expected = case["encoded"].encode("ascii")
    if case["version"] == 16:
        assert b"$v=" not in expected
        expected = expected.replace(b"$m=", b"$v=16$m=", 1)
    assert encoded == expected

    password = case["password"].encode("ascii")
    for candidate in {encoded, case["encoded"].encode("ascii")}:
        assert low_level.verify_secret(candidate, password, kwargs["type"]) is True
    with pytest.raises(VerifyMismatchError):
        low_level.verify_secret(encoded, password + b"!", kwargs["type"])


@pytest.mark.parametrize(
    "case", ERRORS["verify_cases"], ids=lambda c: c["why"].replace(" ", "-")
)
def test_error_verify_case(case: dict[str, Any]) -> None:
    encoded = case["encoded"].encode("ascii")
    password = case["password"].encode("ascii")
    type_ = low_level.Type(h.TYPE_CODE[case["type"]])
    code = case["error_code"]

    assert _backend.verify(type_.value, encoded, password, b"", b"", 0, 0) == code

    with pytest.raises(VerificationError) as info:
        low_level.verify_secret(encoded, password, type_)
    exc = info.value
    assert exc.args == (case["error_message"],)
    if code == h.ARGON2_VERIFY_MISMATCH:
        assert type(exc) is VerifyMismatchError
    elif code in (h.ARGON2_DECODING_FAIL, -6):  # -6: salt too short
        # A hash that does not decode, or holds an out-of-range value, gives a
        # VerificationError (as in argon2-cffi) that is an InvalidHashError too.
        assert isinstance(exc, InvalidHashError)
        assert not isinstance(exc, VerifyMismatchError)
    else:
        assert type(exc) is VerificationError


@pytest.mark.parametrize("code", range(-40, 1))
def test_error_message(code: int) -> None:
    expected = ERRORS["error_messages"][str(code)]
    assert low_level.error_to_str(code) == expected
    assert _backend.error_message(code) == expected


def test_error_message_outside_table() -> None:
    for code in (1, 2, -41, -(2**31), 2**31 - 1):
        assert low_level.error_to_str(code) == "Unknown error code"
