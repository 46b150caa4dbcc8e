/* The part of argon2.h and argon2_ft.h the CFFI module exposes. cffi checks
   every value and layout below against the real headers at build time. */

#define ARGON2_MIN_LANES ...
#define ARGON2_MAX_LANES ...
#define ARGON2_MIN_THREADS ...
#define ARGON2_MAX_THREADS ...
#define ARGON2_SYNC_POINTS ...
#define ARGON2_MIN_OUTLEN ...
#define ARGON2_MAX_OUTLEN ...
#define ARGON2_MIN_MEMORY ...
#define ARGON2_MAX_MEMORY_BITS ...
#define ARGON2_MAX_MEMORY ...
#define ARGON2_MIN_TIME ...
#define ARGON2_MAX_TIME ...
#define ARGON2_MIN_PWD_LENGTH ...
#define ARGON2_MAX_PWD_LENGTH ...
#define ARGON2_MIN_AD_LENGTH ...
#define ARGON2_MAX_AD_LENGTH ...
#define ARGON2_MIN_SALT_LENGTH ...
#define ARGON2_MAX_SALT_LENGTH ...
#define ARGON2_MIN_SECRET ...
#define ARGON2_MAX_SECRET ...

#define ARGON2_DEFAULT_FLAGS ...
#define ARGON2_FLAG_CLEAR_PASSWORD ...
#define ARGON2_FLAG_CLEAR_SECRET ...

typedef enum Argon2_ErrorCodes {
    ARGON2_OK = 0,
    ARGON2_OUTPUT_PTR_NULL = -1,
    ARGON2_OUTPUT_TOO_SHORT = -2,
    ARGON2_OUTPUT_TOO_LONG = -3,
    ARGON2_PWD_TOO_SHORT = -4,
    ARGON2_PWD_TOO_LONG = -5,
    ARGON2_SALT_TOO_SHORT = -6,
    ARGON2_SALT_TOO_LONG = -7,
    ARGON2_AD_TOO_SHORT = -8,
    ARGON2_AD_TOO_LONG = -9,
    ARGON2_SECRET_TOO_SHORT = -10,
    ARGON2_SECRET_TOO_LONG = -11,
    ARGON2_TIME_TOO_SMALL = -12,
    ARGON2_TIME_TOO_LARGE = -13,
    ARGON2_MEMORY_TOO_LITTLE = -14,
    ARGON2_MEMORY_TOO_MUCH = -15,
    ARGON2_LANES_TOO_FEW = -16,
    ARGON2_LANES_TOO_MANY = -17,
    ARGON2_PWD_PTR_MISMATCH = -18,
    ARGON2_SALT_PTR_MISMATCH = -19,
    ARGON2_SECRET_PTR_MISMATCH = -20,
    ARGON2_AD_PTR_MISMATCH = -21,
    ARGON2_MEMORY_ALLOCATION_ERROR = -22,
    ARGON2_FREE_MEMORY_CBK_NULL = -23,
    ARGON2_ALLOCATE_MEMORY_CBK_NULL = -24,
    ARGON2_INCORRECT_PARAMETER = -25,
    ARGON2_INCORRECT_TYPE = -26,
    ARGON2_OUT_PTR_MISMATCH = -27,
    ARGON2_THREADS_TOO_FEW = -28,
    ARGON2_THREADS_TOO_MANY = -29,
    ARGON2_MISSING_ARGS = -30,
    ARGON2_ENCODING_FAIL = -31,
    ARGON2_DECODING_FAIL = -32,
    ARGON2_THREAD_FAIL = -33,
    ARGON2_DECODING_LENGTH_FAIL = -34,
    ARGON2_VERIFY_MISMATCH = -35
} argon2_error_codes;

typedef int (*allocate_fptr)(uint8_t **memory, size_t bytes_to_allocate);
typedef void (*deallocate_fptr)(uint8_t *memory, size_t bytes_to_allocate);

typedef struct Argon2_Context {
    uint8_t *out;
    uint32_t outlen;
    uint8_t *pwd;
    uint32_t pwdlen;
    uint8_t *salt;
    uint32_t saltlen;
    uint8_t *secret;
    uint32_t secretlen;
    uint8_t *ad;
    uint32_t adlen;
    uint32_t t_cost;
    uint32_t m_cost;
    uint32_t lanes;
    uint32_t threads;
    uint32_t version;
    allocate_fptr allocate_cbk;
    deallocate_fptr free_cbk;
    uint32_t flags;
} argon2_context;

