/*
 * Lane threads that outlive their call: the workers of a multi-threaded
 * hash end after it returns, and its last one first wipes and releases the
 * matrix (lanes.c). They are detached, and recorded here so that
 * argon2ft_memory_settle can wait until they are gone.
 */
#ifndef ARGON2_FT_LATE_THREADS_H
#define ARGON2_FT_LATE_THREADS_H

#include <stdint.h>

typedef struct argon2ft_late_thread {
    struct argon2ft_late_thread *next;
    long os_id;   /* argon2ft_thread_os_id of the thread */
    uint64_t seq; /* registration order */
    int finished; /* it has done its last work */
} argon2ft_late_thread;

/* From the thread, first: who it is. */
void argon2ft_late_thread_started(argon2ft_late_thread *t);

/* From the caller, once the thread's call is ending: keeps the record until
   the thread has finished and this registry is next cleaned. */
void argon2ft_late_thread_register(argon2ft_late_thread *t);

/* From the thread, last: it touches nothing of this library after it. */
void argon2ft_late_thread_finished(argon2ft_late_thread *t);

/* Frees the records of finished threads (the next multi-threaded hash). */
void argon2ft_late_threads_clean(void);

#endif /* ARGON2_FT_LATE_THREADS_H */
