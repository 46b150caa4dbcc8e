/*
 * The one kernel dispatch point: maps kernel ids to fill functions and
 * decides what ARGON2FT_KERNEL_AUTO means in this process.
 */
#include <string.h>

#include "argon2_ft.h"
#include "kernel.h"

static const char *const kernel_names[ARGON2FT_KERNEL_COUNT] = {
    NULL, "portable", "sse2", "avx2", "avx512", "neon",
};

int argon2ft_kernel_from_name(const char *name)
{
    int k;
    if (name == NULL) {
        return -1;
    }
    for (k = ARGON2FT_KERNEL_PORTABLE; k < ARGON2FT_KERNEL_COUNT; k++) {
        if (strcmp(name, kernel_names[k]) == 0) {
            return k;
        }
    }
    return -1;
}

/* Fill function of a concrete kernel if compiled in and runnable here. */
static argon2_fill_fn concrete_fill(int kernel)
{
    switch (kernel) {
    case ARGON2FT_KERNEL_PORTABLE:
        return argon2ft_fill_portable;
    default:
        return NULL;
    }
}

int argon2ft_kernel_supported(int kernel)
{
    return concrete_fill(kernel) != NULL;
}

int argon2ft_kernel_auto(void)
{
    return ARGON2FT_KERNEL_PORTABLE;
}

const char *argon2ft_kernel_name(int kernel)
{
    if (kernel == ARGON2FT_KERNEL_AUTO) {
        kernel = argon2ft_kernel_auto();
    }
    if (kernel < 0 || kernel >= ARGON2FT_KERNEL_COUNT) {
        return NULL;
    }
    return kernel_names[kernel];
}

argon2_fill_fn argon2ft_kernel_fill(int kernel)
{
    if (kernel == ARGON2FT_KERNEL_AUTO) {
        kernel = argon2ft_kernel_auto();
    }
    return concrete_fill(kernel);
}
