/*
 * Edge cases of the library's contracts found by review: user allocator
 * callbacks as the reference treats them, and encoded lengths that do not
 * fit a 32-bit size_t (run this under -m32 too).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argon2.h"
#include "argon2_ft.h"
#include "encoding.h"
#include "testlib.h"

/* ---- allocator callbacks ---- */

static struct {
    int allocs;
    int frees;
    int wiped;
    int status; /* what the allocate callback returns */
} g_cbk;

static int alloc_with_status(uint8_t **memory, size_t bytes)
{
    *memory = (uint8_t *)malloc(bytes);
    if (*memory != NULL) {
        g_cbk.allocs++;
    }
    return g_cbk.status;
}

static void counting_free(uint8_t *memory, size_t bytes)
{
    size_t i;
    int zero = 1;
    for (i = 0; i < bytes; i++) {
        zero &= memory[i] == 0;
    }
    g_cbk.frees++;
    g_cbk.wiped += zero;
    free(memory);
}

/*
 * The reference ignores what the allocate callback returns and judges the
 * pointer alone, so callbacks that return 1 (or anything) on success work
 * there; memory they hand over is always released through free_cbk.
 */
static void test_allocator_status_ignored(void)
{
    static const int statuses[] = {0, 1, -1, ARGON2_MEMORY_ALLOCATION_ERROR};
    uint8_t expected[32], out[32];
    argon2_context ctx;
    size_t i;
    int rc;

    rc = argon2id_hash_raw(1, 64, 2, "password", 8, "somesalt", 8, expected,
                           sizeof(expected));
    TL_CHECK(rc == ARGON2_OK, "reference tag: rc %d", rc);

    for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
        memset(&g_cbk, 0, sizeof(g_cbk));
        g_cbk.status = statuses[i];
        memset(&ctx, 0, sizeof(ctx));
        memset(out, 0, sizeof(out));
        ctx.out = out;
        ctx.outlen = sizeof(out);
        ctx.pwd = (uint8_t *)(uintptr_t)"password";
        ctx.pwdlen = 8;
        ctx.salt = (uint8_t *)(uintptr_t)"somesalt";
        ctx.saltlen = 8;
        ctx.t_cost = 1;
        ctx.m_cost = 64;
        ctx.lanes = 2;
        ctx.threads = 2;
        ctx.version = ARGON2_VERSION_13;
        ctx.allocate_cbk = alloc_with_status;
        ctx.free_cbk = counting_free;
        rc = argon2_ctx(&ctx, Argon2_id);
        TL_CHECK(rc == ARGON2_OK && memcmp(out, expected, sizeof(out)) == 0,
                 "allocator returning %d with memory: rc %d", statuses[i], rc);
        TL_CHECK(g_cbk.allocs == 1 && g_cbk.frees == 1 && g_cbk.wiped == 1,
                 "allocator returning %d: allocs %d frees %d wiped %d",
                 statuses[i], g_cbk.allocs, g_cbk.frees, g_cbk.wiped);
    }
}

/* ---- lengths beyond a 32-bit size_t ---- */

/*
 * Base64 of 3 * 2^30 bytes is 2^32 characters: wrapped in a 32-bit size_t
 * that is 0, which must not pass for "fits".
 */
#define HUGE_FIELD UINT32_C(0xC0000000)

static void test_encoded_length_limits(void)
{
    uint8_t salt[16], tag[32];
    char dst[256];
    argon2_context ctx;
    size_t len;
    int rc;

    len = argon2_encodedlen(1, 64, 1, HUGE_FIELD, 32, Argon2_id);
    TL_CHECK(len > HUGE_FIELD, "encodedlen with a huge salt: %lu",
             (unsigned long)len);
    len = argon2_encodedlen(1, 64, 1, 16, HUGE_FIELD, Argon2_id);
    TL_CHECK(len > HUGE_FIELD, "encodedlen with a huge tag: %lu",
             (unsigned long)len);
    len = argon2_encodedlen(UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX,
                            UINT32_MAX, Argon2_id);
    /* The true length on 64-bit targets, SIZE_MAX on 32-bit ones. */
    TL_CHECK((uint64_t)len >= UINT32_MAX, "encodedlen of the largest fields: %lu",
             (unsigned long)len);

    /* Lengths that claim more than the buffers hold: the encoder must fail
       on the length alone, before reading salt or tag. */
    memset(salt, 's', sizeof(salt));
    memset(tag, 't', sizeof(tag));
    memset(&ctx, 0, sizeof(ctx));
    ctx.salt = salt;
    ctx.saltlen = HUGE_FIELD;
    ctx.out = tag;
    ctx.outlen = sizeof(tag);
    ctx.m_cost = 64;
    ctx.t_cost = 1;
    ctx.lanes = 1;
    ctx.threads = 1;
    ctx.version = ARGON2_VERSION_13;
    rc = argon2ft_encode(dst, sizeof(dst), &ctx, Argon2_id);
    TL_CHECK(rc == ARGON2_ENCODING_FAIL, "encode a huge salt: rc %d", rc);
    ctx.saltlen = sizeof(salt);
    ctx.outlen = HUGE_FIELD;
    rc = argon2ft_encode(dst, sizeof(dst), &ctx, Argon2_id);
    TL_CHECK(rc == ARGON2_ENCODING_FAIL, "encode a huge tag: rc %d", rc);
    ctx.outlen = sizeof(tag);
    rc = argon2ft_encode(dst, sizeof(dst), &ctx, Argon2_id);
    TL_CHECK(rc == ARGON2_OK, "encode the real lengths: rc %d", rc);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_allocator_status_ignored();
    test_encoded_length_limits();
    return tl_finish();
}
