/*
 * Helpers shared by the C tests.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#if defined(_WIN32)
#include <windows.h>
#include <process.h>
#endif

int tl_passed = 0;
int tl_failed = 0;

int tl_check(int cond, const char *file, int line, const char *fmt, ...)
{
    if (cond) {
        tl_passed++;
        return 1;
    }
    tl_failed++;
    {
        va_list ap;
        fprintf(stderr, "FAIL %s:%d: ", file, line);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
    return 0;
}

int tl_finish(void)
{
    printf("%d passed, %d failed\n", tl_passed, tl_failed);
    return tl_failed == 0 && tl_passed > 0 ? 0 : 1;
}

char *tl_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = (char *)malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL) {
        *len = (size_t)n;
    }
    return buf;
}

char *tl_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = (char *)malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s", dir, name);
    }
    return p;
}

const char *tl_vectors_dir(int argc, char **argv)
{
    const char *env;
    if (argc > 1) {
        return argv[1];
    }
    env = getenv("ARGON2_FT_VECTORS");
    if (env != NULL && *env != '\0') {
        return env;
    }
    return "../../tests/vectors";
}

int tl_env_flag(const char *name)
{
    const char *v = getenv(name);
    return v != NULL && strcmp(v, "1") == 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

long tl_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = strlen(hex), i;
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        out[i] = (uint8_t)(hi * 16 + lo);
    }
    return (long)(n / 2);
}

/* ---- JSON (enough for the vector files: ASCII, \u00XX escapes) ---- */

typedef struct parser {
    const char *p;
    int error;
} parser;

static void skip_ws(parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t') {
        ps->p++;
    }
}

static char *parse_string(parser *ps)
{
    size_t cap = 16, n = 0;
    char *s;
    if (*ps->p != '"') {
        ps->error = 1;
        return NULL;
    }
    ps->p++;
    s = (char *)malloc(cap);
    if (s == NULL) {
        ps->error = 1;
        return NULL;
    }
    while (*ps->p != '"') {
        char c = *ps->p;
        if (c == '\0') {
            ps->error = 1;
            free(s);
            return NULL;
        }
        if (c == '\\') {
            ps->p++;
            switch (*ps->p) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                int k, v = 0;
                for (k = 1; k <= 4; k++) {
                    int h = hexval(ps->p[k]);
                    if (h < 0) {
                        ps->error = 1;
                        free(s);
                        return NULL;
                    }
                    v = v * 16 + h;
                }
                if (v == 0 || v > 0x7F) {
                    ps->error = 1; /* the vector files are ASCII */
                    free(s);
                    return NULL;
                }
                c = (char)v;
                ps->p += 4;
                break;
            }
            default: c = *ps->p; break; /* \" \\ \/ */
            }
        }
        if (n + 2 > cap) {
            char *t;
            cap *= 2;
            t = (char *)realloc(s, cap);
            if (t == NULL) {
                free(s);
                ps->error = 1;
                return NULL;
            }
            s = t;
        }
        s[n++] = c;
        ps->p++;
    }
    ps->p++;
    s[n] = '\0';
    return s;
}

static tl_json *parse_value(parser *ps);

static tl_json *new_node(tl_json_kind kind)
{
    tl_json *j = (tl_json *)calloc(1, sizeof(*j));
    if (j != NULL) {
        j->kind = kind;
    }
    return j;
}

static tl_json *parse_container(parser *ps, int object)
{
    tl_json *j = new_node(object ? TL_JSON_OBJECT : TL_JSON_ARRAY);
    tl_json **tail;
    if (j == NULL) {
        ps->error = 1;
        return NULL;
    }
    tail = &j->child;
    ps->p++;
    skip_ws(ps);
    if (*ps->p == (object ? '}' : ']')) {
        ps->p++;
        return j;
    }
    for (;;) {
        char *key = NULL;
        tl_json *v;
        skip_ws(ps);
        if (object) {
            key = parse_string(ps);
            if (ps->error) {
                break;
            }
            skip_ws(ps);
            if (*ps->p != ':') {
                free(key);
                ps->error = 1;
                break;
            }
            ps->p++;
        }
        v = parse_value(ps);
        if (v == NULL) {
            free(key);
            ps->error = 1;
            break;
        }
        v->key = key;
        *tail = v;
        tail = &v->next;
        skip_ws(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == (object ? '}' : ']')) {
            ps->p++;
            return j;
        }
        ps->error = 1;
        break;
    }
    tl_json_free(j);
    return NULL;
}

