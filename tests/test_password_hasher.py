from __future__ import annotations

import dataclasses

import pytest

import _helpers as h
import argon2
from argon2 import PasswordHasher, Type, extract_parameters, profiles
from argon2.exceptions import (
    HashingError,
    InvalidHashError,
    MalformedHashError,
    ParametersExceedLimitsError,
    VerificationError,
    VerifyMismatchError,
)
from argon2.low_level import hash_secret

CHEAP = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


def test_defaults_are_rfc_9106_low_memory() -> None:
    ph = PasswordHasher()
    assert (ph.time_cost, ph.memory_cost, ph.parallelism) == (3, 65536, 4)
    assert (ph.hash_len, ph.salt_len, ph.type, ph.encoding) == (
        32, 16, Type.ID, "utf-8",
    )  # fmt: skip
    assert argon2.DEFAULT_TIME_COST == 3
    assert argon2.DEFAULT_MEMORY_COST == 65536
    assert argon2.DEFAULT_PARALLELISM == 4
    assert argon2.DEFAULT_HASH_LENGTH == 32
    assert argon2.DEFAULT_RANDOM_SALT_LENGTH == 16


def test_hash_format(cheap: PasswordHasher) -> None:
    hash = cheap.hash("pw")
    assert isinstance(hash, str)
    assert hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert cheap.verify(hash, "pw") is True


@pytest.mark.parametrize("type", list(Type))
def test_types(type: Type) -> None:
    ph = PasswordHasher(**CHEAP, type=type)
    hash = ph.hash(b"pw")
    assert hash.startswith(f"$argon2{type.name.lower()}$")
    # Any PasswordHasher verifies any type.
    assert PasswordHasher().verify(hash, b"pw")
    _, oracle_lib = h.oracle()
    assert oracle_lib.argon2_verify(hash.encode(), b"pw", 2, type.value) == 0


def test_random_salt(cheap: PasswordHasher) -> None:
    hashes = {cheap.hash("pw") for _ in range(5)}
    assert len(hashes) == 5
    assert extract_parameters(hashes.pop()).salt_len == 8


def test_explicit_salt() -> None:
    ph = PasswordHasher(**CHEAP)
    expected = hash_secret(b"pw", b"saltsalt", 1, 8, 1, 32, Type.ID).decode()
    assert ph.hash("pw", salt=b"saltsalt") == expected
    # An empty salt means "make one", as in argon2-cffi.
    assert ph.hash("pw", salt=b"") != ph.hash("pw", salt=b"")


def test_str_and_bytes(cheap: PasswordHasher) -> None:
    hash = cheap.hash("päss")
    assert cheap.verify(hash, "päss".encode())
    assert cheap.verify(hash.encode(), "päss")
    latin = PasswordHasher(**CHEAP, encoding="latin-1")
    assert latin.verify(latin.hash("päss"), "päss".encode("latin-1"))
    with pytest.raises(VerifyMismatchError):
        cheap.verify(latin.hash("päss"), "päss")


def test_wrong_password(cheap: PasswordHasher) -> None:
    hash = cheap.hash("pw")
    with pytest.raises(VerifyMismatchError) as info:
        cheap.verify(hash, "pW")
    assert info.value.args == ("The password does not match the supplied hash",)


@pytest.mark.parametrize(
    "hash",
    [
        "",
        "nonsense",
        "$argon2",
        "$argon2x$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$AAAAAA",
        "$scrypt$",
    ],
)
def test_not_an_argon2_hash(cheap: PasswordHasher, hash: str) -> None:
    with pytest.raises(InvalidHashError) as info:
        cheap.verify(hash, "pw")
    assert type(info.value) is InvalidHashError
    assert info.value.args == ()


@pytest.mark.parametrize(
    "hash",
    [
        "$argon2id$garbage",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ",
        "$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$AAAAAA!",
        "$argon2d$v=19$m=8,p=1,t=1$c2FsdHNhbHQ$AAAAAA",
    ],
)
def test_malformed_hash(cheap: PasswordHasher, hash: str) -> None:
    with pytest.raises(VerificationError) as info:
        cheap.verify(hash, "pw")
    assert isinstance(info.value, MalformedHashError)
    assert info.value.args == ("Decoding failed",)


def test_non_ascii_hash(cheap: PasswordHasher) -> None:
    # Stricter than argon2-cffi (UnicodeEncodeError / UnicodeDecodeError):
    # an encoded hash is ASCII, anything else is an invalid hash.
    for hash in ("$argon2id$ü", "$argon2id$ü".encode()):
        with pytest.raises(MalformedHashError) as info:
            cheap.verify(hash, "pw")
        assert info.value.args == ("Decoding failed",)
        with pytest.raises(InvalidHashError):
            cheap.check_needs_rehash(hash)
    with pytest.raises(InvalidHashError):
        cheap.verify("$ärgon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$AAAAAA", "pw")


