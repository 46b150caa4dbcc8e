# A CI script: its messages are built where raised, and it runs only the
# interpreter and pip it was given.
# ruff: noqa: EM102, S603
"""Replay the wheel jobs of .github/workflows/wheels.yml with the cibuildwheel
versions they pin and check that, together, they list every promised wheel.

For every job that runs cibuildwheel: find the exact version it pins
(`pip install cibuildwheel==X.Y.Z` or `uses: pypa/cibuildwheel@vX.Y.Z`; no
pin is a failure), expand its matrix, substitute ${{ matrix.NAME }} in its
CIBW_* env, and run `cibuildwheel --print-build-identifiers` from the
repository root (so pyproject.toml's [tool.cibuildwheel] applies) with exactly
that env, in a throwaway venv holding that version.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "wheels.yml"

PIN_PIP = re.compile(r"\bcibuildwheel==(\d+\.\d+\.\d+)(?![\w.*])")
PIN_ACTION = re.compile(r"^pypa/cibuildwheel@v(\d+\.\d+\.\d+)$")
LOOSE_PIP = re.compile(r"\bcibuildwheel(?:\[[^\]]*\])?\s*(?:[<>~!=]=?|@)")
INVOKES = re.compile(
    r"(?:^|[\s;&|(])(?:python[\d.]*\s+-m\s+)?cibuildwheel(?=\s|$)", re.M
)
MATRIX_EXPR = re.compile(r"\$\{\{\s*matrix\.([A-Za-z_][\w-]*)\s*\}\}")
# cibuildwheel names the identifiers it drops only because this host's
# architecture cannot build them (PyPy for arm64 macOS, asked from x86_64).
HOST_SKIPPED = re.compile(r"Note: (.*?) (?:was|were) selected, but can't be built on")

GIL = ["cp310", "cp311", "cp312", "cp313", "cp314", "cp315"]
FREE_THREADED = ["cp313t", "cp314t", "cp315t"]
PYPY = ["pp310", "pp311"]
LINUX = [
    f"{libc}linux_{arch}"
    for libc in ("many", "musl")
    for arch in ("x86_64", "aarch64", "riscv64")
]
MACOS = ["macosx_x86_64", "macosx_arm64"]
WINDOWS = ["win32", "win_amd64", "win_arm64"]
PYPY_PLATFORMS = ["manylinux_x86_64", "manylinux_aarch64", *MACOS, "win_amd64"]
PYODIDE = ["cp313-pyodide_wasm32", "cp314-pyodide_wasm32"]


def required_identifiers() -> set[str]:
    """Every wheel the project promises (GIL CPython ones are one abi3 wheel
    per platform, built on cp310 and tested on each later version)."""
    native = LINUX + MACOS + WINDOWS
    ids = {f"{py}-{plat}" for py in GIL + FREE_THREADED for plat in native}
    ids |= {f"{py}-{plat}" for py in PYPY for plat in PYPY_PLATFORMS}
    ids |= set(PYODIDE)
    return ids


class CheckError(Exception):
    pass


def expand_matrix(strategy: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The matrix entries a job runs: axes crossed, excludes dropped, includes
    appended (enough for the plain matrices this workflow uses)."""
    matrix = (strategy or {}).get("matrix")
    if matrix is None:
        return [{}]
    if not isinstance(matrix, dict):
        raise CheckError(f"matrix must be a mapping, not {matrix!r}")
    axes = {k: v for k, v in matrix.items() if k not in ("include", "exclude")}
    entries: list[dict[str, Any]] = []
    if axes:
        keys = list(axes)
        entries = [
            dict(zip(keys, combo, strict=True))
            for combo in itertools.product(*axes.values())
        ]
        for ex in matrix.get("exclude") or []:
            entries = [e for e in entries if any(e.get(k) != v for k, v in ex.items())]
    entries += [dict(inc) for inc in matrix.get("include") or []]
    return entries or [{}]


def substitute(value: Any, entry: dict[str, Any], where: str) -> str:
    text = MATRIX_EXPR.sub(lambda m: str(entry.get(m.group(1), "")), str(value))
    if "${{" in text:
        raise CheckError(f"{where}: expression the check cannot evaluate: {value!r}")
    return text


def cibw_env(*layers: dict[str, Any] | None) -> dict[str, Any]:
    env: dict[str, Any] = {}
    for layer in layers:
        env.update({k: v for k, v in (layer or {}).items() if k.startswith("CIBW_")})
    return env


