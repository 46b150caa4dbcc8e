"""PasswordHasher: the high-level API."""

from __future__ import annotations

import base64
import os
from typing import TYPE_CHECKING, ClassVar, Literal, NoReturn

from ._pepper import Pepper
from ._settings import get_settings
from ._utils import (
    Parameters,
    _check_types,
    extract_parameters,
    validate_params_for_platform,
)
from .exceptions import (
    InvalidHashError,
    VerifyMismatchError,
)
from .low_level import (
    Type,
    _enforce_limits,
    _hash,
    _verify_secret,
    error_to_str,
)
from .profiles import get_default_parameters

if TYPE_CHECKING:
    from collections.abc import Iterable

_DEFAULTS = get_default_parameters()

DEFAULT_RANDOM_SALT_LENGTH = _DEFAULTS.salt_len
DEFAULT_HASH_LENGTH = _DEFAULTS.hash_len
DEFAULT_TIME_COST = _DEFAULTS.time_cost
DEFAULT_MEMORY_COST = _DEFAULTS.memory_cost
DEFAULT_PARALLELISM = _DEFAULTS.parallelism

_NoneType = type(None)


def _ensure_bytes(value: str | bytes, encoding: str, name: str) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode(encoding)
    msg = f"'{name}' must be a str, or bytes (got {type(value).__name__})"
    raise TypeError(msg)


def _hash_bytes(hash: str | bytes) -> bytes:
    # An encoded hash is ASCII. A str that is not still becomes bytes (any
    # faithful encoding will do), so that the decoder refuses it exactly as it
    # refuses the same hash given as bytes.
    if isinstance(hash, str) and not hash.isascii():
        return hash.encode("utf-8", "surrogatepass")
    return _ensure_bytes(hash, "ascii", "hash")


def _peppers(
    secret: bytes | None, old_secrets: Iterable[bytes | None]
) -> tuple[Pepper | None, ...]:
    """The secrets in the order verify tries them, current first; None (or
    b"", the same to Argon2) is no pepper."""
    old = tuple(old_secrets)
    if not all(s is None or isinstance(s, bytes) for s in old):
        msg = "'old_secrets' must contain bytes or None only."
        raise TypeError(msg)
    if old and secret is None:
        msg = "'old_secrets' needs a current 'secret' to rotate to."
        raise ValueError(msg)
    return tuple(Pepper(s) if s else None for s in (secret, *old))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


_VERIFY_MISMATCH = -35


