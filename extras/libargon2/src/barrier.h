/*
 * The barrier that ends every slice of a multi-threaded fill. A thread that
 * arrives early polls for a short while before it sleeps, but only while the
 * lane threads of all fills in this process fit on the CPUs.
 */
#ifndef ARGON2_FT_BARRIER_H
#define ARGON2_FT_BARRIER_H

#include <stdint.h>

#include "os_thread.h"
#include "spin.h"

typedef struct argon2ft_barrier {
    argon2ft_mutex lock;
    argon2ft_cond cond;
    uint32_t parties;    /* may change until a thread first waits */
    uint32_t waiting;    /* arrived at the current barrier */
    uint64_t generation; /* barriers completed */
    uint32_t cpus;       /* usable CPUs, 0 if unknown: then no polling */
#if defined(ARGON2FT_HAVE_SPIN)
    argon2ft_polled_word opened; /* generation's low 32 bits, for pollers */
#endif
} argon2ft_barrier;

/* Returns 0, or -1 when the system refuses a mutex or condition. */
int argon2ft_barrier_init(argon2ft_barrier *b, uint32_t parties,
                          uint32_t cpus);
void argon2ft_barrier_destroy(argon2ft_barrier *b);

/* Returns once all parties have arrived; what each did before arriving is
   visible to all. */
void argon2ft_barrier_wait(argon2ft_barrier *b);

/* Counts lane threads in this process: +n as a fill's threads start, -1 as
   each is done (two's complement). Polling is allowed while the count is at
   most the CPUs. */
void argon2ft_lane_threads_add(uint32_t delta);

/* 1 while that count is at most cpus (and cpus is known): a thread that
   waits for another may poll instead of sleeping. */
int argon2ft_polling_pays(uint32_t cpus);

#endif /* ARGON2_FT_BARRIER_H */
