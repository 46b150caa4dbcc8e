"""Where the memory settings come from: sizes as people write them, the
process's memory limit (cgroup v1 or v2, else physical memory), and the
environment variables read once at import.

Every parser raises ValueError naming what it read; nothing falls back to a
default silently.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ._sizes import binary_size

if TYPE_CHECKING:
    from collections.abc import Mapping

BUDGET_VARIABLE = "ARGON2_FT_MAX_MEMORY"
IDLE_VARIABLE = "ARGON2_FT_MAX_IDLE_MEMORY"
TIMEOUT_VARIABLE = "ARGON2_FT_MEMORY_TIMEOUT"
CONCURRENCY_VARIABLE = "ARGON2_FT_MAX_CONCURRENCY"

DEFAULT_WAIT_TIMEOUT_S = 30.0
# The budget is this share of the memory available to the process, and
# parked memory at most this share of the budget.
_BUDGET_SHARE = 2
_IDLE_SHARE = 4
# Hashes running at once by default, per usable CPU: enough to keep every
# CPU busy between calls, few enough that a flood reuses warm memory.
_CONCURRENCY_PER_CPU = 2
_UINT32_MAX = 2**32 - 1
_UINT64_MAX = 2**64 - 1
# cgroup v1 writes "no limit" as a huge page-aligned number (2**63 - 4096).
_NO_LIMIT_FROM = 2**62


class Settings(NamedTuple):
    budget: int | None  # bytes; None: no budget
    idle_limit: int  # bytes
    wait_timeout: float | None  # seconds; None: no limit
    max_concurrency: int | None  # hashes; None: no cap


def parse_size(text: str, what: str) -> int:
    """Bytes from "268435456", "256MiB", "64 M", "1GiB" (binary suffixes,
    K/KiB, M/MiB, G/GiB, T/TiB; a plain number is bytes)."""
    value = binary_size(text, "b")
    if value is None:
        msg = (
            f"{what}: not a size (bytes, or a number with KiB, MiB, GiB or "
            f"TiB, such as 256MiB): {text!r}"
        )
        raise ValueError(msg)
    if value > _UINT64_MAX:
        msg = f"{what}: {text.strip()!r} is more than 2**64 - 1 bytes"
        raise ValueError(msg)
    return value


def size_value(value: object, what: str) -> int:
    """A size given as an int of bytes or as a string for parse_size."""
    if isinstance(value, str):
        return parse_size(value, what)
    if isinstance(value, bool) or not isinstance(value, int):
        msg = (
            f"{what} must be an int of bytes or a size string such as "
            f"'256MiB' (got {type(value).__name__})"
        )
        raise TypeError(msg)
    if not 0 <= value <= _UINT64_MAX:
        msg = f"{what} must be from 0 to 2**64 - 1 bytes (got {value})"
        raise ValueError(msg)
    return value


def timeout_value(value: object, what: str) -> float | None:
    """Seconds to wait (a number >= 0), or None for no limit."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == "none":
            return None
        try:
            value = float(text)
        except ValueError:
            msg = f"{what}: not a number of seconds or 'none': {value!r}"
            raise ValueError(msg) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        msg = f"{what} must be a number of seconds or None (got {type(value).__name__})"
        raise TypeError(msg)
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        msg = f"{what} must be a finite number of seconds >= 0 (got {value!r})"
        raise ValueError(msg)
    return seconds


def concurrency_value(value: object, what: str) -> int | None:
    """A number of hashes from 1 to 2**32 - 1, or None for no cap; strings
    may also say "none" or "auto" (the default)."""
    if value is None:
        return None
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "none":
            return None
        if word == "auto":
            return default_concurrency()
        if not word.isdigit():
            msg = f"{what}: not a whole number of hashes, 'auto' or 'none': {value!r}"
            raise ValueError(msg)
        value = int(word)
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{what} must be an int or None (got {type(value).__name__})"
        raise TypeError(msg)
    if not 1 <= value <= _UINT32_MAX:
        msg = f"{what} must be from 1 to 2**32 - 1 hashes, or None (got {value})"
        raise ValueError(msg)
    return value


def usable_cpus() -> int:
    """CPUs this process may run on."""
    counter = getattr(os, "process_cpu_count", None)  # 3.13+
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def default_concurrency() -> int:
    """Two hashes per usable CPU."""
    return _CONCURRENCY_PER_CPU * usable_cpus()


def format_size(n: int) -> str:
    """1 GiB, 64 MiB, 1.5 GiB, 8 KiB, 100 bytes."""
    for unit, factor in (
        ("TiB", 2**40),
        ("GiB", 2**30),
        ("MiB", 2**20),
        ("KiB", 2**10),
    ):
        if n >= factor:
            text = f"{n / factor:.1f}".removesuffix(".0")
            return f"{text} {unit}"
    return f"{n} bytes"


