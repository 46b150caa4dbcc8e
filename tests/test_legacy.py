"""Deprecated names, with the warnings argon2-cffi gives."""

from __future__ import annotations

import importlib.metadata

import pytest

import argon2
from argon2 import exceptions
from argon2.low_level import Type, verify_secret

pytestmark = pytest.mark.thread_unsafe  # warnings capture is process-global

CHEAP = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
INSTEAD = r"is deprecated, use argon2.PasswordHasher instead"


def test_hash_password() -> None:
    with pytest.warns(DeprecationWarning, match="argon2.hash_password " + INSTEAD):
        hash = argon2.hash_password(b"pw", **CHEAP)
    assert hash.startswith(b"$argon2i$v=19$m=8,t=1,p=1$")
    assert verify_secret(hash, b"pw", Type.I)


def test_hash_password_with_salt_and_type() -> None:
    with pytest.warns(DeprecationWarning, match=INSTEAD):
        hash = argon2.hash_password(b"pw", b"saltsalt", type=Type.ID, **CHEAP)
    assert hash.startswith(b"$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$")


def test_hash_password_raw() -> None:
    with pytest.warns(DeprecationWarning, match="argon2.hash_password_raw " + INSTEAD):
        raw = argon2.hash_password_raw(b"pw", b"saltsalt", **CHEAP)
    assert len(raw) == 32
    with pytest.warns(DeprecationWarning, match=INSTEAD):
        assert raw != argon2.hash_password_raw(b"pw", **CHEAP)


def test_verify_password() -> None:
    with pytest.warns(DeprecationWarning, match=INSTEAD):
        hash = argon2.hash_password(b"pw", **CHEAP)
    with pytest.warns(DeprecationWarning, match="argon2.verify_password " + INSTEAD):
        assert argon2.verify_password(hash, b"pw") is True
    with (
        pytest.warns(DeprecationWarning, match=INSTEAD),
        pytest.raises(exceptions.VerifyMismatchError),
    ):
        argon2.verify_password(hash, b"wrong")


def test_warning_points_at_caller() -> None:
    with pytest.warns(DeprecationWarning, match=INSTEAD) as record:
        argon2.hash_password_raw(b"pw", **CHEAP)
    assert record[0].filename == __file__


def test_invalid_hash_alias() -> None:
    assert exceptions.InvalidHash is exceptions.InvalidHashError


@pytest.mark.parametrize(
    "name", ["__version__", "__description__", "__uri__", "__url__", "__email__"]
)
def test_metadata_dunders(name: str) -> None:
    expected = f"Accessing argon2.{name} is deprecated"
    with pytest.warns(DeprecationWarning, match=expected) as record:
        value = getattr(argon2, name)
    assert "argon2-ft's packaging metadata" in str(record[0].message)
    assert isinstance(value, str)
    if name == "__version__":
        assert value == importlib.metadata.version("argon2-ft")
    if name == "__description__":
        assert value == importlib.metadata.metadata("argon2-ft")["Summary"]


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="module argon2 has no attribute __nope__"):
        argon2.__nope__  # type: ignore[attr-defined]  # noqa: B018


def test_public_names() -> None:
    assert sorted(argon2.__all__) == [
        "DEFAULT_HASH_LENGTH",
        "DEFAULT_MEMORY_COST",
        "DEFAULT_PARALLELISM",
        "DEFAULT_RANDOM_SALT_LENGTH",
        "DEFAULT_TIME_COST",
        "Parameters",
        "PasswordHasher",
        "Settings",
        "Type",
        "configure",
        "exceptions",
        "extract_parameters",
        "get_settings",
        "hash_password",
        "hash_password_raw",
        "low_level",
        "profiles",
        "verify_password",
    ]
    for name in argon2.__all__:
        assert getattr(argon2, name) is not None
