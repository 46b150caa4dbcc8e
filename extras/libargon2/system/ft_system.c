/*
 * argon2-ft extensions over a system libargon2 (ARGON2_FT_USE_SYSTEM=1).
 *
 * Built with encoding.c, ft_api.c and wipe.c instead of the bundled core: the
 * strict decoder, secret/ad handling and verification stay ours, the
 * computation is the system library's argon2_ctx. There is a single kernel,
 * "system", which is whatever the system library runs. It lives outside
 * src/ because it replaces parts of the bundled library rather than joining it.
 */
#include <string.h>

#include "argon2_ft.h"
#include "core.h"

#define SYSTEM_KERNEL ARGON2FT_KERNEL_PORTABLE

/* A function, so that "always false" bounds on 64-bit raise no warning. */
static int above(uint64_t value, uint64_t limit)
{
    return value > limit;
}

const char *argon2ft_kernel_name(int kernel)
{
    return (kernel == ARGON2FT_KERNEL_AUTO || kernel == SYSTEM_KERNEL)
               ? "system"
               : NULL;
}

int argon2ft_kernel_from_name(const char *name)
{
    return (name != NULL && strcmp(name, "system") == 0) ? SYSTEM_KERNEL : -1;
}

int argon2ft_kernel_supported(int kernel)
{
    return kernel == SYSTEM_KERNEL;
}

int argon2ft_kernel_auto(void)
{
    return SYSTEM_KERNEL;
}

int argon2ft_ctx(argon2_context *context, argon2_type type, int kernel)
{
    if (kernel != ARGON2FT_KERNEL_AUTO && kernel != SYSTEM_KERNEL) {
        return ARGON2FT_KERNEL_UNSUPPORTED;
    }
    return argon2_ctx(context, type);
}

/* The reference's context checks, in its order (used by the encoder). */
int argon2ft_validate(const argon2_context *ctx)
{
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
    if (above(ctx->m_cost, ARGON2_MAX_MEMORY)) {
        return ARGON2_MEMORY_TOO_MUCH;
    }
    /* 32-bit wrap-around as in the reference, which computes 8 * lanes so. */
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
