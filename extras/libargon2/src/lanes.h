/*
 * Filling the memory matrix, lanes in parallel.
 */
#ifndef ARGON2_FT_LANES_H
#define ARGON2_FT_LANES_H

#include "instance.h"

/*
 * Runs every pass and slice of inst. With inst->threads > 1 (at most the
 * number of usable CPUs), creates that many threads less one once; they and
 * the calling thread share the lanes of each slice, two lanes in step where
 * a thread has several, and meet at a barrier between slices. trace (may be
 * NULL) sees the matrix after each pass, from the calling thread.
 * Returns ARGON2_OK, ARGON2_THREAD_FAIL or ARGON2_MEMORY_ALLOCATION_ERROR.
 */
int argon2ft_fill_memory(const argon2ft_instance *inst,
                         const argon2ft_trace *trace);

#endif /* ARGON2_FT_LANES_H */
