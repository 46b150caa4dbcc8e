/*
 * The Argon2 algorithm (RFC 9106, section 3): pre-hash H0, first blocks,
 * finalisation and the end-to-end driver (core.c).
 */
#ifndef ARGON2_FT_CORE_H
#define ARGON2_FT_CORE_H

#include "argon2.h"
#include "instance.h"

/* argon2ft_ctx with optional trace observers (trace may be NULL). */
int argon2ft_ctx_traced(argon2_context *ctx, argon2_type type, int kernel,
                        const argon2ft_trace *trace);

#endif /* ARGON2_FT_CORE_H */
