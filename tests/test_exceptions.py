from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argon2
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


def _import_argon2_in(site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Import argon2 from a copy of the installed package inside *site_dir*."""
    shutil.copytree(Path(argon2.__file__).parent, site_dir / "argon2")
    return subprocess.run(
        [sys.executable, "-c", "import argon2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(site_dir)},
        cwd=site_dir,
    )


@pytest.mark.thread_unsafe
def test_conflicting_install_warns(tmp_path: Path) -> None:
    (tmp_path / "argon2_cffi-25.1.0.dist-info").mkdir()
    result = _import_argon2_in(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ConflictingInstallWarning" in result.stderr
    assert "argon2-cffi is installed in the same environment as argon2-ft" in (
        result.stderr
    )
    assert result.stderr.count("Warning") == 1


@pytest.mark.thread_unsafe
def test_no_warning_without_argon2_cffi(tmp_path: Path) -> None:
    (tmp_path / "argon2_cffi_bindings-26.2.0.dist-info").mkdir()
    result = _import_argon2_in(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
