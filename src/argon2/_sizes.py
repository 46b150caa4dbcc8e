"""Sizes written with binary suffixes, read one way everywhere: the CLI's
memory options (KiB by default) and the memory settings (bytes by default)."""

from __future__ import annotations

import re

_SIZE = re.compile(r"\s*(\d+)\s*(b|k|kib|m|mib|g|gib|t|tib)?\s*", re.IGNORECASE)
_FACTORS = {"b": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def binary_size(text: str, plain: str) -> int | None:
    """Bytes from "65536", "64MiB", "64 M", "1GiB": B, K/KiB, M/MiB, G/GiB or
    T/TiB, case-insensitive (KB and MB are refused as ambiguous); a plain
    number counts in *plain* ("b" or "k"). None when *text* is not a size."""
    match = _SIZE.fullmatch(text)
    if match is None:
        return None
    number, suffix = match.groups()
    return int(number) * _FACTORS[(suffix or plain)[0].lower()]
