"""The argon2-cffi metadata alias that lets argon2-cffi's dependants load us."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

import argon2
from argon2._metadata_alias import ALIAS_SUMMARY, ARGON2_CFFI_API_VERSION


def _real_argon2_cffi_installed() -> bool:
    return any(
        (d.metadata["Name"] or "").lower() == "argon2-cffi"
        for d in metadata.distributions()
    )


def test_version_lookup_by_either_spelling() -> None:
    if _real_argon2_cffi_installed():
        return  # the real metadata wins; covered by test_real_installation_wins
    for name in ("argon2_cffi", "argon2-cffi", "Argon2-CFFI"):
        assert metadata.version(name) == ARGON2_CFFI_API_VERSION
        assert metadata.distribution(name).metadata["Summary"] == ALIAS_SUMMARY


def test_alias_is_not_listed() -> None:
    names = {(d.metadata["Name"] or "").lower() for d in metadata.distributions()}
    assert ("argon2-cffi" in names) == _real_argon2_cffi_installed()


def test_other_names_are_untouched() -> None:
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.version("argon2-cffi-not-a-real-distribution")


def test_installed_once() -> None:
    from argon2 import _metadata_alias

    before = list(sys.meta_path)
    _metadata_alias.install()
    assert sys.meta_path == before
    assert argon2 is not None


def test_fresh_interpreter_without_importing_argon2_finds_nothing() -> None:
    # The alias exists only once argon2 is imported.
    code = (
        "from importlib import metadata\n"
        "try:\n"
        "    d = metadata.distribution('argon2-cffi')\n"
        "except metadata.PackageNotFoundError:\n"
        "    print('absent')\n"
        "else:\n"
        "    print('real' if d.files else 'alias')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ("real" if _real_argon2_cffi_installed() else "absent")
