/*
 * Allocation of the memory matrix.
 *
 * Linux: matrices of 2 MiB or more get an anonymous private mapping, aligned
 * to 2 MiB (over-allocate, trim the ends) and marked MADV_HUGEPAGE so that
 * transparent huge pages can back them: fewer TLB misses on the random
 * reference-block reads, and one fault per 2 MiB instead of per 4 KiB.
 * Smaller matrices, and all of them elsewhere: aligned heap memory.
 *
 * Wiping: the matrix holds data derived from the password. A mapping is
 * released with munmap, which hands its pages back to the kernel; the kernel
 * zero-fills any page before giving it to anyone again, so the contents never
 * reach another allocation and wiping 1 GiB first would only cost time. Heap
 * memory and memory from user callbacks is reused inside this process, so it
 * is wiped before it is freed; so is a matrix the pool parks for reuse.
 *
 * Which matrix a hash gets, fresh or parked, and whether it may have one
 * now, is the pool's decision (pool.c); this file only talks to the system.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS, madvise */
#endif
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200112L /* posix_memalign */
#endif

#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "pool.h"
#include "sizes.h"
#include "wipe.h"

#if defined(__linux__)
#include <sys/mman.h>
#define ARGON2FT_USE_MMAP 1
#endif
#if defined(_WIN32)
#include <malloc.h>
#endif

#define HUGE_PAGE_SIZE ((size_t)2 * 1024 * 1024)
/*
 * Mapped matrices from this size on are faulted in ahead of the first pass
 * (see lanes.c); smaller ones fault on demand, which leaves each page in
 * cache when it is first written.
 */
#define PREFAULT_FROM ((size_t)256 * 1024 * 1024)
#if defined(ARGON2FT_USE_MMAP) && !defined(MADV_POPULATE_WRITE)
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 ABI; older kernels refuse it */
#endif
#define HEAP_ALIGNMENT 64

#ifdef ARGON2FT_USE_MMAP
/*
 * Maps a multiple of 2 MiB plus 2 MiB of room, then unmaps the unaligned head
 * and the tail. Both cut points are 2 MiB aligned, hence page aligned for any
 * page size up to 2 MiB. The slack past bytes is never touched, so it costs
 * address space only. The huge-page advice comes before any page is touched:
 * a page already faulted in as 4 KiB stays so until khugepaged merges it.
 */
static int map_matrix(argon2ft_matrix *m, size_t bytes)
{
    size_t map_len, total, head, tail;
    uintptr_t start, aligned;
    void *p;

    if (bytes > SIZE_MAX - 2 * HUGE_PAGE_SIZE) {
        return -1;
    }
    map_len = (bytes + HUGE_PAGE_SIZE - 1) & ~(HUGE_PAGE_SIZE - 1);
    total = map_len + HUGE_PAGE_SIZE;
    p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
             -1, 0);
    if (p == MAP_FAILED) {
        return -1;
    }
    start = (uintptr_t)p;
    aligned = (start + HUGE_PAGE_SIZE - 1) & ~(uintptr_t)(HUGE_PAGE_SIZE - 1);
    head = (size_t)(aligned - start);
    tail = total - head - map_len;
    if (head > 0) {
        munmap(p, head);
    }
    if (tail > 0) {
        munmap((void *)(aligned + map_len), tail);
    }
    m->base = (void *)aligned;
    m->base_bytes = map_len;
    m->blocks = (argon2_block *)(void *)aligned;
#ifdef MADV_HUGEPAGE
    /* Advice only: without THP support the mapping still works. */
    (void)madvise((void *)aligned, map_len, MADV_HUGEPAGE);
#endif
    /*
     * Large matrices are faulted in before they are first written (see
     * argon2ft_prefault), after the huge-page advice.
     */
    if (bytes >= PREFAULT_FROM) {
        m->prefault_bytes = bytes;
    }
    return 0;
}
#endif

void argon2ft_prefault(void *p, size_t bytes)
{
#ifdef ARGON2FT_USE_MMAP
    /* Older kernels refuse this advice; the pages then fault on demand. */
    (void)madvise(p, bytes, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)bytes;
#endif
}

