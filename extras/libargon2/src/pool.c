/*
 * The matrix pool and the process-wide memory budget.
 *
 * Every matrix the library allocates itself passes through here. One lock
 * guards three lists (matrices in use, parked ones, and orphans that a
 * fork left behind) and the byte counts. Admission is first come, first
 * served: a queue of waiters, of which only the head may take memory, so a
 * large hash is never starved by a stream of small ones. Below the cap on
 * running hashes, if one is set, the head takes a parked matrix of a
 * similar size if there is one (resident, its huge pages kept), else fresh
 * memory once in_use + idle + its charge fits the budget, freeing parked
 * matrices, oldest first, to make room.
 *
 * A parked matrix is wiped before it is parked, so parked memory never holds
 * anything derived from a password. Memory is mapped, unmapped and wiped
 * outside the lock. A matrix that a lane thread wipes and releases after its
 * hash has returned is marked with a ticket, so that statistics and
 * release_idle can wait for it.
 */
#include <stdlib.h>
#include <string.h>

#include "argon2_ft.h"
#include "os_thread.h"
#include "pool.h"
#include "wipe.h"

/* Smaller matrices come from the heap, whose own caching serves them. */
#define PARK_FROM ((uint64_t)2 * 1024 * 1024)
#define DEFAULT_WAIT_MS UINT64_C(30000)
/* Waits longer than this (about 31 years) are waits without a limit. */
#define LONGEST_TIMED_WAIT_MS (UINT64_C(1) << 40)

typedef struct entry {
    struct entry *prev;
    struct entry *next;
    argon2ft_matrix m; /* what the system gave; base is NULL until then */
    uint64_t charge;   /* bytes counted against the budget */
    uint64_t ticket;   /* in use, being released by another thread: its
                          place in that order (0: not so) */
} entry;

/* Doubly linked; head is the most recent. */
typedef struct entry_list {
    entry *head;
    entry *tail;
} entry_list;

typedef struct waiter {
    struct waiter *next;
} waiter;

