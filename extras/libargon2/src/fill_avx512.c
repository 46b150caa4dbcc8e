/*
 * G (RFC 9106, section 3.5-3.6) with AVX-512F.
 *
 * The whole 1 KiB block lives in sixteen zmm registers. Natural layout:
 * register 2j + q holds row j, words 8q .. 8q+7 = the 16-byte registers
 * 4q .. 4q+3 of row j, one per 128-bit lane.
 * Columns use that layout as it is: eight registers (j = 0..7, fixed q) are
 * A0 A1 B0 B1 C0 C1 D0 D1 of four columns side by side, and the diagonal
 * step stays inside 128-bit lanes.
 * Rows use pairs of rows: each 256-bit half holds one row's 4-word register
 * (A, B, C or D), one shuffle per register away; the diagonal step rotates
 * words within each 256-bit half, and one two-source permute per register
 * both undoes it and returns to the natural layout.
 * Four independent GB chains run interleaved in both passes; rotations are
 * native (vprorq).
 */
#include "kernel.h"

#ifdef ARGON2FT_HAVE_X86_KERNELS

#include <immintrin.h>

#include "kernel_target.h"

#define AVX512_FN ARGON2FT_TARGET("avx512f")

ARGON2FT_INLINE AVX512_FN __m512i avx512_blamka(__m512i x, __m512i y)
{
    __m512i p = _mm512_mul_epu32(x, y);
    return _mm512_add_epi64(_mm512_add_epi64(x, y), _mm512_add_epi64(p, p));
}

/* Per 128-bit lane: (x[1], y[0]). */
ARGON2FT_INLINE AVX512_FN __m512i avx512_join(__m512i x, __m512i y)
{
    return _mm512_castpd_si512(
        _mm512_shuffle_pd(_mm512_castsi512_pd(x), _mm512_castsi512_pd(y), 0x55));
}

/* One quarter of GB on four independent register sets, interleaved. */
#define AVX512_MIX4(X0, Y0, X1, Y1, X2, Y2, X3, Y3)                           \
    do {                                                                      \
        X0 = avx512_blamka(X0, Y0);                                           \
        X1 = avx512_blamka(X1, Y1);                                           \
        X2 = avx512_blamka(X2, Y2);                                           \
        X3 = avx512_blamka(X3, Y3);                                           \
    } while (0)

#define AVX512_ROR4(X0, Y0, X1, Y1, X2, Y2, X3, Y3, n)                        \
    do {                                                                      \
        X0 = _mm512_ror_epi64(_mm512_xor_si512(X0, Y0), n);                   \
        X1 = _mm512_ror_epi64(_mm512_xor_si512(X1, Y1), n);                   \
        X2 = _mm512_ror_epi64(_mm512_xor_si512(X2, Y2), n);                   \
        X3 = _mm512_ror_epi64(_mm512_xor_si512(X3, Y3), n);                   \
    } while (0)

/*
 * GB on four independent register sets (a, b, c, d), interleaved so that
 * four dependency chains hide each other's latency.
 */
#define AVX512_GB4(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3, C3, \
                   D3)                                                        \
    do {                                                                      \
        AVX512_MIX4(A0, B0, A1, B1, A2, B2, A3, B3);                          \
        AVX512_ROR4(D0, A0, D1, A1, D2, A2, D3, A3, 32);                      \
        AVX512_MIX4(C0, D0, C1, D1, C2, D2, C3, D3);                          \
        AVX512_ROR4(B0, C0, B1, C1, B2, C2, B3, C3, 24);                      \
        AVX512_MIX4(A0, B0, A1, B1, A2, B2, A3, B3);                          \
        AVX512_ROR4(D0, A0, D1, A1, D2, A2, D3, A3, 16);                      \
        AVX512_MIX4(C0, D0, C1, D1, C2, D2, C3, D3);                          \
        AVX512_ROR4(B0, C0, B1, C1, B2, C2, B3, C3, 63);                      \
    } while (0)

#define AVX512_ROT1 _MM_SHUFFLE(0, 3, 2, 1)
#define AVX512_ROT2 _MM_SHUFFLE(1, 0, 3, 2)
#define AVX512_ROT3 _MM_SHUFFLE(2, 1, 0, 3)

/* Diagonal moves for the row layout: word rotations in each 256-bit half. */
#define AVX512_TURN(B, C, D, rb, rc, rd)                                      \
    do {                                                                      \
        B = _mm512_permutex_epi64(B, rb);                                     \
        C = _mm512_permutex_epi64(C, rc);                                     \
        D = _mm512_permutex_epi64(D, rd);                                     \
    } while (0)

