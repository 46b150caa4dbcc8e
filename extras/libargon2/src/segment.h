/*
 * Filling the segments of the memory matrix (segment.c).
 */
#ifndef ARGON2_FT_SEGMENT_H
#define ARGON2_FT_SEGMENT_H

#include <stdint.h>

#include "instance.h"

/* Fills one segment: lane `lane` of slice `slice` in pass `pass`. */
void argon2ft_fill_segment(const argon2ft_instance *inst, uint32_t pass,
                           uint32_t lane, uint32_t slice);

/* Fills the segments of two different lanes of one slice; the same result
   as two argon2ft_fill_segment calls, faster where addressing is
   data-dependent. */
void argon2ft_fill_segment_pair(const argon2ft_instance *inst, uint32_t pass,
                                uint32_t lane_a, uint32_t lane_b,
                                uint32_t slice);

/* The same for positions from .. to - 1 of the segments only (to is capped
   at the segment's length); the positions before from must be filled. Two
   parts that meet give the same result as the whole. */
void argon2ft_fill_segment_part(const argon2ft_instance *inst, uint32_t pass,
                                uint32_t lane, uint32_t slice, uint32_t from,
                                uint32_t to);
void argon2ft_fill_segment_pair_part(const argon2ft_instance *inst,
                                     uint32_t pass, uint32_t lane_a,
                                     uint32_t lane_b, uint32_t slice,
                                     uint32_t from, uint32_t to);

#endif /* ARGON2_FT_SEGMENT_H */
