"""Warn once, at import, when argon2-cffi is installed next to argon2-ft: both
distributions install the ``argon2`` package over each other's files.

Only the directory this package was imported from is listed (one os.scandir,
no importlib.metadata import): that is where the two installations collide.
Runs once, under the import lock, and keeps no state.
"""

from __future__ import annotations

import os
import warnings

from .exceptions import ConflictingInstallWarning

_SUFFIXES = (".dist-info", ".egg-info")


def _argon2_cffi_metadata_present(site_dir: str) -> bool:
    try:
        with os.scandir(site_dir) as entries:
            for entry in entries:
                name = entry.name.lower()
                if name.startswith("argon2_cffi-") and name.endswith(_SUFFIXES):
                    return True
    except OSError:  # a zip import or an unreadable directory: nothing to say
        return False
    return False


def warn_if_argon2_cffi_installed() -> None:
    # os.path, not pathlib: importing pathlib would double this module's cost.
    package_dir = os.path.dirname(os.path.abspath(__file__))  # noqa: PTH100, PTH120
    if _argon2_cffi_metadata_present(os.path.dirname(package_dir)):  # noqa: PTH120
        warnings.warn(
            "argon2-cffi is installed in the same environment as argon2-ft; both "
            "provide the 'argon2' package and overwrite each other's files. "
            "Uninstall both, then reinstall only argon2-ft.",
            ConflictingInstallWarning,
            stacklevel=3,
        )
