"""Parameters of a hash and reading them back out of an encoded hash."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from typing import Any

from . import _backend
from .exceptions import InvalidHashError, UnsupportedParametersError
from .low_level import Type


def _check_types(**checks: tuple[Any, type | tuple[type, ...]]) -> str | None:
    """Check every ``name=(value, expected_types)``; the message listing all
    mismatches, or None when there are none."""
    problems = []
    for name, (value, expected) in checks.items():
        if isinstance(value, expected):
            continue
        if isinstance(expected, tuple):
            wanted = ", or ".join(t.__name__ for t in expected)
        else:
            wanted = expected.__name__
        problems.append(f"'{name}' must be a {wanted} (got {type(value).__name__})")
    if not problems:
        return None
    return ", ".join(problems) + "."


def _is_wasm() -> bool:
    return sys.platform == "emscripten" or platform.machine() in ("wasm32", "wasm64")


@dataclass
class Parameters:
    """The parameters of an Argon2 hash.

    Attributes:
        type: Argon2 variant.
        version: Argon2 version (19 for 1.3).
        salt_len: Salt length in bytes.
        hash_len: Tag length in bytes.
        time_cost: Number of passes over memory.
        memory_cost: Memory in kibibytes.
        parallelism: Number of lanes.
    """

    type: Type
    version: int
    salt_len: int
    hash_len: int
    time_cost: int
    memory_cost: int
    parallelism: int

    __slots__ = (
        "hash_len",
        "memory_cost",
        "parallelism",
        "salt_len",
        "time_cost",
        "type",
        "version",
    )


_TYPES = {t.value: t for t in Type}

# Hashes from before Argon2 1.3 may lack the "$v=" field; argon2-cffi reports
# their version as 18 and so does argon2-ft, for identical Parameters.
_VERSIONLESS = 18


def extract_parameters(hash: str) -> Parameters:
    """Read the parameters of the encoded *hash*.

    argon2-ft parses with the same strict decoder that verification uses, so
    anything verification would reject as malformed raises here too.

    Raises:
        argon2.exceptions.InvalidHashError: *hash* is not a valid encoded
            Argon2 hash.
    """
    if not isinstance(hash, str):
        msg = f"'hash' must be a str (got {type(hash).__name__})"
        raise TypeError(msg)
    if not hash.isascii():
        raise InvalidHashError
    encoded = hash.encode("ascii")
    decoded = _backend.decode(encoded)
    if isinstance(decoded, int):
        raise InvalidHashError
    type_value, version, m_cost, t_cost, lanes, salt, tag = decoded
    if encoded.count(b"$") == 4:
        version = _VERSIONLESS
    return Parameters(
        type=_TYPES[type_value],
        version=version,
        salt_len=len(salt),
        hash_len=len(tag),
        time_cost=t_cost,
        memory_cost=m_cost,
        parallelism=lanes,
    )


def validate_params_for_platform(params: Parameters) -> None:
    """Raise UnsupportedParametersError if this platform cannot run *params*."""
    if _is_wasm() and params.parallelism != 1:
        msg = "In WebAssembly environments `parallelism` must be 1."
        raise UnsupportedParametersError(msg)
