/*
 * At the process's thread limit the system library does not fail cleanly:
 * lane threads it started keep writing to the matrix after its error return
 * has freed it. So it is asked for lane threads only after n threads have
 * run at once here, and (on Linux) after the kernel has given their slots
 * back: pthread_join returns before an exiting thread stops counting
 * against RLIMIT_NPROC and the pids cgroup, and a slot still held then
 * would make the system library's own pthread_create fail.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1 /* syscall, SYS_gettid */
#endif
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>

#include "os_thread.h"
#include "thread_probe.h"

#if defined(__linux__)
#include <errno.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#endif

/* How long to wait for the kernel to release the probe threads' slots,
   counted in 50 us sleeps (a sleep may last longer, so this is a floor). */
#define RELEASE_WAIT_MS 100

typedef struct probe_state {
    argon2ft_mutex lock;
    argon2ft_cond go_signal;
    int go;
} probe_state;

typedef struct probe_slot {
    argon2ft_thread thread;
    probe_state *state;
    long tid;
} probe_slot;

/* Holds its slot until every probe thread has started. */
static void probe_thread(void *arg)
{
    probe_slot *slot = (probe_slot *)arg;
    probe_state *state = slot->state;
#if defined(__linux__)
    slot->tid = (long)syscall(SYS_gettid);
#endif
    argon2ft_mutex_lock(&state->lock);
    while (!state->go) {
        argon2ft_cond_wait(&state->go_signal, &state->lock);
    }
    argon2ft_mutex_unlock(&state->lock);
}

#if defined(__linux__)
/* Waits until no thread of slots[0..n) is still a task of this process. */
static int slots_released(const probe_slot *slots, uint32_t n)
{
    char path[64];
    struct stat info;
    struct timespec pause = {0, 50000L};
    uint32_t i = 0, waited_us = 0;
    while (i < n) {
        (void)snprintf(path, sizeof(path), "/proc/self/task/%ld", slots[i].tid);
        if (stat(path, &info) != 0) {
            if (errno != ENOENT) {
                return 1; /* no /proc: nothing to wait on */
            }
            i++;
            continue;
        }
        if (waited_us >= RELEASE_WAIT_MS * 1000u) {
            return 0;
        }
        (void)nanosleep(&pause, NULL);
        waited_us += 50;
    }
    return 1;
}
#endif

int argon2ft_threads_available(uint32_t n)
{
    probe_state state;
    probe_slot *slots;
    uint32_t i, started = 0;
    int ok;

    slots = (probe_slot *)calloc(n, sizeof(*slots));
    if (slots == NULL) {
        return 0;
    }
    state.go = 0;
    if (argon2ft_mutex_init(&state.lock) != 0) {
        free(slots);
        return 0;
    }
    if (argon2ft_cond_init(&state.go_signal) != 0) {
        argon2ft_mutex_destroy(&state.lock);
        free(slots);
        return 0;
    }
    for (i = 0; i < n; i++) {
        slots[i].state = &state;
        if (argon2ft_thread_start(&slots[i].thread, probe_thread, &slots[i]) != 0) {
            break;
        }
        started++;
    }
    argon2ft_mutex_lock(&state.lock);
    state.go = 1;
    argon2ft_cond_broadcast(&state.go_signal);
    argon2ft_mutex_unlock(&state.lock);
    ok = started == n;
    for (i = 0; i < started; i++) {
        if (argon2ft_thread_join(&slots[i].thread) != 0) {
            ok = 0;
        }
    }
#if defined(__linux__)
    if (ok) {
        ok = slots_released(slots, n);
    }
#endif
    argon2ft_cond_destroy(&state.go_signal);
    argon2ft_mutex_destroy(&state.lock);
    free(slots);
    return ok;
}
