/*
 * The matrix pool and the memory budget (src/pool.c): results identical with
 * and without reuse for every kernel and interleaved sizes, parked memory
 * wiped, matrices that a lane thread wipes and parks after the call, the
 * budget's refusals, waiting in arrival order, the wait limit, idle
 * trimming, many threads at once, and fork while others hold memory.
 */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ARGON2_FT_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define ARGON2_FT_TSAN 1
#endif
/* ThreadSanitizer cannot start threads in a child of a threaded fork, and
   runs a thread of its own. */
#if defined(ARGON2_FT_TSAN)
#define ARGON2_FT_NO_FORK_TEST 1
#endif

#include "argon2.h"
#include "argon2_ft.h"
#include "os_thread.h"
#include "pool.h"
#include "testlib.h"

#if defined(_WIN32)
#include <windows.h>
static void sleep_ms(unsigned ms) { Sleep(ms); }
#else
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static void sleep_ms(unsigned ms)
{
    struct timespec t;
    t.tv_sec = (time_t)(ms / 1000);
    t.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
}
#endif

#define MIB (UINT64_C(1) << 20)

static int hash_with(uint32_t m_cost, uint32_t lanes, int kernel, const char *pwd,
                     uint8_t tag[32])
{
    return argon2ft_hash(1, m_cost, lanes, 0, pwd, strlen(pwd), "saltsaltsalt", 12,
                         "key", 3, NULL, 0, tag, 32, NULL, 0, Argon2_id,
                         ARGON2_VERSION_13, kernel);
}

static void reset_pool(void)
{
    argon2ft_memory_set_max_running(0);
    argon2ft_memory_set_budget(0);
    argon2ft_memory_set_idle_limit(0);
    argon2ft_memory_set_wait_timeout(30000);
    argon2ft_memory_release_idle();
    argon2ft_memory_reset_peak();
}

/* Sizes in KiB, interleaved so that parked matrices of other sizes are
   around when each one is asked for. */
static const uint32_t sizes[] = {4096, 64, 2048, 8192, 4096, 3000, 2048, 8192, 5120, 64};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

static void test_reuse_matches_fresh(void)
{
    int kernel;
    for (kernel = ARGON2FT_KERNEL_PORTABLE; kernel < ARGON2FT_KERNEL_COUNT; kernel++) {
        uint8_t fresh[NSIZES][32], reused[32];
        size_t i;
        int round;
        argon2ft_memory_stats st;
        if (!argon2ft_kernel_supported(kernel)) {
            continue;
        }
        reset_pool();
        for (i = 0; i < NSIZES; i++) {
            TL_CHECK(hash_with(sizes[i], 1 + (uint32_t)(i % 3), kernel, "pw", fresh[i]) ==
                         ARGON2_OK,
                     "fresh hash %zu", i);
        }
        argon2ft_memory_get_stats(&st);
        TL_CHECK(st.idle == 0 && st.in_use == 0, "nothing parked with idle limit 0");
        argon2ft_memory_set_idle_limit(64 * MIB);
        for (round = 0; round < 2; round++) {
            for (i = 0; i < NSIZES; i++) {
                TL_CHECK(hash_with(sizes[i], 1 + (uint32_t)(i % 3), kernel, "pw", reused) ==
                             ARGON2_OK,
                         "pooled hash %zu", i);
                TL_CHECK(memcmp(reused, fresh[i], 32) == 0,
                         "kernel %s, %u KiB: pooled tag equals fresh tag",
                         argon2ft_kernel_name(kernel), (unsigned)sizes[i]);
            }
        }
        argon2ft_memory_get_stats(&st);
        TL_CHECK(st.reused > 0, "kernel %s: parked matrices were reused (%llu)",
                 argon2ft_kernel_name(kernel), (unsigned long long)st.reused);
        TL_CHECK(st.in_use == 0, "nothing in use after the hashes");
        TL_CHECK(st.idle > 0 && st.idle <= 64 * MIB, "parked within the idle limit");
    }
    reset_pool();
}

