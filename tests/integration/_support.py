"""Helpers shared by the integration tests (kept out of conftest.py so test
modules can import them without re-importing the conftest plugin)."""

from __future__ import annotations

import importlib
import os
import re
import warnings
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

REFERENCE_ENV = "ARGON2_FT_INTEGRATION_REFERENCE"
REQUIRE_ENV = "ARGON2_FT_INTEGRATION_REQUIRE"
KNOWN_ARGON2_DISTRIBUTIONS = ("argon2-ft", "argon2-cffi")

# Distribution -> the import package it provides (passlib and libpass share one).
LIBRARIES = {
    "passlib": "passlib",
    "libpass": "passlib",
    "django": "django",
    "pwdlib": "pwdlib",
}

# Cheap parameters so every hash costs well under a millisecond or two.
CHEAP_TIME_COST = 1
CHEAP_MEMORY_COST = 64
CHEAP_PARALLELISM = 2


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def split_names(raw: str) -> set[str]:
    return {normalize(name) for name in re.split(r"[,\s]+", raw) if name}


def is_installed(distribution: str) -> bool:
    try:
        dist = metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return False
    # argon2-ft answers lookups for argon2-cffi with alias metadata that has no files.
    return "provided by argon2-ft" not in (dist.metadata["Summary"] or "")


def providers_of(package: str) -> list[str]:
    """Distributions that installed the import package ``package``."""
    found = metadata.packages_distributions().get(package, [])
    return sorted({normalize(name) for name in found})


def required_problems(required: set[str]) -> list[str]:
    """Why each required library distribution is not usable (empty when all are)."""
    problems = []
    for name in sorted(required):
        if name not in LIBRARIES:
            problems.append(f"unknown library {name!r} (known: {sorted(LIBRARIES)})")
            continue
        package = LIBRARIES[name]
        found = providers_of(package) or "nothing"
        if found != [name]:
            problems.append(f"{name} is required but {package!r} comes from {found}")
    return problems


def expected_argon2_distribution() -> str:
    return normalize(os.environ.get(REFERENCE_ENV, "argon2-ft"))


def argon2_problem() -> str | None:
    """Return why the importable ``argon2`` is not the one under test, or None."""
    expected = expected_argon2_distribution()
    if expected not in KNOWN_ARGON2_DISTRIBUTIONS:
        return f"{REFERENCE_ENV}={expected!r}: not in {KNOWN_ARGON2_DISTRIBUTIONS}"
    present = [name for name in KNOWN_ARGON2_DISTRIBUTIONS if is_installed(name)]
    if expected not in present:
        return f"{expected} is not installed (installed: {present or 'none'})"
    if len(present) > 1:
        return f"{present} share the 'argon2' package; install only {expected}"
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
        return f"'argon2' is loaded from {module_file}, not installed by {expected}"
    return None


def import_library(module: str) -> ModuleType:
    """Import a third-party module for a test module, or skip that module.

    Skips are turned into a usage error by ``--require-integration`` (see
    conftest.py), so a CI run cannot pass by skipping everything.
    """
    try:
        with warnings.catch_warnings():
            # passlib 1.7.4 imports the stdlib ``crypt`` module, deprecated
            # since Python 3.11; nothing about it concerns argon2.
            warnings.filterwarnings(
                "ignore", message="'crypt' is deprecated", category=DeprecationWarning
            )
            return importlib.import_module(module)
    except ImportError as exc:
        pytest.skip(f"{module!r} is not installed: {exc}", allow_module_level=True)


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def corrupted_hashes(encoded: str) -> dict[str, str]:
    """Damaged copies of the PHC string *encoded* (``$argon2id$v=19$m=...``),
    by what was done to them: what a stored hash can suffer in a database,
    a migration or an attacker's hands.

    The salt text stays ASCII with a length that Base64 can have: frameworks
    decode the salt themselves (Django's decode() does, before any argon2
    call), and that code is theirs.
    """
    _, kind, version, params, salt, tag = encoded.split("$")
    m, t, p = (field.split("=")[1] for field in params.split(","))
    head = f"${kind}${version}"

    def with_params(text: str) -> str:
        return f"{head}${text}${salt}${tag}"

    stray = _B64[_B64.index(tag[-1]) | 1]  # nonzero bits past the tag's end
    return {
        "padded tag": f"{encoded}==",
        "padded salt": f"{head}${params}${salt}==${tag}",
        "salt below 8 bytes": f"{head}${params}$c2FsdA${tag}",
        "leading zero in m": with_params(f"m=0{m},t={t},p={p}"),
        "leading zero in t": with_params(f"m={m},t=0{t},p={p}"),
        "plus sign": with_params(f"m=+{m},t={t},p={p}"),
        "space in a number": with_params(f"m={m},t= {t},p={p}"),
        "underscore in a number": with_params(f"m={m[0]}_{m[1:]},t={t},p={p}"),
        "non-ASCII digits": with_params(
            f"m={''.join(chr(0x660 + int(d)) for d in m)},t={t},p={p}"
        ),
        "negative lanes": with_params(f"m={m},t={t},p=-{p}"),
        "memory beyond 32 bits": with_params(f"m=99999999999,t={t},p={p}"),
        "fields reordered": with_params(f"t={t},m={m},p={p}"),
        "field repeated": with_params(f"m={m},t={t},p={p},m={m}"),
        "leading zero in v": encoded.replace("$v=", "$v=0", 1),
        "non-ASCII in tag": f"{encoded[:-1]}\N{LATIN SMALL LETTER E WITH ACUTE}",
        "trailing NUL": f"{encoded}\x00",
        "trailing newline": f"{encoded}\n",
        "trailing CRLF": f"{encoded}\r\n",
        "trailing space": f"{encoded} ",
        "tag truncated by one": encoded[:-1],
        "tag removed": encoded[: -len(tag)],
        "stray bits in tag": f"{encoded[:-1]}{stray}",
        "tag not Base64": encoded[: -len(tag)] + "*" * len(tag),
    }


# The names of the damages above, for parametrising tests.
DAMAGES = sorted(
    corrupted_hashes("$argon2id$v=19$m=64,t=1,p=2$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA")
)