/*
 * P on four pairs of rows, each as 4-word registers per 256-bit half. B, C
 * and D are left in diagonal position: AVX512_MERGE undoes that for free.
 */
#define AVX512_P_ROWS(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3, \
                      C3, D3)                                                 \
    do {                                                                      \
        AVX512_GB4(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3,    \
                   C3, D3);                                                   \
        AVX512_TURN(B0, C0, D0, AVX512_ROT1, AVX512_ROT2, AVX512_ROT3);       \
        AVX512_TURN(B1, C1, D1, AVX512_ROT1, AVX512_ROT2, AVX512_ROT3);       \
        AVX512_TURN(B2, C2, D2, AVX512_ROT1, AVX512_ROT2, AVX512_ROT3);       \
        AVX512_TURN(B3, C3, D3, AVX512_ROT1, AVX512_ROT2, AVX512_ROT3);       \
        AVX512_GB4(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3,    \
                   C3, D3);                                                   \
    } while (0)

/*
 * Diagonal moves for the lane layout (see fill_sse2.c): B one word left, D
 * three; C two, which is a swap done by naming in AVX512_P_COLS.
 */
#define AVX512_SKEW(B0, B1, D0, D1)                                           \
    do {                                                                      \
        __m512i t0_ = avx512_join(B0, B1), t1_ = avx512_join(B1, B0);         \
        __m512i t2_ = avx512_join(D1, D0), t3_ = avx512_join(D0, D1);         \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        D0 = t2_;                                                             \
        D1 = t3_;                                                             \
    } while (0)

#define AVX512_UNSKEW(B0, B1, D0, D1) AVX512_SKEW(D0, D1, B0, B1)

/* P on eight columns: two groups of four in lane layout. */
#define AVX512_P_COLS(A0, A1, B0, B1, C0, C1, D0, D1, E0, E1, F0, F1, G0, G1, \
                      H0, H1)                                                 \
    do {                                                                      \
        AVX512_GB4(A0, B0, C0, D0, A1, B1, C1, D1, E0, F0, G0, H0, E1, F1,    \
                   G1, H1);                                                   \
        AVX512_SKEW(B0, B1, D0, D1);                                          \
        AVX512_SKEW(F0, F1, H0, H1);                                          \
        AVX512_GB4(A0, B0, C1, D0, A1, B1, C0, D1, E0, F0, G1, H0, E1, F1,    \
                   G0, H1);                                                   \
        AVX512_UNSKEW(B0, B1, D0, D1);                                        \
        AVX512_UNSKEW(F0, F1, H0, H1);                                        \
    } while (0)

/* Halves (x.lo, y.lo) and (x.hi, y.hi) of two registers. */
#define AVX512_LO_LO(x, y) _mm512_shuffle_i64x2(x, y, 0x44)
#define AVX512_HI_HI(x, y) _mm512_shuffle_i64x2(x, y, 0xEE)

/* Rows 2k, 2k+1 as 256-bit halves: A B C D of the pair, from M[4k..4k+3]. */
#define AVX512_SPLIT(A, B, C, D, M0, M1, M2, M3)                              \
    __m512i A = AVX512_LO_LO(M0, M2), B = AVX512_HI_HI(M0, M2);               \
    __m512i C = AVX512_LO_LO(M1, M3), D = AVX512_HI_HI(M1, M3)

/*
 * Back to natural layout from A and the diagonal-position B, C, D: one
 * two-source permute per register picks each word from where it sits.
 */
#define AVX512_MERGE(A, B, C, D, M0, M1, M2, M3)                              \
    do {                                                                      \
        M0 = _mm512_permutex2var_epi64(A, ab_lo, B);                          \
        M2 = _mm512_permutex2var_epi64(A, ab_hi, B);                          \
        M1 = _mm512_permutex2var_epi64(C, cd_lo, D);                          \
        M3 = _mm512_permutex2var_epi64(C, cd_hi, D);                          \
    } while (0)

/* R = prev ^ ref, register i. */
#define AVX512_LOAD_R(i)                                                      \
    _mm512_xor_si512(_mm512_loadu_si512(p + 8 * (i)),                         \
                     _mm512_loadu_si512(r + 8 * (i)))

