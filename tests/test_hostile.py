"""
Hostile encoded hashes against every entry point that reads one:
low_level.verify_secret, PasswordHasher.verify, PasswordHasher.check_needs_rehash
and argon2.extract_parameters. The verifiers must refuse a malformed hash the
same way, the parameter readers wherever argon2-cffi's does;
forged costs must not exhaust the machine; secrets never leak into errors.
"""

from __future__ import annotations

import json
import subprocess
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argon2 import PasswordHasher, extract_parameters, low_level
from argon2.exceptions import (
    HashingError,
    InvalidHashError,
    MalformedHashError,
    ParametersExceedLimitsError,
    VerificationError,
    VerifyMismatchError,
)

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
import fuzz_verify

if TYPE_CHECKING:
    from collections.abc import Callable

S = "c29tZXNhbHQ"  # "somesalt"
T = "A" * 43  # 32 zero bytes
H = "$argon2id$v=19$m=8,t=1,p=1$" + S + "$" + T
PASSWORD = "password"

# name -> malformed hash (as str; entry points taking bytes get its UTF-8).
MALFORMED: dict[str, str] = {
    # wrong prefix
    "empty": "",
    "dollar-only": "$",
    "no-leading-dollar": H[1:],
    "argon2-no-type": H.replace("$argon2id$", "$argon2$"),
    "argon3": H.replace("$argon2id$", "$argon3id$"),
    "uppercase-type": H.replace("$argon2id$", "$ARGON2ID$"),
    "bcrypt": "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
    "scrypt-like": "$scrypt$ln=4,r=8,p=1$" + S + "$" + T,
    "leading-space": " " + H,
    # unknown type
    "type-x": H.replace("$argon2id$", "$argon2x$"),
    "type-di": H.replace("$argon2id$", "$argon2di$"),
    "type-idd": H.replace("$argon2id$", "$argon2idd$"),
    "type-ii": H.replace("$argon2id$", "$argon2ii$"),
    # missing fields
    "missing-m": H.replace("m=8,", ""),
    "missing-t": H.replace("t=1,", ""),
    "missing-p": H.replace(",p=1", ""),
    "missing-params": H.replace("$m=8,t=1,p=1", ""),
    "missing-salt": H.replace("$" + S, ""),
    "missing-tag": H.replace("$" + T, ""),
    "missing-value": H.replace("m=8", "m="),
    "missing-equals": H.replace("m=8", "m8"),
    "empty-version": H.replace("v=19", "v="),
    # duplicated fields
    "duplicate-m": H.replace("m=8,", "m=8,m=8,"),
    "duplicate-p": H.replace("p=1", "p=1,p=1"),
    "duplicate-version": H.replace("$v=19$", "$v=19$v=19$"),
    "duplicate-salt": H.replace("$" + S, "$" + S + "$" + S),
    # reordered fields
    "order-tmp": H.replace("m=8,t=1,p=1", "t=1,m=8,p=1"),
    "order-pmt": H.replace("m=8,t=1,p=1", "p=1,m=8,t=1"),
    "version-after-params": H.replace("$v=19$m=8,t=1,p=1$", "$m=8,t=1,p=1$v=19$"),
    "unknown-field": H.replace("p=1", "p=1,x=1"),
    "keyid-field": H.replace("p=1", "p=1,keyid=abc"),
    # non-decimal numbers
    "hex-m": H.replace("m=8", "m=0x8"),
    "plus-m": H.replace("m=8", "m=+8"),
    "minus-t": H.replace("t=1", "t=-1"),
    "space-m": H.replace("m=8", "m= 8"),
    "suffix-m": H.replace("m=8", "m=8k"),
    "decimal-point-t": H.replace("t=1", "t=1.0"),
    "exponent-m": H.replace("m=8", "m=8e0"),
    "fullwidth-digit": H.replace("m=8", "m=\uff18"),
    # overflowing numbers
    "overflow-m": H.replace("m=8", "m=4294967296"),
    "overflow-t": H.replace("t=1", "t=99999999999999999999"),
    "overflow-p": H.replace("p=1", "p=4294967297"),
    "overflow-v": H.replace("v=19", "v=4294967315"),
    # leading zeros
    "zero-m": H.replace("m=8", "m=08"),
    "zero-t": H.replace("t=1", "t=01"),
    "zero-p": H.replace("p=1", "p=001"),
    "zero-v": H.replace("v=19", "v=019"),
    # bad and non-canonical base64
    "salt-padding": H.replace(S, S + "="),
    "tag-padding": H + "=",
    "salt-urlsafe": H.replace(S, S[:-1] + "-"),
    "tag-urlsafe": H.replace(T, "_" + T[1:]),
    "salt-star": H.replace(S, "*" + S[1:]),
    "salt-space": H.replace(S, S[:4] + " " + S[4:]),
    "tag-length-1-mod-4": H.replace(T, T + "AA"),
    "salt-nonzero-trailing-bits": H.replace(S, S[:-1] + "R"),
    "tag-nonzero-trailing-bits": H.replace(T, T[:-1] + "B"),
    # salt and tag lengths out of range
    "salt-empty": H.replace(S, ""),
    "salt-7-bytes": H.replace(S, "c29tZXNhbA"),
    "tag-empty": H.replace(T, ""),
    "tag-3-bytes": H.replace(T, "AAAA"),
    # other parameters out of range
    "m-below-8p": H.replace("p=1", "p=2"),
    "m-zero": H.replace("m=8", "m=0"),
    "t-zero": H.replace("t=1", "t=0"),
    "p-zero": H.replace("p=1", "p=0"),
    "p-too-many": H.replace("m=8", "m=4294967295").replace("p=1", "p=16777216"),
    # trailing garbage
    "trailing-dollar": H + "$",
    "trailing-field": H + "$AAAA",
    "trailing-space": H + " ",
    "trailing-newline": H + "\n",
    # NUL bytes
    "nul-end": H + "\0",
    "nul-in-salt": H.replace(S, S[:4] + "\0" + S[4:]),
    "nul-after-prefix": H.replace("$argon2id$", "$argon2id\0$"),
    "nul-start": "\0" + H,
    # non-ASCII
    "non-ascii-tag": H.replace(T, T[:-1] + "\u00e9"),
    "non-ascii-salt": H.replace(S, "\u00e9" + S[1:]),
    "non-ascii-prefix": H.replace("argon2id", "\u0430rgon2id"),
}

