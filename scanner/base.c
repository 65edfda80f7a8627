/* base.c — see base.h. */
#include "base.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

pv_status pv_error_set(pv_error *err, pv_status code, const char *fmt, ...) {
  if (err == NULL)
    return code;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  err->code = code;
  return code;
}

void pv_error_clear(pv_error *err) {
  if (err == NULL)
    return;
  err->code = PV_OK;
  err->msg[0] = '\0';
}

/* Arena: a list of chunks; big requests get a chunk of their own. */
typedef struct chunk {
  struct chunk *next;
  size_t size, used;
  _Alignas(16) unsigned char mem[];
} chunk;

struct pv_arena {
  chunk *head;
  size_t cap, total;
};

enum { CHUNK_SIZE = 64 * 1024 };

pv_arena *pv_arena_new(size_t cap) {
  pv_arena *a = calloc(1, sizeof *a);
  if (a != NULL)
    a->cap = cap;
  return a;
}

void pv_arena_delete(pv_arena *a) {
  if (a == NULL)
    return;
  chunk *c = a->head;
  while (c != NULL) {
    chunk *next = c->next;
    free(c);
    c = next;
  }
  free(a);
}

static chunk *chunk_new(size_t size) {
  chunk *c = malloc(sizeof *c + size);
  if (c == NULL)
    return NULL;
  c->next = NULL;
  c->size = size;
  c->used = 0;
  return c;
}

void *pv_arena_alloc(pv_arena *a, size_t n) {
  size_t need = (n + 15u) & ~(size_t)15u;
  if (need < n)
    return NULL;
  if (a->cap != 0 && (need > a->cap || a->total > a->cap - need))
    return NULL;
  chunk *c = a->head;
  if (c == NULL || c->size - c->used < need) {
    if (need > CHUNK_SIZE / 4) { /* large: own chunk, kept behind the head */
      chunk *big = chunk_new(need);
      if (big == NULL)
        return NULL;
      big->used = need;
      if (c == NULL)
        a->head = big;
      else {
        big->next = c->next;
        c->next = big;
      }
      a->total += need;
      memset(big->mem, 0, need);
      return big->mem;
    }
    c = chunk_new(CHUNK_SIZE);
    if (c == NULL)
      return NULL;
    c->next = a->head;
    a->head = c;
  }
  void *p = c->mem + c->used;
  c->used += need;
  a->total += need;
  memset(p, 0, need);
  return p;
}

