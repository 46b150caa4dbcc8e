"""argon2.low_level against the reference libargon2 (_argon2_cffi_bindings)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import _helpers as h
from argon2 import low_level
from argon2.exceptions import (
    HashingError,
    InvalidHashError,
    MalformedHashError,
    VerificationError,
    VerifyMismatchError,
)
from argon2.low_level import (
    ARGON2_VERSION,
    Type,
    error_to_str,
    hash_secret,
    hash_secret_raw,
    verify_secret,
)

SALT = b"somesaltsomesalt"
# Built with ARGON2_FT_USE_SYSTEM=1: one kernel, the system library's.
SYSTEM_LIBRARY = low_level.available_kernels() == ("system",)


def oracle_raw(
    password: bytes,
    salt: bytes,
    t: int,
    m: int,
    p: int,
    hash_len: int,
    type: Type,
    version: int = 19,
    key: bytes = b"",
    ad: bytes = b"",
) -> bytes:
    """The reference tag, through argon2_ctx so that K and X can be given."""
    tag = h.oracle_hash_raw(
        type.value, version, t, m, p, password, salt, key, ad, hash_len
    )
    assert isinstance(tag, bytes), tag
    return tag


def oracle_encoded(
    password: bytes, salt: bytes, t: int, m: int, p: int, hash_len: int, type: Type,
    version: int = 19,
) -> bytes:  # fmt: skip
    encoded = h.oracle_hash_encoded(
        type.value, version, t, m, p, password, salt, hash_len
    )
    assert isinstance(encoded, bytes), encoded
    return encoded


def oracle_verify(encoded: bytes, password: bytes, type: Type) -> int:
    return h.oracle_verify(encoded, password, type.value)


CASES = [
    # type, version, t, m, p, hash_len
    (Type.ID, 19, 1, 8, 1, 4),
    (Type.I, 19, 2, 32, 2, 16),
    (Type.D, 19, 3, 64, 4, 32),
    (Type.ID, 16, 2, 16, 1, 32),
    (Type.I, 16, 1, 24, 3, 64),
    (Type.D, 16, 1, 8, 1, 100),
    (Type.ID, 19, 1, 256, 4, 32),
]


def test_constants() -> None:
    assert ARGON2_VERSION == 19
    assert [(t.name, t.value) for t in Type] == [("D", 0), ("I", 1), ("ID", 2)]


@pytest.mark.parametrize(("type", "version", "t", "m", "p", "hash_len"), CASES)
def test_hash_matches_reference(
    type: Type, version: int, t: int, m: int, p: int, hash_len: int
) -> None:
    password = b"correct horse battery staple"
    raw = hash_secret_raw(password, SALT, t, m, p, hash_len, type, version)
    assert raw == oracle_raw(password, SALT, t, m, p, hash_len, type, version)
    encoded = hash_secret(password, SALT, t, m, p, hash_len, type, version)
    assert encoded == oracle_encoded(password, SALT, t, m, p, hash_len, type, version)
    assert oracle_verify(encoded, password, type) == 0
    assert verify_secret(encoded, password, type) is True


def test_default_version_is_13() -> None:
    encoded = hash_secret(b"pw", SALT, 1, 8, 1, 8, Type.ID)
    assert encoded.startswith(b"$argon2id$v=19$m=8,t=1,p=1$")


@pytest.mark.parametrize(
    "password", [b"", b"\x00", b"\x00pw\x00", bytes(range(256)), b"x" * 100_000]
)
def test_unusual_passwords(password: bytes) -> None:
    raw = hash_secret_raw(password, SALT, 1, 8, 1, 32, Type.ID)
    assert raw == oracle_raw(password, SALT, 1, 8, 1, 32, Type.ID)
    encoded = hash_secret(password, SALT, 1, 8, 1, 32, Type.ID)
    assert verify_secret(encoded, password, Type.ID)


def test_long_salt_and_tag() -> None:
    salt = bytes(range(256)) * 4
    raw = hash_secret_raw(b"pw", salt, 1, 8, 1, 1024, Type.I)
    assert raw == oracle_raw(b"pw", salt, 1, 8, 1, 1024, Type.I)


def test_bytes_like_inputs_accepted() -> None:
    expected = hash_secret_raw(b"pw", SALT, 1, 8, 1, 16, Type.ID)
    for password in (bytearray(b"pw"), memoryview(b"pw")):
        assert hash_secret_raw(password, SALT, 1, 8, 1, 16, Type.ID) == expected  # type: ignore[arg-type]


@given(
    password=st.binary(max_size=64),
    salt=st.binary(min_size=8, max_size=32),
    type=st.sampled_from(list(Type)),
    version=st.sampled_from([16, 19]),
    t=st.integers(1, 3),
    p=st.integers(1, 3),
    hash_len=st.integers(4, 80),
)
@hsettings(max_examples=30)
def test_random_inputs_match_reference(
    password: bytes,
    salt: bytes,
    type: Type,
    version: int,
    t: int,
    p: int,
    hash_len: int,
) -> None:
    m = 8 * p
    assert hash_secret_raw(
        password, salt, t, m, p, hash_len, type, version
    ) == oracle_raw(password, salt, t, m, p, hash_len, type, version)


class TestKeyAndAssociatedData:
    def test_key_matches_reference(self) -> None:
        raw = hash_secret_raw(b"pw", SALT, 2, 16, 2, 32, Type.ID, key=b"pepper")
        assert raw == oracle_raw(b"pw", SALT, 2, 16, 2, 32, Type.ID, key=b"pepper")
        assert raw != hash_secret_raw(b"pw", SALT, 2, 16, 2, 32, Type.ID)

    def test_ad_matches_reference(self) -> None:
        raw = hash_secret_raw(b"pw", SALT, 1, 8, 1, 32, Type.I, ad=b"user:42")
        assert raw == oracle_raw(b"pw", SALT, 1, 8, 1, 32, Type.I, ad=b"user:42")

    def test_key_and_ad_together(self) -> None:
        raw = hash_secret_raw(
            b"pw", SALT, 1, 16, 2, 32, Type.D, 16, key=b"k" * 64, ad=b"a" * 100
        )
        assert raw == oracle_raw(
            b"pw", SALT, 1, 16, 2, 32, Type.D, 16, key=b"k" * 64, ad=b"a" * 100
        )

    def test_empty_key_is_no_key(self) -> None:
        assert hash_secret(b"pw", SALT, 1, 8, 1, 16, Type.ID, key=b"") == hash_secret(
            b"pw", SALT, 1, 8, 1, 16, Type.ID
        )

    def test_verify_needs_same_key_and_ad(self) -> None:
        encoded = hash_secret(b"pw", SALT, 1, 8, 1, 16, Type.ID, key=b"k", ad=b"x")
        assert verify_secret(encoded, b"pw", Type.ID, key=b"k", ad=b"x")
        for kwargs in ({}, {"key": b"k"}, {"ad": b"x"}, {"key": b"K", "ad": b"x"}):
            with pytest.raises(VerifyMismatchError):
                verify_secret(encoded, b"pw", Type.ID, **kwargs)  # type: ignore[arg-type]
        assert oracle_verify(encoded, b"pw", Type.ID) == -35


class TestThreadsAndKernels:
    @pytest.mark.parametrize("threads", [1, 2, 3, 4, 100])
    def test_threads_do_not_change_result(self, threads: int) -> None:
        expected = oracle_raw(b"pw", SALT, 2, 64, 4, 32, Type.ID)
        assert (
            hash_secret_raw(b"pw", SALT, 2, 64, 4, 32, Type.ID, threads=threads)
            == expected
        )
        encoded = hash_secret(b"pw", SALT, 2, 64, 4, 32, Type.ID, threads=threads)
        assert verify_secret(encoded, b"pw", Type.ID, threads=threads)

    @pytest.mark.parametrize("threads", [0, -1])
    def test_bad_threads(self, threads: int) -> None:
        with pytest.raises((ValueError, OverflowError)):
            hash_secret_raw(b"pw", SALT, 1, 8, 1, 32, Type.ID, threads=threads)

    def test_kernel_queries(self) -> None:
        available = low_level.available_kernels()
        assert SYSTEM_LIBRARY or "portable" in available
        assert low_level.kernel_name() in available
        assert low_level.backend_name() in ("cffi", "native")

    def test_every_kernel_gives_same_result(self) -> None:
        expected = oracle_raw(b"pw", SALT, 2, 64, 2, 32, Type.ID)
        for kernel in low_level.available_kernels():
            raw = hash_secret_raw(b"pw", SALT, 2, 64, 2, 32, Type.ID, kernel=kernel)
            assert raw == expected, kernel
            encoded = hash_secret(b"pw", SALT, 2, 64, 2, 32, Type.ID, kernel=kernel)
            assert verify_secret(encoded, b"pw", Type.ID, kernel=kernel)

    @pytest.mark.parametrize("kernel", ["", "auto", "AVX2", "mmx", "portable\0", "é"])
    def test_unknown_kernel(self, kernel: str) -> None:
        with pytest.raises(ValueError, match="unknown kernel"):
            hash_secret_raw(b"pw", SALT, 1, 8, 1, 32, Type.ID, kernel=kernel)

    def test_unsupported_kernel(self) -> None:
        missing = {"portable", "sse2", "avx2", "avx512", "neon"} - set(
            low_level.available_kernels()
        )
        if not missing:
            pytest.skip("this machine runs every kernel")
        # With the system library the bundled kernels are not even known.
        expected = "unknown kernel" if SYSTEM_LIBRARY else "cannot run"
        with pytest.raises(ValueError, match=expected):
            hash_secret_raw(b"pw", SALT, 1, 8, 1, 32, Type.ID, kernel=missing.pop())


class TestHashErrors:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((b"pw", SALT, 0, 8, 1, 32), "Time cost is too small"),
            ((b"pw", SALT, 1, 7, 1, 32), "Memory cost is too small"),
            ((b"pw", SALT, 1, 15, 2, 32), "Memory cost is too small"),
            ((b"pw", SALT, 1, 8, 0, 32), "Too few lanes"),
            ((b"pw", SALT, 1, 2**28, 2**24, 32), "Too many lanes"),
            ((b"pw", b"short", 1, 8, 1, 32), "Salt is too short"),
            ((b"pw", b"", 1, 8, 1, 32), "Salt is too short"),
            ((b"pw", SALT, 1, 8, 1, 3), "Output is too short"),
            ((b"pw", SALT, 1, 8, 1, 0), "Output is too short"),
        ],
    )
    def test_rejected_parameters(
        self, args: tuple[bytes, bytes, int, int, int, int], message: str
    ) -> None:
        for function in (hash_secret, hash_secret_raw):
            with pytest.raises(HashingError) as info:
                function(*args, Type.ID)
            assert info.value.args == (message,)

    @pytest.mark.parametrize("position", [2, 3, 4, 5, 7])
    @pytest.mark.parametrize("value", [-1, 2**32, 2**64])
    def test_out_of_uint32(self, position: int, value: int) -> None:
        # OverflowError, as cffi raises converting to uint32_t in argon2-cffi;
        # the raw tag length (position 5) has its own test above.
        args: list[object] = [b"pw", SALT, 1, 8, 1, 32, Type.ID, 19]
        args[position] = value
        functions = [hash_secret]
        if position != 5:
            functions.append(hash_secret_raw)
        for function in functions:
            with pytest.raises(OverflowError):
                function(*args)

    @pytest.mark.parametrize("hash_len", [2**32, 2**32 + 16, 2**63 - 1])
    def test_raw_tag_beyond_uint32_is_too_long(self, hash_len: int) -> None:
        # argon2-cffi allocates the buffer (size_t) and libargon2 refuses the
        # length; argon2-ft refuses it the same way without allocating.
        with pytest.raises(HashingError) as info:
            hash_secret_raw(b"pw", SALT, 1, 8, 1, hash_len, Type.ID)
        assert info.value.args == ("Output is too long",)

    def test_raw_tag_length_as_argon2_cffi(self) -> None:
        # ffi.new("uint8_t[]", n): ValueError below zero, OverflowError
        # beyond an index-sized integer; hash_secret converts to uint32.
        with pytest.raises(ValueError, match="negative array length"):
            hash_secret_raw(b"pw", SALT, 1, 8, 1, -1, Type.ID)
        with pytest.raises(OverflowError):
            hash_secret_raw(b"pw", SALT, 1, 8, 1, 2**63, Type.ID)
        for value in (-1, 2**32):
            with pytest.raises(OverflowError):
                hash_secret(b"pw", SALT, 1, 8, 1, value, Type.ID)

    @pytest.mark.parametrize(
        "args",
        [
            ("pw", SALT, 1, 8, 1, 32, Type.ID),
            (b"pw", "saltsalt", 1, 8, 1, 32, Type.ID),
            (None, SALT, 1, 8, 1, 32, Type.ID),
            (b"pw", SALT, 1.0, 8, 1, 32, Type.ID),
            (b"pw", SALT, 1, "8", 1, 32, Type.ID),
            (b"pw", SALT, 1, 8, 1, 32, 2),
            (b"pw", SALT, 1, 8, 1, 32, "id"),
        ],
    )
    def test_wrong_types(self, args: tuple[object, ...]) -> None:
        for function in (hash_secret, hash_secret_raw):
            with pytest.raises(TypeError):
                function(*args)  # type: ignore[arg-type]

    def test_wrong_key_type(self) -> None:
        with pytest.raises(TypeError):
            hash_secret(b"pw", SALT, 1, 8, 1, 32, Type.ID, key="pepper")  # type: ignore[arg-type]


class TestVerify:
    ENCODED = hash_secret(b"password", SALT, 1, 8, 1, 16, Type.ID)

    def test_reference_hashes_verify(self) -> None:
        for type in Type:
            for version in (16, 19):
                encoded = oracle_encoded(b"pw", SALT, 2, 16, 2, 24, type, version)
                assert verify_secret(encoded, b"pw", type) is True
                with pytest.raises(VerifyMismatchError) as info:
                    verify_secret(encoded, b"pW", type)
                assert info.value.args == (
                    "The password does not match the supplied hash",
                )

    @pytest.mark.parametrize("type", [Type.I, Type.D])
    def test_other_type_is_decoding_failure(self, type: Type) -> None:
        with pytest.raises(MalformedHashError) as info:
            verify_secret(self.ENCODED, b"password", type)
        assert info.value.args == ("Decoding failed",)
        assert isinstance(info.value, VerificationError)
        assert isinstance(info.value, InvalidHashError)

    @pytest.mark.parametrize(
        "encoded",
        [
            b"",
            b"$argon2id",
            b"$argon2id$garbage",
            b"$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA",
            b"$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAA!",
            b"$argon2id$v=19$t=1,m=8,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            b"$argon2id$v=19$m=08,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            b"$argon2id$v=19$m=-8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
            b"$argon2id$v=19$m=99999999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAA",
            b"$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA==$AAAAAAAAAAAAAAAAAAAAAA",
            ENCODED + b"$",
            ENCODED + b"\x00",
            ENCODED + b"\x00trailing",
        ],
    )
    def test_malformed(self, encoded: bytes) -> None:
        with pytest.raises(MalformedHashError) as info:
            verify_secret(encoded, b"password", Type.ID)
        assert info.value.args == ("Decoding failed",)
        if b"\0" not in encoded:  # the reference stops reading at a NUL
            assert oracle_verify(encoded, b"password", Type.ID) == -32

    def test_out_of_range_parameters_are_malformed(self) -> None:
        # Decodes, but the salt is below the minimum: the reference message,
        # in an exception that is both a VerificationError and an
        # InvalidHashError, as for any other fault of the hash string.
        encoded = b"$argon2id$v=19$m=8,t=1,p=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA"
        with pytest.raises(MalformedHashError) as info:
            verify_secret(encoded, b"pw", Type.ID)
        assert info.value.args == ("Salt is too short",)
        assert isinstance(info.value, VerificationError)
        assert isinstance(info.value, InvalidHashError)
        assert oracle_verify(encoded, b"pw", Type.ID) == -6

    def test_str_arguments_raise_cffi_text(self) -> None:
        # argon2-cffi passes secret and salt to ffi.new("uint8_t[]", ...) and
        # the hash to ffi.new("char[]", ...); code (and argon2-cffi's own
        # tests) match the text cffi gives a str there, on every backend.
        cffi_text = (
            "initializer for ctype '{}' must be a bytes or list or tuple, not str"
        )
        with pytest.raises(TypeError) as info:
            verify_secret(self.ENCODED, "password", Type.ID)  # type: ignore[arg-type]
        assert info.value.args == (cffi_text.format("uint8_t[]"),)
        with pytest.raises(TypeError) as info:
            verify_secret(self.ENCODED.decode(), b"password", Type.ID)  # type: ignore[arg-type]
        assert info.value.args == (cffi_text.format("char[]"),)
        for function in (hash_secret, hash_secret_raw):
            for args in (("pw", SALT), (b"pw", SALT.decode())):
                with pytest.raises(TypeError) as info:
                    function(*args, 1, 8, 1, 32, Type.ID)  # type: ignore[arg-type]
                assert info.value.args == (cffi_text.format("uint8_t[]"),)

    def test_wrong_types(self) -> None:
        with pytest.raises(TypeError):
            verify_secret(self.ENCODED.decode(), b"password", Type.ID)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            verify_secret(self.ENCODED, "password", Type.ID)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            verify_secret(self.ENCODED, b"password", 2)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", range(-35, 1))
def test_error_to_str_matches_reference(code: int) -> None:
    oracle_ffi, oracle_lib = h.oracle()
    expected = oracle_ffi.string(oracle_lib.argon2_error_message(code)).decode()
    assert error_to_str(code) == expected


@pytest.mark.parametrize("code", [1, -36, -1000, 2**31 - 1])
def test_error_to_str_unknown(code: int) -> None:
    assert error_to_str(code) == "Unknown error code"


class TestCffiObjects:
    def test_cffi_backend(self) -> None:
        if low_level.backend_name() != "cffi":
            pytest.skip("CFFI backend only")
        ffi, lib = low_level.ffi, low_level.lib
        assert lib.ARGON2_OK == 0
        out = ffi.new("uint8_t[]", 32)
        password, salt = ffi.new("uint8_t[]", b"pw"), ffi.new("uint8_t[]", SALT)
        ctx = ffi.new(
            "argon2_context *",
            {
                "out": out, "outlen": 32, "pwd": password, "pwdlen": 2,
                "salt": salt, "saltlen": len(SALT), "t_cost": 1, "m_cost": 16,
                "lanes": 2, "threads": 2, "version": 19,
            },
        )  # fmt: skip
        assert low_level.core(ctx, Type.ID.value) == 0
        assert bytes(ffi.buffer(out, 32)) == oracle_raw(
            b"pw", SALT, 1, 16, 2, 32, Type.ID
        )

    def test_native_backend(self) -> None:
        if low_level.backend_name() != "native":
            pytest.skip("native backend only")
        for name in ("ffi", "lib"):
            with pytest.raises(AttributeError, match="native backend"):
                getattr(low_level, name)
            assert not hasattr(low_level, name)
        with pytest.raises(RuntimeError, match="native backend"):
            low_level.core(None, 2)


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        low_level.does_not_exist  # type: ignore[attr-defined]  # noqa: B018
