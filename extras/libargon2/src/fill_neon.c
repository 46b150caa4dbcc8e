/*
 * The compression function G (RFC 9106, sections 3.5-3.6) with AArch64 NEON.
 *
 * A block is 64 registers of two 64-bit words. P works on eight registers
 * (a row: registers 8i..8i+7; a column: registers i, i+8, ..., i+56); two
 * rows or two columns are processed together so that four independent GB
 * dependency chains can overlap. NEON is part of
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

/*
 * BlaMka, a + b + 2 * lo32(a) * lo32(b) mod 2^64 per 64-bit lane, for two
 * independent pairs at once: x0 = f(x0, y0), x1 = f(x1, y1). One unzip
 * gathers the low halves of both x (and of both y) into one register; the
 * product is accumulated twice rather than doubled, which keeps the adds in
 * the multiply-accumulate pipeline.
 */
NEON_INLINE void blamka_pair(uint64x2_t *x0, uint64x2_t y0, uint64x2_t *x1,
                             uint64x2_t y1)
{
    uint32x4_t xl = vuzp1q_u32(vreinterpretq_u32_u64(*x0),
                               vreinterpretq_u32_u64(*x1));
    uint32x4_t yl = vuzp1q_u32(vreinterpretq_u32_u64(y0),
                               vreinterpretq_u32_u64(y1));
    uint64x2_t s0 = vaddq_u64(*x0, y0);
    uint64x2_t s1 = vaddq_u64(*x1, y1);
    s0 = vmlal_u32(s0, vget_low_u32(xl), vget_low_u32(yl));
    s1 = vmlal_high_u32(s1, xl, yl);
    *x0 = vmlal_u32(s0, vget_low_u32(xl), vget_low_u32(yl));
    *x1 = vmlal_high_u32(s1, xl, yl);
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

/* The four inputs of GB, two quadruples side by side (lane 0 and lane 1). */
typedef struct gb_regs {
    uint64x2_t a, b, c, d;
} gb_regs;

/*
 * GB on four independent gb_regs (eight quadruples). Interleaving four
 * dependency chains hides the latency of the multiplies and rotations.
 */
NEON_INLINE void gb_four(gb_regs *p, gb_regs *q, gb_regs *u, gb_regs *v,
                         uint8x16_t rot16, uint8x16_t rot24)
{
    blamka_pair(&p->a, p->b, &q->a, q->b);
    blamka_pair(&u->a, u->b, &v->a, v->b);
    p->d = rotr32(veorq_u64(p->d, p->a));
    q->d = rotr32(veorq_u64(q->d, q->a));
    u->d = rotr32(veorq_u64(u->d, u->a));
    v->d = rotr32(veorq_u64(v->d, v->a));

    blamka_pair(&p->c, p->d, &q->c, q->d);
    blamka_pair(&u->c, u->d, &v->c, v->d);
    p->b = rotr_bytes(veorq_u64(p->b, p->c), rot24);
    q->b = rotr_bytes(veorq_u64(q->b, q->c), rot24);
    u->b = rotr_bytes(veorq_u64(u->b, u->c), rot24);
    v->b = rotr_bytes(veorq_u64(v->b, v->c), rot24);

    blamka_pair(&p->a, p->b, &q->a, q->b);
    blamka_pair(&u->a, u->b, &v->a, v->b);
    p->d = rotr_bytes(veorq_u64(p->d, p->a), rot16);
    q->d = rotr_bytes(veorq_u64(q->d, q->a), rot16);
    u->d = rotr_bytes(veorq_u64(u->d, u->a), rot16);
    v->d = rotr_bytes(veorq_u64(v->d, v->a), rot16);

    blamka_pair(&p->c, p->d, &q->c, q->d);
    blamka_pair(&u->c, u->d, &v->c, v->d);
    p->b = rotr63(veorq_u64(p->b, p->c));
    q->b = rotr63(veorq_u64(q->b, q->c));
    u->b = rotr63(veorq_u64(u->b, u->c));
    v->b = rotr63(veorq_u64(v->b, v->c));
}

/*
 * The sixteen words of one P input live in eight registers r0 = (v0, v1),
 * ..., r7 = (v14, v15). The column step pairs (v0, v4, v8, v12) with
 * (v1, v5, v9, v13) in even = {r0, r2, r4, r6}, and (v2, v6, v10, v14) with
 * (v3, v7, v11, v15) in odd = {r1, r3, r5, r7}. The diagonal step needs
 * (v0, v5, v10, v15) | (v1, v6, v11, v12) and (v2, v7, v8, v13) |
 * (v3, v4, v9, v14): b, c and d move across the two register sets.
 */
NEON_INLINE void diagonalize(gb_regs *even, gb_regs *odd)
{
    gb_regs e = *even, o = *odd;
    even->b = vextq_u64(e.b, o.b, 1); /* (v5, v6) */
    odd->b = vextq_u64(o.b, e.b, 1);  /* (v7, v4) */
    even->c = o.c;                    /* (v10, v11) */
    odd->c = e.c;                     /* (v8, v9) */
    even->d = vextq_u64(o.d, e.d, 1); /* (v15, v12) */
    odd->d = vextq_u64(e.d, o.d, 1);  /* (v13, v14) */
}

NEON_INLINE void undiagonalize(gb_regs *even, gb_regs *odd)
{
    gb_regs e = *even, o = *odd;
    even->b = vextq_u64(o.b, e.b, 1); /* (v4, v5) */
    odd->b = vextq_u64(e.b, o.b, 1);  /* (v6, v7) */
    even->c = o.c;                    /* (v8, v9) */
    odd->c = e.c;                     /* (v10, v11) */
    even->d = vextq_u64(e.d, o.d, 1); /* (v12, v13) */
    odd->d = vextq_u64(o.d, e.d, 1);  /* (v14, v15) */
}

NEON_INLINE void load_regs(gb_regs *even, gb_regs *odd, const uint64x2_t *z,
                           unsigned base, unsigned stride)
{
    even->a = z[base];
    odd->a = z[base + stride];
    even->b = z[base + 2 * stride];
    odd->b = z[base + 3 * stride];
    even->c = z[base + 4 * stride];
    odd->c = z[base + 5 * stride];
    even->d = z[base + 6 * stride];
    odd->d = z[base + 7 * stride];
}

NEON_INLINE void store_regs(uint64x2_t *z, unsigned base, unsigned stride,
                            const gb_regs *even, const gb_regs *odd)
{
    z[base] = even->a;
    z[base + stride] = odd->a;
    z[base + 2 * stride] = even->b;
    z[base + 3 * stride] = odd->b;
    z[base + 4 * stride] = even->c;
    z[base + 5 * stride] = odd->c;
    z[base + 6 * stride] = even->d;
    z[base + 7 * stride] = odd->d;
}

/*
 * P on two independent inputs at once, the eight registers
 * z[base0 + k * stride] and the eight z[base1 + k * stride], k = 0..7.
 */
NEON_INLINE void permute_two(uint64x2_t *z, unsigned base0, unsigned base1,
                             unsigned stride, uint8x16_t rot16,
                             uint8x16_t rot24)
{
    gb_regs e0, o0, e1, o1;

    load_regs(&e0, &o0, z, base0, stride);
    load_regs(&e1, &o1, z, base1, stride);

    gb_four(&e0, &o0, &e1, &o1, rot16, rot24);
    diagonalize(&e0, &o0);
    diagonalize(&e1, &o1);
    gb_four(&e0, &o0, &e1, &o1, rot16, rot24);
    undiagonalize(&e0, &o0);
    undiagonalize(&e1, &o1);

    store_regs(z, base0, stride, &e0, &o0);
    store_regs(z, base1, stride, &e1, &o1);
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

    /* Rows i and i + 1 (registers 8i .. 8i + 7), then columns i and i + 1
     * (registers i, i + 8, ..., i + 56). */
    for (i = 0; i < 8; i += 2) {
        permute_two(z, 8 * i, 8 * i + 8, 1, rot16, rot24);
    }
    for (i = 0; i < 8; i += 2) {
        permute_two(z, i, i + 1, 8, rot16, rot24);
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
