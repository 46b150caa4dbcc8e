"""Fail the build when a public name is missing from the API reference.

Every name in ``__all__`` of the documented modules must have been described
by some autodoc directive (or an explicit ``py:`` directive); a missing one is
reported as a warning, which ``-W`` turns into an error. This keeps the API
page in sync with the package.
"""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_LOG = logging.getLogger(__name__)

MODULES = (
    "argon2",
    "argon2.low_level",
    "argon2.profiles",
    "argon2.exceptions",
    "argon2.calibration",
)


def _check(app: Sphinx, env: Any) -> None:
    if app.builder.name not in ("html", "dirhtml", "singlehtml"):
        return
    described = set(env.get_domain("py").objects)
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name, None)
            if isinstance(value, types.ModuleType) and value.__name__ in MODULES:
                wanted = value.__name__  # documented as a module of its own
            else:
                wanted = f"{module_name}.{name}"
            if wanted not in described:
                _LOG.warning("API reference lacks %s", wanted, type="api_coverage")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-check-consistency", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
