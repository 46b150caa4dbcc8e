"""Exceptions and warnings raised by argon2."""

from __future__ import annotations

__all__ = [
    "Argon2Error",
    "ConflictingInstallWarning",
    "HashingError",
    "HashingMemoryBudgetError",
    "InvalidHash",
    "InvalidHashError",
    "MalformedHashError",
    "MemoryBudgetError",
    "ParametersExceedLimitsError",
    "UnsupportedParametersError",
    "VerificationError",
    "VerificationMemoryBudgetError",
    "VerifyMismatchError",
]


class Argon2Error(Exception):
    """Base class of the errors raised by hashing and verification; only its
    subclasses are ever raised."""


class VerificationError(Argon2Error):
    """Verification did not succeed; ``args[0]`` holds libargon2's message."""


class VerifyMismatchError(VerificationError):
    """The password (secret) does not match the hash."""


class HashingError(Argon2Error):
    """Hashing did not succeed; ``args[0]`` holds libargon2's message."""


class InvalidHashError(ValueError):
    """The hash is not a usable encoded Argon2 hash."""


class UnsupportedParametersError(ValueError):
    """This platform cannot run the requested parameters (for example,
    WebAssembly runs a single lane only)."""


class MalformedHashError(VerificationError, InvalidHashError):
    """The encoded hash could not be decoded, including a hash of another
    Argon2 type than the one asked for, or a value in it is out of range (a
    salt or tag too short, a zero cost, too little memory for its lanes, ...).
    ``args[0]`` is libargon2's message, such as "Decoding failed" or "Salt is
    too short".

    argon2-ft extension: it is both a :class:`VerificationError` (what
    argon2-cffi raises in this case) and an :class:`InvalidHashError`, so
    handlers written for either keep working.
    """


class ParametersExceedLimitsError(VerificationError, InvalidHashError):
    """The hash asks for more memory, time or lanes than the limits given to
    :class:`argon2.PasswordHasher` allow; raised before any work or memory is
    spent on it.

    argon2-ft extension; both a :class:`VerificationError` and an
    :class:`InvalidHashError`.
    """


class MemoryBudgetError(Argon2Error):
    """The process-wide memory budget (:mod:`argon2.memory`) had no room for
    the hash: it needs more than the whole budget (raised at once), or it
    waited the wait limit for others to finish (*timed_out*).

    argon2-ft extension. Only its subclasses are raised:
    :class:`HashingMemoryBudgetError` when hashing and
    :class:`VerificationMemoryBudgetError` when verifying, so handlers of
    :class:`HashingError` and :class:`VerificationError` see them too.
    """

    def __init__(
        self, message: str, *, needed: int, budget: int | None, timed_out: bool
    ) -> None:
        super().__init__(message)
        self.needed = needed
        """Bytes the hash asked for."""
        self.budget = budget
        """The budget in bytes when it was refused (None when there was none)."""
        self.timed_out = timed_out
        """True if it waited and gave up, False if it can never fit."""


class HashingMemoryBudgetError(MemoryBudgetError, HashingError):
    """:class:`MemoryBudgetError` while hashing; a :class:`HashingError`."""


class VerificationMemoryBudgetError(MemoryBudgetError, VerificationError):
    """:class:`MemoryBudgetError` while verifying; a
    :class:`VerificationError`, so frameworks that read that as a failed
    login treat a login refused for memory as one."""


class ConflictingInstallWarning(UserWarning):
    """argon2-cffi is installed next to argon2-ft; both provide the import
    package ``argon2`` and overwrite each other's files."""


InvalidHash = InvalidHashError
"""Deprecated alias of :class:`InvalidHashError`, kept for compatibility."""
