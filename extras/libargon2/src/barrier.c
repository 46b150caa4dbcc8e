/*
 * The slice barrier: a mutex and a condition, and a polled word that lets an
 * early thread see the barrier open without sleeping.
 */
#include "barrier.h"

#if defined(ARGON2FT_HAVE_SPIN)
/*
 * Lane threads of every fill in progress in this process: this file's only
 * global state, atomic. Polling pays only while each of them has a CPU;
 * beyond that a poller takes the CPU of a thread it waits for. A fork's
 * child has no lane threads, so it starts the count afresh.
 */
static argon2ft_polled_word lane_threads;

/*
 * How long an early thread polls before it sleeps. A sleep and wake-up cost
 * tens of microseconds on a virtual machine, often more than the wait itself
 * (docs/performance.md); the bound caps the CPU time lost when the others
 * are slow.
 */
#define POLL_NS 200000u

#if !defined(_WIN32)
static void reset_in_child(void)
{
    argon2ft_polled_store(&lane_threads, 0);
}

static void register_fork_handler(void)
{
    (void)pthread_atfork(NULL, NULL, reset_in_child);
}

static argon2ft_once_flag fork_handler_once = ARGON2FT_ONCE_INIT;
#endif

void argon2ft_lane_threads_add(uint32_t delta)
{
#if !defined(_WIN32)
    argon2ft_once(&fork_handler_once, register_fork_handler);
#endif
    (void)argon2ft_polled_add(&lane_threads, delta);
}

int argon2ft_polling_pays(uint32_t cpus)
{
    return cpus > 0 && argon2ft_polled_load(&lane_threads) <= cpus;
}

#else
void argon2ft_lane_threads_add(uint32_t delta)
{
    (void)delta;
}

int argon2ft_polling_pays(uint32_t cpus)
{
    (void)cpus;
    return 0;
}
#endif

int argon2ft_barrier_init(argon2ft_barrier *b, uint32_t parties,
                          uint32_t cpus)
{
    b->parties = parties;
    b->waiting = 0;
    b->generation = 0;
    b->cpus = cpus;
#if defined(ARGON2FT_HAVE_SPIN)
    b->opened = 0;
#endif
    if (argon2ft_mutex_init(&b->lock) != 0) {
        return -1;
    }
    if (argon2ft_cond_init(&b->cond) != 0) {
        argon2ft_mutex_destroy(&b->lock);
        return -1;
    }
    return 0;
}

void argon2ft_barrier_destroy(argon2ft_barrier *b)
{
    argon2ft_cond_destroy(&b->cond);
    argon2ft_mutex_destroy(&b->lock);
}

void argon2ft_barrier_wait(argon2ft_barrier *b)
{
    uint64_t gen;
    argon2ft_mutex_lock(&b->lock);
    gen = b->generation;
    if (++b->waiting == b->parties) {
        b->waiting = 0;
        b->generation++;
#if defined(ARGON2FT_HAVE_SPIN)
        argon2ft_polled_store(&b->opened, (uint32_t)b->generation);
#endif
        argon2ft_cond_broadcast(&b->cond);
        argon2ft_mutex_unlock(&b->lock);
        return;
    }
#if defined(ARGON2FT_HAVE_SPIN)
    if (argon2ft_polling_pays(b->cpus)) {
        argon2ft_mutex_unlock(&b->lock);
        if (argon2ft_poll_while(&b->opened, (uint32_t)gen, POLL_NS)) {
            return; /* acquire: the others' writes are visible */
        }
        argon2ft_mutex_lock(&b->lock);
    }
#endif
    while (b->generation == gen) {
        argon2ft_cond_wait(&b->cond, &b->lock);
    }
    argon2ft_mutex_unlock(&b->lock);
}
