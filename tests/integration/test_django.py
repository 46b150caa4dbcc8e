"""Django's Argon2PasswordHasher on top of the installed ``argon2``."""

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
    from collections.abc import Iterator
    from types import ModuleType

django_conf = import_library("django.conf")
hashers = import_library("django.contrib.auth.hashers")
test_utils = import_library("django.test.utils")

PASSWORD = "correct horse battery staple \N{SNOWMAN}"


class CheapArgon2PasswordHasher(hashers.Argon2PasswordHasher):  # type: ignore[misc]
    time_cost = CHEAP_TIME_COST
    memory_cost = CHEAP_MEMORY_COST
    parallelism = CHEAP_PARALLELISM


class StrongerArgon2PasswordHasher(hashers.Argon2PasswordHasher):  # type: ignore[misc]
    """Same algorithm name, raised costs: hashes from the cheap one must be upgraded."""

    time_cost = CHEAP_TIME_COST + 1
    memory_cost = CHEAP_MEMORY_COST * 2
    parallelism = CHEAP_PARALLELISM


def dotted(cls: type) -> str:
    # Whatever name pytest imported this module under is in sys.modules, so
    # Django's import_string resolves it.
    return f"{cls.__module__}.{cls.__qualname__}"


FALLBACK_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def use_hashers(*classes: type) -> Any:
    return test_utils.override_settings(
        PASSWORD_HASHERS=[dotted(c) for c in classes] + FALLBACK_HASHERS
    )


@pytest.fixture(scope="module", autouse=True)
def django_settings(argon2_under_test: ModuleType) -> Iterator[None]:
    settings = django_conf.settings
    if not settings.configured:
        settings.configure(
            PASSWORD_HASHERS=[
                "django.contrib.auth.hashers.Argon2PasswordHasher",
                *FALLBACK_HASHERS,
            ],
            USE_TZ=True,
        )
    with use_hashers(CheapArgon2PasswordHasher):
        yield


def test_library_is_installed_argon2(argon2_under_test: ModuleType) -> None:
    assert hashers.get_hasher("argon2")._load_library() is argon2_under_test


def test_make_and_check_password() -> None:
    encoded = hashers.make_password(PASSWORD)
    assert encoded.startswith(
        f"argon2$argon2id$v=19$m={CHEAP_MEMORY_COST},t={CHEAP_TIME_COST},p={CHEAP_PARALLELISM}$"
    )
    assert hashers.check_password(PASSWORD, encoded)
    assert not hashers.check_password(PASSWORD + "!", encoded)
    assert hashers.make_password(PASSWORD) != encoded


def test_bytes_password() -> None:
    try:
        encoded = hashers.make_password(PASSWORD.encode("utf-8"))
    except AttributeError as exc:
        # Django's own encode() calls password.encode() in recent versions.
        if "'bytes' object has no attribute 'encode'" not in str(exc):
            raise
        pytest.skip("this Django version hashes str passwords only")
    assert hashers.check_password(PASSWORD, encoded)


def test_identify_hasher() -> None:
    encoded = hashers.make_password(PASSWORD)
    hasher = hashers.identify_hasher(encoded)
    assert isinstance(hasher, CheapArgon2PasswordHasher)
    assert hasher.algorithm == "argon2"


def test_decode_and_safe_summary(argon2_under_test: ModuleType) -> None:
    hasher = hashers.get_hasher("argon2")
    encoded = hashers.make_password(PASSWORD, salt="saltsaltsaltsaltsaltsa")
    decoded = hasher.decode(encoded)
    assert decoded["algorithm"] == "argon2"
    assert decoded["variety"] == "argon2id"
    assert decoded["salt"] == "saltsaltsaltsaltsaltsa"
    assert decoded["params"] == argon2_under_test.extract_parameters(
        encoded[len("argon2") :]
    )
    assert (decoded["time_cost"], decoded["memory_cost"], decoded["parallelism"]) == (
        CHEAP_TIME_COST,
        CHEAP_MEMORY_COST,
        CHEAP_PARALLELISM,
    )
    summary = hasher.safe_summary(encoded)
    assert len(summary) == 8


def test_fixed_salt_matches_low_level(argon2_under_test: ModuleType) -> None:
    salt = "saltsaltsaltsaltsaltsa"
    encoded = hashers.make_password(PASSWORD, salt=salt)
    expected = argon2_under_test.low_level.hash_secret(
        PASSWORD.encode("utf-8"),
        salt.encode("ascii"),
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        hash_len=argon2_under_test.DEFAULT_HASH_LENGTH,
        type=argon2_under_test.Type.ID,
    )
    assert encoded == "argon2" + expected.decode("ascii")


