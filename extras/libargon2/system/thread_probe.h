/*
 * Whether the system library may be asked for lane threads: see
 * thread_probe.c.
 */
#ifndef ARGON2FT_THREAD_PROBE_H
#define ARGON2FT_THREAD_PROBE_H

#include <stdint.h>

/* 1 when n threads could run at once just now, else 0. */
int argon2ft_threads_available(uint32_t n);

#endif
