/*
 * The matrix pool and the process-wide memory budget: the library's side of
 * the argon2ft_memory_* calls in argon2_ft.h.
 */
#ifndef ARGON2_FT_POOL_H
#define ARGON2_FT_POOL_H

#include <stddef.h>

#include "memory.h"

/*
 * Gives m a matrix of at least bytes bytes, parked or fresh, once it fits
 * in the budget. Returns ARGON2_OK, ARGON2FT_MEMORY_OVER_BUDGET,
 * ARGON2FT_MEMORY_WAIT_TIMEOUT or ARGON2_MEMORY_ALLOCATION_ERROR.
 */
int argon2ft_pool_acquire(argon2ft_matrix *m, size_t bytes);

/* Admission alone: counts bytes against the budget, waiting as above, for
   memory that something else allocates (the system-library build).
   m->blocks stays NULL; argon2ft_pool_release ends the reservation. */
int argon2ft_pool_reserve(argon2ft_matrix *m, size_t bytes);

/* Takes m back: wiped and parked, or given back to the system. */
void argon2ft_pool_release(argon2ft_matrix *m);

/* Marks m, still in use, as being wiped and released by another thread:
   argon2ft_memory_get_stats and argon2ft_memory_release_idle first wait
   for every matrix so marked before they were called. */
void argon2ft_pool_handing_over(argon2ft_matrix *m);

/* Waits until every matrix marked so far has been released. */
void argon2ft_pool_settle(void);

#endif /* ARGON2_FT_POOL_H */