/* A parked matrix, taken back out, holds nothing but zeros. */
static void test_parked_memory_is_wiped(void)
{
    uint8_t tag[32];
    argon2ft_matrix m;
    size_t i, nonzero = 0;
    const unsigned char *p;
    argon2ft_memory_stats st;

    reset_pool();
    argon2ft_memory_set_idle_limit(64 * MIB);
    TL_CHECK(hash_with(4096, 1, ARGON2FT_KERNEL_AUTO, "secret password", tag) == ARGON2_OK,
             "hash to park");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.idle == 4 * MIB, "the 4 MiB matrix is parked (%llu)",
             (unsigned long long)st.idle);
    TL_CHECK(argon2ft_pool_acquire(&m, 4 * MIB) == ARGON2_OK, "take it back out");
    TL_CHECK(m.prefault_bytes == 0, "a parked matrix needs no prefault");
    p = (const unsigned char *)m.blocks;
    for (i = 0; i < m.bytes; i++) {
        nonzero += p[i] != 0;
    }
    TL_CHECK(nonzero == 0, "parked memory is all zero (%zu nonzero bytes)", nonzero);
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.reused >= 1 && st.idle == 0 && st.in_use == 4 * MIB,
             "it came from the pool");
    argon2ft_pool_release(&m);
    reset_pool();
}

#if defined(__linux__) && !defined(ARGON2_FT_TSAN)
#define ARGON2_FT_COUNT_TASKS 1
#include <dirent.h>
/* Threads of this process, as the kernel lists them. */
static int tasks_of_this_process(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int n = 0;
    if (d == NULL) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}
#endif

/* 1 when every byte of m's n bytes is zero. */
static int all_zero(const argon2ft_matrix *m, size_t n)
{
    const unsigned char *p = (const unsigned char *)m->blocks;
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

/*
 * With several lanes on several CPUs, a lane thread wipes and parks the
 * matrix after the call has returned. The statistics and release_idle wait
 * for it, so a caller sees the same as with one lane: nothing in use, the
 * matrix parked and all zero.
 */
static void test_lane_thread_parks_after_the_call(void)
{
    uint8_t tag[32], expected[32];
    argon2ft_matrix m;
    argon2ft_memory_stats st;
    int round, settled = 0, same = 0;
    uint64_t released;

    if (argon2ft_usable_cpus() < 2) {
        printf("SKIP: lane threads need two CPUs\n");
        return;
    }
    reset_pool();
    TL_CHECK(hash_with(8192, 4, ARGON2FT_KERNEL_AUTO, "lanes", expected) == ARGON2_OK,
             "fresh four-lane hash");
    /* Waits until that matrix is back (freed: the idle limit is 0). */
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.in_use == 0 && st.idle == 0, "the fresh matrix was freed");
    argon2ft_memory_set_idle_limit(64 * MIB);
    for (round = 0; round < 50; round++) {
        TL_CHECK(hash_with(8192, 4, ARGON2FT_KERNEL_AUTO, "lanes", tag) == ARGON2_OK,
                 "four-lane hash %d", round);
        same += memcmp(tag, expected, 32) == 0;
        argon2ft_memory_get_stats(&st);
        settled += st.in_use == 0 && st.running == 0 && st.idle == 8 * MIB;
    }
    TL_CHECK(same == 50, "every tag equals the fresh one (%d of 50)", same);
    TL_CHECK(settled == 50,
             "right after each call: nothing in use, 8 MiB parked (%d of 50)",
             settled);
    TL_CHECK(argon2ft_pool_acquire(&m, 8 * MIB) == ARGON2_OK, "take it back out");
    TL_CHECK(all_zero(&m, 8 * MIB), "a lane thread's parked matrix is all zero");
    argon2ft_pool_release(&m);

#if defined(ARGON2_FT_COUNT_TASKS)
    /* qemu-user runs threads of its own. */
    if (!tl_env_flag("ARGON2_FT_EMULATED")) {
        int alone = 0;
        for (round = 0; round < 20; round++) {
            TL_CHECK(hash_with(8192, 4, ARGON2FT_KERNEL_AUTO, "lanes", tag) == ARGON2_OK,
                     "hash before settling %d", round);
            argon2ft_memory_settle();
            alone += tasks_of_this_process() == 1;
        }
        TL_CHECK(alone == 20, "after argon2ft_memory_settle no lane thread is left (%d of 20)",
                 alone);
    }
#endif
    TL_CHECK(hash_with(8192, 4, ARGON2FT_KERNEL_AUTO, "lanes", tag) == ARGON2_OK,
             "hash before release_idle");
    released = argon2ft_memory_release_idle();
    argon2ft_memory_get_stats(&st);
    TL_CHECK(released == 8 * MIB && st.idle == 0 && st.in_use == 0,
             "release_idle right after the call frees its matrix (%llu)",
             (unsigned long long)released);
    reset_pool();
}

