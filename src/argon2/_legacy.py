"""Deprecated module-level helpers kept for old code."""

from __future__ import annotations

import os
import warnings
from typing import Literal

from ._password_hasher import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_RANDOM_SALT_LENGTH,
    DEFAULT_TIME_COST,
)
from .low_level import Type, hash_secret, hash_secret_raw, verify_secret


def _deprecated(name: str) -> None:
    warnings.warn(
        f"argon2.{name} is deprecated, use argon2.PasswordHasher instead",
        DeprecationWarning,
        stacklevel=3,
    )


def hash_password(
    password: bytes,
    salt: bytes | None = None,
    time_cost: int = DEFAULT_TIME_COST,
    memory_cost: int = DEFAULT_MEMORY_COST,
    parallelism: int = DEFAULT_PARALLELISM,
    hash_len: int = DEFAULT_HASH_LENGTH,
    type: Type = Type.I,
) -> bytes:
    """Deprecated: :func:`argon2.low_level.hash_secret` with defaults (and a
    random salt). Use :class:`argon2.PasswordHasher`."""
    _deprecated("hash_password")
    if salt is None:
        salt = os.urandom(DEFAULT_RANDOM_SALT_LENGTH)
    return hash_secret(
        password, salt, time_cost, memory_cost, parallelism, hash_len, type
    )


def hash_password_raw(
    password: bytes,
    salt: bytes | None = None,
    time_cost: int = DEFAULT_TIME_COST,
    memory_cost: int = DEFAULT_MEMORY_COST,
    parallelism: int = DEFAULT_PARALLELISM,
    hash_len: int = DEFAULT_HASH_LENGTH,
    type: Type = Type.I,
) -> bytes:
    """Deprecated: :func:`argon2.low_level.hash_secret_raw` with defaults (and
    a random salt). Use :class:`argon2.PasswordHasher`."""
    _deprecated("hash_password_raw")
    if salt is None:
        salt = os.urandom(DEFAULT_RANDOM_SALT_LENGTH)
    return hash_secret_raw(
        password, salt, time_cost, memory_cost, parallelism, hash_len, type
    )


def verify_password(hash: bytes, password: bytes, type: Type = Type.I) -> Literal[True]:
    """Deprecated: :func:`argon2.low_level.verify_secret` defaulting to
    Argon2i. Use :class:`argon2.PasswordHasher`."""
    _deprecated("verify_password")
    return verify_secret(hash, password, type)
