"""A pepper held where a repr, a pickle or a dump of a traceback's local
variables (as error trackers take them) does not show it.

PasswordHasher keeps each of its secrets in a Pepper and unwraps it only in
the argument list of the backend call, so no frame of ours has the bytes in
a local variable when an exception is raised.
"""

from __future__ import annotations

from typing import NoReturn

_NOT_PICKLABLE = (
    "a PasswordHasher with a secret (pepper) cannot be pickled: the pepper "
    "would be written out with it. Create the PasswordHasher where it is used."
)


class Pepper:
    __slots__ = ("_value",)

    def __init__(self, value: bytes) -> None:
        self._value = value

    def reveal(self) -> bytes:
        return self._value

    def __repr__(self) -> str:
        return "<pepper: redacted>"

    def __reduce__(self) -> NoReturn:
        raise TypeError(_NOT_PICKLABLE)

    # Immutable: copies of a PasswordHasher share it instead of pickling it.
    def __copy__(self) -> Pepper:
        return self

    def __deepcopy__(self, memo: object) -> Pepper:
        return self