# Well-formed hashes whose values the reference validation rejects (salt too
# short, m < 8 * p, ...): decode errors other than "Decoding failed".
OUT_OF_RANGE = {
    "tag-urlsafe",
    "salt-empty",
    "salt-7-bytes",
    "tag-empty",
    "tag-3-bytes",
    "m-below-8p",
    "m-zero",
    "t-zero",
    "p-zero",
    "p-too-many",
}
NON_ASCII = {"fullwidth-digit", "non-ascii-tag", "non-ascii-salt", "non-ascii-prefix"}

# What the parameter readers (extract_parameters, check_needs_rehash) refuse
# too: the hashes argon2-cffi's extract_parameters refuses, for want of the
# layout (fields, type name, keys, int() values). The others they read as
# argon2-cffi does; only the verifiers decode strictly.
UNREADABLE = {
    "argon2-no-type", "argon3", "bcrypt", "decimal-point-t", "dollar-only",
    "duplicate-salt", "duplicate-version", "empty", "empty-version",
    "exponent-m", "hex-m", "keyid-field", "leading-space", "missing-equals",
    "missing-m", "missing-p", "missing-params", "missing-salt", "missing-t",
    "missing-tag", "missing-value", "no-leading-dollar", "non-ascii-prefix",
    "nul-after-prefix", "nul-start", "scrypt-like", "suffix-m",
    "trailing-dollar", "trailing-field", "type-di", "type-idd", "type-ii",
    "type-x", "unknown-field", "uppercase-type", "version-after-params",
}  # fmt: skip

HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _verify_secret(value: str) -> object:
    return low_level.verify_secret(
        value.encode("utf-8"), PASSWORD.encode(), low_level.Type.ID
    )


ENTRY_POINTS: dict[str, Callable[[str], object]] = {
    "verify_secret": _verify_secret,
    "PasswordHasher.verify(str)": lambda v: HASHER.verify(v, PASSWORD),
    "PasswordHasher.verify(bytes)": lambda v: HASHER.verify(
        v.encode("utf-8"), PASSWORD
    ),
    "check_needs_rehash(str)": HASHER.check_needs_rehash,
    "check_needs_rehash(bytes)": lambda v: HASHER.check_needs_rehash(v.encode("utf-8")),
    "extract_parameters": extract_parameters,
}