typedef enum Argon2_type {
    Argon2_d = 0,
    Argon2_i = 1,
    Argon2_id = 2
} argon2_type;

typedef enum Argon2_version {
    ARGON2_VERSION_10 = 0x10,
    ARGON2_VERSION_13 = 0x13,
    ARGON2_VERSION_NUMBER = 0x13
} argon2_version;

const char *argon2_type2string(argon2_type type, int uppercase);
int argon2_ctx(argon2_context *context, argon2_type type);
int argon2_hash(const uint32_t t_cost, const uint32_t m_cost,
                const uint32_t parallelism, const void *pwd,
                const size_t pwdlen, const void *salt, const size_t saltlen,
                void *hash, const size_t hashlen, char *encoded,
                const size_t encodedlen, argon2_type type,
                const uint32_t version);
int argon2_verify(const char *encoded, const void *pwd, const size_t pwdlen,
                  argon2_type type);
int argon2_verify_ctx(argon2_context *context, const char *hash,
                      argon2_type type);
const char *argon2_error_message(int error_code);
size_t argon2_encodedlen(uint32_t t_cost, uint32_t m_cost,
                         uint32_t parallelism, uint32_t saltlen,
                         uint32_t hashlen, argon2_type type);

/* argon2-ft extensions */

typedef enum Argon2ft_kernel {
    ARGON2FT_KERNEL_AUTO = 0,
    ARGON2FT_KERNEL_PORTABLE = 1,
    ARGON2FT_KERNEL_SSE2 = 2,
    ARGON2FT_KERNEL_AVX2 = 3,
    ARGON2FT_KERNEL_AVX512 = 4,
    ARGON2FT_KERNEL_NEON = 5
} argon2ft_kernel;

#define ARGON2FT_KERNEL_COUNT ...
#define ARGON2FT_KERNEL_UNSUPPORTED ...

typedef struct Argon2ft_params {
    argon2_type type;
    uint32_t version;
    uint32_t m_cost;
    uint32_t t_cost;
    uint32_t lanes;
    uint32_t saltlen;
    uint32_t hashlen;
} argon2ft_params;

const char *argon2ft_kernel_name(int kernel);
int argon2ft_kernel_from_name(const char *name);
int argon2ft_kernel_supported(int kernel);
int argon2ft_kernel_auto(void);
int argon2ft_ctx(argon2_context *context, argon2_type type, int kernel);
int argon2ft_decode(const char *encoded, size_t encodedlen,
                    argon2ft_params *params, uint8_t *salt, size_t saltcap,
                    uint8_t *hash, size_t hashcap);
int argon2ft_hash(uint32_t t_cost, uint32_t m_cost, uint32_t parallelism,
                  uint32_t max_threads, const void *pwd, size_t pwdlen,
                  const void *salt, size_t saltlen, const void *secret,
                  size_t secretlen, const void *ad, size_t adlen, void *hash,
                  size_t hashlen, char *encoded, size_t encodedlen,
                  argon2_type type, uint32_t version, int kernel);
int argon2ft_verify(const char *encoded, size_t encodedlen, argon2_type type,
                    const void *pwd, size_t pwdlen, const void *secret,
                    size_t secretlen, const void *ad, size_t adlen,
                    uint32_t max_threads, int kernel);

/* The matrix pool and the memory budget */

#define ARGON2FT_MEMORY_OVER_BUDGET ...
#define ARGON2FT_MEMORY_WAIT_TIMEOUT ...

typedef struct Argon2ft_memory_stats {
    uint64_t budget;
    uint64_t idle_limit;
    uint64_t wait_timeout_ms;
    uint64_t in_use;
    uint64_t idle;
    uint64_t peak;
    uint64_t reused;
    uint64_t allocated;
    uint64_t waited;
    uint64_t timed_out;
    uint64_t refused;
    uint32_t waiting;
    uint32_t running;
    uint32_t max_running;
} argon2ft_memory_stats;

void argon2ft_memory_set_budget(uint64_t bytes);
void argon2ft_memory_set_max_running(uint32_t hashes);
void argon2ft_memory_set_idle_limit(uint64_t bytes);
void argon2ft_memory_set_wait_timeout(uint64_t milliseconds);
uint64_t argon2ft_memory_release_idle(void);
void argon2ft_memory_settle(void);
void argon2ft_memory_get_stats(argon2ft_memory_stats *stats);
void argon2ft_memory_reset_peak(void);
uint64_t argon2ft_memory_charge(uint32_t m_cost, uint32_t lanes);
