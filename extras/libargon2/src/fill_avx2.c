/*
 * G (RFC 9106, section 3.5-3.6) with AVX2.
 *
 * Rows: a row's 16 words are four 4-word registers A B C D, loaded directly;
 * the diagonal step rotates B, C, D across lanes (vpermq). Two rows run
 * together for instruction-level parallelism.
 * Columns: a 256-bit load of row j at words 4q .. 4q+3 holds the 16-byte
 * register j of columns 2q and 2q+1, one per 128-bit lane, so eight loads
 * give two columns as A0 A1 B0 B1 C0 C1 D0 D1 and the diagonal step stays
 * inside lanes (vpalignr). No transposition is needed anywhere.
 */
#include "kernel.h"

#ifdef ARGON2FT_HAVE_X86_KERNELS

#include <immintrin.h>

#include "kernel_target.h"

#define AVX2_FN ARGON2FT_TARGET("avx2")

ARGON2FT_INLINE AVX2_FN __m256i avx2_blamka(__m256i x, __m256i y)
{
    __m256i p = _mm256_mul_epu32(x, y);
    return _mm256_add_epi64(_mm256_add_epi64(x, y), _mm256_add_epi64(p, p));
}

ARGON2FT_INLINE AVX2_FN __m256i avx2_rotr32(__m256i x)
{
    return _mm256_shuffle_epi32(x, _MM_SHUFFLE(2, 3, 0, 1));
}

/* Byte rotations are byte shuffles within each 64-bit word. */
ARGON2FT_INLINE AVX2_FN __m256i avx2_rotr24(__m256i x)
{
    const __m256i m = _mm256_setr_epi8(
        3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10,
        3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
    return _mm256_shuffle_epi8(x, m);
}

ARGON2FT_INLINE AVX2_FN __m256i avx2_rotr16(__m256i x)
{
    const __m256i m = _mm256_setr_epi8(
        2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9,
        2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
    return _mm256_shuffle_epi8(x, m);
}

ARGON2FT_INLINE AVX2_FN __m256i avx2_rotr63(__m256i x)
{
    return _mm256_xor_si256(_mm256_srli_epi64(x, 63), _mm256_add_epi64(x, x));
}

/* Per 128-bit lane: (x[1], y[0]). */
ARGON2FT_INLINE AVX2_FN __m256i avx2_join(__m256i x, __m256i y)
{
    return _mm256_alignr_epi8(y, x, 8);
}

/* One quarter of GB on four independent register sets, interleaved. */
#define AVX2_MIX4(X0, Y0, X1, Y1, X2, Y2, X3, Y3)                             \
    do {                                                                      \
        X0 = avx2_blamka(X0, Y0);                                             \
        X1 = avx2_blamka(X1, Y1);                                             \
        X2 = avx2_blamka(X2, Y2);                                             \
        X3 = avx2_blamka(X3, Y3);                                             \
    } while (0)

#define AVX2_ROT4(X0, Y0, X1, Y1, X2, Y2, X3, Y3, rot)                        \
    do {                                                                      \
        X0 = rot(_mm256_xor_si256(X0, Y0));                                   \
        X1 = rot(_mm256_xor_si256(X1, Y1));                                   \
        X2 = rot(_mm256_xor_si256(X2, Y2));                                   \
        X3 = rot(_mm256_xor_si256(X3, Y3));                                   \
    } while (0)

/*
 * GB on four independent register sets (a, b, c, d), interleaved: one chain
 * alone would leave the core waiting on multiply and shuffle latency.
 */
#define AVX2_GB4(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3, C3,   \
                 D3)                                                          \
    do {                                                                      \
        AVX2_MIX4(A0, B0, A1, B1, A2, B2, A3, B3);                            \
        AVX2_ROT4(D0, A0, D1, A1, D2, A2, D3, A3, avx2_rotr32);               \
        AVX2_MIX4(C0, D0, C1, D1, C2, D2, C3, D3);                            \
        AVX2_ROT4(B0, C0, B1, C1, B2, C2, B3, C3, avx2_rotr24);               \
        AVX2_MIX4(A0, B0, A1, B1, A2, B2, A3, B3);                            \
        AVX2_ROT4(D0, A0, D1, A1, D2, A2, D3, A3, avx2_rotr16);               \
        AVX2_MIX4(C0, D0, C1, D1, C2, D2, C3, D3);                            \
        AVX2_ROT4(B0, C0, B1, C1, B2, C2, B3, C3, avx2_rotr63);               \
    } while (0)

/* Word rotations of a 4-word register: left by 1, 2 and 3. */
#define AVX2_ROT1 _MM_SHUFFLE(0, 3, 2, 1)
#define AVX2_ROT2 _MM_SHUFFLE(1, 0, 3, 2)
#define AVX2_ROT3 _MM_SHUFFLE(2, 1, 0, 3)

/* Diagonal moves for a row held as 4-word registers. */
#define AVX2_TURN(B, C, D, rb, rc, rd)                                        \
    do {                                                                      \
        B = _mm256_permute4x64_epi64(B, rb);                                  \
        C = _mm256_permute4x64_epi64(C, rc);                                  \
        D = _mm256_permute4x64_epi64(D, rd);                                  \
    } while (0)

/* P on four rows held as 4-word registers A B C D each. */
#define AVX2_P_ROWS(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3,   \
                    C3, D3)                                                   \
    do {                                                                      \
        AVX2_GB4(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3, C3,  \
                 D3);                                                         \
        AVX2_TURN(B0, C0, D0, AVX2_ROT1, AVX2_ROT2, AVX2_ROT3);               \
        AVX2_TURN(B1, C1, D1, AVX2_ROT1, AVX2_ROT2, AVX2_ROT3);               \
        AVX2_TURN(B2, C2, D2, AVX2_ROT1, AVX2_ROT2, AVX2_ROT3);               \
        AVX2_TURN(B3, C3, D3, AVX2_ROT1, AVX2_ROT2, AVX2_ROT3);               \
        AVX2_GB4(A0, B0, C0, D0, A1, B1, C1, D1, A2, B2, C2, D2, A3, B3, C3,  \
                 D3);                                                         \
        AVX2_TURN(B0, C0, D0, AVX2_ROT3, AVX2_ROT2, AVX2_ROT1);               \
        AVX2_TURN(B1, C1, D1, AVX2_ROT3, AVX2_ROT2, AVX2_ROT1);               \
        AVX2_TURN(B2, C2, D2, AVX2_ROT3, AVX2_ROT2, AVX2_ROT1);               \
        AVX2_TURN(B3, C3, D3, AVX2_ROT3, AVX2_ROT2, AVX2_ROT1);               \
    } while (0)