/* Z ^ R for register i, written to next (XORed into it when with_xor). */
#define AVX512_STORE(i, Z)                                                    \
    do {                                                                      \
        __m512i w_ = _mm512_ternarylogic_epi64(                               \
            Z, _mm512_loadu_si512(p + 8 * (i)),                               \
            _mm512_loadu_si512(r + 8 * (i)), 0x96);                           \
        if (with_xor) {                                                       \
            w_ = _mm512_xor_si512(w_, _mm512_loadu_si512(out + 8 * (i)));     \
        }                                                                     \
        _mm512_storeu_si512(out + 8 * (i), w_);                               \
    } while (0)

AVX512_FN
void argon2ft_fill_avx512(argon2_block *next, const argon2_block *prev,
                          const argon2_block *ref, int with_xor,
                          argon2_word0_hook *hook)
{
    const uint64_t *p = prev->v;
    const uint64_t *r = ref->v;
    uint64_t *out = next->v;
    /* Named registers, not an array, so the block stays in registers. */
    __m512i m0 = AVX512_LOAD_R(0), m1 = AVX512_LOAD_R(1);
    __m512i m2 = AVX512_LOAD_R(2), m3 = AVX512_LOAD_R(3);
    __m512i m4 = AVX512_LOAD_R(4), m5 = AVX512_LOAD_R(5);
    __m512i m6 = AVX512_LOAD_R(6), m7 = AVX512_LOAD_R(7);
    __m512i m8 = AVX512_LOAD_R(8), m9 = AVX512_LOAD_R(9);
    __m512i m10 = AVX512_LOAD_R(10), m11 = AVX512_LOAD_R(11);
    __m512i m12 = AVX512_LOAD_R(12), m13 = AVX512_LOAD_R(13);
    __m512i m14 = AVX512_LOAD_R(14), m15 = AVX512_LOAD_R(15);

    {
        /* Word sources for AVX512_MERGE (8 + k: word k of the second). */
        const __m512i ab_lo = _mm512_setr_epi64(0, 1, 2, 3, 11, 8, 9, 10);
        const __m512i ab_hi = _mm512_setr_epi64(4, 5, 6, 7, 15, 12, 13, 14);
        const __m512i cd_lo = _mm512_setr_epi64(2, 3, 0, 1, 9, 10, 11, 8);
        const __m512i cd_hi = _mm512_setr_epi64(6, 7, 4, 5, 13, 14, 15, 12);
        AVX512_SPLIT(a0, b0, c0, d0, m0, m1, m2, m3);
        AVX512_SPLIT(a1, b1, c1, d1, m4, m5, m6, m7);
        AVX512_SPLIT(a2, b2, c2, d2, m8, m9, m10, m11);
        AVX512_SPLIT(a3, b3, c3, d3, m12, m13, m14, m15);
        AVX512_P_ROWS(a0, b0, c0, d0, a1, b1, c1, d1, a2, b2, c2, d2, a3, b3,
                      c3, d3);
        AVX512_MERGE(a0, b0, c0, d0, m0, m1, m2, m3);
        AVX512_MERGE(a1, b1, c1, d1, m4, m5, m6, m7);
        AVX512_MERGE(a2, b2, c2, d2, m8, m9, m10, m11);
        AVX512_MERGE(a3, b3, c3, d3, m12, m13, m14, m15);
    }

    /* Columns 4q .. 4q+3: registers 2j + q for j = 0..7. */
    AVX512_P_COLS(m0, m2, m4, m6, m8, m10, m12, m14, m1, m3, m5, m7, m9, m11,
                  m13, m15);

    /*
     * R is read again from prev and ref: safe when next is ref, as each
     * register is read before it is written.
     */
    AVX512_STORE(0, m0);
    AVX512_STORE(1, m1);
    AVX512_STORE(2, m2);
    AVX512_STORE(3, m3);
    AVX512_STORE(4, m4);
    AVX512_STORE(5, m5);
    AVX512_STORE(6, m6);
    AVX512_STORE(7, m7);
    AVX512_STORE(8, m8);
    AVX512_STORE(9, m9);
    AVX512_STORE(10, m10);
    AVX512_STORE(11, m11);
    AVX512_STORE(12, m12);
    AVX512_STORE(13, m13);
    AVX512_STORE(14, m14);
    AVX512_STORE(15, m15);
    /* All eight columns run together here: word 0 is known only now. */
    if (hook != NULL) {
        hook->seen(hook, next->v[0]);
    }
}

#endif /* ARGON2FT_HAVE_X86_KERNELS */
