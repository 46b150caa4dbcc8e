/*
 * argon2._native: the backend interface (see argon2/_backend.py) written
 * against the plain CPython C API.
 *
 * It exists for interpreters the CFFI backend cannot serve (free-threaded
 * CPython refuses cffi) and is buildable everywhere, so one code path is
 * tested on every interpreter. Functions mirror the CFFI backend exactly:
 * success gives bytes (or a tuple), failure gives the libargon2 error code as
 * an int; exceptions are raised only for wrong Python types or values that do
 * not fit the C parameter types.
 *
 * The module holds no state at all: multi-phase init, no caches. On GIL
 * builds it uses only the limited API (3.10), so it can ship as abi3.
 * Long computations run with the thread state detached (GIL released).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "argon2.h"
#include "argon2_ft.h"
#include "wipe.h" /* the library's argon2ft_wipe */

/* The buffer protocol joined the limited API in 3.11. */
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030B0000
#define NATIVE_HAVE_BUFFER_API 1
#endif

/* The single argument of decode, error_message, ... by position or name. */
static int
one_arg(PyObject *args, PyObject *kwargs, const char *format,
        const char *keyword, PyObject **out)
{
    char *keywords[2];
    keywords[0] = (char *)keyword;
    keywords[1] = NULL;
    return PyArg_ParseTupleAndKeywords(args, kwargs, format, keywords, out)
               ? 0
               : -1;
}

/* ------------------------------------------------------------------------ */
/* Integer arguments                                                         */

/*
 * Any object with __index__ (int, bool, numpy integers); floats and other
 * types raise TypeError, values outside [0, 2**32 - 1] OverflowError.
 */
static int
get_u32(PyObject *obj, const char *name, uint32_t *out)
{
    PyObject *index = PyNumber_Index(obj);
    unsigned long long value;

    if (index == NULL) {
        return -1;
    }
    value = PyLong_AsUnsignedLongLong(index);
    Py_DECREF(index);
    if (value == (unsigned long long)-1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Format(PyExc_OverflowError,
                         "%s must be in the range 0 .. 4294967295", name);
        }
        return -1;
    }
    if (value > UINT32_MAX) {
        PyErr_Format(PyExc_OverflowError,
                     "%s must be in the range 0 .. 4294967295", name);
        return -1;
    }
    *out = (uint32_t)value;
    return 0;
}

/* Like get_u32 for C int parameters (type, kernel, error codes). */
static int
get_int(PyObject *obj, const char *name, int *out)
{
    PyObject *index = PyNumber_Index(obj);
    long value;

    if (index == NULL) {
        return -1;
    }
    value = PyLong_AsLong(index);
    Py_DECREF(index);
    if (value == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Format(PyExc_OverflowError, "%s does not fit a C int",
                         name);
        }
        return -1;
    }
    if (value < INT_MIN || value > INT_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s does not fit a C int", name);
        return -1;
    }
    *out = (int)value;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Byte-string arguments                                                     */

/*
 * A bytes-like argument as the C library sees it. bytes objects are
 * immutable and kept alive by the argument tuple, so their storage is used
 * directly, even with the thread state detached. Every other bytes-like
 * object (bytearray, memoryview, array, ...) could be written to by another
 * thread while the hash runs, so it is copied into private memory first;
 * that copy is wiped before it is freed since it may hold a password.
 */
typedef struct {
    const unsigned char *data;
    size_t len;
    unsigned char *copy; /* private copy, or NULL */
} byte_arg;

static const unsigned char empty_bytes[1] = {0};

