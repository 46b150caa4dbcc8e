"""Sources and compiler settings of the bundled libargon2, shared by setup.py
(native module) and src/argon2/_ffi_build.py (CFFI module) so both backends
compile the C library identically."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from argon2_ft_choice import current

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "extras" / "libargon2"

# With the system library only these are compiled: our strict decoder and
# encoder, the argon2ft_hash/verify layer, secure wiping, the memory budget
# (pool.c, with memory.c and os_thread.c beneath it, and late_threads.c for
# argon2ft_memory_settle), and system/: ft_system.c (kernel queries,
# argon2ft_ctx) and thread_probe.c (lane threads only when they can start).
_SYSTEM_SOURCES = (
    "encoding.c",
    "hash_verify.c",
    "late_threads.c",
    "memory.c",
    "os_thread.c",
    "pool.c",
    "validate.c",
    "wipe.c",
)


def use_system_library() -> bool:
    return os.environ.get("ARGON2_FT_USE_SYSTEM", "") == "1"


def _relative(path: Path) -> str:
    # setuptools wants paths relative to setup.py, with forward slashes.
    return path.relative_to(ROOT).as_posix()


def library_sources() -> list[str]:
    src = LIB / "src"
    if use_system_library():
        return [_relative(src / name) for name in _SYSTEM_SOURCES] + [
            _relative(path) for path in sorted((LIB / "system").glob("*.c"))
        ]
    return [_relative(path) for path in sorted(src.glob("*.c"))]


def include_dirs() -> list[str]:
    return [_relative(LIB / "include"), _relative(LIB / "src")]


def limited_api() -> bool:
    """Whether this build targets the stable ABI: abi3 (cp310) on GIL
    CPython, abi3t (cp315) for the CFFI module on free-threaded 3.15+ with
    the tools that support it; see argon2_ft_choice.decide."""
    return current().limited_api is not None


def define_macros() -> list[tuple[str, str | None]]:
    macros: list[tuple[str, str | None]] = [("ARGON2_FT_STATIC", None)]
    limited = current().limited_api_hex
    if limited is not None:
        # On free-threaded builds this is 3.15, the first abi3t version;
        # cffi adds Py_TARGET_ABI3T itself there.
        macros.append(("Py_LIMITED_API", limited))
    return macros


def compile_args() -> list[str]:
    # No ISA flags: the SIMD kernels enable their instruction sets per
    # function, so one set of flags builds every file.
    if sys.platform == "win32" and "GCC" not in sys.version:
        return ["/O2"]
    return ["-std=c99", "-O2"]


def libraries() -> list[str]:
    libs: list[str] = []
    if use_system_library():
        libs.append("argon2")
    if os.name == "posix":
        libs.append("pthread")
    return libs
