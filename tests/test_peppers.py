"""Peppers (PasswordHasher's secret and old_secrets): what an unknown user
costs next to a wrong password, introducing a pepper to an unpeppered
database, and where the pepper bytes must never show up."""

from __future__ import annotations

import copy
import pickle
import traceback
from typing import TYPE_CHECKING, Any

import pytest

from argon2 import PasswordHasher, _backend, extract_parameters
from argon2.exceptions import HashingError, VerificationError, VerifyMismatchError

if TYPE_CHECKING:
    from collections.abc import Callable

CHEAP = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


class BackendCalls:
    """Counts the hash computations that reach the backend."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.verified: list[bytes] = []
        self.hashed = 0
        verify, hash_encoded, hash_raw = (
            _backend.verify,
            _backend.hash_encoded,
            _backend.hash_raw,
        )

        def counting_verify(*args: Any) -> int:
            self.verified.append(bytes(args[1]))
            return verify(*args)

        def counting(function: Callable[..., Any]) -> Callable[..., Any]:
            def call(*args: Any) -> Any:
                self.hashed += 1
                return function(*args)

            return call

        monkeypatch.setattr(_backend, "verify", counting_verify)
        monkeypatch.setattr(_backend, "hash_encoded", counting(hash_encoded))
        monkeypatch.setattr(_backend, "hash_raw", counting(hash_raw))

    def take(self) -> tuple[int, int, list[bytes]]:
        taken = (len(self.verified), self.hashed, self.verified)
        self.verified, self.hashed = [], 0
        return taken


def _same_parameters(encoded: bytes, stored: str) -> bool:
    return extract_parameters(encoded.decode()) == extract_parameters(stored)


@pytest.mark.thread_unsafe  # patches the backend module
@pytest.mark.parametrize("old", [0, 1, 3])
def test_unknown_user_costs_what_a_wrong_password_costs(
    monkeypatch: pytest.MonkeyPatch, old: int
) -> None:
    olds = [b"old %d" % i for i in range(old)]
    ph = PasswordHasher(**CHEAP, secret=b"pepper" if old else None, old_secrets=olds)
    stored = ph.hash("right")
    calls = BackendCalls(monkeypatch)

    with pytest.raises(VerifyMismatchError):
        ph.verify(stored, "wrong")
    wrong_verifies, wrong_hashes, _ = calls.take()
    with pytest.raises(VerifyMismatchError) as info:
        ph.dummy_verify("wrong")
    dummy_verifies, dummy_hashes, verified = calls.take()

    assert wrong_verifies == dummy_verifies == 1 + old
    assert wrong_hashes == dummy_hashes == 0
    # Against a hash of the hasher's own parameters, each time a fresh one.
    assert all(_same_parameters(encoded, stored) for encoded in verified)
    assert info.value.args == ("The password does not match the supplied hash",)


def test_dummy_verify_never_succeeds() -> None:
    ph = PasswordHasher(**CHEAP, secret=b"pepper", old_secrets=[b"old"])
    for password in ("", "right", b"right"):
        with pytest.raises(VerifyMismatchError):
            ph.dummy_verify(password)
    with pytest.raises(TypeError):
        ph.dummy_verify(None)  # type: ignore[arg-type]


def test_introducing_a_pepper_with_old_secrets_none() -> None:
    plain = PasswordHasher(**CHEAP)
    unpeppered = plain.hash("pw")
    ph = PasswordHasher(**CHEAP, secret=b"pepper", old_secrets=[None])
    assert ph.verify(unpeppered, "pw")
    with pytest.raises(VerifyMismatchError):
        ph.verify(unpeppered, "wrong")
    peppered = ph.verify_and_rehash(unpeppered, "pw")
    assert peppered is not None
    with pytest.raises(VerifyMismatchError):
        plain.verify(peppered, "pw")
    assert ph.verify_and_rehash(peppered, "pw") is None
    # b"" is no pepper either, and from_parameters passes None through.
    assert PasswordHasher(**CHEAP, secret=b"pepper", old_secrets=[b""]).verify(
        unpeppered, "pw"
    )
    other = PasswordHasher.from_parameters(
        plain._parameters, secret=b"pepper", old_secrets=[None]
    )
    assert other.verify(unpeppered, "pw")


PEPPER = b"current-pepper-7f3a9c"
OLD_PEPPER = b"old-pepper-2b8e51"


def _leaks(text: str) -> list[str]:
    return [
        marker
        for marker in ("current-pepper-7f3a9c", "old-pepper-2b8e51", "7f3a9c", "2b8e51")
        if marker in text
    ]


def _locals_dump(call: Callable[[], object]) -> str:
    try:
        call()
    except (VerificationError, HashingError, ValueError) as exc:
        dump = traceback.TracebackException.from_exception(exc, capture_locals=True)
        return "".join(dump.format())
    msg = "no exception"
    raise AssertionError(msg)  # pragma: no cover


@pytest.fixture
def peppered() -> PasswordHasher:
    return PasswordHasher(**CHEAP, secret=PEPPER, old_secrets=[OLD_PEPPER])


def test_repr_does_not_show_peppers(peppered: PasswordHasher) -> None:
    assert _leaks(repr(peppered)) == []
    assert _leaks(repr(peppered._secrets)) == []


def test_pickling_a_peppered_hasher_is_refused(peppered: PasswordHasher) -> None:
    # Protocols 0 and 1 cannot pickle a class with __slots__ at all.
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="with a secret"):
            pickle.dumps(peppered, protocol)
    # Without a pepper there is nothing to hide.
    plain = pickle.loads(pickle.dumps(PasswordHasher(**CHEAP)))  # noqa: S301
    assert plain.verify(plain.hash("pw"), "pw")


def test_copies_keep_working(peppered: PasswordHasher) -> None:
    stored = peppered.hash("pw")
    for duplicate in (copy.copy(peppered), copy.deepcopy(peppered)):
        assert duplicate.verify(stored, "pw")


def test_tracebacks_with_locals_do_not_show_peppers(peppered: PasswordHasher) -> None:
    stored = peppered.hash("pw")
    old_hash = PasswordHasher(**CHEAP, secret=OLD_PEPPER).hash("pw")
    failures: list[Callable[[], object]] = [
        lambda: peppered.verify(stored, "wrong"),
        lambda: peppered.verify(old_hash, "wrong"),
        lambda: peppered.verify_and_rehash(stored, "wrong"),
        lambda: peppered.verify(stored[:-2], "pw"),
        lambda: peppered.verify("$argon2id$nonsense", "pw"),
        lambda: peppered.dummy_verify("pw"),
        lambda: peppered.hash("pw", salt=b"short"),
    ]
    for failure in failures:
        text = _locals_dump(failure)
        assert "Traceback" in text
        assert _leaks(text) == [], text
