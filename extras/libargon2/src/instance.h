/*
 * One computation's state, shared by every stage that works on it: the
 * driver, the lane scheduler and the segment filler.
 */
#ifndef ARGON2_FT_INSTANCE_H
#define ARGON2_FT_INSTANCE_H

#include <stddef.h>
#include <stdint.h>

#include "argon2.h"
#include "kernel.h"

#define ARGON2FT_PREHASH_BYTES 64

/* One computation's geometry and memory. */
typedef struct argon2ft_instance {
    argon2_block *memory;
    uint32_t version;
    uint32_t passes;
    uint32_t memory_blocks;  /* m' = 4 * lanes * segment_length */
    uint32_t segment_length;
    uint32_t lane_length;
    uint32_t lanes;
    uint32_t threads;        /* threads requested, 1 .. lanes (capped by CPUs) */
    uint32_t thread_budget;  /* threads the caller allows; may exceed lanes */
    argon2_type type;
    argon2_fill_fn fill;
    size_t prefault_bytes;   /* of memory, to fault in ahead (0: none) */
} argon2ft_instance;

/* Observers for known-answer tests; any member may be NULL. */
typedef struct argon2ft_trace {
    void (*prehash)(void *arg, const uint8_t digest[ARGON2FT_PREHASH_BYTES]);
    void (*pass_done)(void *arg, uint32_t pass, const argon2_block *memory,
                      uint32_t nblocks);
    void *arg;
} argon2ft_trace;

#endif /* ARGON2_FT_INSTANCE_H */