static int
copy_into(byte_arg *arg, const void *src, size_t len)
{
    /* One byte at least: PyMem_Malloc(0) may return NULL. */
    arg->copy = (unsigned char *)PyMem_Malloc(len > 0 ? len : 1);
    if (arg->copy == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (len > 0) {
        memcpy(arg->copy, src, len);
    }
    arg->data = arg->copy;
    arg->len = len;
    return 0;
}

static int
byte_arg_get(PyObject *obj, byte_arg *arg)
{
    arg->data = empty_bytes;
    arg->len = 0;
    arg->copy = NULL;

    if (PyBytes_Check(obj)) {
        char *data;
        Py_ssize_t len;
        if (PyBytes_AsStringAndSize(obj, &data, &len) < 0) {
            return -1;
        }
        arg->data = (const unsigned char *)data;
        arg->len = (size_t)len;
        return 0;
    }
    if (PyUnicode_Check(obj)) {
        /* str supports no buffer protocol either; say what is expected. */
        PyErr_SetString(PyExc_TypeError,
                        "a bytes-like object is required, not 'str'");
        return -1;
    }
#ifdef NATIVE_HAVE_BUFFER_API
    {
        Py_buffer view;
        int rc;
        if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) {
            return -1;
        }
        rc = copy_into(arg, view.buf, (size_t)view.len);
        PyBuffer_Release(&view);
        return rc;
    }
#else
    {
        /* Limited API 3.10: reach the buffer through memoryview -> bytes. */
        PyObject *view = PyMemoryView_FromObject(obj);
        PyObject *snapshot;
        char *data;
        Py_ssize_t len;
        int rc = -1;

        if (view == NULL) {
            return -1;
        }
        snapshot = PyBytes_FromObject(view);
        Py_DECREF(view);
        if (snapshot == NULL) {
            return -1;
        }
        if (PyBytes_AsStringAndSize(snapshot, &data, &len) == 0) {
            rc = copy_into(arg, data, (size_t)len);
            /* The snapshot is ours alone: clear it like the private copy. */
            argon2ft_wipe(data, (size_t)len);
        }
        Py_DECREF(snapshot);
        return rc;
    }
#endif
}

static void
byte_arg_release(byte_arg *arg)
{
    if (arg->copy != NULL) {
        argon2ft_wipe(arg->copy, arg->len);
        PyMem_Free(arg->copy);
        arg->copy = NULL;
    }
    arg->data = empty_bytes;
    arg->len = 0;
}

/* ------------------------------------------------------------------------ */
/* hash_raw / hash_encoded                                                   */

/* Every argument of hash_raw and hash_encoded, converted for the C call. */
typedef struct {
    int type;
    uint32_t version;
    uint32_t t_cost;
    uint32_t m_cost;
    uint32_t parallelism;
    uint32_t threads;
    int kernel;
    byte_arg password;
    byte_arg salt;
    byte_arg secret;
    byte_arg ad;
    uint32_t hash_len;
} hash_args;

static void
hash_args_release(hash_args *a)
{
    byte_arg_release(&a->password);
    byte_arg_release(&a->salt);
    byte_arg_release(&a->secret);
    byte_arg_release(&a->ad);
}

static int
hash_args_parse(PyObject *args, PyObject *kwargs, const char *fname,
                hash_args *a)
{
    char *keywords[] = {"type",    "version",     "t_cost",
                               "m_cost",  "parallelism", "threads",
                               "kernel",  "password",    "salt",
                               "secret",  "ad",          "hash_len",
                               NULL};
    PyObject *o_type, *o_version, *o_t_cost, *o_m_cost, *o_parallelism;
    PyObject *o_threads, *o_kernel, *o_password, *o_salt, *o_secret, *o_ad;
    PyObject *o_hash_len;
    char format[32];

    /* "OOOOOOOOOOOO:<name>" so errors name the Python function. */
    PyOS_snprintf(format, sizeof(format), "OOOOOOOOOOOO:%s", fname);
    if (!PyArg_ParseTupleAndKeywords(
            args, kwargs, format, keywords, &o_type, &o_version, &o_t_cost,
            &o_m_cost, &o_parallelism, &o_threads, &o_kernel, &o_password,
            &o_salt, &o_secret, &o_ad, &o_hash_len)) {
        return -1;
    }
    if (get_int(o_type, "type", &a->type) < 0 ||
        get_u32(o_version, "version", &a->version) < 0 ||
        get_u32(o_t_cost, "t_cost", &a->t_cost) < 0 ||
        get_u32(o_m_cost, "m_cost", &a->m_cost) < 0 ||
        get_u32(o_parallelism, "parallelism", &a->parallelism) < 0 ||
        get_u32(o_threads, "threads", &a->threads) < 0 ||
        get_int(o_kernel, "kernel", &a->kernel) < 0 ||
        get_u32(o_hash_len, "hash_len", &a->hash_len) < 0) {
        return -1;
    }
    if (byte_arg_get(o_password, &a->password) < 0 ||
        byte_arg_get(o_salt, &a->salt) < 0 ||
        byte_arg_get(o_secret, &a->secret) < 0 ||
        byte_arg_get(o_ad, &a->ad) < 0) {
        hash_args_release(a);
        return -1;
    }
    return 0;
}

static void
hash_args_init(hash_args *a)
{
    memset(a, 0, sizeof(*a));
    a->password.data = a->salt.data = a->secret.data = a->ad.data =
        empty_bytes;
}

