/*
 * The PHC string format of Argon2 hashes:
 *   $argon2<d|i|id>$v=<version>$m=<m>,t=<t>,p=<p>$<salt b64>$<tag b64>
 */
#ifndef ARGON2_FT_ENCODING_H
#define ARGON2_FT_ENCODING_H

#include <stddef.h>
#include <stdint.h>

#include "argon2.h"

/* Characters of unpadded base64 for n bytes (more than a 32-bit size_t holds
   for n above 3 * 2^30). */
uint64_t argon2ft_b64_len(uint32_t n);

/* Decimal digits of n. */
size_t argon2ft_dec_len(uint32_t n);

/*
 * Writes the encoded form of ctx (its out/outlen is the tag) with its NUL
 * into dst. Returns ARGON2_OK, ARGON2_ENCODING_FAIL (unknown type, dst too
 * small) or the validation error of ctx.
 */
int argon2ft_encode(char *dst, size_t dstlen, const argon2_context *ctx,
                    argon2_type type);

/*
 * Decodes encoded[0 .. len) into ctx: version, m_cost, t_cost, lanes,
 * threads (= lanes), salt/saltlen and out/outlen. On entry ctx->salt and
 * ctx->out point to buffers of ctx->saltlen and ctx->outlen bytes; pwd,
 * secret, ad and callbacks are the caller's and take part in the validation
 * that follows parsing, exactly as in the reference. expected is the type
 * the string must have, or -1 to accept any (then *found receives it).
 */
int argon2ft_decode_ctx(argon2_context *ctx, int expected, argon2_type *found,
                        const char *encoded, size_t len);

#endif /* ARGON2_FT_ENCODING_H */
