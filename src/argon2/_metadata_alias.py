"""Answer ``importlib.metadata`` lookups for argon2-cffi when argon2-ft replaces it.

Libraries written for argon2-cffi sometimes ask for its distribution metadata,
e.g. libpass logs ``importlib.metadata.version("argon2_cffi")`` while loading its
backend, and fails when argon2-ft is installed instead. Once ``argon2`` is
imported, a lookup BY NAME for argon2-cffi that finds no real installation gets a
small synthetic distribution saying which argon2-cffi API argon2-ft provides.

It answers only lookups by that exact name: listings of all distributions (pip,
``importlib.metadata.distributions()``) never show it, and a real argon2-cffi
installation is always found first, since this finder sits last on
``sys.meta_path``.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The argon2-cffi release whose API argon2-ft provides.
ARGON2_CFFI_API_VERSION = "25.1.0"
ALIAS_SUMMARY = "argon2-cffi API compatibility metadata provided by argon2-ft"

_METADATA = f"""\
Metadata-Version: 2.1
Name: argon2-cffi
Version: {ARGON2_CFFI_API_VERSION}
Summary: {ALIAS_SUMMARY}
"""


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


class _Argon2CffiAliasFinder:
    """A ``sys.meta_path`` entry that finds no modules, only the alias metadata."""

    @staticmethod
    def find_spec(*_args: object, **_kwargs: object) -> None:
        return None

    @staticmethod
    def find_distributions(context: Any = None) -> Iterator[Any]:
        name = getattr(context, "name", None)
        if not isinstance(name, str) or _normalized(name) != "argon2_cffi":
            return iter(())
        # importlib.metadata is necessarily imported by now: it is the caller.
        from importlib.metadata import Distribution  # noqa: PLC0415

        others = (
            finder
            for finder in sys.meta_path
            if not isinstance(finder, _Argon2CffiAliasFinder)
        )
        for finder in others:
            find = getattr(finder, "find_distributions", None)
            if find is not None and any(True for _ in find(context)):
                return iter(())  # the real argon2-cffi is installed: stay silent

        class _AliasDistribution(Distribution):
            def read_text(self, filename: str) -> str | None:
                return _METADATA if filename in ("METADATA", "PKG-INFO") else None

            def locate_file(self, path: Any) -> Any:
                raise FileNotFoundError(path)

        return iter((_AliasDistribution(),))


def install() -> None:
    """Append the finder to ``sys.meta_path`` once (called under the import lock)."""
    if not any(isinstance(f, _Argon2CffiAliasFinder) for f in sys.meta_path):
        sys.meta_path.append(_Argon2CffiAliasFinder())
