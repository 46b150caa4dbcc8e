"""Gating for the integration suite.

Which ``argon2`` is under test
    By default the installed ``argon2`` package must come from the ``argon2-ft``
    distribution; every test errors otherwise, so the suite can never pass
    while exercising another implementation.  Setting
    ``ARGON2_FT_INTEGRATION_REFERENCE=argon2-cffi`` runs the same tests against
    argon2-cffi as a behavioural baseline.

Optional libraries
    Each test module skips when the library it drives is missing.
    ``--require-integration=passlib,django,pwdlib`` (or the same list in
    ``ARGON2_FT_INTEGRATION_REQUIRE``) names distributions that must be
    installed -- ``passlib`` or ``libpass`` for the shared ``passlib``
    package -- and stops the run with a usage error if one is not.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from ._support import REQUIRE_ENV, argon2_problem, required_problems, split_names

if TYPE_CHECKING:
    from types import ModuleType

OPTION = "--require-integration"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        OPTION,
        default="",
        help="comma-separated library distributions the integration tests must find",
    )


def required_libraries(config: pytest.Config) -> set[str]:
    # The option exists only when this conftest is loaded at start-up
    # (tests/integration named on the command line).
    option = config.getoption(OPTION, default="") or ""
    return split_names(str(option)) | split_names(os.environ.get(REQUIRE_ENV, ""))


def pytest_configure(config: pytest.Config) -> None:
    problems = required_problems(required_libraries(config))
    if problems:
        msg = "integration libraries missing: " + "; ".join(problems)
        raise pytest.UsageError(msg)


@pytest.fixture(scope="session", autouse=True)
def argon2_under_test() -> ModuleType:
    """The installed ``argon2`` package, checked to be the implementation under test."""
    problem = argon2_problem()
    if problem is not None:
        pytest.fail(f"integration suite cannot run: {problem}", pytrace=False)
    import argon2

    return argon2
