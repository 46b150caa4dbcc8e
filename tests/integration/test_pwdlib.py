"""pwdlib's Argon2Hasher on top of the installed ``argon2``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from ._support import (
    CHEAP_MEMORY_COST,
    CHEAP_PARALLELISM,
    CHEAP_TIME_COST,
    DAMAGES,
    corrupted_hashes,
    import_library,
)

if TYPE_CHECKING:
    from types import ModuleType

pwdlib = import_library("pwdlib")
pwdlib_argon2 = import_library("pwdlib.hashers.argon2")
pwdlib_exceptions = import_library("pwdlib.exceptions")

PASSWORD = "correct horse battery staple \N{SNOWMAN}"


def cheap_hasher(**overrides: int) -> Any:
    settings = {
        "time_cost": CHEAP_TIME_COST,
        "memory_cost": CHEAP_MEMORY_COST,
        "parallelism": CHEAP_PARALLELISM,
    }
    settings.update(overrides)
    return pwdlib_argon2.Argon2Hasher(**settings)


@pytest.fixture
def password_hash() -> Any:
    return pwdlib.PasswordHash((cheap_hasher(),))


def test_library_uses_installed_argon2(argon2_under_test: ModuleType) -> None:
    assert pwdlib_argon2.PasswordHasher is argon2_under_test.PasswordHasher
    assert isinstance(cheap_hasher()._hasher, argon2_under_test.PasswordHasher)


def test_hash_and_verify(password_hash: Any) -> None:
    hashed = password_hash.hash(PASSWORD)
    assert hashed.startswith(
        f"$argon2id$v=19$m={CHEAP_MEMORY_COST},t={CHEAP_TIME_COST},p={CHEAP_PARALLELISM}$"
    )
    assert password_hash.verify(PASSWORD, hashed)
    assert password_hash.verify(PASSWORD.encode("utf-8"), hashed.encode("ascii"))
    assert not password_hash.verify("wrong", hashed)
    assert password_hash.hash(PASSWORD) != hashed


def test_fixed_salt_matches_low_level(
    password_hash: Any, argon2_under_test: ModuleType
) -> None:
    salt = b"0123456789abcdef"
    expected = argon2_under_test.low_level.hash_secret(
        PASSWORD.encode("utf-8"),
        salt,
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        hash_len=argon2_under_test.DEFAULT_HASH_LENGTH,
        type=argon2_under_test.Type.ID,
    ).decode("ascii")
    assert password_hash.hash(PASSWORD, salt=salt) == expected


def test_verify_and_update_current_hash(password_hash: Any) -> None:
    hashed = password_hash.hash(PASSWORD)
    assert password_hash.verify_and_update(PASSWORD, hashed) == (True, None)
    assert password_hash.verify_and_update("wrong", hashed) == (False, None)


def test_verify_and_update_upgrades_changed_parameters(
    argon2_under_test: ModuleType,
) -> None:
    old = pwdlib.PasswordHash((cheap_hasher(),)).hash(PASSWORD)
    stronger = pwdlib.PasswordHash(
        (
            cheap_hasher(
                time_cost=CHEAP_TIME_COST + 1, memory_cost=CHEAP_MEMORY_COST * 2
            ),
        )
    )
    assert stronger.verify(PASSWORD, old)
    assert stronger.verify_and_update("wrong", old) == (False, None)
    valid, updated = stronger.verify_and_update(PASSWORD, old)
    assert valid
    assert updated is not None
    params = argon2_under_test.extract_parameters(updated)
    assert (params.time_cost, params.memory_cost) == (
        CHEAP_TIME_COST + 1,
        CHEAP_MEMORY_COST * 2,
    )
    assert stronger.verify_and_update(PASSWORD, updated) == (True, None)


@pytest.mark.parametrize("type_name", ["I", "D"])
def test_verify_and_update_upgrades_type(
    argon2_under_test: ModuleType, type_name: str
) -> None:
    legacy = pwdlib_argon2.Argon2Hasher(
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        type=argon2_under_test.Type[type_name],
    )
    old = legacy.hash(PASSWORD)
    assert old.startswith(f"$argon2{type_name.lower()}$")
    current = pwdlib.PasswordHash((cheap_hasher(),))
    valid, updated = current.verify_and_update(PASSWORD, old)
    assert valid
    assert updated is not None
    assert updated.startswith("$argon2id$")


def test_identify_and_unknown_hash(password_hash: Any) -> None:
    hashed = password_hash.hash(PASSWORD)
    assert pwdlib_argon2.Argon2Hasher.identify(hashed)
    assert not pwdlib_argon2.Argon2Hasher.identify("$2b$12$" + "a" * 53)
    with pytest.raises(pwdlib_exceptions.UnknownHashError):
        password_hash.verify(PASSWORD, "$2b$12$" + "a" * 53)


def test_malformed_hash_does_not_verify(password_hash: Any) -> None:
    hashed = password_hash.hash(PASSWORD)
    head, checksum = hashed.rsplit("$", 1)
    assert not password_hash.verify(PASSWORD, head + "$" + "*" * len(checksum))
    # Below Argon2's minimum salt length: rejected by the backend, not by pwdlib.
    assert not password_hash.verify(
        PASSWORD, f"{head.rsplit('$', 1)[0]}$c2FsdA${checksum}"
    )


@pytest.mark.parametrize("damage", DAMAGES)
def test_corrupted_hash_never_verifies(password_hash: Any, damage: str) -> None:
    corrupted = corrupted_hashes(password_hash.hash(PASSWORD))[damage]
    for password in (PASSWORD, "wrong"):
        if not pwdlib_argon2.Argon2Hasher.identify(corrupted):
            # pwdlib's own pattern refuses it before argon2 is asked.
            with pytest.raises(pwdlib_exceptions.UnknownHashError):
                password_hash.verify(password, corrupted)
            continue
        assert password_hash.verify(password, corrupted) is False
        assert password_hash.verify_and_update(password, corrupted) == (False, None)


def test_argon2_hash_verified_by_pwdlib(
    password_hash: Any, argon2_under_test: ModuleType
) -> None:
    hashed = argon2_under_test.PasswordHasher(
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
    ).hash(PASSWORD)
    assert password_hash.verify_and_update(PASSWORD, hashed) == (True, None)


def test_recommended(argon2_under_test: ModuleType) -> None:
    """pwdlib's recommended setup: argon2's default (RFC 9106 low-memory) costs."""
    recommended = pwdlib.PasswordHash.recommended()
    hashed = recommended.hash(PASSWORD)
    defaults = argon2_under_test.PasswordHasher()
    assert argon2_under_test.extract_parameters(hashed) == argon2_under_test.Parameters(
        type=argon2_under_test.Type.ID,
        version=0x13,
        salt_len=defaults.salt_len,
        hash_len=defaults.hash_len,
        time_cost=defaults.time_cost,
        memory_cost=defaults.memory_cost,
        parallelism=defaults.parallelism,
    )
    assert recommended.verify(PASSWORD, hashed)
    assert recommended.verify_and_update(PASSWORD, hashed) == (True, None)
    assert not recommended.verify("wrong", hashed)
