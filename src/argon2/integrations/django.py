"""A Django password hasher with a pepper from the Django settings
(argon2-ft extension).

Django's own ``Argon2PasswordHasher`` cannot pass a secret to Argon2. This
subclass keeps its parameters (``time_cost``, ``memory_cost``,
``parallelism`` class attributes) and adds a pepper, named by an id stored in
each hash so that Django upgrades hashes made with an older pepper at the next
login::

    PASSWORD_HASHERS = [
        "argon2.integrations.django.PepperedArgon2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",  # existing hashes
    ]
    ARGON2_FT_PEPPERS = {"2026": env_bytes("PEPPER_2026"), "2025": ...}

The first entry of ``ARGON2_FT_PEPPERS`` makes new hashes; the others are
still accepted. Encoded form: ``argon2ft_pepper$<id>$argon2id$v=19$...``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ImproperlyConfigured

import argon2

__all__ = ["PepperedArgon2PasswordHasher"]

SETTING = "ARGON2_FT_PEPPERS"
_PEPPER_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def _peppers() -> tuple[str, dict[str, bytes]]:
    """The current pepper's id and every configured pepper, checked."""
    configured = getattr(settings, SETTING, None)
    if not isinstance(configured, Mapping) or not configured:
        msg = f"settings.{SETTING} must be a non-empty dict of id -> pepper"
        raise ImproperlyConfigured(msg)
    peppers: dict[str, bytes] = {}
    for key_id, pepper in configured.items():
        if not isinstance(key_id, str) or not _PEPPER_ID.fullmatch(key_id):
            msg = (
                f"settings.{SETTING}: pepper id {key_id!r} must be 1 to 64 "
                "letters, digits, '_', '.' or '-'"
            )
            raise ImproperlyConfigured(msg)
        value = pepper.encode() if isinstance(pepper, str) else pepper
        if not isinstance(value, bytes) or not value:
            msg = f"settings.{SETTING}[{key_id!r}] must be non-empty bytes or str"
            raise ImproperlyConfigured(msg)
        peppers[key_id] = value
    return next(iter(peppers)), peppers


class PepperedArgon2PasswordHasher(Argon2PasswordHasher):  # type: ignore[misc]
    """Django's ``Argon2PasswordHasher`` with a pepper from
    ``settings.ARGON2_FT_PEPPERS``. Verification uses
    :class:`argon2.PasswordHasher`, so the process-wide limits apply."""

    algorithm = "argon2ft_pepper"

    def _split(self, encoded: str) -> tuple[str, str]:
        algorithm, key_id, rest = encoded.split("$", 2)
        if algorithm != self.algorithm:
            msg = f"not a {self.algorithm} hash"
            raise ValueError(msg)
        return key_id, "$" + rest

    def encode(self, password: str, salt: str) -> str:
        key_id, peppers = _peppers()
        params = self.params()
        data = argon2.low_level.hash_secret(
            password.encode(),
            salt.encode(),
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            type=params.type,
            key=peppers[key_id],
        )
        return f"{self.algorithm}${key_id}{data.decode('ascii')}"

    def decode(self, encoded: str) -> dict[str, Any]:
        key_id, phc = self._split(encoded)
        decoded: dict[str, Any] = super().decode(self.algorithm + phc)
        decoded["pepper_id"] = key_id
        return decoded

    def verify(self, password: str, encoded: str) -> bool:
        key_id, phc = self._split(encoded)
        pepper = _peppers()[1].get(key_id)
        if pepper is None:
            # Refusing every such login silently would lock users out with
            # no trace: this is a configuration error.
            msg = (
                f"a password hash uses pepper {key_id!r}, which "
                f"settings.{SETTING} no longer lists"
            )
            raise ImproperlyConfigured(msg)
        try:
            return argon2.PasswordHasher(secret=pepper).verify(phc, password)
        except argon2.exceptions.VerificationError:
            return False

    def must_update(self, encoded: str) -> bool:
        key_id, _ = self._split(encoded)
        if key_id != _peppers()[0]:
            return True
        return bool(super().must_update(encoded))
