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

AVX512_FN
void argon2ft_fill_avx512(argon2_block *next, const argon2_block *prev,
                          const argon2_block *ref, int with_xor)
{
    const uint64_t *p = prev->v;
    const uint64_t *r = ref->v;
    uint64_t *out = next->v;
    __m512i m[16];
    unsigned i;

    for (i = 0; i < 16; i++) {
        m[i] = _mm512_xor_si512(_mm512_loadu_si512(p + 8 * i),
                                _mm512_loadu_si512(r + 8 * i));
    }

    /* Rows 2k and 2k+1 (registers 4k .. 4k+3), two pairs at a time. */
    for (i = 0; i < 16; i += 8) {
        __m512i a0 = AVX512_LO_LO(m[i + 0], m[i + 2]);
        __m512i b0 = AVX512_HI_HI(m[i + 0], m[i + 2]);
        __m512i c0 = AVX512_LO_LO(m[i + 1], m[i + 3]);
        __m512i d0 = AVX512_HI_HI(m[i + 1], m[i + 3]);
        __m512i a1 = AVX512_LO_LO(m[i + 4], m[i + 6]);
        __m512i b1 = AVX512_HI_HI(m[i + 4], m[i + 6]);
        __m512i c1 = AVX512_LO_LO(m[i + 5], m[i + 7]);
        __m512i d1 = AVX512_HI_HI(m[i + 5], m[i + 7]);
        AVX512_P_ROWS(a0, b0, c0, d0, a1, b1, c1, d1);
        m[i + 0] = AVX512_LO_LO(a0, b0);
        m[i + 2] = AVX512_HI_HI(a0, b0);
        m[i + 1] = AVX512_LO_LO(c0, d0);
        m[i + 3] = AVX512_HI_HI(c0, d0);
        m[i + 4] = AVX512_LO_LO(a1, b1);
        m[i + 6] = AVX512_HI_HI(a1, b1);
        m[i + 5] = AVX512_LO_LO(c1, d1);
        m[i + 7] = AVX512_HI_HI(c1, d1);
    }

    /* Columns 4q .. 4q+3: registers 2j + q for j = 0..7. */
    AVX512_P_COLS(m[0], m[2], m[4], m[6], m[8], m[10], m[12], m[14]);
    AVX512_P_COLS(m[1], m[3], m[5], m[7], m[9], m[11], m[13], m[15]);

    /*
     * next (^)= Z ^ R, R read again from prev and ref: safe when next is
     * ref, as each register is read before it is written.
     */
    if (with_xor) {
        for (i = 0; i < 16; i++) {
            __m512i w = _mm512_ternarylogic_epi64(
                m[i], _mm512_loadu_si512(p + 8 * i),
                _mm512_loadu_si512(r + 8 * i), 0x96);
            w = _mm512_xor_si512(w, _mm512_loadu_si512(out + 8 * i));
            _mm512_storeu_si512(out + 8 * i, w);
        }
    } else {
        for (i = 0; i < 16; i++) {
            __m512i w = _mm512_ternarylogic_epi64(
                m[i], _mm512_loadu_si512(p + 8 * i),
                _mm512_loadu_si512(r + 8 * i), 0x96);
            _mm512_storeu_si512(out + 8 * i, w);
        }
    }
}

#endif /* ARGON2FT_HAVE_X86_KERNELS */
