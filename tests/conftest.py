"""Shared pytest setup: the suite tests the installed package, never src/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import argon2
from argon2 import PasswordHasher, profiles

# On a 2-core CI machine deadlines measure the machine, not the code.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("default", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

_SRC = Path(__file__).resolve().parent.parent / "src"

# Test modules share tests/_helpers.py: make it importable once, before any
# of them is collected, whichever file is run first or alone.
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_report_header() -> list[str]:
    line = (
        f"argon2 from {Path(argon2.__file__).parent}, "
        f"backend {argon2.low_level.backend_name()}, "
        f"kernel {argon2.low_level.kernel_name()}"
    )
    return [line]


def pytest_configure(config: pytest.Config) -> None:
    package = Path(argon2.__file__).resolve()
    if _SRC in package.parents:
        msg = f"tests must import the installed argon2, not {package}"
        raise pytest.UsageError(msg)


@pytest.fixture
def cheap() -> PasswordHasher:
    """A PasswordHasher that is fast to run (useless for real passwords)."""
    return PasswordHasher.from_parameters(profiles.CHEAPEST)
