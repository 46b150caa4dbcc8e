"""
Fuzz target for the encoded-hash decoder and every verification entry point:
argon2._backend.decode, argon2.low_level.verify_secret, PasswordHasher.verify,
PasswordHasher.check_needs_rehash and argon2.extract_parameters.

Run with atheris (libFuzzer flags and corpus directories pass through):

    python tests/fuzz/fuzz_verify.py -atheris_runs=100000
    python tests/fuzz/fuzz_verify.py -max_total_time=600 corpus/

Only the documented exceptions may escape; any other exception, a crash, or
an entry point disagreeing with the decoder is a finding. Every hash that is
actually computed is tiny: PasswordHasher refuses costly hashes through its
limits before allocating, and verify_secret (which has no limits) is only
called on hashes the decoder rejects or found cheap.

check_one_input is importable without atheris (tests/test_hostile.py drives
it with hypothesis).
"""

from __future__ import annotations

import base64
import contextlib
import sys

from argon2 import PasswordHasher, _backend, extract_parameters, low_level
from argon2.exceptions import (
    InvalidHashError,
    ParametersExceedLimitsError,
    VerificationError,
    VerifyMismatchError,
)

MAX_M, MAX_T, MAX_P = 64, 2, 4


def _limited(secret: bytes | None) -> PasswordHasher:
    return PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1, secret=secret,
        max_memory_cost=MAX_M, max_time_cost=MAX_T, max_parallelism=MAX_P,
    )  # fmt: skip


HASHERS = (_limited(None), _limited(b"pepper"))
PASSWORD = b"password"
TYPES = tuple(low_level.Type)


# What argon2._backend.decode returns for a decodable hash.
Decoded = tuple[int, int, int, int, int, bytes, bytes]


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _canonical(decoded: Decoded) -> bytes:
    type_code, version, m, t, p, salt, tag = decoded
    name = {0: b"d", 1: b"i", 2: b"id"}[type_code]
    return b"$argon2%s$v=%d$m=%d,t=%d,p=%d$%s$%s" % (
        name, version, m, t, p, _b64(salt), _b64(tag),
    )  # fmt: skip


def _check_decoded(data: bytes, decoded: Decoded | int) -> bool:
    """Validate what the decoder returned; True when it is cheap to verify."""
    if isinstance(decoded, int):
        assert decoded < 0, decoded
        assert _backend.error_message(decoded) != "OK"
        return True  # verification stops in the decoder
    assert len(decoded) == 7
    type_code, version, m, t, p, salt, tag = decoded
    assert type_code in (0, 1, 2)
    assert len(salt) >= 8
    assert len(tag) >= 4
    assert t >= 1
    assert 1 <= p <= 0xFFFFFF
    assert m >= 8 * p
    # The decoder is strict, so a decoded hash is the canonical encoding of
    # its own values (a missing v= field meaning version 16).
    canonical = _canonical(decoded)
    if b"$v=" in data:
        assert data == canonical, (data, canonical)
    else:
        assert version == 0x10
        assert data == canonical.replace(b"$v=16", b"", 1), (data, canonical)
    return m <= MAX_M and t <= MAX_T and p <= MAX_P


def _as_text(data: bytes) -> str:
    return data.decode("latin-1")


def _seeds() -> tuple[bytes, ...]:
    seeds = []
    for type_ in TYPES:
        for version in (0x10, 0x13):
            encoded = low_level.hash_secret(
                PASSWORD, b"somesalt", 1, 8 * (1 + type_.value), 1 + type_.value,
                4 + 12 * type_.value, type_, version,
            )  # fmt: skip
            seeds.append(encoded)
    seeds.append(seeds[0].replace(b"$v=16", b"", 1))
    salt_and_tag = b"$".join(seeds[0].split(b"$")[-2:])
    seeds.append(b"$argon2id$v=19$m=4294967295,t=4294967295,p=16777215$" + salt_and_tag)
    return tuple(seeds)


SEEDS = _seeds()


def expand(data: bytes) -> bytes:
    """The input to test: *data* itself when its first byte is below 0x80,
    else one of SEEDS edited by the (operation, position, byte) triples in
    the rest of *data*. The second form reaches deep into the decoder, which
    libFuzzer cannot see (the C code is not instrumented)."""
    if not data or data[0] < 0x80:
        return data
    out = bytearray(SEEDS[data[0] % len(SEEDS)])
    for i in range(1, len(data) - 2, 3):
        op, pos, byte = data[i], data[i + 1], data[i + 2]
        pos = pos % (len(out) + 1)
        if op % 3 == 0:
            out[pos:pos] = bytes([byte])
        elif op % 3 == 1:
            del out[pos : pos + 1]
        else:
            out[pos : pos + 1] = bytes([byte])
    return bytes(out)


def check_one_input(fuzz_input: bytes) -> None:
    data = expand(fuzz_input)
    decoded = _backend.decode(data)
    cheap = _check_decoded(data, decoded)
    text = _as_text(data)

    # extract_parameters reads what argon2-cffi reads, a superset of what
    # the strict decoder accepts, and reads that the same way.
    if decoded_ok := not isinstance(decoded, int):
        params = extract_parameters(text)
        assert params.type.value == decoded[0]
        assert (params.memory_cost, params.time_cost, params.parallelism) == (
            decoded[2],
            decoded[3],
            decoded[4],
        )
        assert (params.salt_len, params.hash_len) == (len(decoded[5]), len(decoded[6]))
    else:
        with contextlib.suppress(InvalidHashError):
            extract_parameters(text)

    if cheap:
        type_ = TYPES[len(data) % 3]
        try:
            assert low_level.verify_secret(data, PASSWORD, type_) is True
            assert decoded_ok  # an (edited) seed that still matches
        except VerifyMismatchError:
            assert decoded_ok
        except VerificationError:
            # Decoder errors, and a valid hash of another type.
            assert not decoded_ok or decoded[0] != type_.value  # type: ignore[index]

    for hasher in HASHERS:
        for candidate in (data, text):
            _verify_with(hasher, candidate, decoded)
            _rehash_with(hasher, candidate, decoded_ok)


def _verify_with(
    hasher: PasswordHasher, candidate: bytes | str, decoded: object
) -> None:
    try:
        assert hasher.verify(candidate, PASSWORD) is True
        assert not isinstance(decoded, int)  # an (edited) seed that matches
    except VerifyMismatchError:
        assert not isinstance(decoded, int)
    except ParametersExceedLimitsError:
        assert not isinstance(decoded, int)
    except VerificationError:
        pass
    except InvalidHashError:
        pass


def _rehash_with(
    hasher: PasswordHasher, candidate: bytes | str, decoded_ok: bool
) -> None:
    try:
        result = hasher.check_needs_rehash(candidate)
    except InvalidHashError:
        # Non-ASCII bytes included: unlike argon2-cffi, no UnicodeError.
        assert not decoded_ok
    else:
        assert isinstance(result, bool)


def main() -> None:
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
