/* base.h — status ladder, error records, arenas and capped buffers.
 *
 * Ownership: a pv_arena owns everything allocated from it; pv_arena_delete
 * frees it all at once. A pv_buf owns its bytes until pv_buf_free (or until
 * pv_buf_take hands them to the caller). Nothing here prints or exits.
 */
#ifndef PV_BASE_H
#define PV_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Status ladder, after libarchive: OK; WARN (result usable, something noted);
 * FAILED (this file or input is unusable: record it and go on); FATAL (stop). */
typedef enum { PV_OK = 0, PV_WARN = 1, PV_FAILED = 2, PV_FATAL = 3 } pv_status;

/* Caller-owned error record: a status and a message naming input and reason. */
typedef struct {
  pv_status code;
  char msg[512];
} pv_error;

/* Fill err (if non-NULL) with code and a printf-style message; returns code. */
pv_status pv_error_set(pv_error *err, pv_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reset err to PV_OK with an empty message. */
void pv_error_clear(pv_error *err);

/* Bump allocator. cap bounds the total bytes it may hand out (0: no cap). */
typedef struct pv_arena pv_arena;
/* New arena; NULL on out-of-memory. Caller deletes it. */
pv_arena *pv_arena_new(size_t cap);
/* Free everything the arena handed out, and the arena. NULL is ignored. */
void pv_arena_delete(pv_arena *a);
/* Zeroed, 16-byte aligned memory owned by the arena; NULL when out of memory
 * or when the arena's cap would be passed. */
void *pv_arena_alloc(pv_arena *a, size_t n);
/* Arena copy of n bytes plus a NUL terminator; NULL on failure. */
char *pv_arena_strndup(pv_arena *a, const char *s, size_t n);
/* Arena copy of a NUL-terminated string; NULL on failure. */
char *pv_arena_strdup(pv_arena *a, const char *s);
/* Arena printf; NULL on failure. */
char *pv_arena_printf(pv_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far. */
size_t pv_arena_used(const pv_arena *a);

/* The result of a call that must not be ignored (an append that can fail):
 * the compiler warns when it is, and a (void) cast does not silence it. */
#define PV_MUST_USE __attribute__((warn_unused_result))

/* The worse of two statuses (the ladder is ordered OK < WARN < FAILED < FATAL). */
static inline pv_status pv_status_worst(pv_status a, pv_status b) {
  return a > b ? a : b;
}

/* The value of hex digit c, or -1 when it is none. */
static inline int pv_hex_digit(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
    return (c | 0x20) - 'a' + 10;
  return -1;
}

/* Growable byte buffer with a hard maximum, after curl's dynbuf. Its error
 * is sticky: once an append fails (max reached, or out of memory) the
 * buffer keeps that status, later appends change nothing and return it, and
 * pv_buf_status tells it once at the end. */
typedef struct {
  unsigned char *data;
  size_t len, alloc, max;
  pv_status status; /* PV_OK until an append fails, then that failure */
} pv_buf;

/* Initialise an empty buffer that may grow up to max bytes. */
void pv_buf_init(pv_buf *b, size_t max);
/* Append n bytes; PV_FAILED when max would be passed (the bytes are not
 * added), PV_FATAL on out-of-memory, or the status of an earlier failed
 * append (nothing is added then). The buffer stays NUL-terminated past len. */
PV_MUST_USE pv_status pv_buf_add(pv_buf *b, const void *p, size_t n);
/* Append a string; as pv_buf_add. */
PV_MUST_USE pv_status pv_buf_puts(pv_buf *b, const char *s);
/* Append printf-formatted text; as pv_buf_add (PV_FAILED also when the
 * format fails). */
PV_MUST_USE pv_status pv_buf_printf(pv_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same appends for a run of them, returning nothing: a failure is kept
 * in the buffer (sticky), so check pv_buf_status() once after the run. */
void pv_buf_cat(pv_buf *b, const void *p, size_t n);
void pv_buf_cats(pv_buf *b, const char *s);
void pv_buf_catf(pv_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* PV_OK, or the status of the first append that failed. */
pv_status pv_buf_status(const pv_buf *b);
/* Free the bytes and reset to empty with status PV_OK (max kept). */
void pv_buf_free(pv_buf *b);
/* Read a whole file of at most cap bytes into *data (NUL-terminated, the
 * caller frees it; *n excludes the NUL). PV_FAILED naming the file and the
 * reason (missing, unreadable, over cap). */
pv_status pv_read_file(const char *path, size_t cap, unsigned char **data, size_t *n,
                       pv_error *err);
/* Hand the bytes to the caller (free() them); the buffer becomes empty with
 * status PV_OK. Check pv_buf_status first: after a failed append the bytes
 * are only what fitted before it. */
unsigned char *pv_buf_take(pv_buf *b, size_t *len);

/* Lower-case hex SHA-256 of n bytes into out[65]. */
void pv_sha256_hex(const void *p, size_t n, char out[65]);

/* Monotonic clock in milliseconds. */
uint64_t pv_now_ms(void);

/* Whether the environment variable name (len bytes) changes what a
 * runtime loads or where it writes, so it is never passed to a plugin:
 * every LD_*, glibc's unsecure variables (GCONV_PATH, GLIBC_TUNABLES,
 * LOCPATH, ...), node's loader and output hooks (NODE_OPTIONS, NODE_PATH,
 * ...), UV_USE_IO_URING, and other interpreters' start-up hooks (BASH_ENV,
 * BASH_FUNC_*, PYTHONPATH, PERL5OPT, ...). Shared by plugvet policy and
 * plugvet-run (docs/policy.md). */
int pv_env_forbidden(const char *name, size_t len);
/* Whether the name looks like a secret (*TOKEN*, *SECRET*, *PASSWORD*,
 * *PASSWD*, *CREDENTIAL*, *APIKEY*, *_KEY, AWS_*, SSH_AUTH_SOCK; any case). */
int pv_env_secret(const char *name, size_t len);

#endif
