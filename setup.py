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
from pathlib import Path

from setuptools import Extension, setup

sys.path.insert(0, str(Path(__file__).resolve().parent / "build_backend"))

from argon2_ft_choice import (
    CFFI_REQUIREMENT,
    use_native_backend,
)
from argon2_ft_sources import (
    compile_args,
    define_macros,
    include_dirs,
    libraries,
    library_sources,
    limited_api,
    use_system_library,
)

backend = "native" if use_native_backend() else "cffi"
# One build directory per variant: an in-tree build must never pack another
# variant's stale extension module into the wheel.
variant = backend + ("-system" if use_system_library() else "")
options: dict[str, dict[str, str]] = {"build": {"build_base": f"build/{variant}"}}
setup_kwargs: dict[str, object] = {"options": options}

if backend == "native":
    setup_kwargs["ext_modules"] = [
        Extension(
            "argon2._native",
            ["src/argon2/_native.c", *library_sources()],
            include_dirs=include_dirs(),
            define_macros=define_macros(),
            extra_compile_args=compile_args(),
            libraries=libraries(),
            py_limited_api=limited_api(),
        )
    ]
    setup_kwargs["install_requires"] = []
else:
    setup_kwargs["cffi_modules"] = ["src/argon2/_ffi_build.py:ffibuilder"]
    setup_kwargs["install_requires"] = [
        f"{CFFI_REQUIREMENT}; platform_python_implementation != 'PyPy'"
    ]

if limited_api():
    # Tag the wheel cp310-abi3: one wheel serves every GIL CPython >= 3.10.
    options["bdist_wheel"] = {"py_limited_api": "cp310"}

setup(**setup_kwargs)  # type: ignore[arg-type]
