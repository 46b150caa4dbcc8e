"""Parameters of a hash and reading them back out of an encoded hash."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from typing import Any

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


_TYPE_NAMES = {"argon2id": Type.ID, "argon2i": Type.I, "argon2d": Type.D}
_KEYS = ["m", "p", "t", "v"]

# Hashes from before Argon2 1.3 lack the "$v=" field; argon2-cffi reports
# their version as 18 and so does argon2-ft, for identical Parameters.
_VERSIONLESS = "v=18"


def _decoded_len(text_len: int) -> int:
    """Bytes that unpadded Base64 text of *text_len* characters stands for."""
    return text_len // 4 * 3 + max(text_len % 4 - 1, 0)


def extract_parameters(hash: str) -> Parameters:
    """Read the parameters of the encoded *hash*.

    The hash is read as argon2-cffi 25.1 reads it: the fields are split at
    ``$`` and ``,``, each number goes through :class:`int`, and the salt and
    tag lengths are computed from the length of their text without decoding
    it. A hash that argon2-cffi reads, this function reads the same way; the
    values are not checked. Whether a hash is usable is decided by
    verification, which decodes it strictly (see :doc:`/security`): a damaged
    stored hash read here is refused there.

    Raises:
        argon2.exceptions.InvalidHashError: *hash* does not have the layout of
            an encoded Argon2 hash (where argon2-cffi raises it too).
    """
    if not isinstance(hash, str):
        msg = f"'hash' must be a str (got {type(hash).__name__})"
        raise TypeError(msg)
    fields = hash.split("$")
    if len(fields) == 5:
        fields.insert(2, _VERSIONLESS)
    if len(fields) != 6 or fields[0] or fields[1] not in _TYPE_NAMES:
        raise InvalidHashError
    numbers = {}
    for item in (fields[2], *fields[3].split(",")):
        key, equals, value = item.partition("=")
        if not equals:
            raise InvalidHashError
        try:
            numbers[key] = int(value)
        except ValueError:
            raise InvalidHashError from None
    if sorted(numbers) != _KEYS:
        raise InvalidHashError
    return Parameters(
        type=_TYPE_NAMES[fields[1]],
        version=numbers["v"],
        salt_len=_decoded_len(len(fields[4])),
        hash_len=_decoded_len(len(fields[5])),
        time_cost=numbers["t"],
        memory_cost=numbers["m"],
        parallelism=numbers["p"],
    )


def validate_params_for_platform(params: Parameters) -> None:
    """Raise UnsupportedParametersError if this platform cannot run *params*."""
    if _is_wasm() and params.parallelism != 1:
        msg = "In WebAssembly environments `parallelism` must be 1."
        raise UnsupportedParametersError(msg)
