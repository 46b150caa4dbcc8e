/*
 * Concurrency tests (meant for ThreadSanitizer too): many independent hashes
 * from several threads at once, each with its own lane threads, compared
 * with results computed single-threaded beforehand.
 */
#if defined(__linux__)
#define _GNU_SOURCE 1 /* sched_getaffinity */
#endif
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#endif

#if defined(__linux__) && !defined(UNDER_SANITIZER)
#define TEST_THREAD_FAILURE 1
#include <sched.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "argon2.h"
#include "argon2_ft.h"
#include "testlib.h"

#define NJOBS 8
#define NCALLERS 4
#define ROUNDS 3

typedef struct job {
    argon2_type type;
    uint32_t t_cost, m_cost, lanes;
    char pwd[32];
    uint8_t expected[32];
    char encoded[128];
} job;

static job jobs[NJOBS];

typedef struct caller {
    int id;
    int failures;
    int checks;
} caller;

static int compute(const job *j, uint32_t threads, uint8_t tag[32], char *enc, size_t enclen)
{
    return argon2ft_hash(j->t_cost, j->m_cost, j->lanes, threads, j->pwd, strlen(j->pwd),
                         "saltsaltsalt", 12, "key", 3, "ad", 2, tag, 32, enc, enclen, j->type,
                         ARGON2_VERSION_13, ARGON2FT_KERNEL_AUTO);
}

static void *caller_main(void *p)
{
    caller *c = (caller *)p;
    int r, i;
    for (r = 0; r < ROUNDS; r++) {
        for (i = 0; i < NJOBS; i++) {
            const job *j = &jobs[(i + c->id) % NJOBS];
            uint8_t tag[32];
            uint32_t threads = (uint32_t)((c->id + i + r) % 5); /* 0 = one per lane */
            int rc = compute(j, threads, tag, NULL, 0);
            c->checks++;
            if (rc != ARGON2_OK || memcmp(tag, j->expected, 32) != 0) {
                c->failures++;
            }
            rc = argon2ft_verify(j->encoded, strlen(j->encoded), j->type, j->pwd,
                                 strlen(j->pwd), "key", 3, "ad", 2, threads,
                                 ARGON2FT_KERNEL_AUTO);
            c->checks++;
            if (rc != ARGON2_OK) {
                c->failures++;
            }
        }
    }
    return NULL;
}

#ifdef TEST_THREAD_FAILURE
/*
 * In a child process, caps the address space just above what is mapped, so
 * that a small matrix still fits but no thread stack does: the hash must
 * still succeed, its lanes computed by the calling thread alone, with the
 * tag of an unconstrained hash. Exit status 0 means it did, 2 that the limit
 * could not be set up (nothing to conclude).
 */
static int thread_failure_child(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    struct rlimit rl;
    cpu_set_t cpus;
    uint8_t tag[32], expected[32];
    int rc;

    /* User-mode emulators manage the guest's address space themselves and do
       not honour a guest RLIMIT_AS: nothing to conclude there. */
    if (getenv("ARGON2_FT_EMULATED") != NULL) {
        return 2;
    }
    if (f == NULL || fscanf(f, "%lu", &pages) != 1) {
        return 2;
    }
    fclose(f);
    /* Lane threads are capped at the usable CPUs: with one, no thread is
       created, so no creation can fail. Nothing to conclude. */
    if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0 && CPU_COUNT(&cpus) < 2) {
        return 2;
    }
    if (argon2ft_hash(1, 64, 4, 1, "pw", 2, "saltsalt", 8, NULL, 0, NULL, 0, expected, 32,
                      NULL, 0, Argon2_id, ARGON2_VERSION_13, ARGON2FT_KERNEL_AUTO) != ARGON2_OK) {
        return 1;
    }
    rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + 2 * 1024 * 1024;
    if (setrlimit(RLIMIT_AS, &rl) != 0) {
        return 2;
    }
    rc = argon2ft_hash(1, 64, 4, 4, "pw", 2, "saltsalt", 8, NULL, 0, NULL, 0, tag, 32, NULL, 0,
                       Argon2_id, ARGON2_VERSION_13, ARGON2FT_KERNEL_AUTO);
    if (rc == ARGON2_OK && memcmp(tag, expected, sizeof(tag)) == 0) {
        return 0;
    }
    fprintf(stderr, "hash with no room for threads: rc %d%s\n", rc,
            rc == ARGON2_OK ? ", wrong tag" : "");
    return 1;
}

static void test_thread_failure(void)
{
    pid_t pid;
    int status = 0;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        _exit(thread_failure_child());
    }
    if (!TL_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status),
                  "thread failure child did not finish")) {
        return;
    }
    if (WEXITSTATUS(status) == 2) {
        printf("thread creation failure: limit not settable here, skipped\n");
        return;
    }
    TL_CHECK(WEXITSTATUS(status) == 0, "hash at the thread limit did not succeed");
}
#endif

int main(int argc, char **argv)
{
    tl_thread threads[NCALLERS];
    caller callers[NCALLERS];
    int i;

    (void)argc;
    (void)argv;
#ifdef TEST_THREAD_FAILURE
    /* First, while no thread stacks exist that the child could reuse. */
    test_thread_failure();
#else
    printf("SKIP: thread creation failure check (Linux without sanitizers only)\n");
#endif
    for (i = 0; i < NJOBS; i++) {
        job *j = &jobs[i];
        j->type = (argon2_type)(i % 3);
        j->t_cost = 1 + (uint32_t)(i % 3);
        j->lanes = 1 + (uint32_t)(i % 4);
        j->m_cost = 64 * j->lanes + 8 * (uint32_t)i;
        snprintf(j->pwd, sizeof(j->pwd), "password-%d", i);
        TL_CHECK(compute(j, 1, j->expected, j->encoded, sizeof(j->encoded)) == ARGON2_OK,
                 "single-threaded job %d", i);
    }
    /* Multi-lane hashes with several lane threads, from this thread. */
    for (i = 0; i < NJOBS; i++) {
        uint32_t t;
        for (t = 2; t <= 4; t++) {
            uint8_t tag[32];
            TL_CHECK(compute(&jobs[i], t, tag, NULL, 0) == ARGON2_OK &&
                         memcmp(tag, jobs[i].expected, 32) == 0,
                     "job %d with %u threads", i, t);
        }
    }
    for (i = 0; i < NCALLERS; i++) {
        callers[i].id = i;
        callers[i].failures = 0;
        callers[i].checks = 0;
        TL_CHECK(tl_thread_start(&threads[i], caller_main, &callers[i]) == 0,
                 "start caller %d", i);
    }
    for (i = 0; i < NCALLERS; i++) {
        tl_thread_join(threads[i]);
        TL_CHECK(callers[i].checks == 2 * ROUNDS * NJOBS && callers[i].failures == 0,
                 "caller %d: %d of %d checks failed", i, callers[i].failures, callers[i].checks);
    }
    return tl_finish();
}
