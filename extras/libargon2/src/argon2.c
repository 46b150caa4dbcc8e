/*
 * The public entry points of argon2.h with the reference library's
 * semantics: validation order, error codes and texts, encoded lengths.
 */
#include <string.h>

#include "argon2.h"
#include "argon2_ft.h"
#include "encoding.h"
#include "hash_verify.h"
#include "sizes.h"
#include "wipe.h"

const char *argon2_type2string(argon2_type type, int uppercase)
{
    switch (type) {
    case Argon2_d:
        return uppercase ? "Argon2d" : "argon2d";
    case Argon2_i:
        return uppercase ? "Argon2i" : "argon2i";
    case Argon2_id:
        return uppercase ? "Argon2id" : "argon2id";
    default:
        return NULL;
    }
}

int argon2_ctx(argon2_context *context, argon2_type type)
{
    return argon2ft_ctx(context, type, ARGON2FT_KERNEL_AUTO);
}

int argon2d_ctx(argon2_context *context)
{
    return argon2_ctx(context, Argon2_d);
}

int argon2i_ctx(argon2_context *context)
{
    return argon2_ctx(context, Argon2_i);
}

int argon2id_ctx(argon2_context *context)
{
    return argon2_ctx(context, Argon2_id);
}

int argon2_hash(const uint32_t t_cost, const uint32_t m_cost,
                const uint32_t parallelism, const void *pwd,
                const size_t pwdlen, const void *salt, const size_t saltlen,
                void *hash, const size_t hashlen, char *encoded,
                const size_t encodedlen, argon2_type type,
                const uint32_t version)
{
    return argon2ft_hash_internal(t_cost, m_cost, parallelism, parallelism,
                                  pwd, pwdlen, salt, saltlen, NULL, 0, NULL, 0,
                                  hash, hashlen, encoded, encodedlen, type,
                                  version, ARGON2FT_KERNEL_AUTO);
}

int argon2i_hash_encoded(const uint32_t t_cost, const uint32_t m_cost,
                         const uint32_t parallelism, const void *pwd,
                         const size_t pwdlen, const void *salt,
                         const size_t saltlen, const size_t hashlen,
                         char *encoded, const size_t encodedlen)
{
    return argon2_hash(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen,
                       NULL, hashlen, encoded, encodedlen, Argon2_i,
                       ARGON2_VERSION_NUMBER);
}

int argon2i_hash_raw(const uint32_t t_cost, const uint32_t m_cost,
                     const uint32_t parallelism, const void *pwd,
                     const size_t pwdlen, const void *salt,
                     const size_t saltlen, void *hash, const size_t hashlen)
{
    return argon2_hash(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen,
                       hash, hashlen, NULL, 0, Argon2_i, ARGON2_VERSION_NUMBER);
}

int argon2d_hash_encoded(const uint32_t t_cost, const uint32_t m_cost,
                         const uint32_t parallelism, const void *pwd,
                         const size_t pwdlen, const void *salt,
                         const size_t saltlen, const size_t hashlen,
                         char *encoded, const size_t encodedlen)
{
    return argon2_hash(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen,
                       NULL, hashlen, encoded, encodedlen, Argon2_d,
                       ARGON2_VERSION_NUMBER);
}

int argon2d_hash_raw(const uint32_t t_cost, const uint32_t m_cost,
                     const uint32_t parallelism, const void *pwd,
                     const size_t pwdlen, const void *salt,
                     const size_t saltlen, void *hash, const size_t hashlen)
{
    return argon2_hash(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen,
                       hash, hashlen, NULL, 0, Argon2_d, ARGON2_VERSION_NUMBER);
}

int argon2id_hash_encoded(const uint32_t t_cost, const uint32_t m_cost,
                          const uint32_t parallelism, const void *pwd,
                          const size_t pwdlen, const void *salt,
                          const size_t saltlen, const size_t hashlen,
                          char *encoded, const size_t encodedlen)
{
    return argon2_hash(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen,
                       NULL, hashlen, encoded, encodedlen, Argon2_id,
                       ARGON2_VERSION_NUMBER);
}

int argon2id_hash_raw(const uint32_t t_cost, const uint32_t m_cost,
                      const uint32_t parallelism, const void *pwd,
                      const size_t pwdlen, const void *salt,
                      const size_t saltlen, void *hash, const size_t hashlen)
{
    return argon2_hash(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen,
                       hash, hashlen, NULL, 0, Argon2_id,
                       ARGON2_VERSION_NUMBER);
}

int argon2_verify(const char *encoded, const void *pwd, const size_t pwdlen,
                  argon2_type type)
{
    if (argon2ft_above(pwdlen, ARGON2_MAX_PWD_LENGTH)) {
        return ARGON2_PWD_TOO_LONG;
    }
    if (encoded == NULL) {
        return ARGON2_DECODING_FAIL;
    }
    /* One thread per lane, as the reference verifies. */
    return argon2ft_verify(encoded, strlen(encoded), type, pwd, pwdlen, NULL,
                           0, NULL, 0, 0, ARGON2FT_KERNEL_AUTO);
}

int argon2i_verify(const char *encoded, const void *pwd, const size_t pwdlen)
{
    return argon2_verify(encoded, pwd, pwdlen, Argon2_i);
}

int argon2d_verify(const char *encoded, const void *pwd, const size_t pwdlen)
{
    return argon2_verify(encoded, pwd, pwdlen, Argon2_d);
}

int argon2id_verify(const char *encoded, const void *pwd, const size_t pwdlen)
{
    return argon2_verify(encoded, pwd, pwdlen, Argon2_id);
}

