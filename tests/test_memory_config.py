"""Memory settings: sizes, the cgroup limit (v1, v2, "max", none) from
fixture trees, defaults, and the environment variables' bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from argon2 import _memory_config as mc

if TYPE_CHECKING:
    from pathlib import Path

MIB = 2**20
GIB = 2**30


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("268435456", 256 * MIB),
        ("256MiB", 256 * MIB),
        ("256 mib", 256 * MIB),
        (" 64M ", 64 * MIB),
        ("1GiB", GIB),
        ("1g", GIB),
        ("8KiB", 8192),
        ("8k", 8192),
        ("2TiB", 2 * 2**40),
        ("100B", 100),
        ("0", 0),
    ],
)
def test_parse_size(text: str, expected: int) -> None:
    assert mc.parse_size(text, "X") == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "-1", "1.5GiB", "64MB", "1 PiB", "GiB", "0x10"]
)
def test_parse_size_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"^X: not a size"):
        mc.parse_size(text, "X")


def test_parse_size_rejects_above_u64() -> None:
    with pytest.raises(ValueError, match="more than 2\\*\\*64 - 1"):
        mc.parse_size("17179869184GiB", "X")


def test_concurrency_value() -> None:
    assert mc.concurrency_value(" 8 ", "C") == 8
    assert mc.concurrency_value("auto", "C") == mc.default_concurrency()
    assert mc.concurrency_value("None", "C") is None
    assert mc.concurrency_value(None, "C") is None
    assert mc.concurrency_value(2**32 - 1, "C") == 2**32 - 1
    with pytest.raises(ValueError, match="from 1 to"):
        mc.concurrency_value(2**32, "C")
    with pytest.raises(TypeError):
        mc.concurrency_value(1.0, "C")
    assert mc.default_concurrency() == 2 * mc.usable_cpus() >= 2


def test_format_size() -> None:
    assert mc.format_size(64 * MIB) == "64 MiB"
    assert mc.format_size(GIB + GIB // 2) == "1.5 GiB"
    assert mc.format_size(8192) == "8 KiB"
    assert mc.format_size(10) == "10 bytes"


def test_timeout_value() -> None:
    assert mc.timeout_value("2.5", "T") == 2.5
    assert mc.timeout_value("none", "T") is None
    assert mc.timeout_value(None, "T") is None
    assert mc.timeout_value(0, "T") == 0.0
    for bad in ("-1", "soon", "nan", "inf"):
        with pytest.raises(ValueError, match=r"^T"):
            mc.timeout_value(bad, "T")
    with pytest.raises(TypeError):
        mc.timeout_value(True, "T")  # noqa: FBT003


# ---------------------------------------------------------------- cgroups


def _tree(tmp_path: Path, cgroup: str, files: dict[str, str]) -> Path:
    (tmp_path / "proc/self").mkdir(parents=True)
    (tmp_path / "proc/self/cgroup").write_text(cgroup)
    for rel, content in files.items():
        path = tmp_path / "sys/fs/cgroup" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return tmp_path


def test_cgroup_v2_limit(tmp_path: Path) -> None:
    root = _tree(
        tmp_path, "0::/app.slice/web\n", {"app.slice/web/memory.max": "1073741824\n"}
    )
    assert mc.cgroup_memory_limit(root) == GIB


def test_cgroup_v2_max_means_none(tmp_path: Path) -> None:
    root = _tree(tmp_path, "0::/web\n", {"web/memory.max": "max\n"})
    assert mc.cgroup_memory_limit(root) is None


def test_cgroup_v2_parent_limit_counts(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        "0::/outer/inner\n",
        {"outer/memory.max": "536870912\n", "outer/inner/memory.max": "max\n"},
    )
    assert mc.cgroup_memory_limit(root) == 512 * MIB


def test_cgroup_v2_namespace_root(tmp_path: Path) -> None:
    # Inside a container the process sees itself at "/" of its own namespace.
    root = _tree(tmp_path, "0::/\n", {"memory.max": "268435456\n"})
    assert mc.cgroup_memory_limit(root) == 256 * MIB


def test_cgroup_v1_limit(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        "12:pids:/x\n4:memory:/docker/abc\n0::/\n",
        {"memory/docker/abc/memory.limit_in_bytes": "2147483648\n"},
    )
    assert mc.cgroup_memory_limit(root) == 2 * GIB


def test_cgroup_v1_unlimited(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        "4:memory,foo:/a\n",
        {"memory/a/memory.limit_in_bytes": "9223372036854771712\n"},
    )
    assert mc.cgroup_memory_limit(root) is None


def test_no_cgroup(tmp_path: Path) -> None:
    assert mc.cgroup_memory_limit(tmp_path) is None  # no /proc/self/cgroup
    root = _tree(tmp_path, "0::/a\n", {})
    assert mc.cgroup_memory_limit(root) is None  # no limit files


def test_junk_limit_is_ignored(tmp_path: Path) -> None:
    root = _tree(tmp_path, "0::/a\n", {"a/memory.max": "lots\n"})
    assert mc.cgroup_memory_limit(root) is None


def test_default_budget_is_half_the_smaller_limit(tmp_path: Path) -> None:
    root = _tree(tmp_path, "0::/a\n", {"a/memory.max": str(GIB)})
    physical = mc.physical_memory()
    assert physical is not None
    assert mc.default_budget(root) == min(GIB, physical) // 2
    assert (
        mc.default_idle_limit(mc.default_budget(root), root) == min(GIB, physical) // 8
    )
    assert mc.default_budget(tmp_path / "nothing") == physical // 2


# ---------------------------------------------------------------- environment


def test_from_environment_defaults(tmp_path: Path) -> None:
    root = _tree(tmp_path, "0::/a\n", {"a/memory.max": str(GIB)})
    s = mc.from_environment({}, root)
    assert s.budget == min(GIB, mc.physical_memory() or GIB) // 2
    assert s.idle_limit == s.budget // 4
    assert s.wait_timeout == mc.DEFAULT_WAIT_TIMEOUT_S
    assert s.max_concurrency == 2 * mc.usable_cpus()


def test_from_environment_values(tmp_path: Path) -> None:
    env = {
        mc.BUDGET_VARIABLE: "256MiB",
        mc.IDLE_VARIABLE: "0",
        mc.TIMEOUT_VARIABLE: "1.5",
    }
    env[mc.CONCURRENCY_VARIABLE] = "3"
    assert mc.from_environment(env, tmp_path) == mc.Settings(256 * MIB, 0, 1.5, 3)
    env = {
        mc.BUDGET_VARIABLE: "none",
        mc.TIMEOUT_VARIABLE: "none",
        mc.CONCURRENCY_VARIABLE: "none",
    }
    s = mc.from_environment(env, tmp_path)
    assert s.budget is None
    assert s.wait_timeout is None
    assert s.max_concurrency is None
    assert s.idle_limit == (mc.default_budget(tmp_path) or 0) // 4
    assert mc.from_environment(
        {mc.BUDGET_VARIABLE: "auto"}, tmp_path
    ).budget == mc.default_budget(tmp_path)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (mc.BUDGET_VARIABLE, "lots", "ARGON2_FT_MAX_MEMORY: not a size"),
        (mc.BUDGET_VARIABLE, "0", "ARGON2_FT_MAX_MEMORY: a budget of 0 bytes"),
        (mc.BUDGET_VARIABLE, "64MB", "ARGON2_FT_MAX_MEMORY: not a size"),
        (mc.IDLE_VARIABLE, "-5", "ARGON2_FT_MAX_IDLE_MEMORY: not a size"),
        (mc.TIMEOUT_VARIABLE, "soon", "ARGON2_FT_MEMORY_TIMEOUT: not a number"),
        (mc.TIMEOUT_VARIABLE, "-1", "ARGON2_FT_MEMORY_TIMEOUT must be"),
        (mc.CONCURRENCY_VARIABLE, "0", "ARGON2_FT_MAX_CONCURRENCY must be from 1"),
        (mc.CONCURRENCY_VARIABLE, "many", "ARGON2_FT_MAX_CONCURRENCY: not a whole"),
        (mc.CONCURRENCY_VARIABLE, "2.5", "ARGON2_FT_MAX_CONCURRENCY: not a whole"),
    ],
)
def test_from_environment_bad_values(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        mc.from_environment({name: value}, tmp_path)


def _import_with(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.thread_unsafe  # subprocesses
def test_bad_variable_fails_import() -> None:
    result = _import_with({mc.BUDGET_VARIABLE: "plenty"}, "import argon2")
    assert result.returncode != 0
    assert "ValueError: ARGON2_FT_MAX_MEMORY: not a size" in result.stderr


@pytest.mark.thread_unsafe  # subprocesses
def test_variables_reach_the_library() -> None:
    code = (
        "import argon2.memory as m; s = m.stats(); "
        "print(s.budget, s.idle_limit, s.wait_timeout)"
    )
    result = _import_with(
        {
            mc.BUDGET_VARIABLE: "256MiB",
            mc.IDLE_VARIABLE: "64MiB",
            mc.TIMEOUT_VARIABLE: "2",
        },
        code,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(256 * MIB), str(64 * MIB), "2.0"]
