/*
 * The one kernel dispatch point: maps kernel ids to fill functions, detects
 * what the CPU and OS can run, and decides once per process what
 * ARGON2FT_KERNEL_AUTO means (the environment variable ARGON2_FT_KERNEL may
 * name a kernel to use instead of the fastest one).
 */
#include <stdlib.h>
#include <string.h>

#include "argon2_ft.h"
#include "dispatch.h"
#include "os_thread.h"

#ifdef ARGON2FT_HAVE_X86_KERNELS
#if defined(__GNUC__) || defined(__clang__)
#include <cpuid.h>
#define ARGON2FT_GNU_CPUID 1
#elif defined(_MSC_VER)
#include <intrin.h>
#include <immintrin.h>
#endif
#if defined(__APPLE__)
#include <sys/sysctl.h>
#endif
#endif

#define KERNEL_ENV "ARGON2_FT_KERNEL"

#ifdef ARGON2FT_HAVE_X86_KERNELS
#define X86_FILL(fn) fn
#else
#define X86_FILL(fn) NULL
#endif
#ifdef ARGON2FT_HAVE_NEON_KERNEL
#define NEON_FILL(fn) fn
#else
#define NEON_FILL(fn) NULL
#endif

const argon2ft_kernel_entry argon2ft_kernel_table[] = {
    {ARGON2FT_KERNEL_AVX512, "avx512", X86_FILL(argon2ft_fill_avx512)},
    {ARGON2FT_KERNEL_AVX2, "avx2", X86_FILL(argon2ft_fill_avx2)},
    {ARGON2FT_KERNEL_NEON, "neon", NEON_FILL(argon2ft_fill_neon)},
    {ARGON2FT_KERNEL_SSE2, "sse2", X86_FILL(argon2ft_fill_sse2)},
    {ARGON2FT_KERNEL_PORTABLE, "portable", argon2ft_fill_portable},
};

/* Fails to compile unless the table has a row for every kernel id. */
#define TABLE_ROWS \
    (sizeof(argon2ft_kernel_table) / sizeof(argon2ft_kernel_table[0]))
typedef char kernel_table_is_complete
    [TABLE_ROWS == ARGON2FT_KERNEL_TABLE_LEN ? 1 : -1];

/* The table's row for a concrete kernel id, or NULL. */
static const argon2ft_kernel_entry *kernel_entry(int kernel)
{
    size_t i;
    for (i = 0; i < ARGON2FT_KERNEL_TABLE_LEN; i++) {
        if (argon2ft_kernel_table[i].id == kernel) {
            return &argon2ft_kernel_table[i];
        }
    }
    return NULL;
}

/*
 * The only process-wide state besides the pool's (pool.c), written once
 * under argon2ft_once: bit k set when kernel k can run here, and the
 * resolved AUTO kernel shifted by STATE_AUTO_SHIFT.
 */
#define STATE_AUTO_SHIFT 8
static int dispatch_state;

int argon2ft_kernel_from_name(const char *name)
{
    size_t i;
    if (name == NULL) {
        return -1;
    }
    for (i = 0; i < ARGON2FT_KERNEL_TABLE_LEN; i++) {
        if (strcmp(name, argon2ft_kernel_table[i].name) == 0) {
            return argon2ft_kernel_table[i].id;
        }
    }
    return -1;
}

#ifdef ARGON2FT_HAVE_X86_KERNELS

static void cpuid_count(unsigned leaf, unsigned sub, unsigned regs[4])
{
#if defined(ARGON2FT_GNU_CPUID)
    if (!__get_cpuid_count(leaf, sub, &regs[0], &regs[1], &regs[2],
                           &regs[3])) {
        regs[0] = regs[1] = regs[2] = regs[3] = 0;
    }
#elif defined(_MSC_VER)
    int r[4];
    __cpuidex(r, (int)leaf, (int)sub);
    regs[0] = (unsigned)r[0];
    regs[1] = (unsigned)r[1];
    regs[2] = (unsigned)r[2];
    regs[3] = (unsigned)r[3];
#else
    (void)leaf;
    (void)sub;
    regs[0] = regs[1] = regs[2] = regs[3] = 0;
#endif
}

/* XCR0: which register states the OS saves on context switches. */
static uint64_t read_xcr0(void)
{
#if defined(ARGON2FT_GNU_CPUID)
    /* The xgetbv opcode, spelled out: the intrinsic needs -mxsave. */
    unsigned lo, hi;
    __asm__ __volatile__(".byte 0x0f, 0x01, 0xd0"
                         : "=a"(lo), "=d"(hi)
                         : "c"(0));
    return ((uint64_t)hi << 32) | lo;
#elif defined(_MSC_VER)
    return (uint64_t)_xgetbv(0);
#else
    return 0;
#endif
}

#if defined(__APPLE__)
/* macOS enables AVX-512 state lazily, so XCR0 alone under-reports it. */
static int apple_has_avx512f(void)
{
    int value = 0;
    size_t len = sizeof(value);
    if (sysctlbyname("hw.optional.avx512f", &value, &len, NULL, 0) != 0) {
        return 0;
    }
    return value != 0;
}
#endif

