/*
 * argon2-ft extensions to the reference API.
 *
 * Everything here is additive: argon2.h alone stays compatible with the
 * reference libargon2. The Python bindings use these calls so that every entry
 * point shares one strict decoder, one kernel dispatch point and one
 * implementation of secret (pepper) and associated-data handling.
 */
#ifndef ARGON2_FT_H
#define ARGON2_FT_H

#include "argon2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fill kernels (implementations of the compression function G). */
typedef enum Argon2ft_kernel {
    ARGON2FT_KERNEL_AUTO = 0, /* the process default, see argon2ft_kernel_auto */
    ARGON2FT_KERNEL_PORTABLE = 1,
    ARGON2FT_KERNEL_SSE2 = 2,
    ARGON2FT_KERNEL_AVX2 = 3,
    ARGON2FT_KERNEL_AVX512 = 4,
    ARGON2FT_KERNEL_NEON = 5
} argon2ft_kernel;

#define ARGON2FT_KERNEL_COUNT 6

/* Returned when a caller asks for a kernel this build or CPU cannot run. */
#define ARGON2FT_KERNEL_UNSUPPORTED (-100)

/*
 * Name of a kernel id: "portable", "sse2", "avx2", "avx512", "neon"; for
 * ARGON2FT_KERNEL_AUTO the name of the kernel it resolves to. NULL if unknown.
 */
ARGON2_PUBLIC const char *argon2ft_kernel_name(int kernel);

/* Kernel id for a name as above, or -1. */
ARGON2_PUBLIC int argon2ft_kernel_from_name(const char *name);

/* 1 when the kernel is compiled in and this CPU and OS can run it, else 0. */
ARGON2_PUBLIC int argon2ft_kernel_supported(int kernel);

/*
 * What ARGON2FT_KERNEL_AUTO resolves to, decided once per process: the kernel
 * named by the environment variable ARGON2_FT_KERNEL if it is set and
 * supported, else the fastest supported one.
 */
ARGON2_PUBLIC int argon2ft_kernel_auto(void);

/* argon2_ctx with an explicit kernel (ARGON2FT_KERNEL_AUTO: the default). */
ARGON2_PUBLIC int argon2ft_ctx(argon2_context *context, argon2_type type,
                               int kernel);

/* Parameters read from an encoded hash. */
typedef struct Argon2ft_params {
    argon2_type type;
    uint32_t version;
    uint32_t m_cost;
    uint32_t t_cost;
    uint32_t lanes;
    uint32_t saltlen; /* bytes of salt written to the caller's buffer */
    uint32_t hashlen; /* bytes of tag written to the caller's buffer */
} argon2ft_params;

/*
 * The strict PHC-string decoder every entry point uses.
 *
 * Parses exactly encodedlen bytes (a NUL byte inside is an error):
 * $argon2{d,i,id}[$v=<u32>]$m=<u32>,t=<u32>,p=<u32>$<salt b64>$<tag b64>
 * (no "v=" means version 16; like the reference, any version number is
 * accepted: it enters H0, and every version but 16 fills like 19).
 * Numbers are canonical decimal (no sign, no leading zero, no overflow);
 * base64 is the unpadded standard alphabet with zero trailing bits. Salt and
 * tag are decoded into the caller's buffers (saltcap, hashcap bytes).
 * Returns ARGON2_OK, ARGON2_DECODING_FAIL, or the parameter error the
 * reference would report for out-of-range values (salt too short, ...).
 */
ARGON2_PUBLIC int argon2ft_decode(const char *encoded, size_t encodedlen,
                                  argon2ft_params *params, uint8_t *salt,
                                  size_t saltcap, uint8_t *hash,
                                  size_t hashcap);

/*
 * argon2_hash with a secret key (pepper), associated data, a thread cap and a
 * kernel. max_threads = 0 means one thread per lane. hash and/or encoded may
 * be NULL (not both).
 */
ARGON2_PUBLIC int argon2ft_hash(uint32_t t_cost, uint32_t m_cost,
                                uint32_t parallelism, uint32_t max_threads,
                                const void *pwd, size_t pwdlen,
                                const void *salt, size_t saltlen,
                                const void *secret, size_t secretlen,
                                const void *ad, size_t adlen, void *hash,
                                size_t hashlen, char *encoded,
                                size_t encodedlen, argon2_type type,
                                uint32_t version, int kernel);

/*
 * Verifies pwd (with optional secret and associated data) against an encoded
 * hash of the given type, through argon2ft_decode. The tag comparison takes
 * constant time. Returns ARGON2_OK, ARGON2_VERIFY_MISMATCH or an error code.
 */
