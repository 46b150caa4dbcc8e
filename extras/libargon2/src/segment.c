/*
 * The segment fill code of RFC 9106, section 3.4: reference-block indexing,
 * address generation for data-independent addressing, prefetching, and the
 * loop that fills one segment (or two lanes' segments in step).
 */
#include <string.h>

#include "segment.h"
#include "wipe.h"

/* Reference addresses generated per address block (one per 64-bit word). */
#define ADDRESSES_IN_BLOCK ARGON2_QWORDS_IN_BLOCK

/*
 * Maps J1 to a block of the reference area (RFC 9106, 3.4.2): the area is
 * every finished block this position may see, the mapping is biased towards
 * recent blocks, and the result is an index within the reference lane.
 */
static uint32_t reference_index(const argon2ft_instance *inst, uint32_t pass,
                                uint32_t slice, uint32_t index, uint32_t j1,
                                int same_lane)
{
    uint32_t area, start;
    uint64_t x, y, position;

    if (pass == 0) {
        if (slice == 0) {
            /* Only this lane, all blocks but the previous one. */
            area = index - 1;
        } else if (same_lane) {
            area = slice * inst->segment_length + index - 1;
        } else {
            /* Other lanes' finished slices; the last block of those is
               excluded when this is the first block of the segment. */
            area = slice * inst->segment_length - (index == 0 ? 1 : 0);
        }
    } else {
        if (same_lane) {
            area = inst->lane_length - inst->segment_length + index - 1;
        } else {
            area = inst->lane_length - inst->segment_length - (index == 0 ? 1 : 0);
        }
    }

    x = ((uint64_t)j1 * j1) >> 32;
    y = ((uint64_t)area * x) >> 32;
    start = 0;
    if (pass != 0 && slice != ARGON2_SYNC_POINTS - 1) {
        start = (slice + 1) * inst->segment_length;
    }
    /* start + (area - 1 - y) < 2 * lane_length: one subtraction wraps it,
       where a division would sit between each block and the next. */
    position = (uint64_t)start + (area - 1 - y);
    return (uint32_t)(position >= inst->lane_length
                          ? position - inst->lane_length
                          : position);
}

/* address = G(0, G(0, input)) after incrementing input's counter word. */
static void next_address_block(const argon2ft_instance *inst,
                               argon2_block *address, argon2_block *input,
                               const argon2_block *zero)
{
    input->v[6]++;
    inst->fill(address, zero, input, 0, NULL);
    inst->fill(address, zero, address, 0, NULL);
}

/*
 * A hint that the block at b will be read soon; no effect on results.
 * Reference blocks are random reads from a matrix far larger than the
 * caches, so each one costs a memory round trip unless it is requested
 * ahead of time.
 */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH_LINE(p) __builtin_prefetch((p), 0, 3)
#elif defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
#include <xmmintrin.h>
#define PREFETCH_LINE(p) _mm_prefetch((const char *)(p), _MM_HINT_T0)
#else
#define PREFETCH_LINE(p) ((void)(p))
#endif
#define CACHE_LINE 64

static void prefetch_block(const argon2_block *b)
{
    const unsigned char *p = (const unsigned char *)b->v;
    unsigned off;
    for (off = 0; off < ARGON2_BLOCK_SIZE; off += CACHE_LINE) {
        PREFETCH_LINE(p + off);
    }
}

/* The block that position index of (pass, lane, slice) references, given
   its pseudo-random word. */
static const argon2_block *reference_block(const argon2ft_instance *inst,
                                           uint32_t pass, uint32_t lane,
                                           uint32_t slice, uint32_t index,
                                           uint64_t rand)
{
    uint32_t ref_lane, ref_index;

    if (pass == 0 && slice == 0) {
        ref_lane = lane; /* nothing of other lanes exists yet */
    } else if (inst->lanes == 1) {
        ref_lane = 0; /* no division on the single-lane path */
    } else {
        ref_lane = (uint32_t)(rand >> 32) % inst->lanes;
    }
    ref_index = reference_index(inst, pass, slice, index, (uint32_t)rand,
                                ref_lane == lane);
    return &inst->memory[(size_t)ref_lane * inst->lane_length + ref_index];
}

/* Argon2i, and Argon2id's first half of pass 0, address blocks by counter;
   everything else by the block before. */
static int independent_addressing(const argon2ft_instance *inst,
                                  uint32_t pass, uint32_t slice)
{
    return inst->type == Argon2_i ||
           (inst->type == Argon2_id && pass == 0 &&
            slice < ARGON2_SYNC_POINTS / 2);
}

/* Version 0x10 overwrites blocks on every pass; 0x13 XORs from pass 1. */
static int xor_into_blocks(const argon2ft_instance *inst, uint32_t pass)
{
    return inst->version != ARGON2_VERSION_10 && pass != 0;
}

