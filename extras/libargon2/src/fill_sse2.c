/*
 * G (RFC 9106, section 3.5-3.6) with SSE2, the x86-64 baseline.
 *
 * A 16-word input of P is held as eight 2-word registers A0 A1 B0 B1 C0 C1
 * D0 D1; GB runs on both halves at once. Rows are eight consecutive
 * registers of the block, columns every eighth register, so both passes
 * load registers directly; the block is staged through a 1 KiB buffer
 * because sixteen xmm registers hold only a quarter of it.
 */
#include "kernel.h"

#ifdef ARGON2FT_HAVE_X86_KERNELS

#include <immintrin.h>

#include "kernel_target.h"

#define SSE2_FN ARGON2FT_TARGET("sse2")

/* x + y + 2 * lo32(x) * lo32(y) in each 64-bit lane. */
ARGON2FT_INLINE SSE2_FN __m128i sse2_blamka(__m128i x, __m128i y)
{
    __m128i p = _mm_mul_epu32(x, y);
    return _mm_add_epi64(_mm_add_epi64(x, y), _mm_add_epi64(p, p));
}

ARGON2FT_INLINE SSE2_FN __m128i sse2_rotr32(__m128i x)
{
    return _mm_shuffle_epi32(x, _MM_SHUFFLE(2, 3, 0, 1));
}

ARGON2FT_INLINE SSE2_FN __m128i sse2_rotr24(__m128i x)
{
    return _mm_or_si128(_mm_srli_epi64(x, 24), _mm_slli_epi64(x, 40));
}

/* Rotating by a whole 16-bit word is a word shuffle in each half. */
ARGON2FT_INLINE SSE2_FN __m128i sse2_rotr16(__m128i x)
{
    x = _mm_shufflelo_epi16(x, _MM_SHUFFLE(0, 3, 2, 1));
    return _mm_shufflehi_epi16(x, _MM_SHUFFLE(0, 3, 2, 1));
}

ARGON2FT_INLINE SSE2_FN __m128i sse2_rotr63(__m128i x)
{
    return _mm_xor_si128(_mm_srli_epi64(x, 63), _mm_add_epi64(x, x));
}

/* (x[1], y[0]): one step of a 4-word rotation spread over two registers. */
ARGON2FT_INLINE SSE2_FN __m128i sse2_join(__m128i x, __m128i y)
{
    return _mm_castpd_si128(
        _mm_shuffle_pd(_mm_castsi128_pd(x), _mm_castsi128_pd(y), 1));
}

/* GB on both halves: (A0,B0,C0,D0) and (A1,B1,C1,D1). */
#define SSE2_GB(A0, B0, C0, D0, A1, B1, C1, D1)                               \
    do {                                                                      \
        A0 = sse2_blamka(A0, B0);                                             \
        A1 = sse2_blamka(A1, B1);                                             \
        D0 = sse2_rotr32(_mm_xor_si128(D0, A0));                              \
        D1 = sse2_rotr32(_mm_xor_si128(D1, A1));                              \
        C0 = sse2_blamka(C0, D0);                                             \
        C1 = sse2_blamka(C1, D1);                                             \
        B0 = sse2_rotr24(_mm_xor_si128(B0, C0));                              \
        B1 = sse2_rotr24(_mm_xor_si128(B1, C1));                              \
        A0 = sse2_blamka(A0, B0);                                             \
        A1 = sse2_blamka(A1, B1);                                             \
        D0 = sse2_rotr16(_mm_xor_si128(D0, A0));                              \
        D1 = sse2_rotr16(_mm_xor_si128(D1, A1));                              \
        C0 = sse2_blamka(C0, D0);                                             \
        C1 = sse2_blamka(C1, D1);                                             \
        B0 = sse2_rotr63(_mm_xor_si128(B0, C0));                              \
        B1 = sse2_rotr63(_mm_xor_si128(B1, C1));                              \
    } while (0)

/*
 * P: GB on the columns of the 4x4 word matrix, then on its diagonals. For
 * the diagonals B moves one word left, C two (a register swap, done by
 * naming) and D three; afterwards they move back.
 */
