"""Which compiled backend this interpreter builds; shared by setup.py and the
build backend so the build requirements and the build itself always agree."""

from __future__ import annotations

import os
import platform
import sys
import sysconfig


def is_free_threaded() -> bool:
    """True on a free-threaded (no-GIL) CPython build."""
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def use_native_backend() -> bool:
    """The native CPython-API module replaces CFFI when asked for at build time
    (ARGON2_FT_BACKEND=native) or where cffi cannot run: free-threaded 3.13."""
    choice = os.environ.get("ARGON2_FT_BACKEND", "").strip().lower()
    if choice == "native":
        return True
    if choice not in ("", "cffi"):
        msg = f"ARGON2_FT_BACKEND must be 'cffi' or 'native', not {choice!r}"
        raise ValueError(msg)
    if choice == "cffi":
        return False
    return is_free_threaded() and sys.version_info < (3, 14)


def needs_cffi_package() -> bool:
    """cffi must be installed to build (and run) the CFFI backend, except on
    PyPy where it is part of the interpreter."""
    return not use_native_backend() and platform.python_implementation() != "PyPy"


CFFI_REQUIREMENT = "cffi>=2.0"
