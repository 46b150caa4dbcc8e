/*
 * Lane sharing within a slice (src/lane_share.c): whatever the schedule,
 * the matrix equals a one-thread fill; and when one thread is slow, the
 * others take its lanes, both those not started and the second lane of a
 * pair in progress. A fill function wrapped around the portable kernel
 * records which thread wrote each block and makes one thread slower.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "barrier.h"
#include "kernel.h"
#include "lane_share.h"
#include "os_thread.h"
#include "segment.h"
#include "testlib.h"

#if defined(__GNUC__) || defined(__clang__)
#define THREAD_LOCAL __thread
#endif

#if defined(THREAD_LOCAL)

#define MAX_PARTIES 4
#define PASSES 2
#define SEGMENT 1024u /* four chunks of lane_share.c */
#define SLOWDOWN 4    /* extra kernel calls per block on the slow thread */

static THREAD_LOCAL int my_id = -1;
static int slow_id = -1;
static argon2_block *matrix;
static size_t matrix_blocks;
static unsigned char *writer; /* per pass and block: who wrote it */
static uint32_t current_pass;

static void recording_fill(argon2_block *next, const argon2_block *prev,
                           const argon2_block *ref, int with_xor,
                           argon2_word0_hook *hook)
{
    argon2ft_fill_portable(next, prev, ref, with_xor, hook);
    if (next >= matrix && next < matrix + matrix_blocks) {
        writer[(size_t)current_pass * matrix_blocks + (size_t)(next - matrix)] =
            (unsigned char)my_id;
        if (my_id == slow_id) {
            argon2_block scratch;
            int i;
            for (i = 0; i < SLOWDOWN; i++) {
                argon2ft_fill_portable(&scratch, prev, ref, 0, NULL);
            }
        }
    }
}

/* The first two blocks of each lane, as H0 would give them. */
static void seed(argon2_block *m, const argon2ft_instance *inst)
{
    uint32_t lane, b, w;
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (lane = 0; lane < inst->lanes; lane++) {
        for (b = 0; b < 2; b++) {
            for (w = 0; w < ARGON2_QWORDS_IN_BLOCK; w++) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                m[(size_t)lane * inst->lane_length + b].v[w] = x;
            }
        }
    }
}

static argon2ft_instance make_instance(argon2_block *m, uint32_t lanes,
                                       argon2_type type)
{
    argon2ft_instance inst;
    memset(&inst, 0, sizeof(inst));
    inst.memory = m;
    inst.version = ARGON2_VERSION_13;
    inst.passes = PASSES;
    inst.segment_length = SEGMENT;
    inst.lane_length = 4 * SEGMENT;
    inst.lanes = lanes;
    inst.memory_blocks = lanes * inst.lane_length;
    inst.threads = lanes;
    inst.thread_budget = lanes;
    inst.type = type;
    inst.fill = recording_fill;
    return inst;
}

typedef struct party {
    argon2ft_lane_share *share;
    argon2ft_barrier *barrier;
    const argon2ft_instance *inst;
    uint32_t id;
} party;

static void *party_main(void *p)
{
    party *me = (party *)p;
    uint32_t pass, slice;
    uint64_t seq = 0;
    my_id = (int)me->id;
    for (pass = 0; pass < me->inst->passes; pass++) {
        for (slice = 0; slice < ARGON2_SYNC_POINTS; slice++) {
            argon2ft_lane_share_fill(me->share, me->inst, me->id, ++seq, pass,
                                     slice);
            argon2ft_barrier_wait(me->barrier);
            if (me->id == 0 && slice == ARGON2_SYNC_POINTS - 1) {
                current_pass = pass + 1; /* all others wait at the barrier */
            }
            argon2ft_barrier_wait(me->barrier);
        }
    }
    return NULL;
}

typedef struct outcome {
    int equal;            /* the matrix equals the one-thread fill */
    int split_segments;   /* segments written by two threads */
    size_t written[MAX_PARTIES];
} outcome;