/* One argon2ft_hash call with the thread state detached. */
static int
run_hash(const hash_args *a, void *hash, size_t hash_len, char *encoded,
         size_t encoded_len)
{
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = argon2ft_hash(a->t_cost, a->m_cost, a->parallelism, a->threads,
                       a->password.data, a->password.len, a->salt.data,
                       a->salt.len, a->secret.data, a->secret.len,
                       a->ad.data, a->ad.len, hash, hash_len, encoded,
                       encoded_len, (argon2_type)a->type, a->version,
                       a->kernel);
    Py_END_ALLOW_THREADS
    return rc;
}

static PyObject *
native_hash_raw(PyObject *module, PyObject *args, PyObject *kwargs)
{
    hash_args a;
    PyObject *result;
    int rc;

    (void)module;
    hash_args_init(&a);
    if (hash_args_parse(args, kwargs, "hash_raw", &a) < 0) {
        return NULL;
    }
#if SIZE_MAX / 2 < UINT32_MAX
    /* 32-bit: a bytes object cannot be that large. */
    if (a.hash_len > (uint32_t)PY_SSIZE_T_MAX) {
        hash_args_release(&a);
        return PyErr_NoMemory();
    }
#endif
    /*
     * The tag goes straight into the result object. hash_len is bounded by
     * its 32-bit type (as in the reference API, whose argon2_hash allocates
     * hashlen bytes itself); the library validates every parameter before
     * it writes the tag, so for rejected parameters the pages of a large
     * allocation are never touched. The tag is copied in only on success:
     * a failed call leaves nothing secret to wipe.
     */
    result = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)a.hash_len);
    if (result == NULL) {
        hash_args_release(&a);
        return NULL;
    }
    rc = run_hash(&a, PyBytes_AsString(result), a.hash_len, NULL, 0);
    hash_args_release(&a);
    if (rc != ARGON2_OK) {
        Py_DECREF(result);
        return PyLong_FromLong(rc);
    }
    return result;
}

static PyObject *
native_hash_encoded(PyObject *module, PyObject *args, PyObject *kwargs)
{
    hash_args a;
    PyObject *result = NULL;
    char *encoded;
    size_t encoded_len;
    uint32_t salt_len32;
    int rc;

    (void)module;
    hash_args_init(&a);
    if (hash_args_parse(args, kwargs, "hash_encoded", &a) < 0) {
        return NULL;
    }
    /*
     * A salt longer than 2**32 - 1 bytes is refused by the library before it
     * encodes anything, so the clamped length only has to be plausible.
     */
    salt_len32 = a.salt.len > UINT32_MAX ? UINT32_MAX : (uint32_t)a.salt.len;
    encoded_len = argon2_encodedlen(a.t_cost, a.m_cost, a.parallelism,
                                    salt_len32, a.hash_len,
                                    (argon2_type)a.type);
    /* One spare byte, as the CFFI backend allows, so both behave alike. */
    if (encoded_len == 0 || encoded_len >= (size_t)PY_SSIZE_T_MAX) {
        /* The library then reports the parameter error (or too small). */
        encoded_len = 1;
    } else {
        encoded_len += 1;
    }
    encoded = (char *)PyMem_Malloc(encoded_len);
    if (encoded == NULL) {
        hash_args_release(&a);
        return PyErr_NoMemory();
    }
    rc = run_hash(&a, NULL, a.hash_len, encoded, encoded_len);
    hash_args_release(&a);
    if (rc == ARGON2_OK) {
        /* The string is NUL-terminated inside the buffer. */
        const char *end = (const char *)memchr(encoded, '\0', encoded_len);
        if (end == NULL) {
            result = PyLong_FromLong(ARGON2_ENCODING_FAIL);
        } else {
            result = PyBytes_FromStringAndSize(encoded,
                                               (Py_ssize_t)(end - encoded));
        }
    } else {
        result = PyLong_FromLong(rc);
    }
    PyMem_Free(encoded);
    return result;
}

/* ------------------------------------------------------------------------ */
/* verify / decode                                                           */