def job_pin(name: str, job: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """(pinned version, the step that runs cibuildwheel) for one job."""
    pins: set[str] = set()
    runner: dict[str, Any] | None = None
    for step in job.get("steps") or []:
        uses = str(step.get("uses", ""))
        run = str(step.get("run", ""))
        if uses.startswith("pypa/cibuildwheel@"):
            m = PIN_ACTION.match(uses)
            if not m:
                raise CheckError(f"job {name}: {uses!r} is not an exact vX.Y.Z pin")
            pins.add(m.group(1))
            runner = step
        if "cibuildwheel" in run:
            found = PIN_PIP.findall(run)
            pins.update(found)
            if LOOSE_PIP.search(run) and not found:
                raise CheckError(
                    f"job {name}: cibuildwheel installed without an exact pin: {run!r}"
                )
            if INVOKES.search(run):
                runner = step
    if runner is None:
        return None, None
    if len(pins) != 1:
        what = (
            "no exact cibuildwheel==X.Y.Z pin"
            if not pins
            else f"several pins {sorted(pins)}"
        )
        raise CheckError(f"job {name}: runs cibuildwheel with {what}")
    return pins.pop(), runner


def plan(workflow: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(label, version, CIBW_* env) for every job x matrix entry."""
    doc = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    runs: list[tuple[str, str, dict[str, str]]] = []
    for name, job in (doc.get("jobs") or {}).items():
        version, step = job_pin(name, job)
        if version is None or step is None:
            continue
        for entry in expand_matrix(job.get("strategy")):
            label = f"{name}[{entry.get('name', ','.join(map(str, entry.values())))}]"
            raw = cibw_env(doc.get("env"), job.get("env"), step.get("env"))
            env = {k: substitute(v, entry, label) for k, v in raw.items()}
            platform = env.get("CIBW_PLATFORM", "")
            if platform not in ("linux", "macos", "windows", "pyodide"):
                raise CheckError(
                    f"{label}: CIBW_PLATFORM must be set explicitly, got {platform!r}"
                )
            runner = substitute(job.get("runs-on", ""), entry, label)
            expect = {
                "linux": "ubuntu",
                "pyodide": "ubuntu",
                "macos": "macos",
                "windows": "windows",
            }
            if not runner.startswith(expect[platform]):
                raise CheckError(
                    f"{label}: CIBW_PLATFORM={platform} on runner {runner!r}"
                )
            runs.append((label, version, env))
    if not runs:
        raise CheckError(f"{workflow}: no job runs cibuildwheel")
    return runs


def install(version: str, python: str, work: Path) -> Path:
    venv = work / f"cibuildwheel-{version}"
    if not venv.exists():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        bindir = "Scripts" if os.name == "nt" else "bin"
        pip = [str(venv / bindir / "python"), "-m", "pip", "install", "-q"]
        proc = subprocess.run(
            [*pip, f"cibuildwheel=={version}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise CheckError(
                f"pip install cibuildwheel=={version} failed:\n"
                f"{proc.stdout}{proc.stderr}"
            )
    return venv / ("Scripts" if os.name == "nt" else "bin") / "python"


def identifiers(python: Path, env: dict[str, str], label: str) -> list[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("CIBW_")}
    full.update(env)
    proc = subprocess.run(
        [str(python), "-m", "cibuildwheel", "--print-build-identifiers"],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        raise CheckError(
            f"{label}: cibuildwheel failed ({proc.returncode}):\n{proc.stderr.strip()}"
        )
    ids = proc.stdout.split()
    for m in HOST_SKIPPED.finditer(proc.stderr):
        ids += [i.strip() for i in m.group(1).split(",")]
    return ids


def compact(ids: list[str]) -> str:
    by_platform: dict[str, list[str]] = defaultdict(list)
    for ident in ids:
        py, _, plat = ident.partition("-")
        by_platform[plat].append(py)
    return (
        "; ".join(f"{plat}: {' '.join(pys)}" for plat, pys in by_platform.items())
        or "(none)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workflow", type=Path, default=WORKFLOW)
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter for the venvs"
    )
    parser.add_argument("--work", type=Path, required=True, help="scratch directory")
    args = parser.parse_args()

    try:
        runs = plan(args.workflow)
        versions = sorted({v for _, v, _ in runs})
        print(f"pinned cibuildwheel versions: {' '.join(versions)}")
        listed: dict[str, set[str]] = defaultdict(set)
        for label, version, env in runs:
            python = install(version, args.python, args.work)
            ids = identifiers(python, env, label)
            settings = " ".join(f"{k}={v!r}" for k, v in sorted(env.items()))
            print(
                f"{label} cibuildwheel {version} ({settings})\n"
                f"    {len(ids)}: {compact(ids)}"
            )
            listed[version].update(ids)
    except (CheckError, subprocess.SubprocessError, OSError, yaml.YAMLError) as exc:
        print(f"wheel matrix: FAIL: {exc}")
        return 1

    union = set().union(*listed.values())
    missing = sorted(required_identifiers() - union)
    for version in versions:
        print(f"cibuildwheel {version}: {len(listed[version])} identifiers")
    if missing:
        print(f"missing {len(missing)}: {' '.join(missing)}")
        print("wheel matrix: FAIL")
        return 1
    print(
        f"wheel matrix: PASS ({len(union)} identifiers, "
        f"all {len(required_identifiers())} required)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
