"""Standard parameter sets for :meth:`argon2.PasswordHasher.from_parameters`.

RFC 9106 section 4 recommends the first two; the others exist for
compatibility and testing.
"""

from __future__ import annotations

import dataclasses

from ._utils import Parameters, _is_wasm
from .low_level import Type

__all__ = [
    "CHEAPEST",
    "PRE_21_2",
    "RFC_9106_HIGH_MEMORY",
    "RFC_9106_LOW_MEMORY",
    "get_default_parameters",
]

# RFC 9106, first recommended option: 2 GiB, one pass, four lanes.
RFC_9106_HIGH_MEMORY = Parameters(
    type=Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=1,
    memory_cost=2 * 1024 * 1024,
    parallelism=4,
)

# RFC 9106, second recommended option: 64 MiB, three passes, four lanes.
RFC_9106_LOW_MEMORY = Parameters(
    type=Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=3,
    memory_cost=64 * 1024,
    parallelism=4,
)

# argon2-cffi's defaults from 18.2.0 to 21.1.0, to recognise their hashes.
PRE_21_2 = Parameters(
    type=Type.ID,
    version=19,
    salt_len=16,
    hash_len=16,
    time_cost=2,
    memory_cost=100 * 1024,
    parallelism=8,
)

# The cheapest valid parameters. For tests only: no protection at all.
CHEAPEST = Parameters(
    type=Type.ID,
    version=19,
    salt_len=8,
    hash_len=4,
    time_cost=1,
    memory_cost=8,
    parallelism=1,
)


def get_default_parameters() -> Parameters:
    """The default parameters for this platform: RFC_9106_LOW_MEMORY, with a
    single lane on WebAssembly."""
    if _is_wasm():
        return dataclasses.replace(RFC_9106_LOW_MEMORY, parallelism=1)
    return RFC_9106_LOW_MEMORY