static PyObject *
native_verify(PyObject *module, PyObject *args, PyObject *kwargs)
{
    char *keywords[] = {"type",   "encoded", "password", "secret",
                               "ad",     "threads", "kernel",   NULL};
    PyObject *o_type, *o_threads, *o_kernel;
    /* encoded, password, secret, ad */
    byte_arg bufs[4];
    PyObject *objs[4];
    int type, kernel, rc, i;
    uint32_t threads;

    (void)module;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOOOOO:verify", keywords,
                                     &o_type, &objs[0], &objs[1], &objs[2],
                                     &objs[3], &o_threads, &o_kernel)) {
        return NULL;
    }
    if (get_int(o_type, "type", &type) < 0 ||
        get_u32(o_threads, "threads", &threads) < 0 ||
        get_int(o_kernel, "kernel", &kernel) < 0) {
        return NULL;
    }
    for (i = 0; i < 4; i++) {
        if (byte_arg_get(objs[i], &bufs[i]) < 0) {
            while (--i >= 0) {
                byte_arg_release(&bufs[i]);
            }
            return NULL;
        }
    }

    Py_BEGIN_ALLOW_THREADS
    rc = argon2ft_verify((const char *)bufs[0].data, bufs[0].len,
                         (argon2_type)type, bufs[1].data, bufs[1].len,
                         bufs[2].data, bufs[2].len, bufs[3].data, bufs[3].len,
                         threads, kernel);
    Py_END_ALLOW_THREADS

    for (i = 0; i < 4; i++) {
        byte_arg_release(&bufs[i]);
    }
    return PyLong_FromLong(rc);
}

static PyObject *
native_decode(PyObject *module, PyObject *args, PyObject *kwargs)
{
    PyObject *arg;
    byte_arg encoded;
    argon2ft_params params;
    unsigned char *salt, *tag;
    size_t cap;
    PyObject *result;
    int rc;

    (void)module;
    if (one_arg(args, kwargs, "O:decode", "encoded", &arg) < 0) {
        return NULL;
    }
    if (byte_arg_get(arg, &encoded) < 0) {
        return NULL;
    }
    /*
     * Base64 never decodes to more bytes than it has characters, so buffers
     * of the input's length hold salt and tag: bounded by the input, never by
     * numbers written inside it.
     */
    cap = encoded.len > 0 ? encoded.len : 1;
    salt = (unsigned char *)PyMem_Malloc(cap);
    tag = (unsigned char *)PyMem_Malloc(cap);
    if (salt == NULL || tag == NULL) {
        PyMem_Free(salt);
        PyMem_Free(tag);
        byte_arg_release(&encoded);
        return PyErr_NoMemory();
    }
    memset(&params, 0, sizeof(params));
    rc = argon2ft_decode((const char *)encoded.data, encoded.len, &params,
                         salt, cap, tag, cap);
    byte_arg_release(&encoded);
    if (rc != ARGON2_OK) {
        result = PyLong_FromLong(rc);
    } else if (params.saltlen > cap || params.hashlen > cap) {
        /* Never happens with a correct decoder; do not read past buffers. */
        result = PyLong_FromLong(ARGON2_DECODING_FAIL);
    } else {
        result = Py_BuildValue("(ikkkky#y#)", (int)params.type,
                               (unsigned long)params.version,
                               (unsigned long)params.m_cost,
                               (unsigned long)params.t_cost,
                               (unsigned long)params.lanes, (const char *)salt,
                               (Py_ssize_t)params.saltlen, (const char *)tag,
                               (Py_ssize_t)params.hashlen);
    }
    PyMem_Free(salt);
    PyMem_Free(tag);
    return result;
}

/* ------------------------------------------------------------------------ */
/* Error texts and kernel queries                                            */

static PyObject *
native_error_message(PyObject *module, PyObject *args, PyObject *kwargs)
{
    PyObject *arg;
    const char *message;
    int code;

    (void)module;
    if (one_arg(args, kwargs, "O:error_message", "code", &arg) < 0) {
        return NULL;
    }
    if (get_int(arg, "code", &code) < 0) {
        return NULL;
    }
    message = argon2_error_message(code);
    if (message == NULL) {
        PyErr_Format(PyExc_SystemError, "no message for error code %d",
                     code);
        return NULL;
    }
    return PyUnicode_FromString(message);
}