/* cpus > 0 lets a taker poll for the owner's answer (lane_share.c);
   taking 0 keeps every lane with its owner. */
static outcome run_with(uint32_t lanes, uint32_t parties, argon2_type type,
                        int slow, uint32_t cpus, int taking)
{
    outcome out;
    argon2ft_instance ref_inst, inst;
    argon2_block *expected;
    argon2ft_lane_share *share;
    argon2ft_barrier barrier;
    party parties_arg[MAX_PARTIES];
    tl_thread threads[MAX_PARTIES];
    uint32_t pass, slice, lane, i;
    size_t bytes;

    memset(&out, 0, sizeof(out));
    matrix_blocks = (size_t)lanes * 4 * SEGMENT;
    bytes = matrix_blocks * sizeof(argon2_block);
    expected = (argon2_block *)calloc(1, bytes);
    matrix = (argon2_block *)calloc(1, bytes);
    writer = (unsigned char *)calloc(PASSES, matrix_blocks);
    share = argon2ft_lane_share_new(parties, cpus);
    if (expected == NULL || matrix == NULL || writer == NULL ||
        share == NULL || argon2ft_barrier_init(&barrier, parties, 0) != 0) {
        fprintf(stderr, "no memory for the test\n");
        exit(2);
    }

    ref_inst = make_instance(expected, lanes, type);
    seed(expected, &ref_inst);
    my_id = MAX_PARTIES;
    slow_id = -1;
    for (pass = 0; pass < PASSES; pass++) {
        current_pass = pass;
        for (slice = 0; slice < ARGON2_SYNC_POINTS; slice++) {
            for (lane = 0; lane < lanes; lane++) {
                /* writer records go to the shared matrix's range only */
                argon2ft_fill_segment(&ref_inst, pass, lane, slice);
            }
        }
    }

    inst = make_instance(matrix, lanes, type);
    seed(matrix, &inst);
    current_pass = 0;
    slow_id = slow ? 1 : -1;
    argon2ft_lane_share_set_parties(share, parties,
                                    taking ? ARGON2FT_TAKE_ALWAYS
                                           : ARGON2FT_TAKE_NEVER);
    for (i = 0; i < parties; i++) {
        parties_arg[i].share = share;
        parties_arg[i].barrier = &barrier;
        parties_arg[i].inst = &inst;
        parties_arg[i].id = i;
        if (tl_thread_start(&threads[i], party_main, &parties_arg[i]) != 0) {
            fprintf(stderr, "cannot start a thread\n");
            exit(2);
        }
    }
    for (i = 0; i < parties; i++) {
        tl_thread_join(threads[i]);
    }

    out.equal = memcmp(expected, matrix, bytes) == 0;
    for (pass = 0; pass < PASSES; pass++) {
        for (slice = 0; slice < ARGON2_SYNC_POINTS; slice++) {
            for (lane = 0; lane < lanes; lane++) {
                size_t base = (size_t)pass * matrix_blocks +
                              (size_t)lane * inst.lane_length +
                              (size_t)slice * SEGMENT;
                uint32_t b, first = pass == 0 && slice == 0 ? 2 : 0;
                int split = 0;
                for (b = first; b < SEGMENT; b++) {
                    out.written[writer[base + b] % MAX_PARTIES]++;
                    split |= writer[base + b] != writer[base + first];
                }
                out.split_segments += split;
            }
        }
    }

    argon2ft_barrier_destroy(&barrier);
    argon2ft_lane_share_free(share);
    free(expected);
    free(matrix);
    free(writer);
    return out;
}

static outcome run(uint32_t lanes, uint32_t parties, argon2_type type,
                   int slow, uint32_t cpus)
{
    return run_with(lanes, parties, type, slow, cpus, 1);
}

static size_t total(const outcome *o)
{
    size_t sum = 0;
    int i;
    for (i = 0; i < MAX_PARTIES; i++) {
        sum += o->written[i];
    }
    return sum;
}

