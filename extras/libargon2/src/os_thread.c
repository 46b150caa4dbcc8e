/*
 * Threads, mutexes, condition variables and the usable CPU count, on POSIX
 * threads or Win32.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1 /* sched_getaffinity, CPU_COUNT */
#endif
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "argon2.h"
#include "os_thread.h"

#if defined(_WIN32)
#include <process.h>
#else
#include <errno.h>
#include <unistd.h>
#if defined(__linux__)
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#endif
#endif

#if defined(_WIN32)
int argon2ft_mutex_init(argon2ft_mutex *m)
{
    InitializeSRWLock(m);
    return 0;
}

void argon2ft_mutex_destroy(argon2ft_mutex *m)
{
    (void)m;
}

void argon2ft_mutex_lock(argon2ft_mutex *m)
{
    AcquireSRWLockExclusive(m);
}

void argon2ft_mutex_unlock(argon2ft_mutex *m)
{
    ReleaseSRWLockExclusive(m);
}

int argon2ft_cond_init(argon2ft_cond *c)
{
    InitializeConditionVariable(c);
    return 0;
}

void argon2ft_cond_destroy(argon2ft_cond *c)
{
    (void)c;
}

void argon2ft_cond_wait(argon2ft_cond *c, argon2ft_mutex *m)
{
    SleepConditionVariableSRW(c, m, INFINITE, 0);
}

void argon2ft_cond_broadcast(argon2ft_cond *c)
{
    WakeAllConditionVariable(c);
}

argon2ft_deadline argon2ft_deadline_after(uint64_t ms)
{
    return GetTickCount64() + (ULONGLONG)ms;
}

int argon2ft_cond_timedwait(argon2ft_cond *c, argon2ft_mutex *m,
                            const argon2ft_deadline *deadline)
{
    ULONGLONG now = GetTickCount64(), left;
    if (now >= *deadline) {
        return 0;
    }
    left = *deadline - now;
    SleepConditionVariableSRW(c, m, left > 0x7FFFFFFFu ? 0x7FFFFFFFu : (DWORD)left,
                              0);
    return 1;
}

static BOOL CALLBACK once_trampoline(PINIT_ONCE once, PVOID fn, PVOID *unused)
{
    (void)once;
    (void)unused;
    ((void (*)(void))(uintptr_t)fn)();
    return TRUE;
}

void argon2ft_once(argon2ft_once_flag *flag, void (*fn)(void))
{
    InitOnceExecuteOnce(flag, once_trampoline, (PVOID)(uintptr_t)fn, NULL);
}
#else
int argon2ft_mutex_init(argon2ft_mutex *m)
{
    return pthread_mutex_init(m, NULL);
}

void argon2ft_mutex_destroy(argon2ft_mutex *m)
{
    pthread_mutex_destroy(m);
}

void argon2ft_mutex_lock(argon2ft_mutex *m)
{
    pthread_mutex_lock(m);
}

void argon2ft_mutex_unlock(argon2ft_mutex *m)
{
    pthread_mutex_unlock(m);
}

/* CLOCK_MONOTONIC for timed waits where conditions can use it (macOS
   cannot: there they wait on the wall clock). */
#if defined(_POSIX_MONOTONIC_CLOCK) && _POSIX_MONOTONIC_CLOCK >= 0 && \
    !defined(__APPLE__)
#define WAIT_CLOCK CLOCK_MONOTONIC
#else
#define WAIT_CLOCK CLOCK_REALTIME
#endif

int argon2ft_cond_init(argon2ft_cond *c)
{
    pthread_condattr_t attr;
    int rc;
    if (pthread_condattr_init(&attr) != 0) {
        return -1;
    }
#if defined(_POSIX_MONOTONIC_CLOCK) && _POSIX_MONOTONIC_CLOCK >= 0 && \
    !defined(__APPLE__)
    if (pthread_condattr_setclock(&attr, WAIT_CLOCK) != 0) {
        pthread_condattr_destroy(&attr);
        return -1;
    }
#endif
    rc = pthread_cond_init(c, &attr);
    pthread_condattr_destroy(&attr);
    return rc;
}

void argon2ft_cond_destroy(argon2ft_cond *c)
{
    pthread_cond_destroy(c);
}

void argon2ft_cond_wait(argon2ft_cond *c, argon2ft_mutex *m)
{
    pthread_cond_wait(c, m);
}

void argon2ft_cond_broadcast(argon2ft_cond *c)
{
    pthread_cond_broadcast(c);
}

