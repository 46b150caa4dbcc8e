/*
 * At the process's thread limit the system library does not fail cleanly:
 * lane threads it started keep writing to the matrix after its error return
 * has freed it. So it is asked for lane threads only after n threads have
 * run at once here, and (on Linux) after the kernel has given their slots
 * back: pthread_join returns before an exiting thread stops counting
 * against RLIMIT_NPROC and the pids cgroup, and a slot still held then
 * would make the system library's own pthread_create fail.
 */
#include <stdlib.h>

#include "os_thread.h"
#include "thread_probe.h"

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
    slot->tid = argon2ft_thread_os_id();
    argon2ft_mutex_lock(&state->lock);
    while (!state->go) {
        argon2ft_cond_wait(&state->go_signal, &state->lock);
    }
    argon2ft_mutex_unlock(&state->lock);
}

/* Waits until no thread of slots[0..n) is still a task of this process. */
static int slots_released(const probe_slot *slots, uint32_t n)
{
    uint32_t i, budget_us = RELEASE_WAIT_MS * 1000u;
    for (i = 0; i < n; i++) {
        if (!argon2ft_thread_wait_gone(slots[i].tid, &budget_us)) {
            return 0;
        }
    }
    return 1;
}

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
    if (ok) {
        ok = slots_released(slots, n);
    }
    argon2ft_cond_destroy(&state.go_signal);
    argon2ft_mutex_destroy(&state.lock);
    free(slots);
    return ok;
}
