/*
 * Who fills which lane of a slice. Each thread owns the lanes id,
 * id + parties, ... and fills them two at a time (argon2ft_fill_segment_pair).
 * A thread that has none left takes work from the others instead of
 * waiting at the slice barrier: first lanes their owner has not started
 * (two, filled in step), else the second lane of a pair in progress, which
 * the owner hands over at the next chunk boundary with the position it
 * reached; and only while the system's runnable threads fit on its CPUs.
 * On a virtual machine one vCPU often runs slower than the other for a
 * while; without this the whole slice waits for it (docs/performance.md).
 *
 * A lane's blocks go from owner to taker under the lock, which orders the
 * owner's writes before the taker's reads. Threads that own no lanes in
 * progress never wait for anything but a hand-over, and an owner never
 * waits, so no cycle of waits can form.
 */
#include <stdlib.h>

#include "barrier.h"
#include "lane_share.h"
#include "os_thread.h"
#include "segment.h"
#include "spin.h"

/*
 * Positions between an owner's looks for a request: a multiple of the
 * positions one address block serves, and short enough (about 0.1 ms per
 * pair here) that a taker waits little, long enough that the look costs
 * nothing measurable.
 */
#define CHUNK 256u

/* How long a taker polls for the owner's answer before it sleeps: a few
   chunks; an owner that takes longer has lost its CPU. */
#define ANSWER_POLL_NS 1000000u

enum request_state { NO_REQUEST, ASKED, GRANTED, REFUSED };

typedef struct share_slot {
    uint64_t seq;          /* the slice the rest describes */
    uint32_t cursor;       /* own lanes id + k * parties with */
    uint32_t end;          /*   cursor <= k < end are not started */
    uint32_t running;      /* lanes being filled: 0, 1 or 2 */
    enum request_state request;
    uint32_t handed_lane;  /* when GRANTED: the lane, from this position */
    uint32_t handed_from;
#if defined(ARGON2FT_HAVE_SPIN)
    argon2ft_polled_word asked;    /* 1 while request is ASKED */
    argon2ft_polled_word progress; /* positions done of the running pair */
#endif
    char pad[64]; /* keeps the owners' words of two slots apart */
} share_slot;

struct argon2ft_lane_share {
    argon2ft_mutex lock; /* guards the slots but their polled words */
    argon2ft_cond cond;  /* a request answered */
    uint32_t parties;
    argon2ft_taking taking;
    uint32_t cpus;       /* usable CPUs, 0 if unknown: then no polling */
    share_slot *slots;
};

argon2ft_lane_share *argon2ft_lane_share_new(uint32_t max_parties,
                                             uint32_t cpus)
{
    argon2ft_lane_share *share =
        (argon2ft_lane_share *)calloc(1, sizeof(*share));
    if (share == NULL) {
        return NULL;
    }
    share->slots = (share_slot *)calloc(max_parties, sizeof(*share->slots));
    if (share->slots != NULL && argon2ft_mutex_init(&share->lock) == 0) {
        if (argon2ft_cond_init(&share->cond) == 0) {
            share->parties = max_parties;
            share->cpus = cpus;
            return share;
        }
        argon2ft_mutex_destroy(&share->lock);
    }
    free(share->slots);
    free(share);
    return NULL;
}

void argon2ft_lane_share_free(argon2ft_lane_share *share)
{
    argon2ft_cond_destroy(&share->cond);
    argon2ft_mutex_destroy(&share->lock);
    free(share->slots);
    free(share);
}

void argon2ft_lane_share_set_parties(argon2ft_lane_share *share,
                                     uint32_t parties, argon2ft_taking taking)
{
    share->parties = parties;
    share->taking = taking;
}

/* Thread v's slot for slice seq, lock held. A slot first looked at in a
   slice (by its owner or a taker) starts afresh: the slice before it has
   ended for every thread. */
static share_slot *slot_now(argon2ft_lane_share *share,
                            const argon2ft_instance *inst, uint32_t v,
                            uint64_t seq)
{
    share_slot *s = &share->slots[v];
    if (s->seq != seq) {
        s->seq = seq;
        s->cursor = 0;
        s->end = (inst->lanes - v + share->parties - 1) / share->parties;
        s->running = 0;
        s->request = NO_REQUEST;
    }
    return s;
}

