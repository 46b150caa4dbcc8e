/*
 * Hashing and verification with a secret, associated data, a thread cap and
 * a kernel (hash_verify.c); argon2_ft.h declares its public entry points.
 */
#ifndef ARGON2_FT_HASH_VERIFY_H
#define ARGON2_FT_HASH_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "argon2.h"

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

#endif /* ARGON2_FT_HASH_VERIFY_H */
