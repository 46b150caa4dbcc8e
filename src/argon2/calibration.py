"""Parameters measured on this machine, for one login or many at once: the
Python side of ``python -m argon2 --calibrate``. (argon2-ft extension)"""

from __future__ import annotations

from ._calibrate import CalibrationReport, Candidate, Timing, calibrate

__all__ = ["CalibrationReport", "Candidate", "Timing", "calibrate"]
