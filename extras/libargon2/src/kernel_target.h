/*
 * Shared helpers for the x86 fill kernels: per-function ISA targets, so that
 * every source file builds with the same compiler flags and the CPU decides
 * at run time (dispatch.c) which kernel may execute.
 */
#ifndef ARGON2_FT_KERNEL_TARGET_H
#define ARGON2_FT_KERNEL_TARGET_H

#if defined(__GNUC__) || defined(__clang__)
#define ARGON2FT_TARGET(isa) __attribute__((target(isa)))
#define ARGON2FT_INLINE static inline __attribute__((always_inline))
#elif defined(_MSC_VER)
/* MSVC compiles any intrinsic without extra flags. */
#define ARGON2FT_TARGET(isa)
#define ARGON2FT_INLINE static __forceinline
#else
#define ARGON2FT_TARGET(isa)
#define ARGON2FT_INLINE static inline
#endif

#endif /* ARGON2_FT_KERNEL_TARGET_H */
