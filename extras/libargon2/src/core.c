/*
 * The Argon2 algorithm, written from RFC 9106 section 3: H0, the first
 * blocks of each lane, the tag, and argon2ft_ctx driving them (the passes
 * over memory are lanes.c's, each segment segment.c's).
 */
#include <string.h>

#include "argon2_ft.h"
#include "blake2b.h"
#include "core.h"
#include "dispatch.h"
#include "lanes.h"
#include "le64.h"
#include "memory.h"
#include "validate.h"
#include "wipe.h"

/* H0 followed by two little-endian 32-bit words (block index, lane). */
#define ARGON2FT_SEED_BYTES (ARGON2FT_PREHASH_BYTES + 8)

static void store_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void absorb_le32(argon2ft_blake2b_state *s, uint32_t v)
{
    uint8_t b[4];
    store_le32(b, v);
    argon2ft_blake2b_update(s, b, sizeof(b));
}

/*
 * H0 (RFC 9106, 3.2 step 1) into seed[0..63]. Honours the clear flags: the
 * password and secret are wiped, and their lengths zeroed, once absorbed.
 */
static void prehash(uint8_t seed[ARGON2FT_SEED_BYTES], argon2_context *ctx,
                    argon2_type type)
{
    argon2ft_blake2b_state s;

    argon2ft_blake2b_init(&s, ARGON2FT_PREHASH_BYTES);
    absorb_le32(&s, ctx->lanes);
    absorb_le32(&s, ctx->outlen);
    absorb_le32(&s, ctx->m_cost);
    absorb_le32(&s, ctx->t_cost);
    absorb_le32(&s, ctx->version);
    absorb_le32(&s, (uint32_t)type);

    absorb_le32(&s, ctx->pwdlen);
    if (ctx->pwd != NULL) {
        argon2ft_blake2b_update(&s, ctx->pwd, ctx->pwdlen);
        if (ctx->flags & ARGON2_FLAG_CLEAR_PASSWORD) {
            argon2ft_wipe(ctx->pwd, ctx->pwdlen);
            ctx->pwdlen = 0;
        }
    }
    absorb_le32(&s, ctx->saltlen);
    if (ctx->salt != NULL) {
        argon2ft_blake2b_update(&s, ctx->salt, ctx->saltlen);
    }
    absorb_le32(&s, ctx->secretlen);
    if (ctx->secret != NULL) {
        argon2ft_blake2b_update(&s, ctx->secret, ctx->secretlen);
        if (ctx->flags & ARGON2_FLAG_CLEAR_SECRET) {
            argon2ft_wipe(ctx->secret, ctx->secretlen);
            ctx->secretlen = 0;
        }
    }
    absorb_le32(&s, ctx->adlen);
    if (ctx->ad != NULL) {
        argon2ft_blake2b_update(&s, ctx->ad, ctx->adlen);
    }
    argon2ft_blake2b_final(&s, seed);
    memset(seed + ARGON2FT_PREHASH_BYTES, 0, ARGON2FT_SEED_BYTES - ARGON2FT_PREHASH_BYTES);
}

static void block_from_bytes(argon2_block *b, const uint8_t *in)
{
    unsigned i;
    for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
        b->v[i] = load_le64(in + 8 * i);
    }
}

static void block_to_bytes(uint8_t *out, const argon2_block *b)
{
    unsigned i;
    for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
        store_le64(out + 8 * i, b->v[i]);
    }
}

/* B[i][0] = H'(1024, H0 || LE32(0) || LE32(i)), B[i][1] likewise with 1. */
static void first_blocks(const argon2ft_instance *inst,
                         uint8_t seed[ARGON2FT_SEED_BYTES])
{
    uint8_t bytes[ARGON2_BLOCK_SIZE];
    uint32_t lane, j;

    for (lane = 0; lane < inst->lanes; lane++) {
        store_le32(seed + ARGON2FT_PREHASH_BYTES + 4, lane);
        for (j = 0; j < 2; j++) {
            store_le32(seed + ARGON2FT_PREHASH_BYTES, j);
            argon2ft_hprime(bytes, sizeof(bytes), seed, ARGON2FT_SEED_BYTES);
            block_from_bytes(&inst->memory[(size_t)lane * inst->lane_length + j],
                             bytes);
        }
    }
    argon2ft_wipe(bytes, sizeof(bytes));
}

