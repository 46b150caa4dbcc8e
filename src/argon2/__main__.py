"""``python -m argon2``: the command line lives in ``argon2._cli``."""

from __future__ import annotations

import sys

from ._cli import main

__all__ = ["main"]

if __name__ == "__main__":  # pragma: no cover
    main(sys.argv)