# ---------------------------------------------------------------- limits


def _read_int(path: Path) -> int | None:
    """The number in a cgroup file; None for "max", a missing file or junk."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text.isdigit():
        return None
    return int(text)


def _walk_up(mount: Path, path: str) -> list[Path]:
    """mount/path, its parents up to mount itself: nested limits all count."""
    parts = [p for p in path.split("/") if p and p != ".."]
    return [mount.joinpath(*parts[:i]) for i in range(len(parts), -1, -1)]


def cgroup_memory_limit(root: Path = Path("/")) -> int | None:
    """The memory limit of this process's cgroup in bytes, or None.

    Reads /proc/self/cgroup below *root*: cgroup v2 ("0::/path", file
    memory.max) and v1 (the "memory" controller, memory.limit_in_bytes), the
    cgroup and every parent up to the mount, the smallest limit winning.
    "max" and absurdly large values mean no limit.
    """
    try:
        lines = (root / "proc/self/cgroup").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    fs = root / "sys/fs/cgroup"
    limits: list[int] = []
    for line in lines:
        fields = line.split(":", 2)
        if len(fields) != 3:
            continue
        hierarchy, controllers, path = fields
        if hierarchy == "0" and controllers == "":
            candidates = [d / "memory.max" for d in _walk_up(fs, path)]
        elif "memory" in controllers.split(","):
            mount = fs / "memory"
            candidates = [d / "memory.limit_in_bytes" for d in _walk_up(mount, path)]
        else:
            continue
        for candidate in candidates:
            value = _read_int(candidate)
            if value is not None and 0 < value < _NO_LIMIT_FROM:
                limits.append(value)
    return min(limits) if limits else None


def physical_memory() -> int | None:
    """Bytes of physical memory, or None where it cannot be read."""
    if sys.platform == "win32":
        return _windows_physical_memory()
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        page_size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None
    if pages <= 0 or page_size <= 0:
        return None
    return int(pages) * int(page_size)


def _windows_physical_memory() -> int | None:  # pragma: no cover - Windows
    import ctypes  # noqa: PLC0415

    class _Status(ctypes.Structure):
        _fields_ = [
            ("dwLength", ctypes.c_ulong),
            ("dwMemoryLoad", ctypes.c_ulong),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = _Status()
    status.dwLength = ctypes.sizeof(_Status)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
        return None
    return int(status.ullTotalPhys)


def available_memory(root: Path = Path("/")) -> int | None:
    """What this process may use: its cgroup's limit where it has one below
    physical memory, else physical memory; None if neither is known."""
    known = [m for m in (cgroup_memory_limit(root), physical_memory()) if m]
    return min(known) if known else None


def default_budget(root: Path = Path("/")) -> int | None:
    """Half of the memory available to the process; None if unknown."""
    available = available_memory(root)
    return None if available is None else available // _BUDGET_SHARE


def default_idle_limit(budget: int | None, root: Path = Path("/")) -> int:
    """A quarter of the budget (or of half the memory, with no budget)."""
    basis = budget if budget is not None else default_budget(root)
    return 0 if basis is None else basis // _IDLE_SHARE


# ---------------------------------------------------------------- environment


def budget_from_text(text: str, what: str, root: Path = Path("/")) -> int | None:
    """ "none" (no budget), "auto" (the default) or a size of at least 1 byte."""
    word = text.strip().lower()
    if word == "none":
        return None
    if word == "auto":
        return default_budget(root)
    value = parse_size(text, what)
    if value == 0:
        msg = f"{what}: a budget of 0 bytes fits no hash; use 'none' for no budget"
        raise ValueError(msg)
    return value


def from_environment(
    environ: Mapping[str, str] = os.environ, root: Path = Path("/")
) -> Settings:
    """The settings that the environment asks for, defaults elsewhere."""
    text = environ.get(BUDGET_VARIABLE)
    if text is None or not text.strip():
        budget = default_budget(root)
    else:
        budget = budget_from_text(text, BUDGET_VARIABLE, root)
    text = environ.get(IDLE_VARIABLE)
    if text is None or not text.strip():
        idle_limit = default_idle_limit(budget, root)
    else:
        idle_limit = parse_size(text, IDLE_VARIABLE)
    text = environ.get(TIMEOUT_VARIABLE)
    if text is None or not text.strip():
        wait_timeout: float | None = DEFAULT_WAIT_TIMEOUT_S
    else:
        wait_timeout = timeout_value(text, TIMEOUT_VARIABLE)
    text = environ.get(CONCURRENCY_VARIABLE)
    if text is None or not text.strip():
        max_concurrency: int | None = default_concurrency()
    else:
        max_concurrency = concurrency_value(text, CONCURRENCY_VARIABLE)
    return Settings(budget, idle_limit, wait_timeout, max_concurrency)
