/*
 * Concurrency tests (meant for ThreadSanitizer too): many independent hashes
 * from several threads at once, each with its own lane threads, compared
 * with results computed single-threaded beforehand.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>

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

int main(int argc, char **argv)
{
    pthread_t threads[NCALLERS];
    caller callers[NCALLERS];
    int i;

    (void)argc;
    (void)argv;
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
        TL_CHECK(pthread_create(&threads[i], NULL, caller_main, &callers[i]) == 0,
                 "start caller %d", i);
    }
    for (i = 0; i < NCALLERS; i++) {
        pthread_join(threads[i], NULL);
        TL_CHECK(callers[i].checks == 2 * ROUNDS * NJOBS && callers[i].failures == 0,
                 "caller %d: %d of %d checks failed", i, callers[i].failures, callers[i].checks);
    }
    return tl_finish();
}
