"""Facts the documentation quotes from the code. Skipped where the docs are
not next to the tests (an installed wheel's test run)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from argon2 import _conflict
from argon2.exceptions import ConflictingInstallWarning

DOCS = Path(__file__).resolve().parent.parent / "docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="no docs/ next to tests/")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_quoted_conflict_warning_is_the_real_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_conflict, "_argon2_cffi_metadata_present", lambda _: True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _conflict.warn_if_argon2_cffi_installed()
    [warning] = caught
    assert warning.category is ConflictingInstallWarning
    page = (DOCS / "installation.md").read_text(encoding="utf-8")
    quoted = re.search(r"```text\n(ConflictingInstallWarning: .*?)```", page, re.S)
    assert quoted is not None
    assert _words(quoted.group(1)) == _words(
        f"ConflictingInstallWarning: {warning.message}"
    )


README = DOCS.parent / "README.md"


@pytest.mark.skipif(not README.is_file(), reason="no README.md next to tests/")
def test_readme_python_examples_run() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})  # noqa: S102
