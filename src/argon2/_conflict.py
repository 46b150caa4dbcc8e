"""Warn once, at import, when argon2-cffi shares this environment: both
distributions install the ``argon2`` package over each other."""

from __future__ import annotations

import warnings
from importlib.metadata import PackageNotFoundError, distribution

from .exceptions import ConflictingInstallWarning


def warn_if_argon2_cffi_installed() -> None:
    try:
        distribution("argon2-cffi")
    except PackageNotFoundError:
        return
    warnings.warn(
        "argon2-cffi is installed in the same environment as argon2-ft; both "
        "provide the 'argon2' package and overwrite each other's files. "
        "Uninstall both and reinstall only argon2-ft.",
        ConflictingInstallWarning,
        stacklevel=2,
    )
