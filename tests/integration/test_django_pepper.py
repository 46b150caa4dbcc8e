"""argon2.integrations.django: Django's hasher with a pepper from settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from ._support import (
    CHEAP_MEMORY_COST,
    CHEAP_PARALLELISM,
    CHEAP_TIME_COST,
    import_library,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

django_conf = import_library("django.conf")
hashers = import_library("django.contrib.auth.hashers")
test_utils = import_library("django.test.utils")
exceptions = import_library("django.core.exceptions")
# argon2-ft only (the reference run against argon2-cffi has no integrations).
integration = pytest.importorskip("argon2.integrations.django")

PASSWORD = "correct horse battery staple \N{SNOWMAN}"
NEW = b"new pepper, 32 random bytes in real life"
OLD = b"old pepper"


class CheapPeppered(integration.PepperedArgon2PasswordHasher):  # type: ignore[misc,name-defined]
    time_cost = CHEAP_TIME_COST
    memory_cost = CHEAP_MEMORY_COST
    parallelism = CHEAP_PARALLELISM


class CheapStock(hashers.Argon2PasswordHasher):  # type: ignore[misc]
    time_cost = CHEAP_TIME_COST
    memory_cost = CHEAP_MEMORY_COST
    parallelism = CHEAP_PARALLELISM


def dotted(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def use(peppers: object, *classes: type) -> Any:
    return test_utils.override_settings(
        PASSWORD_HASHERS=[dotted(c) for c in classes],
        ARGON2_FT_PEPPERS=peppers,
    )


@pytest.fixture(scope="module", autouse=True)
def django_settings(argon2_under_test: ModuleType) -> Iterator[None]:
    settings = django_conf.settings
    if not settings.configured:
        settings.configure(USE_TZ=True)
    with use({"k2": NEW}, CheapPeppered, CheapStock):
        yield


def test_round_trip_with_the_pepper(argon2_under_test: ModuleType) -> None:
    encoded = hashers.make_password(PASSWORD, salt="saltsaltsaltsaltsaltsa")
    assert encoded.startswith(
        f"argon2ft_pepper$k2$argon2id$v=19$m={CHEAP_MEMORY_COST},"
        f"t={CHEAP_TIME_COST},p={CHEAP_PARALLELISM}$"
    )
    assert hashers.check_password(PASSWORD, encoded)
    assert not hashers.check_password("wrong", encoded)
    phc = encoded.split("$", 2)[2]
    # The pepper is really Argon2's secret input: needed, and enough.
    ph = argon2_under_test.PasswordHasher(secret=NEW)
    assert ph.verify("$" + phc, PASSWORD)
    with pytest.raises(argon2_under_test.exceptions.VerifyMismatchError):
        argon2_under_test.PasswordHasher().verify("$" + phc, PASSWORD)
    hasher = hashers.identify_hasher(encoded)
    assert not hasher.must_update(encoded)
    assert hasher.decode(encoded)["pepper_id"] == "k2"
    assert len(hasher.safe_summary(encoded)) == 8


def test_rotation_upgrades_at_login() -> None:
    with use({"k1": OLD}, CheapPeppered):
        old = hashers.make_password(PASSWORD)
    assert old.startswith("argon2ft_pepper$k1$")
    with use({"k2": NEW, "k1": OLD}, CheapPeppered):
        upgraded: list[str] = []
        assert not hashers.check_password("wrong", old, upgraded.append)
        assert upgraded == []
        assert hashers.check_password(PASSWORD, old, upgraded.append)
        assert upgraded == [PASSWORD]  # Django hands the raw password over
        new = hashers.make_password(PASSWORD)
        assert new.startswith("argon2ft_pepper$k2$")
        assert hashers.check_password(PASSWORD, new, upgraded.append)
        assert len(upgraded) == 1  # current pepper and parameters: no update


def test_stock_hashes_move_to_the_pepper() -> None:
    with use({"k2": NEW}, CheapStock):
        stock = hashers.make_password(PASSWORD)
    assert stock.startswith("argon2$argon2id$")
    upgraded: list[str] = []
    assert hashers.check_password(PASSWORD, stock, upgraded.append)
    assert upgraded == [PASSWORD]


def test_a_removed_pepper_is_a_configuration_error() -> None:
    with use({"k1": OLD}, CheapPeppered):
        old = hashers.make_password(PASSWORD)
    with pytest.raises(exceptions.ImproperlyConfigured, match="pepper 'k1'"):
        hashers.check_password(PASSWORD, old)


@pytest.mark.parametrize(
    ("peppers", "text"),
    [
        (None, "must be a non-empty dict"),
        ({}, "must be a non-empty dict"),
        (b"pepper", "must be a non-empty dict"),
        ({"a$b": NEW}, "pepper id 'a$b'"),
        ({"": NEW}, "pepper id ''"),
        ({"k": b""}, "must be non-empty bytes or str"),
        ({"k": 42}, "must be non-empty bytes or str"),
    ],
)
def test_bad_settings(peppers: object, text: str) -> None:
    with (
        use(peppers, CheapPeppered),
        pytest.raises(exceptions.ImproperlyConfigured, match=text.replace("$", r"\$")),
    ):
        hashers.make_password(PASSWORD)


def test_str_pepper_is_utf8(argon2_under_test: ModuleType) -> None:
    with use({"k": "p\N{EURO SIGN}pper"}, CheapPeppered):
        encoded = hashers.make_password(PASSWORD)
        assert hashers.check_password(PASSWORD, encoded)
    ph = argon2_under_test.PasswordHasher(secret="p\N{EURO SIGN}pper".encode())
    assert ph.verify("$" + encoded.split("$", 2)[2], PASSWORD)


def test_process_wide_limits_apply(argon2_under_test: ModuleType) -> None:
    from argon2._settings import _reset_for_tests

    encoded = hashers.make_password(PASSWORD)
    argon2_under_test.configure(max_memory_cost=CHEAP_MEMORY_COST // 2)
    try:
        # Django turns every VerificationError into False.
        assert not hashers.check_password(PASSWORD, encoded)
    finally:
        _reset_for_tests()
    assert hashers.check_password(PASSWORD, encoded)