static PyObject *
native_kernel_name(PyObject *module, PyObject *args, PyObject *kwargs)
{
    PyObject *arg;
    const char *name;
    int kernel;

    (void)module;
    if (one_arg(args, kwargs, "O:kernel_name", "kernel", &arg) < 0) {
        return NULL;
    }
    if (get_int(arg, "kernel", &kernel) < 0) {
        return NULL;
    }
    name = argon2ft_kernel_name(kernel);
    if (name == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString(name);
}

static PyObject *
native_kernel_supported(PyObject *module, PyObject *args, PyObject *kwargs)
{
    PyObject *arg;
    int kernel;

    (void)module;
    if (one_arg(args, kwargs, "O:kernel_supported", "kernel", &arg) < 0) {
        return NULL;
    }
    if (get_int(arg, "kernel", &kernel) < 0) {
        return NULL;
    }
    return PyBool_FromLong(argon2ft_kernel_supported(kernel) != 0);
}

static PyObject *
native_kernel_auto(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyLong_FromLong(argon2ft_kernel_auto());
}

static PyObject *
native_kernel_from_name(PyObject *module, PyObject *args, PyObject *kwargs)
{
    PyObject *arg;
    const char *name;
    Py_ssize_t len;

    (void)module;
    if (one_arg(args, kwargs, "O:kernel_from_name", "name", &arg) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "kernel_from_name() expects a str");
        return NULL;
    }
    name = PyUnicode_AsUTF8AndSize(arg, &len);
    if (name == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            return NULL;
        }
        /* Lone surrogates: certainly no kernel's name. */
        PyErr_Clear();
        return PyLong_FromLong(-1);
    }
    if ((size_t)len != strlen(name)) {
        /* An embedded NUL would otherwise cut the name short. */
        return PyLong_FromLong(-1);
    }
    return PyLong_FromLong(argon2ft_kernel_from_name(name));
}

/* ------------------------------------------------------------------------ */
/* Module definition                                                         */

/* ------------------------------------------------------------------------ */
/* The matrix pool and the memory budget                                     */

/* A non-negative int up to 2**64 - 1. */
static int
get_u64(PyObject *arg, const char *name, uint64_t *out)
{
    unsigned long long value;
    PyObject *index = PyNumber_Index(arg);
    if (index == NULL) {
        return -1;
    }
    value = PyLong_AsUnsignedLongLong(index);
    Py_DECREF(index);
    if (value == (unsigned long long)-1 && PyErr_Occurred()) {
        PyErr_Format(PyExc_OverflowError, "%s must be in 0 .. 2**64 - 1",
                     name);
        return -1;
    }
    *out = (uint64_t)value;
    return 0;
}

static PyObject *
memory_setter(PyObject *args, PyObject *kwargs, const char *format,
              const char *name, void (*set)(uint64_t))
{
    PyObject *arg;
    uint64_t value;
    if (one_arg(args, kwargs, format, name, &arg) < 0 ||
        get_u64(arg, name, &value) < 0) {
        return NULL;
    }
    set(value);
    Py_RETURN_NONE;
}

static PyObject *
native_memory_set_budget(PyObject *module, PyObject *args, PyObject *kwargs)
{
    (void)module;
    return memory_setter(args, kwargs, "O:memory_set_budget", "budget",
                         argon2ft_memory_set_budget);
}

static PyObject *
native_memory_set_max_running(PyObject *module, PyObject *args,
                              PyObject *kwargs)
{
    PyObject *arg;
    uint32_t hashes;
    (void)module;
    if (one_arg(args, kwargs, "O:memory_set_max_running", "hashes", &arg) <
            0 ||
        get_u32(arg, "hashes", &hashes) < 0) {
        return NULL;
    }
    argon2ft_memory_set_max_running(hashes);
    Py_RETURN_NONE;
}

static PyObject *
native_memory_set_idle_limit(PyObject *module, PyObject *args,
                             PyObject *kwargs)
{
    (void)module;
    return memory_setter(args, kwargs, "O:memory_set_idle_limit",
                         "idle_limit", argon2ft_memory_set_idle_limit);
}

static PyObject *
native_memory_set_wait_timeout(PyObject *module, PyObject *args,
                               PyObject *kwargs)
{
    (void)module;
    return memory_setter(args, kwargs, "O:memory_set_wait_timeout",
                         "milliseconds", argon2ft_memory_set_wait_timeout);
}

static PyObject *
native_memory_release_idle(PyObject *module, PyObject *unused)
{
    uint64_t released;
    (void)module;
    (void)unused;
    /* Unmapping a large pool can take a while: let other threads run. */
    Py_BEGIN_ALLOW_THREADS
    released = argon2ft_memory_release_idle();
    Py_END_ALLOW_THREADS
    return PyLong_FromUnsignedLongLong(released);
}

