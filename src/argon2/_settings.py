"""Process-wide defaults for hashers that frameworks build themselves.

Django, passlib and pwdlib create their own PasswordHasher or call low_level
directly, so the per-hasher options (threads per hash, verification limits)
are out of their users' reach. These defaults fill them in wherever an
explicit argument is absent. Precedence, per value: an explicit argument, then
:func:`configure`, then the environment (read once, on first use), then the
built-in default (none).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from typing import Final

__all__ = ["ENVIRONMENT", "Settings", "configure", "get_settings"]

_UINT32_MAX: Final = 0xFFFFFFFF

ENVIRONMENT: Final = {
    "max_threads": "ARGON2_FT_MAX_THREADS",
    "max_memory_cost": "ARGON2_FT_MAX_MEMORY_COST",
    "max_time_cost": "ARGON2_FT_MAX_TIME_COST",
    "max_parallelism": "ARGON2_FT_MAX_PARALLELISM",
}
"""The environment variable behind each setting."""


@dataclass(frozen=True)
class Settings:
    """Process-wide defaults; ``None``: no default (one thread per lane, no
    verification limit). (argon2-ft extension)

    Attributes:
        max_threads: Threads per hash, for every
            :class:`~argon2.PasswordHasher` created without ``max_threads``
            and every :mod:`argon2.low_level` call without ``threads``.
        max_memory_cost: Verification limit in KiB, for every
            :class:`~argon2.PasswordHasher` created without
            ``max_memory_cost`` and every
            :func:`argon2.low_level.verify_secret` call.
        max_time_cost: Verification limit on the passes, likewise.
        max_parallelism: Verification limit on the lanes, likewise.
    """

    max_threads: int | None = None
    max_memory_cost: int | None = None
    max_time_cost: int | None = None
    max_parallelism: int | None = None


class _Keep:
    """The default of :func:`configure`'s arguments: leave that value alone."""

    def __repr__(self) -> str:
        return "KEEP"


_KEEP: Final = _Keep()

_lock = threading.Lock()
_environment: Settings | None = None  # read on first use
_configured: dict[str, int] = {}  # set through configure()
_effective: Settings | None = None  # the two merged; replaced, never mutated


def _check(name: str, value: object, source: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"{source} must be a whole number (got {value!r})"
        raise TypeError(msg)
    if not 1 <= value <= _UINT32_MAX:
        msg = f"{source} must be from 1 to {_UINT32_MAX} (got {value}) for {name}"
        raise ValueError(msg)
    return value


def _read_environment() -> Settings:
    values: dict[str, int] = {}
    for name, variable in ENVIRONMENT.items():
        text = os.environ.get(variable, "").strip()
        if not text:  # unset or empty: no setting
            continue
        try:
            number = int(text, 10)
        except ValueError:
            msg = (
                f"environment variable {variable} must be a whole number (got {text!r})"
            )
            raise ValueError(msg) from None
        values[name] = _check(name, number, f"environment variable {variable}")
    return Settings(**values)


def get_settings() -> Settings:
    """The process-wide settings in effect. (argon2-ft extension)

    The environment is read on the first call (or the first hasher or
    :mod:`argon2.low_level` call); a bad value raises :exc:`ValueError`
    naming the variable, then and on every later call.
    """
    effective = _effective
    if effective is not None:
        return effective
    return _merge()


def _merge() -> Settings:
    global _environment, _effective  # noqa: PLW0603
    with _lock:
        if _environment is None:
            _environment = _read_environment()
        _effective = replace(_environment, **_configured)
        return _effective


def configure(
    *,
    max_threads: int | _Keep | None = _KEEP,
    max_memory_cost: int | _Keep | None = _KEEP,
    max_time_cost: int | _Keep | None = _KEEP,
    max_parallelism: int | _Keep | None = _KEEP,
) -> Settings:
    """Set process-wide defaults and return the settings now in effect.
    (argon2-ft extension)

    Each argument given as a number overrides its environment variable;
    ``None`` removes the value set here (the environment applies again);
    an argument left out is left alone. Hashers read the settings when they
    are created, the :mod:`argon2.low_level` functions on every call: call
    this at start-up, before creating hashers.

    Raises:
        TypeError: a value is not a whole number.
        ValueError: a value is below 1 or above 2**32 - 1, or an environment
            variable holds a bad value.
    """
    given = {
        "max_threads": max_threads,
        "max_memory_cost": max_memory_cost,
        "max_time_cost": max_time_cost,
        "max_parallelism": max_parallelism,
    }
    checked: dict[str, int | None] = {}
    for name, value in given.items():
        if isinstance(value, _Keep):
            continue
        checked[name] = None if value is None else _check(name, value, name)
    get_settings()  # a bad environment fails here, before anything changes
    global _effective  # noqa: PLW0603
    with _lock:
        for name, value in checked.items():
            if value is None:
                _configured.pop(name, None)
            else:
                _configured[name] = value
        _effective = None
    return _merge()


def _reset_for_tests() -> None:
    """Forget configure() and the environment read (tests only)."""
    global _environment, _effective  # noqa: PLW0603
    with _lock:
        _environment = None
        _effective = None
        _configured.clear()