#define SSE2_P(A0, A1, B0, B1, C0, C1, D0, D1)                                \
    do {                                                                      \
        __m128i t0_, t1_;                                                     \
        SSE2_GB(A0, B0, C0, D0, A1, B1, C1, D1);                              \
        t0_ = sse2_join(B0, B1);                                              \
        t1_ = sse2_join(B1, B0);                                              \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        t0_ = sse2_join(D1, D0);                                              \
        t1_ = sse2_join(D0, D1);                                              \
        D0 = t0_;                                                             \
        D1 = t1_;                                                             \
        SSE2_GB(A0, B0, C1, D0, A1, B1, C0, D1);                              \
        t0_ = sse2_join(B1, B0);                                              \
        t1_ = sse2_join(B0, B1);                                              \
        B0 = t0_;                                                             \
        B1 = t1_;                                                             \
        t0_ = sse2_join(D0, D1);                                              \
        t1_ = sse2_join(D1, D0);                                              \
        D0 = t0_;                                                             \
        D1 = t1_;                                                             \
    } while (0)

/* R = prev ^ ref, register k (row k / 8, words 2 (k % 8) .. + 1). */
ARGON2FT_INLINE SSE2_FN __m128i sse2_load_r(const __m128i *p,
                                            const __m128i *r, unsigned k)
{
    return _mm_xor_si128(_mm_loadu_si128(p + k), _mm_loadu_si128(r + k));
}

/* Register k of the result: Z ^ R, or next ^ Z ^ R. */
ARGON2FT_INLINE SSE2_FN void sse2_store(__m128i *out, const __m128i *p,
                                        const __m128i *r, unsigned k,
                                        __m128i zk, int with_xor)
{
    __m128i w = _mm_xor_si128(zk, sse2_load_r(p, r, k));
    if (with_xor) {
        w = _mm_xor_si128(w, _mm_loadu_si128(out + k));
    }
    _mm_storeu_si128(out + k, w);
}

SSE2_FN
void argon2ft_fill_sse2(argon2_block *next, const argon2_block *prev,
                        const argon2_block *ref, int with_xor,
                        argon2_word0_hook *hook)
{
    const __m128i *p = (const __m128i *)(const void *)prev->v;
    const __m128i *r = (const __m128i *)(const void *)ref->v;
    __m128i *out = (__m128i *)(void *)next->v;
    __m128i z[64];
    __m128i a0, a1, b0, b1, c0, c1, d0, d1;
    unsigned i;

    /* Rows: registers 8i .. 8i+7. */
    for (i = 0; i < 64; i += 8) {
        a0 = sse2_load_r(p, r, i + 0);
        a1 = sse2_load_r(p, r, i + 1);
        b0 = sse2_load_r(p, r, i + 2);
        b1 = sse2_load_r(p, r, i + 3);
        c0 = sse2_load_r(p, r, i + 4);
        c1 = sse2_load_r(p, r, i + 5);
        d0 = sse2_load_r(p, r, i + 6);
        d1 = sse2_load_r(p, r, i + 7);
        SSE2_P(a0, a1, b0, b1, c0, c1, d0, d1);
        z[i + 0] = a0;
        z[i + 1] = a1;
        z[i + 2] = b0;
        z[i + 3] = b1;
        z[i + 4] = c0;
        z[i + 5] = c1;
        z[i + 6] = d0;
        z[i + 7] = d1;
    }

    /*
     * Columns: registers i, i+8, ..., i+56. The result Z ^ R goes straight
     * to next; R is read again from prev and ref, which is safe when next
     * is ref because each register is read before it is written.
     */
    for (i = 0; i < 8; i++) {
        a0 = z[i + 0];
        a1 = z[i + 8];
        b0 = z[i + 16];
        b1 = z[i + 24];
        c0 = z[i + 32];
        c1 = z[i + 40];
        d0 = z[i + 48];
        d1 = z[i + 56];
        SSE2_P(a0, a1, b0, b1, c0, c1, d0, d1);
        /* Each store by name: an array indexed in a loop would live on
           the stack unless the compiler unrolls that loop, which gcc -O2
           does not (docs/performance.md). */
        sse2_store(out, p, r, i + 0, a0, with_xor);
        sse2_store(out, p, r, i + 8, a1, with_xor);
        sse2_store(out, p, r, i + 16, b0, with_xor);
        sse2_store(out, p, r, i + 24, b1, with_xor);
        sse2_store(out, p, r, i + 32, c0, with_xor);
        sse2_store(out, p, r, i + 40, c1, with_xor);
        sse2_store(out, p, r, i + 48, d0, with_xor);
        sse2_store(out, p, r, i + 56, d1, with_xor);
        /* Word 0 is done with the first column; the other seven overlap
           whatever the hook starts. */
        if (i == 0 && hook != NULL) {
            hook->seen(hook, next->v[0]);
        }
    }
}

#endif /* ARGON2FT_HAVE_X86_KERNELS */