static void test_over_budget_fails_at_once(void)
{
    uint8_t tag[32];
    argon2ft_memory_stats st;
    reset_pool();
    argon2ft_memory_set_budget(8 * MIB);
    TL_CHECK(hash_with(16384, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) ==
                 ARGON2FT_MEMORY_OVER_BUDGET,
             "16 MiB against an 8 MiB budget is refused");
    TL_CHECK(hash_with(8192, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK,
             "exactly the budget fits");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.refused == 1 && st.waited == 0, "one refusal, no wait");
    TL_CHECK(argon2ft_memory_charge(8192, 1) == 8 * MIB, "charge of 8 MiB");
#if defined(__linux__)
    TL_CHECK(argon2ft_memory_charge(3000, 1) == 4 * MIB, "3000 KiB rounds to 2 MiB pages");
#else
    TL_CHECK(argon2ft_memory_charge(3000, 1) == 3000 * 1024, "heap matrices: exact size");
#endif
    TL_CHECK(argon2ft_memory_charge(4, 1) == 8 * 1024, "the minimum is 8 blocks");
    TL_CHECK(argon2ft_memory_charge(1, 0) == 0, "no lanes: no charge");
    TL_CHECK(strcmp(argon2_error_message(ARGON2FT_MEMORY_OVER_BUDGET),
                    "Unknown error code") != 0,
             "the refusal has a message");
    reset_pool();
}

typedef struct waiter_arg {
    size_t bytes;
    int rc;
    int order;
} waiter_arg;

static int admitted_count;
static tl_mutex order_lock;

static void *waiter_main(void *p)
{
    waiter_arg *a = (waiter_arg *)p;
    argon2ft_matrix m;
    a->rc = argon2ft_pool_acquire(&m, a->bytes);
    tl_mutex_lock(&order_lock);
    a->order = ++admitted_count;
    tl_mutex_unlock(&order_lock);
    if (a->rc == ARGON2_OK) {
        argon2ft_pool_release(&m);
    }
    return NULL;
}

/* A small request that would fit waits behind a larger one that came first. */
static void test_waits_in_arrival_order(void)
{
    argon2ft_matrix held;
    /* 7 MiB: once it runs, the 2 MiB request no longer fits, so the order
       in which the two finish waiting is the order they were let in. */
    waiter_arg big = {7 * MIB, -1, 0}, small = {2 * MIB, -1, 0};
    tl_thread tb, ts;
    argon2ft_memory_stats st;
    int spins;

    reset_pool();
    argon2ft_memory_set_budget(8 * MIB);
    admitted_count = 0;
    TL_CHECK(argon2ft_pool_acquire(&held, 6 * MIB) == ARGON2_OK, "hold 6 of 8 MiB");
    TL_CHECK(tl_thread_start(&tb, waiter_main, &big) == 0, "start the 4 MiB waiter");
    for (spins = 0; spins < 500; spins++) {
        argon2ft_memory_get_stats(&st);
        if (st.waiting == 1) {
            break;
        }
        sleep_ms(2);
    }
    TL_CHECK(st.waiting == 1, "the 7 MiB request waits");
    TL_CHECK(tl_thread_start(&ts, waiter_main, &small) == 0, "start the 2 MiB waiter");
    for (spins = 0; spins < 500; spins++) {
        argon2ft_memory_get_stats(&st);
        if (st.waiting == 2) {
            break;
        }
        sleep_ms(2);
    }
    TL_CHECK(st.waiting == 2, "the 2 MiB request waits behind it although it would fit");
    sleep_ms(50);
    tl_mutex_lock(&order_lock);
    TL_CHECK(admitted_count == 0, "nobody was let in while memory was held");
    tl_mutex_unlock(&order_lock);
    argon2ft_pool_release(&held);
    TL_CHECK(tl_thread_join(tb) == 0 && tl_thread_join(ts) == 0, "join");
    TL_CHECK(big.rc == ARGON2_OK && small.rc == ARGON2_OK, "both got memory");
    TL_CHECK(big.order == 1 && small.order == 2, "first come, first served (%d, %d)",
             big.order, small.order);
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.waited == 2 && st.waiting == 0 && st.in_use == 0, "two waited, none left");
    TL_CHECK(st.peak <= 8 * MIB, "never above the budget (peak %llu)",
             (unsigned long long)st.peak);
    reset_pool();
}

