/*
 * Lane-parallel filling. Workers are created once per hash and reused for
 * every slice of every pass; a barrier after each slice makes the blocks of
 * finished slices visible to all lanes before any of them references them.
 */
#include <stdlib.h>
#include <string.h>

#include "lanes.h"
#include "memory.h"
#include "os_thread.h"
#include "segment.h"

/* ---- shared state of one fill ---- */

typedef struct fill_job {
    const argon2ft_instance *inst;
    const argon2ft_trace *trace;
    argon2ft_mutex lock;
    argon2ft_cond cond;
    uint32_t parties;    /* threads taking part in the barrier */
    uint32_t waiting;    /* arrived at the current barrier */
    uint64_t generation; /* barriers completed */
    int start;           /* 0: wait, 1: run */
} fill_job;

typedef struct worker_arg {
    fill_job *job;
    uint32_t id; /* 0 is the calling thread */
} worker_arg;

static void barrier_wait(fill_job *job)
{
    uint64_t gen;
    argon2ft_mutex_lock(&job->lock);
    gen = job->generation;
    if (++job->waiting == job->parties) {
        job->waiting = 0;
        job->generation++;
        argon2ft_cond_broadcast(&job->cond);
    } else {
        while (job->generation == gen) {
            argon2ft_cond_wait(&job->cond, &job->lock);
        }
    }
    argon2ft_mutex_unlock(&job->lock);
}

static void wait_for_start(fill_job *job)
{
    argon2ft_mutex_lock(&job->lock);
    while (job->start == 0) {
        argon2ft_cond_wait(&job->cond, &job->lock);
    }
    argon2ft_mutex_unlock(&job->lock);
}

static void set_start(fill_job *job)
{
    argon2ft_mutex_lock(&job->lock);
    job->start = 1;
    argon2ft_cond_broadcast(&job->cond);
    argon2ft_mutex_unlock(&job->lock);
}

/* Lanes first, first + step, ... of one slice, two at a time (see
   argon2ft_fill_segment_pair). */
static void fill_lanes(const argon2ft_instance *inst, uint32_t pass,
                       uint32_t slice, uint32_t first, uint32_t step)
{
    uint32_t lane = first;
    while (lane < inst->lanes) {
        if (inst->lanes - lane > step) {
            argon2ft_fill_segment_pair(inst, pass, lane, lane + step, slice);
            lane += 2 * step;
        } else {
            argon2ft_fill_segment(inst, pass, lane, slice);
            lane += step;
        }
    }
}

/* The lanes id, id + parties, ... of every slice, in step with the others. */
static void run_share(fill_job *job, uint32_t id)
{
    const argon2ft_instance *inst = job->inst;
    const argon2ft_trace *trace = job->trace;
    int traced = trace != NULL && trace->pass_done != NULL;
    uint32_t pass, slice;

    for (pass = 0; pass < inst->passes; pass++) {
        for (slice = 0; slice < ARGON2_SYNC_POINTS; slice++) {
            fill_lanes(inst, pass, slice, id, job->parties);
            barrier_wait(job);
        }
        if (traced) {
            /* Everyone holds still while the observer reads the matrix. */
            if (id == 0) {
                trace->pass_done(trace->arg, pass, inst->memory,
                                 inst->memory_blocks);
            }
            barrier_wait(job);
        }
    }
}

static void worker_main(void *p)
{
    worker_arg *arg = (worker_arg *)p;
    wait_for_start(arg->job);
    run_share(arg->job, arg->id);
}

/* ---- faulting the matrix in ahead of the first pass ---- */

/* Small enough that the first pass soon finds pages present, large
   enough to make few system calls; a multiple of 2 MiB. */
#define PREFAULT_CHUNK ((size_t)8 * 1024 * 1024)

typedef struct prefault_job {
    unsigned char *start;
    size_t bytes;
} prefault_job;

/* Front to back, the order in which the first pass writes one lane. */
static void prefault_all(const prefault_job *job)
{
    size_t off, len;
    for (off = 0; off < job->bytes; off += len) {
        len = job->bytes - off < PREFAULT_CHUNK ? job->bytes - off : PREFAULT_CHUNK;
        argon2ft_prefault(job->start + off, len);
    }
}

static void prefault_main(void *p)
{
    prefault_all((const prefault_job *)p);
}

static void fill_single(const argon2ft_instance *inst,
                        const argon2ft_trace *trace)
{
    uint32_t pass, slice;
    for (pass = 0; pass < inst->passes; pass++) {
        for (slice = 0; slice < ARGON2_SYNC_POINTS; slice++) {
            fill_lanes(inst, pass, slice, 0, 1);
        }
        if (trace != NULL && trace->pass_done != NULL) {
            trace->pass_done(trace->arg, pass, inst->memory, inst->memory_blocks);
        }
    }
}

