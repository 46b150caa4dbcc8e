/*
 * Lane-parallel filling. Workers are created once per hash and reused for
 * every slice of every pass; lane_share.c decides who fills which lane of a
 * slice, and a barrier after each slice (barrier.c) makes the blocks of
 * finished slices visible to all lanes before any of them references them.
 *
 * The caller does not wait for the workers to end. When it asks for it, the
 * last worker stays behind after the fill, takes the matrix once the caller
 * has computed the tag (argon2ft_fill_hand_over), and wipes and releases it
 * while the caller returns: the wipe of a large matrix is then no longer
 * part of the call's time (docs/performance.md). Workers are detached and
 * recorded (late_threads.c), so that argon2ft_memory_settle can wait until
 * they are gone. The job lives on the heap, counted by the threads that
 * still use it.
 */
#include <stdlib.h>
#include <string.h>

#include "barrier.h"
#include "lane_share.h"
#include "lanes.h"
#include "late_threads.h"
#include "memory.h"
#include "os_thread.h"
#include "segment.h"

/* ---- shared state of one fill ---- */

struct argon2ft_fill_job {
    argon2ft_instance inst;      /* a copy: workers may outlive the caller's */
    const argon2ft_trace *trace; /* read by the caller (id 0) only */
    argon2ft_barrier barrier;
    argon2ft_lane_share *share;  /* who fills which lane of a slice */
    argon2ft_mutex lock;         /* guards what follows */
    argon2ft_cond cond;
    int start;                   /* 0: wait, 1: run */
    uint32_t refs;               /* threads still using the job */
    uint32_t wiper;              /* id of the worker that releases the
                                    matrix; 0: none, the caller does */
    int given;                   /* the matrix has been handed over */
    argon2ft_matrix matrix;
    argon2ft_late_thread **late; /* each worker's record (NULL when there
                                    was no memory for it) */
    argon2ft_thread *threads;
    struct worker_arg *args;
};

typedef struct worker_arg {
    argon2ft_fill_job *job;
    uint32_t id; /* 0 is the calling thread */
} worker_arg;

static void wait_for_start(argon2ft_fill_job *job)
{
    argon2ft_mutex_lock(&job->lock);
    while (job->start == 0) {
        argon2ft_cond_wait(&job->cond, &job->lock);
    }
    argon2ft_mutex_unlock(&job->lock);
}

static void set_start(argon2ft_fill_job *job)
{
    argon2ft_mutex_lock(&job->lock);
    job->start = 1;
    argon2ft_cond_broadcast(&job->cond);
    argon2ft_mutex_unlock(&job->lock);
}

static void free_job(argon2ft_fill_job *job)
{
    argon2ft_barrier_destroy(&job->barrier);
    argon2ft_lane_share_free(job->share);
    argon2ft_cond_destroy(&job->cond);
    argon2ft_mutex_destroy(&job->lock);
    free(job->threads);
    free(job->args);
    free(job->late);
    free(job);
}

/* A job for nthreads threads, or NULL when the system refuses memory or
   a mutex or condition. */
static argon2ft_fill_job *new_job(uint32_t nthreads, uint32_t cpus)
{
    argon2ft_fill_job *job = (argon2ft_fill_job *)calloc(1, sizeof(*job));
    int parts = 0; /* of lock, cond, barrier, initialized */

    if (job == NULL) {
        return NULL;
    }
    job->threads = (argon2ft_thread *)calloc(nthreads - 1,
                                             sizeof(*job->threads));
    job->args = (worker_arg *)calloc(nthreads - 1, sizeof(*job->args));
    job->late = (argon2ft_late_thread **)calloc(nthreads - 1,
                                                sizeof(*job->late));
    if (job->threads != NULL && job->args != NULL && job->late != NULL &&
        argon2ft_mutex_init(&job->lock) == 0) {
        parts = 1;
        if (argon2ft_cond_init(&job->cond) == 0) {
            parts = 2;
            if (argon2ft_barrier_init(&job->barrier, nthreads, cpus) == 0) {
                parts = 3;
                job->share = argon2ft_lane_share_new(nthreads, cpus);
                if (job->share != NULL) {
                    return job;
                }
            }
        }
    }
    if (parts >= 3) {
        argon2ft_barrier_destroy(&job->barrier);
    }
    if (parts >= 2) {
        argon2ft_cond_destroy(&job->cond);
    }
    if (parts >= 1) {
        argon2ft_mutex_destroy(&job->lock);
    }
    free(job->threads);
    free(job->args);
    free(job->late);
    free(job);
    return NULL;
}