/* Narrows positions *from .. *to of a segment to those computed here (the
   first two blocks of a lane come from H0); 0 when none are left. */
static int clamp_positions(const argon2ft_instance *inst, uint32_t pass,
                           uint32_t slice, uint32_t *from, uint32_t *to)
{
    if (pass == 0 && slice == 0 && *from < 2) {
        *from = 2;
    }
    if (*to > inst->segment_length) {
        *to = inst->segment_length;
    }
    return *from < *to;
}

/* The memory index of position index of (lane, slice), and in *prev that
   of the block before it (the lane's last block before its first). */
static size_t block_at(const argon2ft_instance *inst, uint32_t lane,
                       uint32_t slice, uint32_t index, size_t *prev)
{
    size_t lane_base = (size_t)lane * inst->lane_length;
    size_t cur = lane_base + (size_t)slice * inst->segment_length + index;
    *prev = (cur == lane_base) ? lane_base + inst->lane_length - 1 : cur - 1;
    return cur;
}

/* The reference of the next position, found from the first word of the
   block in progress (argon2_word0_hook) and requested at once. */
typedef struct next_reference {
    argon2_word0_hook hook; /* first: the kernel's hook is this struct */
    const argon2ft_instance *inst;
    uint32_t pass, lane, slice, index;
    const argon2_block *ref;
} next_reference;

static void next_reference_seen(argon2_word0_hook *hook, uint64_t word0)
{
    next_reference *next = (next_reference *)(void *)hook;
    next->ref = reference_block(next->inst, next->pass, next->lane,
                                next->slice, next->index, word0);
    prefetch_block(next->ref);
}

/* A hook for the positions of one lane's segment; index is set per block. */
static void next_reference_init(next_reference *next,
                                const argon2ft_instance *inst, uint32_t pass,
                                uint32_t lane, uint32_t slice)
{
    next->hook.seen = next_reference_seen;
    next->inst = inst;
    next->pass = pass;
    next->lane = lane;
    next->slice = slice;
    next->index = 0;
    next->ref = NULL;
}

/*
 * Positions from .. to of one lane's segment, data-dependent addressing.
 * A block's reference follows from the block before it; the kernel reports
 * that block's first word after half of its work (argon2_word0_hook), so
 * the reference's memory round trip overlaps the other half instead of
 * stalling the next block's first loads.
 */
static void fill_dependent(const argon2ft_instance *inst, uint32_t pass,
                           uint32_t lane, uint32_t slice, uint32_t from,
                           uint32_t to)
{
    int with_xor = xor_into_blocks(inst, pass);
    next_reference next;
    const argon2_block *ref;
    uint32_t index;
    size_t prev, cur = block_at(inst, lane, slice, from, &prev);

    next_reference_init(&next, inst, pass, lane, slice);
    ref = reference_block(inst, pass, lane, slice, from,
                          inst->memory[prev].v[0]);
    prefetch_block(ref);
    for (index = from; index + 1 < to; index++) {
        next.index = index + 1;
        inst->fill(&inst->memory[cur], &inst->memory[prev], ref, with_xor,
                   &next.hook);
        ref = next.ref;
        prev = cur;
        cur++;
    }
    inst->fill(&inst->memory[cur], &inst->memory[prev], ref, with_xor, NULL);
}

/*
 * How many blocks ahead the reference of a data-independent position is
 * requested: its address is known from the address block, so its memory
 * latency can overlap the computation of the blocks in between.
 */
#define PREFETCH_AHEAD 4

