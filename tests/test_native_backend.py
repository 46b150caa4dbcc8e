"""
The native backend (``argon2._native``, plain CPython C API) against the
backend interface of argon2._backend, the reference library, and its own
promises: bytes-like inputs, clean exceptions for bad arguments, the GIL
released while hashing, subinterpreters with their own GIL, no GIL needed on
free-threaded builds.

Only one backend is compiled per installation; these tests run where the
native one was built (free-threaded 3.13, or ARGON2_FT_BACKEND=native).
"""

from __future__ import annotations

import array
import importlib
import os
import subprocess
import sys
import sysconfig
import textwrap
import threading
import time
from typing import Any

import pytest

try:
    _native = importlib.import_module("argon2._native")
except ImportError:
    pytest.skip(
        "argon2._native is not built in this installation (the CFFI backend "
        "is); build with ARGON2_FT_BACKEND=native to test it",
        allow_module_level=True,
    )

import _helpers as h
from argon2 import _backend

INTERFACE = (
    "hash_raw",
    "hash_encoded",
    "verify",
    "decode",
    "error_message",
    "kernel_name",
    "kernel_supported",
    "kernel_auto",
    "kernel_from_name",
)

ARGON2FT_KERNEL_UNSUPPORTED = -100
KERNEL_IDS = range(1, 6)  # portable, sse2, avx2, avx512, neon (argon2_ft.h)

PASSWORD = b"correct horse battery staple"
SALT = b"NaCl and pepper!"
SECRET = b"server-side pepper"
AD = b"associated data"


