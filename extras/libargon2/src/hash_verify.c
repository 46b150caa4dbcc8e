/*
 * argon2ft_hash / argon2ft_verify: hashing with a secret key, associated
 * data, a thread cap and a kernel, and verification through the strict
 * decoder. argon2_hash and argon2_verify are thin wrappers over these.
 */
#include <stdlib.h>
#include <string.h>

#include "argon2_ft.h"
#include "encoding.h"
#include "hash_verify.h"
#include "sizes.h"
#include "validate.h"
#include "wipe.h"

/* 0 means one thread per lane. A cap above the lane count is passed on: the
   spare threads may fault a large matrix in ahead (lanes.c). */
static uint32_t thread_count(uint32_t max_threads, uint32_t lanes)
{
    return max_threads == 0 ? lanes : max_threads;
}

/* A context with the caller's output buffer and inputs; every length has
   been checked to fit 32 bits. Costs, lanes and version are left zero. */
static void context_init(argon2_context *ctx, uint8_t *out, size_t outlen,
                         const void *pwd, size_t pwdlen, uint8_t *salt,
                         size_t saltlen, const void *secret, size_t secretlen,
                         const void *ad, size_t adlen)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->out = out;
    ctx->outlen = (uint32_t)outlen;
    ctx->pwd = (uint8_t *)(uintptr_t)pwd;
    ctx->pwdlen = (uint32_t)pwdlen;
    ctx->salt = salt;
    ctx->saltlen = (uint32_t)saltlen;
    ctx->secret = (uint8_t *)(uintptr_t)secret;
    ctx->secretlen = (uint32_t)secretlen;
    ctx->ad = (uint8_t *)(uintptr_t)ad;
    ctx->adlen = (uint32_t)adlen;
    ctx->flags = ARGON2_DEFAULT_FLAGS;
}

int argon2ft_hash_internal(uint32_t t_cost, uint32_t m_cost,
                           uint32_t parallelism, uint32_t threads,
                           const void *pwd, size_t pwdlen, const void *salt,
                           size_t saltlen, const void *secret, size_t secretlen,
                           const void *ad, size_t adlen, void *hash,
                           size_t hashlen, char *encoded, size_t encodedlen,
                           argon2_type type, uint32_t version, int kernel)
{
    argon2_context ctx;
    uint8_t placeholder = 0;
    uint8_t *out;
    int rc;

    /* Lengths the 32-bit context fields cannot carry, in the reference's order. */
    if (!ARGON2FT_FITS_U32(pwdlen)) {
        return ARGON2_PWD_TOO_LONG;
    }
    if (!ARGON2FT_FITS_U32(saltlen)) {
        return ARGON2_SALT_TOO_LONG;
    }
    if (!ARGON2FT_FITS_U32(secretlen)) {
        return ARGON2_SECRET_TOO_LONG;
    }
    if (!ARGON2FT_FITS_U32(adlen)) {
        return ARGON2_AD_TOO_LONG;
    }
    if (!ARGON2FT_FITS_U32(hashlen)) {
        return ARGON2_OUTPUT_TOO_LONG;
    }
    if (hashlen < ARGON2_MIN_OUTLEN) {
        return ARGON2_OUTPUT_TOO_SHORT;
    }

    /* The tag buffer is a placeholder until validation has passed. */
    context_init(&ctx, &placeholder, hashlen, pwd, pwdlen,
                 (uint8_t *)(uintptr_t)salt, saltlen, secret, secretlen, ad,
                 adlen);
    ctx.t_cost = t_cost;
    ctx.m_cost = m_cost;
    ctx.lanes = parallelism;
    ctx.threads = threads;
    ctx.version = version;

    /* Validate before allocating a tag buffer of the caller's size. */
    rc = argon2ft_validate(&ctx);
    if (rc != ARGON2_OK) {
        return rc;
    }
    out = (uint8_t *)malloc(hashlen);
    if (out == NULL) {
        return ARGON2_MEMORY_ALLOCATION_ERROR;
    }
    ctx.out = out;

    rc = argon2ft_ctx(&ctx, type, kernel);
    if (rc != ARGON2_OK) {
        argon2ft_wipe(out, hashlen);
        free(out);
        return rc;
    }
    if (hash != NULL) {
        memcpy(hash, out, hashlen);
    }
    if (encoded != NULL && encodedlen > 0) {
        if (argon2ft_encode(encoded, encodedlen, &ctx, type) != ARGON2_OK) {
            argon2ft_wipe(out, hashlen);
            argon2ft_wipe(encoded, encodedlen);
            free(out);
            return ARGON2_ENCODING_FAIL;
        }
    }
    argon2ft_wipe(out, hashlen);
    free(out);
    return ARGON2_OK;
}

