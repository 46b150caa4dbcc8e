/*
 * The compression function G (RFC 9106, sections 3.5-3.6) with AArch64 NEON.
 *
 * A block is 64 registers of two 64-bit words. P works on eight registers
 * at a time (a row: registers 8i..8i+7; a column: registers i, i+8, ...,
 * i+56), each GB step on two independent word pairs at once. NEON is part of
 * the AArch64 baseline, so no target attributes are needed and on other
 * architectures this file compiles to nothing.
 */
#include "kernel.h"

#ifdef ARGON2FT_HAVE_NEON_KERNEL

#include <arm_neon.h>

#if defined(__GNUC__) || defined(__clang__)
#define NEON_INLINE static inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define NEON_INLINE static __forceinline
#else
#define NEON_INLINE static inline
#endif

/* BlaMka: a + b + 2 * lo32(a) * lo32(b) per 64-bit lane, mod 2^64. */
NEON_INLINE uint64x2_t blamka(uint64x2_t a, uint64x2_t b)
{
    uint64x2_t p = vmull_u32(vmovn_u64(a), vmovn_u64(b));
    return vaddq_u64(vaddq_u64(a, b), vaddq_u64(p, p));
}

/* Rotations right, per 64-bit lane. 32 swaps halves, 16 and 24 move whole
 * bytes (one table lookup), 63 is a rotation left by one. */
NEON_INLINE uint64x2_t rotr32(uint64x2_t x)
{
    return vreinterpretq_u64_u32(vrev64q_u32(vreinterpretq_u32_u64(x)));
}

NEON_INLINE uint64x2_t rotr_bytes(uint64x2_t x, uint8x16_t table)
{
    return vreinterpretq_u64_u8(vqtbl1q_u8(vreinterpretq_u8_u64(x), table));
}

NEON_INLINE uint64x2_t rotr63(uint64x2_t x)
{
    return vsriq_n_u64(vaddq_u64(x, x), x, 63);
}

/* Byte i of the result takes byte table[i] of the input: in a little-endian
 * lane, rotating right by k bytes reads byte (i + k) mod 8. */
static const uint8_t rotr16_index[16] = {
    2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9,
};
static const uint8_t rotr24_index[16] = {
    3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10,
};

/* Two GB applications side by side: lane j of (a, b, c, d) is one quadruple. */
NEON_INLINE void gb_pair(uint64x2_t *a, uint64x2_t *b, uint64x2_t *c,
                         uint64x2_t *d, uint8x16_t rot16, uint8x16_t rot24)
{
    *a = blamka(*a, *b);
    *d = rotr32(veorq_u64(*d, *a));
    *c = blamka(*c, *d);
    *b = rotr_bytes(veorq_u64(*b, *c), rot24);
    *a = blamka(*a, *b);
    *d = rotr_bytes(veorq_u64(*d, *a), rot16);
    *c = blamka(*c, *d);
    *b = rotr63(veorq_u64(*b, *c));
}

/*
 * P on the sixteen words held by registers z[base + k * stride], k = 0..7.
 * With words v0..v15 in registers r0 = (v0, v1), ..., r7 = (v14, v15), the
 * column step pairs (v0, v4, v8, v12) with (v1, v5, v9, v13) and
 * (v2, v6, v10, v14) with (v3, v7, v11, v15). The diagonal step needs
 * (v0, v5, v10, v15) | (v1, v6, v11, v12) and (v2, v7, v8, v13) |
 * (v3, v4, v9, v14): b, c and d are rotated across register pairs first and
 * rotated back afterwards.
 */
NEON_INLINE void permute(uint64x2_t *z, unsigned base, unsigned stride,
                         uint8x16_t rot16, uint8x16_t rot24)
{
    uint64x2_t r0 = z[base];
    uint64x2_t r1 = z[base + stride];
    uint64x2_t r2 = z[base + 2 * stride];
    uint64x2_t r3 = z[base + 3 * stride];
    uint64x2_t r4 = z[base + 4 * stride];
    uint64x2_t r5 = z[base + 5 * stride];
    uint64x2_t r6 = z[base + 6 * stride];
    uint64x2_t r7 = z[base + 7 * stride];
    uint64x2_t b0, b1, c0, c1, d0, d1;

    gb_pair(&r0, &r2, &r4, &r6, rot16, rot24);
    gb_pair(&r1, &r3, &r5, &r7, rot16, rot24);

    b0 = vextq_u64(r2, r3, 1); /* (v5, v6) */
    b1 = vextq_u64(r3, r2, 1); /* (v7, v4) */
    c0 = r5;                   /* (v10, v11) */
    c1 = r4;                   /* (v8, v9) */
    d0 = vextq_u64(r7, r6, 1); /* (v15, v12) */
    d1 = vextq_u64(r6, r7, 1); /* (v13, v14) */

    gb_pair(&r0, &b0, &c0, &d0, rot16, rot24);
    gb_pair(&r1, &b1, &c1, &d1, rot16, rot24);

    z[base] = r0;
    z[base + stride] = r1;
    z[base + 2 * stride] = vextq_u64(b1, b0, 1);
    z[base + 3 * stride] = vextq_u64(b0, b1, 1);
    z[base + 4 * stride] = c1;
    z[base + 5 * stride] = c0;
    z[base + 6 * stride] = vextq_u64(d0, d1, 1);
    z[base + 7 * stride] = vextq_u64(d1, d0, 1);
}

#define NEON_REGS_IN_BLOCK (ARGON2_QWORDS_IN_BLOCK / 2)

void argon2ft_fill_neon(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor)
{
    uint64x2_t r[NEON_REGS_IN_BLOCK];
    uint64x2_t z[NEON_REGS_IN_BLOCK];
    const uint8x16_t rot16 = vld1q_u8(rotr16_index);
    const uint8x16_t rot24 = vld1q_u8(rotr24_index);
    unsigned i;

    /* All of prev and ref is read before next is written, so next may be
     * the same block as ref. */
    for (i = 0; i < NEON_REGS_IN_BLOCK; i++) {
        r[i] = veorq_u64(vld1q_u64(&prev->v[2 * i]),
                         vld1q_u64(&ref->v[2 * i]));
        z[i] = r[i];
    }

    for (i = 0; i < 8; i++) {
        permute(z, 8 * i, 1, rot16, rot24); /* row i */
    }
    for (i = 0; i < 8; i++) {
        permute(z, i, 8, rot16, rot24); /* column i */
    }

    if (with_xor) {
        for (i = 0; i < NEON_REGS_IN_BLOCK; i++) {
            uint64x2_t old = vld1q_u64(&next->v[2 * i]);
            vst1q_u64(&next->v[2 * i], veorq_u64(old, veorq_u64(z[i], r[i])));
        }
    } else {
        for (i = 0; i < NEON_REGS_IN_BLOCK; i++) {
            vst1q_u64(&next->v[2 * i], veorq_u64(z[i], r[i]));
        }
    }
}

#endif /* ARGON2FT_HAVE_NEON_KERNEL */
