"""passlib 1.7.4 and libpass (its maintained fork) on top of the installed ``argon2``.

Both distributions provide the ``passlib`` import package, so only one can be
installed at a time; this module tests whichever is present.
"""

from __future__ import annotations

import traceback
import warnings
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._support import (
    CHEAP_MEMORY_COST,
    CHEAP_PARALLELISM,
    CHEAP_TIME_COST,
    DAMAGES,
    corrupted_hashes,
    import_library,
    providers_of,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

passlib_hash = import_library("passlib.hash")

PASSWORD = "correct horse battery staple \N{SNOWMAN}"
TYPES = ("i", "d", "id")


@pytest.fixture(scope="module")
def provider() -> str:
    """The distribution (passlib or libpass) that installed ``passlib``."""
    providers = providers_of("passlib")
    assert len(providers) == 1, f"'passlib' comes from {providers}"
    assert providers[0] in {"passlib", "libpass"}
    return providers[0]


@pytest.fixture(scope="module")
def handler(argon2_under_test: ModuleType) -> Any:
    """``passlib.hash.argon2`` with its backend loaded."""
    argon2_handler = passlib_hash.argon2
    with warnings.catch_warnings():
        # passlib 1.7.4 reads ``argon2.__version__`` while loading the backend,
        # which argon2 25.1 flags as deprecated.
        warnings.filterwarnings(
            "ignore",
            message=r"Accessing argon2\.__version__ is deprecated",
            category=DeprecationWarning,
        )
        try:
            argon2_handler.get_backend()
        except metadata.PackageNotFoundError as exc:
            # libpass asks importlib.metadata for the "argon2_cffi" distribution
            # while loading its backend; argon2 installed as argon2-ft has to
            # answer that for libpass to work at all.
            pytest.fail(f"passlib backend loading needs {exc.name!r} metadata: {exc}")
    return argon2_handler


@pytest.fixture(scope="module")
def cheap(handler: Any) -> Any:
    return handler.using(
        rounds=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
    )


def test_provider_version(provider: str) -> None:
    version = metadata.version(provider)
    if provider == "passlib":
        assert version == "1.7.4"
    else:
        assert int(version.split(".")[0]) >= 1


def test_backend_is_installed_argon2(
    handler: Any, argon2_under_test: ModuleType
) -> None:
    assert handler.get_backend() == "argon2_cffi"
    assert handler.has_backend("argon2_cffi")
    from passlib.handlers import argon2 as passlib_argon2_module

    assert passlib_argon2_module._argon2_cffi is argon2_under_test


def test_backend_version_and_types(handler: Any, argon2_under_test: ModuleType) -> None:
    assert handler.max_version == argon2_under_test.low_level.ARGON2_VERSION == 0x13
    assert set(handler.type_values) >= set(TYPES)
    # passlib prefers the best type the backend supports.
    assert handler.type == "id"


def test_default_settings_follow_password_hasher(
    handler: Any, argon2_under_test: ModuleType
) -> None:
    defaults = argon2_under_test.PasswordHasher()
    assert handler.default_rounds == defaults.time_cost
    assert handler.memory_cost == defaults.memory_cost
    assert handler.parallelism == defaults.parallelism
    assert handler.checksum_size == defaults.hash_len
    assert handler.default_salt_size == defaults.salt_len


def test_hash_and_verify(cheap: Any) -> None:
    hashed = cheap.hash(PASSWORD)
    assert hashed.startswith("$argon2id$v=19$")
    assert cheap.identify(hashed)
    assert cheap.verify(PASSWORD, hashed)
    assert not cheap.verify(PASSWORD + "!", hashed)
    assert cheap.verify(PASSWORD.encode("utf-8"), hashed)


def test_salts_differ(cheap: Any) -> None:
    assert cheap.hash(PASSWORD) != cheap.hash(PASSWORD)


@pytest.mark.parametrize("argon2_type", TYPES)
def test_each_type(handler: Any, argon2_type: str) -> None:
    custom = handler.using(
        type=argon2_type, rounds=2, memory_cost=CHEAP_MEMORY_COST, parallelism=1
    )
    hashed = custom.hash(PASSWORD)
    assert hashed.startswith(
        f"$argon2{argon2_type}$v=19$m={CHEAP_MEMORY_COST},t=2,p=1$"
    )
    assert custom.verify(PASSWORD, hashed)
    assert not custom.verify("wrong", hashed)
    # Verification picks the type from the hash, not from the handler.
    assert handler.verify(PASSWORD, hashed)
    parsed = handler.from_string(hashed)
    assert parsed.type == argon2_type
    assert not custom.needs_update(hashed)


def test_custom_parameters_are_encoded(
    handler: Any, argon2_under_test: ModuleType
) -> None:
    custom = handler.using(
        rounds=3, memory_cost=96, parallelism=3, salt_size=12, digest_size=20
    )
    hashed = custom.hash(PASSWORD)
    params = argon2_under_test.extract_parameters(hashed)
    assert params == argon2_under_test.Parameters(
        type=argon2_under_test.Type.ID,
        version=0x13,
        salt_len=12,
        hash_len=20,
        time_cost=3,
        memory_cost=96,
        parallelism=3,
    )
    parsed = handler.from_string(hashed)
    assert (parsed.rounds, parsed.memory_cost, parsed.parallelism) == (3, 96, 3)
    assert len(parsed.salt) == 12
    assert len(parsed.checksum) == 20
    assert custom.verify(PASSWORD, hashed)


def test_needs_update(handler: Any, cheap: Any) -> None:
    hashed = cheap.hash(PASSWORD)
    assert not cheap.needs_update(hashed)
    assert cheap.using(memory_cost=CHEAP_MEMORY_COST * 2).needs_update(hashed)
    assert cheap.using(rounds=CHEAP_TIME_COST + 1).needs_update(hashed)
    assert cheap.using(type="i").needs_update(hashed)
    assert cheap.using(digest_size=24).needs_update(hashed)
    # The stock handler's defaults are far above the cheap settings.
    assert handler.needs_update(hashed)


def test_passlib_hash_verified_by_argon2(
    cheap: Any, argon2_under_test: ModuleType
) -> None:
    hashed = cheap.hash(PASSWORD)
    hasher = argon2_under_test.PasswordHasher(
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
    )
    assert hasher.verify(hashed, PASSWORD) is True
    assert not hasher.check_needs_rehash(hashed)
    with pytest.raises(argon2_under_test.exceptions.VerifyMismatchError):
        hasher.verify(hashed, "wrong")
    assert argon2_under_test.low_level.verify_secret(
        hashed.encode("ascii"), PASSWORD.encode("utf-8"), argon2_under_test.Type.ID
    )


@pytest.mark.parametrize("argon2_type", TYPES)
def test_argon2_hash_verified_by_passlib(
    handler: Any, argon2_under_test: ModuleType, argon2_type: str
) -> None:
    hasher = argon2_under_test.PasswordHasher(
        time_cost=2,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        hash_len=24,
        salt_len=20,
        type=argon2_under_test.Type[argon2_type.upper()],
    )
    hashed = hasher.hash(PASSWORD)
    assert handler.identify(hashed)
    assert handler.verify(PASSWORD, hashed)
    assert not handler.verify("wrong", hashed)
    matching = handler.using(
        type=argon2_type,
        rounds=2,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        digest_size=24,
    )
    assert not matching.needs_update(hashed)


def test_fixed_salt_matches_low_level(
    handler: Any, argon2_under_test: ModuleType
) -> None:
    salt = b"0123456789abcdef"
    custom = handler.using(
        salt=salt,
        rounds=2,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
    )
    expected = argon2_under_test.low_level.hash_secret(
        PASSWORD.encode("utf-8"),
        salt,
        time_cost=2,
        memory_cost=CHEAP_MEMORY_COST,
        parallelism=CHEAP_PARALLELISM,
        hash_len=handler.checksum_size,
        type=argon2_under_test.Type.ID,
    ).decode("ascii")
    assert custom.hash(PASSWORD) == expected


def test_malformed_hash_is_rejected(cheap: Any) -> None:
    hashed = cheap.hash(PASSWORD)
    assert not cheap.identify("$scrypt$ln=4,r=8,p=1$c2FsdHNhbHQ$aGFzaA")
    with pytest.raises(ValueError, match="malformed argon2 hash"):
        cheap.verify(PASSWORD, hashed.replace(",t=1,", ",t=oops,"))
    # Not Base64: passlib hands it to the backend, then quotes the backend's
    # error message, which must be the one argon2-cffi gives.
    prefix, checksum = hashed.rsplit("$", 1)
    with pytest.raises(
        ValueError,
        match="argon2_cffi reported: Output is too short: hash=",
    ):
        cheap.verify(PASSWORD, prefix + "$" + "*" * len(checksum))


@pytest.mark.parametrize("damage", DAMAGES)
def test_corrupted_hash_never_verifies(cheap: Any, damage: str) -> None:
    # passlib's contract: False for a wrong password, ValueError for a hash it
    # cannot use (with argon2-cffi as well); never True. When verification
    # fails, passlib re-parses the hash to word its error, and its own Base64
    # decoder raises TypeError for a tag whose length Base64 cannot have
    # (passlib and libpass alike, whichever argon2 is below).
    corrupted = corrupted_hashes(cheap.hash(PASSWORD))[damage]
    for password in (PASSWORD, "wrong"):
        try:
            result = cheap.verify(password, corrupted)
        except ValueError:
            continue
        except TypeError as exc:
            origin = Path(traceback.extract_tb(exc.__traceback__)[-1].filename)
            assert origin.parts[-3:] == ("passlib", "utils", "binary.py"), origin
            continue
        assert result is False


def test_foreign_checksum_does_not_verify(handler: Any) -> None:
    fixed = handler.using(
        salt=b"fixed salt bytes", rounds=1, memory_cost=CHEAP_MEMORY_COST, parallelism=1
    )
    mine = fixed.hash(PASSWORD)
    other = fixed.hash("another password")
    swapped = mine.rsplit("$", 1)[0] + "$" + other.rsplit("$", 1)[1]
    assert swapped != mine
    assert fixed.verify("another password", swapped)
    assert not fixed.verify(PASSWORD, swapped)


def test_memory_cost_below_lane_minimum_is_rejected(handler: Any) -> None:
    with pytest.raises(ValueError, match="memory_cost"):
        handler.using(memory_cost=8, parallelism=2)


@pytest.fixture
def no_crypt_context_warnings() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_crypt_context_round_trip(cheap: Any, no_crypt_context_warnings: None) -> None:
    from passlib.context import CryptContext

    context = CryptContext(
        schemes=["argon2"],
        argon2__rounds=CHEAP_TIME_COST,
        argon2__memory_cost=CHEAP_MEMORY_COST,
        argon2__parallelism=CHEAP_PARALLELISM,
    )
    old = cheap.using(memory_cost=CHEAP_MEMORY_COST * 2).hash(PASSWORD)
    assert context.identify(old) == "argon2"
    ok, new = context.verify_and_update(PASSWORD, old)
    assert ok
    assert new is not None
    assert new != old
    assert f"m={CHEAP_MEMORY_COST}," in new
    assert context.verify(PASSWORD, new)
    assert context.verify_and_update(PASSWORD, new) == (True, None)
    assert context.verify_and_update("wrong", old) == (False, None)
