"""Run argon2-cffi's own public-API tests against the installed argon2-ft.

    python tests/argon2_cffi_suite.py [--sdist argon2_cffi-25.1.0.tar.gz]

Without --sdist the sdist is fetched with pip. Its tests/ folder is unpacked
into a temporary directory (nothing of it is kept in this repository) and run
there with this interpreter, so ``import argon2`` is the installed package.

Left out, because they test argon2-cffi's internals or its own distribution
rather than the API argon2-ft replaces:

* test_packaging.py: compares argon2.__version__ with the *argon2-cffi*
  distribution's metadata;
* TestEnsureBytes, TestCheckTypes, test_decoded_str_len: private helpers of
  argon2-cffi. test_utils.py imports the last two (and NoneType) from
  argon2._utils at module level; that one import line is replaced so the
  module's public tests still run.

Exits non-zero unless exactly EXPECTED tests pass and none fails, errors or
is skipped. It needs the CFFI backend: argon2-cffi's tests import
argon2.low_level.ffi and lib, which the native backend does not have.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

VERSION = "25.1.0"
EXPECTED = 68

_PRIVATE_IMPORT = "from argon2._utils import NoneType, _check_types, _decoded_str_len\n"
# Only the deselected tests use these names.
_PRIVATE_STANDIN = "NoneType = type(None)\n"

_DESELECT = (
    "tests/test_password_hasher.py::TestEnsureBytes",
    "tests/test_utils.py::TestCheckTypes",
    "tests/test_utils.py::test_decoded_str_len",
)
_IGNORE = ("tests/test_packaging.py", "tests/typing")

# argon2-cffi's own pytest settings (from its pyproject.toml).
_PYTEST_INI = """\
[pytest]
addopts = -ra --strict-markers --strict-config -p no:cacheprovider
xfail_strict = true
testpaths = tests
filterwarnings = once::Warning
"""


def fetch_sdist(into: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps",
         "--no-binary", ":all:", f"argon2-cffi=={VERSION}", "-d", str(into)],
        check=True,
    )  # fmt: skip
    (sdist,) = into.glob(f"argon2_cffi-{VERSION}.tar.gz")
    return sdist


def unpack_tests(sdist: Path, into: Path) -> Path:
    prefix = f"argon2_cffi-{VERSION}/tests/"
    with tarfile.open(sdist) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith(prefix)]
        if not members:
            sys.exit(f"{sdist}: no {prefix} in the archive")
        for member in members:
            if not (member.isfile() or member.isdir()):
                continue
            target = into / member.name[len(prefix) - len("tests/") :]
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is None:
                sys.exit(f"{sdist}: cannot read {member.name}")
            target.write_bytes(source.read())
    return into / "tests"


def drop_private_import(tests: Path) -> None:
    path = tests / "test_utils.py"
    text = path.read_text(encoding="utf-8")
    if _PRIVATE_IMPORT not in text:
        sys.exit(f"{path}: the private import to replace is not there")
    path.write_text(text.replace(_PRIVATE_IMPORT, _PRIVATE_STANDIN), encoding="utf-8")


def run(work: Path) -> int:
    (work / "pytest.ini").write_text(_PYTEST_INI, encoding="utf-8")
    report = work / "report.xml"
    command = [sys.executable, "-m", "pytest", "-q", f"--junitxml={report}"]
    command += [f"--deselect={node}" for node in _DESELECT]
    command += [f"--ignore={path}" for path in _IGNORE]
    rc = subprocess.run(command, cwd=work, check=False).returncode
    suite = ET.parse(report).getroot()  # noqa: S314 (pytest's own report)
    if suite.tag == "testsuites":
        suite = suite[0]
    kinds = ("tests", "failures", "errors", "skipped")
    counts = {kind: int(suite.get(kind, "0")) for kind in kinds}
    passed = counts["tests"] - counts["failures"] - counts["errors"] - counts["skipped"]
    print(f"argon2-cffi {VERSION} suite: {passed} passed, {counts}")
    if rc != 0 or passed != EXPECTED or counts["tests"] != EXPECTED:
        print(f"expected exactly {EXPECTED} passed", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    from argon2 import low_level

    if low_level.backend_name() != "cffi":
        sys.exit("argon2-cffi's tests import argon2.low_level.ffi: CFFI backend only")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sdist", type=Path, help="argon2-cffi sdist (default: pip download)"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="argon2-cffi-suite-") as tmp:
        work = Path(tmp)
        sdist = options.sdist or fetch_sdist(work / "sdist")
        drop_private_import(unpack_tests(sdist.resolve(), work))
        return run(work)


if __name__ == "__main__":
    sys.exit(main())
