/*
 * Short waits without sleeping: a word one thread writes and others poll
 * without a lock, a hint to the CPU that a thread is polling, and a clock to
 * bound the polling. Where the compiler offers no atomics
 * (ARGON2FT_HAVE_SPIN undefined) callers always sleep instead.
 */
#ifndef ARGON2_FT_SPIN_H
#define ARGON2_FT_SPIN_H

#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define ARGON2FT_HAVE_SPIN 1
typedef uint32_t argon2ft_polled_word;
#elif defined(_MSC_VER)
#include <windows.h>
#define ARGON2FT_HAVE_SPIN 1
typedef volatile LONG argon2ft_polled_word;
#endif

#if defined(ARGON2FT_HAVE_SPIN)
/* Acquire: what the writer did before its store is visible after a load
   that sees the stored value. */
uint32_t argon2ft_polled_load(argon2ft_polled_word *w);
/* Release. */
void argon2ft_polled_store(argon2ft_polled_word *w, uint32_t value);
/* Adds delta (two's complement, so it may subtract) and returns the sum. */
uint32_t argon2ft_polled_add(argon2ft_polled_word *w, uint32_t delta);
/* Tells the CPU that this thread is polling (x86 pause, arm64 yield). */
void argon2ft_cpu_relax(void);
/* Nanoseconds on a monotonic clock, from an arbitrary origin. */
uint64_t argon2ft_spin_clock_ns(void);
/* Polls w while it holds value, for at most about limit_ns: 1 once it
   holds another (an acquire load), 0 when the time ran out. */
int argon2ft_poll_while(argon2ft_polled_word *w, uint32_t value,
                        uint64_t limit_ns);
#endif

#endif /* ARGON2_FT_SPIN_H */
