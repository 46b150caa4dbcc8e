/*
 * The one kernel dispatch point (dispatch.c); argon2_ft.h declares its
 * public kernel queries.
 */
#ifndef ARGON2_FT_DISPATCH_H
#define ARGON2_FT_DISPATCH_H

#include <stddef.h>

#include "argon2_ft.h"
#include "kernel.h"

/* A concrete kernel: its id, its name and its fill function. */
typedef struct argon2ft_kernel_entry {
    int id;              /* ARGON2FT_KERNEL_*, never AUTO */
    const char *name;    /* what argon2ft_kernel_name returns for id */
    argon2_fill_fn fill; /* NULL when not compiled into this build */
} argon2ft_kernel_entry;

/*
 * Every concrete kernel once, fastest first: ARGON2FT_KERNEL_AUTO is the
 * first one this machine runs, so portable, which runs everywhere, is last.
 * The only list of kernels; the tests walk it too.
 */
#define ARGON2FT_KERNEL_TABLE_LEN (ARGON2FT_KERNEL_COUNT - 1)
extern const argon2ft_kernel_entry argon2ft_kernel_table[];

/*
 * The fill function for a kernel id (ARGON2FT_KERNEL_AUTO allowed), or NULL
 * when it cannot run here.
 */
argon2_fill_fn argon2ft_kernel_fill(int kernel);

#endif /* ARGON2_FT_DISPATCH_H */