/*
 * The lane threads' part of argon2ft_fill_memory, nthreads >= 2. The result
 * never depends on the number of threads, so a thread that cannot be started
 * (the process's thread limit, no memory for a stack) is not an error: the
 * lanes are shared among the threads that could be, down to the caller alone.
 */
static int fill_threaded(const argon2ft_instance *inst,
                         const argon2ft_trace *trace, uint32_t nthreads)
{
    fill_job job;
    argon2ft_thread *threads;
    worker_arg *args;
    uint32_t nworkers = nthreads - 1, created, i;
    int rc = ARGON2_OK;

    threads = (argon2ft_thread *)calloc(nworkers, sizeof(*threads));
    args = (worker_arg *)calloc(nworkers, sizeof(*args));
    if (threads == NULL || args == NULL) {
        free(threads);
        free(args);
        fill_single(inst, trace);
        return ARGON2_OK;
    }
    memset(&job, 0, sizeof(job));
    job.inst = inst;
    job.trace = trace;
    job.parties = nworkers + 1;
    if (argon2ft_mutex_init(&job.lock) != 0) {
        free(threads);
        free(args);
        fill_single(inst, trace);
        return ARGON2_OK;
    }
    if (argon2ft_cond_init(&job.cond) != 0) {
        argon2ft_mutex_destroy(&job.lock);
        free(threads);
        free(args);
        fill_single(inst, trace);
        return ARGON2_OK;
    }

    /* All workers exist before any work starts, so the share of each is
       known before the first barrier: ids 1..created, and the caller. */
    for (created = 0; created < nworkers; created++) {
        args[created].job = &job;
        args[created].id = created + 1;
        if (argon2ft_thread_start(&threads[created], worker_main,
                                  &args[created]) != 0) {
            break;
        }
    }
    /* Written before set_start takes the lock, read by the workers only
       after wait_for_start has taken it. */
    job.parties = created + 1;
    set_start(&job);
    run_share(&job, 0);
    for (i = 0; i < created; i++) {
        if (argon2ft_thread_join(&threads[i]) != 0) {
            rc = ARGON2_THREAD_FAIL;
        }
    }
    argon2ft_cond_destroy(&job.cond);
    argon2ft_mutex_destroy(&job.lock);
    free(threads);
    free(args);
    return rc;
}

int argon2ft_fill_memory(const argon2ft_instance *inst,
                         const argon2ft_trace *trace)
{
    prefault_job prefault;
    argon2ft_thread prefault_thread;
    int prefaulting = 0;
    uint32_t nthreads, cpus = 0;
    int rc = ARGON2_OK;

    nthreads = inst->threads < inst->lanes ? inst->threads : inst->lanes;
    if (nthreads > 1 || inst->prefault_bytes > 0) {
        cpus = argon2ft_usable_cpus();
    }
    /*
     * The requested thread count is an upper bound: results do not depend
     * on it. More threads than CPUs only take turns, and they cost barrier
     * waits on every slice, while one thread running two lanes in step
     * hides memory latency (argon2ft_fill_segment_pair); measured in
     * docs/performance.md.
     */
    if (cpus > 0 && nthreads > cpus) {
        nthreads = cpus;
    }
    if (nthreads < 1) {
        nthreads = 1;
    }

    /*
     * A large matrix is faulted in ahead of the first pass by a helper
     * thread when a CPU would otherwise sit idle, so that page faults and
     * computation overlap; else faults come on demand. The helper is paid
     * from the caller's thread budget: it runs only when the caller allowed
     * more threads than compute lanes (threads > lanes, an opt-in), so by
     * default a hash never runs more threads than lanes, and a server that
     * wants one thread per hash gets exactly one. Why a helper thread and
     * not faulting in on the caller's: docs/performance.md.
     */
    if (inst->prefault_bytes > 0) {
        prefault.start = (unsigned char *)(void *)inst->memory;
        prefault.bytes = inst->prefault_bytes;
        if (cpus > nthreads && inst->thread_budget > nthreads &&
            argon2ft_thread_start(&prefault_thread, prefault_main, &prefault) == 0) {
            prefaulting = 1;
        }
    }

    if (nthreads <= 1) {
        fill_single(inst, trace);
    } else {
        rc = fill_threaded(inst, trace, nthreads);
    }

    /* The helper only touches pages; it must be gone before they are. */
    if (prefaulting && argon2ft_thread_join(&prefault_thread) != 0) {
        rc = ARGON2_THREAD_FAIL;
    }
    return rc;
}
