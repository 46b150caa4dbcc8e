"""What pyproject.toml cannot say: which compiled backend to build, with which
sources and flags, and the runtime dependencies that follow from it.

Environment variables read at build time:
  ARGON2_FT_BACKEND=cffi|native  force a backend (default: native only on
                                 free-threaded CPython 3.13, else CFFI)
  ARGON2_FT_USE_SYSTEM=1         link the system libargon2 instead of compiling
                                 the bundled one (kernels then report "system")
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent / "build_backend"))

from argon2_ft_choice import current
from argon2_ft_sources import (
    compile_args,
    define_macros,
    include_dirs,
    libraries,
    library_sources,
    use_system_library,
)


class BuildPyWithoutBuildScripts(build_py):
    """The CFFI builder script is a build input (the sdist carries it through
    MANIFEST.in), not part of the installed package."""

    def run(self) -> None:
        # An in-tree build directory may still hold it from an older build,
        # and a CFFI one the native module's stub.
        Path(self.build_lib, "argon2", "_ffi_build.py").unlink(missing_ok=True)
        if choice.backend != "native":
            Path(self.build_lib, "argon2", "_native.pyi").unlink(missing_ok=True)
        super().run()

    def find_package_modules(
        self, package: str, package_dir: str
    ) -> list[tuple[str, str, str]]:
        modules = super().find_package_modules(package, package_dir)
        return [m for m in modules if (m[0], m[1]) != ("argon2", "_ffi_build")]


def _cffi_plugin_installed() -> bool:
    """Whether cffi's setuptools plugin, which handles cffi_modules, is
    installed (PEP 517 asks for the build requirements before cffi is)."""
    found = entry_points(group="distutils.setup_keywords", name="cffi_modules")
    return bool(list(found))


_METADATA_COMMANDS = {"egg_info", "dist_info", "sdist"}
_BUILD_COMMANDS = {
    "build", "build_ext", "build_py", "bdist_wheel", "editable_wheel",
    "install", "develop",
}  # fmt: skip


def _metadata_only(arguments: list[str]) -> bool:
    """Whether setup.py runs only to write metadata or the sdist, which need
    no compiled module."""
    words = set(arguments)
    return bool(words & _METADATA_COMMANDS) and not words & _BUILD_COMMANDS


choice = current()
if choice.note:
    print(f"argon2-ft: {choice.note}", file=sys.stderr)
# One build directory per variant: an in-tree build must never pack another
# variant's stale extension module into the wheel.
variant = choice.backend + ("-system" if use_system_library() else "")
options: dict[str, dict[str, str]] = {"build": {"build_base": f"build/{variant}"}}
setup_kwargs: dict[str, object] = {
    "options": options,
    "cmdclass": {"build_py": BuildPyWithoutBuildScripts},
    # Dynamic: cffi for the CFFI backend on CPython, nothing for the native
    # backend (free-threaded 3.13 cannot install cffi) or on PyPy.
    "install_requires": list(choice.runtime_requires),
}

if choice.backend == "native":
    setup_kwargs["ext_modules"] = [
        Extension(
            "argon2._native",
            ["src/argon2/_native.c", *library_sources()],
            include_dirs=include_dirs(),
            define_macros=define_macros(),
            extra_compile_args=compile_args(),
            libraries=libraries(),
            py_limited_api=choice.limited_api is not None,
        )
    ]
else:
    # The native module's type stub describes a module these wheels lack.
    setup_kwargs["exclude_package_data"] = {"argon2": ["_native.pyi"]}
    if _cffi_plugin_installed():
        setup_kwargs["cffi_modules"] = ["src/argon2/_ffi_build.py:ffibuilder"]
    elif not _metadata_only(sys.argv[1:]):
        # Without cffi's plugin the keyword would be ignored with a warning
        # and the wheel would silently lack its extension module.
        sys.exit(
            "argon2-ft: building the CFFI backend needs cffi (pip install cffi), "
            "or set ARGON2_FT_BACKEND=native"
        )
    # Else: metadata or the sdist only (the build backend asks for the build
    # requirements, cffi among them, before they are installed).

if choice.limited_api:
    # cp310-abi3 on GIL CPython: one wheel for every CPython >= 3.10.
    # cp315-abi3.abi3t on free-threaded 3.15+: one wheel for 3.15 and later.
    options["bdist_wheel"] = {"py_limited_api": choice.limited_api}

setup(**setup_kwargs)  # type: ignore[arg-type]
