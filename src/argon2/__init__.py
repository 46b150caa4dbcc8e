"""Argon2 (RFC 9106) password hashing; a drop-in replacement for argon2-cffi."""

from __future__ import annotations

# memory (argon2-ft's budget and pool) stays out of __all__, which matches
# argon2-cffi's; importing it applies the ARGON2_FT_* memory settings.
from . import _metadata_alias, exceptions, low_level, memory, profiles  # noqa: F401
from ._conflict import warn_if_argon2_cffi_installed
from ._legacy import hash_password, hash_password_raw, verify_password
from ._password_hasher import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_RANDOM_SALT_LENGTH,
    DEFAULT_TIME_COST,
    PasswordHasher,
)
from ._settings import Settings, configure, get_settings
from ._utils import Parameters, extract_parameters
from .low_level import Type

__title__ = "argon2-ft"
__license__ = "MIT"

__all__ = [
    "DEFAULT_HASH_LENGTH",
    "DEFAULT_MEMORY_COST",
    "DEFAULT_PARALLELISM",
    "DEFAULT_RANDOM_SALT_LENGTH",
    "DEFAULT_TIME_COST",
    "Parameters",
    "PasswordHasher",
    "Settings",
    "Type",
    "configure",
    "exceptions",
    "extract_parameters",
    "get_settings",
    "hash_password",
    "hash_password_raw",
    "low_level",
    "profiles",
    "verify_password",
]

_DISTRIBUTION = "argon2-ft"

# Deprecated metadata attributes, answered from the installed metadata.
_METADATA_FIELDS = {
    "__version__": "Version",
    "__description__": "Summary",
    "__uri__": "Project-URL",
    "__url__": "Project-URL",
    "__email__": "Author-email",
}


def __getattr__(name: str) -> str:
    field = _METADATA_FIELDS.get(name)
    if field is None:
        msg = f"module {__name__} has no attribute {name}"
        raise AttributeError(msg)

    # Imported here: importlib.metadata is slow to import and rarely needed.
    import warnings  # noqa: PLC0415
    from importlib.metadata import metadata  # noqa: PLC0415

    warnings.warn(
        f"Accessing argon2.{name} is deprecated and will be removed in a future "
        "release. Use importlib.metadata directly to query for "
        f"{_DISTRIBUTION}'s packaging metadata.",
        DeprecationWarning,
        stacklevel=2,
    )
    values = metadata(_DISTRIBUTION).get_all(field) or [""]
    value = str(values[0])
    if field == "Project-URL":
        # "Label, https://..." -> the URL
        return value.split(" ", 1)[-1]
    if field == "Author-email":
        return value.split("<", 1)[-1].rstrip(">") if "<" in value else value
    return value


warn_if_argon2_cffi_installed()
_metadata_alias.install()
