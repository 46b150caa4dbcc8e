"""The process-wide memory budget and the pool of warm matrices.

argon2-ft extension. Every hash needs a matrix of *memory_cost* KiB. The
library keeps finished matrices (2 MiB and larger) wiped and resident, so the
next hash of a similar size skips faulting its memory in, and counts every
matrix, in use or parked, against one budget for the whole process: a hash
that does not fit waits (GIL released, first come first served) until memory
frees, for at most the wait limit.

Defaults, read once at import from the environment:

``ARGON2_FT_MAX_MEMORY``
    The budget: bytes or a size such as ``256MiB`` or ``1GiB``; ``none`` for
    no budget; default (``auto``) half of the memory available to the process
    (its cgroup's limit where there is one, else physical memory).
``ARGON2_FT_MAX_IDLE_MEMORY``
    How much finished matrices may keep parked for reuse; default a quarter
    of the budget; ``0`` parks nothing.
``ARGON2_FT_MEMORY_TIMEOUT``
    Seconds a hash waits for memory; default 30; ``none`` waits without limit.
``ARGON2_FT_MAX_CONCURRENCY``
    Hashes that may hold memory at once; default (``auto``) two per usable
    CPU; ``none`` for no cap. More only take turns on the CPUs while each
    holds its matrix, and a flood then faults in fresh memory instead of
    reusing warm matrices.

A bad value raises ValueError at ``import argon2``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import _backend
from ._memory_config import (
    BUDGET_VARIABLE,
    CONCURRENCY_VARIABLE,
    TIMEOUT_VARIABLE,
    budget_from_text,
    concurrency_value,
    format_size,
    from_environment,
    size_value,
    timeout_value,
)
from ._memory_config import default_budget as _default_budget
from ._memory_config import default_concurrency as _default_concurrency
from .exceptions import (
    HashingMemoryBudgetError,
    MemoryBudgetError,
    VerificationMemoryBudgetError,
)

__all__ = [
    "MemoryStats",
    "charge",
    "default_budget",
    "default_concurrency",
    "get_budget",
    "release_idle",
    "reset_peak",
    "set_budget",
    "set_idle_limit",
    "set_max_concurrency",
    "set_wait_timeout",
    "stats",
]

_FOREVER_MS = 2**64 - 1


@dataclass(frozen=True)
class MemoryStats:
    """A snapshot of the budget and the pool (sizes in bytes)."""

    budget: int | None
    """The budget (None when there is none)."""
    idle_limit: int
    """How many bytes finished matrices may keep parked."""
    wait_timeout: float | None
    """Seconds a hash waits for memory (None when it waits without limit)."""
    in_use: int
    """Bytes held by hashes running now."""
    idle: int
    """Bytes parked for reuse now."""
    peak: int
    """The highest in_use + idle since import or :func:`reset_peak`."""
    reused: int
    """Hashes that got a parked matrix."""
    allocated: int
    """Hashes that got fresh memory."""
    waited: int
    """Hashes that had to wait for memory."""
    timed_out: int
    """Hashes that gave up waiting."""
    refused: int
    """Hashes that needed more than the whole budget."""
    waiting: int
    """Hashes waiting now."""
    running: int
    """Hashes holding memory now."""
    max_concurrency: int | None
    """The cap on running hashes (None when there is none)."""


def set_budget(size: int | str | None) -> None:
    """Set the budget for all matrices of the process, in use plus parked.

    *size* is bytes (an int), a size string (``"256MiB"``), ``"auto"`` for
    the default, or None for no budget. Lowering it frees parked memory above
    it; hashes in flight keep what they hold, new ones wait.
    """
    budget: int | None
    if size is None:
        budget = None
    elif isinstance(size, str):
        budget = budget_from_text(size, "budget")
    else:
        budget = size_value(size, "budget")
        if budget == 0:
            msg = "a budget of 0 bytes fits no hash; use None for no budget"
            raise ValueError(msg)
    _backend.memory_set_budget(budget or 0)


def get_budget() -> int | None:
    """The budget in bytes, or None when there is none."""
    return stats().budget


def default_budget() -> int | None:
    """Half of the memory available to this process (see the module)."""
    return _default_budget()


def set_idle_limit(size: int | str) -> None:
    """How many bytes finished matrices may keep parked (0: none); parked
    memory above a new, lower limit is freed at once."""
    _backend.memory_set_idle_limit(size_value(size, "idle limit"))


def set_max_concurrency(hashes: int | str | None) -> None:
    """How many hashes may hold memory at once: an int from 1, ``"auto"``
    (two per usable CPU, the default) or None for no cap. Others wait their
    turn, first come first served, as for memory."""
    value = concurrency_value(hashes, "max concurrency")
    _backend.memory_set_max_running(value or 0)


def default_concurrency() -> int:
    """Two hashes per CPU this process may run on."""
    return _default_concurrency()


def set_wait_timeout(seconds: float | None) -> None:
    """How long a hash waits for memory within the budget; 0 fails at once
    when memory is short, None waits without limit."""
    value = timeout_value(seconds, "wait timeout")
    _backend.memory_set_wait_timeout(
        _FOREVER_MS if value is None else round(value * 1000)
    )


def release_idle() -> int:
    """Free every parked matrix now; returns the bytes given back.

    Matrices that lane threads are still wiping after their hash returned
    are waited for first (milliseconds), so they are freed too.
    """
    return _backend.memory_release_idle()


def reset_peak() -> None:
    """Start :attr:`MemoryStats.peak` over from what is held now."""
    _backend.memory_reset_peak()


def stats() -> MemoryStats:
    """The budget's settings and the pool's counters.

    Waits first for matrices that lane threads are still wiping after their
    hash returned (milliseconds), so a hash that has returned is counted as
    done.
    """
    (
        budget, idle_limit, wait_ms, in_use, idle, peak,
        reused, allocated, waited, timed_out, refused, waiting,
        running, max_running,
    ) = _backend.memory_stats()  # fmt: skip
    return MemoryStats(
        budget=budget or None,
        idle_limit=idle_limit,
        wait_timeout=None if wait_ms == _FOREVER_MS else wait_ms / 1000,
        in_use=in_use,
        idle=idle,
        peak=peak,
        reused=reused,
        allocated=allocated,
        waited=waited,
        timed_out=timed_out,
        refused=refused,
        waiting=waiting,
        running=running,
        max_concurrency=max_running or None,
    )


def charge(memory_cost: int, parallelism: int) -> int:
    """Bytes a hash with these costs takes from the budget (its matrix,
    rounded up to whole 2 MiB pages where it gets huge pages)."""
    return _backend.memory_charge(memory_cost, parallelism)


def _refusal(
    rc: int, memory_cost: int, parallelism: int, *, verifying: bool
) -> MemoryBudgetError | None:
    """The exception for a pool error code *rc*, None for any other code."""
    if rc not in (
        _backend.ARGON2FT_MEMORY_OVER_BUDGET,
        _backend.ARGON2FT_MEMORY_WAIT_TIMEOUT,
    ):
        return None
    needed = charge(memory_cost, parallelism)
    now = stats()
    budget = "no budget" if now.budget is None else format_size(now.budget)
    timed_out = rc == _backend.ARGON2FT_MEMORY_WAIT_TIMEOUT
    if timed_out:
        waited = (
            "without limit" if now.wait_timeout is None else f"{now.wait_timeout:g} s"
        )
        cap = (
            ""
            if now.max_concurrency is None
            else f", at most {now.max_concurrency} at once"
        )
        message = (
            f"waited {waited} for {format_size(needed)} of memory within the "
            f"memory budget of {budget} ({format_size(now.in_use)} in use by "
            f"{now.running} other hashes{cap}); raise {BUDGET_VARIABLE}, "
            f"{CONCURRENCY_VARIABLE} or {TIMEOUT_VARIABLE}, or lower the load"
        )
    else:
        message = (
            f"the hash needs {format_size(needed)} of memory, more than the "
            f"whole memory budget of {budget} (set by {BUDGET_VARIABLE} or "
            "argon2.memory.set_budget)"
        )
    cls = VerificationMemoryBudgetError if verifying else HashingMemoryBudgetError
    return cls(message, needed=needed, budget=now.budget, timed_out=timed_out)


def _apply_environment() -> None:
    settings = from_environment()
    _backend.memory_set_budget(settings.budget or 0)
    _backend.memory_set_idle_limit(settings.idle_limit)
    _backend.memory_set_max_running(settings.max_concurrency or 0)
    set_wait_timeout(settings.wait_timeout)


def _settle_before_fork() -> None:
    # A multi-lane hash's last lane thread wipes its matrix after the call
    # returns; waiting for it keeps fork() from seeing that thread (CPython
    # warns about forking a multi-threaded process) and from leaving the
    # child a matrix of a thread it does not have.
    _backend.memory_settle()


_apply_environment()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_settle_before_fork)