static void *heap_alloc(size_t bytes)
{
#if defined(_WIN32)
    return _aligned_malloc(bytes, HEAP_ALIGNMENT);
#else
    void *p = NULL;
    if (posix_memalign(&p, HEAP_ALIGNMENT, bytes) != 0) {
        return NULL;
    }
    return p;
#endif
}

static void heap_free(void *p)
{
#if defined(_WIN32)
    _aligned_free(p);
#else
    free(p);
#endif
}

size_t argon2ft_os_alloc_size(size_t bytes)
{
#ifdef ARGON2FT_USE_MMAP
    if (bytes >= HUGE_PAGE_SIZE && bytes <= SIZE_MAX - 2 * HUGE_PAGE_SIZE) {
        return (bytes + HUGE_PAGE_SIZE - 1) & ~(HUGE_PAGE_SIZE - 1);
    }
#endif
    return bytes;
}

int argon2ft_os_alloc(argon2ft_matrix *m, size_t bytes)
{
#ifdef ARGON2FT_USE_MMAP
    /*
     * Matrices below one huge page come from the heap: a mapping of 4 KiB
     * pages costs more than wiping reused heap memory (docs/performance.md).
     * A failed mapping falls back to the heap rather than failing outright.
     */
    if (bytes >= HUGE_PAGE_SIZE && map_matrix(m, bytes) == 0) {
        m->bytes = m->base_bytes; /* the whole mapping is usable */
        m->source = ARGON2FT_MATRIX_MMAP;
        return 0;
    }
#endif
    m->base = heap_alloc(bytes);
    if (m->base == NULL) {
        return -1;
    }
    m->blocks = (argon2_block *)m->base;
    m->bytes = bytes;
    m->base_bytes = bytes;
    m->source = ARGON2FT_MATRIX_HEAP;
    return 0;
}

void argon2ft_os_free(argon2ft_matrix *m, int already_wiped)
{
    switch (m->source) {
#ifdef ARGON2FT_USE_MMAP
    case ARGON2FT_MATRIX_MMAP:
        munmap(m->base, m->base_bytes);
        break;
#endif
    case ARGON2FT_MATRIX_HEAP:
        if (!already_wiped) {
            argon2ft_wipe(m->base, m->base_bytes);
        }
        heap_free(m->base);
        break;
    default:
        break;
    }
    m->base = NULL;
    m->blocks = NULL;
    m->source = ARGON2FT_MATRIX_NONE;
}

int argon2ft_matrix_alloc(argon2ft_matrix *m, uint32_t nblocks,
                          allocate_fptr allocate_cbk, deallocate_fptr free_cbk)
{
    size_t bytes;

    memset(m, 0, sizeof(*m));
    if (nblocks == 0 ||
        argon2ft_above(nblocks, SIZE_MAX / sizeof(argon2_block))) {
        return ARGON2_MEMORY_ALLOCATION_ERROR;
    }
    bytes = (size_t)nblocks * sizeof(argon2_block);

    if (allocate_cbk != NULL) {
        uint8_t *p = NULL;
        /*
         * As in the reference, the pointer alone tells success; the status
         * the callback returns is not consulted. Memory it hands over is
         * always given back through free_cbk. It is outside the pool and
         * the budget: the caller manages it.
         */
        (void)allocate_cbk(&p, bytes);
        if (p == NULL) {
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
        m->blocks = (argon2_block *)(void *)p;
        m->base = p;
        m->bytes = bytes;
        m->base_bytes = bytes;
        m->used = bytes;
        m->source = ARGON2FT_MATRIX_USER;
        m->free_cbk = free_cbk;
        return ARGON2_OK;
    }
    return argon2ft_pool_acquire(m, bytes);
}

void argon2ft_matrix_handing_over(argon2ft_matrix *m)
{
    if (m->pool_entry != NULL) {
        argon2ft_pool_handing_over(m);
    }
}

void argon2ft_matrix_free(argon2ft_matrix *m)
{
    if (m->source == ARGON2FT_MATRIX_USER) {
        argon2ft_wipe(m->base, m->bytes);
        m->free_cbk((uint8_t *)m->base, m->bytes);
    } else if (m->pool_entry != NULL) {
        argon2ft_pool_release(m);
    }
    memset(m, 0, sizeof(*m));
}
