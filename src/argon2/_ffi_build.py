"""CFFI out-of-line API-mode builder for ``argon2._ffi``.

Run by setuptools through ``cffi_modules`` in setup.py; compiles the bundled
libargon2 (every extras/libargon2/src/*.c) into the extension module, or, with
ARGON2_FT_USE_SYSTEM=1, links the system libargon2 plus a small compat layer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cffi import FFI

_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(_ROOT / "build_backend"))

from argon2_ft_sources import (  # noqa: E402
    compile_args,
    define_macros,
    include_dirs,
    libraries,
    library_sources,
    limited_api,
)

ffibuilder = FFI()
ffibuilder.set_source(
    "argon2._ffi",
    '#include "argon2.h"\n#include "argon2_ft.h"\n',
    sources=library_sources(),
    include_dirs=include_dirs(),
    define_macros=define_macros(),
    extra_compile_args=compile_args(),
    libraries=libraries(),
    py_limited_api=limited_api(),
)
ffibuilder.cdef((Path(__file__).parent / "_ffi_cdef.h").read_text(encoding="utf-8"))

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