class TestTypeChecks:
    def test_message_lists_every_problem(self) -> None:
        with pytest.raises(TypeError) as info:
            PasswordHasher(time_cost="1", memory_cost=None)  # type: ignore[arg-type]
        expected = (
            "'time_cost' must be a int (got str), "
            "'memory_cost' must be a int (got NoneType)."
        )
        assert info.value.args == (expected,)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"parallelism": 1.5}, "'parallelism' must be a int (got float)."),
            ({"hash_len": b"1"}, "'hash_len' must be a int (got bytes)."),
            ({"salt_len": None}, "'salt_len' must be a int (got NoneType)."),
            ({"encoding": b"utf-8"}, "'encoding' must be a str (got bytes)."),
            ({"type": 2}, "'type' must be a Type (got int)."),
            ({"secret": "pepper"}, "'secret' must be a bytes, or NoneType (got str)."),
        ],
    )
    def test_single_problem(self, kwargs: dict[str, object], message: str) -> None:
        with pytest.raises(TypeError) as info:
            PasswordHasher(**kwargs)  # type: ignore[arg-type]
        assert info.value.args == (message,)

    @pytest.mark.parametrize("password", [None, 1, bytearray(b"pw")])
    def test_password_type(self, cheap: PasswordHasher, password: object) -> None:
        with pytest.raises(TypeError):
            cheap.hash(password)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            cheap.verify(cheap.hash("pw"), password)  # type: ignore[arg-type]


def test_invalid_parameters_fail_at_hash_time() -> None:
    ph = PasswordHasher(time_cost=0, memory_cost=8, parallelism=1)
    with pytest.raises(HashingError) as info:
        ph.hash("pw")
    assert info.value.args == ("Time cost is too small",)


class TestCheckNeedsRehash:
    BASE = dataclasses.replace(profiles.CHEAPEST, salt_len=16, hash_len=16)

    def test_same_parameters(self) -> None:
        ph = PasswordHasher.from_parameters(self.BASE)
        hash = ph.hash("pw")
        assert ph.check_needs_rehash(hash) is False
        assert ph.check_needs_rehash(hash.encode()) is False

    @pytest.mark.parametrize(
        "change",
        [
            {"time_cost": 2},
            {"memory_cost": 16},
            {"parallelism": 2, "memory_cost": 16},
            {"hash_len": 32},
            {"salt_len": 32},
            {"type": Type.I},
            {"type": Type.D},
        ],
    )
    def test_each_parameter(self, change: dict[str, object]) -> None:
        old = PasswordHasher.from_parameters(self.BASE)
        new = PasswordHasher.from_parameters(dataclasses.replace(self.BASE, **change))  # type: ignore[arg-type]
        assert new.check_needs_rehash(old.hash("pw")) is True
        assert new.check_needs_rehash(new.hash("pw")) is False

    def test_older_version(self) -> None:
        ph = PasswordHasher.from_parameters(self.BASE)
        old = hash_secret(b"pw", b"saltsaltsaltsalt", 1, 8, 1, 16, Type.ID, 16)
        assert ph.check_needs_rehash(old) is True
        assert ph.verify(old, "pw")

    @pytest.mark.parametrize("hash", ["", "nonsense", "$argon2id$v=19$m=8,t=1$abc$def"])
    def test_invalid(self, hash: str) -> None:
        with pytest.raises(InvalidHashError):
            PasswordHasher().check_needs_rehash(hash)


def test_from_parameters_round_trip() -> None:
    for name in ("RFC_9106_HIGH_MEMORY", "RFC_9106_LOW_MEMORY", "PRE_21_2", "CHEAPEST"):
        params = getattr(profiles, name)
        ph = PasswordHasher.from_parameters(params)
        assert ph._parameters == params
        assert ph._parameters is not params
    cheapest = PasswordHasher.from_parameters(profiles.CHEAPEST)
    assert extract_parameters(cheapest.hash("pw")) == profiles.CHEAPEST


def test_slots_and_encoding_attribute() -> None:
    ph = PasswordHasher(**CHEAP)
    ph.encoding = "latin-1"
    assert ph.encoding == "latin-1"
    with pytest.raises(AttributeError):
        ph.something = 1  # type: ignore[attr-defined]


