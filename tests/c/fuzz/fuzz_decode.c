/*
 * libFuzzer target for the strict PHC-string decoder (argon2ft_decode) and
 * the verify path built on it (argon2ft_verify).
 *
 * The input is the encoded string, exactly size bytes, no NUL added: the
 * decoder must never read past it. Checks, beyond the sanitizers:
 * - a decode into small buffers agrees with one into buffers as large as
 *   the input (succeeds iff the fields fit, with the same values);
 * - a decoded string re-encodes to exactly the input (with "$v=16" added
 *   where the input omits the version), and argon2_encodedlen covers it;
 * - argon2ft_verify agrees with the decoder: a string the decoder refuses is
 *   refused with the same code, a decoded one is judged by its tag. Only
 *   cheap parameters (m <= 64 KiB, t <= 2) are ever hashed.
 * Build and run: tests/c/run_fuzz.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argon2.h"
#include "argon2_ft.h"
#include "encoding.h"

#define MAX_FUZZ_M_COST 64
#define MAX_FUZZ_T_COST 2
/* Capacity of the small salt and tag buffers. */
#define SMALL_CAP 16

static const char password[] = "password";

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "fuzz_decode: check failed at line %d: %s\n",    \
                    __LINE__, #cond);                                        \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* Decodes into fresh heap buffers of exactly cap bytes (NULL for 0). */
static int decode_with(const char *enc, size_t len, size_t cap,
                       argon2ft_params *params, uint8_t **salt, uint8_t **tag)
{
    *salt = cap > 0 ? (uint8_t *)malloc(cap) : NULL;
    *tag = cap > 0 ? (uint8_t *)malloc(cap) : NULL;
    CHECK(cap == 0 || (*salt != NULL && *tag != NULL));
    memset(params, 0, sizeof(*params));
    return argon2ft_decode(enc, len, params, *salt, cap, *tag, cap);
}

static int same_params(const argon2ft_params *a, const argon2ft_params *b)
{
    return a->type == b->type && a->version == b->version &&
           a->m_cost == b->m_cost && a->t_cost == b->t_cost &&
           a->lanes == b->lanes && a->saltlen == b->saltlen &&
           a->hashlen == b->hashlen;
}

/* The decoded string, encoded again, must be the input. */
static void check_round_trip(const char *enc, size_t len,
                             const argon2ft_params *p, uint8_t *salt,
                             uint8_t *tag)
{
    argon2_context ctx;
    const char *name = argon2_type2string(p->type, 0);
    size_t cap = len + 8; /* room for an added "$v=16" and the NUL */
    size_t prefix, enc_len;
    char *out;
    int rc;

    CHECK(name != NULL);
    memset(&ctx, 0, sizeof(ctx));
    ctx.salt = salt;
    ctx.saltlen = p->saltlen;
    ctx.out = tag;
    ctx.outlen = p->hashlen;
    ctx.m_cost = p->m_cost;
    ctx.t_cost = p->t_cost;
    ctx.lanes = p->lanes;
    ctx.threads = p->lanes;
    ctx.version = p->version;

    out = (char *)malloc(cap);
    CHECK(out != NULL);
    rc = argon2ft_encode(out, cap, &ctx, p->type);
    CHECK(rc == ARGON2_OK);
    enc_len = strlen(out);

    prefix = 1 + strlen(name); /* "$argon2id" */
    CHECK(len > prefix);
    if (len >= prefix + 3 && memcmp(enc + prefix, "$v=", 3) == 0) {
        CHECK(enc_len == len && memcmp(out, enc, len) == 0);
    } else {
        /* No version in the input: it decodes as 16. */
        CHECK(p->version == ARGON2_VERSION_10);
        CHECK(enc_len == len + 5);
        CHECK(memcmp(out, enc, prefix) == 0);
        CHECK(memcmp(out + prefix, "$v=16", 5) == 0);
        CHECK(memcmp(out + prefix + 5, enc + prefix, len - prefix) == 0);
    }
    /* argon2_encodedlen sizes the version field for the current version. */
    if (p->version == ARGON2_VERSION_NUMBER) {
        CHECK(argon2_encodedlen(p->t_cost, p->m_cost, p->lanes, p->saltlen,
                                p->hashlen, p->type) == enc_len + 1);
    }
    /* One byte too few for the NUL must fail, not truncate. */
    rc = argon2ft_encode(out, enc_len, &ctx, p->type);
    CHECK(rc == ARGON2_ENCODING_FAIL);
    free(out);
}

