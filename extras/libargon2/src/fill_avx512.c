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
 * (A, B, C or D), so one shuffle per register converts to and from it and
 * the diagonal step rotates words within each 256-bit half.
 * Rotations are native (vprorq).
 */
#include "kernel.h"

#ifdef ARGON2FT_HAVE_X86_KERNELS

#include <immintrin.h>

#include "blamka_x86.h"

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

/* GB on two independent register sets, interleaved. */
#define AVX512_GB(A0, B0, C0, D0, A1, B1, C1, D1)                             \
    do {                                                                      \
        A0 = avx512_blamka(A0, B0);                                           \
        A1 = avx512_blamka(A1, B1);                                           \
        D0 = _mm512_ror_epi64(_mm512_xor_si512(D0, A0), 32);                  \
        D1 = _mm512_ror_epi64(_mm512_xor_si512(D1, A1), 32);                  \
        C0 = avx512_blamka(C0, D0);                                           \
        C1 = avx512_blamka(C1, D1);                                           \
        B0 = _mm512_ror_epi64(_mm512_xor_si512(B0, C0), 24);                  \
        B1 = _mm512_ror_epi64(_mm512_xor_si512(B1, C1), 24);                  \
        A0 = avx512_blamka(A0, B0);                                           \
        A1 = avx512_blamka(A1, B1);                                           \
        D0 = _mm512_ror_epi64(_mm512_xor_si512(D0, A0), 16);                  \
        D1 = _mm512_ror_epi64(_mm512_xor_si512(D1, A1), 16);                  \
        C0 = avx512_blamka(C0, D0);                                           \
        C1 = avx512_blamka(C1, D1);                                           \
        B0 = _mm512_ror_epi64(_mm512_xor_si512(B0, C0), 63);                  \
        B1 = _mm512_ror_epi64(_mm512_xor_si512(B1, C1), 63);                  \
    } while (0)

#define AVX512_ROT1 _MM_SHUFFLE(0, 3, 2, 1)
#define AVX512_ROT2 _MM_SHUFFLE(1, 0, 3, 2)
#define AVX512_ROT3 _MM_SHUFFLE(2, 1, 0, 3)

/* P on two pairs of rows, each as 4-word registers per 256-bit half. */
#define AVX512_P_ROWS(A, B, C, D, E, F, G, H)                                 \
    do {                                                                      \
        AVX512_GB(A, B, C, D, E, F, G, H);                                    \
        B = _mm512_permutex_epi64(B, AVX512_ROT1);                            \
        F = _mm512_permutex_epi64(F, AVX512_ROT1);                            \
        C = _mm512_permutex_epi64(C, AVX512_ROT2);                            \
        G = _mm512_permutex_epi64(G, AVX512_ROT2);                            \
        D = _mm512_permutex_epi64(D, AVX512_ROT3);                            \
        H = _mm512_permutex_epi64(H, AVX512_ROT3);                            \
        AVX512_GB(A, B, C, D, E, F, G, H);                                    \
        B = _mm512_permutex_epi64(B, AVX512_ROT3);                            \
        F = _mm512_permutex_epi64(F, AVX512_ROT3);                            \
        C = _mm512_permutex_epi64(C, AVX512_ROT2);                            \
        G = _mm512_permutex_epi64(G, AVX512_ROT2);                            \
        D = _mm512_permutex_epi64(D, AVX512_ROT1);                            \
        H = _mm512_permutex_epi64(H, AVX512_ROT1);                            \
    } while (0)

/* P on four columns in lane layout (see fill_sse2.c for the moves). */
#define AVX512_P_COLS(A0, A1, B0, B1, C0, C1, D0, D1)                         \
    do {                                                                      \
        __m512i t0_, t1_;                                                     \
        AVX512_GB(A0, B0, C0, D0, A1, B1, C1, D1);                            \
        t0_ = avx512_join(B0, B1);                                            \
        t1_ = avx512_join(B1, B0);                                            \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        t0_ = avx512_join(D1, D0);                                            \
        t1_ = avx512_join(D0, D1);                                            \
        D0 = t0_;                                                             \
        D1 = t1_;                                                             \
        AVX512_GB(A0, B0, C1, D0, A1, B1, C0, D1);                            \
        t0_ = avx512_join(B1, B0);                                            \
        t1_ = avx512_join(B0, B1);                                            \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        t0_ = avx512_join(D0, D1);                                            \
        t1_ = avx512_join(D1, D0);                                            \
        D0 = t0_;                                                             \
        D1 = t1_;                                                             \
    } while (0)

/* Halves (x.lo, y.lo) and (x.hi, y.hi) of two registers. */
#define AVX512_LO_LO(x, y) _mm512_shuffle_i64x2(x, y, 0x44)
#define AVX512_HI_HI(x, y) _mm512_shuffle_i64x2(x, y, 0xEE)

/*
 * Four rows held in natural layout as M0 .. M7 (row pairs M0-M3, M4-M7): each
 * pair is converted to the 256-bit-half layout, run through P, converted
 * back.
 */
#define AVX512_ROWS(M0, M1, M2, M3, M4, M5, M6, M7)                           \
    do {                                                                      \
        __m512i a0 = AVX512_LO_LO(M0, M2);                                    \
        __m512i b0 = AVX512_HI_HI(M0, M2);                                    \
        __m512i c0 = AVX512_LO_LO(M1, M3);                                    \
        __m512i d0 = AVX512_HI_HI(M1, M3);                                    \
        __m512i a1 = AVX512_LO_LO(M4, M6);                                    \
        __m512i b1 = AVX512_HI_HI(M4, M6);                                    \
        __m512i c1 = AVX512_LO_LO(M5, M7);                                    \
        __m512i d1 = AVX512_HI_HI(M5, M7);                                    \
        AVX512_P_ROWS(a0, b0, c0, d0, a1, b1, c1, d1);                        \
        M0 = AVX512_LO_LO(a0, b0);                                            \
        M2 = AVX512_HI_HI(a0, b0);                                            \
        M1 = AVX512_LO_LO(c0, d0);                                            \
        M3 = AVX512_HI_HI(c0, d0);                                            \
        M4 = AVX512_LO_LO(a1, b1);                                            \
        M6 = AVX512_HI_HI(a1, b1);                                            \
        M5 = AVX512_LO_LO(c1, d1);                                            \
        M7 = AVX512_HI_HI(c1, d1);                                            \
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
                          const argon2_block *ref, int with_xor)
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

    AVX512_ROWS(m0, m1, m2, m3, m4, m5, m6, m7);
    AVX512_ROWS(m8, m9, m10, m11, m12, m13, m14, m15);

    /* Columns 4q .. 4q+3: registers 2j + q for j = 0..7. */
    AVX512_P_COLS(m0, m2, m4, m6, m8, m10, m12, m14);
    AVX512_P_COLS(m1, m3, m5, m7, m9, m11, m13, m15);

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
}

#endif /* ARGON2FT_HAVE_X86_KERNELS */