class TestSecret:
    def test_pepper_changes_hash_and_is_needed(self) -> None:
        peppered = PasswordHasher(**CHEAP, secret=b"pepper")
        plain = PasswordHasher(**CHEAP)
        hash = peppered.hash("pw", salt=b"saltsalt")
        assert hash != plain.hash("pw", salt=b"saltsalt")
        assert (
            hash
            == hash_secret(
                b"pw", b"saltsalt", 1, 8, 1, 32, Type.ID, key=b"pepper"
            ).decode()
        )
        assert peppered.verify(hash, "pw")
        with pytest.raises(VerifyMismatchError):
            plain.verify(hash, "pw")
        with pytest.raises(VerifyMismatchError):
            PasswordHasher(**CHEAP, secret=b"other").verify(hash, "pw")
        with pytest.raises(VerifyMismatchError):
            peppered.verify(plain.hash("pw"), "pw")

    def test_rotation(self) -> None:
        old = PasswordHasher(**CHEAP, secret=b"old")
        rotated = PasswordHasher(**CHEAP, secret=b"new", old_secrets=[b"old"])
        old_hash = old.hash("pw")
        assert rotated.verify(old_hash, "pw")
        with pytest.raises(VerifyMismatchError):
            rotated.verify(old_hash, "wrong")
        new_hash = rotated.verify_and_rehash(old_hash, "pw")
        assert new_hash is not None
        with pytest.raises(VerifyMismatchError):
            old.verify(new_hash, "pw")
        assert PasswordHasher(**CHEAP, secret=b"new").verify(new_hash, "pw")
        assert rotated.verify_and_rehash(new_hash, "pw") is None

    def test_verify_and_rehash_parameters(self, cheap: PasswordHasher) -> None:
        hash = cheap.hash("pw")
        assert cheap.verify_and_rehash(hash, "pw") is None
        stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
        new = stronger.verify_and_rehash(hash, "pw")
        assert new is not None
        assert not stronger.check_needs_rehash(new)
        with pytest.raises(VerifyMismatchError):
            stronger.verify_and_rehash(hash, "wrong")

    def test_old_secrets_need_secret(self) -> None:
        with pytest.raises(ValueError, match="needs a current 'secret'"):
            PasswordHasher(old_secrets=[b"x"])
        with pytest.raises(TypeError):
            PasswordHasher(secret=b"x", old_secrets=["y"])  # type: ignore[list-item]

    def test_from_parameters_passes_extensions(self) -> None:
        ph = PasswordHasher.from_parameters(profiles.CHEAPEST, secret=b"s")
        hash = ph.hash("pw")
        with pytest.raises(VerifyMismatchError):
            PasswordHasher.from_parameters(profiles.CHEAPEST).verify(hash, "pw")
        assert ph.verify(hash, "pw")


class TestLimits:
    # A forged hash asking for 4 TiB, 2**32-1 passes and 2**24-1 lanes.
    EXPENSIVE = (
        "$argon2id$v=19$m=4294967295,t=4294967295,p=16777215"
        "$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"
    )

    TOO_MANY_PASSES = EXPENSIVE.replace("m=4294967295", "m=1024").replace(
        "p=16777215", "p=1"
    )
    TOO_MANY_LANES = EXPENSIVE.replace("m=4294967295", "m=134217728").replace(
        "t=4294967295", "t=1"
    )

    @pytest.mark.parametrize(
        ("limit", "hash", "what"),
        [
            ({"max_memory_cost": 1024}, EXPENSIVE, "memory_cost"),
            ({"max_time_cost": 10}, TOO_MANY_PASSES, "time_cost"),
            ({"max_parallelism": 8}, TOO_MANY_LANES, "parallelism"),
        ],
    )
    def test_rejected_before_any_work(
        self, limit: dict[str, int], hash: str, what: str
    ) -> None:
        ph = PasswordHasher(**CHEAP, **limit)
        with pytest.raises(ParametersExceedLimitsError, match=what) as info:
            ph.verify(hash, "pw")
        assert isinstance(info.value, VerificationError)
        assert isinstance(info.value, InvalidHashError)

    def test_within_limits(self, cheap: PasswordHasher) -> None:
        ph = PasswordHasher(
            **CHEAP, max_memory_cost=8, max_time_cost=1, max_parallelism=1
        )
        assert ph.verify(cheap.hash("pw"), "pw")
        with pytest.raises(VerifyMismatchError):
            ph.verify(cheap.hash("pw"), "wrong")

    def test_malformed_with_limits(self) -> None:
        ph = PasswordHasher(**CHEAP, max_memory_cost=1024)
        with pytest.raises(MalformedHashError):
            ph.verify("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ", "pw")
        with pytest.raises(InvalidHashError):
            ph.verify("nonsense", "pw")
        with pytest.raises(MalformedHashError, match="Salt is too short"):
            ph.verify("$argon2id$v=19$m=8,t=1,p=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA", "pw")

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"max_memory_cost": 0},
            {"max_time_cost": -1},
            {"max_parallelism": 0},
            {"max_threads": 0},
        ],
    )
    def test_bad_limits(self, kwargs: dict[str, int]) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            PasswordHasher(**kwargs)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", ["1", 1.0, True])
    def test_limit_types(self, value: object) -> None:
        with pytest.raises(TypeError):
            PasswordHasher(max_memory_cost=value)  # type: ignore[arg-type]

    @pytest.mark.parametrize("threads", [1, 2, 8])
    def test_max_threads_does_not_change_hashes(self, threads: int) -> None:
        params = {"time_cost": 1, "memory_cost": 64, "parallelism": 4}
        capped = PasswordHasher(**params, max_threads=threads)
        hash = capped.hash("pw", salt=b"saltsalt")
        assert hash == PasswordHasher(**params).hash("pw", salt=b"saltsalt")
        assert capped.verify(hash, "pw")