/* Verification of a decoded string with cheap parameters. */
static void check_verify(const char *enc, size_t len, const argon2ft_params *p,
                         const uint8_t *salt)
{
    argon2_type other = p->type == Argon2_id ? Argon2_i : Argon2_id;
    char *fresh;
    size_t fresh_cap;
    int rc;

    rc = argon2ft_verify(enc, len, p->type, password, sizeof(password) - 1,
                         NULL, 0, NULL, 0, 1, ARGON2FT_KERNEL_AUTO);
    CHECK(rc == ARGON2_OK || rc == ARGON2_VERIFY_MISMATCH);
    /* The type is part of what is verified. */
    rc = argon2ft_verify(enc, len, other, password, sizeof(password) - 1,
                         NULL, 0, NULL, 0, 1, ARGON2FT_KERNEL_AUTO);
    CHECK(rc == ARGON2_DECODING_FAIL);

    /* A hash made with the decoded parameters verifies, and only with the
       right password. */
    fresh_cap = len + 8;
    fresh = (char *)malloc(fresh_cap);
    CHECK(fresh != NULL);
    rc = argon2ft_hash(p->t_cost, p->m_cost, p->lanes, 1, password,
                       sizeof(password) - 1, salt, p->saltlen, NULL, 0, NULL,
                       0, NULL, p->hashlen, fresh, fresh_cap, p->type,
                       p->version, ARGON2FT_KERNEL_AUTO);
    CHECK(rc == ARGON2_OK);
    rc = argon2ft_verify(fresh, strlen(fresh), p->type, password,
                         sizeof(password) - 1, NULL, 0, NULL, 0, 1,
                         ARGON2FT_KERNEL_AUTO);
    CHECK(rc == ARGON2_OK);
    rc = argon2ft_verify(fresh, strlen(fresh), p->type, password,
                         sizeof(password) - 2, NULL, 0, NULL, 0, 1,
                         ARGON2FT_KERNEL_AUTO);
    CHECK(rc == ARGON2_VERIFY_MISMATCH);
    free(fresh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *enc = (const char *)data;
    argon2ft_params full, small, none;
    uint8_t *salt, *tag, *small_salt, *small_tag, *no_salt, *no_tag;
    int rc, rc_small, rc_none;

    /* Buffers as large as the input hold any salt and tag it can encode. */
    rc = decode_with(enc, size, size > 0 ? size : 1, &full, &salt, &tag);

    rc_small = decode_with(enc, size, SMALL_CAP, &small, &small_salt,
                           &small_tag);
    rc_none = decode_with(enc, size, 0, &none, &no_salt, &no_tag);
    /* Salt is at least 8 bytes and the tag 4: nothing fits in no buffer. */
    CHECK(rc_none != ARGON2_OK);

    if (rc == ARGON2_OK) {
        int fits = full.saltlen <= SMALL_CAP && full.hashlen <= SMALL_CAP;
        CHECK(full.saltlen <= size && full.hashlen <= size);
        CHECK((rc_small == ARGON2_OK) == fits);
        if (fits) {
            CHECK(same_params(&full, &small));
            CHECK(memcmp(salt, small_salt, full.saltlen) == 0);
            CHECK(memcmp(tag, small_tag, full.hashlen) == 0);
        }
        check_round_trip(enc, size, &full, salt, tag);
        if (full.m_cost <= MAX_FUZZ_M_COST && full.t_cost <= MAX_FUZZ_T_COST) {
            check_verify(enc, size, &full, salt);
        }
    } else {
        /* Smaller buffers cannot make a refused string acceptable. */
        CHECK(rc_small != ARGON2_OK);
        /* verify refuses it before any hashing, with the decoder's code
           (or DECODING_FAIL, as a type mismatch comes first). */
        rc_small = argon2ft_verify(enc, size, Argon2_id, password,
                                   sizeof(password) - 1, NULL, 0, NULL, 0, 1,
                                   ARGON2FT_KERNEL_AUTO);
        CHECK(rc_small != ARGON2_OK && rc_small != ARGON2_VERIFY_MISMATCH);
        CHECK(rc_small == rc || rc_small == ARGON2_DECODING_FAIL);
    }

    free(salt);
    free(tag);
    free(small_salt);
    free(small_tag);
    free(no_salt);
    free(no_tag);
    return 0;
}
