"""Process-wide defaults: environment, configure(), precedence, validation."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

import argon2
from argon2 import PasswordHasher, low_level
from argon2._settings import ENVIRONMENT, _reset_for_tests
from argon2.exceptions import ParametersExceedLimitsError

if TYPE_CHECKING:
    from collections.abc import Iterator

# Process-wide state: never alongside other threads' tests.
pytestmark = pytest.mark.thread_unsafe

BIG = PasswordHasher(time_cost=2, memory_cost=64, parallelism=2).hash("pw")


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)
    _reset_for_tests()
    yield
    _reset_for_tests()


def test_defaults_are_none() -> None:
    assert argon2.get_settings() == argon2.Settings()
    ph = PasswordHasher()
    assert ph._max_threads is None
    assert ph._limits == (None, None, None)
    assert low_level._threads(None) == 0


def test_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGON2_FT_MAX_THREADS", "1")
    monkeypatch.setenv("ARGON2_FT_MAX_MEMORY_COST", " 32 ")
    monkeypatch.setenv("ARGON2_FT_MAX_TIME_COST", "1")
    monkeypatch.setenv("ARGON2_FT_MAX_PARALLELISM", "")  # empty: not set
    assert argon2.get_settings() == argon2.Settings(
        max_threads=1, max_memory_cost=32, max_time_cost=1
    )
    ph = PasswordHasher()
    assert ph._max_threads == 1
    assert low_level._threads(None) == 1
    assert low_level._threads(3) == 3  # an explicit argument wins
    with pytest.raises(ParametersExceedLimitsError, match="memory_cost"):
        ph.verify(BIG, "pw")


def test_environment_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGON2_FT_MAX_TIME_COST", "5")
    assert argon2.get_settings().max_time_cost == 5
    monkeypatch.setenv("ARGON2_FT_MAX_TIME_COST", "6")
    assert argon2.get_settings().max_time_cost == 5


def test_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGON2_FT_MAX_MEMORY_COST", "16")
    monkeypatch.setenv("ARGON2_FT_MAX_THREADS", "3")
    # environment > built-in default
    assert PasswordHasher()._limits[0] == 16
    # configure() wins over the environment
    settings = argon2.configure(max_memory_cost=32)
    assert settings.max_memory_cost == 32
    assert settings.max_threads == 3  # left alone
    assert PasswordHasher()._limits[0] == 32
    # explicit argument > configure()
    ph = PasswordHasher(max_memory_cost=64, max_threads=2)
    assert ph._limits[0] == 64
    assert ph._max_threads == 2
    assert ph.verify(BIG, "pw")
    # None removes the configured value: the environment applies again
    assert argon2.configure(max_memory_cost=None).max_memory_cost == 16


def test_configure_then_verify() -> None:
    argon2.configure(max_parallelism=1, max_threads=1)
    with pytest.raises(ParametersExceedLimitsError, match="parallelism"):
        PasswordHasher().verify(BIG, "pw")
    assert low_level._threads(None) == 1
    argon2.configure(max_parallelism=None, max_threads=None)
    assert PasswordHasher().verify(BIG, "pw")
    assert low_level._threads(None) == 0


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"max_threads": 0}, ValueError, "max_threads must be from 1 to 4294967295"),
        ({"max_time_cost": 2**32}, ValueError, "(got 4294967296)"),
        ({"max_memory_cost": "64"}, TypeError, "must be a whole number (got '64')"),
        ({"max_parallelism": True}, TypeError, "must be a whole number"),
        ({"max_threads": 1.5}, TypeError, "must be a whole number"),
    ],
)
def test_configure_rejects(
    kwargs: dict[str, object], error: type[Exception], text: str
) -> None:
    with pytest.raises(error, match=text.replace("(", r"\(").replace(")", r"\)")):
        argon2.configure(**kwargs)  # type: ignore[arg-type]
    assert argon2.get_settings() == argon2.Settings()  # nothing changed


def test_configure_rejects_unknown_names() -> None:
    with pytest.raises(TypeError):
        argon2.configure(max_memory=1)  # type: ignore[call-arg]


@pytest.mark.parametrize("value", ["abc", "0", "-2", "1.5", "4294967296", "0x10"])
def test_bad_environment_is_a_clear_error_at_first_use(value: str) -> None:
    code = (
        "import argon2\n"  # importing still works
        "try:\n"
        "    argon2.PasswordHasher()\n"
        "except ValueError as e:\n"
        "    print(e)\n"
        "else:\n"
        "    print('accepted')\n"
    )
    env = dict(os.environ, ARGON2_FT_MAX_MEMORY_COST=value)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("environment variable ARGON2_FT_MAX_MEMORY_COST")
    assert repr(value) in result.stdout or value in result.stdout


def test_bad_environment_fails_low_level_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGON2_FT_MAX_THREADS", "many")
    with pytest.raises(ValueError, match="ARGON2_FT_MAX_THREADS"):
        low_level.hash_secret_raw(b"pw", b"saltsalt", 1, 8, 1, 8, low_level.Type.ID)
    with pytest.raises(ValueError, match="ARGON2_FT_MAX_THREADS"):
        argon2.configure(max_threads=1)  # a bad environment is never skipped


def test_threads_setting_does_not_change_hashes() -> None:
    salt = b"saltsalt"
    wide = low_level.hash_secret(b"pw", salt, 1, 64, 4, 16, low_level.Type.ID)
    argon2.configure(max_threads=1)
    assert low_level.hash_secret(b"pw", salt, 1, 64, 4, 16, low_level.Type.ID) == wide


def test_process_limits_reach_low_level_verify_secret() -> None:
    # passlib verifies through low_level.verify_secret: the limits must hold there.
    encoded = BIG.encode()
    assert low_level.verify_secret(encoded, b"pw", low_level.Type.ID)
    argon2.configure(max_memory_cost=16)
    with pytest.raises(ParametersExceedLimitsError, match="memory_cost"):
        low_level.verify_secret(encoded, b"pw", low_level.Type.ID)
    argon2.configure(max_memory_cost=None, max_parallelism=1)
    with pytest.raises(ParametersExceedLimitsError, match="parallelism"):
        low_level.verify_secret(encoded, b"pw", low_level.Type.ID)
    argon2.configure(max_parallelism=None)
    assert low_level.verify_secret(encoded, b"pw", low_level.Type.ID)