static struct {
    entry_list in_use;
    entry_list idle;
    entry_list orphans; /* in use by threads that a fork left behind */
    waiter *first;      /* the queue, in arrival order */
    waiter *last;
    uint32_t waiting;
    uint32_t running;     /* entries in in_use */
    uint32_t max_running; /* 0: no cap */
    uint64_t budget;
    uint64_t idle_limit;
    uint64_t wait_ms;
    uint64_t in_use_bytes;
    uint64_t idle_bytes;
    uint64_t peak;
    uint64_t reused;
    uint64_t allocated;
    uint64_t waited;
    uint64_t timed_out;
    uint64_t refused;
    uint64_t tickets;  /* handed-over matrices so far */
    uint32_t settling; /* threads waiting for handed-over matrices */
} pool = {{NULL, NULL}, {NULL, NULL}, {NULL, NULL}, NULL, NULL, 0, 0, 0,
          0, 0, DEFAULT_WAIT_MS, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

/* ---- the lock and the condition ---- */

static argon2ft_once_flag once = ARGON2FT_ONCE_INIT;
static argon2ft_mutex lock;
static argon2ft_cond changed;

#if !defined(_WIN32)
static void fork_prepare(void);
static void fork_parent(void);
static void fork_child(void);
#endif

/* Failures here leave nothing to fall back on: a process that cannot make
   one mutex cannot hash either, and the lane scheduler reports that. */
static void init_once(void)
{
    (void)argon2ft_mutex_init(&lock);
    (void)argon2ft_cond_init(&changed);
#if !defined(_WIN32)
    (void)pthread_atfork(fork_prepare, fork_parent, fork_child);
#endif
}

static void pool_lock(void)
{
    argon2ft_once(&once, init_once);
    argon2ft_mutex_lock(&lock);
}

static void pool_unlock(void) { argon2ft_mutex_unlock(&lock); }
static void pool_broadcast(void) { argon2ft_cond_broadcast(&changed); }

/* Waits for a change; 0 once the deadline (NULL: none) has passed. */
static int pool_wait(const argon2ft_deadline *deadline)
{
    if (deadline == NULL) {
        argon2ft_cond_wait(&changed, &lock);
        return 1;
    }
    return argon2ft_cond_timedwait(&changed, &lock, deadline);
}

/* ---- lists ---- */

static void push(entry_list *l, entry *e)
{
    e->prev = NULL;
    e->next = l->head;
    if (l->head != NULL) {
        l->head->prev = e;
    } else {
        l->tail = e;
    }
    l->head = e;
}

static void unlink_entry(entry_list *l, entry *e)
{
    if (e->prev != NULL) {
        e->prev->next = e->next;
    } else {
        l->head = e->next;
    }
    if (e->next != NULL) {
        e->next->prev = e->prev;
    } else {
        l->tail = e->prev;
    }
    e->prev = e->next = NULL;
}

/* Entries to give back once the lock is released, chained through next. */
static void defer_free(entry **doomed, entry *e)
{
    e->next = *doomed;
    *doomed = e;
}

/* Parked matrices are already wiped; orphans are not. */
static void free_entries(entry *doomed, int wiped)
{
    while (doomed != NULL) {
        entry *next = doomed->next;
        argon2ft_os_free(&doomed->m, wiped);
        free(doomed);
        doomed = next;
    }
}

/* Frees the oldest parked matrix (the lock is held). */
static void evict_oldest(entry **doomed)
{
    entry *e = pool.idle.tail;
    unlink_entry(&pool.idle, e);
    pool.idle_bytes -= e->charge;
    defer_free(doomed, e);
}

/* Parked memory within both limits, oldest dropped first (lock held). */
static void trim_idle(entry **doomed, uint64_t incoming)
{
    while (pool.idle.tail != NULL &&
           pool.idle_bytes + incoming > pool.idle_limit) {
        evict_oldest(doomed);
    }
    while (pool.idle.tail != NULL && pool.budget != 0 &&
           pool.in_use_bytes + pool.idle_bytes + incoming > pool.budget) {
        evict_oldest(doomed);
    }
}

static void note_peak(void)
{
    uint64_t total = pool.in_use_bytes + pool.idle_bytes;
    if (total > pool.peak) {
        pool.peak = total;
    }
}

/* ---- admission ---- */

/* The parked matrix that fits best: large enough, at most twice the charge
   (a much larger one would hold budget the hash cannot use). */
static entry *best_parked(size_t bytes, uint64_t charge)
{
    entry *e, *best = NULL;
    for (e = pool.idle.head; e != NULL; e = e->next) {
        if (e->m.bytes >= bytes && e->charge / 2 <= charge &&
            (best == NULL || e->charge < best->charge)) {
            best = e;
        }
    }
    return best;
}

/*
 * For the head of the queue (lock held): 1 with *taken the parked matrix it
 * gets, or with *taken == fresh when fresh memory fits; 0 to wait.
 */
static int admit(size_t bytes, uint64_t charge, int allocate, entry *fresh,
                 entry **taken, entry **doomed)
{
    entry *e;
    if (pool.max_running != 0 && pool.running >= pool.max_running) {
        return 0;
    }
    e = allocate ? best_parked(bytes, charge) : NULL;
    if (e != NULL) {
        unlink_entry(&pool.idle, e);
        pool.idle_bytes -= e->charge;
        pool.in_use_bytes += e->charge;
        e->ticket = 0;
        push(&pool.in_use, e);
        pool.running++;
        pool.reused++;
        *taken = e;
        return 1;
    }
    if (pool.budget != 0 && pool.in_use_bytes + charge > pool.budget) {
        return 0;
    }
    while (pool.budget != 0 && pool.idle.tail != NULL &&
           pool.in_use_bytes + pool.idle_bytes + charge > pool.budget) {
        evict_oldest(doomed);
    }
    memset(fresh, 0, sizeof(*fresh));
    fresh->charge = charge;
    pool.in_use_bytes += charge;
    push(&pool.in_use, fresh);
    pool.running++;
    pool.allocated++;
    *taken = fresh;
    return 1;
}

static void enqueue(waiter *w)
{
    w->next = NULL;
    if (pool.last != NULL) {
        pool.last->next = w;
    } else {
        pool.first = w;
    }
    pool.last = w;
    pool.waiting++;
}

static void dequeue(waiter *w)
{
    waiter **p = &pool.first, *prev = NULL;
    while (*p != NULL && *p != w) {
        prev = *p;
        p = &(*p)->next;
    }
    if (*p == NULL) {
        return;
    }
    *p = w->next;
    if (pool.last == w) {
        pool.last = prev;
    }
    pool.waiting--;
}

/* Takes the orphans a fork left (lock held); they are freed outside it. */
static entry *take_orphans(void)
{
    entry *doomed = NULL;
    while (pool.orphans.head != NULL) {
        entry *e = pool.orphans.head;
        unlink_entry(&pool.orphans, e);
        defer_free(&doomed, e);
    }
    return doomed;
}

static int acquire(argon2ft_matrix *m, size_t bytes, int allocate)
{
    entry *fresh, *taken = NULL, *doomed = NULL, *orphans;
    uint64_t charge = argon2ft_os_alloc_size(bytes);
    argon2ft_deadline deadline;
    const argon2ft_deadline *until = NULL;
    int gave_up = 0, counted_wait = 0;
    waiter w;
    argon2ft_matrix got;

    fresh = (entry *)malloc(sizeof(*fresh));
    if (fresh == NULL) {
        return ARGON2_MEMORY_ALLOCATION_ERROR;
    }

    pool_lock();
    orphans = take_orphans();
    if (pool.budget != 0 && charge > pool.budget) {
        pool.refused++;
        pool_unlock();
        free(fresh);
        free_entries(orphans, 0);
        return ARGON2FT_MEMORY_OVER_BUDGET;
    }
    enqueue(&w);
    for (;;) {
        if (pool.first == &w && admit(bytes, charge, allocate, fresh, &taken, &doomed)) {
            break;
        }
        if (gave_up) {
            break;
        }
        if (!counted_wait) {
            /* The clock is read only by hashes that wait. */
            counted_wait = 1;
            pool.waited++;
            if (pool.wait_ms < LONGEST_TIMED_WAIT_MS) {
                deadline = argon2ft_deadline_after(pool.wait_ms);
                until = &deadline;
            }
        }
        if (!pool_wait(until)) {
            gave_up = 1; /* one more look, then give up */
        }
    }
    dequeue(&w);
    if (taken == NULL) {
        pool.timed_out++;
    }
    note_peak();
    /* The next in line may fit too, or may be first now. */
    if (pool.waiting > 0) {
        pool_broadcast();
    }
    pool_unlock();

    free_entries(orphans, 0);
    free_entries(doomed, 1);
    if (taken == NULL) {
        free(fresh);
        return ARGON2FT_MEMORY_WAIT_TIMEOUT;
    }
    if (taken != fresh) {
        free(fresh);
        *m = taken->m;
        m->prefault_bytes = 0; /* resident already */
    } else if (!allocate) {
        memset(m, 0, sizeof(*m));
    } else {
        memset(&got, 0, sizeof(got));
        if (argon2ft_os_alloc(&got, bytes) != 0) {
            pool_lock();
            unlink_entry(&pool.in_use, fresh);
            pool.in_use_bytes -= charge;
            pool.running--;
            pool.allocated--;
            if (pool.waiting > 0) {
                pool_broadcast();
            }
            pool_unlock();
            free(fresh);
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
        /* Under the lock: a fork must see the entry whole or empty. */
        pool_lock();
        fresh->m = got;
        pool_unlock();
        *m = got;
    }
    m->pool_entry = taken;
    m->used = bytes;
    return ARGON2_OK;
}

int argon2ft_pool_acquire(argon2ft_matrix *m, size_t bytes)
{
    return acquire(m, bytes, 1);
}

int argon2ft_pool_reserve(argon2ft_matrix *m, size_t bytes)
{
    return acquire(m, bytes, 0);
}

void argon2ft_pool_release(argon2ft_matrix *m)
{
    entry *e = (entry *)m->pool_entry, *doomed = NULL;
    int park, handed_over = e->ticket != 0;

    /* Small matrices and reservations are never parked: no need to ask. */
    park = e->m.source != ARGON2FT_MATRIX_NONE && e->charge >= PARK_FROM;
    if (park) {
        pool_lock();
        park = e->charge <= pool.idle_limit &&
               (pool.budget == 0 || e->charge <= pool.budget);
        pool_unlock();
    }
    if (park) {
        argon2ft_wipe(m->blocks, m->used);
    }

    pool_lock();
    unlink_entry(&pool.in_use, e);
    pool.in_use_bytes -= e->charge;
    pool.running--;
    if (park) {
        trim_idle(&doomed, e->charge);
        if (pool.idle_bytes + e->charge <= pool.idle_limit &&
            (pool.budget == 0 ||
             pool.in_use_bytes + pool.idle_bytes + e->charge <= pool.budget)) {
            push(&pool.idle, e);
            pool.idle_bytes += e->charge;
            e = NULL;
        }
    }
    /* Waiters may fit now; settlers may have waited for this one. */
    if (pool.waiting > 0 || (handed_over && pool.settling > 0)) {
        pool_broadcast();
    }
    pool_unlock();

    if (e != NULL) {
        argon2ft_os_free(&e->m, park);
        free(e);
    }
    free_entries(doomed, 1);
}

/* ---- matrices released by other threads ---- */

void argon2ft_pool_handing_over(argon2ft_matrix *m)
{
    entry *e = (entry *)m->pool_entry;
    pool_lock();
    e->ticket = ++pool.tickets;
    pool_unlock();
}

/* 1 while a matrix handed over up to ticket `upto` is in use (lock held). */
static int handed_over_in_use(uint64_t upto)
{
    const entry *e;
    for (e = pool.in_use.head; e != NULL; e = e->next) {
        if (e->ticket != 0 && e->ticket <= upto) {
            return 1;
        }
    }
    return 0;
}

/*
 * Waits (lock held) until the matrices handed over so far are back: their
 * wipe takes milliseconds, and a caller that has just hashed expects them
 * parked. Ones handed over meanwhile are not waited for, so a busy process
 * cannot hold this up.
 */
static void settle(void)
{
    uint64_t upto = pool.tickets;
    while (handed_over_in_use(upto)) {
        pool.settling++;
        (void)pool_wait(NULL);
        pool.settling--;
    }
}

/* ---- fork ---- */

#if !defined(_WIN32)
static void fork_prepare(void) { argon2ft_mutex_lock(&lock); }
static void fork_parent(void) { argon2ft_mutex_unlock(&lock); }

/*
 * Only the forking thread lives on in the child, and it was not inside a
 * hash: every matrix in use belonged to a thread that is gone, and nobody
 * waits. Those matrices become orphans, freed by the child's next hash
 * (freeing here, inside fork, is not safe); parked ones stay for reuse.
 */
static void fork_child(void)
{
    while (pool.in_use.head != NULL) {
        entry *e = pool.in_use.head;
        unlink_entry(&pool.in_use, e);
        push(&pool.orphans, e);
    }
    pool.in_use_bytes = 0;
    pool.running = 0;
    pool.first = pool.last = NULL;
    pool.waiting = 0;
    pool.settling = 0;
    /* The condition may record waiters that are gone: start it afresh. */
    (void)argon2ft_cond_init(&changed);
    argon2ft_mutex_unlock(&lock);
}
#endif

/* ---- the public calls ---- */

static void set_and_trim(uint64_t *field, uint64_t value)
{
    entry *doomed = NULL;
    pool_lock();
    *field = value;
    trim_idle(&doomed, 0);
    pool_broadcast(); /* a larger budget may let waiters in */
    pool_unlock();
    free_entries(doomed, 1);
}

void argon2ft_memory_set_budget(uint64_t bytes)
{
    set_and_trim(&pool.budget, bytes);
}

void argon2ft_memory_set_idle_limit(uint64_t bytes)
{
    set_and_trim(&pool.idle_limit, bytes);
}

void argon2ft_memory_set_max_running(uint32_t hashes)
{
    pool_lock();
    pool.max_running = hashes;
    pool_broadcast(); /* a higher cap may let waiters in */
    pool_unlock();
}

void argon2ft_memory_set_wait_timeout(uint64_t milliseconds)
{
    pool_lock();
    pool.wait_ms = milliseconds;
    pool_unlock();
}

uint64_t argon2ft_memory_release_idle(void)
{
    entry *doomed = NULL, *orphans;
    uint64_t released;
    pool_lock();
    settle();
    orphans = take_orphans();
    released = pool.idle_bytes;
    while (pool.idle.tail != NULL) {
        evict_oldest(&doomed);
    }
    pool_unlock();
    free_entries(doomed, 1);
    free_entries(orphans, 0);
    return released;
}

void argon2ft_pool_settle(void)
{
    pool_lock();
    settle();
    pool_unlock();
}

void argon2ft_memory_get_stats(argon2ft_memory_stats *stats)
{
    if (stats == NULL) {
        return;
    }
    memset(stats, 0, sizeof(*stats));
    pool_lock();
    settle();
    stats->budget = pool.budget;
    stats->idle_limit = pool.idle_limit;
    stats->wait_timeout_ms = pool.wait_ms;
    stats->in_use = pool.in_use_bytes;
    stats->idle = pool.idle_bytes;
    stats->peak = pool.peak;
    stats->reused = pool.reused;
    stats->allocated = pool.allocated;
    stats->waited = pool.waited;
    stats->timed_out = pool.timed_out;
    stats->refused = pool.refused;
    stats->waiting = pool.waiting;
    stats->running = pool.running;
    stats->max_running = pool.max_running;
    pool_unlock();
}

void argon2ft_memory_reset_peak(void)
{
    pool_lock();
    pool.peak = pool.in_use_bytes + pool.idle_bytes;
    pool_unlock();
}

uint64_t argon2ft_memory_charge(uint32_t m_cost, uint32_t lanes)
{
    uint64_t blocks, segment, bytes;
    if (lanes == 0) {
        return 0;
    }
    /* m' = 4 * p * floor(m / 4p), at least 2 blocks per segment (core.c). */
    blocks = m_cost;
    if (blocks < (uint64_t)2 * ARGON2_SYNC_POINTS * lanes) {
        blocks = (uint64_t)2 * ARGON2_SYNC_POINTS * lanes;
    }
    segment = blocks / ((uint64_t)lanes * ARGON2_SYNC_POINTS);
    bytes = segment * ARGON2_SYNC_POINTS * lanes * ARGON2_BLOCK_SIZE;
    if (bytes > (uint64_t)SIZE_MAX) {
        return 0;
    }
    return argon2ft_os_alloc_size((size_t)bytes);
}