static void test_wait_limit(void)
{
    argon2ft_matrix held;
    uint8_t tag[32];
    argon2ft_memory_stats st;
    reset_pool();
    argon2ft_memory_set_budget(8 * MIB);
    argon2ft_memory_set_wait_timeout(100);
    TL_CHECK(argon2ft_pool_acquire(&held, 8 * MIB) == ARGON2_OK, "hold the whole budget");
    TL_CHECK(hash_with(2048, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) ==
                 ARGON2FT_MEMORY_WAIT_TIMEOUT,
             "a hash that cannot get memory in 100 ms times out");
    argon2ft_memory_set_wait_timeout(0);
    TL_CHECK(hash_with(2048, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) ==
                 ARGON2FT_MEMORY_WAIT_TIMEOUT,
             "with no waiting allowed it fails at once");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.timed_out == 2 && st.waiting == 0, "two timeouts, queue empty");
    argon2ft_pool_release(&held);
    TL_CHECK(hash_with(2048, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK,
             "memory free again: no wait needed");
    reset_pool();
}

/* With a cap of one running hash, a second waits although memory is free. */
static void test_running_cap(void)
{
    argon2ft_matrix held;
    uint8_t tag[32];
    argon2ft_memory_stats st;
    reset_pool();
    argon2ft_memory_set_max_running(1);
    argon2ft_memory_set_wait_timeout(50);
    TL_CHECK(argon2ft_pool_acquire(&held, 2 * MIB) == ARGON2_OK, "one running");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.running == 1 && st.max_running == 1, "counted as running");
    TL_CHECK(hash_with(64, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) ==
                 ARGON2FT_MEMORY_WAIT_TIMEOUT,
             "a second hash waits for the first and times out");
    argon2ft_memory_set_max_running(2);
    TL_CHECK(hash_with(64, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK,
             "a higher cap lets it run");
    argon2ft_pool_release(&held);
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.running == 0, "none running");
    reset_pool();
}

static void test_idle_limits(void)
{
    uint8_t tag[32];
    argon2ft_memory_stats st;
    reset_pool();
    argon2ft_memory_set_idle_limit(6 * MIB);
    TL_CHECK(hash_with(8192, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK, "8 MiB");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.idle == 0, "8 MiB is above the idle limit: not parked");
    TL_CHECK(hash_with(2048, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK, "2 MiB");
    TL_CHECK(hash_with(4096, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK, "4 MiB");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.idle == 6 * MIB, "2 + 4 MiB parked (%llu)", (unsigned long long)st.idle);
    TL_CHECK(hash_with(5120, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK, "5 MiB");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.idle == argon2ft_memory_charge(5120, 1),
             "a fresh 5 MiB matrix replaced the older, smaller ones");
    argon2ft_memory_set_budget(2 * MIB);
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.idle <= 2 * MIB, "a lower budget trims parked memory (%llu)",
             (unsigned long long)st.idle);
    argon2ft_memory_set_budget(0);
    argon2ft_memory_set_idle_limit(64 * MIB);
    TL_CHECK(hash_with(4096, 1, ARGON2FT_KERNEL_AUTO, "pw", tag) == ARGON2_OK, "4 MiB");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(argon2ft_memory_release_idle() == st.idle && st.idle > 0,
             "release_idle reports what it freed");
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.idle == 0, "nothing parked after release");
    argon2ft_memory_set_idle_limit(0);
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.idle == 0 && st.idle_limit == 0, "limit 0 parks nothing");
    reset_pool();
}

