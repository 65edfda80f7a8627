/* http.c — see http.h. */
#include "http.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* libcurl is opened at the first transfer, not linked: most runs (scans,
 * hooks) never fetch, and loading its dependency tree (about 40 shared
 * libraries: TLS, GSSAPI, LDAP, SSH...) cost every process some 15 ms of
 * start-up. The calls go through this table. */
static struct {
  CURLcode (*global_init)(long);
  CURL *(*easy_init)(void);
  CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
  CURLcode (*easy_perform)(CURL *);
  CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
  void (*easy_cleanup)(CURL *);
  const char *(*easy_strerror)(CURLcode);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
} cu;
static char cu_error[300]; /* why libcurl could not be used, or "" */

static pthread_once_t g_init = PTHREAD_ONCE_INIT;
static void global_init(void) {
  static const struct {
    const char *name;
    size_t off;
  } syms[] = {
#define SYM(field) {"curl_" #field, offsetof(__typeof__(cu), field)}
      SYM(global_init),   SYM(easy_init),    SYM(easy_setopt),
      SYM(easy_perform),  SYM(easy_getinfo), SYM(easy_cleanup),
      SYM(easy_strerror), SYM(slist_append), SYM(slist_free_all),
#undef SYM
  };
  void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  for (size_t i = 0; h != NULL && i < sizeof syms / sizeof *syms; i++) {
    void *f = dlsym(h, syms[i].name);
    if (f == NULL) {
      snprintf(cu_error, sizeof cu_error, "libcurl.so.4 has no %s", syms[i].name);
      return;
    }
    memcpy((char *)&cu + syms[i].off, &f, sizeof f);
  }
  if (h == NULL) {
    snprintf(cu_error, sizeof cu_error,
             "cannot load libcurl (Debian package libcurl4), which downloads need: %s", dlerror());
    return;
  }
  cu.global_init(CURL_GLOBAL_DEFAULT);
}

/* One transfer's state for the callbacks. */
typedef struct {
  pv_http_resp *out;
  size_t cap;
  uint64_t max;
  int too_big;
  const pv_http_req *rq;
} xfer;

static size_t on_body(char *p, size_t size, size_t n, void *ctx) {
  xfer *x = ctx;
  size_t len = size * n;
  if ((uint64_t)x->out->len + len > x->max) {
    x->too_big = 1;
    return 0; /* aborts the transfer */
  }
  if (x->out->len + len + 1 > x->cap) {
    size_t cap = x->cap ? x->cap : 64 * 1024;
    while (cap < x->out->len + len + 1)
      cap *= 2;
    unsigned char *b = realloc(x->out->body, cap);
    if (b == NULL)
      return 0;
    x->out->body = b;
    x->cap = cap;
  }
  memcpy(x->out->body + x->out->len, p, len);
  x->out->len += len;
  x->out->body[x->out->len] = '\0';
  return len;
}

/* Keep one header's value (trimmed) if line is "name: value". */
static void take_header(const char *line, size_t n, const char *name, char *dst, size_t cap) {
  size_t k = strlen(name);
  if (n <= k + 1 || strncasecmp(line, name, k) != 0 || line[k] != ':')
    return;
  const char *v = line + k + 1, *e = line + n;
  while (v < e && (*v == ' ' || *v == '\t'))
    v++;
  while (e > v && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' '))
    e--;
  if ((size_t)(e - v) < cap) {
    memcpy(dst, v, (size_t)(e - v));
    dst[e - v] = '\0';
  }
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx) {
  xfer *x = ctx;
  size_t len = size * n;
  if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) /* a new response (redirect): forget the last */
    x->out->etag[0] = x->out->last_modified[0] = '\0';
  take_header(p, len, "ETag", x->out->etag, sizeof x->out->etag);
  take_header(p, len, "Last-Modified", x->out->last_modified, sizeof x->out->last_modified);
  return len;
}

static int on_progress(void *ctx, curl_off_t total, curl_off_t now, curl_off_t ut, curl_off_t un) {
  (void)ut, (void)un;
  const xfer *x = ctx;
  x->rq->progress(x->rq->progress_ctx, (uint64_t)now, total > 0 ? (uint64_t)total : 0, 0);
  return 0;
}

