/*
 * Where a helper thread may run (os_thread.c): with glibc on Linux it starts
 * away from its creator's CPU, then runs on exactly the CPUs its creator
 * may use, as a thread that inherited the creator's mask would.
 */
#if defined(__linux__)
#define _GNU_SOURCE 1 /* sched_getaffinity, sched_setaffinity */
#endif

#include <stdio.h>
#include <string.h>

#include "os_thread.h"
#include "testlib.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <sched.h>

typedef struct seen {
    cpu_set_t mask;
    int ok;
} seen;

static void record_mask(void *p)
{
    seen *s = (seen *)p;
    s->ok = sched_getaffinity(0, sizeof(s->mask), &s->mask) == 0;
}

/* Starts a thread from a creator limited to `mine` and checks its mask;
   returns whether it took the path that starts away from the creator. */
static int check_from(const cpu_set_t *mine, const char *what)
{
    argon2ft_thread t;
    seen s;
    memset(&s, 0, sizeof(s));
    if (!TL_CHECK(sched_setaffinity(0, sizeof(*mine), mine) == 0, "%s: pin creator", what)) {
        return -1;
    }
    if (!TL_CHECK(argon2ft_thread_start(&t, record_mask, &s) == 0, "%s: start", what)) {
        return -1;
    }
    TL_CHECK(argon2ft_thread_join(&t) == 0, "%s: join", what);
    TL_CHECK(s.ok, "%s: thread read its mask", what);
    TL_CHECK(CPU_EQUAL(&s.mask, mine), "%s: thread runs on its creator's CPUs (%d of %d)", what,
             CPU_COUNT(&s.mask), CPU_COUNT(mine));
    return t.takes_cpus_back;
}

int main(void)
{
    cpu_set_t all, one, two;
    int cpu, other = -1, away;

    if (!TL_CHECK(sched_getaffinity(0, sizeof(all), &all) == 0, "creator's mask")) {
        return tl_finish();
    }
    away = check_from(&all, "whole mask");
    TL_CHECK(away == (CPU_COUNT(&all) > 1), "whole mask: started away: %d", away);

    cpu = sched_getcpu();
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    TL_CHECK(check_from(&one, "one CPU") == 0, "one CPU: no other CPU to start on");

    for (other = 0; other < CPU_SETSIZE; other++) {
        if (other != cpu && CPU_ISSET(other, &all)) {
            break;
        }
    }
    if (other < CPU_SETSIZE) {
        CPU_ZERO(&two);
        CPU_SET(cpu, &two);
        CPU_SET(other, &two);
        TL_CHECK(check_from(&two, "two CPUs") == 1, "two CPUs: started away");
    } else {
        printf("SKIP: two CPUs (this process may run on one)\n");
    }
    TL_CHECK(sched_setaffinity(0, sizeof(all), &all) == 0, "creator's mask back");
    return tl_finish();
}
#else
int main(void)
{
    printf("SKIP: thread placement (glibc on Linux only)\n");
    return 0;
}
#endif