static PyObject *
native_memory_settle(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    Py_BEGIN_ALLOW_THREADS
    argon2ft_memory_settle();
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
native_memory_stats(PyObject *module, PyObject *unused)
{
    argon2ft_memory_stats st;
    (void)module;
    (void)unused;
    /* It may wait for lane threads that are still wiping: let others run. */
    Py_BEGIN_ALLOW_THREADS
    argon2ft_memory_get_stats(&st);
    Py_END_ALLOW_THREADS
    return Py_BuildValue(
        "(KKKKKKKKKKKkkk)", (unsigned long long)st.budget,
        (unsigned long long)st.idle_limit,
        (unsigned long long)st.wait_timeout_ms, (unsigned long long)st.in_use,
        (unsigned long long)st.idle, (unsigned long long)st.peak,
        (unsigned long long)st.reused, (unsigned long long)st.allocated,
        (unsigned long long)st.waited, (unsigned long long)st.timed_out,
        (unsigned long long)st.refused, (unsigned long)st.waiting,
        (unsigned long)st.running, (unsigned long)st.max_running);
}

static PyObject *
native_memory_reset_peak(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    argon2ft_memory_reset_peak();
    Py_RETURN_NONE;
}

static PyObject *
native_memory_charge(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"m_cost", "lanes", NULL};
    PyObject *m_arg, *lanes_arg;
    uint32_t m_cost, lanes;
    (void)module;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO:memory_charge",
                                     keywords, &m_arg, &lanes_arg) ||
        get_u32(m_arg, "m_cost", &m_cost) < 0 ||
        get_u32(lanes_arg, "lanes", &lanes) < 0) {
        return NULL;
    }
    return PyLong_FromUnsignedLongLong(
        (unsigned long long)argon2ft_memory_charge(m_cost, lanes));
}

static PyMethodDef native_methods[] = {
    {"hash_raw", (PyCFunction)(void (*)(void))native_hash_raw,
     METH_VARARGS | METH_KEYWORDS,
     "hash_raw(type, version, t_cost, m_cost, parallelism, threads, kernel,"
     " password, salt, secret, ad, hash_len) -> bytes | int\n\n"
     "The raw tag, or a libargon2 error code."},
    {"hash_encoded", (PyCFunction)(void (*)(void))native_hash_encoded,
     METH_VARARGS | METH_KEYWORDS,
     "hash_encoded(type, version, t_cost, m_cost, parallelism, threads,"
     " kernel, password, salt, secret, ad, hash_len) -> bytes | int\n\n"
     "The ASCII encoded hash (no NUL), or a libargon2 error code."},
    {"verify", (PyCFunction)(void (*)(void))native_verify,
     METH_VARARGS | METH_KEYWORDS,
     "verify(type, encoded, password, secret, ad, threads, kernel) -> int\n\n"
     "ARGON2_OK (0), ARGON2_VERIFY_MISMATCH or another error code."},
    {"decode", (PyCFunction)(void (*)(void))native_decode,
     METH_VARARGS | METH_KEYWORDS,
     "decode(encoded) -> (type, version, m_cost, t_cost, parallelism, salt,"
     " tag) | int\n\n"
     "Parameters of an encoded hash, or a libargon2 error code."},
    {"error_message", (PyCFunction)(void (*)(void))native_error_message,
     METH_VARARGS | METH_KEYWORDS,
     "error_message(code) -> str\n\nThe libargon2 text for an error code."},
    {"kernel_name", (PyCFunction)(void (*)(void))native_kernel_name,
     METH_VARARGS | METH_KEYWORDS,
     "kernel_name(kernel) -> str | None\n\n"
     "Name of a kernel id (0: the kernel it resolves to); None if unknown."},
    {"kernel_supported", (PyCFunction)(void (*)(void))native_kernel_supported,
     METH_VARARGS | METH_KEYWORDS,
     "kernel_supported(kernel) -> bool\n\n"
     "Whether this build and CPU can run the kernel."},
    {"kernel_auto", native_kernel_auto, METH_NOARGS,
     "kernel_auto() -> int\n\nThe kernel id used by default."},
    {"kernel_from_name", (PyCFunction)(void (*)(void))native_kernel_from_name,
     METH_VARARGS | METH_KEYWORDS,
     "kernel_from_name(name) -> int\n\nKernel id for a name, or -1."},
    {"memory_set_budget", (PyCFunction)(void (*)(void))native_memory_set_budget,
     METH_VARARGS | METH_KEYWORDS,
     "memory_set_budget(budget) -> None\n\nBytes for all matrices (0: none)."},
    {"memory_set_max_running",
     (PyCFunction)(void (*)(void))native_memory_set_max_running,
     METH_VARARGS | METH_KEYWORDS,
     "memory_set_max_running(hashes) -> None\n\n"
     "Hashes that may hold memory at once (0: no cap)."},
    {"memory_set_idle_limit",
     (PyCFunction)(void (*)(void))native_memory_set_idle_limit,
     METH_VARARGS | METH_KEYWORDS,
     "memory_set_idle_limit(idle_limit) -> None\n\n"
     "Bytes of parked matrices kept for reuse at most."},
    {"memory_set_wait_timeout",
     (PyCFunction)(void (*)(void))native_memory_set_wait_timeout,
     METH_VARARGS | METH_KEYWORDS,
     "memory_set_wait_timeout(milliseconds) -> None\n\n"
     "How long a hash waits for memory within the budget."},
    {"memory_release_idle", native_memory_release_idle, METH_NOARGS,
     "memory_release_idle() -> int\n\nFrees parked matrices; their bytes."},
    {"memory_settle", native_memory_settle, METH_NOARGS,
     "memory_settle() -> None\n\nWaits for matrices that lane threads are"
     " still wiping after their call."},
    {"memory_stats", native_memory_stats, METH_NOARGS,
     "memory_stats() -> tuple\n\n(budget, idle_limit, wait_timeout_ms, in_use,"
     " idle, peak, reused, allocated, waited, timed_out, refused, waiting,"
     " running, max_running)."},
    {"memory_reset_peak", native_memory_reset_peak, METH_NOARGS,
     "memory_reset_peak() -> None\n\nThe peak starts over from now."},
    {"memory_charge", (PyCFunction)(void (*)(void))native_memory_charge,
     METH_VARARGS | METH_KEYWORDS,
     "memory_charge(m_cost, lanes) -> int\n\n"
     "Bytes a hash with these costs takes from the budget."},
    {NULL, NULL, 0, NULL},
};

