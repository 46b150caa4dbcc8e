"""The packaging metadata of a built wheel (ARGON2_FT_WHEEL=path/to.whl):
runtime dependencies that match the backend inside, the wheel tag, and the
files a user relies on. cffi cannot be installed on 3.13t, so a wheel with
the native backend must not require it."""

from __future__ import annotations

import os
import platform
import sysconfig
import zipfile
from email.parser import HeaderParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import Message

_WHEEL = os.environ.get("ARGON2_FT_WHEEL", "")
if not _WHEEL:
    pytest.skip(
        "ARGON2_FT_WHEEL is not set: these tests read a built wheel "
        "(.ci/run's wheel and native steps set it)",
        allow_module_level=True,
    )

CFFI_MARKER = 'platform_python_implementation != "PyPy"'


@pytest.fixture(scope="module")
def wheel() -> Iterator[zipfile.ZipFile]:
    path = Path(_WHEEL)
    assert path.is_file(), f"ARGON2_FT_WHEEL={_WHEEL} is not a file"
    with zipfile.ZipFile(path) as archive:
        yield archive


def _dist_info(wheel: zipfile.ZipFile) -> str:
    dirs = {n.split("/", 1)[0] for n in wheel.namelist() if ".dist-info/" in n}
    assert len(dirs) == 1, dirs
    return dirs.pop()


def _headers(wheel: zipfile.ZipFile, name: str) -> Message:
    text = wheel.read(f"{_dist_info(wheel)}/{name}").decode("utf-8")
    return HeaderParser().parsestr(text)


def _extensions(wheel: zipfile.ZipFile, module: str) -> list[str]:
    prefix = f"argon2/{module}."
    return [
        n
        for n in wheel.namelist()
        if n.startswith(prefix) and n.endswith((".so", ".pyd"))
    ]


def _backend(wheel: zipfile.ZipFile) -> str:
    ffi, native = _extensions(wheel, "_ffi"), _extensions(wheel, "_native")
    # Exactly one compiled backend, never both.
    assert len(ffi) + len(native) == 1, (ffi, native)
    return "cffi" if ffi else "native"


def _tags(wheel: zipfile.ZipFile) -> list[str]:
    return _headers(wheel, "WHEEL").get_all("Tag") or []


def _unconditional_requirements(wheel: zipfile.ZipFile) -> list[str]:
    # Extras (tests, docs, ...) carry an 'extra ==' marker; the rest is what
    # every install pulls in.
    reqs = _headers(wheel, "METADATA").get_all("Requires-Dist") or []
    return [r for r in reqs if "extra ==" not in r]


def test_name_and_python(wheel: zipfile.ZipFile) -> None:
    meta = _headers(wheel, "METADATA")
    assert meta["Name"] == "argon2-ft"
    assert meta["Requires-Python"] == ">=3.10"
    assert _dist_info(wheel).startswith(f"argon2_ft-{meta['Version']}.dist-info")


def test_runtime_requirements_follow_the_backend(wheel: zipfile.ZipFile) -> None:
    reqs = _unconditional_requirements(wheel)
    if _backend(wheel) == "native":
        assert reqs == []
        return
    # The abi3t module is built by cffi 2.1.1 and needs it at run time too.
    floor = "cffi>=2.1.1" if any("abi3t" in t for t in _tags(wheel)) else "cffi>=2.0"
    assert reqs == [f"{floor}; {CFFI_MARKER}"]


def test_extension_module_matches_the_backend(wheel: zipfile.ZipFile) -> None:
    backend = _backend(wheel)
    names = wheel.namelist()
    if backend == "native":
        assert not [n for n in names if n.startswith("argon2/_ffi")]
    else:
        assert not [n for n in names if n.startswith("argon2/_native")]
    # Build inputs stay out of the wheel.
    assert "argon2/_native.c" not in names
    assert "argon2/_ffi.c" not in names


def _interpreter_abi(wheel: zipfile.ZipFile) -> tuple[str, str]:
    # auditwheel may list one tag per platform alias; they share the rest.
    pairs = {tuple(t.split("-")[:2]) for t in _tags(wheel)}
    assert len(pairs) == 1, pairs
    interpreter, abi = pairs.pop()
    return interpreter, abi


def test_wheel_tag_for_this_interpreter(wheel: zipfile.ZipFile) -> None:
    interpreter, abi = _interpreter_abi(wheel)
    assert _headers(wheel, "WHEEL")["Root-Is-Purelib"] == "false"
    if platform.python_implementation() != "CPython":
        assert "abi3" not in abi
    elif not sysconfig.get_config_var("Py_GIL_DISABLED"):
        # One wheel for every GIL CPython >= 3.10, with either backend.
        assert (interpreter, abi) == ("cp310", "abi3")
    else:
        own = "cp{}{}".format(*platform.python_version_tuple()[:2])
        # Free-threaded: abi3t from 3.15 on (CFFI backend, new enough
        # setuptools and cffi), else bound to this version.
        assert (interpreter, abi) in {("cp315", "abi3.abi3t"), (own, own + "t")}
        if abi == "abi3.abi3t":
            assert _backend(wheel) == "cffi"


def test_stable_abi_wheel_carries_a_stable_abi_module(wheel: zipfile.ZipFile) -> None:
    _, abi = _interpreter_abi(wheel)
    module = _extensions(wheel, "_ffi") + _extensions(wheel, "_native")
    suffix = module[0].split("/", 1)[1]
    if abi == "abi3":
        assert ".abi3." in suffix or suffix.endswith(".pyd"), suffix
    elif abi == "abi3.abi3t":
        assert ".abi3t." in suffix or suffix.endswith(".pyd"), suffix
    else:
        assert ".abi3" not in suffix, suffix


def test_install_check_module_at_top_level(wheel: zipfile.ZipFile) -> None:
    # python -m argon2_ft_check must not live inside the argon2 package,
    # which argon2-cffi's files may replace.
    names = wheel.namelist()
    assert "argon2_ft_check.py" in names
    assert not [n for n in names if n.startswith("argon2/argon2_ft_check")]


def test_typed_and_licensed(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "argon2/py.typed" in names
    # The native module's stub ships with the native module.
    assert ("argon2/_native.pyi" in names) == (_backend(wheel) == "native")
    info = _dist_info(wheel)
    assert f"{info}/licenses/LICENSE" in names
    meta = _headers(wheel, "METADATA")
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    classifiers = meta.get_all("Classifier") or []
    # The SPDX expression replaces the license classifier.
    assert not [c for c in classifiers if c.startswith("License ::")]
    assert "Typing :: Typed" in classifiers


def test_user_facing_metadata(wheel: zipfile.ZipFile) -> None:
    meta = _headers(wheel, "METADATA")
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta["Author"] == "the argon2-ft developers"
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert urls == {
        "Documentation": "https://argon2-ft.readthedocs.io/",
        "Changelog": "https://argon2-ft.readthedocs.io/en/latest/changelog.html",
        "Source": "https://github.com/argon2-ft/argon2-ft",
        "Issues": "https://github.com/argon2-ft/argon2-ft/issues",
        "Security": "https://github.com/argon2-ft/argon2-ft/security/policy",
    }
    classifiers = meta.get_all("Classifier") or []
    for minor in range(10, 16):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    assert any(
        c.startswith("Programming Language :: Python :: Free Threading ::")
        for c in classifiers
    )


def test_only_user_facing_extras(wheel: zipfile.ZipFile) -> None:
    # Developer tools are dependency groups (PEP 735), never published.
    meta = _headers(wheel, "METADATA")
    assert sorted(meta.get_all("Provides-Extra") or []) == ["docs", "tests"]
