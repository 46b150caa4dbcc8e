"""PEP 517 backend: setuptools, plus the build requirements of this
interpreter's build (argon2_ft_choice.decide): cffi only where the CFFI
backend is built (free-threaded 3.13 builds the native module and cannot
install cffi), and the cffi and setuptools releases that make abi3t wheels
on free-threaded 3.15+. PEP 508 markers cannot see free-threading, so a
static list in pyproject.toml cannot say this."""

from __future__ import annotations

from typing import Any

from argon2_ft_choice import current
from setuptools import build_meta as _setuptools
from setuptools.build_meta import (
    build_editable,
    build_sdist,
    build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]


def _with_cffi(requirements: list[str]) -> list[str]:
    # installed=False: the answer names what to install, not what is there.
    return [*requirements, *current(installed=False).build_requires]


def get_requires_for_build_wheel(
    config_settings: dict[str, Any] | None = None,
) -> list[str]:
    return _with_cffi(_setuptools.get_requires_for_build_wheel(config_settings))


def get_requires_for_build_editable(
    config_settings: dict[str, Any] | None = None,
) -> list[str]:
    return _with_cffi(_setuptools.get_requires_for_build_editable(config_settings))


def get_requires_for_build_sdist(
    config_settings: dict[str, Any] | None = None,
) -> list[str]:
    # setup.py names cffi_modules, which cffi's setuptools plugin evaluates.
    return _with_cffi(_setuptools.get_requires_for_build_sdist(config_settings))
