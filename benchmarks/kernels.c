/*
 * Nanoseconds per block for each fill kernel this CPU can run, in cache.
 * Blocks form a chain as in Argon2: each new block is G(previous block,
 * an earlier block), so a kernel's latency counts, not only its throughput.
 *
 * Build: cc -std=c99 -O2 -Iextras/libargon2/include -Iextras/libargon2/src \
 *        benchmarks/kernels.c extras/libargon2/src/fill_*.c \
 *        extras/libargon2/src/dispatch.c extras/libargon2/src/os_thread.c \
 *        -lpthread
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "argon2_ft.h"
#include "dispatch.h"

#define RING 256 /* 256 KiB: stays in L2 */
#define ROUNDS 40

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double run(argon2_fill_fn fill, argon2_block *blocks, int with_xor)
{
    unsigned round, i;
    uint32_t x = 12345;
    double start = now_ns();
    for (round = 0; round < ROUNDS; round++) {
        for (i = 1; i < RING; i++) {
            x = x * 1103515245u + 12345u;
            fill(&blocks[i], &blocks[i - 1], &blocks[(x >> 8) % i], with_xor, NULL);
        }
        fill(&blocks[0], &blocks[RING - 1], &blocks[x % RING], with_xor, NULL);
    }
    return (now_ns() - start) / ((double)ROUNDS * RING);
}

int main(void)
{
    argon2_block *blocks = malloc(sizeof(argon2_block) * RING);
    unsigned i, j;
    int k;
    if (blocks == NULL) {
        return 1;
    }
    for (i = 0; i < RING; i++) {
        for (j = 0; j < ARGON2_QWORDS_IN_BLOCK; j++) {
            blocks[i].v[j] = (uint64_t)i * 0x9E3779B97F4A7C15u + j;
        }
    }
    for (k = ARGON2FT_KERNEL_PORTABLE; k < ARGON2FT_KERNEL_COUNT; k++) {
        argon2_fill_fn fill = argon2ft_kernel_fill(k);
        double best0 = 1e30, best1 = 1e30;
        int rep;
        if (fill == NULL) {
            continue;
        }
        for (rep = 0; rep < 5; rep++) {
            double t0 = run(fill, blocks, 0), t1 = run(fill, blocks, 1);
            best0 = t0 < best0 ? t0 : best0;
            best1 = t1 < best1 ? t1 : best1;
        }
        printf("%-8s %7.1f ns/block (write) %7.1f ns/block (xor)\n",
               argon2ft_kernel_name(k), best0, best1);
    }
    free(blocks);
    return 0;
}
