"""The build decisions (backend, stable ABI, wheel tag, requirements) for
interpreters that are not at hand, through the pure decide() of
build_backend/argon2_ft_choice.py, which is not installed: imported by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

_CHOICE = Path(__file__).resolve().parents[1] / "build_backend" / "argon2_ft_choice.py"
if not _CHOICE.is_file():
    pytest.skip(
        f"build_backend/ is not next to the tests ({_CHOICE} missing)",
        allow_module_level=True,
    )


def _load() -> Any:
    spec = importlib.util.spec_from_file_location(
        "_argon2_ft_choice_under_test", _CHOICE
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses looks the module up by name while building the class.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


choice = _load()

NEW_TOOLS = {"setuptools_version": "84.2.1", "cffi_version": "2.1.1"}
CFFI_RUNTIME = "cffi>=2.0; platform_python_implementation != 'PyPy'"
CFFI_ABI3T_RUNTIME = "cffi>=2.1.1; platform_python_implementation != 'PyPy'"


@pytest.mark.parametrize(
    ("version", "free_threaded", "backend", "limited", "tag", "build", "runtime"),
    [
        # GIL CPython: one cp310-abi3 CFFI wheel.
        (
            (3, 10),
            False,
            "cffi",
            "cp310",
            "cp310-abi3",
            ("cffi>=2.0",),
            (CFFI_RUNTIME,),
        ),
        (
            (3, 14),
            False,
            "cffi",
            "cp310",
            "cp310-abi3",
            ("cffi>=2.0",),
            (CFFI_RUNTIME,),
        ),
        (
            (3, 15),
            False,
            "cffi",
            "cp310",
            "cp310-abi3",
            ("cffi>=2.0",),
            (CFFI_RUNTIME,),
        ),
        # 3.13t: cffi cannot be installed, so neither built with nor required.
        ((3, 13), True, "native", None, "cp313-cp313t", (), ()),
        # 3.14t: CFFI, but no stable ABI for free-threading before 3.15.
        ((3, 14), True, "cffi", None, "cp314-cp314t", ("cffi>=2.0",), (CFFI_RUNTIME,)),
        # 3.15t and later: one abi3.abi3t wheel, tagged with 3.15.
        (
            (3, 15),
            True,
            "cffi",
            "cp315",
            "cp315-abi3.abi3t",
            ("cffi>=2.1.1", "setuptools>=84"),
            (CFFI_ABI3T_RUNTIME,),
        ),
        (
            (3, 16),
            True,
            "cffi",
            "cp315",
            "cp315-abi3.abi3t",
            ("cffi>=2.1.1", "setuptools>=84"),
            (CFFI_ABI3T_RUNTIME,),
        ),
    ],
)
def test_default_decisions(
    version: tuple[int, int],
    free_threaded: bool,
    backend: str,
    limited: str | None,
    tag: str,
    build: tuple[str, ...],
    runtime: tuple[str, ...],
) -> None:
    got = choice.decide(version=version, free_threaded=free_threaded, **NEW_TOOLS)
    assert got.backend == backend
    assert got.limited_api == limited
    assert got.wheel_tag == tag
    assert got.build_requires == build
    assert got.runtime_requires == runtime
    assert got.note is None


@pytest.mark.parametrize(
    ("setuptools_version", "cffi_version", "missing"),
    [
        ("83.9", "2.1.1", ["setuptools>=84 (found 83.9)"]),
        ("84.2.1", "2.1.0", ["cffi>=2.1.1 (found 2.1.0)"]),
        (
            "77.0.3",
            "2.0.0",
            ["setuptools>=84 (found 77.0.3)", "cffi>=2.1.1 (found 2.0.0)"],
        ),
    ],
)
def test_old_tools_fall_back_to_a_per_version_wheel(
    setuptools_version: str, cffi_version: str, missing: list[str]
) -> None:
    got = choice.decide(
        version=(3, 15),
        free_threaded=True,
        setuptools_version=setuptools_version,
        cffi_version=cffi_version,
    )
    assert got.backend == "cffi"
    assert got.limited_api is None
    assert got.wheel_tag == "cp315-cp315t"
    # The module is not abi3t, so any cffi that runs there will do.
    assert got.runtime_requires == (CFFI_RUNTIME,)
    assert got.note is not None
    for text in missing:
        assert text in got.note


def test_unknown_tool_versions_ask_for_the_abi3t_floors() -> None:
    # While the build requirements are asked for, nothing is installed yet.
    got = choice.decide(version=(3, 15), free_threaded=True)
    assert got.limited_api == "cp315"
    assert got.build_requires == ("cffi>=2.1.1", "setuptools>=84")


def test_gil_builds_never_need_the_abi3t_floors() -> None:
    # Older environments keep building the cp310-abi3 wheel.
    got = choice.decide(
        version=(3, 12),
        free_threaded=False,
        setuptools_version="77.0",
        cffi_version="2.0",
    )
    assert got.wheel_tag == "cp310-abi3"
    assert got.build_requires == ("cffi>=2.0",)
    assert got.note is None


@pytest.mark.parametrize(
    ("version", "free_threaded", "limited", "tag", "note"),
    [
        ((3, 12), False, "cp310", "cp310-abi3", False),
        ((3, 13), True, None, "cp313-cp313t", False),
        ((3, 14), True, None, "cp314-cp314t", False),
        # abi3t needs the PyModExport_* hook, the native module uses PyInit_*.
        ((3, 15), True, None, "cp315-cp315t", True),
    ],
)
def test_native_backend_forced(
    version: tuple[int, int],
    free_threaded: bool,
    limited: str | None,
    tag: str,
    note: bool,
) -> None:
    got = choice.decide(
        version=version, free_threaded=free_threaded, backend_env="native", **NEW_TOOLS
    )
    assert got.backend == "native"
    assert got.limited_api == limited
    assert got.wheel_tag == tag
    assert got.build_requires == ()
    assert got.runtime_requires == ()
    assert (got.note is not None) == note


def test_cffi_backend_forced_on_313t() -> None:
    got = choice.decide(
        version=(3, 13), free_threaded=True, backend_env=" CFFI ", **NEW_TOOLS
    )
    assert got.backend == "cffi"
    assert got.wheel_tag == "cp313-cp313t"


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="ARGON2_FT_BACKEND must be"):
        choice.decide(version=(3, 12), free_threaded=False, backend_env="rust")


def test_pypy_has_cffi_built_in() -> None:
    got = choice.decide(version=(3, 11), free_threaded=False, implementation="PyPy")
    assert got.backend == "cffi"
    assert got.limited_api is None
    assert got.wheel_tag is None
    assert got.build_requires == ()
    # The marker keeps PyPy from installing cffi from the index.
    assert got.runtime_requires == (CFFI_RUNTIME,)


@pytest.mark.parametrize(
    ("limited", "value"),
    [("cp310", "0x030A0000"), ("cp315", "0x030F0000"), (None, None)],
)
def test_limited_api_macro(limited: str | None, value: str | None) -> None:
    got = choice.BuildChoice(
        backend="cffi",
        limited_api=limited,
        wheel_tag=None,
        build_requires=(),
        runtime_requires=(),
    )
    assert got.limited_api_hex == value


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("84.2.1", (84, 2, 1)),
        ("2.1.1rc1", (2, 1, 1)),
        ("80.9.0.post1", (80, 9, 0)),
        ("84", (84,)),
        ("dev", ()),
    ],
)
def test_release(text: str, parsed: tuple[int, ...]) -> None:
    assert choice.release(text) == parsed


def test_current_matches_this_interpreter() -> None:
    got = choice.current(installed=False)
    assert got.backend in ("cffi", "native")
    if not choice.is_free_threaded() and sys.implementation.name == "cpython":
        assert got.wheel_tag == "cp310-abi3"