/*
 * Diagonal moves for the lane layout (see fill_sse2.c): B one word left, D
 * three; C two, a swap done by naming in AVX2_P_COLS. UNSKEW undoes SKEW.
 */
#define AVX2_SKEW(B0, B1, D0, D1)                                             \
    do {                                                                      \
        __m256i t0_ = avx2_join(B0, B1), t1_ = avx2_join(B1, B0);             \
        __m256i t2_ = avx2_join(D1, D0), t3_ = avx2_join(D0, D1);             \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        D0 = t2_;                                                             \
        D1 = t3_;                                                             \
    } while (0)

#define AVX2_UNSKEW(B0, B1, D0, D1) AVX2_SKEW(D0, D1, B0, B1)

/* P on four columns: two lane-layout groups of two columns. */
#define AVX2_P_COLS(A0, A1, B0, B1, C0, C1, D0, D1, E0, E1, F0, F1, G0, G1,   \
                    H0, H1)                                                   \
    do {                                                                      \
        AVX2_GB4(A0, B0, C0, D0, A1, B1, C1, D1, E0, F0, G0, H0, E1, F1, G1,  \
                 H1);                                                         \
        AVX2_SKEW(B0, B1, D0, D1);                                            \
        AVX2_SKEW(F0, F1, H0, H1);                                            \
        AVX2_GB4(A0, B0, C1, D0, A1, B1, C0, D1, E0, F0, G1, H0, E1, F1, G0,  \
                 H1);                                                         \
        AVX2_UNSKEW(B0, B1, D0, D1);                                          \
        AVX2_UNSKEW(F0, F1, H0, H1);                                          \
    } while (0)

/* R = prev ^ ref, register k (row k / 4, words 4 (k % 4) .. + 3). */
ARGON2FT_INLINE AVX2_FN __m256i avx2_load_r(const __m256i *p,
                                            const __m256i *r, unsigned k)
{
    return _mm256_xor_si256(_mm256_loadu_si256(p + k),
                            _mm256_loadu_si256(r + k));
}

/*
 * The steps below are functions forced inline and called with constant
 * arguments: each call is its own straight-line code, as a loop over them
 * is only where the compiler chooses to unroll it (measured: gcc -O2 keeps
 * such a loop and runs 20% slower than the unrolled code).
 */

/* P on rows 4h .. 4h+3 of R into z (32 registers: row j, words 4q .. 4q+3
   at index 4j + q). */