_VERIFIERS = (
    "verify_secret",
    "PasswordHasher.verify(str)",
    "PasswordHasher.verify(bytes)",
)


def _table() -> list[Any]:
    return [
        pytest.param(case, value, entry, id=f"{case}-{entry}")
        for case, value in MALFORMED.items()
        for entry in ENTRY_POINTS
    ]


def test_table_base_hash_is_valid() -> None:
    """Each malformed case is one defect away from this well-formed hash."""
    assert extract_parameters(H).memory_cost == 8
    with pytest.raises(VerifyMismatchError):
        HASHER.verify(H, PASSWORD)
    assert len(set(MALFORMED.values())) == len(MALFORMED)
    assert MALFORMED.keys() >= OUT_OF_RANGE
    assert MALFORMED.keys() >= NON_ASCII


def _refused_by(case: str, entry: str) -> bool:
    if entry in _VERIFIERS or case in UNREADABLE:
        return True
    # Non-ASCII bytes are no hash text at all (argon2-cffi: UnicodeDecodeError).
    return entry == "check_needs_rehash(bytes)" and case in NON_ASCII


@pytest.mark.parametrize(("case", "value", "entry"), _table())
def test_malformed_hash_is_invalid(case: str, value: str, entry: str) -> None:
    if _refused_by(case, entry):
        with pytest.raises(InvalidHashError):
            ENTRY_POINTS[entry](value)
    else:
        assert ENTRY_POINTS[entry](value) is not None


def _refusal(call: Callable[[], object]) -> tuple[type[BaseException], tuple[Any, ...]]:
    """Class and args of the InvalidHashError that *call* raises."""
    with pytest.raises(InvalidHashError) as info:
        call()
    return type(info.value), info.value.args


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_verify_str_and_bytes_agree(case: str) -> None:
    """PasswordHasher.verify refuses a hash the same way (class and message)
    whether it comes as str or as its UTF-8 bytes, non-ASCII ones included;
    so does check_needs_rehash."""
    value = MALFORMED[case]
    as_str = _refusal(lambda: HASHER.verify(value, PASSWORD))
    as_bytes = _refusal(lambda: HASHER.verify(value.encode("utf-8"), PASSWORD))
    assert as_str == as_bytes
    if case in UNREADABLE:
        rehash_str = _refusal(lambda: HASHER.check_needs_rehash(value))
        rehash_bytes = _refusal(lambda: HASHER.check_needs_rehash(value.encode()))
        assert rehash_str == rehash_bytes == (InvalidHashError, ())


@pytest.mark.parametrize("case", sorted(OUT_OF_RANGE))
def test_out_of_range_is_malformed_with_reference_message(case: str) -> None:
    """A well-formed hash with an out-of-range value: MalformedHashError from
    every verifier, with the message the reference library gives (what
    argon2-cffi puts into its VerificationError)."""
    pytest.importorskip("_argon2_cffi_bindings", reason="the reference oracle")
    from _argon2_cffi_bindings import ffi, lib

    encoded = MALFORMED[case].encode("ascii")
    code = lib.argon2_verify(
        ffi.new("char[]", encoded), PASSWORD.encode(), len(PASSWORD), lib.Argon2_id
    )
    expected = (ffi.string(lib.argon2_error_message(code)).decode("ascii"),)
    assert code not in (lib.ARGON2_OK, lib.ARGON2_VERIFY_MISMATCH)
    for entry in _VERIFIERS:
        with pytest.raises(MalformedHashError) as info:
            ENTRY_POINTS[entry](MALFORMED[case])
        assert info.value.args == expected, entry
    limited = PasswordHasher(max_memory_cost=65536)
    with pytest.raises(MalformedHashError) as info:
        limited.verify(MALFORMED[case], PASSWORD)
    assert info.value.args == expected


@pytest.mark.parametrize("case", sorted(set(MALFORMED) - OUT_OF_RANGE))
def test_verify_secret_malformed_is_both(case: str) -> None:
    """Undecodable hashes raise MalformedHashError from verify_secret: a
    VerificationError("Decoding failed") as in argon2-cffi, and an
    InvalidHashError."""
    with pytest.raises(MalformedHashError) as info:
        _verify_secret(MALFORMED[case])
    assert isinstance(info.value, VerificationError)
    assert isinstance(info.value, InvalidHashError)
    assert info.value.args == ("Decoding failed",)


