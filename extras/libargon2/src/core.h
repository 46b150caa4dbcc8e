/*
 * The Argon2 algorithm (RFC 9106, section 3): pre-hash H0, first blocks,
 * finalisation and the end-to-end driver (core.c).
 */
#ifndef ARGON2_FT_CORE_H
#define ARGON2_FT_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "argon2.h"
#include "instance.h"

/* H0 followed by two little-endian 32-bit words (block index, lane). */
#define ARGON2FT_SEED_BYTES (ARGON2FT_PREHASH_BYTES + 8)

/* The reference's context validation: same checks, same order, same codes. */
int argon2ft_validate(const argon2_context *ctx);

/* argon2ft_ctx with optional trace observers (trace may be NULL). */
int argon2ft_ctx_traced(argon2_context *ctx, argon2_type type, int kernel,
                        const argon2ft_trace *trace);

/*
 * Shared by argon2_hash and argon2ft_hash: computes the tag with the given
 * inputs into hash (if not NULL) and the encoded string into encoded (if not
 * NULL and encodedlen > 0), with the reference's validation order.
 */
int argon2ft_hash_internal(uint32_t t_cost, uint32_t m_cost,
                           uint32_t parallelism, uint32_t threads,
                           const void *pwd, size_t pwdlen, const void *salt,
                           size_t saltlen, const void *secret, size_t secretlen,
                           const void *ad, size_t adlen, void *hash,
                           size_t hashlen, char *encoded, size_t encodedlen,
                           argon2_type type, uint32_t version, int kernel);

#endif /* ARGON2_FT_CORE_H */