ARGON2FT_INLINE AVX2_FN void avx2_rows(__m256i *z, const __m256i *p,
                                       const __m256i *r, unsigned h)
{
    unsigned i = 16 * h;
    __m256i a0 = avx2_load_r(p, r, i + 0), b0 = avx2_load_r(p, r, i + 1);
    __m256i c0 = avx2_load_r(p, r, i + 2), d0 = avx2_load_r(p, r, i + 3);
    __m256i a1 = avx2_load_r(p, r, i + 4), b1 = avx2_load_r(p, r, i + 5);
    __m256i c1 = avx2_load_r(p, r, i + 6), d1 = avx2_load_r(p, r, i + 7);
    __m256i a2 = avx2_load_r(p, r, i + 8), b2 = avx2_load_r(p, r, i + 9);
    __m256i c2 = avx2_load_r(p, r, i + 10), d2 = avx2_load_r(p, r, i + 11);
    __m256i a3 = avx2_load_r(p, r, i + 12), b3 = avx2_load_r(p, r, i + 13);
    __m256i c3 = avx2_load_r(p, r, i + 14), d3 = avx2_load_r(p, r, i + 15);
    AVX2_P_ROWS(a0, b0, c0, d0, a1, b1, c1, d1, a2, b2, c2, d2, a3, b3, c3,
                d3);
    z[i + 0] = a0;
    z[i + 1] = b0;
    z[i + 2] = c0;
    z[i + 3] = d0;
    z[i + 4] = a1;
    z[i + 5] = b1;
    z[i + 6] = c1;
    z[i + 7] = d1;
    z[i + 8] = a2;
    z[i + 9] = b2;
    z[i + 10] = c2;
    z[i + 11] = d2;
    z[i + 12] = a3;
    z[i + 13] = b3;
    z[i + 14] = c3;
    z[i + 15] = d3;
}

/* Register k of the result: Z ^ R, or next ^ Z ^ R. */
ARGON2FT_INLINE AVX2_FN void avx2_store(__m256i *out, const __m256i *p,
                                        const __m256i *r, unsigned k,
                                        __m256i zk, int with_xor)
{
    __m256i w = _mm256_xor_si256(zk, avx2_load_r(p, r, k));
    if (with_xor) {
        w = _mm256_xor_si256(w, _mm256_loadu_si256(out + k));
    }
    _mm256_storeu_si256(out + k, w);
}

/*
 * P on columns 4h .. 4h+3 (two groups of two) of z. Z ^ R goes straight to
 * next; R is read again from prev and ref, safe when next is ref: each
 * register is read before it is written.
 */
ARGON2FT_INLINE AVX2_FN void avx2_columns(__m256i *out, const __m256i *z,
                                          const __m256i *p, const __m256i *r,
                                          unsigned h, int with_xor)
{
    unsigned i = 2 * h;
    __m256i v[16];
    v[0] = z[i + 0];
    v[1] = z[i + 4];
    v[2] = z[i + 8];
    v[3] = z[i + 12];
    v[4] = z[i + 16];
    v[5] = z[i + 20];
    v[6] = z[i + 24];
    v[7] = z[i + 28];
    v[8] = z[i + 1];
    v[9] = z[i + 5];
    v[10] = z[i + 9];
    v[11] = z[i + 13];
    v[12] = z[i + 17];
    v[13] = z[i + 21];
    v[14] = z[i + 25];
    v[15] = z[i + 29];
    AVX2_P_COLS(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                v[10], v[11], v[12], v[13], v[14], v[15]);
    /* v[j] is register i + (j >> 3) + 4 (j & 7). */
    avx2_store(out, p, r, i + 0, v[0], with_xor);
    avx2_store(out, p, r, i + 4, v[1], with_xor);
    avx2_store(out, p, r, i + 8, v[2], with_xor);
    avx2_store(out, p, r, i + 12, v[3], with_xor);
    avx2_store(out, p, r, i + 16, v[4], with_xor);
    avx2_store(out, p, r, i + 20, v[5], with_xor);
    avx2_store(out, p, r, i + 24, v[6], with_xor);
    avx2_store(out, p, r, i + 28, v[7], with_xor);
    avx2_store(out, p, r, i + 1, v[8], with_xor);
    avx2_store(out, p, r, i + 5, v[9], with_xor);
    avx2_store(out, p, r, i + 9, v[10], with_xor);
    avx2_store(out, p, r, i + 13, v[11], with_xor);
    avx2_store(out, p, r, i + 17, v[12], with_xor);
    avx2_store(out, p, r, i + 21, v[13], with_xor);
    avx2_store(out, p, r, i + 25, v[14], with_xor);
    avx2_store(out, p, r, i + 29, v[15], with_xor);
}

AVX2_FN
void argon2ft_fill_avx2(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor,
                        argon2_word0_hook *hook)
{
    const __m256i *p = (const __m256i *)(const void *)prev->v;
    const __m256i *r = (const __m256i *)(const void *)ref->v;
    __m256i *out = (__m256i *)(void *)next->v;
    __m256i z[32];

    avx2_rows(z, p, r, 0);
    avx2_rows(z, p, r, 1);
    avx2_columns(out, z, p, r, 0, with_xor);
    /* Word 0 is done with the first four columns; the other four overlap
       whatever the hook starts. */
    if (hook != NULL) {
        hook->seen(hook, next->v[0]);
    }
    avx2_columns(out, z, p, r, 1, with_xor);
}

#endif /* ARGON2FT_HAVE_X86_KERNELS */
