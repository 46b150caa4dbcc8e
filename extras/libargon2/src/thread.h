/*
 * Filling the memory matrix, lanes in parallel.
 */
#ifndef ARGON2_FT_THREAD_H
#define ARGON2_FT_THREAD_H

#include "core.h"

/*
 * Runs every pass and slice of inst. With inst->threads > 1, creates
 * inst->threads - 1 workers once; they and the calling thread share the lanes
 * of each slice and meet at a barrier between slices. trace (may be NULL)
 * sees the matrix after each pass, from the calling thread.
 * Returns ARGON2_OK or ARGON2_THREAD_FAIL.
 */
int argon2ft_fill_memory(const argon2ft_instance *inst,
                         const argon2ft_trace *trace);

#endif /* ARGON2_FT_THREAD_H */