/* Thread id starts filling k lanes from their first position, lock held. */
static void set_running(share_slot *s, uint32_t k)
{
    s->running = k;
#if defined(ARGON2FT_HAVE_SPIN)
    argon2ft_polled_store(&s->progress, 0);
#endif
}

/* The next one or two of thread id's own lanes; 0 when none is left. */
static uint32_t pick_own(argon2ft_lane_share *share,
                         const argon2ft_instance *inst, uint32_t id,
                         uint64_t seq, uint32_t lanes[2])
{
    share_slot *s;
    uint32_t k = 0;
    argon2ft_mutex_lock(&share->lock);
    s = slot_now(share, inst, id, seq);
    while (k < 2 && s->cursor < s->end) {
        lanes[k++] = id + s->cursor++ * share->parties;
    }
    set_running(s, k);
    argon2ft_mutex_unlock(&share->lock);
    return k;
}

/* Hands lane over from position pos when a taker asks; 1 if it did. */
static int hand_over_if_asked(argon2ft_lane_share *share, share_slot *s,
                              uint32_t lane, uint32_t pos)
{
    int handed = 0;
#if defined(ARGON2FT_HAVE_SPIN)
    argon2ft_polled_store(&s->progress, pos);
    if (argon2ft_polled_load(&s->asked) == 0) {
        return 0;
    }
    argon2ft_mutex_lock(&share->lock);
    if (s->request == ASKED) {
        s->handed_lane = lane;
        s->handed_from = pos;
        s->request = GRANTED;
        s->running = 1;
        argon2ft_polled_store(&s->asked, 0);
        argon2ft_cond_broadcast(&share->cond);
        handed = 1;
    }
    argon2ft_mutex_unlock(&share->lock);
#else
    (void)share;
    (void)s;
    (void)lane;
    (void)pos;
#endif
    return handed;
}

/* Fills the k picked lanes, handing the second of a pair over if asked. */
static void fill_picked(argon2ft_lane_share *share,
                        const argon2ft_instance *inst, uint32_t id,
                        uint32_t pass, uint32_t slice, const uint32_t lanes[2],
                        uint32_t k)
{
    share_slot *s = &share->slots[id];
    uint32_t pos = 0, seg = inst->segment_length;

    while (k == 2 && pos < seg) {
        uint32_t to = seg - pos > CHUNK ? pos + CHUNK : seg;
        argon2ft_fill_segment_pair_part(inst, pass, lanes[0], lanes[1], slice,
                                        pos, to);
        pos = to;
        if (pos < seg && hand_over_if_asked(share, s, lanes[1], pos)) {
            k = 1;
        }
    }
    if (pos < seg) {
        argon2ft_fill_segment_part(inst, pass, lanes[0], slice, pos, seg);
    }
    argon2ft_mutex_lock(&share->lock);
    s->running = 0;
    if (s->request == ASKED) {
        s->request = REFUSED; /* too late: the pair is done */
#if defined(ARGON2FT_HAVE_SPIN)
        argon2ft_polled_store(&s->asked, 0);
#endif
        argon2ft_cond_broadcast(&share->cond);
    }
    argon2ft_mutex_unlock(&share->lock);
}

#if defined(ARGON2FT_HAVE_SPIN)
/* Waits, lock held, until the owner of s has answered its request. The
   answer comes at the owner's next chunk boundary, in less time than a
   sleeping thread takes to wake on a virtual machine, so the taker polls
   first while polling pays. */
static void wait_for_answer(argon2ft_lane_share *share, share_slot *s)
{
    if (argon2ft_polling_pays(share->cpus)) {
        argon2ft_mutex_unlock(&share->lock);
        (void)argon2ft_poll_while(&s->asked, 1, ANSWER_POLL_NS);
        argon2ft_mutex_lock(&share->lock);
    }
    while (s->request == ASKED) {
        argon2ft_cond_wait(&share->cond, &share->lock);
    }
}
#endif