/* ---- many threads, sizes interleaved, under a budget ---- */

#define NTHREADS 6
#define PER_THREAD 6

static uint8_t expected_tags[NSIZES][32];

typedef struct hasher_arg {
    int id;
    int failures;
} hasher_arg;

static void *hasher_main(void *p)
{
    hasher_arg *a = (hasher_arg *)p;
    int i;
    for (i = 0; i < PER_THREAD; i++) {
        size_t k = (size_t)(a->id * 3 + i) % NSIZES;
        uint8_t tag[32];
        char pwd[16];
        snprintf(pwd, sizeof(pwd), "pw%zu", k);
        if (hash_with(sizes[k], 1 + (uint32_t)(k % 3), ARGON2FT_KERNEL_AUTO, pwd, tag) !=
                ARGON2_OK ||
            memcmp(tag, expected_tags[k], 32) != 0) {
            a->failures++;
        }
    }
    return NULL;
}

static void test_threads_under_budget(void)
{
    size_t k;
    int i;
    tl_thread t[NTHREADS];
    hasher_arg args[NTHREADS];
    argon2ft_memory_stats st;

    reset_pool();
    for (k = 0; k < NSIZES; k++) {
        char pwd[16];
        snprintf(pwd, sizeof(pwd), "pw%zu", k);
        TL_CHECK(hash_with(sizes[k], 1 + (uint32_t)(k % 3), ARGON2FT_KERNEL_AUTO, pwd,
                           expected_tags[k]) == ARGON2_OK,
                 "expected tag %zu", k);
    }
    argon2ft_memory_set_budget(20 * MIB);
    argon2ft_memory_set_idle_limit(12 * MIB);
    argon2ft_memory_set_max_running(4);
    for (i = 0; i < NTHREADS; i++) {
        args[i].id = i;
        args[i].failures = 0;
        TL_CHECK(tl_thread_start(&t[i], hasher_main, &args[i]) == 0, "start %d", i);
    }
    for (i = 0; i < NTHREADS; i++) {
        TL_CHECK(tl_thread_join(t[i]) == 0, "join %d", i);
        TL_CHECK(args[i].failures == 0, "thread %d: %d wrong or failed hashes", i,
                 args[i].failures);
    }
    argon2ft_memory_get_stats(&st);
    TL_CHECK(st.peak <= 20 * MIB, "peak %llu within the 20 MiB budget",
             (unsigned long long)st.peak);
    TL_CHECK(st.in_use == 0 && st.waiting == 0 && st.running == 0, "all returned");
    reset_pool();
}

/* ---- fork while another thread holds memory ---- */

#if !defined(_WIN32) && !defined(ARGON2_FT_NO_FORK_TEST)
static tl_mutex hold_lock;
static int hold_state; /* 1: holding, 2: may release */

static void *holder_main(void *p)
{
    argon2ft_matrix m;
    (void)p;
    if (argon2ft_pool_acquire(&m, 6 * MIB) != ARGON2_OK) {
        return NULL;
    }
    tl_mutex_lock(&hold_lock);
    hold_state = 1;
    tl_mutex_unlock(&hold_lock);
    for (;;) {
        int s;
        tl_mutex_lock(&hold_lock);
        s = hold_state;
        tl_mutex_unlock(&hold_lock);
        if (s == 2) {
            break;
        }
        sleep_ms(1);
    }
    argon2ft_pool_release(&m);
    return NULL;
}