def _args(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments of hash_raw / hash_encoded: a cheap valid hash."""
    args: dict[str, Any] = {
        "type": h.TYPE_CODE["id"],
        "version": 0x13,
        "t_cost": 1,
        "m_cost": 64,
        "parallelism": 2,
        "threads": 0,
        "kernel": 0,
        "password": PASSWORD,
        "salt": SALT,
        "secret": b"",
        "ad": b"",
        "hash_len": 32,
    }
    args.update(overrides)
    return args


def _positional(args: dict[str, Any]) -> tuple[Any, ...]:
    order = (
        "type", "version", "t_cost", "m_cost", "parallelism", "threads",
        "kernel", "password", "salt", "secret", "ad", "hash_len",
    )  # fmt: skip
    return tuple(args[name] for name in order)


def _oracle_raw(args: dict[str, Any]) -> bytes | int:
    return h.oracle_hash_raw(
        args["type"], args["version"], args["t_cost"], args["m_cost"],
        args["parallelism"], bytes(args["password"]), bytes(args["salt"]),
        bytes(args["secret"]), bytes(args["ad"]), args["hash_len"],
    )  # fmt: skip


def _oracle_encoded(args: dict[str, Any]) -> bytes | int:
    return h.oracle_hash_encoded(
        args["type"], args["version"], args["t_cost"], args["m_cost"],
        args["parallelism"], bytes(args["password"]), bytes(args["salt"]),
        args["hash_len"],
    )  # fmt: skip


# --------------------------------------------------------------------------
# The module is the backend, and exposes the whole interface.


def test_backend_is_native() -> None:
    assert _native.NAME == "native"
    assert _backend.NAME == "native"
    for name in INTERFACE:
        assert getattr(_backend, name) is getattr(_native, name)


def test_interface_complete() -> None:
    for name in INTERFACE:
        assert callable(getattr(_native, name)), name
    assert isinstance(_native.NAME, str)


# --------------------------------------------------------------------------
# Identical results to the reference library.


@pytest.mark.parametrize("type_code", [0, 1, 2])
@pytest.mark.parametrize("version", [0x10, 0x13])
@pytest.mark.parametrize(
    ("secret", "ad"), [(b"", b""), (SECRET, b""), (b"", AD), (SECRET, AD)]
)
def test_hash_raw_matches_reference(
    type_code: int, version: int, secret: bytes, ad: bytes
) -> None:
    for t_cost, m_cost, lanes, hash_len in ((1, 8, 1, 4), (2, 64, 3, 67)):
        args = _args(
            type=type_code, version=version, t_cost=t_cost, m_cost=m_cost,
            parallelism=lanes, secret=secret, ad=ad, hash_len=hash_len,
        )  # fmt: skip
        expected = _oracle_raw(args)
        assert isinstance(expected, bytes)
        assert _native.hash_raw(*_positional(args)) == expected
        assert _native.hash_raw(**args) == expected


@pytest.mark.parametrize("type_code", [0, 1, 2])
@pytest.mark.parametrize("version", [0x10, 0x13])
def test_hash_encoded_matches_reference(type_code: int, version: int) -> None:
    args = _args(type=type_code, version=version, t_cost=2, parallelism=3)
    expected = _oracle_encoded(args)
    assert isinstance(expected, bytes)
    encoded = _native.hash_encoded(*_positional(args))
    assert encoded == expected
    assert type(encoded) is bytes
    assert b"\0" not in encoded


def test_encoded_with_secret_carries_the_keyed_tag() -> None:
    """Secret and associated data are not encoded, but go into the tag."""
    args = _args(secret=SECRET, ad=AD)
    encoded = _native.hash_encoded(**args)
    assert isinstance(encoded, bytes)
    decoded = _native.decode(encoded)
    assert isinstance(decoded, tuple)
    assert decoded[6] == _oracle_raw(args)


@pytest.mark.parametrize(
    "overrides",
    [
        {"salt": b"short"},
        {"salt": b""},
        {"hash_len": 3},
        {"hash_len": 0},
        {"t_cost": 0},
        {"m_cost": 7},
        {"m_cost": 15, "parallelism": 2},
        {"parallelism": 0},
        {"parallelism": 0x1000000},
    ],
    ids=repr,
)
def test_error_codes_match_reference(overrides: dict[str, Any]) -> None:
    args = _args(**overrides)
    raw = _native.hash_raw(**args)
    expected_raw = _oracle_raw(args)
    assert isinstance(expected_raw, int)
    assert raw == expected_raw
    assert type(raw) is int

    encoded = _native.hash_encoded(**args)
    expected_encoded = _oracle_encoded(args)
    assert isinstance(expected_encoded, int)
    assert encoded == expected_encoded


def test_unknown_type_is_an_error_code() -> None:
    args = _args(type=3)
    expected = _oracle_raw(args)
    assert isinstance(expected, int)
    assert _native.hash_raw(**args) == expected
    # (The reference cannot size an encoded hash of an unknown type.)
    assert _native.hash_encoded(**args) == expected


def test_error_for_huge_hash_len_leaves_memory_untouched() -> None:
    """Rejected parameters return the library's code; the large output buffer
    is only ever reserved, never written, so resident memory stays flat."""
    resource = pytest.importorskip("resource")
    if sys.platform not in ("linux", "darwin"):
        pytest.skip("needs ru_maxrss semantics of Linux or macOS")
    if sys.flags.dev_mode or os.environ.get("PYTHONMALLOC"):
        pytest.skip("debug allocators fill every new block")
    args = _args(salt=b"short", hash_len=2**30)
    expected = _oracle_raw(_args(salt=b"short"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert _native.hash_raw(**args) == expected
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes vs KiB
    assert (after - before) * scale < 2**28


def test_error_messages_match_reference() -> None:
    # The reference's texts as recorded in the vectors: no oracle needed.
    messages = h.load_vectors("errors.json")["error_messages"]
    for code in range(-40, 1):
        assert _native.error_message(code) == messages[str(code)]
    assert _native.error_message(code=-35) == _native.error_message(-35)
    message = _native.error_message(ARGON2FT_KERNEL_UNSUPPORTED)
    assert isinstance(message, str)
    assert message


def test_verify() -> None:
    for type_code in (0, 1, 2):
        args = _args(type=type_code)
        encoded = _native.hash_encoded(**args)
        assert isinstance(encoded, bytes)
        assert h.oracle_verify(encoded, PASSWORD, type_code) == h.ARGON2_OK
        common = (type_code, encoded)
        assert _native.verify(*common, PASSWORD, b"", b"", 0, 0) == h.ARGON2_OK
        assert (
            _native.verify(*common, PASSWORD + b"!", b"", b"", 0, 0)
            == h.ARGON2_VERIFY_MISMATCH
        )
        assert (
            _native.verify(*common, PASSWORD, SECRET, b"", 0, 0)
            == h.ARGON2_VERIFY_MISMATCH
        )
        assert (
            _native.verify(
                type=type_code,
                encoded=encoded,
                password=PASSWORD,
                secret=b"",
                ad=b"",
                threads=1,
                kernel=0,
            )
            == h.ARGON2_OK
        )
        # The type of the hash is part of what is verified.
        other = (type_code + 1) % 3
        assert _native.verify(other, encoded, PASSWORD, b"", b"", 0, 0) == (
            h.oracle_verify(encoded, PASSWORD, other)
        )


def test_verify_with_secret_and_ad() -> None:
    args = _args(secret=SECRET, ad=AD)
    encoded = _native.hash_encoded(**args)
    assert isinstance(encoded, bytes)
    common = (args["type"], encoded, PASSWORD)
    assert _native.verify(*common, SECRET, AD, 0, 0) == h.ARGON2_OK
    assert _native.verify(*common, SECRET, b"", 0, 0) == h.ARGON2_VERIFY_MISMATCH
    assert _native.verify(*common, b"", AD, 0, 0) == h.ARGON2_VERIFY_MISMATCH


@pytest.mark.parametrize(
    "encoded",
    [b"", b"$argon2id$", b"not a hash", b"$argon2id$v=19$m=64,t=1,p=2$\0$\0"],
)
def test_verify_and_decode_reject_malformed(encoded: bytes) -> None:
    assert _native.verify(2, encoded, PASSWORD, b"", b"", 0, 0) == (
        h.ARGON2_DECODING_FAIL
    )
    assert _native.decode(encoded) == h.ARGON2_DECODING_FAIL


def test_decode_round_trip() -> None:
    for type_code, version, lanes in ((0, 0x13, 1), (1, 0x10, 3), (2, 0x13, 2)):
        args = _args(type=type_code, version=version, parallelism=lanes, t_cost=2)
        encoded = _native.hash_encoded(**args)
        assert isinstance(encoded, bytes)
        tag = _oracle_raw(args)
        assert _native.decode(encoded) == (
            type_code, version, args["m_cost"], 2, lanes, SALT, tag,
        )  # fmt: skip
        assert _native.decode(encoded=encoded) == _native.decode(encoded)


def test_decode_result_types() -> None:
    encoded = _native.hash_encoded(**_args())
    assert isinstance(encoded, bytes)
    decoded = _native.decode(encoded)
    assert isinstance(decoded, tuple)
    assert [type(x) for x in decoded] == [int] * 5 + [bytes] * 2


# --------------------------------------------------------------------------
# Kernels.


def test_kernel_queries() -> None:
    auto = _native.kernel_auto()
    assert auto in KERNEL_IDS
    assert _native.kernel_supported(auto) is True
    assert _native.kernel_name(0) == _native.kernel_name(auto)
    assert _native.kernel_supported(1) is True  # portable runs everywhere
    for kernel in KERNEL_IDS:
        name = _native.kernel_name(kernel)
        assert isinstance(name, str)
        assert _native.kernel_from_name(name) == kernel
        assert _native.kernel_from_name(name=name) == kernel
        assert type(_native.kernel_supported(kernel)) is bool
    assert _native.kernel_name(99) is None
    assert _native.kernel_name(-1) is None
    assert _native.kernel_supported(99) is False
    assert _native.kernel_from_name("no-such-kernel") == -1
    assert _native.kernel_from_name("") == -1
    # A NUL must not cut a name short into a valid one.
    assert _native.kernel_from_name("portable\0junk") == -1


@pytest.mark.parametrize("kernel", KERNEL_IDS)
def test_every_kernel_gives_reference_results(kernel: int) -> None:
    args = _args(kernel=kernel, secret=SECRET, ad=AD, t_cost=2, parallelism=3)
    result = _native.hash_raw(**args)
    if _native.kernel_supported(kernel):
        assert result == _oracle_raw(args)
    else:
        assert result == ARGON2FT_KERNEL_UNSUPPORTED
        assert _native.hash_encoded(**args) == ARGON2FT_KERNEL_UNSUPPORTED


# --------------------------------------------------------------------------
# Argument handling.


def test_bytes_like_inputs_give_the_same_results() -> None:
    args = _args(secret=SECRET, ad=AD)
    expected_raw = _native.hash_raw(**args)
    expected_encoded = _native.hash_encoded(**args)
    assert isinstance(expected_encoded, bytes)

    def variants(data: bytes) -> list[Any]:
        return [
            bytearray(data),
            memoryview(data),
            memoryview(bytearray(data)),
            array.array("B", data),
            memoryview(b"xx" + data + b"yy")[2:-2],
        ]

    for field in ("password", "salt", "secret", "ad"):
        for value in variants(args[field]):
            changed = {**args, field: value}
            assert _native.hash_raw(**changed) == expected_raw, (field, value)
            assert _native.hash_encoded(**changed) == expected_encoded
    for value in variants(expected_encoded):
        assert _native.decode(value) == _native.decode(expected_encoded)
        assert (
            _native.verify(args["type"], value, PASSWORD, SECRET, AD, 0, 0)
            == h.ARGON2_OK
        )
    for value in variants(PASSWORD):
        assert (
            _native.verify(
                args["type"],
                expected_encoded,
                value,
                bytearray(SECRET),
                memoryview(AD),
                0,
                0,
            )
            == h.ARGON2_OK
        )


def test_mutable_input_left_unchanged() -> None:
    password = bytearray(PASSWORD)
    _native.hash_raw(**_args(password=password))
    assert password == PASSWORD


@pytest.mark.parametrize("field", ["password", "salt", "secret", "ad"])
@pytest.mark.parametrize("value", ["text", None, 7, [1, 2, 3]], ids=repr)
def test_non_bytes_inputs_raise_type_error(field: str, value: object) -> None:
    with pytest.raises(TypeError):
        _native.hash_raw(**_args(**{field: value}))
    with pytest.raises(TypeError):
        _native.hash_encoded(**_args(**{field: value}))


@pytest.mark.parametrize(
    "field",
    ["type", "version", "t_cost", "m_cost", "parallelism", "threads", "kernel",
     "hash_len"],
)  # fmt: skip
def test_integer_arguments(field: str) -> None:
    for value in (1.0, "1", None, b"1"):
        with pytest.raises(TypeError):
            _native.hash_raw(**_args(**{field: value}))
    for value in (-(2**64), 2**64):
        with pytest.raises(OverflowError):
            _native.hash_raw(**_args(**{field: value}))
        with pytest.raises(OverflowError):
            _native.hash_encoded(**_args(**{field: value}))


@pytest.mark.parametrize(
    "field", ["version", "t_cost", "m_cost", "parallelism", "threads", "hash_len"]
)
def test_unsigned_32_bit_range(field: str) -> None:
    for value in (-1, 2**32):
        with pytest.raises(OverflowError):
            _native.hash_raw(**_args(**{field: value}))
    if field == "hash_len" and sys.platform == "win32":
        return  # 4 GiB of commit charge may be more than a runner has
    # In range but rejected: the library's error code, no exception.
    result = _native.hash_raw(**_args(**{field: 2**32 - 1}, salt=b"short"))
    assert result == _oracle_raw(_args(salt=b"short"))


def test_index_objects_are_integers() -> None:
    class Four:
        def __index__(self) -> int:
            return 4

    assert _native.hash_raw(**_args(hash_len=Four())) == _native.hash_raw(
        **_args(hash_len=4)
    )
    assert _native.kernel_name(kernel=True) == _native.kernel_name(1)


def test_wrong_argument_counts_and_names() -> None:
    positional = _positional(_args())
    with pytest.raises(TypeError):
        _native.hash_raw(*positional[:-1])
    with pytest.raises(TypeError):
        _native.hash_raw(*positional, 0)
    with pytest.raises(TypeError):
        _native.hash_raw(**_args(), pepper=b"")
    with pytest.raises(TypeError):
        _native.verify(2, b"$argon2id$", PASSWORD, b"", b"", 0)
    with pytest.raises(TypeError):
        _native.decode()
    with pytest.raises(TypeError):
        _native.kernel_auto(0)
    with pytest.raises(TypeError):
        _native.kernel_from_name(b"portable")
    with pytest.raises(TypeError):
        _native.error_message("x")
    with pytest.raises(OverflowError):
        _native.error_message(2**40)
    with pytest.raises(OverflowError):
        _native.kernel_supported(-(2**40))


# --------------------------------------------------------------------------
# Threads and interpreters.


def _ticks_during_hash(args: dict[str, Any]) -> tuple[float, float, list[float]]:
    """(start, end) of one hash_raw call in another thread, and the times this
    thread ticked at meanwhile."""
    window: list[float] = []
    ticks: list[float] = []
    done = threading.Event()

    def worker() -> None:
        window.append(time.perf_counter())
        _native.hash_raw(**args)
        window.append(time.perf_counter())
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    thread.join()
    start, end = window
    return start, end, [t for t in ticks if start < t < end]


@pytest.mark.thread_unsafe  # it measures its own threads: run it alone
def test_gil_released_while_hashing() -> None:
    """Another Python thread keeps running during a long hash call: the call
    detaches its thread state instead of holding the GIL throughout."""
    args = _args(t_cost=3, m_cost=64 * 1024, parallelism=1, threads=1)
    # A call that held the GIL would let no other Python thread run in the
    # middle half of its (about 40 ms, far above the 5 ms switch interval)
    # duration, ever. A busy machine may leave this thread unscheduled for
    # that long even when the GIL is free: a few tries, one must show a tick.
    for _ in range(5):
        start, end, inside = _ticks_during_hash(args)
        quarter = (end - start) / 4
        if any(start + quarter < t < end - quarter for t in inside):
            break
    else:
        pytest.fail(
            f"no tick in the middle of 5 hash calls; last window {end - start:.3f} s"
        )


def test_concurrent_hashes_agree() -> None:
    cases = [
        _args(type=t, parallelism=p, secret=SECRET[:n], ad=AD[:n])
        for t in (0, 1, 2)
        for p, n in ((1, 0), (2, 5))
    ]
    expected = [_native.hash_raw(**c) for c in cases]
    results: list[list[Any]] = [[] for _ in range(4)]

    def worker(slot: int) -> None:
        for case in cases:
            mutable = {**case, "password": bytearray(case["password"])}
            results[slot].append(_native.hash_raw(**mutable))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


@pytest.mark.skipif(
    not sysconfig.get_config_var("Py_GIL_DISABLED"),
    reason="only free-threaded CPython can run without the GIL",
)
def test_import_keeps_the_gil_disabled() -> None:
    """Py_mod_gil = Py_MOD_GIL_NOT_USED: importing must not turn the GIL on
    (CPython would, with a RuntimeWarning, for a module without the slot).
    A fresh interpreter, so no other extension can have turned it on."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_GIL"}
    code = (
        "import sys, warnings\n"
        "warnings.simplefilter('error')\n"
        "import argon2._native\n"
        "assert not sys._is_gil_enabled()\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


@pytest.mark.skipif(
    sys.version_info < (3, 12), reason="per-interpreter GIL needs Python 3.12+"
)
def test_runs_in_isolated_subinterpreter() -> None:
    """Py_mod_multiple_interpreters: importable in an interpreter with its own
    GIL, giving the same results."""
    interpreters: Any = None
    for name in ("_interpreters", "_xxsubinterpreters"):  # 3.13+, 3.12
        try:
            interpreters = importlib.import_module(name)
            break
        except ImportError:
            continue
    if interpreters is None:
        pytest.skip("no low-level subinterpreter module in this Python")
    expected = _native.hash_raw(**_args())
    assert isinstance(expected, bytes)
    script = textwrap.dedent(
        f"""
        from argon2 import _native
        got = _native.hash_raw(2, 0x13, 1, 64, 2, 0, 0, {PASSWORD!r}, {SALT!r},
                               b"", b"", 32)
        assert got == {expected!r}, got
        """
    )
    interp = interpreters.create()  # isolated: its own GIL
    try:
        failure = interpreters.run_string(interp, script)
    finally:
        interpreters.destroy(interp)
    assert failure is None, failure