/* A thread is done with the job; the last one frees it. */
static void drop_job(argon2ft_fill_job *job)
{
    uint32_t left;
    argon2ft_mutex_lock(&job->lock);
    left = --job->refs;
    argon2ft_mutex_unlock(&job->lock);
    if (left == 0) {
        free_job(job);
    }
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

/* Thread id's share of every slice (lane_share.c), in step with the
   others. */
static void run_share(argon2ft_fill_job *job, uint32_t id)
{
    const argon2ft_instance *inst = &job->inst;
    const argon2ft_trace *trace = job->trace;
    int observed = trace != NULL && trace->pass_done != NULL;
    uint32_t pass, slice;
    uint64_t seq = 0;

    for (pass = 0; pass < inst->passes; pass++) {
        for (slice = 0; slice < ARGON2_SYNC_POINTS; slice++) {
            argon2ft_lane_share_fill(job->share, inst, id, ++seq, pass, slice);
            argon2ft_barrier_wait(&job->barrier);
        }
        if (observed) {
            /* Everyone holds still while the observer reads the matrix. */
            if (id == 0) {
                trace->pass_done(trace->arg, pass, inst->memory,
                                 inst->memory_blocks);
            }
            argon2ft_barrier_wait(&job->barrier);
        }
    }
}

static void worker_main(void *p)
{
    worker_arg *arg = (worker_arg *)p;
    argon2ft_fill_job *job = arg->job;
    uint32_t id = arg->id;
    argon2ft_matrix matrix;
    argon2ft_late_thread *late;
    int wipes;

    late = job->late[id - 1];
    if (late != NULL) {
        argon2ft_late_thread_started(late);
    }
    wait_for_start(job);
    wipes = id == job->wiper;
    run_share(job, id);
    if (wipes) {
        argon2ft_mutex_lock(&job->lock);
        while (!job->given) {
            argon2ft_cond_wait(&job->cond, &job->lock);
        }
        matrix = job->matrix;
        argon2ft_mutex_unlock(&job->lock);
    }
    drop_job(job);
    if (wipes) {
        argon2ft_matrix_free(&matrix);
    }
    argon2ft_lane_threads_add(0u - 1u);
    if (late != NULL) {
        argon2ft_late_thread_finished(late);
    }
}

void argon2ft_fill_hand_over(argon2ft_fill_job *job, argon2ft_matrix *m)
{
    argon2ft_mutex_lock(&job->lock);
    job->matrix = *m;
    job->given = 1;
    argon2ft_cond_broadcast(&job->cond);
    argon2ft_mutex_unlock(&job->lock);
    drop_job(job);
    memset(m, 0, sizeof(*m));
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
static void fill_threaded(const argon2ft_instance *inst,
                          const argon2ft_trace *trace, uint32_t nthreads,
                          uint32_t cpus, argon2ft_fill_job **hand_over)
{
    argon2ft_fill_job *job;
    uint32_t nworkers = nthreads - 1, created, i;

    argon2ft_late_threads_clean();
    job = new_job(nthreads, cpus);
    if (job == NULL) {
        fill_single(inst, trace);
        return;
    }
    job->inst = *inst;
    job->trace = trace;

    /* All workers exist before any work starts, so the share of each is
       known before the first barrier: ids 1..created, and the caller. */
    for (created = 0; created < nworkers; created++) {
        job->args[created].job = job;
        job->args[created].id = created + 1;
        job->late[created] =
            (argon2ft_late_thread *)calloc(1, sizeof(*job->late[created]));
        if (argon2ft_thread_start(&job->threads[created], worker_main,
                                  &job->args[created]) != 0) {
            free(job->late[created]);
            job->late[created] = NULL;
            break;
        }
        /* Its argon2ft_thread stays in the job until it drops the job. */
        argon2ft_thread_detach(&job->threads[created]);
    }
    /* Written before set_start takes the lock, read by the workers only
       after wait_for_start has taken it. */
    job->barrier.parties = created + 1;
    argon2ft_lane_share_set_parties(job->share, created + 1,
                                    ARGON2FT_TAKE_WHEN_CPUS_FREE);
    job->refs = created + 1;
    job->wiper = hand_over != NULL ? created : 0;
    argon2ft_lane_threads_add(created + 1);
    set_start(job);
    run_share(job, 0);
    argon2ft_lane_threads_add(0u - 1u);
    /* The workers are ending now, the last one after its wipe. */
    for (i = 0; i < created; i++) {
        if (job->late[i] != NULL) {
            argon2ft_late_thread_register(job->late[i]);
        }
    }
    if (job->wiper != 0) {
        *hand_over = job; /* the caller's reference goes with it */
    } else {
        drop_job(job);
    }
}

int argon2ft_fill_memory(const argon2ft_instance *inst,
                         const argon2ft_trace *trace,
                         argon2ft_fill_job **hand_over)
{
    prefault_job prefault;
    argon2ft_thread prefault_thread;
    int prefaulting = 0;
    uint32_t nthreads, cpus = 0;
    int rc = ARGON2_OK;

    if (hand_over != NULL) {
        *hand_over = NULL;
    }
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
        fill_threaded(inst, trace, nthreads, cpus, hand_over);
    }

    /* The helper only touches pages; it must be gone before they are. */
    if (prefaulting && argon2ft_thread_join(&prefault_thread) != 0) {
        rc = ARGON2_THREAD_FAIL;
    }
    return rc;
}
