/*
 * The record of lane threads that outlive their call, and
 * argon2ft_memory_settle. Its lock and list are process-wide state; records
 * of finished threads are freed by the next multi-threaded hash, so the list
 * holds about as many as hashes ran at once. A fork's child has none of
 * these threads: it forgets them.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>

#include "argon2_ft.h"
#include "late_threads.h"
#include "os_thread.h"
#include "pool.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <time.h>
#endif

/* How long settling waits, in all, for finished threads to leave the
   kernel's list (a floor: counted in 50 us sleeps). */
#define GONE_WAIT_US 20000u

static argon2ft_once_flag once = ARGON2FT_ONCE_INIT;
static argon2ft_mutex lock;
static argon2ft_late_thread *registered;
static uint64_t registrations; /* so far; each record's seq */

#if !defined(_WIN32)
static void lock_for_fork(void) { argon2ft_mutex_lock(&lock); }
static void unlock_after_fork(void) { argon2ft_mutex_unlock(&lock); }

static void forget_in_child(void)
{
    /* Their records leak in the child: a handful of small blocks. */
    registered = NULL;
    argon2ft_mutex_unlock(&lock);
}
#endif

static void init_once(void)
{
    (void)argon2ft_mutex_init(&lock);
#if !defined(_WIN32)
    (void)pthread_atfork(lock_for_fork, unlock_after_fork, forget_in_child);
#endif
}

static void registry_lock(void)
{
    argon2ft_once(&once, init_once);
    argon2ft_mutex_lock(&lock);
}

void argon2ft_late_thread_started(argon2ft_late_thread *t)
{
    t->os_id = argon2ft_thread_os_id();
}

void argon2ft_late_thread_register(argon2ft_late_thread *t)
{
    registry_lock();
    t->seq = ++registrations;
    t->next = registered;
    registered = t;
    argon2ft_mutex_unlock(&lock);
}

void argon2ft_late_thread_finished(argon2ft_late_thread *t)
{
    registry_lock();
    t->finished = 1;
    argon2ft_mutex_unlock(&lock);
}

/* Unlinks the finished records (lock held), chained through next. */
static argon2ft_late_thread *take_finished(void)
{
    argon2ft_late_thread *done = NULL, **p = &registered, *t;
    while (*p != NULL) {
        t = *p;
        if (t->finished) {
            *p = t->next;
            t->next = done;
            done = t;
        } else {
            p = &t->next;
        }
    }
    return done;
}

void argon2ft_late_threads_clean(void)
{
    argon2ft_late_thread *done, *t;
    registry_lock();
    done = take_finished();
    argon2ft_mutex_unlock(&lock);
    while (done != NULL) {
        t = done;
        done = t->next;
        free(t);
    }
}

static void pause_briefly(void)
{
#if defined(_WIN32)
    Sleep(1);
#else
    struct timespec pause = {0, 50000L};
    (void)nanosleep(&pause, NULL);
#endif
}

/* 1 while a thread recorded up to registration `upto` runs (lock held). */
static int unfinished_up_to(uint64_t upto)
{
    const argon2ft_late_thread *t;
    for (t = registered; t != NULL; t = t->next) {
        if (!t->finished && t->seq <= upto) {
            return 1;
        }
    }
    return 0;
}

/*
 * Matrices handed over are back, and every thread recorded before this call
 * has finished and (where the kernel can be asked) left: a fork() now copies
 * a process without them, which CPython's fork() checks. Those threads are
 * ending (their calls have returned), so the wait is short; ones recorded
 * meanwhile are not waited for.
 */
void argon2ft_memory_settle(void)
{
    argon2ft_late_thread *done = NULL, *t;
    uint32_t budget_us = GONE_WAIT_US;
    uint64_t upto;
    int waiting;

    argon2ft_pool_settle();
    registry_lock();
    upto = registrations;
    argon2ft_mutex_unlock(&lock);
    do {
        registry_lock();
        t = take_finished();
        waiting = unfinished_up_to(upto);
        argon2ft_mutex_unlock(&lock);
        while (t != NULL) {
            argon2ft_late_thread *next = t->next;
            t->next = done;
            done = t;
            t = next;
        }
        if (waiting) {
            pause_briefly();
        }
    } while (waiting);
    while (done != NULL) {
        t = done;
        done = t->next;
        (void)argon2ft_thread_wait_gone(t->os_id, &budget_us);
        free(t);
    }
}
