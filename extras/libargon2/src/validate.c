/*
 * Context validation with the reference's checks, order and error codes.
 * Shared by the bundled library and the system-library build, so both
 * report the same error for the same context.
 */
#include "sizes.h"
#include "validate.h"

int argon2ft_validate(const argon2_context *ctx)
{
    /*
     * Lower bounds of zero and upper bounds of 0xFFFFFFFF on uint32_t fields
     * can never fail; those checks are left out (they would only trigger
     * compiler warnings) without changing any result.
     */
    if (ctx == NULL) {
        return ARGON2_INCORRECT_PARAMETER;
    }
    if (ctx->out == NULL) {
        return ARGON2_OUTPUT_PTR_NULL;
    }
    if (ctx->outlen < ARGON2_MIN_OUTLEN) {
        return ARGON2_OUTPUT_TOO_SHORT;
    }
    if (ctx->pwd == NULL && ctx->pwdlen != 0) {
        return ARGON2_PWD_PTR_MISMATCH;
    }
    if (ctx->salt == NULL && ctx->saltlen != 0) {
        return ARGON2_SALT_PTR_MISMATCH;
    }
    /* The salt is required: a NULL one with length 0 is too short too. */
    if (ctx->saltlen < ARGON2_MIN_SALT_LENGTH) {
        return ARGON2_SALT_TOO_SHORT;
    }
    if (ctx->secret == NULL && ctx->secretlen != 0) {
        return ARGON2_SECRET_PTR_MISMATCH;
    }
    if (ctx->ad == NULL && ctx->adlen != 0) {
        return ARGON2_AD_PTR_MISMATCH;
    }
    if (ctx->m_cost < ARGON2_MIN_MEMORY) {
        return ARGON2_MEMORY_TOO_LITTLE;
    }
    if (argon2ft_above(ctx->m_cost, ARGON2_MAX_MEMORY)) {
        return ARGON2_MEMORY_TOO_MUCH;
    }
    /* 32-bit wrap-around on purpose: the reference computes 8 * lanes so. */
    if (ctx->m_cost < (uint32_t)(UINT32_C(8) * ctx->lanes)) {
        return ARGON2_MEMORY_TOO_LITTLE;
    }
    if (ctx->t_cost < ARGON2_MIN_TIME) {
        return ARGON2_TIME_TOO_SMALL;
    }
    if (ctx->lanes < ARGON2_MIN_LANES) {
        return ARGON2_LANES_TOO_FEW;
    }
    if (ctx->lanes > ARGON2_MAX_LANES) {
        return ARGON2_LANES_TOO_MANY;
    }
    if (ctx->threads < ARGON2_MIN_THREADS) {
        return ARGON2_THREADS_TOO_FEW;
    }
    if (ctx->threads > ARGON2_MAX_THREADS) {
        return ARGON2_THREADS_TOO_MANY;
    }
    if (ctx->allocate_cbk != NULL && ctx->free_cbk == NULL) {
        return ARGON2_FREE_MEMORY_CBK_NULL;
    }
    if (ctx->allocate_cbk == NULL && ctx->free_cbk != NULL) {
        return ARGON2_ALLOCATE_MEMORY_CBK_NULL;
    }
    return ARGON2_OK;
}
