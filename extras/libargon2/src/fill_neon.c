/*
 * The compression function G (RFC 9106, sections 3.5-3.6) with AArch64 NEON.
 *
 * A block is 64 registers of two 64-bit words. P works on eight registers
 * (a row: registers 8i..8i+7; a column: registers i, i+8, ..., i+56); two
 * rows or two columns are processed together so that four independent GB
 * dependency chains can overlap. The row pass reads prev ^ ref directly and
 * the column pass writes next directly. NEON is part of the AArch64
 * baseline, so no target attributes are needed; on other architectures this
 * file compiles to nothing.
 */
#include "kernel.h"

#ifdef ARGON2FT_HAVE_NEON_KERNEL

#include <arm_neon.h>

#include "kernel_target.h"

/*
 * BlaMka, a + b + 2 * lo32(a) * lo32(b) mod 2^64 per 64-bit lane, for two
 * independent pairs at once: x0 = f(x0, y0), x1 = f(x1, y1). One unzip
 * gathers the low halves of both x (and of both y) into one register; the
 * product is accumulated twice rather than doubled, which keeps the adds in
 * the multiply-accumulate pipeline.
 */
ARGON2FT_INLINE void blamka_pair(uint64x2_t *x0, uint64x2_t y0, uint64x2_t *x1,
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
ARGON2FT_INLINE uint64x2_t rotr32(uint64x2_t x)
{
    return vreinterpretq_u64_u32(vrev64q_u32(vreinterpretq_u32_u64(x)));
}

ARGON2FT_INLINE uint64x2_t rotr_bytes(uint64x2_t x, uint8x16_t table)
{
    return vreinterpretq_u64_u8(vqtbl1q_u8(vreinterpretq_u8_u64(x), table));
}

ARGON2FT_INLINE uint64x2_t rotr63(uint64x2_t x)
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
ARGON2FT_INLINE void gb_four(gb_regs *p, gb_regs *q, gb_regs *u, gb_regs *v,
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
ARGON2FT_INLINE void diagonalize(gb_regs *even, gb_regs *odd)
{
    gb_regs e = *even, o = *odd;
    even->b = vextq_u64(e.b, o.b, 1); /* (v5, v6) */
    odd->b = vextq_u64(o.b, e.b, 1);  /* (v7, v4) */
    even->c = o.c;                    /* (v10, v11) */
    odd->c = e.c;                     /* (v8, v9) */
    even->d = vextq_u64(o.d, e.d, 1); /* (v15, v12) */
    odd->d = vextq_u64(e.d, o.d, 1);  /* (v13, v14) */
}

ARGON2FT_INLINE void undiagonalize(gb_regs *even, gb_regs *odd)
{
    gb_regs e = *even, o = *odd;
    even->b = vextq_u64(o.b, e.b, 1); /* (v4, v5) */
    odd->b = vextq_u64(e.b, o.b, 1);  /* (v6, v7) */
    even->c = o.c;                    /* (v8, v9) */
    odd->c = e.c;                     /* (v10, v11) */
    even->d = vextq_u64(e.d, o.d, 1); /* (v12, v13) */
    odd->d = vextq_u64(o.d, e.d, 1);  /* (v14, v15) */
}

/* P on two independent inputs held in (e0, o0) and (e1, o1). */
ARGON2FT_INLINE void permute_two(gb_regs *e0, gb_regs *o0, gb_regs *e1,
                                 gb_regs *o1, uint8x16_t rot16,
                                 uint8x16_t rot24)
{
    gb_four(e0, o0, e1, o1, rot16, rot24);
    diagonalize(e0, o0);
    diagonalize(e1, o1);
    gb_four(e0, o0, e1, o1, rot16, rot24);
    undiagonalize(e0, o0);
    undiagonalize(e1, o1);
}

/* Register reg of R = prev ^ ref, also kept in r for the final xor. */
ARGON2FT_INLINE uint64x2_t load_input(uint64x2_t *r, const argon2_block *prev,
                                      const argon2_block *ref, unsigned reg)
{
    uint64x2_t x = veorq_u64(vld1q_u64(&prev->v[2 * reg]),
                             vld1q_u64(&ref->v[2 * reg]));
    r[reg] = x;
    return x;
}

/* Register reg of the result: Z ^ R, or next ^ Z ^ R. */
ARGON2FT_INLINE void store_output(argon2_block *next, const uint64x2_t *r,
                                  unsigned reg, uint64x2_t zv, int with_xor)
{
    uint64x2_t out = veorq_u64(zv, r[reg]);
    if (with_xor) {
        out = veorq_u64(out, vld1q_u64(&next->v[2 * reg]));
    }
    vst1q_u64(&next->v[2 * reg], out);
}

/*
 * The eight registers of a P input are, in order, even.a, odd.a, even.b,
 * odd.b, even.c, odd.c, even.d, odd.d. A row is registers base + k, a column
 * registers base + 8k.
 */
ARGON2FT_INLINE void load_row(gb_regs *even, gb_regs *odd, uint64x2_t *r,
                              const argon2_block *prev, const argon2_block *ref,
                              unsigned base)
{
    even->a = load_input(r, prev, ref, base);
    odd->a = load_input(r, prev, ref, base + 1);
    even->b = load_input(r, prev, ref, base + 2);
    odd->b = load_input(r, prev, ref, base + 3);
    even->c = load_input(r, prev, ref, base + 4);
    odd->c = load_input(r, prev, ref, base + 5);
    even->d = load_input(r, prev, ref, base + 6);
    odd->d = load_input(r, prev, ref, base + 7);
}

ARGON2FT_INLINE void store_row(uint64x2_t *z, unsigned base,
                               const gb_regs *even, const gb_regs *odd)
{
    z[base] = even->a;
    z[base + 1] = odd->a;
    z[base + 2] = even->b;
    z[base + 3] = odd->b;
    z[base + 4] = even->c;
    z[base + 5] = odd->c;
    z[base + 6] = even->d;
    z[base + 7] = odd->d;
}

ARGON2FT_INLINE void load_column(gb_regs *even, gb_regs *odd,
                                 const uint64x2_t *z, unsigned base)
{
    even->a = z[base];
    odd->a = z[base + 8];
    even->b = z[base + 16];
    odd->b = z[base + 24];
    even->c = z[base + 32];
    odd->c = z[base + 40];
    even->d = z[base + 48];
    odd->d = z[base + 56];
}

ARGON2FT_INLINE void store_column(argon2_block *next, const uint64x2_t *r,
                                  unsigned base, const gb_regs *even,
                                  const gb_regs *odd, int with_xor)
{
    store_output(next, r, base, even->a, with_xor);
    store_output(next, r, base + 8, odd->a, with_xor);
    store_output(next, r, base + 16, even->b, with_xor);
    store_output(next, r, base + 24, odd->b, with_xor);
    store_output(next, r, base + 32, even->c, with_xor);
    store_output(next, r, base + 40, odd->c, with_xor);
    store_output(next, r, base + 48, even->d, with_xor);
    store_output(next, r, base + 56, odd->d, with_xor);
}

#define NEON_REGS_IN_BLOCK (ARGON2_QWORDS_IN_BLOCK / 2)

void argon2ft_fill_neon(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor,
                        argon2_word0_hook *hook)
{
    uint64x2_t r[NEON_REGS_IN_BLOCK];
    uint64x2_t z[NEON_REGS_IN_BLOCK];
    const uint8x16_t rot16 = vld1q_u8(rotr16_index);
    const uint8x16_t rot24 = vld1q_u8(rotr24_index);
    gb_regs e0, o0, e1, o1;
    unsigned i;

    /* Rows i and i + 1 (registers 8i .. 8i + 15). The row pass reads all of
     * prev and ref before the column pass writes next, so next may be the
     * same block as ref. */
    for (i = 0; i < 8; i += 2) {
        load_row(&e0, &o0, r, prev, ref, 8 * i);
        load_row(&e1, &o1, r, prev, ref, 8 * i + 8);
        permute_two(&e0, &o0, &e1, &o1, rot16, rot24);
        store_row(z, 8 * i, &e0, &o0);
        store_row(z, 8 * i + 8, &e1, &o1);
    }
    /* Columns i and i + 1 (registers i + 8k and i + 1 + 8k). */
    for (i = 0; i < 8; i += 2) {
        load_column(&e0, &o0, z, i);
        load_column(&e1, &o1, z, i + 1);
        permute_two(&e0, &o0, &e1, &o1, rot16, rot24);
        store_column(next, r, i, &e0, &o0, with_xor);
        store_column(next, r, i + 1, &e1, &o1, with_xor);
        /* Word 0 is done with the first two columns; the other six
           overlap whatever the hook starts. */
        if (i == 0 && hook != NULL) {
            hook->seen(hook, next->v[0]);
        }
    }
}

#endif /* ARGON2FT_HAVE_NEON_KERNEL */
