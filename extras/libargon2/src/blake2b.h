/*
 * BLAKE2b (RFC 7693), unkeyed, and the variable-length hash H' of
 * RFC 9106 section 3.3.
 */
#ifndef ARGON2_FT_BLAKE2B_H
#define ARGON2_FT_BLAKE2B_H

#include <stddef.h>
#include <stdint.h>

#define ARGON2FT_BLAKE2B_OUTBYTES 64
#define ARGON2FT_BLAKE2B_BLOCKBYTES 128

typedef struct argon2ft_blake2b {
    uint64_t h[8];
    uint64_t t[2];
    uint8_t buf[ARGON2FT_BLAKE2B_BLOCKBYTES];
    size_t buflen;
    size_t outlen;
} argon2ft_blake2b_state;

/* outlen in 1..64; returns 0, or -1 for a bad length. */
int argon2ft_blake2b_init(argon2ft_blake2b_state *s, size_t outlen);
void argon2ft_blake2b_update(argon2ft_blake2b_state *s, const void *in, size_t inlen);
/* Writes s->outlen bytes and wipes the state. */
void argon2ft_blake2b_final(argon2ft_blake2b_state *s, uint8_t *out);

/* H'(outlen, in): any outlen >= 1 that fits in 32 bits. Returns 0 or -1. */
int argon2ft_hprime(uint8_t *out, size_t outlen, const void *in, size_t inlen);

#endif /* ARGON2_FT_BLAKE2B_H */
