/*
 * Known-answer and API-behaviour tests of the C library:
 *   (a) the reference trace files: H0, every block after every pass, tag;
 *   (b) encoded.json: raw tags and encoded strings both ways;
 *   (c) errors.json: verify error codes and every error message;
 *   (d) the strict decoder, argon2ft_hash/verify with secret and associated
 *       data, thread counts, kernels, flags and custom allocators.
 * Usage: test_vectors [vectors-dir]. ARGON2_FT_LARGE=1 adds the 1 GiB cases,
 * ARGON2_FT_QUICK=1 skips cases above 4 MiB (for slow checkers).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argon2.h"
#include "argon2_ft.h"
#include "core.h"
#include "testlib.h"

#define KAT_MAX_BLOCKS 32
#define KAT_MAX_PASSES 3

static int quick_mode;

/* ---- (a) trace files ---- */

typedef struct kat {
    const char *name;
    argon2_type type;
    uint32_t version;
    uint32_t m_cost, t_cost, lanes, taglen;
    uint8_t pwd[64], salt[64], secret[64], ad[64];
    size_t pwdlen, saltlen, secretlen, adlen;
    uint8_t prehash[64];
    uint8_t tag[64];
    uint32_t nblocks;
    uint64_t words[KAT_MAX_PASSES][KAT_MAX_BLOCKS * ARGON2_QWORDS_IN_BLOCK];
    int seen_words[KAT_MAX_PASSES];
} kat;

/* Hex bytes separated by spaces, after the first ':' of line. */
static size_t parse_hex_bytes(const char *line, uint8_t *out, size_t cap)
{
    const char *p = strchr(line, ':');
    size_t n = 0;
    unsigned v;
    int used;
    if (p == NULL) {
        return 0;
    }
    p++;
    while (n < cap && sscanf(p, " %2x%n", &v, &used) == 1) {
        out[n++] = (uint8_t)v;
        p += used;
    }
    return n;
}