def test_must_update_with_current_parameters() -> None:
    encoded = hashers.make_password(PASSWORD)
    assert not hashers.get_hasher("argon2").must_update(encoded)


def test_must_update_after_parameters_change() -> None:
    encoded = hashers.make_password(PASSWORD)
    with use_hashers(StrongerArgon2PasswordHasher):
        hasher = hashers.identify_hasher(encoded)
        assert isinstance(hasher, StrongerArgon2PasswordHasher)
        assert hasher.must_update(encoded)

        upgraded: list[str] = []

        def setter(raw: str) -> None:
            upgraded.append(hashers.make_password(raw))

        assert not hashers.check_password("wrong", encoded, setter)
        assert upgraded == []
        assert hashers.check_password(PASSWORD, encoded, setter)
        assert len(upgraded) == 1
        new = upgraded[0]
        assert f"$m={CHEAP_MEMORY_COST * 2},t={CHEAP_TIME_COST + 1}," in new
        assert not hasher.must_update(new)
        assert hashers.check_password(PASSWORD, new, setter)
        assert len(upgraded) == 1
    # Back on the cheap settings, the stronger hash is "changed" too.
    assert hashers.get_hasher("argon2").must_update(new)
    assert hashers.check_password(PASSWORD, new)


def test_must_update_for_other_argon2_type(argon2_under_test: ModuleType) -> None:
    hasher = hashers.get_hasher("argon2")
    other = argon2_under_test.low_level.hash_secret(
        PASSWORD.encode("utf-8"),
        b"saltsaltsaltsaltsaltsa",
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        hash_len=argon2_under_test.DEFAULT_HASH_LENGTH,
        type=argon2_under_test.Type.I,
    )
    encoded = "argon2" + other.decode("ascii")
    assert hasher.verify(PASSWORD, encoded)
    assert hasher.must_update(encoded)


def test_harden_runtime_is_a_noop_that_accepts_argon2_hashes() -> None:
    encoded = hashers.make_password(PASSWORD)
    hasher = hashers.get_hasher("argon2")
    assert hasher.harden_runtime("wrong", encoded) is None
    # A wrong password against an outdated hash is the path where Django calls it.
    with use_hashers(StrongerArgon2PasswordHasher):
        assert hashers.verify_password("wrong", encoded) == (False, True)


def test_django_hash_verified_by_argon2(argon2_under_test: ModuleType) -> None:
    encoded = hashers.make_password(PASSWORD)
    phc = encoded[len("argon2") :]
    hasher = argon2_under_test.PasswordHasher(
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
    )
    assert hasher.verify(phc, PASSWORD) is True
    with pytest.raises(argon2_under_test.exceptions.VerifyMismatchError):
        hasher.verify(phc, "wrong")


@pytest.mark.parametrize("type_name", ["ID", "I", "D"])
def test_argon2_hash_verified_by_django(
    argon2_under_test: ModuleType, type_name: str
) -> None:
    hasher = argon2_under_test.PasswordHasher(
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        type=argon2_under_test.Type[type_name],
    )
    encoded = "argon2" + hasher.hash(PASSWORD)
    assert hashers.check_password(PASSWORD, encoded)
    assert not hashers.check_password("wrong", encoded)


def test_malformed_argon2_hash_does_not_verify(argon2_under_test: ModuleType) -> None:
    encoded = hashers.make_password(PASSWORD)
    head, checksum = encoded.rsplit("$", 1)
    malformed = head + "$" + "*" * len(checksum)
    assert not hashers.get_hasher("argon2").verify(PASSWORD, malformed)
    assert not hashers.check_password(PASSWORD, malformed)


@pytest.mark.parametrize("damage", DAMAGES)
def test_corrupted_stored_hash_is_a_failed_login(damage: str) -> None:
    # check_password asks must_update (extract_parameters) before verify:
    # neither may raise, and the right password must not pass either.
    encoded = hashers.make_password(PASSWORD, salt="saltsaltsaltsaltsaltsa")
    assert hashers.check_password(PASSWORD, encoded)
    corrupted = "argon2" + corrupted_hashes(encoded[len("argon2") :])[damage]
    assert corrupted != encoded
    for password in (PASSWORD, "wrong"):
        assert hashers.check_password(password, corrupted) is False
        assert hashers.verify_password(password, corrupted)[0] is False


def test_stock_hasher_parameters(argon2_under_test: ModuleType) -> None:
    """Django's shipped costs (100 MiB, 8 lanes): one round trip."""
    stock = "django.contrib.auth.hashers.Argon2PasswordHasher"
    with test_utils.override_settings(PASSWORD_HASHERS=[stock]):
        encoded = hashers.make_password(PASSWORD)
        assert encoded.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
        assert hashers.check_password(PASSWORD, encoded)
        assert not hashers.get_hasher().must_update(encoded)