def test_str_and_bytes() -> None:
    """PasswordHasher takes both; verify_secret only bytes, extract_parameters
    only str (TypeError otherwise, as in argon2-cffi)."""
    encoded = HASHER.hash(PASSWORD)
    assert HASHER.verify(encoded, PASSWORD)
    assert HASHER.verify(encoded.encode(), PASSWORD.encode())
    assert HASHER.check_needs_rehash(encoded) is False
    assert HASHER.check_needs_rehash(encoded.encode()) is False
    with pytest.raises(TypeError):
        low_level.verify_secret(encoded, PASSWORD.encode(), low_level.Type.ID)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        extract_parameters(encoded.encode())  # type: ignore[arg-type]
    for bad in (None, 1, 1.5, ["$argon2id"]):
        with pytest.raises(TypeError):
            HASHER.verify(bad, PASSWORD)  # type: ignore[arg-type]


# ---------------------------------------------------------------- resources

HUGE = {
    "memory": "$argon2id$v=19$m=4294967295,t=1,p=1$" + S + "$" + T,
    "time": "$argon2id$v=19$m=8,t=4294967295,p=1$" + S + "$" + T,
    "lanes": "$argon2id$v=19$m=4294967295,t=1,p=16777215$" + S + "$" + T,
}

_RESOURCE_CHILD = """
import json, resource, sys
from argon2 import PasswordHasher, low_level

def peak_kib():
    # The peak resident size of this process image. ru_maxrss survives
    # execve (it may be the parent's size at fork time), so prefer VmHWM.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss

start = peak_kib()
huge = json.loads(sys.argv[1])
results = {}

def attempt(name, call):
    try:
        results[name] = ["returned", repr(call())]
    except Exception as exc:
        results[name] = [type(exc).__name__, str(exc)]

# No limits: libargon2 is asked for 4 TiB and must fail cleanly.
attempt("verify_secret-memory", lambda: low_level.verify_secret(
    huge["memory"].encode(), b"password", low_level.Type.ID))
limited = PasswordHasher(max_memory_cost=65536, max_time_cost=10,
                         max_parallelism=8)
for name, encoded in huge.items():
    attempt("limited-" + name, lambda: limited.verify(encoded, "password"))
    attempt("rehash-" + name, lambda: limited.check_needs_rehash(encoded))
print(json.dumps({"results": results, "peak_kib": peak_kib(), "start_kib": start}))
"""


def test_forged_costs_fail_cleanly() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _RESOURCE_CHILD, json.dumps(HUGE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(out.stdout)
    results = report["results"]
    # Above the process's memory budget: refused before anything is mapped.
    kind, message = results["verify_secret-memory"]
    assert kind == "VerificationMemoryBudgetError", message
    assert "more than the whole memory budget" in message
    for name in HUGE:
        kind, message = results["limited-" + name]
        assert kind == "ParametersExceedLimitsError", (name, message)
        assert "exceeds the limit" in message
        # Reading the parameters is always harmless.
        assert results["rehash-" + name] == ["returned", "True"]
    # Nothing near the claimed sizes was ever touched.
    assert report["peak_kib"] - report["start_kib"] < 100 * 1024, report


@pytest.mark.parametrize(
    ("limits", "encoded"),
    [
        ({"max_memory_cost": 65536}, HUGE["memory"]),
        ({"max_time_cost": 10}, HUGE["time"]),
        ({"max_parallelism": 8}, HUGE["lanes"]),
        ({"max_memory_cost": 7}, H),
        ({"max_time_cost": 1}, H.replace("t=1", "t=2")),
        ({"max_parallelism": 1}, H.replace("m=8", "m=16").replace("p=1", "p=2")),
    ],
)
def test_limits_refuse_before_work(limits: dict[str, Any], encoded: str) -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, **limits)
    with pytest.raises(ParametersExceedLimitsError) as info:
        hasher.verify(encoded, PASSWORD)
    assert isinstance(info.value, InvalidHashError)
    assert isinstance(info.value, VerificationError)