char *pv_arena_strndup(pv_arena *a, const char *s, size_t n) {
  if (n == SIZE_MAX)
    return NULL;
  char *p = pv_arena_alloc(a, n + 1);
  if (p == NULL)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *pv_arena_strdup(pv_arena *a, const char *s) {
  return pv_arena_strndup(a, s, strlen(s));
}

/* Formatted once into a stack buffer: only a longer text is formatted
 * again (glibc's vsnprintf(NULL, 0) to measure costs a full formatting). */
char *pv_arena_printf(pv_arena *a, const char *fmt, ...) {
  char tmp[512];
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  char *p = n >= 0 ? pv_arena_alloc(a, (size_t)n + 1) : NULL;
  if (p != NULL && (size_t)n < sizeof tmp) {
    memcpy(p, tmp, (size_t)n + 1);
  } else if (p != NULL) {
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
  }
  va_end(ap2);
  return p;
}

size_t pv_arena_used(const pv_arena *a) {
  return a->total;
}

void pv_buf_init(pv_buf *b, size_t max) {
  b->data = NULL;
  b->len = 0;
  b->alloc = 0;
  b->max = max;
  b->status = PV_OK;
}

/* Keep the first failure: later appends change nothing. */
static pv_status poison(pv_buf *b, pv_status rc) {
  b->status = rc;
  return rc;
}

/* pv_buf_add, for the sticky appends too (a static function's result may
 * be dropped). */
static pv_status buf_add(pv_buf *b, const void *p, size_t n) {
  if (b->status != PV_OK)
    return b->status;
  if (n > b->max || b->len > b->max - n)
    return poison(b, PV_FAILED);
  if (b->len + n + 1 > b->alloc) {
    size_t want = b->alloc ? b->alloc : 256;
    while (want < b->len + n + 1)
      want *= 2;
    if (want > b->max + 1)
      want = b->max + 1;
    unsigned char *d = realloc(b->data, want);
    if (d == NULL)
      return poison(b, PV_FATAL);
    b->data = d;
    b->alloc = want;
  }
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return PV_OK;
}

pv_status pv_buf_add(pv_buf *b, const void *p, size_t n) {
  return buf_add(b, p, n);
}

pv_status pv_buf_puts(pv_buf *b, const char *s) {
  return buf_add(b, s, strlen(s));
}

static pv_status buf_vprintf(pv_buf *b, const char *fmt, va_list ap) {
  char small[256];
  va_list ap2;
  va_copy(ap2, ap);
  pv_status rc = b->status;
  char *big = NULL;
  if (rc != PV_OK)
    goto out;
  int n = vsnprintf(small, sizeof small, fmt, ap);
  if (n < 0) {
    rc = poison(b, PV_FAILED);
    goto out;
  }
  if ((size_t)n < sizeof small) {
    rc = buf_add(b, small, (size_t)n);
    goto out;
  }
  big = malloc((size_t)n + 1);
  if (big == NULL) {
    rc = poison(b, PV_FATAL);
    goto out;
  }
  vsnprintf(big, (size_t)n + 1, fmt, ap2);
  rc = buf_add(b, big, (size_t)n);
out:
  free(big);
  va_end(ap2);
  return rc;
}

pv_status pv_buf_printf(pv_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pv_status rc = buf_vprintf(b, fmt, ap);
  va_end(ap);
  return rc;
}

/* The sticky appends: the status stays in b (pv_buf_status). */
void pv_buf_cat(pv_buf *b, const void *p, size_t n) {
  buf_add(b, p, n);
}

void pv_buf_cats(pv_buf *b, const char *s) {
  buf_add(b, s, strlen(s));
}

void pv_buf_catf(pv_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

pv_status pv_buf_status(const pv_buf *b) {
  return b->status;
}

void pv_buf_free(pv_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = 0;
  b->alloc = 0;
  b->status = PV_OK;
}

unsigned char *pv_buf_take(pv_buf *b, size_t *len) {
  unsigned char *d = b->data;
  if (len)
    *len = b->len;
  b->data = NULL;
  b->len = 0;
  b->alloc = 0;
  b->status = PV_OK;
  return d;
}

/* Exact names and (ending in '*') prefixes never passed to a plugin. */
static const char *const env_forbidden[] = {"LD_*",
                                            "GCONV_PATH",
                                            "GETCONF_DIR",
                                            "GLIBC_TUNABLES",
                                            "HOSTALIASES",
                                            "LOCALDOMAIN",
                                            "LOCPATH",
                                            "MALLOC_TRACE",
                                            "MALLOC_*",
                                            "NIS_PATH",
                                            "NLSPATH",
                                            "RESOLV_HOST_CONF",
                                            "RES_OPTIONS",
                                            "TMPDIR",
                                            "TZDIR",
                                            "NODE_OPTIONS",
                                            "NODE_PATH",
                                            "NODE_REPL_EXTERNAL_MODULE",
                                            "NODE_ICU_DATA",
                                            "NODE_EXTRA_CA_CERTS",
                                            "NODE_V8_COVERAGE",
                                            "NODE_REDIRECT_WARNINGS",
                                            "NODE_COMPILE_CACHE",
                                            "NODE_PRESERVE_SYMLINKS",
                                            "UV_USE_IO_URING",
                                            "BASH_ENV",
                                            "BASH_FUNC_*",
                                            "SHELLOPTS",
                                            "PS4",
                                            "PYTHONPATH",
                                            "PYTHONSTARTUP",
                                            "PYTHONHOME",
                                            "PYTHONUSERBASE",
                                            "PERL5LIB",
                                            "PERL5OPT",
                                            "PERLLIB",
                                            "RUBYOPT",
                                            "RUBYLIB",
                                            NULL};

static int name_is(const char *pat, const char *name, size_t len) {
  size_t n = strlen(pat);
  if (n > 0 && pat[n - 1] == '*') {
    return len >= n - 1 && memcmp(pat, name, n - 1) == 0;
  }
  return len == n && memcmp(pat, name, n) == 0;
}

int pv_env_forbidden(const char *name, size_t len) {
  for (size_t i = 0; env_forbidden[i]; i++) {
    if (name_is(env_forbidden[i], name, len)) {
      return 1;
    }
  }
  return 0;
}

/* Whether the upper-cased name contains word. */
static int upper_has(const char *up, const char *word) {
  return strstr(up, word) != NULL;
}

int pv_env_secret(const char *name, size_t len) {
  static const char *const words[] = {"TOKEN",      "SECRET", "PASSWORD", "PASSWD",
                                      "CREDENTIAL", "APIKEY", NULL};
  char up[256];
  if (len >= sizeof up) {
    len = sizeof up - 1;
  }
  for (size_t i = 0; i < len; i++) {
    up[i] = (char)toupper((unsigned char)name[i]);
  }
  up[len] = '\0';
  for (size_t i = 0; words[i]; i++) {
    if (upper_has(up, words[i])) {
      return 1;
    }
  }
  int key = len >= 4 && memcmp(up + len - 4, "_KEY", 4) == 0;
  return key || strncmp(up, "AWS_", 4) == 0 || strcmp(up, "SSH_AUTH_SOCK") == 0;
}

uint64_t pv_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

pv_status pv_read_file(const char *path, size_t cap, unsigned char **data, size_t *n,
                       pv_error *err) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL)
    return pv_error_set(err, PV_FAILED, "%s: %s", path, strerror(errno));
  pv_buf b;
  pv_buf_init(&b, cap);
  char block[65536];
  size_t k;
  pv_status rc = PV_OK;
  while (rc == PV_OK && (k = fread(block, 1, sizeof block, fp)) > 0)
    rc = pv_buf_add(&b, block, k);
  int bad = ferror(fp);
  fclose(fp);
  if (rc == PV_OK && !bad)
    rc = pv_buf_add(&b, "", 1); /* the terminating NUL */
  if (rc != PV_OK || bad) {
    pv_buf_free(&b);
    if (bad)
      return pv_error_set(err, PV_FAILED, "%s: read error", path);
    return pv_error_set(err, rc, "%s: over %zu bytes", path, cap);
  }
  *data = pv_buf_take(&b, n);
  --*n;
  return PV_OK;
}
