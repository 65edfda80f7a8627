/* online.c — see online.h. */
#include "online.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "vulns.h"

enum {
  BATCH = 1000,    /* queries per querybatch request (the API's limit) */
  PAGES_MAX = 50,  /* next_page_token rounds per batch */
  IDS_MAX = 50000, /* advisory ids taken from the API per inventory */
  ID_MAX = 128,
};

typedef struct {
  const char *name, *version;
  char *token; /* next_page_token of the last answer, or NULL */
} query;

typedef struct {
  char id[ID_MAX];
  char modified[64];
} named;

typedef struct {
  named *v;
  size_t n, cap;
} idset;

static int add_id(idset *s, const char *id, const char *modified) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->v[i].id, id) == 0)
      return 0;
  if (s->n == IDS_MAX || strlen(id) >= ID_MAX)
    return 0;
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    named *v = realloc(s->v, cap * sizeof *v);
    if (v == NULL)
      return -1;
    s->v = v;
    s->cap = cap;
  }
  snprintf(s->v[s->n].id, ID_MAX, "%s", id);
  snprintf(s->v[s->n].modified, sizeof s->v[s->n].modified, "%s", modified ? modified : "");
  s->n++;
  return 0;
}

/* {"queries":[{"package":{"ecosystem":"npm","name":N},"version":V[,"page_token":T]}...]} */
static char *batch_body(query *const *q, size_t n) {
  json_t *qs = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_pack("{s:{s:s,s:s},s:s}", "package", "ecosystem", "npm", "name", q[i]->name,
                          "version", q[i]->version);
    if (o && q[i]->token)
      json_object_set_new(o, "page_token", json_string(q[i]->token));
    json_array_append_new(qs, o);
  }
  json_t *root = json_pack("{s:o}", "queries", qs);
  char *s = root ? json_dumps(root, JSON_COMPACT) : NULL;
  json_decref(root);
  return s;
}

/* The ids of one answer, and each query's next page token. */
static pv_status read_answer(const char *url, const pv_http_resp *r, query **q, size_t n,
                             idset *ids, pv_error *err) {
  json_error_t je;
  json_t *root = json_loadb((const char *)r->body, r->len, 0, &je), *res, *v;
  json_t *results = json_object_get(root, "results");
  pv_status st = PV_OK;
  if (!json_is_array(results) || json_array_size(results) != n)
    st = pv_error_set(err, PV_FAILED, "%s: not a querybatch answer for %zu queries", url, n);
  for (size_t i = 0; st == PV_OK && i < n; i++) {
    size_t k;
    res = json_array_get(results, i);
    json_array_foreach(json_object_get(res, "vulns"), k, v) {
      const char *id = json_string_value(json_object_get(v, "id"));
      if (id && add_id(ids, id, json_string_value(json_object_get(v, "modified"))) != 0)
        st = pv_error_set(err, PV_FATAL, "out of memory");
    }
    free(q[i]->token);
    const char *tok = json_string_value(json_object_get(res, "next_page_token"));
    q[i]->token = tok && *tok ? strdup(tok) : NULL;
  }
  json_decref(root);
  return st;
}

/* Every page of the answers for queries q[0..n). */
static pv_status ask(const char *base, query *q, size_t n, const pv_limits *lim, idset *ids,
                     pv_error *err) {
  char url[1024];
  snprintf(url, sizeof url, "%s/v1/querybatch", base);
  query **cur = malloc((n + 1) * sizeof *cur);
  pv_status st = cur ? PV_OK : pv_error_set(err, PV_FATAL, "out of memory");
  size_t m = n;
  for (size_t i = 0; cur && i < n; i++)
    cur[i] = &q[i];
  for (int page = 0; st == PV_OK && m > 0 && page < PAGES_MAX; page++) {
    char *body = batch_body(cur, m);
    pv_http_req rq = {.post_json = body, .lim = lim, .max_bytes = 64 * PV_MiB};
    pv_http_resp r;
    st = body ? pv_http_fetch(url, &rq, &r, err) : pv_error_set(err, PV_FATAL, "out of memory");
    if (st == PV_OK)
      st = read_answer(url, &r, cur, m, ids, err);
    pv_http_resp_free(&r);
    free(body);
    size_t k = 0; /* the queries with another page */
    for (size_t i = 0; i < m; i++)
      if (cur[i]->token)
        cur[k++] = cur[i];
    m = k;
  }
  free(cur);
  return st;
}

