/*
 * PHC string encoding and the strict decoder used by every verify path.
 *
 * The decoder accepts exactly
 *   "$" type ["$v=" num] "$m=" num ",t=" num ",p=" num "$" b64 "$" b64
 * with num a canonical decimal that fits in 32 bits (no sign, no leading
 * zero, "0" itself allowed) and b64 the standard alphabet without padding,
 * a length that is not 1 modulo 4 and zero unused trailing bits. A missing
 * "v=" means version 0x10. After parsing, the context is validated like the
 * reference does it (salt too short, memory too small, ...), and only then
 * is anything after the tag rejected, so the error codes agree with the
 * reference's decoder for every input it also rejects.
 *
 * Deviations from the reference decoder:
 * - The length is explicit: a NUL byte inside encoded[0 .. len) is
 *   ARGON2_DECODING_FAIL (the reference stops reading at the first NUL and
 *   may accept the prefix). Through argon2_verify, which passes strlen, the
 *   behaviour is identical.
 * - argon2ft_decode reports a salt or tag larger than the caller's buffer as
 *   ARGON2_DECODING_FAIL, as the reference does for its buffers; its public
 *   entry point also accepts any type, which the reference cannot express.
 * - Bytes 0x80-0xFF are not base64 digits here, so one in the salt or tag
 *   is ARGON2_DECODING_FAIL. The reference decodes them as digits (such a
 *   hash reaches the comparison and fails as ARGON2_VERIFY_MISMATCH). An
 *   encoded hash is ASCII, so the reference accepts nothing valid that we
 *   refuse.
 * Everything else (including any version number, as the reference accepts)
 * is the reference's behaviour.
 */
#include <string.h>

#include "argon2_ft.h"
#include "encoding.h"
#include "sizes.h"
#include "validate.h"

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

uint64_t argon2ft_b64_len(uint32_t n)
{
    /* 64-bit: 4/3 of 2^32 - 1 does not fit a 32-bit size_t. */
    uint64_t len = ((uint64_t)n / 3) * 4;
    switch (n % 3) {
    case 1:
        len += 2;
        break;
    case 2:
        len += 3;
        break;
    default:
        break;
    }
    return len;
}

size_t argon2ft_dec_len(uint32_t n)
{
    size_t len = 1;
    while (n >= 10) {
        n /= 10;
        len++;
    }
    return len;
}

/* ---- encoding ---- */

typedef struct writer {
    char *p;
    size_t left; /* bytes of room, the NUL included */
    int failed;
} writer;

static void put_str(writer *w, const char *s)
{
    size_t n = strlen(s);
    if (w->failed || n >= w->left) {
        w->failed = 1;
        return;
    }
    memcpy(w->p, s, n + 1);
    w->p += n;
    w->left -= n;
}

static void put_u32(writer *w, uint32_t v)
{
    char tmp[11];
    size_t n = argon2ft_dec_len(v), i;
    for (i = n; i > 0; i--) {
        tmp[i - 1] = (char)('0' + v % 10);
        v /= 10;
    }
    tmp[n] = '\0';
    put_str(w, tmp);
}

static void put_b64(writer *w, const uint8_t *src, uint32_t n)
{
    uint64_t need = argon2ft_b64_len(n);
    uint32_t acc = 0;
    unsigned bits = 0;
    uint32_t i;

    if (w->failed || need >= w->left) {
        w->failed = 1;
        return;
    }
    for (i = 0; i < n; i++) {
        acc = (acc << 8) | src[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            *w->p++ = b64_alphabet[(acc >> bits) & 0x3F];
        }
    }
    if (bits > 0) {
        *w->p++ = b64_alphabet[(acc << (6 - bits)) & 0x3F];
    }
    *w->p = '\0';
    w->left -= need;
}

int argon2ft_encode(char *dst, size_t dstlen, const argon2_context *ctx,
                    argon2_type type)
{
    writer w;
    const char *name = argon2_type2string(type, 0);
    int rc;

    if (name == NULL) {
        return ARGON2_ENCODING_FAIL;
    }
    rc = argon2ft_validate(ctx);
    if (rc != ARGON2_OK) {
        return rc;
    }
    w.p = dst;
    w.left = dstlen;
    w.failed = 0;
    put_str(&w, "$");
    put_str(&w, name);
    put_str(&w, "$v=");
    put_u32(&w, ctx->version);
    put_str(&w, "$m=");
    put_u32(&w, ctx->m_cost);
    put_str(&w, ",t=");
    put_u32(&w, ctx->t_cost);
    put_str(&w, ",p=");
    put_u32(&w, ctx->lanes);
    put_str(&w, "$");
    put_b64(&w, ctx->salt, ctx->saltlen);
    put_str(&w, "$");
    put_b64(&w, ctx->out, ctx->outlen);
    return w.failed ? ARGON2_ENCODING_FAIL : ARGON2_OK;
}

/* ---- decoding ---- */

typedef struct reader {
    const char *p;
    const char *end;
} reader;

/* Consumes the literal s; 0 when the input does not start with it. */
static int take(reader *r, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, s, n) != 0) {
        return 0;
    }
    r->p += n;
    return 1;
}