int argon2ft_hash(uint32_t t_cost, uint32_t m_cost, uint32_t parallelism,
                  uint32_t max_threads, const void *pwd, size_t pwdlen,
                  const void *salt, size_t saltlen, const void *secret,
                  size_t secretlen, const void *ad, size_t adlen, void *hash,
                  size_t hashlen, char *encoded, size_t encodedlen,
                  argon2_type type, uint32_t version, int kernel)
{
    if (hash == NULL && encoded == NULL) {
        return ARGON2_OUTPUT_PTR_NULL;
    }
    if (encoded != NULL && encodedlen == 0) {
        return ARGON2_ENCODING_FAIL; /* no room for even the NUL */
    }
    return argon2ft_hash_internal(t_cost, m_cost, parallelism,
                                  thread_count(max_threads, parallelism), pwd,
                                  pwdlen, salt, saltlen, secret, secretlen, ad,
                                  adlen, hash, hashlen, encoded, encodedlen,
                                  type, version, kernel);
}

int argon2ft_verify(const char *encoded, size_t encodedlen, argon2_type type,
                    const void *pwd, size_t pwdlen, const void *secret,
                    size_t secretlen, const void *ad, size_t adlen,
                    uint32_t max_threads, int kernel)
{
    argon2_context ctx;
    uint8_t *salt = NULL;
    uint8_t *expected = NULL;
    uint8_t *computed = NULL;
    size_t cap;
    int rc;

    if (!ARGON2FT_FITS_U32(pwdlen)) {
        return ARGON2_PWD_TOO_LONG;
    }
    if (!ARGON2FT_FITS_U32(secretlen)) {
        return ARGON2_SECRET_TOO_LONG;
    }
    if (!ARGON2FT_FITS_U32(adlen)) {
        return ARGON2_AD_TOO_LONG;
    }
    if (encoded == NULL || !ARGON2FT_FITS_U32(encodedlen)) {
        return ARGON2_DECODING_FAIL;
    }

    /* No decoded field can be longer than the string: buffers of its length
       (plus one, so that an empty string still gets real pointers). */
    cap = encodedlen;
    salt = (uint8_t *)malloc(cap + 1);
    expected = (uint8_t *)malloc(cap + 1);
    if (salt == NULL || expected == NULL) {
        rc = ARGON2_MEMORY_ALLOCATION_ERROR;
        goto done;
    }

    /* Costs, lanes, version, salt and tag come from the decoder. */
    context_init(&ctx, expected, cap, pwd, pwdlen, salt, cap, secret,
                 secretlen, ad, adlen);

    rc = argon2ft_decode_ctx(&ctx, (int)type, NULL, encoded, encodedlen);
    if (rc != ARGON2_OK) {
        goto done;
    }
    ctx.threads = thread_count(max_threads, ctx.lanes);

    computed = (uint8_t *)malloc(ctx.outlen);
    if (computed == NULL) {
        rc = ARGON2_MEMORY_ALLOCATION_ERROR;
        goto done;
    }
    ctx.out = computed;
    rc = argon2ft_ctx(&ctx, type, kernel);
    if (rc == ARGON2_OK &&
        !argon2ft_ct_equal(expected, computed, ctx.outlen)) {
        rc = ARGON2_VERIFY_MISMATCH;
    }

done:
    if (computed != NULL) {
        argon2ft_wipe(computed, ctx.outlen);
        free(computed);
    }
    if (expected != NULL) {
        argon2ft_wipe(expected, cap + 1);
        free(expected);
    }
    free(salt);
    return rc;
}
