/*
 * The memory block and the fill-kernel interface: the one seam between the
 * kernel-agnostic core and the ISA-specific compression functions, which
 * the fill_<isa>.c files define (dispatch.h picks one).
 */
#ifndef ARGON2_FT_KERNEL_H
#define ARGON2_FT_KERNEL_H

#include <stdint.h>

#define ARGON2_BLOCK_SIZE 1024
#define ARGON2_QWORDS_IN_BLOCK (ARGON2_BLOCK_SIZE / 8)

typedef struct argon2_block {
    uint64_t v[ARGON2_QWORDS_IN_BLOCK];
} argon2_block;

/*
 * The compression function G of RFC 9106, section 3.5:
 *   with_xor == 0: next  = G(prev, ref)
 *   with_xor != 0: next ^= G(prev, ref)   (version 0x13, passes after the first)
 * next may be the same block as ref (address generation does that); it is
 * never the same as prev. Blocks need not be aligned: kernels use unaligned
 * loads so user-supplied allocators keep working.
 */
typedef void (*argon2_fill_fn)(argon2_block *next, const argon2_block *prev,
                               const argon2_block *ref, int with_xor);

void argon2ft_fill_portable(argon2_block *next, const argon2_block *prev,
                            const argon2_block *ref, int with_xor);

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
#define ARGON2FT_HAVE_X86_KERNELS 1
void argon2ft_fill_sse2(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor);
void argon2ft_fill_avx2(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor);
void argon2ft_fill_avx512(argon2_block *next, const argon2_block *prev,
                          const argon2_block *ref, int with_xor);
#endif

#if defined(__aarch64__) || defined(_M_ARM64)
#define ARGON2FT_HAVE_NEON_KERNEL 1
void argon2ft_fill_neon(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor);
#endif

#endif /* ARGON2_FT_KERNEL_H */
