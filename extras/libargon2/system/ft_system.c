/*
 * argon2-ft extensions over a system libargon2 (ARGON2_FT_USE_SYSTEM=1).
 *
 * Built with encoding.c, hash_verify.c, memory.c, pool.c, validate.c and
 * wipe.c instead of the bundled core: the strict decoder, context
 * validation, secret/ad handling, verification and the memory budget stay
 * ours, the computation is the system library's
 * argon2_ctx. There is a single kernel,
 * "system", which is whatever the system library runs. It lives outside
 * src/ because it replaces parts of the bundled library rather than joining it.
 */
#include <string.h>

#include "argon2_ft.h"
#include "pool.h"
#include "thread_probe.h"
#include "validate.h"

#define SYSTEM_KERNEL ARGON2FT_KERNEL_PORTABLE

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

/*
 * The system library allocates its own matrix, so here the pool only admits:
 * the memory budget and its waiting hold, reuse of parked matrices does not.
 * Memory from the caller's own callbacks is outside the budget, as in the
 * bundled build.
 */
int argon2ft_ctx(argon2_context *context, argon2_type type, int kernel)
{
    argon2ft_matrix reservation;
    uint64_t charge;
    uint32_t threads;
    int rc;

    if (kernel != ARGON2FT_KERNEL_AUTO && kernel != SYSTEM_KERNEL) {
        return ARGON2FT_KERNEL_UNSUPPORTED;
    }
    if (context == NULL || context->allocate_cbk != NULL ||
        argon2ft_validate(context) != ARGON2_OK) {
        return argon2_ctx(context, type); /* it reports the error itself */
    }
    charge = argon2ft_memory_charge(context->m_cost, context->lanes);
    rc = argon2ft_pool_reserve(&reservation, (size_t)charge);
    if (rc != ARGON2_OK) {
        return rc;
    }
    /* The system library runs min(threads, lanes) lane threads at once and
       cannot fail cleanly when one does not start (thread_probe.c). It starts
       new ones each slice, while the last slice's may still hold their slots
       (the kernel frees them a moment after the join), so twice as many must
       be free. The tag does not depend on the thread count: without them one
       thread computes every lane, as the bundled library does. */
    threads = context->threads;
    if (threads > 1) {
        uint32_t at_once = threads < context->lanes ? threads : context->lanes;
        if (!argon2ft_threads_available(2 * at_once)) {
            context->threads = 1;
        }
    }
    rc = argon2_ctx(context, type);
    context->threads = threads;
    argon2ft_pool_release(&reservation);
    return rc;
}

