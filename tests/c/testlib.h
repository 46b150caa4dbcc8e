/*
 * Small helpers shared by the C tests: pass/fail counting, reading files,
 * hex, and a minimal JSON reader for the vector files.
 */
#ifndef ARGON2_FT_TESTLIB_H
#define ARGON2_FT_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

extern int tl_passed;
extern int tl_failed;

/* Records one check; prints what failed. Returns cond. */
int tl_check(int cond, const char *file, int line, const char *fmt, ...);
#define TL_CHECK(cond, ...) tl_check((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)

/* Prints "N passed, M failed" and returns the process exit status. */
int tl_finish(void);

/* Whole file into a NUL-terminated heap buffer, or NULL. */
char *tl_read_file(const char *path, size_t *len);

/* dir + "/" + name into a static-free heap string. */
char *tl_path(const char *dir, const char *name);

/* Vector directory from argv[1], env ARGON2_FT_VECTORS, or a default. */
const char *tl_vectors_dir(int argc, char **argv);

/* Hex string into bytes; returns the byte count or -1. */
long tl_unhex(const char *hex, uint8_t *out, size_t cap);

/* Environment flag set to "1". */
int tl_env_flag(const char *name);

/* ---- threads: POSIX threads, or Win32 threads on Windows ---- */

#if defined(_WIN32)
typedef void *tl_thread; /* a HANDLE */
typedef struct tl_mutex {
    void *srwlock; /* an SRWLOCK, pointer-sized */
} tl_mutex;
#else
#include <pthread.h>
typedef pthread_t tl_thread;
typedef pthread_mutex_t tl_mutex;
#endif

/* Runs fn(arg) in a new thread; 0 on success. */
int tl_thread_start(tl_thread *t, void *(*fn)(void *), void *arg);
/* Waits for the thread and releases it; 0 on success. */
int tl_thread_join(tl_thread t);

void tl_mutex_init(tl_mutex *m);
void tl_mutex_lock(tl_mutex *m);
void tl_mutex_unlock(tl_mutex *m);

/* ---- JSON ---- */

typedef enum tl_json_kind {
    TL_JSON_NULL,
    TL_JSON_BOOL,
    TL_JSON_NUMBER,
    TL_JSON_STRING,
    TL_JSON_ARRAY,
    TL_JSON_OBJECT
} tl_json_kind;

typedef struct tl_json {
    tl_json_kind kind;
    double number;
    int boolean;
    char *string;   /* STRING: value (NUL-terminated, no embedded NUL) */
    char *key;      /* member name when inside an object */
    struct tl_json *child; /* ARRAY/OBJECT: first element */
    struct tl_json *next;  /* next sibling */
} tl_json;

tl_json *tl_json_parse(const char *text);
void tl_json_free(tl_json *j);
const tl_json *tl_json_get(const tl_json *obj, const char *key);
const char *tl_json_str(const tl_json *obj, const char *key);
long tl_json_int(const tl_json *obj, const char *key);
int tl_json_bool(const tl_json *obj, const char *key);

#endif /* ARGON2_FT_TESTLIB_H */