/* The library's error codes and kernel ids the layers above tell apart. */
static const struct {
    const char *name;
    int value;
} native_constants[] = {
    {"ARGON2_OK", ARGON2_OK},
    {"ARGON2_OUTPUT_TOO_SHORT", ARGON2_OUTPUT_TOO_SHORT},
    {"ARGON2_OUTPUT_TOO_LONG", ARGON2_OUTPUT_TOO_LONG},
    {"ARGON2_SALT_TOO_SHORT", ARGON2_SALT_TOO_SHORT},
    {"ARGON2_SALT_TOO_LONG", ARGON2_SALT_TOO_LONG},
    {"ARGON2_TIME_TOO_SMALL", ARGON2_TIME_TOO_SMALL},
    {"ARGON2_TIME_TOO_LARGE", ARGON2_TIME_TOO_LARGE},
    {"ARGON2_MEMORY_TOO_LITTLE", ARGON2_MEMORY_TOO_LITTLE},
    {"ARGON2_MEMORY_TOO_MUCH", ARGON2_MEMORY_TOO_MUCH},
    {"ARGON2_LANES_TOO_FEW", ARGON2_LANES_TOO_FEW},
    {"ARGON2_LANES_TOO_MANY", ARGON2_LANES_TOO_MANY},
    {"ARGON2_MEMORY_ALLOCATION_ERROR", ARGON2_MEMORY_ALLOCATION_ERROR},
    {"ARGON2_THREAD_FAIL", ARGON2_THREAD_FAIL},
    {"ARGON2_DECODING_FAIL", ARGON2_DECODING_FAIL},
    {"ARGON2_DECODING_LENGTH_FAIL", ARGON2_DECODING_LENGTH_FAIL},
    {"ARGON2_VERIFY_MISMATCH", ARGON2_VERIFY_MISMATCH},
    {"ARGON2FT_KERNEL_UNSUPPORTED", ARGON2FT_KERNEL_UNSUPPORTED},
    {"ARGON2FT_MEMORY_OVER_BUDGET", ARGON2FT_MEMORY_OVER_BUDGET},
    {"ARGON2FT_MEMORY_WAIT_TIMEOUT", ARGON2FT_MEMORY_WAIT_TIMEOUT},
    {"ARGON2FT_KERNEL_AUTO", ARGON2FT_KERNEL_AUTO},
    {"ARGON2FT_KERNEL_PORTABLE", ARGON2FT_KERNEL_PORTABLE},
    {"ARGON2FT_KERNEL_SSE2", ARGON2FT_KERNEL_SSE2},
    {"ARGON2FT_KERNEL_AVX2", ARGON2FT_KERNEL_AVX2},
    {"ARGON2FT_KERNEL_AVX512", ARGON2FT_KERNEL_AVX512},
    {"ARGON2FT_KERNEL_NEON", ARGON2FT_KERNEL_NEON},
};