void argon2ft_fill_segment_part(const argon2ft_instance *inst, uint32_t pass,
                                uint32_t lane, uint32_t slice, uint32_t from,
                                uint32_t to)
{
    argon2_block address, input, zero;
    int with_xor;
    uint32_t index;
    size_t cur, prev;

    if (!clamp_positions(inst, pass, slice, &from, &to)) {
        return;
    }
    if (!independent_addressing(inst, pass, slice)) {
        fill_dependent(inst, pass, lane, slice, from, to);
        return;
    }
    with_xor = xor_into_blocks(inst, pass);
    cur = block_at(inst, lane, slice, from, &prev);

    memset(&zero, 0, sizeof(zero));
    memset(&input, 0, sizeof(input));
    input.v[0] = pass;
    input.v[1] = lane;
    input.v[2] = slice;
    input.v[3] = inst->memory_blocks;
    input.v[4] = inst->passes;
    input.v[5] = (uint64_t)inst->type;
    /* The counter of the address block that holds position from's word,
       less the increment next_address_block makes. */
    input.v[6] = from / ADDRESSES_IN_BLOCK;

    /*
     * One address block serves ADDRESSES_IN_BLOCK positions: those from
     * index - index % ADDRESSES_IN_BLOCK on, so a segment starting at 2 uses
     * words 2.. of its first block. Within one address block the references
     * of the next positions are known, and requested ahead.
     */
    index = from;
    while (index < to) {
        const argon2_block *refs[ADDRESSES_IN_BLOCK];
        uint32_t first = index % ADDRESSES_IN_BLOCK;
        uint32_t count = ADDRESSES_IN_BLOCK - first;
        uint32_t k;

        if (count > to - index) {
            count = to - index;
        }
        next_address_block(inst, &address, &input, &zero);
        for (k = 0; k < count; k++) {
            refs[k] = reference_block(inst, pass, lane, slice, index + k,
                                      address.v[first + k]);
        }
        for (k = 0; k < count && k < PREFETCH_AHEAD; k++) {
            prefetch_block(refs[k]);
        }
        for (k = 0; k < count; k++) {
            if (k + PREFETCH_AHEAD < count) {
                prefetch_block(refs[k + PREFETCH_AHEAD]);
            }
            inst->fill(&inst->memory[cur], &inst->memory[prev], refs[k],
                       with_xor, NULL);
            prev = cur;
            cur++;
        }
        index += count;
    }

    argon2ft_wipe(&address, sizeof(address));
    argon2ft_wipe(&input, sizeof(input));
}

void argon2ft_fill_segment(const argon2ft_instance *inst, uint32_t pass,
                           uint32_t lane, uint32_t slice)
{
    argon2ft_fill_segment_part(inst, pass, lane, slice, 0,
                               inst->segment_length);
}

/*
 * Two lanes of one slice, data-dependent addressing, one block of each in
 * turn. A block's reference is known only once half of the block before it
 * is done (fill_dependent); with two lanes in step, its memory round trip
 * also overlaps the other lane's block. The lanes of a slice never
 * reference each other's current segment, so the order between them does
 * not matter.
 */
static int fill_dependent_pair(const argon2ft_instance *inst, uint32_t pass,
                               uint32_t lane_a, uint32_t lane_b,
                               uint32_t slice, uint32_t from, uint32_t to)
{
    int with_xor = xor_into_blocks(inst, pass);
    uint32_t index;
    size_t cur_a, prev_a, cur_b, prev_b;
    const argon2_block *ref_a, *ref_b;
    next_reference next_a, next_b;

    if (independent_addressing(inst, pass, slice)) {
        return 0; /* prefetched within each segment */
    }
    if (!clamp_positions(inst, pass, slice, &from, &to)) {
        return 1;
    }
    cur_a = block_at(inst, lane_a, slice, from, &prev_a);
    cur_b = block_at(inst, lane_b, slice, from, &prev_b);

    next_reference_init(&next_a, inst, pass, lane_a, slice);
    next_reference_init(&next_b, inst, pass, lane_b, slice);
    ref_a = reference_block(inst, pass, lane_a, slice, from,
                            inst->memory[prev_a].v[0]);
    prefetch_block(ref_a);
    ref_b = reference_block(inst, pass, lane_b, slice, from,
                            inst->memory[prev_b].v[0]);
    prefetch_block(ref_b);
    for (index = from; index + 1 < to; index++) {
        next_a.index = index + 1;
        next_b.index = index + 1;
        inst->fill(&inst->memory[cur_a], &inst->memory[prev_a], ref_a,
                   with_xor, &next_a.hook);
        inst->fill(&inst->memory[cur_b], &inst->memory[prev_b], ref_b,
                   with_xor, &next_b.hook);
        ref_a = next_a.ref;
        ref_b = next_b.ref;
        prev_a = cur_a++;
        prev_b = cur_b++;
    }
    inst->fill(&inst->memory[cur_a], &inst->memory[prev_a], ref_a, with_xor,
               NULL);
    inst->fill(&inst->memory[cur_b], &inst->memory[prev_b], ref_b, with_xor,
               NULL);
    return 1;
}

void argon2ft_fill_segment_pair_part(const argon2ft_instance *inst,
                                     uint32_t pass, uint32_t lane_a,
                                     uint32_t lane_b, uint32_t slice,
                                     uint32_t from, uint32_t to)
{
    if (!fill_dependent_pair(inst, pass, lane_a, lane_b, slice, from, to)) {
        argon2ft_fill_segment_part(inst, pass, lane_a, slice, from, to);
        argon2ft_fill_segment_part(inst, pass, lane_b, slice, from, to);
    }
}

void argon2ft_fill_segment_pair(const argon2ft_instance *inst, uint32_t pass,
                                uint32_t lane_a, uint32_t lane_b,
                                uint32_t slice)
{
    argon2ft_fill_segment_pair_part(inst, pass, lane_a, lane_b, slice, 0,
                                    inst->segment_length);
}