static int load_kat(const char *dir, const char *name, kat *k)
{
    char *path = tl_path(dir, name);
    char *text = path != NULL ? tl_read_file(path, NULL) : NULL;
    char *line, *save = NULL;
    int pass = -1;

    free(path);
    if (text == NULL) {
        return 0;
    }
    memset(k, 0, sizeof(*k));
    k->name = name;
    k->version = strstr(name, "_v16") != NULL ? ARGON2_VERSION_10 : ARGON2_VERSION_13;
    k->type = strstr(name, "argon2id") != NULL ? Argon2_id
              : strstr(name, "argon2i") != NULL  ? Argon2_i
                                                 : Argon2_d;
    for (line = strtok_r(text, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        unsigned blk, word;
        unsigned long long value;
        if (strncmp(line, "Memory:", 7) == 0) {
            sscanf(line, "Memory: %u KiB, Iterations: %u, Parallelism: %u lanes, Tag length: %u",
                   &k->m_cost, &k->t_cost, &k->lanes, &k->taglen);
        } else if (strncmp(line, "Password[", 9) == 0) {
            k->pwdlen = parse_hex_bytes(line, k->pwd, sizeof(k->pwd));
        } else if (strncmp(line, "Salt[", 5) == 0) {
            k->saltlen = parse_hex_bytes(line, k->salt, sizeof(k->salt));
        } else if (strncmp(line, "Secret[", 7) == 0) {
            k->secretlen = parse_hex_bytes(line, k->secret, sizeof(k->secret));
        } else if (strncmp(line, "Associated data[", 16) == 0) {
            k->adlen = parse_hex_bytes(line, k->ad, sizeof(k->ad));
        } else if (strncmp(line, "Pre-hashing digest:", 19) == 0) {
            parse_hex_bytes(line, k->prehash, sizeof(k->prehash));
        } else if (sscanf(line, " After pass %d:", &pass) == 1) {
            /* blocks follow */
        } else if (sscanf(line, "Block %u [ %u]: %llx", &blk, &word, &value) == 3) {
            if (pass >= 0 && pass < KAT_MAX_PASSES && blk < KAT_MAX_BLOCKS &&
                word < ARGON2_QWORDS_IN_BLOCK) {
                k->words[pass][blk * ARGON2_QWORDS_IN_BLOCK + word] = value;
                k->seen_words[pass]++;
                if (blk + 1 > k->nblocks) {
                    k->nblocks = blk + 1;
                }
            }
        } else if (strncmp(line, "Tag:", 4) == 0) {
            parse_hex_bytes(line, k->tag, sizeof(k->tag));
        }
    }
    free(text);
    return 1;
}

typedef struct trace_state {
    const kat *k;
    uint8_t prehash[64];
    int pass_ok[KAT_MAX_PASSES];
    int passes_seen;
    char where[160];
} trace_state;

static void on_prehash(void *arg, const uint8_t digest[ARGON2FT_PREHASH_BYTES])
{
    trace_state *st = (trace_state *)arg;
    memcpy(st->prehash, digest, 64);
}

static void on_pass(void *arg, uint32_t pass, const argon2_block *memory,
                    uint32_t nblocks)
{
    trace_state *st = (trace_state *)arg;
    const kat *k = st->k;
    uint32_t b, w;
    st->passes_seen++;
    if (pass >= KAT_MAX_PASSES || nblocks != k->nblocks) {
        return;
    }
    st->pass_ok[pass] = 1;
    for (b = 0; b < nblocks; b++) {
        for (w = 0; w < ARGON2_QWORDS_IN_BLOCK; w++) {
            if (memory[b].v[w] != k->words[pass][b * ARGON2_QWORDS_IN_BLOCK + w]) {
                if (st->pass_ok[pass]) {
                    snprintf(st->where, sizeof(st->where),
                             "first difference: pass %u block %u word %u", pass, b, w);
                }
                st->pass_ok[pass] = 0;
            }
        }
    }
}

static void run_kat(const kat *k, int kernel, uint32_t threads)
{
    argon2_context ctx;
    trace_state st;
    argon2ft_trace tr;
    uint8_t out[64];
    uint8_t pwd[64], secret[64];
    uint32_t p;
    int rc;

    memcpy(pwd, k->pwd, sizeof(pwd));
    memcpy(secret, k->secret, sizeof(secret));
    memset(&ctx, 0, sizeof(ctx));
    ctx.out = out;
    ctx.outlen = k->taglen;
    ctx.pwd = pwd;
    ctx.pwdlen = (uint32_t)k->pwdlen;
    ctx.salt = (uint8_t *)(uintptr_t)k->salt;
    ctx.saltlen = (uint32_t)k->saltlen;
    ctx.secret = secret;
    ctx.secretlen = (uint32_t)k->secretlen;
    ctx.ad = (uint8_t *)(uintptr_t)k->ad;
    ctx.adlen = (uint32_t)k->adlen;
    ctx.t_cost = k->t_cost;
    ctx.m_cost = k->m_cost;
    ctx.lanes = k->lanes;
    ctx.threads = threads;
    ctx.version = k->version;

    memset(&st, 0, sizeof(st));
    st.k = k;
    tr.prehash = on_prehash;
    tr.pass_done = on_pass;
    tr.arg = &st;
    rc = argon2ft_ctx_traced(&ctx, k->type, kernel, &tr);
    TL_CHECK(rc == ARGON2_OK, "%s kernel %d threads %u: rc %d", k->name, kernel, threads, rc);
    TL_CHECK(memcmp(st.prehash, k->prehash, 64) == 0, "%s kernel %d threads %u: H0 differs",
             k->name, kernel, threads);
    TL_CHECK(st.passes_seen == (int)k->t_cost, "%s: %d passes traced", k->name, st.passes_seen);
    for (p = 0; p < k->t_cost && p < KAT_MAX_PASSES; p++) {
        TL_CHECK(k->seen_words[p] == (int)(k->nblocks * ARGON2_QWORDS_IN_BLOCK),
                 "%s: trace file has %d words for pass %u", k->name, k->seen_words[p], p);
        TL_CHECK(st.pass_ok[p], "%s kernel %d threads %u: memory after pass %u differs (%s)",
                 k->name, kernel, threads, p, st.where);
    }
    TL_CHECK(memcmp(out, k->tag, k->taglen) == 0, "%s kernel %d threads %u: tag differs",
             k->name, kernel, threads);
}

static void test_kats(const char *dir)
{
    static const char *const names[] = {"kats/argon2d", "kats/argon2i", "kats/argon2id",
                                        "kats/argon2d_v16", "kats/argon2i_v16", "kats/argon2id_v16"};
    static kat k; /* large: keep it off the stack */
    size_t i;
    int kernel;
    uint32_t threads;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!TL_CHECK(load_kat(dir, names[i], &k), "cannot read trace %s", names[i])) {
            continue;
        }
        TL_CHECK(k.nblocks == k.m_cost && k.t_cost <= KAT_MAX_PASSES,
                 "%s: unexpected trace shape", names[i]);
        for (kernel = ARGON2FT_KERNEL_AUTO; kernel < ARGON2FT_KERNEL_COUNT; kernel++) {
            if (kernel != ARGON2FT_KERNEL_AUTO && !argon2ft_kernel_supported(kernel)) {
                continue;
            }
            for (threads = 1; threads <= 4; threads++) {
                run_kat(&k, kernel, threads);
            }
        }
        /* The extension entry point with secret and associated data. */
        {
            uint8_t tag[64];
            int rc = argon2ft_hash(k.t_cost, k.m_cost, k.lanes, 0, k.pwd, k.pwdlen,
                                   k.salt, k.saltlen, k.secret, k.secretlen, k.ad,
                                   k.adlen, tag, k.taglen, NULL, 0, k.type,
                                   k.version, ARGON2FT_KERNEL_AUTO);
            TL_CHECK(rc == ARGON2_OK && memcmp(tag, k.tag, k.taglen) == 0,
                     "%s: argon2ft_hash rc %d or tag differs", names[i], rc);
        }
    }
}

/* ---- (b) encoded.json ---- */

static argon2_type type_of(const char *s)
{
    if (strcmp(s, "d") == 0) {
        return Argon2_d;
    }
    if (strcmp(s, "id") == 0) {
        return Argon2_id;
    }
    return Argon2_i;
}

/* The reference encoder always writes v=; insert it for version-16 strings. */
static void expected_encoding(const char *given, uint32_t version, char *out, size_t cap)
{
    const char *m = strstr(given, "$m=");
    if (strstr(given, "$v=") != NULL || m == NULL) {
        snprintf(out, cap, "%s", given);
        return;
    }
    snprintf(out, cap, "%.*s$v=%u%s", (int)(m - given), given, (unsigned)version, m);
}

