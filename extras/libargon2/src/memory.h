/*
 * Allocation of the Argon2 memory matrix.
 */
#ifndef ARGON2_FT_MEMORY_H
#define ARGON2_FT_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "argon2.h"
#include "kernel.h"

typedef enum argon2ft_matrix_source {
    ARGON2FT_MATRIX_NONE = 0,
    ARGON2FT_MATRIX_USER, /* the caller's allocate/free callbacks */
    ARGON2FT_MATRIX_MMAP, /* anonymous mapping (Linux) */
    ARGON2FT_MATRIX_HEAP  /* aligned heap allocation */
} argon2ft_matrix_source;

typedef struct argon2ft_matrix {
    argon2_block *blocks;
    size_t bytes;       /* bytes usable at blocks */
    void *base;         /* what was allocated (start of the mapping, ...) */
    size_t base_bytes;  /* length of the mapping */
    argon2ft_matrix_source source;
    deallocate_fptr free_cbk;
    /* Bytes from blocks on worth faulting in before they are first written
       (argon2ft_prefault); 0 for small, reused or user-supplied matrices. */
    size_t prefault_bytes;
    /* The pool's record of this matrix (pool.c); NULL for user memory. */
    void *pool_entry;
    /* Bytes the hash uses from blocks on: what is wiped before parking. */
    size_t used;
} argon2ft_matrix;

/*
 * Allocates nblocks blocks from the pool (pool.c), or through allocate_cbk/free_cbk when given (both or
 * neither). Returns ARGON2_OK or ARGON2_MEMORY_ALLOCATION_ERROR (also when a
 * callback leaves the pointer NULL; what a callback returns is ignored, as
 * the reference does).
 */
int argon2ft_matrix_alloc(argon2ft_matrix *m, uint32_t nblocks,
                          allocate_fptr allocate_cbk, deallocate_fptr free_cbk);

/* Bytes argon2ft_os_alloc takes for a matrix of `bytes` (2 MiB multiples
   for mapped ones): what the budget counts. */
size_t argon2ft_os_alloc_size(size_t bytes);

/* Fresh memory from the system: a huge-page mapping from 2 MiB on where
   there is one, else the heap. Returns 0 or -1. */
int argon2ft_os_alloc(argon2ft_matrix *m, size_t bytes);

/* Gives memory from argon2ft_os_alloc back; heap memory is wiped first
   unless already_wiped (mapped pages go back to the kernel, which zeroes them). */
void argon2ft_os_free(argon2ft_matrix *m, int already_wiped);

/*
 * Faults in bytes at p (within a matrix's prefault_bytes) so that first
 * writes find their pages present. Advice only: does nothing where the
 * system cannot do it. Safe while other threads write to the same pages.
 */
void argon2ft_prefault(void *p, size_t bytes);

/* Releases the matrix, to the pool or to the system; contents are wiped
   unless the pages go back to the OS. */
void argon2ft_matrix_free(argon2ft_matrix *m);

/* Says that another thread will call argon2ft_matrix_free on m soon (after
   its wipe), so that the pool's statistics and release of idle memory wait
   for it. */
void argon2ft_matrix_handing_over(argon2ft_matrix *m);

#endif /* ARGON2_FT_MEMORY_H */