static int
native_exec(PyObject *module)
{
    size_t i;
    for (i = 0; i < sizeof(native_constants) / sizeof(native_constants[0]);
         i++) {
        if (PyModule_AddIntConstant(module, native_constants[i].name,
                                    native_constants[i].value) < 0) {
            return -1;
        }
    }
    return PyModule_AddStringConstant(module, "NAME", "native");
}

/*
 * Module slots. The module keeps no state, so every interpreter may have its
 * own GIL (3.12+) and it needs no GIL at all (free-threaded 3.13+).
 *
 * A limited-API (abi3) build runs on interpreters newer than the headers it
 * was compiled with, where these slots exist but older interpreters refuse
 * unknown slot ids. Their values are part of the stable ABI (3.12: id 3,
 * value 2; 3.13: id 4, value 1), so such a build carries one slot table per
 * interpreter generation and picks one at import time.
 */
#ifdef Py_mod_multiple_interpreters
#define NATIVE_SLOT_INTERPRETERS Py_mod_multiple_interpreters
#define NATIVE_OWN_GIL Py_MOD_PER_INTERPRETER_GIL_SUPPORTED
#elif defined(Py_LIMITED_API)
#define NATIVE_SLOT_INTERPRETERS 3
#define NATIVE_OWN_GIL ((void *)2)
#endif

#ifdef Py_mod_gil
#define NATIVE_SLOT_GIL Py_mod_gil
#define NATIVE_GIL_NOT_USED Py_MOD_GIL_NOT_USED
#elif defined(Py_LIMITED_API)
#define NATIVE_SLOT_GIL 4
#define NATIVE_GIL_NOT_USED ((void *)1)
#endif

static PyModuleDef_Slot native_slots[] = {
    {Py_mod_exec, (void *)native_exec},
#ifdef NATIVE_SLOT_INTERPRETERS
    {NATIVE_SLOT_INTERPRETERS, NATIVE_OWN_GIL},
#endif
#ifdef NATIVE_SLOT_GIL
    {NATIVE_SLOT_GIL, NATIVE_GIL_NOT_USED},
#endif
    {0, NULL},
};

#define NATIVE_MODULE_DEF(slots)                                             \
    {                                                                        \
        PyModuleDef_HEAD_INIT, "argon2._native",                             \
            "Argon2 backend for argon2-ft written against the CPython C "    \
            "API.",                                                          \
            0, native_methods, slots, NULL, NULL, NULL                       \
    }

static struct PyModuleDef native_module = NATIVE_MODULE_DEF(native_slots);

#ifdef Py_LIMITED_API
/* The table for interpreters older than the headers' newest slot. */
static PyModuleDef_Slot native_slots_310[] = {
    {Py_mod_exec, (void *)native_exec},
    {0, NULL},
};
static PyModuleDef_Slot native_slots_312[] = {
    {Py_mod_exec, (void *)native_exec},
    {NATIVE_SLOT_INTERPRETERS, NATIVE_OWN_GIL},
    {0, NULL},
};
static struct PyModuleDef native_module_310 =
    NATIVE_MODULE_DEF(native_slots_310);
static struct PyModuleDef native_module_312 =
    NATIVE_MODULE_DEF(native_slots_312);

/* Major * 100 + minor of the running interpreter, from "3.12.1 (main, ...". */
static int
runtime_version(void)
{
    const char *text = Py_GetVersion();
    int major = 0, minor = 0;

    while (*text >= '0' && *text <= '9') {
        major = major * 10 + (*text++ - '0');
    }
    if (*text == '.') {
        text++;
        while (*text >= '0' && *text <= '9') {
            minor = minor * 10 + (*text++ - '0');
        }
    }
    return major * 100 + minor;
}
#endif

PyMODINIT_FUNC
PyInit__native(void)
{
#ifdef Py_LIMITED_API
    int version = runtime_version();
    if (version < 312) {
        return PyModuleDef_Init(&native_module_310);
    }
    if (version < 313) {
        return PyModuleDef_Init(&native_module_312);
    }
#endif
    return PyModuleDef_Init(&native_module);
}
