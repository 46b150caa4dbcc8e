/*
 * Secure zeroing and constant-time comparison.
 */
#include <string.h>

#include "wipe.h"

#if defined(_MSC_VER)
#include <windows.h>
#endif

void argon2ft_wipe(void *p, size_t n)
{
    if (p == NULL || n == 0) {
        return;
    }
#if defined(_MSC_VER)
    SecureZeroMemory(p, n);
#elif defined(__GNUC__) || defined(__clang__)
    memset(p, 0, n);
    /* The empty asm "reads" p and clobbers memory: the stores must happen. */
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    {
        volatile unsigned char *q = (volatile unsigned char *)p;
        while (n-- > 0) {
            *q++ = 0;
        }
    }
#endif
}

int argon2ft_ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    volatile uint8_t diff = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        diff |= (uint8_t)(a[i] ^ b[i]);
    }
    /* 1 iff diff == 0, computed without a data-dependent branch. */
    return (int)(1 & (((unsigned)diff - 1) >> 8));
}
