/*
 * Atomics, the CPU's polling hint and a monotonic clock for spin.h.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "spin.h"

#if defined(ARGON2FT_HAVE_SPIN)

#if defined(_WIN32)
#include <windows.h>
#else
#include <time.h>
#endif

#if defined(__GNUC__) || defined(__clang__)
uint32_t argon2ft_polled_load(argon2ft_polled_word *w)
{
    return __atomic_load_n(w, __ATOMIC_ACQUIRE);
}

void argon2ft_polled_store(argon2ft_polled_word *w, uint32_t value)
{
    __atomic_store_n(w, value, __ATOMIC_RELEASE);
}

uint32_t argon2ft_polled_add(argon2ft_polled_word *w, uint32_t delta)
{
    return __atomic_add_fetch(w, delta, __ATOMIC_ACQ_REL);
}
#else /* MSVC: the Interlocked functions are full barriers */
uint32_t argon2ft_polled_load(argon2ft_polled_word *w)
{
    return (uint32_t)InterlockedOr(w, 0);
}

void argon2ft_polled_store(argon2ft_polled_word *w, uint32_t value)
{
    (void)InterlockedExchange(w, (LONG)value);
}

uint32_t argon2ft_polled_add(argon2ft_polled_word *w, uint32_t delta)
{
    return (uint32_t)InterlockedExchangeAdd(w, (LONG)delta) + delta;
}
#endif

void argon2ft_cpu_relax(void)
{
#if (defined(__GNUC__) || defined(__clang__)) && \
    (defined(__x86_64__) || defined(__i386__))
    __asm__ __volatile__("pause");
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
    __asm__ __volatile__("yield");
#elif defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
    YieldProcessor();
#endif
}

uint64_t argon2ft_spin_clock_ns(void)
{
#if defined(_WIN32)
    LARGE_INTEGER now, freq;
    QueryPerformanceCounter(&now);
    QueryPerformanceFrequency(&freq);
    return (uint64_t)((double)now.QuadPart * 1e9 / (double)freq.QuadPart);
#else
    struct timespec t;
    (void)clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
#endif
}

/* The clock is read once per this many polls: it costs more than a poll. */
#define POLLS_PER_CLOCK_READ 64u

int argon2ft_poll_while(argon2ft_polled_word *w, uint32_t value,
                        uint64_t limit_ns)
{
    uint64_t start = argon2ft_spin_clock_ns();
    unsigned polls = 0;
    for (;;) {
        if (argon2ft_polled_load(w) != value) {
            return 1;
        }
        argon2ft_cpu_relax();
        if (++polls % POLLS_PER_CLOCK_READ == 0 &&
            argon2ft_spin_clock_ns() - start >= limit_ns) {
            return 0;
        }
    }
}

#else
/* ISO C forbids an empty translation unit. */
typedef int argon2ft_spin_unavailable;
#endif