static int take_u32(reader *r, uint32_t *out)
{
    const char *start = r->p;
    uint32_t v = 0;

    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
        uint32_t d = (uint32_t)(*r->p - '0');
        if (v > (UINT32_C(0xFFFFFFFF) - d) / 10) {
            return 0; /* does not fit in 32 bits */
        }
        v = v * 10 + d;
        r->p++;
    }
    if (r->p == start) {
        return 0; /* no digits (also catches '+' and '-') */
    }
    if (*start == '0' && r->p - start > 1) {
        return 0; /* leading zero */
    }
    *out = v;
    return 1;
}

static int b64_value(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

/* Decodes the longest base64 run at r into dst (cap bytes). */
static int take_b64(reader *r, uint8_t *dst, size_t cap, uint32_t *outlen)
{
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t n = 0;

    while (r->p < r->end) {
        int v = b64_value(*r->p);
        if (v < 0) {
            break;
        }
        r->p++;
        acc = ((acc << 6) | (uint32_t)v) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n >= cap) {
                return 0; /* buffer too small */
            }
            dst[n++] = (uint8_t)(acc >> bits);
        }
    }
    /* 6 leftover bits: length 1 mod 4. Other leftovers must be zero. */
    if (bits > 4 || (acc & ((UINT32_C(1) << bits) - 1)) != 0) {
        return 0;
    }
    if (!ARGON2FT_FITS_U32(n)) {
        return 0;
    }
    *outlen = (uint32_t)n;
    return 1;
}

int argon2ft_decode_ctx(argon2_context *ctx, int expected, argon2_type *found,
                        const char *encoded, size_t len)
{
    reader r;
    argon2_type type;
    uint8_t *salt = ctx->salt;
    uint8_t *out = ctx->out;
    size_t saltcap = ctx->saltlen;
    size_t outcap = ctx->outlen;
    int rc;

    if (expected != -1 && expected != Argon2_d && expected != Argon2_i &&
        expected != Argon2_id) {
        return ARGON2_INCORRECT_TYPE;
    }
    if (encoded == NULL || memchr(encoded, '\0', len) != NULL) {
        return ARGON2_DECODING_FAIL;
    }
    r.p = encoded;
    r.end = encoded + len;

    if (!take(&r, "$argon2")) {
        return ARGON2_DECODING_FAIL;
    }
    if (take(&r, "id")) {
        type = Argon2_id;
    } else if (take(&r, "i")) {
        type = Argon2_i;
    } else if (take(&r, "d")) {
        type = Argon2_d;
    } else {
        return ARGON2_DECODING_FAIL;
    }
    if (expected != -1 && (int)type != expected) {
        return ARGON2_DECODING_FAIL;
    }

    ctx->version = ARGON2_VERSION_10;
    if (take(&r, "$v=")) {
        if (!take_u32(&r, &ctx->version)) {
            return ARGON2_DECODING_FAIL;
        }
    }
    if (!take(&r, "$m=") || !take_u32(&r, &ctx->m_cost) ||
        !take(&r, ",t=") || !take_u32(&r, &ctx->t_cost) ||
        !take(&r, ",p=") || !take_u32(&r, &ctx->lanes)) {
        return ARGON2_DECODING_FAIL;
    }
    ctx->threads = ctx->lanes;
    if (!take(&r, "$") || !take_b64(&r, salt, saltcap, &ctx->saltlen)) {
        return ARGON2_DECODING_FAIL;
    }
    if (!take(&r, "$") || !take_b64(&r, out, outcap, &ctx->outlen)) {
        return ARGON2_DECODING_FAIL;
    }

    rc = argon2ft_validate(ctx);
    if (rc != ARGON2_OK) {
        return rc;
    }
    if (r.p != r.end) {
        return ARGON2_DECODING_FAIL; /* trailing characters */
    }
    if (found != NULL) {
        *found = type;
    }
    return ARGON2_OK;
}

int argon2ft_decode(const char *encoded, size_t encodedlen,
                    argon2ft_params *params, uint8_t *salt, size_t saltcap,
                    uint8_t *hash, size_t hashcap)
{
    argon2_context ctx;
    argon2_type type = Argon2_i;
    /* Stand-ins for NULL buffers (capacity 0): validation would report a
       NULL output pointer instead of judging the decoded lengths. */
    uint8_t no_salt, no_hash;
    int rc;

    if (params == NULL) {
        return ARGON2_DECODING_FAIL;
    }
    memset(&ctx, 0, sizeof(ctx));
    ctx.salt = salt != NULL ? salt : &no_salt;
    ctx.saltlen = (uint32_t)(salt != NULL ? (saltcap > UINT32_C(0xFFFFFFFF) ? UINT32_C(0xFFFFFFFF) : saltcap) : 0);
    ctx.out = hash != NULL ? hash : &no_hash;
    ctx.outlen = (uint32_t)(hash != NULL ? (hashcap > UINT32_C(0xFFFFFFFF) ? UINT32_C(0xFFFFFFFF) : hashcap) : 0);

    rc = argon2ft_decode_ctx(&ctx, -1, &type, encoded, encodedlen);
    if (rc != ARGON2_OK) {
        return rc;
    }
    params->type = type;
    params->version = ctx.version;
    params->m_cost = ctx.m_cost;
    params->t_cost = ctx.t_cost;
    params->lanes = ctx.lanes;
    params->saltlen = ctx.saltlen;
    params->hashlen = ctx.outlen;
    return ARGON2_OK;
}
