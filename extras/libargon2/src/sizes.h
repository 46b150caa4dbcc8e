/*
 * Size checks shared across the library: whether a length fits a 32-bit
 * field, and comparisons against limits that a value's type may never reach
 * on some targets. Both are written so that such always-true or always-false
 * tests raise no compiler warning.
 */
#ifndef ARGON2_FT_SIZES_H
#define ARGON2_FT_SIZES_H

#include <stddef.h>
#include <stdint.h>

/* Whether the size n fits in 32 bits; always so for a 32-bit size_t. */
#if SIZE_MAX > UINT32_MAX
#define ARGON2FT_FITS_U32(n) ((uint64_t)(n) <= UINT64_C(0xFFFFFFFF))
#else
#define ARGON2FT_FITS_U32(n) 1
#endif

/* value > limit, compared in 64 bits inside a function so that a limit the
   value's type cannot exceed on this target raises no range warning. */
static inline int argon2ft_above(uint64_t value, uint64_t limit)
{
    return value > limit;
}

#endif /* ARGON2_FT_SIZES_H */
