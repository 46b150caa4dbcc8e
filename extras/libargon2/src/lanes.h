/*
 * Filling the memory matrix, lanes in parallel.
 */
#ifndef ARGON2_FT_LANES_H
#define ARGON2_FT_LANES_H

#include "instance.h"
#include "memory.h"

/* A finished fill whose last lane thread waits to wipe and release the
   matrix (argon2ft_fill_hand_over). */
typedef struct argon2ft_fill_job argon2ft_fill_job;

/*
 * Runs every pass and slice of inst. With inst->threads > 1 (at most the
 * number of usable CPUs), creates that many threads less one once; they and
 * the calling thread share the lanes of each slice, two lanes in step where
 * a thread has several, and meet at a barrier between slices. trace (may be
 * NULL) sees the matrix after each pass, from the calling thread.
 *
 * With hand_over non-NULL, *hand_over is set to a job whose last lane thread
 * waits for the matrix, which the caller must then give it exactly once
 * (argon2ft_fill_hand_over), or to NULL when the calling thread filled
 * alone and releases the matrix itself.
 * Returns ARGON2_OK or ARGON2_THREAD_FAIL.
 */
int argon2ft_fill_memory(const argon2ft_instance *inst,
                         const argon2ft_trace *trace,
                         argon2ft_fill_job **hand_over);

/* Gives m to the job's waiting lane thread, which wipes and releases it as
   argon2ft_matrix_free does, and clears m. Ends the caller's use of job. */
void argon2ft_fill_hand_over(argon2ft_fill_job *job, argon2ft_matrix *m);

#endif /* ARGON2_FT_LANES_H */