def _check_limit(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"'{name}' must be a int, or None (got {type(value).__name__})"
        raise TypeError(msg)
    if value < 1:
        msg = f"'{name}' must be at least 1 (got {value})"
        raise ValueError(msg)
    return value


class PasswordHasher:
    r"""Hash and verify passwords with Argon2 and sensible defaults.

    Hashes with Argon2\ **id** and a fresh random salt by default; verifies
    hashes of any Argon2 type, taking the parameters from the hash. The
    parameters are checked once, when the instance is created.

    Args:
        time_cost: Number of passes over memory.
        memory_cost: Memory to use, in kibibytes.
        parallelism: Number of lanes (changes the resulting hash).
        hash_len: Length of the tag in bytes.
        salt_len: Length of the random salt generated for each hash.
        encoding: Encoding for passwords (and hashes) given as ``str``.
        type: Argon2 variant; change only to interoperate with old systems.

    argon2-ft extensions (keyword-only):

    Args:
        secret: A pepper: Argon2's secret input K, mixed into every hash and
            needed to verify it, but never stored in the hash. Keep it out of
            the database.
        old_secrets: Previous peppers still accepted by :meth:`verify`, for
            rotating *secret*; :meth:`verify_and_rehash` moves a hash made
            with one of them to *secret*. ``None`` among them stands for no
            pepper: ``old_secrets=[None]`` introduces a pepper to a database
            of unpeppered hashes. Each rejected secret costs a full hash
            computation, so a wrong password costs ``1 + len(old_secrets)``
            hashes; :meth:`dummy_verify` costs the same for unknown users.
            The peppers are kept out of ``repr()``, pickles (a peppered
            PasswordHasher refuses to be pickled) and the local variables
            of tracebacks.
        max_threads: At most this many threads per hash or verification
            (default: the process-wide setting, see :doc:`/settings`, else one
            per lane; never more than the CPUs). A value above
            the parallelism lets a spare thread fault a large matrix in ahead
            of the computation. Never changes a hash.
        max_memory_cost, max_time_cost, max_parallelism: Limits for
            verification: a hash asking for more raises
            :class:`~argon2.exceptions.ParametersExceedLimitsError` before any
            memory is allocated, so a forged hash cannot exhaust the machine.
            ``None`` (the default): the process-wide setting (see
            :doc:`/settings`), else no limit.
    """

    __slots__ = (
        "_limits",
        "_max_threads",
        "_parameters",
        "_secrets",
        "encoding",
    )

    _parameters: Parameters
    encoding: str

    def __init__(
        self,
        time_cost: int = DEFAULT_TIME_COST,
        memory_cost: int = DEFAULT_MEMORY_COST,
        parallelism: int = DEFAULT_PARALLELISM,
        hash_len: int = DEFAULT_HASH_LENGTH,
        salt_len: int = DEFAULT_RANDOM_SALT_LENGTH,
        encoding: str = "utf-8",
        type: Type = Type.ID,
        *,
        secret: bytes | None = None,
        old_secrets: Iterable[bytes | None] = (),
        max_threads: int | None = None,
        max_memory_cost: int | None = None,
        max_time_cost: int | None = None,
        max_parallelism: int | None = None,
    ) -> None:
        problems = _check_types(
            time_cost=(time_cost, int),
            memory_cost=(memory_cost, int),
            parallelism=(parallelism, int),
            hash_len=(hash_len, int),
            salt_len=(salt_len, int),
            encoding=(encoding, str),
            type=(type, Type),
            secret=(secret, (bytes, _NoneType)),
        )
        if problems:
            raise TypeError(problems)
        peppers = _peppers(secret, old_secrets)

        params = Parameters(
            type=type,
            version=19,
            salt_len=salt_len,
            hash_len=hash_len,
            time_cost=time_cost,
            memory_cost=memory_cost,
            parallelism=parallelism,
        )
        validate_params_for_platform(params)

        self._parameters = params
        self.encoding = encoding
        self._secrets = peppers
        # An argument left at None takes the process-wide setting, if any.
        defaults = get_settings()
        self._max_threads = _check_limit("max_threads", max_threads)
        if self._max_threads is None:
            self._max_threads = defaults.max_threads
        self._limits = (
            _check_limit("max_memory_cost", max_memory_cost)
            or defaults.max_memory_cost,
            _check_limit("max_time_cost", max_time_cost) or defaults.max_time_cost,
            _check_limit("max_parallelism", max_parallelism)
            or defaults.max_parallelism,
        )

    @classmethod
    def from_parameters(
        cls,
        params: Parameters,
        *,
        secret: bytes | None = None,
        old_secrets: Iterable[bytes | None] = (),
        max_threads: int | None = None,
        max_memory_cost: int | None = None,
        max_time_cost: int | None = None,
        max_parallelism: int | None = None,
    ) -> PasswordHasher:
        """A PasswordHasher hashing with *params* (for example a profile from
        :mod:`argon2.profiles`); the keyword-only extensions are those of the
        constructor."""
        return cls(
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            salt_len=params.salt_len,
            type=params.type,
            secret=secret,
            old_secrets=old_secrets,
            max_threads=max_threads,
            max_memory_cost=max_memory_cost,
            max_time_cost=max_time_cost,
            max_parallelism=max_parallelism,
        )

    @property
    def time_cost(self) -> int:
        return self._parameters.time_cost

    @property
    def memory_cost(self) -> int:
        return self._parameters.memory_cost

    @property
    def parallelism(self) -> int:
        return self._parameters.parallelism

    @property
    def hash_len(self) -> int:
        return self._parameters.hash_len

    @property
    def salt_len(self) -> int:
        return self._parameters.salt_len

    @property
    def type(self) -> Type:
        return self._parameters.type

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        """Hash *password* and return the encoded hash.

        Args:
            password: The password; ``str`` is encoded with :attr:`encoding`.
            salt: Leave it None for a fresh random salt. Pass one only if you
                know exactly why.

        Raises:
            argon2.exceptions.HashingError: hashing failed.
        """
        params = self._parameters
        return _hash(
            encoded=True,
            secret=_ensure_bytes(password, self.encoding, "password"),
            salt=salt or os.urandom(params.salt_len),
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            type=params.type,
            version=19,
            key=self._secrets[0],
            ad=None,
            threads=self._max_threads,
            kernel=None,
        ).decode("ascii")

    _header_to_type: ClassVar[dict[bytes, Type]] = {
        b"$argon2i$": Type.I,
        b"$argon2d$": Type.D,
        b"$argon2id": Type.ID,
    }

    def _hash_type(self, hash: bytes) -> Type:
        try:
            return self._header_to_type[hash[:9]]
        except LookupError:
            raise InvalidHashError from None

    def _enforce_limits(self, hash: bytes) -> None:
        if self._limits != (None, None, None):
            _enforce_limits(hash, self._limits)

    def _verify(self, hash: str | bytes, password: str | bytes) -> int:
        """Verify; return the index in _secrets of the secret that matched."""
        encoded = _hash_bytes(hash)
        hash_type = self._hash_type(encoded)
        self._enforce_limits(encoded)
        secret = _ensure_bytes(password, self.encoding, "password")
        keys = self._secrets
        for index, key in enumerate(keys):
            try:
                _verify_secret(
                    encoded, secret, hash_type, key, None, self._max_threads, None
                )
            except VerifyMismatchError:
                if index == len(keys) - 1:
                    raise
            else:
                return index
        raise AssertionError  # pragma: no cover

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        """Check that *password* matches the encoded *hash*.

        The type and parameters come from *hash*; only the type is read in
        Python, everything else by libargon2's strict decoder.

        Returns:
            ``True``; every failure raises.

        Raises:
            argon2.exceptions.VerifyMismatchError: *password* does not match.
            argon2.exceptions.VerificationError: verification failed for
                another reason (a :class:`~argon2.exceptions.MalformedHashError`
                if *hash* cannot be decoded or holds out-of-range values).
            argon2.exceptions.InvalidHashError: *hash* is not an Argon2 hash
                at all.
            argon2.exceptions.ParametersExceedLimitsError: *hash* exceeds the
                limits given to the constructor.

        A non-ASCII *hash* is refused like any other undecodable one
        (:class:`~argon2.exceptions.InvalidHashError`, or
        :class:`~argon2.exceptions.MalformedHashError` when it starts like an
        Argon2 hash). This is stricter than argon2-cffi, which lets the
        :exc:`UnicodeEncodeError` of a non-ASCII ``str`` escape; both are
        subclasses of :exc:`ValueError`, so ``except ValueError`` handlers keep
        working.
        """
        self._verify(hash, password)
        return True

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        """Whether *hash* was made with other parameters than this instance's.

        Rehash passwords when this returns True (typically right after a
        successful :meth:`verify`, when the password is at hand). See also
        :meth:`verify_and_rehash`.

        The parameters are read by :func:`~argon2.extract_parameters`, as
        argon2-cffi reads them and without checking them: only :meth:`verify`
        decides whether *hash* is usable.

        Raises:
            argon2.exceptions.InvalidHashError: *hash* does not have the
                layout of an encoded hash, or is bytes that are not ASCII
                (argon2-cffi lets their :exc:`UnicodeDecodeError` escape, also
                a :exc:`ValueError`, as
                :class:`~argon2.exceptions.InvalidHashError` is).
        """
        if isinstance(hash, bytes):
            if not hash.isascii():
                raise InvalidHashError
            hash = hash.decode("ascii")
        return self._parameters != extract_parameters(hash)

    def verify_and_rehash(self, hash: str | bytes, password: str | bytes) -> str | None:
        """Verify *password* against *hash*, then return a new hash if *hash*
        should be replaced, else None.

        A new hash is returned when the parameters differ from this instance's
        or when *hash* matched one of *old_secrets* rather than *secret*.
        (argon2-ft extension)

        It raises everything :meth:`verify` raises.
        """
        matched = self._verify(hash, password)
        if matched == 0 and not self.check_needs_rehash(hash):
            return None
        return self.hash(password)

    def dummy_verify(self, password: str | bytes) -> NoReturn:
        """Spend on *password* what :meth:`verify` spends on a wrong password,
        then raise :class:`~argon2.exceptions.VerifyMismatchError`.

        For the login of a user that does not exist: answering at once, or
        after a single hash while a wrong password costs one hash per secret
        (``1 + len(old_secrets)``), tells an attacker which usernames exist.
        This verifies *password* against a random hash with this instance's
        parameters, trying every secret as :meth:`verify` does, so it costs
        exactly what a wrong password costs against a hash made by this
        instance. (argon2-ft extension)
        """
        params = self._parameters
        stand_in = (
            f"$argon2{params.type.name.lower()}$v=19"
            f"$m={params.memory_cost},t={params.time_cost},p={params.parallelism}"
            f"${_b64(os.urandom(params.salt_len))}${_b64(os.urandom(params.hash_len))}"
        )
        # A random tag matches no password (2**-256 for 32 bytes); whatever
        # happens, the answer is a mismatch.
        self._verify(stand_in, password)
        raise VerifyMismatchError(error_to_str(_VERIFY_MISMATCH))

    # --- asyncio (argon2-ft extension) -----------------------------------------
    # Each coroutine runs its sync twin in the event loop's default executor
    # (asyncio.to_thread): hashing releases the GIL, so the loop keeps running
    # while the hash computes, and a wait for memory happens off the loop too.
    # asyncio is imported on first use: it would double the import time.

    async def async_hash(
        self, password: str | bytes, *, salt: bytes | None = None
    ) -> str:
        """:meth:`hash` in a worker thread, without blocking the event loop.

        Runs in the loop's default executor (a bounded thread pool; see
        :doc:`/async`). Cancelling the awaiting task does not stop a hash
        already computing: it finishes in its thread and the result is dropped.
        (argon2-ft extension)
        """
        import asyncio  # noqa: PLC0415

        return await asyncio.to_thread(self.hash, password, salt=salt)

    async def async_verify(
        self, hash: str | bytes, password: str | bytes
    ) -> Literal[True]:
        """:meth:`verify` in a worker thread, without blocking the event loop;
        it raises what :meth:`verify` raises. (argon2-ft extension)"""
        import asyncio  # noqa: PLC0415

        return await asyncio.to_thread(self.verify, hash, password)

    async def async_verify_and_rehash(
        self, hash: str | bytes, password: str | bytes
    ) -> str | None:
        """:meth:`verify_and_rehash` in a worker thread, without blocking the
        event loop; it raises what :meth:`verify` raises. (argon2-ft
        extension)"""
        import asyncio  # noqa: PLC0415

        return await asyncio.to_thread(self.verify_and_rehash, hash, password)
