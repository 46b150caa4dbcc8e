from __future__ import annotations

import pytest

from argon2 import exceptions as e


def test_hierarchy_matches_argon2_cffi() -> None:
    assert issubclass(e.Argon2Error, Exception)
    assert issubclass(e.VerificationError, e.Argon2Error)
    assert issubclass(e.VerifyMismatchError, e.VerificationError)
    assert issubclass(e.HashingError, e.Argon2Error)
    assert issubclass(e.InvalidHashError, ValueError)
    assert not issubclass(e.InvalidHashError, e.Argon2Error)
    assert issubclass(e.UnsupportedParametersError, ValueError)
    assert e.InvalidHash is e.InvalidHashError


@pytest.mark.parametrize("cls", [e.MalformedHashError, e.ParametersExceedLimitsError])
def test_extensions_are_caught_by_both_handlers(cls: type[Exception]) -> None:
    for base in (e.VerificationError, e.InvalidHashError, ValueError, e.Argon2Error):
        with pytest.raises(base):
            raise cls("x")  # noqa: EM101
    assert not issubclass(cls, e.VerifyMismatchError)


def test_conflict_warning_is_a_user_warning() -> None:
    assert issubclass(e.ConflictingInstallWarning, UserWarning)


def test_message_in_args() -> None:
    assert e.VerificationError("Decoding failed").args == ("Decoding failed",)