ARGON2_PUBLIC int argon2ft_verify(const char *encoded, size_t encodedlen,
                                  argon2_type type, const void *pwd,
                                  size_t pwdlen, const void *secret,
                                  size_t secretlen, const void *ad,
                                  size_t adlen, uint32_t max_threads,
                                  int kernel);

/*
 * The matrix pool and the memory budget (pool.c), process-wide.
 *
 * Every matrix the library allocates itself (not those from a context's
 * allocate_cbk) is counted against a budget of bytes, in flight plus parked.
 * A hash that does not fit waits, in arrival order, until memory frees or its
 * wait limit passes; one that needs more than the whole budget fails at once.
 * Matrices of 2 MiB or more are wiped and parked when their hash ends, up to
 * the idle limit, and handed to later hashes of a similar size, so that those
 * find their memory resident instead of faulting it in again.
 *
 * A cap on the hashes running at once (each holds one matrix) can be set
 * too: more hashes than CPUs only take turns while each holds its memory,
 * so beyond a few per CPU a flood gains nothing but resident memory.
 *
 * Defaults of the C library: no budget, no cap, nothing parked (idle limit
 * 0), wait limit 30 s. The Python package sets all of them at import. Every call here is
 * thread-safe; after fork() the child's pool holds only its parked memory.
 */

/* A hash needs more memory than the whole budget. */
#define ARGON2FT_MEMORY_OVER_BUDGET (-101)
/* A hash waited its wait limit for memory within the budget. */
#define ARGON2FT_MEMORY_WAIT_TIMEOUT (-102)

/* argon2ft_memory_set_wait_timeout: wait as long as it takes. */
#define ARGON2FT_WAIT_FOREVER UINT64_MAX

typedef struct Argon2ft_memory_stats {
    uint64_t budget;          /* bytes; 0: no budget */
    uint64_t idle_limit;      /* bytes that may stay parked */
    uint64_t wait_timeout_ms; /* ARGON2FT_WAIT_FOREVER: no limit */
    uint64_t in_use;          /* bytes held by hashes now */
    uint64_t idle;            /* bytes parked now */
    uint64_t peak;            /* highest in_use + idle seen */
    uint64_t reused;          /* matrices handed out from the pool */
    uint64_t allocated;       /* matrices allocated */
    uint64_t waited;          /* hashes that had to wait */
    uint64_t timed_out;       /* hashes that gave up waiting */
    uint64_t refused;         /* hashes over the whole budget */
    uint32_t waiting;         /* hashes waiting now */
    uint32_t running;         /* hashes holding memory now */
    uint32_t max_running;     /* the cap on running; 0: none */
} argon2ft_memory_stats;

/* Budget in bytes (0: none). Lowering it frees parked memory above it;
   hashes in flight keep theirs. */
ARGON2_PUBLIC void argon2ft_memory_set_budget(uint64_t bytes);

/* Hashes that may hold memory at once (0: no cap). */
ARGON2_PUBLIC void argon2ft_memory_set_max_running(uint32_t hashes);

/* Bytes of idle matrices kept for reuse at most (0: park nothing). */
ARGON2_PUBLIC void argon2ft_memory_set_idle_limit(uint64_t bytes);

/* How long a hash waits for memory, in milliseconds (0: not at all). */
ARGON2_PUBLIC void argon2ft_memory_set_wait_timeout(uint64_t milliseconds);

/*
 * After a multi-threaded hash, its last lane thread wipes and parks the
 * matrix once the call has returned. argon2ft_memory_settle waits until the
 * matrices handed over so before it was called are back (the wipe:
 * milliseconds): before fork(), for example, so that the child is not left
 * with matrices of threads it does not have. release_idle and get_stats
 * settle first.
 */
ARGON2_PUBLIC void argon2ft_memory_settle(void);

/* Frees every parked matrix; returns the bytes given back. */
ARGON2_PUBLIC uint64_t argon2ft_memory_release_idle(void);

ARGON2_PUBLIC void argon2ft_memory_get_stats(argon2ft_memory_stats *stats);

/* Starts the peak over from what is held now. */
ARGON2_PUBLIC void argon2ft_memory_reset_peak(void);

/* The bytes a hash with these costs takes from the budget (0 if invalid). */
ARGON2_PUBLIC uint64_t argon2ft_memory_charge(uint32_t m_cost, uint32_t lanes);

#ifdef __cplusplus
}
#endif

#endif /* ARGON2_FT_H */
