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

int main(int argc, char **argv)
{
    const char *dir = tl_vectors_dir(argc, argv);
    quick_mode = tl_env_flag("ARGON2_FT_QUICK");
    test_kats(dir);
    test_encoded(dir);
    test_errors(dir);
    return tl_finish();
}
