/* baseline.c — see baseline.h. Keys are "rule-id\tfingerprint", sorted for
 * binary search. */
#include "baseline.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct pv_baseline {
  char **keys;
  size_t len, cap;
};

static int add_key(pv_baseline *b, const char *rule, const char *fp) {
  if (rule == NULL || fp == NULL)
    return 0; /* not one of ours: nothing to match */
  if (b->len == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    char **k = realloc(b->keys, cap * sizeof *k);
    if (k == NULL)
      return -1;
    b->keys = k;
    b->cap = cap;
  }
  size_t n = strlen(rule) + strlen(fp) + 2;
  if ((b->keys[b->len] = malloc(n)) == NULL)
    return -1;
  snprintf(b->keys[b->len++], n, "%s\t%s", rule, fp);
  return 0;
}

static int from_sarif(pv_baseline *b, json_t *doc) {
  size_t i, k;
  json_t *run, *res;
  json_array_foreach(json_object_get(doc, "runs"), i, run) {
    json_array_foreach(json_object_get(run, "results"), k, res) {
      json_t *fps = json_object_get(res, "partialFingerprints");
      if (add_key(b, json_string_value(json_object_get(res, "ruleId")),
                  json_string_value(json_object_get(fps, "plugvet/v1"))) != 0)
        return -1;
    }
  }
  return 0;
}

static int from_jsonl_line(pv_baseline *b, json_t *line) {
  size_t i;
  json_t *f;
  json_array_foreach(json_object_get(line, "findings"), i, f) {
    if (add_key(b, json_string_value(json_object_get(f, "rule_id")),
                json_string_value(json_object_get(f, "fingerprint"))) != 0)
      return -1;
  }
  return 0;
}

static int cmp_key(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Parse text as one SARIF document, else as JSON lines. */
static pv_status parse(pv_baseline *b, const char *path, const char *text, size_t n,
                       pv_error *err) {
  json_error_t je;
  json_t *doc = json_loadb(text, n, 0, &je);
  if (doc != NULL && json_is_array(json_object_get(doc, "runs"))) {
    int rc = from_sarif(b, doc);
    json_decref(doc);
    return rc ? pv_error_set(err, PV_FATAL, "out of memory") : PV_OK;
  }
  if (doc != NULL && json_object_get(doc, "findings") == NULL) {
    json_decref(doc);
    return pv_error_set(err, PV_FAILED, "%s: neither SARIF nor plugvet JSON lines", path);
  }
  json_decref(doc);
  size_t line = 0;
  for (const char *p = text, *end = text + n; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (len > 0) {
      json_t *o = json_loadb(p, len, 0, &je);
      if (o == NULL || json_object_get(o, "findings") == NULL) {
        json_decref(o);
        return pv_error_set(err, PV_FAILED, "%s:%zu: not SARIF, and not a plugvet JSON line: %s",
                            path, line + 1, o ? "no \"findings\"" : je.text);
      }
      int rc = from_jsonl_line(b, o);
      json_decref(o);
      if (rc)
        return pv_error_set(err, PV_FATAL, "out of memory");
    }
    p += len + 1;
  }
  return PV_OK;
}

pv_status pv_baseline_load(const char *path, uint64_t max_bytes, pv_baseline **out, pv_error *err) {
  *out = NULL;
  size_t n = 0;
  unsigned char *text = NULL;
  pv_status rc = pv_read_file(path, max_bytes, &text, &n, err);
  if (rc != PV_OK)
    return rc;
  pv_baseline *b = calloc(1, sizeof *b);
  rc =
      b ? parse(b, path, (const char *)text, n, err) : pv_error_set(err, PV_FATAL, "out of memory");
  free(text);
  if (rc != PV_OK) {
    pv_baseline_free(b);
    return rc;
  }
  if (b->len)
    qsort(b->keys, b->len, sizeof *b->keys, cmp_key);
  *out = b;
  return PV_OK;
}

static int has_key(const pv_baseline *b, const char *rule, const char *fp) {
  char key[512];
  if ((size_t)snprintf(key, sizeof key, "%s\t%s", rule, fp) >= sizeof key)
    return 0;
  const char *k = key;
  return b->len && bsearch(&k, b->keys, b->len, sizeof *b->keys, cmp_key) != NULL;
}

/* SARIF names a dependency finding by its group rule, JSON lines by its
 * rule: either matches (the fingerprint hashes the group either way). */
static int known(const pv_baseline *b, const pv_finding *f) {
  return has_key(b, f->rule->id, f->fingerprint) ||
         (f->group_rule && has_key(b, f->group_rule->id, f->fingerprint));
}

size_t pv_baseline_filter(const pv_baseline *b, pv_result *r) {
  size_t kept = 0, n = r->findings.len;
  for (size_t i = 0; i < n; i++) {
    pv_finding *f = pv_result_finding(r, i);
    if (!known(b, f))
      *pv_result_finding(r, kept++) = *f;
  }
  r->findings.len = kept;
  return n - kept;
}

size_t pv_baseline_size(const pv_baseline *b) {
  return b->len;
}

void pv_baseline_free(pv_baseline *b) {
  if (b == NULL)
    return;
  for (size_t i = 0; i < b->len; i++)
    free(b->keys[i]);
  free(b->keys);
  free(b);
}