static tl_json *parse_value(parser *ps)
{
    tl_json *j;
    skip_ws(ps);
    switch (*ps->p) {
    case '{':
        return parse_container(ps, 1);
    case '[':
        return parse_container(ps, 0);
    case '"':
        j = new_node(TL_JSON_STRING);
        if (j == NULL) {
            return NULL;
        }
        j->string = parse_string(ps);
        if (ps->error) {
            free(j);
            return NULL;
        }
        return j;
    default:
        break;
    }
    if (strncmp(ps->p, "true", 4) == 0 || strncmp(ps->p, "false", 5) == 0) {
        j = new_node(TL_JSON_BOOL);
        if (j == NULL) {
            return NULL;
        }
        j->boolean = *ps->p == 't';
        ps->p += j->boolean ? 4 : 5;
        return j;
    }
    if (strncmp(ps->p, "null", 4) == 0) {
        ps->p += 4;
        return new_node(TL_JSON_NULL);
    }
    {
        char *end;
        double d = strtod(ps->p, &end);
        if (end == ps->p) {
            ps->error = 1;
            return NULL;
        }
        ps->p = end;
        j = new_node(TL_JSON_NUMBER);
        if (j != NULL) {
            j->number = d;
        }
        return j;
    }
}

tl_json *tl_json_parse(const char *text)
{
    parser ps;
    tl_json *j;
    ps.p = text;
    ps.error = 0;
    j = parse_value(&ps);
    if (j == NULL || ps.error) {
        tl_json_free(j);
        return NULL;
    }
    return j;
}

void tl_json_free(tl_json *j)
{
    while (j != NULL) {
        tl_json *next = j->next;
        tl_json_free(j->child);
        free(j->string);
        free(j->key);
        free(j);
        j = next;
    }
}

const tl_json *tl_json_get(const tl_json *obj, const char *key)
{
    const tl_json *c;
    if (obj == NULL || obj->kind != TL_JSON_OBJECT) {
        return NULL;
    }
    for (c = obj->child; c != NULL; c = c->next) {
        if (c->key != NULL && strcmp(c->key, key) == 0) {
            return c;
        }
    }
    return NULL;
}

const char *tl_json_str(const tl_json *obj, const char *key)
{
    const tl_json *v = tl_json_get(obj, key);
    return v != NULL && v->kind == TL_JSON_STRING ? v->string : NULL;
}

long tl_json_int(const tl_json *obj, const char *key)
{
    const tl_json *v = tl_json_get(obj, key);
    return v != NULL && v->kind == TL_JSON_NUMBER ? (long)v->number : -999999;
}

int tl_json_bool(const tl_json *obj, const char *key)
{
    const tl_json *v = tl_json_get(obj, key);
    return v != NULL && v->kind == TL_JSON_BOOL && v->boolean;
}

/* ---- threads ---- */

#if defined(_WIN32)
typedef struct tl_thunk {
    void *(*fn)(void *);
    void *arg;
} tl_thunk;

/* _beginthreadex wants an unsigned __stdcall entry point. */
static unsigned __stdcall tl_thread_entry(void *p)
{
    tl_thunk thunk = *(tl_thunk *)p;
    free(p);
    thunk.fn(thunk.arg);
    return 0;
}

int tl_thread_start(tl_thread *t, void *(*fn)(void *), void *arg)
{
    tl_thunk *thunk = malloc(sizeof(*thunk));
    uintptr_t h;
    if (thunk == NULL) {
        return -1;
    }
    thunk->fn = fn;
    thunk->arg = arg;
    h = _beginthreadex(NULL, 0, tl_thread_entry, thunk, 0, NULL);
    if (h == 0) {
        free(thunk);
        return -1;
    }
    *t = (tl_thread)h;
    return 0;
}

int tl_thread_join(tl_thread t)
{
    int ok = WaitForSingleObject((HANDLE)t, INFINITE) == WAIT_OBJECT_0;
    CloseHandle((HANDLE)t);
    return ok ? 0 : -1;
}

void tl_mutex_init(tl_mutex *m) { InitializeSRWLock((PSRWLOCK)&m->srwlock); }
void tl_mutex_lock(tl_mutex *m) { AcquireSRWLockExclusive((PSRWLOCK)&m->srwlock); }
void tl_mutex_unlock(tl_mutex *m) { ReleaseSRWLockExclusive((PSRWLOCK)&m->srwlock); }
#else
int tl_thread_start(tl_thread *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, arg) == 0 ? 0 : -1;
}

int tl_thread_join(tl_thread t)
{
    return pthread_join(t, NULL) == 0 ? 0 : -1;
}

void tl_mutex_init(tl_mutex *m) { (void)pthread_mutex_init(m, NULL); }
void tl_mutex_lock(tl_mutex *m) { (void)pthread_mutex_lock(m); }
void tl_mutex_unlock(tl_mutex *m) { (void)pthread_mutex_unlock(m); }
#endif