static void test_fork_while_held(void)
{
    tl_thread t;
    pid_t pid;
    int status = 0, s = 0, spins;
    uint8_t expected[32], tag[32];

    reset_pool();
    TL_CHECK(hash_with(4096, 2, ARGON2FT_KERNEL_AUTO, "fork", expected) == ARGON2_OK,
             "expected tag");
    argon2ft_memory_set_budget(8 * MIB);
    argon2ft_memory_set_idle_limit(8 * MIB);
    hold_state = 0;
    TL_CHECK(tl_thread_start(&t, holder_main, NULL) == 0, "start holder");
    for (spins = 0; spins < 1000 && s != 1; spins++) {
        tl_mutex_lock(&hold_lock);
        s = hold_state;
        tl_mutex_unlock(&hold_lock);
        sleep_ms(1);
    }
    TL_CHECK(s == 1, "the holder holds 6 of 8 MiB");
    pid = fork();
    if (pid == 0) {
        /* The holder is gone here: its 6 MiB must not block this 4 MiB hash. */
        argon2ft_memory_stats st;
        int ok = hash_with(4096, 2, ARGON2FT_KERNEL_AUTO, "fork", tag) == ARGON2_OK &&
                 memcmp(tag, expected, 32) == 0;
        argon2ft_memory_get_stats(&st);
        ok = ok && st.in_use == 0 && st.waiting == 0;
        ok = ok && hash_with(4096, 2, ARGON2FT_KERNEL_AUTO, "fork", tag) == ARGON2_OK &&
             memcmp(tag, expected, 32) == 0;
        _exit(ok ? 0 : 1);
    }
    TL_CHECK(pid > 0, "fork");
    if (pid > 0) {
        TL_CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
        TL_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                 "the child hashed correctly within the budget (status %d)", status);
    }
    tl_mutex_lock(&hold_lock);
    hold_state = 2;
    tl_mutex_unlock(&hold_lock);
    TL_CHECK(tl_thread_join(t) == 0, "join holder");
    TL_CHECK(hash_with(4096, 2, ARGON2FT_KERNEL_AUTO, "fork", tag) == ARGON2_OK &&
                 memcmp(tag, expected, 32) == 0,
             "the parent goes on hashing");
    reset_pool();
}

/* Fork at once after a multi-lane hash, while its lane thread may still be
   wiping: the child does not wait for a thread it does not have. */
static void test_fork_after_multi_lane_hash(void)
{
    pid_t pid;
    int status = 0, round, failed = 0;
    uint8_t expected[32], tag[32];

    reset_pool();
    argon2ft_memory_set_idle_limit(64 * MIB);
    TL_CHECK(hash_with(8192, 4, ARGON2FT_KERNEL_AUTO, "fork", expected) == ARGON2_OK,
             "expected tag");
    (void)argon2ft_memory_release_idle(); /* one matrix at most from here */
    for (round = 0; round < 10; round++) {
        TL_CHECK(hash_with(8192, 4, ARGON2FT_KERNEL_AUTO, "fork", tag) == ARGON2_OK,
                 "hash before fork %d", round);
        pid = fork();
        if (pid == 0) {
            argon2ft_memory_stats st;
            int ok;
            argon2ft_memory_get_stats(&st);
            ok = st.in_use == 0 && st.running == 0;
            (void)argon2ft_memory_release_idle();
            ok = ok && hash_with(8192, 4, ARGON2FT_KERNEL_AUTO, "fork", tag) == ARGON2_OK &&
                 memcmp(tag, expected, 32) == 0;
            argon2ft_memory_get_stats(&st);
            ok = ok && st.in_use == 0 && st.idle == 8 * MIB;
            _exit(ok ? 0 : 1);
        }
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            failed++;
        }
    }
    TL_CHECK(failed == 0,
             "children forked right after a multi-lane hash settle and hash (%d failed)",
             failed);
    reset_pool();
}
#endif

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    tl_mutex_init(&order_lock);
    test_reuse_matches_fresh();
    test_parked_memory_is_wiped();
    test_lane_thread_parks_after_the_call();
    test_over_budget_fails_at_once();
    test_waits_in_arrival_order();
    test_wait_limit();
    test_idle_limits();
    test_running_cap();
    test_threads_under_budget();
#if !defined(_WIN32) && !defined(ARGON2_FT_NO_FORK_TEST)
    /* qemu-user cannot run a threaded child of a threaded process. */
    if (!tl_env_flag("ARGON2_FT_EMULATED")) {
        tl_mutex_init(&hold_lock);
        test_fork_while_held();
        test_fork_after_multi_lane_hash();
    } else {
        printf("SKIP: fork test under emulation\n");
    }
#endif
    return tl_finish();
}