/* Put the downloaded records in one transaction (a bad one is skipped). */
static pv_status store_all(pv_store *db, pv_http_resp *got, size_t n, pv_online_stats *st,
                           pv_error *err) {
  if (pv_store_begin(db, err) != PV_OK)
    return PV_FATAL;
  for (size_t i = 0; i < n; i++) {
    pv_error e;
    pv_status rc = pv_store_put(db, (const char *)got[i].body, got[i].len, "OSV API record", &e);
    if (rc == PV_FATAL) {
      pv_store_rollback(db);
      return pv_error_set(err, PV_FATAL, "%s", e.msg);
    }
    st->fetched += rc == PV_OK;
  }
  return pv_store_commit(db, err);
}

/* Download the advisories the store lacks (or holds older) and store them;
 * after a download error, what was downloaded before it is still stored. */
static pv_status fetch_missing(pv_store *db, const char *base, const idset *ids,
                               const pv_limits *lim, pv_online_stats *st, pv_error *err) {
  pv_http_resp *got = calloc(ids->n + 1, sizeof *got);
  if (got == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  size_t n = 0;
  pv_status fetch = PV_OK;
  for (size_t i = 0; fetch == PV_OK && i < ids->n; i++) {
    char have[64], url[1024];
    int stored = 0;
    if (!pv_osv_id_safe(ids->v[i].id, strlen(ids->v[i].id)))
      continue;
    fetch = pv_store_modified(db, ids->v[i].id, have, sizeof have, &stored, err);
    if (fetch != PV_OK)
      break;
    if (stored && ids->v[i].modified[0] && pv_osv_time_cmp(have, ids->v[i].modified) >= 0)
      continue;
    snprintf(url, sizeof url, "%s/v1/vulns/%s", base, ids->v[i].id);
    pv_http_req rq = {.lim = lim, .max_bytes = lim->feed_entry_bytes};
    if ((fetch = pv_http_fetch(url, &rq, &got[n], err)) == PV_OK)
      n++;
    else
      pv_http_resp_free(&got[n]);
  }
  pv_error e = {0};
  pv_status rc = n ? store_all(db, got, n, st, &e) : PV_OK;
  for (size_t i = 0; i < n; i++)
    pv_http_resp_free(&got[i]);
  free(got);
  if (rc != PV_OK)
    return pv_error_set(err, rc, "%s", e.msg);
  return fetch;
}

pv_status pv_online_refresh(pv_store *db, const pv_inventory *inv, const char *base,
                            int include_dev, const pv_limits *lim, pv_online_stats *st,
                            pv_error *err) {
  memset(st, 0, sizeof *st);
  pv_error_clear(err);
  query *q = calloc(inv->components.len + 1, sizeof *q);
  idset ids = {0};
  if (q == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  size_t nq = 0;
  for (size_t i = 0; i < inv->components.len; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    if (pv_vulns_wanted(c, include_dev)) {
      q[nq].name = c->name;
      q[nq++].version = c->version;
    }
  }
  st->queried = nq;
  pv_status rc = PV_OK;
  for (size_t off = 0; rc == PV_OK && off < nq; off += BATCH)
    rc = ask(base, q + off, nq - off < BATCH ? nq - off : BATCH, lim, &ids, err);
  st->known = ids.n;
  if (rc == PV_OK)
    rc = fetch_missing(db, base, &ids, lim, st, err);
  for (size_t i = 0; i < nq; i++)
    free(q[i].token);
  free(q);
  free(ids.v);
  return rc;
}