argon2ft_deadline argon2ft_deadline_after(uint64_t ms)
{
    struct timespec t;
    (void)clock_gettime(WAIT_CLOCK, &t);
    t.tv_sec += (time_t)(ms / 1000);
    t.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec += 1;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

int argon2ft_cond_timedwait(argon2ft_cond *c, argon2ft_mutex *m,
                            const argon2ft_deadline *deadline)
{
    return pthread_cond_timedwait(c, m, deadline) != ETIMEDOUT;
}

void argon2ft_once(argon2ft_once_flag *flag, void (*fn)(void))
{
    (void)pthread_once(flag, fn);
}
#endif

#if defined(__linux__) && defined(__GLIBC__)
typedef char argon2ft_cpu_set_fits[sizeof(cpu_set_t) <=
                                           sizeof(((argon2ft_thread *)0)->creator_cpus)
                                       ? 1
                                       : -1];

/* The caller's CPUs but the one it runs on, in *away, and its whole mask in
   t; 0 when it may run on no other CPU, or the system does not say. */
static int away_from_here(argon2ft_thread *t, cpu_set_t *away)
{
    cpu_set_t mine;
    int cpu = sched_getcpu();
    if (cpu < 0 || cpu >= CPU_SETSIZE ||
        sched_getaffinity(0, sizeof(mine), &mine) != 0) {
        return 0;
    }
    *away = mine;
    CPU_CLR(cpu, away);
    if (CPU_COUNT(away) == 0) {
        return 0;
    }
    memcpy(t->creator_cpus, &mine, sizeof(mine));
    return 1;
}

/* Starts t on a CPU other than the caller's; 0, or -1 when it did not. */
static int start_away(argon2ft_thread *t, void *(*entry)(void *))
{
    pthread_attr_t attr;
    cpu_set_t away;
    int rc = -1;
    if (!away_from_here(t, &away) || pthread_attr_init(&attr) != 0) {
        return -1;
    }
    t->takes_cpus_back = 1;
    if (pthread_attr_setaffinity_np(&attr, sizeof(away), &away) == 0 &&
        pthread_create(&t->handle, &attr, entry, t) == 0) {
        rc = 0;
    } else {
        t->takes_cpus_back = 0;
    }
    (void)pthread_attr_destroy(&attr);
    return rc;
}
#endif

/* The system's entry point for every thread: runs t->fn(t->arg). */
#if defined(_WIN32)
static unsigned __stdcall thread_main(void *p)
#else
static void *thread_main(void *p)
#endif
{
    argon2ft_thread *t = (argon2ft_thread *)p;
    argon2ft_thread_fn fn = t->fn;
    void *arg = t->arg;
#if defined(__linux__) && defined(__GLIBC__)
    if (t->takes_cpus_back) {
        cpu_set_t mask;
        memcpy(&mask, t->creator_cpus, sizeof(mask));
        /* On failure (the cpuset changed) it keeps the CPUs it started on. */
        (void)pthread_setaffinity_np(pthread_self(), sizeof(mask), &mask);
    }
#endif
    fn(arg);
    return 0;
}

int argon2ft_thread_start(argon2ft_thread *t, argon2ft_thread_fn fn, void *arg)
{
    t->fn = fn;
    t->arg = arg;
#if defined(__linux__) && defined(__GLIBC__)
    t->takes_cpus_back = 0;
    if (start_away(t, thread_main) == 0) {
        return 0;
    }
#endif
#if defined(_WIN32)
    {
        uintptr_t h = _beginthreadex(NULL, 0, thread_main, t, 0, NULL);
        if (h == 0) {
            return -1;
        }
        t->handle = (HANDLE)h;
        return 0;
    }
#else
    return pthread_create(&t->handle, NULL, thread_main, t) == 0 ? 0 : -1;
#endif
}

int argon2ft_thread_join(argon2ft_thread *t)
{
#if defined(_WIN32)
    int ok = WaitForSingleObject(t->handle, INFINITE) == WAIT_OBJECT_0;
    CloseHandle(t->handle);
    return ok ? 0 : -1;
#else
    return pthread_join(t->handle, NULL) == 0 ? 0 : -1;
#endif
}

long argon2ft_thread_os_id(void)
{
#if defined(__linux__)
    return (long)syscall(SYS_gettid);
#else
    return 0;
#endif
}

int argon2ft_thread_wait_gone(long tid, uint32_t *budget_us)
{
#if defined(__linux__)
    char path[64];
    struct stat info;
    struct timespec pause = {0, 50000L};
    if (tid == 0) {
        return 1;
    }
    (void)snprintf(path, sizeof(path), "/proc/self/task/%ld", tid);
    while (stat(path, &info) == 0) {
        if (*budget_us < 50) {
            return 0;
        }
        (void)nanosleep(&pause, NULL);
        *budget_us -= 50;
    }
    return 1; /* gone, or no /proc to ask */
#else
    (void)tid;
    (void)budget_us;
    return 1;
#endif
}

void argon2ft_thread_detach(argon2ft_thread *t)
{
#if defined(_WIN32)
    CloseHandle(t->handle);
#else
    (void)pthread_detach(t->handle);
#endif
}

uint32_t argon2ft_usable_cpus(void)
{
#if defined(_WIN32)
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    return (uint32_t)info.dwNumberOfProcessors;
#else
#if defined(__linux__) && defined(CPU_COUNT)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0) {
            return (uint32_t)n;
        }
    }
#endif
#if defined(_SC_NPROCESSORS_ONLN)
    {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        if (n > 0 && n <= (long)ARGON2_MAX_THREADS) {
            return (uint32_t)n;
        }
    }
#endif
    return 0;
#endif
}

int argon2ft_cpus_oversubscribed(uint32_t more)
{
#if defined(__linux__) && defined(_SC_NPROCESSORS_ONLN)
    /* "0.52 0.58 0.59 3/412 12345": the fourth field counts the threads
       running or ready to run at this instant, the reader included. */
    char text[128];
    ssize_t len;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned long runnable = 0;
    int fd, fields = 0, digits = 0;
    ssize_t i;

    fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || cpus <= 0) {
        if (fd >= 0) {
            (void)close(fd);
        }
        return 0;
    }
    len = read(fd, text, sizeof(text) - 1);
    (void)close(fd);
    for (i = 0; i < len; i++) {
        if (text[i] == ' ') {
            fields++;
        } else if (fields == 3) {
            if (text[i] < '0' || text[i] > '9') {
                break;
            }
            if (runnable < 1000000ul) {
                runnable = runnable * 10 + (unsigned long)(text[i] - '0');
            }
            digits++;
        }
    }
    return digits > 0 && runnable + more > (unsigned long)cpus;
#else
    (void)more;
    return 0;
#endif
}
