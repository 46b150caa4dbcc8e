/*
 * The operating system's threads, mutexes and condition variables, and the
 * number of CPUs this process may run on: POSIX threads or Win32
 * (os_thread.c). What the lane scheduler and the pool need, nothing more.
 */
#ifndef ARGON2_FT_OS_THREAD_H
#define ARGON2_FT_OS_THREAD_H

#include <stdint.h>

#if defined(_WIN32)
#include <windows.h>
typedef SRWLOCK argon2ft_mutex;
typedef CONDITION_VARIABLE argon2ft_cond;
typedef HANDLE argon2ft_thread_handle;
typedef INIT_ONCE argon2ft_once_flag;
#define ARGON2FT_ONCE_INIT INIT_ONCE_STATIC_INIT
typedef ULONGLONG argon2ft_deadline; /* GetTickCount64 milliseconds */
#else
#include <pthread.h>
#include <time.h>
typedef pthread_mutex_t argon2ft_mutex;
typedef pthread_cond_t argon2ft_cond;
typedef pthread_t argon2ft_thread_handle;
typedef pthread_once_t argon2ft_once_flag;
#define ARGON2FT_ONCE_INIT PTHREAD_ONCE_INIT
typedef struct timespec argon2ft_deadline; /* on the conditions' clock */
#endif

/* Runs fn exactly once per flag, however many threads call at once. */
void argon2ft_once(argon2ft_once_flag *flag, void (*fn)(void));

/* Returns 0, or nonzero when the system refuses. */
int argon2ft_mutex_init(argon2ft_mutex *m);
void argon2ft_mutex_destroy(argon2ft_mutex *m);
void argon2ft_mutex_lock(argon2ft_mutex *m);
void argon2ft_mutex_unlock(argon2ft_mutex *m);

/* Returns 0, or nonzero when the system refuses. */
int argon2ft_cond_init(argon2ft_cond *c);
void argon2ft_cond_destroy(argon2ft_cond *c);
/* Waits, m held, until woken; may wake spuriously, so callers loop. */
void argon2ft_cond_wait(argon2ft_cond *c, argon2ft_mutex *m);

/* The moment ms milliseconds from now, on a clock that the wall clock's
   changes do not move where the system offers one. */
argon2ft_deadline argon2ft_deadline_after(uint64_t ms);

/* argon2ft_cond_wait until at most the deadline; 0 once it has passed. */
int argon2ft_cond_timedwait(argon2ft_cond *c, argon2ft_mutex *m,
                            const argon2ft_deadline *deadline);
void argon2ft_cond_broadcast(argon2ft_cond *c);

/* What a thread runs: fn(arg). */
typedef void (*argon2ft_thread_fn)(void *arg);

/* A started thread; stays at its address until joined (the thread reads
   fn and arg from it). */
typedef struct argon2ft_thread {
    argon2ft_thread_handle handle;
    argon2ft_thread_fn fn;
    void *arg;
#if defined(__linux__) && defined(__GLIBC__)
    int takes_cpus_back;             /* restore creator_cpus, then run fn */
    unsigned char creator_cpus[128]; /* a cpu_set_t: the creator's mask */
#endif
} argon2ft_thread;

/*
 * Starts fn(arg) on a new thread. Returns 0, or -1 when none was created.
 * With glibc on Linux the thread starts on a CPU other than its creator's
 * when the creator may run on more than one, then takes the creator's CPU
 * mask back: a thread that starts on its creator's CPU waits there until
 * the scheduler moves it, milliseconds after idle seconds on a virtual
 * machine (docs/performance.md).
 */
int argon2ft_thread_start(argon2ft_thread *t, argon2ft_thread_fn fn, void *arg);

/* Waits for t to finish and releases it. Returns 0, or -1 on failure. */
int argon2ft_thread_join(argon2ft_thread *t);

/*
 * The calling thread's id as the kernel knows it (Linux), else 0; and a
 * wait until the kernel no longer lists such a thread, since
 * argon2ft_thread_join returns a little before that (an exiting thread
 * still counts against thread limits, and CPython's fork() sees it). The
 * wait sleeps in 50 us steps, taken from *budget_us; returns 1 once tid is
 * gone (or 0 or where nothing can be asked), 0 when the budget ran out.
 */
long argon2ft_thread_os_id(void);
int argon2ft_thread_wait_gone(long tid, uint32_t *budget_us);

/* Lets t run on unjoined: the system releases it when it ends. t must stay
   at its address until the thread has started running fn. */
void argon2ft_thread_detach(argon2ft_thread *t);

/*
 * How many CPUs this process may run on, or 0 when unknown. Asked on every
 * multi-lane hash (one system call) since affinity and hotplug can change.
 */
uint32_t argon2ft_usable_cpus(void);

/*
 * 1 when the threads ready to run on the whole system at this instant, the
 * caller among them, plus `more` outnumber its online CPUs (Linux, from
 * /proc/loadavg: one small read); 0 when they fit or where the system does
 * not say.
 */
int argon2ft_cpus_oversubscribed(uint32_t more);

#endif /* ARGON2_FT_OS_THREAD_H */
