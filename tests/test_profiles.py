from __future__ import annotations

import pytest

from argon2 import PasswordHasher, Type, profiles
from argon2._utils import Parameters

EXPECTED = {
    "RFC_9106_HIGH_MEMORY": (16, 32, 1, 2_097_152, 4),
    "RFC_9106_LOW_MEMORY": (16, 32, 3, 65_536, 4),
    "PRE_21_2": (16, 16, 2, 102_400, 8),
    "CHEAPEST": (8, 4, 1, 8, 1),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_profile_values(name: str) -> None:
    salt_len, hash_len, t, m, p = EXPECTED[name]
    assert getattr(profiles, name) == Parameters(
        type=Type.ID,
        version=19,
        salt_len=salt_len,
        hash_len=hash_len,
        time_cost=t,
        memory_cost=m,
        parallelism=p,
    )


def test_default_parameters_are_rfc_low_memory() -> None:
    assert profiles.get_default_parameters() == profiles.RFC_9106_LOW_MEMORY


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_from_profile(name: str) -> None:
    params = getattr(profiles, name)
    ph = PasswordHasher.from_parameters(params)
    assert (ph.salt_len, ph.hash_len, ph.time_cost, ph.memory_cost, ph.parallelism) == (
        EXPECTED[name]
    )


def test_cheapest_round_trip() -> None:
    ph = PasswordHasher.from_parameters(profiles.CHEAPEST)
    hash = ph.hash("pw")
    assert ph.verify(hash, "pw") is True
    assert not ph.check_needs_rehash(hash)
