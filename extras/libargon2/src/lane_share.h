/*
 * Sharing the lanes of one slice among the lane threads of a fill
 * (lane_share.c): each thread starts with the lanes id, id + parties, ...,
 * and one that runs out takes work from a slower one.
 */
#ifndef ARGON2_FT_LANE_SHARE_H
#define ARGON2_FT_LANE_SHARE_H

#include <stdint.h>

#include "instance.h"

typedef struct argon2ft_lane_share argon2ft_lane_share;

/* Shares for up to max_parties threads on cpus usable CPUs (0: unknown),
   or NULL when the system refuses memory, a mutex or a condition. */
argon2ft_lane_share *argon2ft_lane_share_new(uint32_t max_parties,
                                             uint32_t cpus);
void argon2ft_lane_share_free(argon2ft_lane_share *share);

/* Whether a thread that runs out of lanes takes others' or waits. */
typedef enum argon2ft_taking {
    ARGON2FT_TAKE_NEVER,
    ARGON2FT_TAKE_ALWAYS,
    /* while no other work waits for the CPUs, asked when it would take
       (argon2ft_cpus_oversubscribed) */
    ARGON2FT_TAKE_WHEN_CPUS_FREE
} argon2ft_taking;

/* How many threads take part (1 <= parties <= max_parties, at most the
   lanes), and when they take; set before any thread fills. */
void argon2ft_lane_share_set_parties(argon2ft_lane_share *share,
                                     uint32_t parties, argon2ft_taking taking);

/*
 * Fills thread id's part of one slice; returns when no lane of the slice is
 * left for it. seq numbers the slices, 1, 2, ... alike in every thread; the
 * threads of a slice must all have returned (a barrier) before any starts
 * the next one.
 */
void argon2ft_lane_share_fill(argon2ft_lane_share *share,
                              const argon2ft_instance *inst, uint32_t id,
                              uint64_t seq, uint32_t pass, uint32_t slice);

#endif /* ARGON2_FT_LANE_SHARE_H */