/* Bit mask of the x86 kernels this CPU and OS can run. */
static int x86_kernels(void)
{
    unsigned r1[4], r7[4], max_leaf[4];
    int mask = 0;
    uint64_t xcr0 = 0;
    int ymm_os, zmm_os;

    cpuid_count(0, 0, max_leaf);
    if (max_leaf[0] < 1) {
        return 0;
    }
    cpuid_count(1, 0, r1);
    if (r1[3] & (1u << 26)) { /* EDX.SSE2 */
        mask |= 1 << ARGON2FT_KERNEL_SSE2;
    }
    /* ECX.OSXSAVE and ECX.AVX: xgetbv is usable and AVX exists. */
    if ((r1[2] & (1u << 27)) == 0 || (r1[2] & (1u << 28)) == 0) {
        return mask;
    }
    xcr0 = read_xcr0();
    ymm_os = (xcr0 & 0x6) == 0x6;            /* XMM and YMM state */
    zmm_os = ymm_os && (xcr0 & 0xE0) == 0xE0; /* opmask, ZMM0-15, ZMM16-31 */
    if (max_leaf[0] < 7) {
        return mask;
    }
    cpuid_count(7, 0, r7);
    if (ymm_os && (r7[1] & (1u << 5))) { /* EBX.AVX2 */
        mask |= 1 << ARGON2FT_KERNEL_AVX2;
    }
#if defined(__APPLE__)
    if (ymm_os && !zmm_os) {
        zmm_os = apple_has_avx512f();
    }
#endif
    if (zmm_os && (r7[1] & (1u << 16))) { /* EBX.AVX512F */
        mask |= 1 << ARGON2FT_KERNEL_AVX512;
    }
    return mask;
}

#endif /* ARGON2FT_HAVE_X86_KERNELS */

/* Fill function of a concrete kernel if compiled into this build. */
static argon2_fill_fn compiled_fill(int kernel)
{
    const argon2ft_kernel_entry *e = kernel_entry(kernel);
    return e != NULL ? e->fill : NULL;
}

/* The kernel the environment asks for, or -1. */
static int env_kernel(void)
{
    char value[32];
#if defined(_WIN32)
    DWORD n = GetEnvironmentVariableA(KERNEL_ENV, value, sizeof(value));
    if (n == 0 || n >= sizeof(value)) {
        return -1;
    }
#else
    const char *v = getenv(KERNEL_ENV);
    size_t n;
    if (v == NULL) {
        return -1;
    }
    n = strlen(v);
    if (n >= sizeof(value)) {
        return -1;
    }
    memcpy(value, v, n + 1);
#endif
    return argon2ft_kernel_from_name(value);
}

static void dispatch_init(void)
{
    int mask = 1 << ARGON2FT_KERNEL_PORTABLE;
    int chosen = ARGON2FT_KERNEL_PORTABLE;
    int forced;
    size_t i;

#ifdef ARGON2FT_HAVE_X86_KERNELS
    mask |= x86_kernels();
#endif
#ifdef ARGON2FT_HAVE_NEON_KERNEL
    mask |= 1 << ARGON2FT_KERNEL_NEON; /* baseline on arm64 */
#endif
    for (i = 0; i < ARGON2FT_KERNEL_TABLE_LEN; i++) {
        const argon2ft_kernel_entry *e = &argon2ft_kernel_table[i];
        if ((mask & (1 << e->id)) && e->fill != NULL) {
            chosen = e->id;
            break;
        }
    }
    forced = env_kernel();
    if (forced > 0 && (mask & (1 << forced)) && compiled_fill(forced) != NULL) {
        chosen = forced;
    }
    dispatch_state = mask | (chosen << STATE_AUTO_SHIFT);
}

static argon2ft_once_flag dispatch_once = ARGON2FT_ONCE_INIT;

static int dispatch_get(void)
{
    argon2ft_once(&dispatch_once, dispatch_init);
    return dispatch_state;
}

/* Fill function of a concrete kernel if compiled in and runnable here. */
static argon2_fill_fn concrete_fill(int kernel)
{
    if (kernel <= ARGON2FT_KERNEL_AUTO || kernel >= ARGON2FT_KERNEL_COUNT) {
        return NULL;
    }
    if ((dispatch_get() & (1 << kernel)) == 0) {
        return NULL;
    }
    return compiled_fill(kernel);
}

int argon2ft_kernel_supported(int kernel)
{
    if (kernel == ARGON2FT_KERNEL_AUTO) {
        return 1; /* always resolves to a runnable kernel */
    }
    return concrete_fill(kernel) != NULL;
}

int argon2ft_kernel_auto(void)
{
    return (dispatch_get() >> STATE_AUTO_SHIFT) & 0xFF;
}

const char *argon2ft_kernel_name(int kernel)
{
    const argon2ft_kernel_entry *e;
    if (kernel == ARGON2FT_KERNEL_AUTO) {
        kernel = argon2ft_kernel_auto();
    }
    e = kernel_entry(kernel);
    return e != NULL ? e->name : NULL;
}

argon2_fill_fn argon2ft_kernel_fill(int kernel)
{
    if (kernel == ARGON2FT_KERNEL_AUTO) {
        kernel = argon2ft_kernel_auto();
    }
    return concrete_fill(kernel);
}