static CURL *make_handle(const char *url, const pv_http_req *rq, xfer *x,
                         struct curl_slist **hdrs) {
  CURL *c = cu.easy_init();
  if (c == NULL)
    return NULL;
  char line[512];
  cu.easy_setopt(c, CURLOPT_URL, url);
  cu.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  cu.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  cu.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  cu.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  cu.easy_setopt(c, CURLOPT_USERAGENT, "plugvet/" PV_VERSION);
  cu.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* the cap counts decoded bytes */
  cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)rq->lim->http_connect_ms);
  cu.easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)rq->lim->http_total_ms);
  cu.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max);
  cu.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  cu.easy_setopt(c, CURLOPT_WRITEDATA, x);
  cu.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  cu.easy_setopt(c, CURLOPT_HEADERDATA, x);
  if (rq->progress) {
    cu.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    cu.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    cu.easy_setopt(c, CURLOPT_XFERINFODATA, x);
  }
  if (rq->etag && *rq->etag) {
    snprintf(line, sizeof line, "If-None-Match: %s", rq->etag);
    *hdrs = cu.slist_append(*hdrs, line);
  }
  if (rq->last_modified && *rq->last_modified) {
    snprintf(line, sizeof line, "If-Modified-Since: %s", rq->last_modified);
    *hdrs = cu.slist_append(*hdrs, line);
  }
  if (rq->post_json) {
    *hdrs = cu.slist_append(*hdrs, "Content-Type: application/json");
    cu.easy_setopt(c, CURLOPT_POSTFIELDS, rq->post_json);
  }
  cu.easy_setopt(c, CURLOPT_HTTPHEADER, *hdrs);
  return c;
}

/* Worth another attempt: the server or the network may do better later. */
static int transient(CURLcode rc, long status) {
  if (rc == CURLE_OK)
    return status >= 500 || status == 429;
  return rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR ||
         rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE ||
         rc == CURLE_COULDNT_RESOLVE_HOST;
}

static void sleep_ms(uint32_t ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* One attempt; the response is reset first. */
static CURLcode attempt(const char *url, const pv_http_req *rq, xfer *x, char *errbuf) {
  struct curl_slist *hdrs = NULL;
  pv_http_resp *out = x->out;
  free(out->body);
  out->body = NULL;
  out->len = 0;
  x->cap = 0;
  x->too_big = 0;
  out->status = 0;
  out->etag[0] = out->last_modified[0] = '\0';
  CURL *c = make_handle(url, rq, x, &hdrs);
  if (c == NULL)
    return CURLE_OUT_OF_MEMORY;
  errbuf[0] = '\0';
  cu.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = cu.easy_perform(c);
  cu.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
  if (rq->progress)
    rq->progress(rq->progress_ctx, out->len, out->len, 1);
  cu.easy_cleanup(c);
  cu.slist_free_all(hdrs);
  out->attempts++;
  return rc;
}

pv_status pv_http_fetch(const char *url, const pv_http_req *rq, pv_http_resp *out, pv_error *err) {
  pthread_once(&g_init, global_init);
  memset(out, 0, sizeof *out);
  if (cu_error[0] != '\0')
    return pv_error_set(err, PV_FAILED, "%s: %s", url, cu_error);
  xfer x = {.out = out, .max = rq->max_bytes ? rq->max_bytes : rq->lim->feed_bytes, .rq = rq};
  char errbuf[CURL_ERROR_SIZE];
  CURLcode rc = CURLE_OK;
  uint32_t delay = rq->lim->http_backoff_ms;
  for (uint32_t i = 0;; i++) {
    rc = attempt(url, rq, &x, errbuf);
    if (x.too_big || rc == CURLE_FILESIZE_EXCEEDED)
      return pv_error_set(err, PV_FAILED, "%s: larger than the %llu-byte limit", url,
                          (unsigned long long)x.max);
    if (!transient(rc, out->status) || i >= rq->lim->http_retries)
      break;
    sleep_ms(delay);
    delay *= 2;
  }
  if (rc == CURLE_PARTIAL_FILE)
    return pv_error_set(err, PV_FAILED,
                        "%s: truncated download (%zu bytes received) after %u attempts", url,
                        out->len, out->attempts);
  if (rc != CURLE_OK)
    return pv_error_set(err, PV_FAILED, "%s: %s after %u attempts", url,
                        errbuf[0] ? errbuf : cu.easy_strerror(rc), out->attempts);
  out->not_modified = out->status == 304;
  if ((out->status < 200 || out->status > 299) && !out->not_modified)
    return pv_error_set(err, PV_FAILED, "%s: HTTP status %ld%s", url, out->status,
                        out->attempts > 1 ? " after retries" : "");
  return PV_OK;
}

void pv_http_resp_free(pv_http_resp *r) {
  free(r->body);
  r->body = NULL;
  r->len = 0;
}
