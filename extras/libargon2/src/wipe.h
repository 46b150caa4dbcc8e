/*
 * Secure zeroing and constant-time comparison of secret data.
 */
#ifndef ARGON2_FT_WIPE_H
#define ARGON2_FT_WIPE_H

#include <stddef.h>
#include <stdint.h>

/* Zeroes n bytes in a way the compiler may not remove as a dead store. */
void argon2ft_wipe(void *p, size_t n);

/* 1 when the n bytes at a and b are equal, else 0; time independent of content. */
int argon2ft_ct_equal(const uint8_t *a, const uint8_t *b, size_t n);

#endif /* ARGON2_FT_WIPE_H */
