/* http.h — the one HTTP client of plugvet (libcurl): GET or POST into
 * memory under a size cap, connect and total timeouts, retries with
 * exponential backoff on 5xx, 429 and transport errors (never on other 4xx
 * or a refused size), conditional requests (If-None-Match,
 * If-Modified-Since; 304 is "not modified"), truncation detected, only
 * http:// and https:// (redirects too), and progress reported to a
 * callback (the tool draws it; the library never prints).
 *
 * Ownership: pv_http_fetch fills a caller-owned pv_http_resp whose body the
 * caller frees with pv_http_resp_free (also after an error). */
#ifndef PV_HTTP_H
#define PV_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "../scanner/base.h"
#include "../scanner/limits.h"

/* Progress of a transfer: bytes so far and the total (0 when unknown);
 * called with done set once when the transfer ends. */
typedef void (*pv_http_progress_fn)(void *ctx, uint64_t now, uint64_t total, int done);

typedef struct {
  const char *etag;             /* If-None-Match, or NULL */
  const char *last_modified;    /* If-Modified-Since, or NULL */
  const char *post_json;        /* POST this body as application/json, or NULL: GET */
  uint64_t max_bytes;           /* body cap (0: lim->feed_bytes) */
  const pv_limits *lim;         /* timeouts, retries, backoff */
  pv_http_progress_fn progress; /* or NULL */
  void *progress_ctx;
} pv_http_req;

typedef struct {
  long status;         /* the last HTTP status (0: no response) */
  int not_modified;    /* 304 */
  unsigned char *body; /* malloc'd, NUL-terminated; NULL when empty */
  size_t len;
  char etag[256]; /* response ETag / Last-Modified, "" when absent */
  char last_modified[128];
  unsigned attempts; /* requests made (retries included) */
} pv_http_resp;

/* Fetch url. PV_OK for a 2xx or 304 response; PV_FAILED with a message
 * naming the URL and the reason (status, curl error, truncation, size)
 * otherwise. */
pv_status pv_http_fetch(const char *url, const pv_http_req *rq, pv_http_resp *out, pv_error *err);
/* Free the body. */
void pv_http_resp_free(pv_http_resp *r);

#endif