static void check_equal(void)
{
    /* The quick set (emulators, valgrind) keeps one shape of each kind:
       pairs, an odd lane, more lanes than pairs. */
    static const struct {
        uint32_t lanes, parties;
    } shapes[] = {{4, 2}, {5, 2}, {8, 3}, {2, 2}, {3, 2}, {8, 2}, {4, 4}, {7, 3}};
    static const argon2_type types[] = {Argon2_id, Argon2_d, Argon2_i};
    int quick = tl_env_flag("ARGON2_FT_QUICK");
    size_t s, t, nshapes = quick ? 3 : sizeof(shapes) / sizeof(shapes[0]);
    int slow;
    for (s = 0; s < nshapes; s++) {
        for (t = 0; t < (quick ? 1u : 3u); t++) {
            for (slow = 0; slow < 2; slow++) {
                outcome o = run(shapes[s].lanes, shapes[s].parties, types[t],
                                slow, slow ? MAX_PARTIES : 0);
                TL_CHECK(o.equal,
                         "lanes %u, %u threads, type %d, slow thread %d: "
                         "matrix differs from the one-thread fill",
                         shapes[s].lanes, shapes[s].parties, (int)types[t],
                         slow);
            }
        }
    }
}

/*
 * A thread slowed down SLOWDOWN + 1 times gives work away. Thread
 * scheduling decides how much, so each check has a few tries; what they
 * assert holds by a wide margin whenever the threads run side by side.
 */
static void check_slow_thread_gives_work_away(void)
{
    int tries, split_seen = 0, more_seen = 0, taken_seen = 0;
    for (tries = 0; tries < 5 && !(split_seen && more_seen); tries++) {
        /* Four lanes, two threads: each owns a pair; the fast one must
           take over the slow one's second lane mid-segment. */
        outcome o = run(4, 2, Argon2_id, 1, tries % 2 ? 0 : MAX_PARTIES);
        TL_CHECK(o.equal, "4 lanes, slow thread: matrix differs");
        split_seen |= o.split_segments > 0;
        more_seen |= o.written[0] * 20 > total(&o) * 11;
    }
    TL_CHECK(split_seen, "a pair in progress is never handed over");
    TL_CHECK(more_seen, "the fast thread never writes 55%% of the blocks");
    for (tries = 0; tries < 5 && !taken_seen; tries++) {
        /* Eight lanes, two threads: the fast one takes lanes the slow one
           has not started. */
        outcome o = run(8, 2, Argon2_d, 1, tries % 2 ? 0 : MAX_PARTIES);
        TL_CHECK(o.equal, "8 lanes, slow thread: matrix differs");
        taken_seen |= o.written[0] * 10 > total(&o) * 6;
    }
    TL_CHECK(taken_seen, "the fast thread never takes unstarted lanes");
}

/* Without taking, each thread fills its own lanes only, slow or not. */
static void check_no_taking(void)
{
    outcome o = run_with(8, 2, Argon2_id, 1, MAX_PARTIES, 0);
    TL_CHECK(o.equal, "no taking: matrix differs");
    TL_CHECK(o.split_segments == 0, "no taking: %d segments changed hands",
             o.split_segments);
    TL_CHECK(o.written[0] == o.written[1],
             "no taking: the threads wrote %zu and %zu blocks", o.written[0],
             o.written[1]);
}

/* The load probe (os_thread.c) reads the system's runnable threads. */
static void check_oversubscribed_probe(void)
{
#if defined(__linux__)
    TL_CHECK(argon2ft_cpus_oversubscribed(1u << 30) == 1,
             "a billion more threads fit on the CPUs");
#endif
    TL_CHECK(argon2ft_cpus_oversubscribed(0) <= 1, "probe out of range");
}

int main(void)
{
    check_equal();
    check_no_taking();
    check_oversubscribed_probe();
    check_slow_thread_gives_work_away();
    return tl_finish();
}

#else

int main(void)
{
    printf("SKIP: needs thread-local storage (GCC or Clang)\n");
    return 0;
}

#endif
