/*
 * The one kernel dispatch point (dispatch.c); argon2_ft.h declares its
 * public kernel queries.
 */
#ifndef ARGON2_FT_DISPATCH_H
#define ARGON2_FT_DISPATCH_H

#include "kernel.h"

/*
 * The fill function for a kernel id (ARGON2FT_KERNEL_AUTO allowed), or NULL
 * when it cannot run here.
 */
argon2_fill_fn argon2ft_kernel_fill(int kernel);

#endif /* ARGON2_FT_DISPATCH_H */