int argon2_verify_ctx(argon2_context *context, const char *hash,
                      argon2_type type)
{
    int rc = argon2_ctx(context, type);
    if (rc != ARGON2_OK) {
        return rc;
    }
    if (!argon2ft_ct_equal((const uint8_t *)hash, context->out,
                           context->outlen)) {
        return ARGON2_VERIFY_MISMATCH;
    }
    return ARGON2_OK;
}

int argon2d_verify_ctx(argon2_context *context, const char *hash)
{
    return argon2_verify_ctx(context, hash, Argon2_d);
}

int argon2i_verify_ctx(argon2_context *context, const char *hash)
{
    return argon2_verify_ctx(context, hash, Argon2_i);
}

int argon2id_verify_ctx(argon2_context *context, const char *hash)
{
    return argon2_verify_ctx(context, hash, Argon2_id);
}

const char *argon2_error_message(int error_code)
{
    switch (error_code) {
    case ARGON2_OK:
        return "OK";
    case ARGON2_OUTPUT_PTR_NULL:
        return "Output pointer is NULL";
    case ARGON2_OUTPUT_TOO_SHORT:
        return "Output is too short";
    case ARGON2_OUTPUT_TOO_LONG:
        return "Output is too long";
    case ARGON2_PWD_TOO_SHORT:
        return "Password is too short";
    case ARGON2_PWD_TOO_LONG:
        return "Password is too long";
    case ARGON2_SALT_TOO_SHORT:
        return "Salt is too short";
    case ARGON2_SALT_TOO_LONG:
        return "Salt is too long";
    case ARGON2_AD_TOO_SHORT:
        return "Associated data is too short";
    case ARGON2_AD_TOO_LONG:
        return "Associated data is too long";
    case ARGON2_SECRET_TOO_SHORT:
        return "Secret is too short";
    case ARGON2_SECRET_TOO_LONG:
        return "Secret is too long";
    case ARGON2_TIME_TOO_SMALL:
        return "Time cost is too small";
    case ARGON2_TIME_TOO_LARGE:
        return "Time cost is too large";
    case ARGON2_MEMORY_TOO_LITTLE:
        return "Memory cost is too small";
    case ARGON2_MEMORY_TOO_MUCH:
        return "Memory cost is too large";
    case ARGON2_LANES_TOO_FEW:
        return "Too few lanes";
    case ARGON2_LANES_TOO_MANY:
        return "Too many lanes";
    case ARGON2_PWD_PTR_MISMATCH:
        return "Password pointer is NULL, but password length is not 0";
    case ARGON2_SALT_PTR_MISMATCH:
        return "Salt pointer is NULL, but salt length is not 0";
    case ARGON2_SECRET_PTR_MISMATCH:
        return "Secret pointer is NULL, but secret length is not 0";
    case ARGON2_AD_PTR_MISMATCH:
        return "Associated data pointer is NULL, but ad length is not 0";
    case ARGON2_MEMORY_ALLOCATION_ERROR:
        return "Memory allocation error";
    case ARGON2_FREE_MEMORY_CBK_NULL:
        return "The free memory callback is NULL";
    case ARGON2_ALLOCATE_MEMORY_CBK_NULL:
        return "The allocate memory callback is NULL";
    case ARGON2_INCORRECT_PARAMETER:
        return "Argon2_Context context is NULL";
    case ARGON2_INCORRECT_TYPE:
        return "There is no such version of Argon2";
    case ARGON2_OUT_PTR_MISMATCH:
        return "Output pointer mismatch";
    case ARGON2_THREADS_TOO_FEW:
        return "Not enough threads";
    case ARGON2_THREADS_TOO_MANY:
        return "Too many threads";
    case ARGON2_MISSING_ARGS:
        return "Missing arguments";
    case ARGON2_ENCODING_FAIL:
        return "Encoding failed";
    case ARGON2_DECODING_FAIL:
        return "Decoding failed";
    case ARGON2_THREAD_FAIL:
        return "Threading failure";
    case ARGON2_DECODING_LENGTH_FAIL:
        return "Some of encoded parameters are too long or too short";
    case ARGON2_VERIFY_MISMATCH:
        return "The password does not match the supplied hash";
    case ARGON2FT_KERNEL_UNSUPPORTED:
        return "The requested fill kernel is not supported on this machine";
    case ARGON2FT_MEMORY_OVER_BUDGET:
        return "The hash needs more memory than the whole memory budget";
    case ARGON2FT_MEMORY_WAIT_TIMEOUT:
        return "Timed out waiting for memory within the memory budget";
    default:
        return "Unknown error code";
    }
}

size_t argon2_encodedlen(uint32_t t_cost, uint32_t m_cost, uint32_t parallelism,
                         uint32_t saltlen, uint32_t hashlen, argon2_type type)
{
    const char *name = argon2_type2string(type, 0);
    uint64_t len;

    if (name == NULL) {
        return 0; /* no encoding exists for an unknown type */
    }
    /*
     * The version field is sized for the current version, NUL included, as
     * the reference computes it. Lengths are summed in 64 bits: for salt or
     * tag lengths near 2^32 the reference wraps around in 32 bits and
     * reports too small a length; this returns the true one, or SIZE_MAX
     * where size_t cannot hold it (no buffer can be that long there).
     */
    len = strlen("$$v=$m=,t=,p=$$") + strlen(name) + argon2ft_dec_len(t_cost) +
          argon2ft_dec_len(m_cost) + argon2ft_dec_len(parallelism) +
          argon2ft_b64_len(saltlen) + argon2ft_b64_len(hashlen) +
          argon2ft_dec_len(ARGON2_VERSION_NUMBER) + 1;
    return len < (uint64_t)SIZE_MAX ? (size_t)len : SIZE_MAX;
}
