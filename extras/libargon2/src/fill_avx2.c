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

#include "blamka_x86.h"

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

/* GB on two independent register sets at once. */
#define AVX2_GB(A0, B0, C0, D0, A1, B1, C1, D1)                               \
    do {                                                                      \
        A0 = avx2_blamka(A0, B0);                                             \
        A1 = avx2_blamka(A1, B1);                                             \
        D0 = avx2_rotr32(_mm256_xor_si256(D0, A0));                           \
        D1 = avx2_rotr32(_mm256_xor_si256(D1, A1));                           \
        C0 = avx2_blamka(C0, D0);                                             \
        C1 = avx2_blamka(C1, D1);                                             \
        B0 = avx2_rotr24(_mm256_xor_si256(B0, C0));                           \
        B1 = avx2_rotr24(_mm256_xor_si256(B1, C1));                           \
        A0 = avx2_blamka(A0, B0);                                             \
        A1 = avx2_blamka(A1, B1);                                             \
        D0 = avx2_rotr16(_mm256_xor_si256(D0, A0));                           \
        D1 = avx2_rotr16(_mm256_xor_si256(D1, A1));                           \
        C0 = avx2_blamka(C0, D0);                                             \
        C1 = avx2_blamka(C1, D1);                                             \
        B0 = avx2_rotr63(_mm256_xor_si256(B0, C0));                           \
        B1 = avx2_rotr63(_mm256_xor_si256(B1, C1));                           \
    } while (0)

/* Word rotations of a 4-word register: left by 1, 2 and 3. */
#define AVX2_ROT1 _MM_SHUFFLE(0, 3, 2, 1)
#define AVX2_ROT2 _MM_SHUFFLE(1, 0, 3, 2)
#define AVX2_ROT3 _MM_SHUFFLE(2, 1, 0, 3)

/* P on two rows held as 4-word registers (A B C D) and (E F G H). */
#define AVX2_P_ROWS(A, B, C, D, E, F, G, H)                                   \
    do {                                                                      \
        AVX2_GB(A, B, C, D, E, F, G, H);                                      \
        B = _mm256_permute4x64_epi64(B, AVX2_ROT1);                           \
        F = _mm256_permute4x64_epi64(F, AVX2_ROT1);                           \
        C = _mm256_permute4x64_epi64(C, AVX2_ROT2);                           \
        G = _mm256_permute4x64_epi64(G, AVX2_ROT2);                           \
        D = _mm256_permute4x64_epi64(D, AVX2_ROT3);                           \
        H = _mm256_permute4x64_epi64(H, AVX2_ROT3);                           \
        AVX2_GB(A, B, C, D, E, F, G, H);                                      \
        B = _mm256_permute4x64_epi64(B, AVX2_ROT3);                           \
        F = _mm256_permute4x64_epi64(F, AVX2_ROT3);                           \
        C = _mm256_permute4x64_epi64(C, AVX2_ROT2);                           \
        G = _mm256_permute4x64_epi64(G, AVX2_ROT2);                           \
        D = _mm256_permute4x64_epi64(D, AVX2_ROT1);                           \
        H = _mm256_permute4x64_epi64(H, AVX2_ROT1);                           \
    } while (0)

/*
 * P on two columns in lane layout (A0 A1 B0 B1 C0 C1 D0 D1, one column per
 * 128-bit lane). Diagonals: B moves one word left, C two (swap by naming),
 * D three; then back.
 */
#define AVX2_P_COLS(A0, A1, B0, B1, C0, C1, D0, D1)                           \
    do {                                                                      \
        __m256i t0_, t1_;                                                     \
        AVX2_GB(A0, B0, C0, D0, A1, B1, C1, D1);                              \
        t0_ = avx2_join(B0, B1);                                              \
        t1_ = avx2_join(B1, B0);                                              \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        t0_ = avx2_join(D1, D0);                                              \
        t1_ = avx2_join(D0, D1);                                              \
        D0 = t0_;                                                             \
        D1 = t1_;                                                             \
        AVX2_GB(A0, B0, C1, D0, A1, B1, C0, D1);                              \
        t0_ = avx2_join(B1, B0);                                              \
        t1_ = avx2_join(B0, B1);                                              \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        t0_ = avx2_join(D0, D1);                                              \
        t1_ = avx2_join(D1, D0);                                              \
        D0 = t0_;                                                             \
        D1 = t1_;                                                             \
    } while (0)

AVX2_FN
void argon2ft_fill_avx2(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor)
{
    const __m256i *p = (const __m256i *)(const void *)prev->v;
    const __m256i *r = (const __m256i *)(const void *)ref->v;
    __m256i *out = (__m256i *)(void *)next->v;
    /* 32 registers: row j, words 4q .. 4q+3 at index 4j + q. */
    __m256i z[32];
    __m256i a0, a1, b0, b1, c0, c1, d0, d1;
    unsigned i;

#define AVX2_LOAD_R(k) _mm256_xor_si256(_mm256_loadu_si256(p + (k)), \
                                        _mm256_loadu_si256(r + (k)))
    for (i = 0; i < 32; i += 8) {
        a0 = AVX2_LOAD_R(i + 0);
        b0 = AVX2_LOAD_R(i + 1);
        c0 = AVX2_LOAD_R(i + 2);
        d0 = AVX2_LOAD_R(i + 3);
        a1 = AVX2_LOAD_R(i + 4);
        b1 = AVX2_LOAD_R(i + 5);
        c1 = AVX2_LOAD_R(i + 6);
        d1 = AVX2_LOAD_R(i + 7);
        AVX2_P_ROWS(a0, b0, c0, d0, a1, b1, c1, d1);
        z[i + 0] = a0;
        z[i + 1] = b0;
        z[i + 2] = c0;
        z[i + 3] = d0;
        z[i + 4] = a1;
        z[i + 5] = b1;
        z[i + 6] = c1;
        z[i + 7] = d1;
    }

    /*
     * Columns 2q, 2q+1. Z ^ R goes straight to next; R is read again from
     * prev and ref, safe when next is ref: each register is read before it
     * is written.
     */
    for (i = 0; i < 4; i++) {
        __m256i v[8];
        unsigned j;
        a0 = z[i + 0];
        a1 = z[i + 4];
        b0 = z[i + 8];
        b1 = z[i + 12];
        c0 = z[i + 16];
        c1 = z[i + 20];
        d0 = z[i + 24];
        d1 = z[i + 28];
        AVX2_P_COLS(a0, a1, b0, b1, c0, c1, d0, d1);
        v[0] = a0;
        v[1] = a1;
        v[2] = b0;
        v[3] = b1;
        v[4] = c0;
        v[5] = c1;
        v[6] = d0;
        v[7] = d1;
        for (j = 0; j < 8; j++) {
            unsigned k = i + 4 * j;
            __m256i w = _mm256_xor_si256(v[j], AVX2_LOAD_R(k));
            if (with_xor) {
                w = _mm256_xor_si256(w, _mm256_loadu_si256(out + k));
            }
            _mm256_storeu_si256(out + k, w);
        }
    }
#undef AVX2_LOAD_R
}

#endif /* ARGON2FT_HAVE_X86_KERNELS */
