/*
 * The Argon2 algorithm (RFC 9106, section 3): pre-hash H0, first blocks,
 * reference-block indexing, the segment fill loop and finalisation.
 */
#ifndef ARGON2_FT_CORE_H
#define ARGON2_FT_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "argon2.h"
#include "kernel.h"

#define ARGON2FT_PREHASH_BYTES 64
/* H0 followed by two little-endian 32-bit words (block index, lane). */
#define ARGON2FT_SEED_BYTES (ARGON2FT_PREHASH_BYTES + 8)

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

/* The reference's context validation: same checks, same order, same codes. */
int argon2ft_validate(const argon2_context *ctx);

/* argon2ft_ctx with optional trace observers (trace may be NULL). */
int argon2ft_ctx_traced(argon2_context *ctx, argon2_type type, int kernel,
                        const argon2ft_trace *trace);

/* Fills one segment: lane `lane` of slice `slice` in pass `pass`. */
void argon2ft_fill_segment(const argon2ft_instance *inst, uint32_t pass,
                           uint32_t lane, uint32_t slice);

/* Fills the segments of two different lanes of one slice; the same result
   as two argon2ft_fill_segment calls, faster where addressing is
   data-dependent. */
void argon2ft_fill_segment_pair(const argon2ft_instance *inst, uint32_t pass,
                                uint32_t lane_a, uint32_t lane_b,
                                uint32_t slice);

/*
 * Shared by argon2_hash and argon2ft_hash: computes the tag with the given
 * inputs into hash (if not NULL) and the encoded string into encoded (if not
 * NULL and encodedlen > 0), with the reference's validation order.
 */
int argon2ft_hash_internal(uint32_t t_cost, uint32_t m_cost,
                           uint32_t parallelism, uint32_t threads,
                           const void *pwd, size_t pwdlen, const void *salt,
                           size_t saltlen, const void *secret, size_t secretlen,
                           const void *ad, size_t adlen, void *hash,
                           size_t hashlen, char *encoded, size_t encodedlen,
                           argon2_type type, uint32_t version, int kernel);

#endif /* ARGON2_FT_CORE_H */