/*
 * Whether to take work now. Taking over pays while each thread has a CPU;
 * where other work waits for the CPUs it only adds to the work (a lane
 * filled alone costs more than one in step with another), so the system is
 * asked once a thread has found work to take: its runnable threads then
 * count this one and the owners still filling, and no wipe of an earlier
 * call. *known caches the answer for the rest of the slice (-1: not asked).
 */
static int may_take(const argon2ft_lane_share *share, int *known)
{
    if (*known >= 0) {
        return *known;
    }
    switch (share->taking) {
    case ARGON2FT_TAKE_ALWAYS:
        *known = 1;
        break;
    case ARGON2FT_TAKE_WHEN_CPUS_FREE:
        *known = !argon2ft_cpus_oversubscribed(0);
        break;
    default:
        *known = 0;
        break;
    }
    return *known;
}

/*
 * Work for thread id once its own lanes are done, lock held: one or two
 * lanes not started by their owner (taken from the end of the owner's
 * list, two to fill in step), else the second lane of a pair with at least
 * two chunks left. Returns how many lanes it took (0: nothing worth
 * taking), with *from the position to start at: 0 for unstarted lanes,
 * never 0 for a handed one (a hand-over comes after a chunk).
 */
static uint32_t take_work(argon2ft_lane_share *share,
                          const argon2ft_instance *inst, uint32_t id,
                          uint64_t seq, int *allowed, uint32_t lanes[2],
                          uint32_t *from)
{
    uint32_t parties = share->parties, i, k;

    for (;;) {
        share_slot *victim = NULL;
        for (i = 1; i < parties; i++) {
            uint32_t v = (id + i) % parties;
            share_slot *s = slot_now(share, inst, v, seq);
            if (s->cursor < s->end && !may_take(share, allowed)) {
                return 0;
            }
            for (k = 0; k < 2 && s->cursor < s->end; k++) {
                s->end--;
                lanes[k] = v + s->end * parties;
            }
            if (k > 0) {
                set_running(slot_now(share, inst, id, seq), k);
                *from = 0;
                return k;
            }
        }
#if defined(ARGON2FT_HAVE_SPIN)
        for (i = 1; i < parties && victim == NULL; i++) {
            share_slot *s = &share->slots[(id + i) % parties];
            if (s->seq == seq && s->running == 2 &&
                s->request == NO_REQUEST &&
                inst->segment_length - argon2ft_polled_load(&s->progress) >=
                    2 * CHUNK) {
                victim = s;
            }
        }
#endif
        if (victim == NULL || !may_take(share, allowed)) {
            return 0;
        }
#if defined(ARGON2FT_HAVE_SPIN)
        victim->request = ASKED;
        argon2ft_polled_store(&victim->asked, 1);
        wait_for_answer(share, victim);
        if (victim->request == GRANTED) {
            victim->request = NO_REQUEST;
            lanes[0] = victim->handed_lane;
            *from = victim->handed_from;
            return 1;
        }
        victim->request = NO_REQUEST; /* refused: look again */
#endif
    }
}

void argon2ft_lane_share_fill(argon2ft_lane_share *share,
                              const argon2ft_instance *inst, uint32_t id,
                              uint64_t seq, uint32_t pass, uint32_t slice)
{
    uint32_t lanes[2], k, from;
    int allowed = -1;

    while ((k = pick_own(share, inst, id, seq, lanes)) > 0) {
        fill_picked(share, inst, id, pass, slice, lanes, k);
    }
    if (share->taking == ARGON2FT_TAKE_NEVER) {
        return;
    }
    for (;;) {
        argon2ft_mutex_lock(&share->lock);
        k = take_work(share, inst, id, seq, &allowed, lanes, &from);
        argon2ft_mutex_unlock(&share->lock);
        if (k == 0) {
            break;
        }
        if (from == 0) {
            /* Unstarted lanes: filled like own ones, and may be asked for. */
            fill_picked(share, inst, id, pass, slice, lanes, k);
        } else {
            argon2ft_fill_segment_part(inst, pass, lanes[0], slice, from,
                                       inst->segment_length);
        }
    }
}