def test_limits_allow_hashes_at_the_limit() -> None:
    hasher = PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1,
        max_memory_cost=8, max_time_cost=1, max_parallelism=1,
    )  # fmt: skip
    assert hasher.verify(hasher.hash(PASSWORD), PASSWORD)
    with pytest.raises(VerifyMismatchError):
        hasher.verify(H, PASSWORD)


def test_limits_do_not_mask_malformed_hashes() -> None:
    hasher = PasswordHasher(max_memory_cost=65536)
    for value in MALFORMED.values():
        with pytest.raises(InvalidHashError):
            hasher.verify(value, PASSWORD)


# ---------------------------------------------------------------- secrets

SECRET_PASSWORD = "Tr0ub4dor&3-secret-password"
PEPPER = b"pepper-Zq81vX-secret"


def _all_text(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), *map(repr, exc.args)]
    parts += traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "\n".join(parts)


def _leaks(text: str) -> bool:
    needles = [SECRET_PASSWORD, PEPPER.decode(), PEPPER.hex(), repr(PEPPER)]
    return any(needle in text for needle in needles)


def test_secrets_never_in_errors_or_reprs() -> None:
    hasher = PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1, secret=PEPPER,
        old_secrets=[PEPPER + b"-old"], max_memory_cost=64,
    )  # fmt: skip
    encoded = hasher.hash(SECRET_PASSWORD)
    assert not _leaks(encoded)
    assert not _leaks(repr(hasher))
    assert hasher.verify(encoded, SECRET_PASSWORD)

    failures: list[Callable[[], object]] = [
        lambda: hasher.verify(encoded, SECRET_PASSWORD + "x"),
        lambda: hasher.verify(encoded.replace("m=8", "m=80000"), SECRET_PASSWORD),
        lambda: hasher.verify(encoded + "$", SECRET_PASSWORD),
        lambda: hasher.verify(encoded.replace("$v=19", "$v=019"), SECRET_PASSWORD),
        lambda: hasher.verify("$bogus", SECRET_PASSWORD),
        lambda: hasher.check_needs_rehash("$argon2id$" + SECRET_PASSWORD),
        lambda: extract_parameters("$argon2id$" + SECRET_PASSWORD),
        lambda: low_level.verify_secret(
            encoded.encode(), SECRET_PASSWORD.encode(), low_level.Type.ID
        ),
        lambda: low_level.verify_secret(
            encoded.encode(), SECRET_PASSWORD.encode(), low_level.Type.I, key=PEPPER
        ),
        lambda: low_level.hash_secret(
            SECRET_PASSWORD.encode(), b"short", 1, 8, 1, 32, low_level.Type.ID,
            key=PEPPER,
        ),
        lambda: low_level.hash_secret_raw(
            SECRET_PASSWORD.encode(), b"somesalt", 0, 8, 1, 32, low_level.Type.ID,
            key=PEPPER, ad=PEPPER,
        ),
        lambda: PasswordHasher(secret=SECRET_PASSWORD),  # type: ignore[arg-type]
        lambda: PasswordHasher(secret=PEPPER, old_secrets=[SECRET_PASSWORD]),  # type: ignore[list-item]
    ]  # fmt: skip
    for index, call in enumerate(failures):
        with pytest.raises(
            (VerificationError, InvalidHashError, HashingError, TypeError)
        ) as info:
            call()
        assert not _leaks(_all_text(info.value)), index


# ---------------------------------------------------------------- fuzzing

_SYNTAX = st.sampled_from(
    ["$", ",", "=", "argon2", "id", "i", "d", "v=", "m=", "t=", "p=", "19", "16",
     "0", "4294967296", "+", "/", "A", "\0", "\u00e9"]
)  # fmt: skip


@st.composite
def hostile_inputs(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return draw(st.binary(max_size=120))
    if kind == 1:
        return "".join(draw(st.lists(_SYNTAX, max_size=30))).encode("utf-8")
    # Edits of the fuzzer's seed hashes (see tests/fuzz/fuzz_verify.py).
    return bytes([0x80 | draw(st.integers(0, 127))]) + draw(st.binary(max_size=30))


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hostile_inputs())
def test_fuzz_entry_points(data: bytes) -> None:
    """The fuzz target's checks (only documented exceptions, entry points
    agreeing with the decoder) on a modest number of generated inputs."""
    fuzz_verify.check_one_input(data)
