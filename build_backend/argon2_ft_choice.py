"""What one build produces: the backend, the stable ABI it targets, the wheel
tag that follows, and its build and runtime requirements.

``decide()`` is a pure function of the interpreter and tool versions, so its
decisions are unit-tested for interpreters that are not at hand (free-threaded
3.15, PyPy); ``current()`` feeds it this interpreter. setup.py and the build
backend both ask ``current()``, so the build requirements and the build itself
always agree.
"""

from __future__ import annotations

import os
import platform
import sys
import sysconfig
from dataclasses import dataclass

CFFI_REQUIREMENT = "cffi>=2.0"
# cffi 2.1.1 is the first release that builds limited-API modules on
# free-threaded 3.15+ (it defines Py_TARGET_ABI3T itself); older releases
# turn py_limited_api off on every free-threaded build.
CFFI_ABI3T_REQUIREMENT = "cffi>=2.1.1"
CFFI_ABI3T_MIN = (2, 1, 1)
# setuptools 84 is the first release that tags "abi3.abi3t" wheels and names
# extension modules *.abi3t.so; older releases refuse py_limited_api on any
# free-threaded build.
SETUPTOOLS_ABI3T_REQUIREMENT = "setuptools>=84"
SETUPTOOLS_ABI3T_MIN = (84,)

# cffi cannot run on PyPy's side of the marker: PyPy ships it built in.
_NOT_PYPY = "platform_python_implementation != 'PyPy'"

# Limited API versions as tags and as Py_LIMITED_API values.
GIL_LIMITED_API = "cp310"
FREE_THREADED_LIMITED_API = "cp315"
_LIMITED_API_HEX = {"cp310": "0x030A0000", "cp315": "0x030F0000"}


@dataclass(frozen=True)
class BuildChoice:
    backend: str
    """``"cffi"`` or ``"native"``."""
    limited_api: str | None
    """The bdist_wheel ``py_limited_api`` tag (``"cp310"``, ``"cp315"``), or
    None for a wheel bound to one interpreter version."""
    wheel_tag: str | None
    """``interpreter-abi`` of the wheel, e.g. ``"cp310-abi3"``; None where
    only the interpreter knows it (PyPy)."""
    build_requires: tuple[str, ...]
    """Added to setuptools' own build requirements."""
    runtime_requires: tuple[str, ...]
    """The distribution's ``dependencies``."""
    note: str | None = None
    """Why a stable-ABI wheel was not possible, for the build log."""

    @property
    def limited_api_hex(self) -> str | None:
        """The ``Py_LIMITED_API`` value that matches ``limited_api``."""
        return None if self.limited_api is None else _LIMITED_API_HEX[self.limited_api]


def release(version: str) -> tuple[int, ...]:
    """The leading numeric release of a version string: "84.2.1" ->
    (84, 2, 1), "2.1.1rc1" -> (2, 1, 1). Unparsable -> ()."""
    parts: list[int] = []
    for piece in version.split("."):
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) != len(piece):
            break
    return tuple(parts)


def _backend_from_env(value: str) -> str | None:
    choice = value.strip().lower()
    if choice in ("cffi", "native"):
        return choice
    if choice:
        msg = f"ARGON2_FT_BACKEND must be 'cffi' or 'native', not {choice!r}"
        raise ValueError(msg)
    return None


