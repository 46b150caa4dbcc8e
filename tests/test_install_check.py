"""python -m argon2_ft_check on made-up environments: site directories holding
the files and RECORDs that pip leaves when argon2-ft and argon2-cffi are
installed over each other, and when one of them is uninstalled afterwards."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import argon2_ft_check as check

if TYPE_CHECKING:
    from pathlib import Path

FT = {
    "argon2/__init__.py": b"# argon2-ft\n__title__ = 'argon2-ft'\n",
    "argon2/low_level.py": b"# argon2-ft low level\n",
    "argon2/_backend.py": b"# argon2-ft only\n",
    "argon2/py.typed": b"",
}
CFFI = {
    "argon2/__init__.py": b"# argon2-cffi\n",
    "argon2/low_level.py": b"# argon2-cffi low level\n",
    "argon2/py.typed": b"",
}


def _digest(data: bytes) -> str:
    raw = hashlib.sha256(data).digest()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _dist_info(name: str, version: str) -> str:
    return f"{name.replace('-', '_')}-{version}.dist-info"


def install(site: Path, name: str, version: str, files: dict[str, bytes]) -> None:
    """What pip does: write the files over whatever is there, then the RECORD."""
    info = site / _dist_info(name, version)
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    rows = []
    for relative, data in files.items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        rows.append(f"{relative},sha256={_digest(data)},{len(data)}")
    rows.append(f"{info.name}/METADATA,,")
    rows.append(f"{info.name}/RECORD,,")
    (info / "RECORD").write_text("\n".join(rows) + "\n", encoding="utf-8")


def uninstall(site: Path, name: str, version: str) -> None:
    """What pip does: delete every file its RECORD lists, whoever wrote it last."""
    info = site / _dist_info(name, version)
    for row in (info / "RECORD").read_text(encoding="utf-8").splitlines():
        path = site / row.split(",", 1)[0]
        if path.is_file():
            path.unlink()
    shutil.rmtree(info)


def run(site: Path) -> check.Diagnosis:
    return check.diagnose([str(site)])


def test_argon2_ft_alone_is_ok(tmp_path: Path) -> None:
    install(tmp_path, "argon2-ft", "0.1.0", FT)
    diagnosis = run(tmp_path)
    assert diagnosis.ok, diagnosis.problems
    assert diagnosis.owner == "argon2-ft"
    assert diagnosis.package_init == (tmp_path / "argon2" / "__init__.py").resolve()
    assert "OK" in check.report(diagnosis)


def test_argon2_cffi_installed_after_wins_silently(tmp_path: Path) -> None:
    # django[argon2] or passlib[argon2] after argon2-ft.
    install(tmp_path, "argon2-ft", "0.1.0", FT)
    install(tmp_path, "argon2-cffi", "25.1.0", CFFI)
    diagnosis = run(tmp_path)
    assert not diagnosis.ok
    assert diagnosis.owner == "argon2-cffi"
    ours, theirs = diagnosis.installed
    assert (ours.name, theirs.name) == ("argon2-ft", "argon2-cffi")
    # py.typed is the same file in both: still argon2-ft's as recorded.
    assert (ours.matching, len(ours.changed), len(ours.missing)) == (2, 2, 0)
    assert theirs.matching == 3
    assert diagnosis.repair == check.REPAIR
    text = check.report(diagnosis)
    assert "its __init__.py is from argon2-cffi" in text
    assert "pip uninstall -y argon2-ft argon2-cffi" in text


def test_argon2_ft_installed_after_is_still_a_conflict(tmp_path: Path) -> None:
    install(tmp_path, "argon2-cffi", "25.1.0", CFFI)
    install(tmp_path, "argon2-ft", "0.1.0", FT)
    diagnosis = run(tmp_path)
    assert diagnosis.owner == "argon2-ft"
    assert not diagnosis.ok
    assert diagnosis.repair == check.REPAIR


def test_uninstalling_argon2_cffi_afterwards_leaves_argon2_ft_broken(
    tmp_path: Path,
) -> None:
    # The AttributeError case: argon2-cffi's uninstall deleted the files it
    # had overwritten, argon2/__init__.py among them.
    install(tmp_path, "argon2-ft", "0.1.0", FT)
    install(tmp_path, "argon2-cffi", "25.1.0", CFFI)
    uninstall(tmp_path, "argon2-cffi", "25.1.0")
    diagnosis = run(tmp_path)
    assert not diagnosis.ok
    (ours,) = diagnosis.installed
    assert {p.name for p in ours.missing} == {"__init__.py", "low_level.py", "py.typed"}
    assert diagnosis.owner is None
    assert diagnosis.repair == check.REINSTALL
    assert "3 missing" in check.report(diagnosis)


def test_argon2_cffi_alone(tmp_path: Path) -> None:
    install(tmp_path, "argon2-cffi", "25.1.0", CFFI)
    diagnosis = run(tmp_path)
    assert not diagnosis.ok
    assert diagnosis.owner == "argon2-cffi"
    assert diagnosis.repair == check.REPAIR


def test_nothing_installed(tmp_path: Path) -> None:
    diagnosis = run(tmp_path)
    assert not diagnosis.ok
    assert diagnosis.package_init is None
    assert "no complete 'argon2' package" in check.report(diagnosis)


def test_a_changed_file_is_found(tmp_path: Path) -> None:
    install(tmp_path, "argon2-ft", "0.1.0", FT)
    (tmp_path / "argon2" / "_backend.py").write_bytes(b"# edited\n")
    diagnosis = run(tmp_path)
    assert not diagnosis.ok
    assert diagnosis.repair == check.REINSTALL


def test_this_environment_and_no_import_of_argon2() -> None:
    # The environment the suite runs in has argon2-ft alone; the check must
    # not import the package it inspects (it may be broken).
    code = (
        "import sys, argon2_ft_check as c; d = c.diagnose(); "
        "assert 'argon2' not in sys.modules, 'imported argon2'; "
        "print(c.report(d)); sys.exit(0 if d.ok else 1)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK: 'import argon2' is argon2-ft" in done.stdout


def test_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argon2_ft_check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("import argon2: ")
