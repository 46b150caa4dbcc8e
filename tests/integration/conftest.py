"""Shared gating for the integration suite.

Which ``argon2`` is under test
    By default the installed ``argon2`` package must come from the ``argon2-ft``
    distribution; the suite fails (not skips) otherwise, so it can never pass
    while silently exercising another implementation.  Setting
    ``ARGON2_FT_INTEGRATION_REFERENCE=argon2-cffi`` runs the same tests against
    argon2-cffi as a behavioural baseline.

Optional libraries
    Each test module skips when the library it drives is missing.  Listing
    distributions in ``ARGON2_FT_INTEGRATION_REQUIRE`` (comma or space
    separated, e.g. ``passlib django pwdlib`` or ``libpass``) turns those skips
    into failures, so a CI run cannot become vacuous.
"""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
import os
import re
import warnings
from pathlib import Path
from types import ModuleType

import pytest

REFERENCE_ENV = "ARGON2_FT_INTEGRATION_REFERENCE"
REQUIRE_ENV = "ARGON2_FT_INTEGRATION_REQUIRE"
KNOWN_ARGON2_DISTRIBUTIONS = ("argon2-ft", "argon2-cffi")

# Cheap parameters so every hash costs well under a millisecond or two.
CHEAP_TIME_COST = 1
CHEAP_MEMORY_COST = 64
CHEAP_PARALLELISM = 2


def is_installed(distribution: str) -> bool:
    try:
        metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def required_distributions() -> set[str]:
    raw = os.environ.get(REQUIRE_ENV, "")
    return {_normalize(name) for name in re.split(r"[,\s]+", raw) if name}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def expected_argon2_distribution() -> str:
    return _normalize(os.environ.get(REFERENCE_ENV, "argon2-ft"))


def argon2_problem() -> str | None:
    """Return why the importable ``argon2`` is not the one under test, or None."""
    expected = expected_argon2_distribution()
    if expected not in KNOWN_ARGON2_DISTRIBUTIONS:
        return f"{REFERENCE_ENV}={expected!r} is not one of {KNOWN_ARGON2_DISTRIBUTIONS}"
    present = [name for name in KNOWN_ARGON2_DISTRIBUTIONS if is_installed(name)]
    if expected not in present:
        return f"{expected} is not installed (installed: {present or 'none'})"
    if len(present) > 1:
        return f"{present} are all installed and share the 'argon2' package; install only {expected}"
    import argon2

    # Regular installs list their files; the module must be one of them.
    # Editable installs list none, and the presence check above has to do.
    dist = metadata.distribution(expected)
    owned = {
        Path(str(dist.locate_file(entry))).resolve()
        for entry in dist.files or ()
        if entry.parts[:1] == ("argon2",)
    }
    module_file = Path(argon2.__file__ or "").resolve()
    if owned and module_file not in owned:
        return f"'argon2' is imported from {module_file}, which {expected} did not install"
    return None


@pytest.fixture(scope="session", autouse=True)
def argon2_under_test() -> ModuleType:
    """The installed ``argon2`` package, checked to be the implementation under test."""
    problem = argon2_problem()
    if problem is not None:
        pytest.fail(f"integration suite cannot run: {problem}", pytrace=False)
    import argon2

    return argon2


def import_library(module: str, distributions: tuple[str, ...]) -> ModuleType:
    """Import a third-party module for a test module, skipping when it is absent.

    ``distributions`` names the distributions that may provide ``module``; if
    one of them is listed in ``ARGON2_FT_INTEGRATION_REQUIRE`` a missing
    module fails instead of skipping.
    """
    wanted = required_distributions() & {_normalize(d) for d in distributions}
    try:
        with warnings.catch_warnings():
            # passlib 1.7.4 imports the stdlib ``crypt`` module, deprecated in
            # Python 3.11+; nothing about it concerns argon2.
            warnings.filterwarnings(
                "ignore", message="'crypt' is deprecated", category=DeprecationWarning
            )
            return importlib.import_module(module)
    except ImportError as exc:
        if wanted:
            pytest.fail(
                f"{sorted(wanted)} required by {REQUIRE_ENV} but {module!r} cannot be imported: {exc}",
                pytrace=False,
            )
        pytest.skip(
            f"{module!r} is not installed (from {' or '.join(distributions)}): {exc}",
            allow_module_level=True,
        )
