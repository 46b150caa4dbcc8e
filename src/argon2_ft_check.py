"""Which ``argon2`` does this environment import, and is it whole?

    python -m argon2_ft_check

argon2-ft and argon2-cffi both install the import package ``argon2``; pip
lets the one installed last overwrite the other's files without a word, and
uninstalling either afterwards deletes files the other needs. This module
ships with argon2-ft but is not part of the ``argon2`` package, so it works
whichever distribution's files won. It never imports ``argon2``: it finds the
package, then compares the files on disk with the RECORD that each installed
distribution wrote (importlib.metadata).

Exit status: 0 when ``argon2`` is argon2-ft's, complete and alone; 1 for
anything else, with the commands that repair it.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.machinery
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

DISTRIBUTIONS = ("argon2-ft", "argon2-cffi")
PACKAGE = "argon2"

REPAIR = (
    "python -m pip uninstall -y argon2-ft argon2-cffi",
    "python -m pip install argon2-ft",
)
REINSTALL = ("python -m pip install --force-reinstall --no-deps argon2-ft",)


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Installed:
    """One distribution's record of the ``argon2`` package's files."""

    name: str
    version: str
    # Files of the package it installed -> the recorded "algorithm=digest".
    files: dict[Path, str] = field(default_factory=dict)
    matching: int = 0  # files on disk as this distribution wrote them
    changed: list[Path] = field(default_factory=list)  # differ from its RECORD
    missing: list[Path] = field(default_factory=list)


@dataclass
class Diagnosis:
    package_init: Path | None  # argon2/__init__.py that `import argon2` runs
    owner: str | None  # the distribution whose file that is, if any
    installed: list[Installed]
    problems: list[str]
    repair: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _digest(path: Path, algorithm: str) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    raw = hashlib.new(algorithm, data).digest()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _matches(path: Path, recorded: str) -> bool:
    algorithm, _, value = recorded.partition("=")
    return _digest(path, algorithm) == value


def _record(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(path, "algorithm=digest") for each hashed row of *dist*'s RECORD.

    Read from the RECORD itself: Distribution.files leaves out the files that
    no longer exist on Python 3.12 and later, and missing files are what this
    check must find."""
    text = dist.read_text("RECORD") or ""
    return [
        (row[0], row[1])
        for row in csv.reader(text.splitlines())
        if len(row) >= 2 and row[0] and "=" in row[1]
    ]


def _installed(path: list[str] | None) -> list[Installed]:
    found: dict[str, Installed] = {}
    # A listing, not a lookup by name: argon2-ft answers lookups of
    # "argon2-cffi" with alias metadata that has no files; listings skip it.
    for dist in metadata.distributions(path=path or sys.path):
        name = _normalized(dist.metadata["Name"] or "")
        if name not in DISTRIBUTIONS or name in found:
            continue
        entry = Installed(name, dist.version)
        for relative, recorded in _record(dist):
            parts = PurePosixPath(relative).parts
            if parts[:1] != (PACKAGE,) or "__pycache__" in parts:
                continue
            where = Path(str(dist.locate_file(relative))).resolve()
            entry.files[where] = recorded
        found[name] = entry
    return [found[name] for name in DISTRIBUTIONS if name in found]


def _package_init(path: list[str] | None) -> Path | None:
    if path is None:
        spec = importlib.util.find_spec(PACKAGE)
    else:
        spec = importlib.machinery.PathFinder.find_spec(PACKAGE, path)
    if spec is None or spec.origin in (None, "namespace"):
        return None
    return Path(spec.origin).resolve()


def diagnose(path: list[str] | None = None) -> Diagnosis:
    """Inspect the environment (*path*: the directories to search instead of
    sys.path, for tests)."""
    installed = _installed(path)
    init = _package_init(path)
    for entry in installed:
        for file, recorded in entry.files.items():
            if not file.exists():
                entry.missing.append(file)
            elif _matches(file, recorded):
                entry.matching += 1
            else:
                entry.changed.append(file)
    owner = None
    if init is not None:
        owner = next(
            (
                e.name
                for e in installed
                if init in e.files and _matches(init, e.files[init])
            ),
            None,
        )
    names = [e.name for e in installed]
    problems: list[str] = []
    repair: tuple[str, ...] = ()
    if set(DISTRIBUTIONS) <= set(names):
        problems.append(
            "argon2-ft and argon2-cffi are both installed: their files overwrite "
            "each other's, and uninstalling one breaks the other."
        )
        repair = REPAIR
    elif "argon2-ft" not in names:
        problems.append("argon2-ft is not installed in this environment.")
        repair = REPAIR if "argon2-cffi" in names else REPAIR[1:]
    else:
        (ours,) = installed
        if ours.missing or ours.changed:
            problems.append(
                f"argon2-ft's files are incomplete: {len(ours.missing)} missing, "
                f"{len(ours.changed)} changed since it was installed."
            )
            repair = REINSTALL
        elif ours.files and owner != "argon2-ft":
            problems.append("'import argon2' does not load argon2-ft's package.")
            repair = REPAIR
    return Diagnosis(init, owner, installed, problems, repair)


def report(diagnosis: Diagnosis) -> str:
    lines = []
    if diagnosis.package_init is None:
        lines.append("import argon2: no complete 'argon2' package (no __init__.py)")
    else:
        source = diagnosis.owner or "no installed distribution (changed or foreign)"
        lines.append(f"import argon2: {diagnosis.package_init.parent}")
        lines.append(f"  its __init__.py is from {source}")
    for entry in diagnosis.installed:
        total = len(entry.files)
        lines.append(
            f"{entry.name} {entry.version}: {entry.matching} of {total} package "
            f"files as installed, {len(entry.changed)} overwritten or changed, "
            f"{len(entry.missing)} missing"
            + (" (no files recorded: editable install?)" if not total else "")
        )
    if not diagnosis.installed:
        lines.append("neither argon2-ft nor argon2-cffi is installed")
    if diagnosis.ok:
        lines.append("OK: 'import argon2' is argon2-ft, complete, and alone.")
        return "\n".join(lines)
    lines.extend(f"PROBLEM: {problem}" for problem in diagnosis.problems)
    lines.append("To repair, run:")
    lines.extend(f"    {command}" for command in diagnosis.repair)
    lines.append(
        "and install frameworks without their [argon2] extras "
        "(django[argon2], passlib[argon2] and pwdlib[argon2] bring argon2-cffi)."
    )
    return "\n".join(lines)


def main() -> int:
    diagnosis = diagnose()
    print(report(diagnosis))
    return 0 if diagnosis.ok else 1


if __name__ == "__main__":
    sys.exit(main())
