"""Hashing at the process's thread limit, for real: a child process in a pids
cgroup that allows it fewer threads than lanes must still hash, with the
tag the result never stops being. Needs root and a pids controller (cgroup
v1 or v2); skipped elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from argon2 import low_level

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.thread_unsafe  # one cgroup, subprocesses

ARGS = (b"password", b"somesaltsomesalt", 1, 256, 4, 32, low_level.Type.ID)

_CHILD = """
import os, sys
from pathlib import Path
Path(sys.argv[1], "cgroup.procs").write_text(str(os.getpid()))
from argon2 import low_level
from argon2.exceptions import HashingError
args = (b"password", b"somesaltsomesalt", 1, 256, 4, 32, low_level.Type.ID)
try:
    print(low_level.hash_secret_raw(*args, threads=4).hex())
except HashingError as error:
    print("HashingError:", error)
"""


def _pids_root() -> Path | None:
    v1 = Path("/sys/fs/cgroup/pids")
    if (v1 / "cgroup.procs").exists():
        return v1
    for root in (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified")):
        controllers = root / "cgroup.subtree_control"
        if controllers.exists() and "pids" in controllers.read_text().split():
            return root
    return None


@pytest.fixture
def pids_cgroup() -> Iterator[Path]:
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("needs root on Linux to create a pids cgroup")
    root = _pids_root()
    if root is None:
        pytest.skip("no pids cgroup controller here")
    group = root / f"argon2-ft-thread-limit-{os.getpid()}"
    try:
        group.mkdir()
    except OSError as error:
        pytest.skip(f"cannot create a pids cgroup: {error}")
    try:
        yield group
    finally:
        group.rmdir()  # the child has exited: the group is empty


@pytest.mark.parametrize("pids_max", [1, 2, 3, 5, 9])
def test_hash_succeeds_at_the_thread_limit(pids_cgroup: Path, pids_max: int) -> None:
    # pids.max 1: the process itself and no other thread; 2 and 3: one or two
    # lane threads start, the others do not; 5: the four lane threads, if each
    # is free again before the next starts; 9: twice four, the headroom the
    # system-library build asks for.
    (pids_cgroup / "pids.max").write_text(str(pids_max))
    expected = low_level.hash_secret_raw(*ARGS, threads=1).hex()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(pids_cgroup)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected
    events = pids_cgroup / "pids.events"
    if pids_max == 1 and events.exists() and os.cpu_count() != 1:
        # The limit was reached: a lane thread was refused, for real.
        assert "max 0" not in events.read_text()
