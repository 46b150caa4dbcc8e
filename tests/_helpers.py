"""
Shared helpers for the correctness tests: loading tests/vectors and calling the
reference library (the ``_argon2_cffi_bindings`` oracle) the same way our
backend is called.

Test modules import this file as ``_helpers``; conftest.py puts the tests
folder on sys.path before any of them is collected, so that works from the
source tree and from a copied tests folder, whichever module runs first.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
VECTORS = HERE / "vectors"

# Numeric values of argon2_type in argon2.h (and of argon2.Type).
TYPE_CODE = {"d": 0, "i": 1, "id": 2}
TYPE_NAME = {code: name for name, code in TYPE_CODE.items()}

ARGON2_OK = 0
ARGON2_DECODING_FAIL = -32
ARGON2_VERIFY_MISMATCH = -35


def load_vectors(name: str) -> Any:
    """The parsed JSON file tests/vectors/<name>."""
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def b64(data: bytes) -> str:
    """Unpadded standard base64, as PHC strings use it."""
    return base64.b64encode(data).decode("ascii").rstrip("=")


def compose_encoded(
    type_code: int, version: int, t: int, m: int, p: int, salt: bytes, tag: bytes
) -> bytes:
    """The PHC string the reference encoder writes for these values."""
    return (
        f"$argon2{TYPE_NAME[type_code]}$v={version}$m={m},t={t},p={p}"
        f"${b64(salt)}${b64(tag)}"
    ).encode("ascii")


def oracle() -> tuple[Any, Any]:
    """The reference's ``(ffi, lib)``; skips the calling test where the oracle
    cannot be installed (cffi does not run on free-threaded 3.13 or Pyodide)."""
    module = pytest.importorskip("_argon2_cffi_bindings", reason="the reference oracle")
    return module.ffi, module.lib


def oracle_hash_raw(
    type_code: int,
    version: int,
    t: int,
    m: int,
    p: int,
    password: bytes,
    salt: bytes,
    secret: bytes,
    ad: bytes,
    hash_len: int,
) -> bytes | int:
    """Raw tag from the reference argon2_ctx, or its error code."""
    ffi, lib = oracle()
    out = ffi.new("uint8_t[]", max(hash_len, 1))
    keep = [
        ffi.new("uint8_t[]", password),
        ffi.new("uint8_t[]", salt),
        ffi.new("uint8_t[]", secret),
        ffi.new("uint8_t[]", ad),
    ]
    ctx = ffi.new(
        "argon2_context *",
        {
            "out": out,
            "outlen": hash_len,
            "pwd": keep[0],
            "pwdlen": len(password),
            "salt": keep[1],
            "saltlen": len(salt),
            "secret": keep[2] if secret else ffi.NULL,
            "secretlen": len(secret),
            "ad": keep[3] if ad else ffi.NULL,
            "adlen": len(ad),
            "t_cost": t,
            "m_cost": m,
            "lanes": p,
            "threads": max(p, 1),
            "version": version,
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": 0,
        },
    )
    rc = int(lib.argon2_ctx(ctx, type_code))
    if rc != ARGON2_OK:
        return rc
    return bytes(ffi.buffer(out, hash_len))


def oracle_hash_encoded(
    type_code: int,
    version: int,
    t: int,
    m: int,
    p: int,
    password: bytes,
    salt: bytes,
    hash_len: int,
) -> bytes | int:
    """Encoded hash from the reference argon2_hash, or its error code."""
    ffi, lib = oracle()
    # argon2_encodedlen reads the type's name: size with the longest valid one
    # so that an invalid type reaches argon2_hash (which rejects it).
    size_type = type_code if type_code in TYPE_NAME else TYPE_CODE["id"]
    size = int(lib.argon2_encodedlen(t, m, p, len(salt), hash_len, size_type))
    encoded = ffi.new("char[]", size)
    rc = int(
        lib.argon2_hash(
            t,
            m,
            p,
            ffi.new("uint8_t[]", password),
            len(password),
            ffi.new("uint8_t[]", salt),
            len(salt),
            ffi.NULL,
            hash_len,
            encoded,
            size,
            type_code,
            version,
        )
    )
    if rc != ARGON2_OK:
        return rc
    return bytes(ffi.string(encoded))


def oracle_verify(encoded: bytes, password: bytes, type_code: int) -> int:
    """The reference argon2_verify's result code (encoded must hold no NUL)."""
    assert b"\0" not in encoded
    ffi, lib = oracle()
    return int(
        lib.argon2_verify(
            encoded, ffi.new("uint8_t[]", password), len(password), type_code
        )
    )


_COST_FIELD = re.compile(rb"([mtp])=(\d+)")


def cheap_to_verify(encoded: bytes, max_m: int, max_t: int, max_p: int) -> bool:
    """
    True when no m=/t=/p= number anywhere in *encoded* exceeds the limits, so
    that no decoder, however lenient, could be led to a large computation.
    """
    limits = {b"m": max_m, b"t": max_t, b"p": max_p}
    return all(int(value) <= limits[key] for key, value in _COST_FIELD.findall(encoded))