static void test_encoded(const char *dir)
{
    char *path = tl_path(dir, "encoded.json");
    char *text = path != NULL ? tl_read_file(path, NULL) : NULL;
    tl_json *root = text != NULL ? tl_json_parse(text) : NULL;
    const tl_json *c;
    int large = tl_env_flag("ARGON2_FT_LARGE");
    int ran = 0;

    free(path);
    free(text);
    if (!TL_CHECK(root != NULL && root->kind == TL_JSON_ARRAY, "cannot read encoded.json")) {
        tl_json_free(root);
        return;
    }
    for (c = root->child; c != NULL; c = c->next) {
        const char *pwd = tl_json_str(c, "password");
        const char *salt = tl_json_str(c, "salt");
        const char *enc = tl_json_str(c, "encoded");
        const char *taghex = tl_json_str(c, "tag_hex");
        argon2_type type = type_of(tl_json_str(c, "type"));
        uint32_t version = (uint32_t)tl_json_int(c, "version");
        uint32_t t = (uint32_t)tl_json_int(c, "time_cost");
        uint32_t m = (uint32_t)tl_json_int(c, "memory_cost");
        uint32_t p = (uint32_t)tl_json_int(c, "parallelism");
        size_t hashlen = (size_t)tl_json_int(c, "hash_len");
        uint8_t want[64], got[64];
        char expect_enc[256], got_enc[256];
        size_t enclen;
        int rc;

        if (pwd == NULL || salt == NULL || enc == NULL || taghex == NULL ||
            hashlen > sizeof(want) || tl_unhex(taghex, want, sizeof(want)) != (long)hashlen) {
            TL_CHECK(0, "malformed encoded.json entry");
            continue;
        }
        if (tl_json_bool(c, "large_memory") && !large) {
            continue;
        }
        if (quick_mode && m > 4096) {
            continue;
        }
        ran++;
        expected_encoding(enc, version, expect_enc, sizeof(expect_enc));
        enclen = argon2_encodedlen(t, m, p, (uint32_t)strlen(salt), (uint32_t)hashlen, type);
        TL_CHECK(enclen == strlen(expect_enc) + 1 || (version != 19 && enclen == strlen(expect_enc) + 1),
                 "%s: encodedlen %zu", enc, enclen);

        rc = argon2_hash(t, m, p, pwd, strlen(pwd), salt, strlen(salt), got, hashlen,
                         got_enc, enclen, type, version);
        TL_CHECK(rc == ARGON2_OK, "%s: argon2_hash rc %d", enc, rc);
        TL_CHECK(rc == ARGON2_OK && memcmp(got, want, hashlen) == 0, "%s: raw tag differs", enc);
        TL_CHECK(rc == ARGON2_OK && strcmp(got_enc, expect_enc) == 0, "%s: encoded as %s",
                 enc, rc == ARGON2_OK ? got_enc : "(error)");

        rc = argon2_verify(enc, pwd, strlen(pwd), type);
        TL_CHECK(rc == ARGON2_OK, "%s: verify rc %d", enc, rc);
        if (strcmp(enc, expect_enc) != 0) {
            rc = argon2_verify(expect_enc, pwd, strlen(pwd), type);
            TL_CHECK(rc == ARGON2_OK, "%s: verify rc %d", expect_enc, rc);
        }
        rc = argon2_verify(enc, "wrong password", 14, type);
        TL_CHECK(rc == ARGON2_VERIFY_MISMATCH, "%s: wrong password rc %d", enc, rc);
        {
            argon2ft_params prm;
            uint8_t s[64], h[64];
            rc = argon2ft_decode(enc, strlen(enc), &prm, s, sizeof(s), h, sizeof(h));
            TL_CHECK(rc == ARGON2_OK && prm.type == type && prm.version == version &&
                         prm.m_cost == m && prm.t_cost == t && prm.lanes == p &&
                         prm.saltlen == strlen(salt) && memcmp(s, salt, prm.saltlen) == 0 &&
                         prm.hashlen == hashlen && memcmp(h, want, hashlen) == 0,
                     "%s: argon2ft_decode rc %d or fields differ", enc, rc);
        }
    }
    TL_CHECK(ran > 0, "no encoded.json case ran");
    tl_json_free(root);
}

/* ---- (c) errors.json ---- */

static void test_errors(const char *dir)
{
    char *path = tl_path(dir, "errors.json");
    char *text = path != NULL ? tl_read_file(path, NULL) : NULL;
    tl_json *root = text != NULL ? tl_json_parse(text) : NULL;
    const tl_json *cases, *msgs, *c;
    int nmsg = 0;

    free(path);
    free(text);
    if (!TL_CHECK(root != NULL, "cannot read errors.json")) {
        return;
    }
    cases = tl_json_get(root, "verify_cases");
    msgs = tl_json_get(root, "error_messages");
    TL_CHECK(cases != NULL && msgs != NULL, "errors.json lacks sections");
    for (c = cases != NULL ? cases->child : NULL; c != NULL; c = c->next) {
        const char *enc = tl_json_str(c, "encoded");
        const char *pwd = tl_json_str(c, "password");
        long want = tl_json_int(c, "error_code");
        int rc;
        if (enc == NULL || pwd == NULL) {
            TL_CHECK(0, "malformed verify case");
            continue;
        }
        if (quick_mode && strstr(enc, "m=65536") != NULL && want == ARGON2_VERIFY_MISMATCH) {
            continue;
        }
        rc = argon2_verify(enc, pwd, strlen(pwd), type_of(tl_json_str(c, "type")));
        TL_CHECK(rc == want, "%s (%s): rc %d, want %ld", enc, tl_json_str(c, "why"), rc, want);
    }
    for (c = msgs != NULL ? msgs->child : NULL; c != NULL; c = c->next) {
        int code = atoi(c->key);
        const char *got = argon2_error_message(code);
        nmsg++;
        TL_CHECK(c->kind == TL_JSON_STRING && got != NULL && strcmp(got, c->string) == 0,
                 "message for %d: \"%s\"", code, got != NULL ? got : "(null)");
    }
    TL_CHECK(nmsg == 41, "%d messages in errors.json", nmsg);
    TL_CHECK(strcmp(argon2_error_message(12345), "Unknown error code") == 0 &&
                 strcmp(argon2_error_message(-12345), "Unknown error code") == 0,
             "unknown codes");
    TL_CHECK(strcmp(argon2_error_message(ARGON2FT_KERNEL_UNSUPPORTED), "Unknown error code") != 0,
             "kernel error has its own text");
    tl_json_free(root);
}


