/*
 * The memory block and the fill-kernel interface: the one seam between the
 * kernel-agnostic core and the ISA-specific compression functions, which
 * the fill_<isa>.c files define (dispatch.h picks one).
 */
#ifndef ARGON2_FT_KERNEL_H
#define ARGON2_FT_KERNEL_H

#include <stddef.h> /* NULL: no hook */
#include <stdint.h>

#define ARGON2_BLOCK_SIZE 1024
#define ARGON2_QWORDS_IN_BLOCK (ARGON2_BLOCK_SIZE / 8)

typedef struct argon2_block {
    uint64_t v[ARGON2_QWORDS_IN_BLOCK];
} argon2_block;

/*
 * Told the first word of the block being filled as soon as a kernel has
 * it, before the rest of the block is done. Under data-dependent
 * addressing the next block's reference follows from that word alone, so
 * its memory round trip can overlap the rest of this block's work.
 */
typedef struct argon2_word0_hook argon2_word0_hook;
struct argon2_word0_hook {
    void (*seen)(argon2_word0_hook *self, uint64_t word0);
};

/*
 * The compression function G of RFC 9106, section 3.5:
 *   with_xor == 0: next  = G(prev, ref)
 *   with_xor != 0: next ^= G(prev, ref)   (version 0x13, passes after the first)
 * next may be the same block as ref (address generation does that); it is
 * never the same as prev. Blocks need not be aligned: kernels use unaligned
 * loads so user-supplied allocators keep working. A non-NULL hook is called
 * exactly once, with the final value of next->v[0]; callers pass none when
 * next is ref.
 */
typedef void (*argon2_fill_fn)(argon2_block *next, const argon2_block *prev,
                               const argon2_block *ref, int with_xor,
                               argon2_word0_hook *hook);

void argon2ft_fill_portable(argon2_block *next, const argon2_block *prev,
                            const argon2_block *ref, int with_xor,
                            argon2_word0_hook *hook);

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
#define ARGON2FT_HAVE_X86_KERNELS 1
void argon2ft_fill_sse2(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor,
                        argon2_word0_hook *hook);
void argon2ft_fill_avx2(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor,
                        argon2_word0_hook *hook);
void argon2ft_fill_avx512(argon2_block *next, const argon2_block *prev,
                          const argon2_block *ref, int with_xor,
                          argon2_word0_hook *hook);
#endif

#if defined(__aarch64__) || defined(_M_ARM64)
#define ARGON2FT_HAVE_NEON_KERNEL 1
void argon2ft_fill_neon(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor,
                        argon2_word0_hook *hook);
#endif

#endif /* ARGON2_FT_KERNEL_H */