/* Tag = H'(outlen, XOR of every lane's last block). */
static void finalize(const argon2ft_instance *inst, uint8_t *out, uint32_t outlen)
{
    argon2_block acc;
    uint8_t bytes[ARGON2_BLOCK_SIZE];
    uint32_t lane;
    unsigned i;

    memcpy(&acc, &inst->memory[inst->lane_length - 1], sizeof(acc));
    for (lane = 1; lane < inst->lanes; lane++) {
        const argon2_block *last =
            &inst->memory[(size_t)lane * inst->lane_length + inst->lane_length - 1];
        for (i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) {
            acc.v[i] ^= last->v[i];
        }
    }
    block_to_bytes(bytes, &acc);
    argon2ft_hprime(out, outlen, bytes, sizeof(bytes));
    argon2ft_wipe(&acc, sizeof(acc));
    argon2ft_wipe(bytes, sizeof(bytes));
}

int argon2ft_ctx_traced(argon2_context *ctx, argon2_type type, int kernel,
                        const argon2ft_trace *trace)
{
    argon2ft_instance inst;
    argon2ft_matrix matrix;
    argon2ft_fill_job *hand_over = NULL;
    uint8_t seed[ARGON2FT_SEED_BYTES];
    uint32_t blocks, segment;
    int rc;

    rc = argon2ft_validate(ctx);
    if (rc != ARGON2_OK) {
        return rc;
    }
    if (type != Argon2_d && type != Argon2_i && type != Argon2_id) {
        return ARGON2_INCORRECT_TYPE;
    }
    /*
     * Like the reference, any version number is accepted: it enters H0, and
     * every version but 0x10 fills like 0x13.
     */

    memset(&inst, 0, sizeof(inst));
    inst.fill = argon2ft_kernel_fill(kernel);
    if (inst.fill == NULL) {
        return ARGON2FT_KERNEL_UNSUPPORTED;
    }

    /* m' = 4 * p * floor(m / 4p), with at least 2 blocks per segment. */
    blocks = ctx->m_cost;
    if ((uint64_t)blocks < (uint64_t)2 * ARGON2_SYNC_POINTS * ctx->lanes) {
        blocks = 2 * ARGON2_SYNC_POINTS * ctx->lanes;
    }
    segment = blocks / (ctx->lanes * ARGON2_SYNC_POINTS);
    inst.version = ctx->version;
    inst.passes = ctx->t_cost;
    inst.segment_length = segment;
    inst.lane_length = segment * ARGON2_SYNC_POINTS;
    inst.memory_blocks = inst.lane_length * ctx->lanes;
    inst.lanes = ctx->lanes;
    inst.threads = ctx->threads < ctx->lanes ? ctx->threads : ctx->lanes;
    inst.thread_budget = ctx->threads;
    inst.type = type;

    rc = argon2ft_matrix_alloc(&matrix, inst.memory_blocks, ctx->allocate_cbk,
                               ctx->free_cbk);
    if (rc != ARGON2_OK) {
        return rc;
    }
    inst.memory = matrix.blocks;
    inst.prefault_bytes = matrix.prefault_bytes;

    prehash(seed, ctx, type);
    if (trace != NULL && trace->prehash != NULL) {
        trace->prehash(trace->arg, seed);
    }
    first_blocks(&inst, seed);
    argon2ft_wipe(seed, sizeof(seed));

    /* Memory from the caller's callbacks goes back to them before this
       returns; the library's own can be released by a lane thread. */
    rc = argon2ft_fill_memory(&inst, trace,
                              matrix.source == ARGON2FT_MATRIX_USER
                                  ? NULL
                                  : &hand_over);
    if (rc == ARGON2_OK) {
        finalize(&inst, ctx->out, ctx->outlen);
    }
    if (hand_over != NULL) {
        argon2ft_matrix_handing_over(&matrix);
        argon2ft_fill_hand_over(hand_over, &matrix);
    } else {
        argon2ft_matrix_free(&matrix);
    }
    return rc;
}

int argon2ft_ctx(argon2_context *context, argon2_type type, int kernel)
{
    return argon2ft_ctx_traced(context, type, kernel, NULL);
}