/* ---- (d) decoder, argon2_hash errors, extensions ---- */

#define OK_TAG "iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8"
#define OK_HEAD "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$"
#define OK_STR OK_HEAD OK_TAG

/*
 * m = 2^32 - 1 is within ARGON2_MAX_MEMORY only where pointers have 64 bits;
 * with 32-bit pointers the memory check, which comes first, reports it.
 */
#define M_MAX_OR(code) \
    (ARGON2_MAX_MEMORY < UINT32_C(0xFFFFFFFF) ? ARGON2_MEMORY_TOO_MUCH : (code))

/* Expected codes are those of the reference library for argon2_verify(type i,
   password "password"), except where marked as this library's stricter rule. */
static const struct {
    const char *encoded;
    int code;
} decode_cases[] = {
    {OK_STR, ARGON2_OK},
    {"$argon2i$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY", ARGON2_OK},
    {"$argon2i$v=16$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY", ARGON2_OK},
    {"$argon2i$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_VERIFY_MISMATCH},
    {"$argon2i$v=0$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_VERIFY_MISMATCH},
    {"$argon2i$v=20$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_VERIFY_MISMATCH},
    {"$argon2i$v=019$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=4294967296$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=0256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=00,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=00,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=+256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=-256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=4294967296,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=99999999999999999999999,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {OK_STR "=", ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$" OK_TAG, ARGON2_DECODING_FAIL},
    {OK_HEAD "iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS9", ARGON2_DECODING_FAIL},
    {OK_HEAD "iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWR", ARGON2_DECODING_FAIL},
    {OK_HEAD "iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWA", ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHR$" OK_TAG, ARGON2_DECODING_FAIL},
    {OK_HEAD "AAAAA", ARGON2_DECODING_FAIL},
    {OK_HEAD "AAAAAA", ARGON2_VERIFY_MISMATCH},
    {OK_STR "$", ARGON2_DECODING_FAIL},
    {OK_STR "x", ARGON2_VERIFY_MISMATCH},
    {"$argon2i$v=19$m=256,t=0,p=1$c29tZXNhbHQ$" OK_TAG "$", ARGON2_TIME_TOO_SMALL},
    {"$argon2i$v=19$m=256,t=0,p=1$c29tZXNhbHQ$" OK_TAG "xyz", ARGON2_DECODING_FAIL},
    {"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2d$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2x$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$Argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"", ARGON2_DECODING_FAIL},
    {"$argon2", ARGON2_DECODING_FAIL},
    {"$argon2i", ARGON2_DECODING_FAIL},
    {"$argon2i$", ARGON2_DECODING_FAIL},
    {"$argon2i$v=19", ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1", ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1$", ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ", ARGON2_DECODING_FAIL},
    {OK_HEAD, ARGON2_OUTPUT_TOO_SHORT},
    {OK_HEAD "AAAA", ARGON2_OUTPUT_TOO_SHORT},
    {"$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$$" OK_TAG, ARGON2_OUTPUT_TOO_SHORT},
    {"$argon2i$v=19$t=2,m=256,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$m=256,t=2,p=1$v=19$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1,x=2$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256;t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$M=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$ m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1$c29tZ XNhbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1$c29tZX-hbHQ$" OK_TAG, ARGON2_DECODING_FAIL},
    {"$argon2i$v=19$m=256,t=2,p=1$c29tZQ$" OK_TAG, ARGON2_SALT_TOO_SHORT},
    {"$argon2i$v=19$m=256,t=2,p=1$$" OK_TAG, ARGON2_SALT_TOO_SHORT},
    {"$argon2i$v=19$m=256,t=0,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_TIME_TOO_SMALL},
    {"$argon2i$v=19$m=256,t=2,p=0$c29tZXNhbHQ$" OK_TAG, ARGON2_LANES_TOO_FEW},
    {"$argon2i$v=19$m=7,t=2,p=1$c29tZXNhbHQ$" OK_TAG, ARGON2_MEMORY_TOO_LITTLE},
    {"$argon2i$v=19$m=256,t=2,p=100$c29tZXNhbHQ$" OK_TAG, ARGON2_MEMORY_TOO_LITTLE},
    {"$argon2i$v=19$m=8,t=0,p=2$c29tZXNhbHQ$" OK_TAG, ARGON2_MEMORY_TOO_LITTLE},
    {"$argon2i$v=19$m=4294967295,t=0,p=1$c29tZXNhbHQ$" OK_TAG, M_MAX_OR(ARGON2_TIME_TOO_SMALL)},
    {"$argon2i$v=19$m=4294967295,t=2,p=0$c29tZXNhbHQ$" OK_TAG, M_MAX_OR(ARGON2_LANES_TOO_FEW)},
    {"$argon2i$v=19$m=4294967295,t=2,p=16777216$c29tZXNhbHQ$" OK_TAG,
     M_MAX_OR(ARGON2_LANES_TOO_MANY)},
    /* 8 * lanes wraps to 0 in 32 bits, as in the reference. */
    {"$argon2i$v=19$m=256,t=2,p=536870912$c29tZXNhbHQ$" OK_TAG, ARGON2_LANES_TOO_MANY},
    {"$argon2i$v=19$m=256,t=0,p=536870912$c29tZXNhbHQ$" OK_TAG, ARGON2_TIME_TOO_SMALL},
};

static void test_decoder(void)
{
    size_t i;
    for (i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
        const char *enc = decode_cases[i].encoded;
        int want = decode_cases[i].code;
        int rc;
        argon2ft_params prm;
        uint8_t salt[64], tag[64];

        if (quick_mode && (want == ARGON2_OK || want == ARGON2_VERIFY_MISMATCH) && i > 3) {
            continue;
        }
        rc = argon2_verify(enc, "password", 8, Argon2_i);
        TL_CHECK(rc == want, "verify %s: rc %d, want %d", enc, rc, want);
        rc = argon2ft_verify(enc, strlen(enc), Argon2_i, "password", 8, NULL, 0, NULL, 0, 1,
                             ARGON2FT_KERNEL_AUTO);
        TL_CHECK(rc == want, "argon2ft_verify %s: rc %d, want %d", enc, rc, want);
        rc = argon2ft_decode(enc, strlen(enc), &prm, salt, sizeof(salt), tag, sizeof(tag));
        if (strncmp(enc, "$argon2d$", 9) == 0 || strncmp(enc, "$argon2id$", 10) == 0) {
            want = ARGON2_OK; /* argon2ft_decode takes any type */
        }
        TL_CHECK(rc == (want == ARGON2_VERIFY_MISMATCH ? ARGON2_OK : want),
                 "decode %s: rc %d, want %d", enc, rc, want);
    }

    /* This library's stricter rules and extension behaviour. */
    {
        const char *ok = OK_STR;
        char buf[256];
        argon2ft_params prm;
        uint8_t salt[64], tag[64];
        size_t n = strlen(ok);
        int rc;

        memcpy(buf, ok, n + 1);
        buf[20] = '\0'; /* embedded NUL inside the explicit length */
        rc = argon2ft_decode(buf, n, &prm, salt, sizeof(salt), tag, sizeof(tag));
        TL_CHECK(rc == ARGON2_DECODING_FAIL, "embedded NUL: rc %d", rc);
        rc = argon2ft_verify(buf, n, Argon2_i, "password", 8, NULL, 0, NULL, 0, 0, 0);
        TL_CHECK(rc == ARGON2_DECODING_FAIL, "embedded NUL verify: rc %d", rc);
        memcpy(buf, ok, n + 1);
        buf[n] = 'A'; /* a length that stops short of the extra byte */
        rc = argon2ft_decode(buf, n, &prm, salt, sizeof(salt), tag, sizeof(tag));
        TL_CHECK(rc == ARGON2_OK && prm.hashlen == 32 && prm.saltlen == 8 &&
                     prm.type == Argon2_i && prm.version == 19 && prm.m_cost == 256 &&
                     prm.t_cost == 2 && prm.lanes == 1,
                 "explicit length decode: rc %d", rc);
        rc = argon2ft_decode(ok, n, &prm, salt, 7, tag, sizeof(tag));
        TL_CHECK(rc == ARGON2_DECODING_FAIL, "salt buffer too small: rc %d", rc);
        rc = argon2ft_decode(ok, n, &prm, salt, 8, tag, 31);
        TL_CHECK(rc == ARGON2_DECODING_FAIL, "tag buffer too small: rc %d", rc);
        rc = argon2ft_decode(ok, n, &prm, salt, 8, tag, 32);
        TL_CHECK(rc == ARGON2_OK, "exact buffers: rc %d", rc);
        rc = argon2ft_decode(ok, n, &prm, NULL, 0, NULL, 0);
        TL_CHECK(rc == ARGON2_DECODING_FAIL, "no buffers: rc %d", rc);
        rc = argon2_verify(ok, "password", 8, (argon2_type)5);
        TL_CHECK(rc == ARGON2_INCORRECT_TYPE, "verify with unknown type: rc %d", rc);
        rc = argon2_verify(NULL, "password", 8, Argon2_i);
        TL_CHECK(rc == ARGON2_DECODING_FAIL, "verify NULL: rc %d", rc);
        rc = argon2_verify(ok, NULL, 8, Argon2_i);
        TL_CHECK(rc == ARGON2_PWD_PTR_MISMATCH, "verify NULL password: rc %d", rc);
        rc = argon2ft_decode("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG,
                             strlen("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG), &prm,
                             salt, sizeof(salt), tag, sizeof(tag));
        TL_CHECK(rc == ARGON2_OK && prm.type == Argon2_id, "decode id: rc %d", rc);
        rc = argon2ft_decode("$argon2d$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG,
                             strlen("$argon2d$m=256,t=2,p=1$c29tZXNhbHQ$" OK_TAG), &prm,
                             salt, sizeof(salt), tag, sizeof(tag));
        TL_CHECK(rc == ARGON2_OK && prm.type == Argon2_d && prm.version == 0x10,
                 "decode d without version: rc %d", rc);
    }
}

static int hash_rc(uint32_t t, uint32_t m, uint32_t p, const void *pwd, size_t pwdlen,
                   const void *salt, size_t saltlen, size_t hashlen, size_t enclen,
                   argon2_type type)
{
    uint8_t out[64];
    char enc[256];
    return argon2_hash(t, m, p, pwd, pwdlen, salt, saltlen, out, hashlen,
                       enclen ? enc : NULL, enclen, type, ARGON2_VERSION_13);
}

static void test_hash_errors(void)
{
    /* Expected codes are the reference library's for the same calls. */
    TL_CHECK(hash_rc(2, 256, 1, "pw", 2, NULL, 0, 32, 0, Argon2_i) == ARGON2_SALT_TOO_SHORT, "NULL salt");
    TL_CHECK(hash_rc(2, 256, 1, NULL, 0, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_OK, "NULL empty password");
    TL_CHECK(hash_rc(2, 256, 1, NULL, 2, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_PWD_PTR_MISMATCH, "NULL password");
    TL_CHECK(hash_rc(2, 256, 1, "pw", 2, "somesalt", 8, 3, 0, Argon2_i) == ARGON2_OUTPUT_TOO_SHORT, "hashlen 3");
    TL_CHECK(hash_rc(2, 256, 1, "pw", 2, "somesal", 7, 32, 0, Argon2_i) == ARGON2_SALT_TOO_SHORT, "salt 7");
    TL_CHECK(hash_rc(0, 256, 1, "pw", 2, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_TIME_TOO_SMALL, "t 0");
    TL_CHECK(hash_rc(2, 7, 1, "pw", 2, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_MEMORY_TOO_LITTLE, "m 7");
    TL_CHECK(hash_rc(2, 256, 0, "pw", 2, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_LANES_TOO_FEW, "p 0");
    TL_CHECK(hash_rc(0, 256, 0, "pw", 2, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_TIME_TOO_SMALL, "t 0 p 0");
    TL_CHECK(hash_rc(2, 15, 2, "pw", 2, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_MEMORY_TOO_LITTLE, "m 15 p 2");
    TL_CHECK(hash_rc(2, 0xFFFFFFFFu, 1u << 24, "pw", 2, "somesalt", 8, 32, 0, Argon2_i) == M_MAX_OR(ARGON2_LANES_TOO_MANY), "p 2^24");
    if (ARGON2_MAX_MEMORY < UINT32_C(0xFFFFFFFF)) {
        /* 32-bit pointers: one block past the addressable limit is refused
           before anything is allocated. */
        TL_CHECK(hash_rc(2, (uint32_t)ARGON2_MAX_MEMORY + 1, 1, "pw", 2, "somesalt", 8, 32, 0, Argon2_i) == ARGON2_MEMORY_TOO_MUCH, "m max + 1");
    }
    TL_CHECK(hash_rc(2, 256, 1, "pw", 2, "somesalt", 8, 32, 83, Argon2_i) == ARGON2_ENCODING_FAIL, "encoded one short");
    TL_CHECK(hash_rc(2, 256, 1, "pw", 2, "somesalt", 8, 32, 84, Argon2_i) == ARGON2_OK, "encoded exact");
    TL_CHECK(hash_rc(2, 256, 1, "pw", 2, "somesalt", 8, 32, 0, (argon2_type)3) == ARGON2_INCORRECT_TYPE, "type 3");

    TL_CHECK(argon2_encodedlen(1, 1, 1, 0, 4, Argon2_d) == 34, "encodedlen 1");
    TL_CHECK(argon2_encodedlen(1, 1, 1, 1, 1, Argon2_d) == 32, "encodedlen 2");
    TL_CHECK(argon2_encodedlen(3, 65536, 4, 16, 32, Argon2_id) == 98, "encodedlen 3");
    TL_CHECK(argon2_encodedlen(10, 100, 1000, 9, 5, Argon2_i) == 53, "encodedlen 4");
    if (sizeof(size_t) >= 8) {
        TL_CHECK(argon2_encodedlen(0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
                                   0xFFFFFFFFu, Argon2_id) == (size_t)UINT64_C(11453246176),
                 "encodedlen max (exact; the reference wraps around in 32 bits here)");
    }
    TL_CHECK(strcmp(argon2_type2string(Argon2_id, 0), "argon2id") == 0 &&
                 strcmp(argon2_type2string(Argon2_d, 1), "Argon2d") == 0 &&
                 strcmp(argon2_type2string(Argon2_i, 1), "Argon2i") == 0 &&
                 argon2_type2string((argon2_type)7, 0) == NULL,
             "type2string");
    {
        /* The reference accepts any version number (it enters H0). */
        uint8_t a[32], b[32];
        int rc1 = argon2_hash(2, 256, 1, "password", 8, "somesalt", 8, a, 32, NULL, 0, Argon2_i, 0x14);
        int rc2 = argon2_hash(2, 256, 1, "password", 8, "somesalt", 8, b, 32, NULL, 0, Argon2_i, 0x13);
        TL_CHECK(rc1 == ARGON2_OK && rc2 == ARGON2_OK && memcmp(a, b, 32) != 0, "version 0x14");
    }
}

/* ---- custom allocator and flags ---- */

typedef struct alloc_log {
    int allocs, frees, wiped;
} alloc_log;

static alloc_log g_alloc; /* test-only bookkeeping for the callbacks */

static int test_alloc(uint8_t **memory, size_t bytes)
{
    g_alloc.allocs++;
    *memory = (uint8_t *)malloc(bytes);
    return *memory != NULL ? ARGON2_OK : ARGON2_MEMORY_ALLOCATION_ERROR;
}

static void test_free(uint8_t *memory, size_t bytes)
{
    size_t i;
    int zero = 1;
    for (i = 0; i < bytes; i++) {
        if (memory[i] != 0) {
            zero = 0;
            break;
        }
    }
    g_alloc.frees++;
    g_alloc.wiped += zero;
    free(memory);
}

static int failing_alloc(uint8_t **memory, size_t bytes)
{
    (void)bytes;
    *memory = NULL;
    return ARGON2_MEMORY_ALLOCATION_ERROR;
}

static void test_context_features(void)
{
    uint8_t pwd[8], secret[8], out[32], ref[32];
    argon2_context ctx;
    int rc;

    memcpy(pwd, "password", 8);
    memcpy(secret, "pepper!!", 8);
    memset(&ctx, 0, sizeof(ctx));
    ctx.out = out;
    ctx.outlen = 32;
    ctx.pwd = pwd;
    ctx.pwdlen = 8;
    ctx.salt = (uint8_t *)(uintptr_t)"somesalt";
    ctx.saltlen = 8;
    ctx.secret = secret;
    ctx.secretlen = 8;
    ctx.t_cost = 2;
    ctx.m_cost = 64;
    ctx.lanes = 2;
    ctx.threads = 2;
    ctx.version = ARGON2_VERSION_13;
    ctx.allocate_cbk = test_alloc;
    ctx.free_cbk = test_free;

    rc = argon2_ctx(&ctx, Argon2_id);
    TL_CHECK(rc == ARGON2_OK && g_alloc.allocs == 1 && g_alloc.frees == 1 && g_alloc.wiped == 1,
             "user allocator: rc %d allocs %d frees %d wiped %d", rc, g_alloc.allocs,
             g_alloc.frees, g_alloc.wiped);
    rc = argon2ft_hash(2, 64, 2, 0, "password", 8, "somesalt", 8, "pepper!!", 8, NULL, 0, ref,
                       32, NULL, 0, Argon2_id, ARGON2_VERSION_13, 0);
    TL_CHECK(rc == ARGON2_OK && memcmp(ref, out, 32) == 0, "context and argon2ft_hash agree");
    rc = argon2_verify_ctx(&ctx, (const char *)ref, Argon2_id);
    TL_CHECK(rc == ARGON2_OK, "verify_ctx: rc %d", rc);
    ref[0] ^= 1;
    rc = argon2id_verify_ctx(&ctx, (const char *)ref);
    TL_CHECK(rc == ARGON2_VERIFY_MISMATCH, "verify_ctx mismatch: rc %d", rc);

    ctx.flags = ARGON2_FLAG_CLEAR_PASSWORD | ARGON2_FLAG_CLEAR_SECRET;
    rc = argon2_ctx(&ctx, Argon2_id);
    TL_CHECK(rc == ARGON2_OK && ctx.pwdlen == 0 && ctx.secretlen == 0 &&
                 memcmp(pwd, "\0\0\0\0\0\0\0\0", 8) == 0 &&
                 memcmp(secret, "\0\0\0\0\0\0\0\0", 8) == 0,
             "clear flags: rc %d", rc);
    ref[0] ^= 1;
    TL_CHECK(memcmp(ref, out, 32) == 0, "clear flags: tag unchanged");

    ctx.allocate_cbk = failing_alloc;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_MEMORY_ALLOCATION_ERROR, "failing allocator");
    ctx.free_cbk = NULL;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_FREE_MEMORY_CBK_NULL, "free cbk NULL");
    ctx.allocate_cbk = NULL;
    ctx.free_cbk = test_free;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_ALLOCATE_MEMORY_CBK_NULL, "alloc cbk NULL");
    ctx.free_cbk = NULL;
    ctx.threads = 0;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_THREADS_TOO_FEW, "threads 0");
    ctx.threads = 0x1000000;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_THREADS_TOO_MANY, "threads 2^24");
    ctx.threads = 1;
    ctx.secret = NULL;
    ctx.secretlen = 3;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_SECRET_PTR_MISMATCH, "secret NULL");
    ctx.secretlen = 0;
    ctx.ad = NULL;
    ctx.adlen = 3;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_AD_PTR_MISMATCH, "ad NULL");
    ctx.adlen = 0;
    ctx.out = NULL;
    TL_CHECK(argon2_ctx(&ctx, Argon2_id) == ARGON2_OUTPUT_PTR_NULL, "out NULL");
    TL_CHECK(argon2_ctx(NULL, Argon2_id) == ARGON2_INCORRECT_PARAMETER, "ctx NULL");
}

/* ---- argon2ft_hash / argon2ft_verify ---- */

static void test_ft_api(void)
{
    static const uint8_t secret[] = "a secret pepper";
    static const uint8_t ad[] = "associated data";
    uint8_t ref[32], tag[32];
    char enc[256], enc2[256];
    uint32_t threads;
    int kernel, rc;
    size_t enclen = argon2_encodedlen(3, 256, 4, 16, 32, Argon2_id);

    rc = argon2ft_hash(3, 256, 4, 1, "hunter2", 7, "0123456789abcdef", 16, secret,
                       sizeof(secret), ad, sizeof(ad), ref, 32, enc, enclen, Argon2_id,
                       ARGON2_VERSION_13, ARGON2FT_KERNEL_PORTABLE);
    TL_CHECK(rc == ARGON2_OK, "argon2ft_hash: rc %d", rc);
    for (threads = 0; threads <= 5; threads++) {
        rc = argon2ft_hash(3, 256, 4, threads, "hunter2", 7, "0123456789abcdef", 16, secret,
                           sizeof(secret), ad, sizeof(ad), tag, 32, enc2, sizeof(enc2),
                           Argon2_id, ARGON2_VERSION_13, ARGON2FT_KERNEL_AUTO);
        TL_CHECK(rc == ARGON2_OK && memcmp(tag, ref, 32) == 0 && strcmp(enc, enc2) == 0,
                 "threads %u: rc %d or result differs", threads, rc);
    }
    for (kernel = ARGON2FT_KERNEL_PORTABLE; kernel < ARGON2FT_KERNEL_COUNT; kernel++) {
        rc = argon2ft_hash(3, 256, 4, 4, "hunter2", 7, "0123456789abcdef", 16, secret,
                           sizeof(secret), ad, sizeof(ad), tag, 32, NULL, 0, Argon2_id,
                           ARGON2_VERSION_13, kernel);
        if (!argon2ft_kernel_supported(kernel)) {
            TL_CHECK(rc == ARGON2FT_KERNEL_UNSUPPORTED, "kernel %d unsupported: rc %d", kernel, rc);
            continue;
        }
        TL_CHECK(rc == ARGON2_OK && memcmp(tag, ref, 32) == 0, "kernel %s: rc %d or tag differs",
                 argon2ft_kernel_name(kernel), rc);
        rc = argon2ft_verify(enc, strlen(enc), Argon2_id, "hunter2", 7, secret, sizeof(secret),
                             ad, sizeof(ad), 2, kernel);
        TL_CHECK(rc == ARGON2_OK, "verify with kernel %d: rc %d", kernel, rc);
    }
    TL_CHECK(argon2ft_hash(3, 256, 4, 0, "x", 1, "0123456789abcdef", 16, NULL, 0, NULL, 0, tag,
                           32, NULL, 0, Argon2_id, ARGON2_VERSION_13, 99) ==
                 ARGON2FT_KERNEL_UNSUPPORTED,
             "kernel 99");
    rc = argon2ft_verify(enc, strlen(enc), Argon2_id, "hunter2", 7, NULL, 0, ad, sizeof(ad), 0, 0);
    TL_CHECK(rc == ARGON2_VERIFY_MISMATCH, "verify without secret: rc %d", rc);
    rc = argon2ft_verify(enc, strlen(enc), Argon2_id, "hunter2", 7, secret, sizeof(secret), ad,
                         sizeof(ad) - 1, 0, 0);
    TL_CHECK(rc == ARGON2_VERIFY_MISMATCH, "verify with other ad: rc %d", rc);
    rc = argon2ft_verify(enc, strlen(enc), Argon2_id, "hunter3", 7, secret, sizeof(secret), ad,
                         sizeof(ad), 0, 0);
    TL_CHECK(rc == ARGON2_VERIFY_MISMATCH, "verify with other password: rc %d", rc);
    rc = argon2ft_verify(enc, strlen(enc), Argon2_i, "hunter2", 7, secret, sizeof(secret), ad,
                         sizeof(ad), 0, 0);
    TL_CHECK(rc == ARGON2_DECODING_FAIL, "verify as another type: rc %d", rc);
    rc = argon2ft_verify(enc, strlen(enc), Argon2_id, "hunter2", 7, NULL, 5, ad, sizeof(ad), 0, 0);
    TL_CHECK(rc == ARGON2_SECRET_PTR_MISMATCH, "verify NULL secret: rc %d", rc);
    TL_CHECK(argon2id_verify(enc, "hunter2", 7) == ARGON2_VERIFY_MISMATCH,
             "reference verify lacks the secret");
    TL_CHECK(argon2ft_hash(3, 256, 4, 0, "x", 1, "0123456789abcdef", 16, NULL, 0, NULL, 0, NULL,
                           32, NULL, 0, Argon2_id, ARGON2_VERSION_13, 0) == ARGON2_OUTPUT_PTR_NULL,
             "no outputs");
    TL_CHECK(argon2ft_hash(3, 256, 4, 0, "x", 1, "0123456789abcdef", 16, NULL, 0, NULL, 0, tag,
                           32, enc2, 10, Argon2_id, ARGON2_VERSION_13, 0) == ARGON2_ENCODING_FAIL,
             "short encoded buffer");
    {
        /* A tag longer than one BLAKE2b output exercises H' chaining. */
        uint8_t big[200];
        char benc[400];
        rc = argon2ft_hash(1, 64, 1, 0, "x", 1, "0123456789abcdef", 16, NULL, 0, NULL, 0, big,
                           sizeof(big), benc, sizeof(benc), Argon2_d, ARGON2_VERSION_13, 0);
        TL_CHECK(rc == ARGON2_OK && argon2d_verify(benc, "x", 1) == ARGON2_OK,
                 "200-byte tag: rc %d", rc);
    }
}

int main(int argc, char **argv)
{
    const char *dir = tl_vectors_dir(argc, argv);
    quick_mode = tl_env_flag("ARGON2_FT_QUICK");
    test_kats(dir);
    test_encoded(dir);
    test_errors(dir);
    test_decoder();
    test_hash_errors();
    test_context_features();
    test_ft_api();
    return tl_finish();
}
