/*
 * Context validation (validate.c).
 */
#ifndef ARGON2_FT_VALIDATE_H
#define ARGON2_FT_VALIDATE_H

#include "argon2.h"

/* The reference's context validation: same checks, same order, same codes. */
int argon2ft_validate(const argon2_context *ctx);

#endif /* ARGON2_FT_VALIDATE_H */