def decide(
    *,
    version: tuple[int, int],
    free_threaded: bool,
    implementation: str = "CPython",
    setuptools_version: str | None = None,
    cffi_version: str | None = None,
    backend_env: str = "",
) -> BuildChoice:
    """Decide one build.

    ``setuptools_version``/``cffi_version`` are the versions installed in the
    build environment, or None while the build requirements are still being
    asked for (the answer then names the versions that allow the best wheel).
    """
    cpython = implementation == "CPython"
    forced = _backend_from_env(backend_env)
    if forced is not None:
        backend = forced
    else:
        # cffi does not run on free-threaded 3.13.
        backend = (
            "native" if cpython and free_threaded and version < (3, 14) else "cffi"
        )
    per_version = f"cp{version[0]}{version[1]}-cp{version[0]}{version[1]}" + (
        "t" if free_threaded else ""
    )

    if not cpython:
        limited = None
        tag = None
        note = None
    elif not free_threaded:
        # One cp310-abi3 wheel serves every GIL CPython >= 3.10.
        limited = GIL_LIMITED_API
        tag = f"{GIL_LIMITED_API}-abi3"
        note = None
    else:
        limited, note = _free_threaded_limited_api(
            version, backend, setuptools_version, cffi_version
        )
        tag = f"{limited}-abi3.abi3t" if limited else per_version

    build: list[str] = []
    if _wants_abi3t(version, free_threaded, backend):
        build += [CFFI_ABI3T_REQUIREMENT, SETUPTOOLS_ABI3T_REQUIREMENT]
    elif backend == "cffi" and cpython:
        build.append(CFFI_REQUIREMENT)  # PyPy has cffi built in

    runtime: tuple[str, ...] = ()
    if backend == "cffi":
        # The abi3t module needs a cffi that knows abi3t at run time too.
        floor = (
            CFFI_ABI3T_REQUIREMENT
            if limited == FREE_THREADED_LIMITED_API
            else CFFI_REQUIREMENT
        )
        runtime = (f"{floor}; {_NOT_PYPY}",)

    return BuildChoice(
        backend=backend,
        limited_api=limited,
        wheel_tag=tag,
        build_requires=tuple(build),
        runtime_requires=runtime,
        note=note,
    )


def _wants_abi3t(version: tuple[int, int], free_threaded: bool, backend: str) -> bool:
    # Only the CFFI module is built for abi3t: the native module defines
    # itself through a static PyModuleDef (PyInit_*), which abi3t's opaque
    # PyObject rules out; abi3t needs the PyModExport_* hook of PEP 793.
    return free_threaded and version >= (3, 15) and backend == "cffi"


def _free_threaded_limited_api(
    version: tuple[int, int],
    backend: str,
    setuptools_version: str | None,
    cffi_version: str | None,
) -> tuple[str | None, str | None]:
    if version < (3, 15):
        # Free-threaded 3.13 and 3.14 have no stable ABI.
        return None, None
    if not _wants_abi3t(version, free_threaded=True, backend=backend):
        return None, (
            "the native module is built for this interpreter version only: "
            "an abi3t build needs the PyModExport_* entry point"
        )
    missing = []
    if (
        setuptools_version is not None
        and release(setuptools_version) < SETUPTOOLS_ABI3T_MIN
    ):
        missing.append(f"{SETUPTOOLS_ABI3T_REQUIREMENT} (found {setuptools_version})")
    if cffi_version is not None and release(cffi_version) < CFFI_ABI3T_MIN:
        missing.append(f"{CFFI_ABI3T_REQUIREMENT} (found {cffi_version})")
    if missing:
        return None, (
            "building a wheel for this interpreter version only: an abi3.abi3t "
            "wheel needs " + " and ".join(missing)
        )
    return FREE_THREADED_LIMITED_API, None


# ------------------------------------------------------------- this build


def is_free_threaded() -> bool:
    """True on a free-threaded (no-GIL) CPython build."""
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def _installed_version(module: str) -> str | None:
    try:
        imported = __import__(module)
    except ImportError:
        return None
    return str(getattr(imported, "__version__", "")) or None


def current(*, installed: bool = True) -> BuildChoice:
    """The decision for this interpreter and ARGON2_FT_BACKEND. With
    ``installed`` the setuptools and cffi of the build environment are
    checked; without, the answer assumes the versions it asks for."""
    implementation = platform.python_implementation()
    free_threaded = is_free_threaded()
    return decide(
        version=(sys.version_info[0], sys.version_info[1]),
        free_threaded=free_threaded,
        implementation=implementation,
        setuptools_version=_installed_version("setuptools") if installed else None,
        cffi_version=(
            _installed_version("cffi")
            if installed and implementation == "CPython"
            else None
        ),
        backend_env=os.environ.get("ARGON2_FT_BACKEND", ""),
    )
