/*
 * Attribute macros for the fill kernels: per-function ISA targets (x86), so
 * that every source file builds with the same compiler flags and the CPU
 * decides at run time (dispatch.c) which kernel may execute, and forced
 * inlining for their round helpers (all kernels).
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
