/* osv.c — OSV entries: parse (jansson), evaluate, group. */
#include "osv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvss.h"

typedef struct {
  pv_arena *a;
  const char *id; /* for messages */
  pv_error *err;
  int warned; /* a range was left out: parse returns PV_WARN */
} ctx;

/* "1" or "1.2" (GitHub writes these in npm ranges) padded to "1.2.0". */
static int coerce(const char *s, pv_semver *v) {
  char buf[64];
  pv_error e;
  size_t n = strlen(s), dots = 0;
  if (!n || n > 40 || strspn(s, "0123456789.") != n)
    return 0;
  for (size_t i = 0; i < n; i++)
    dots += s[i] == '.';
  if (dots > 1)
    return 0;
  snprintf(buf, sizeof buf, "%s%s", s, dots ? ".0" : ".0.0");
  return pv_semver_parse(buf, v, &e) == PV_OK;
}

int pv_osv_version_read(const char *s, pv_semver *v) {
  pv_error e;
  return pv_semver_parse(s, v, &e) == PV_OK || coerce(s, v);
}

static pv_status fail(ctx *c, const char *field, const char *why) {
  return pv_error_set(c->err, PV_FAILED, "OSV %s: %s: %s", c->id, field, why);
}

static pv_status oom(ctx *c) {
  return pv_error_set(c->err, PV_FATAL, "OSV %s: out of memory", c->id);
}

/* Optional string field; PV_FAILED when present with another type. */
static pv_status get_str(ctx *c, const json_t *o, const char *key, const char **out) {
  const json_t *v = json_object_get(o, key);
  *out = NULL;
  if (!v || json_is_null(v))
    return PV_OK;
  if (!json_is_string(v))
    return fail(c, key, "not a string");
  *out = pv_arena_strndup(c->a, json_string_value(v), json_string_length(v));
  return *out ? PV_OK : oom(c);
}

/* Optional array of strings, NULL-terminated (empty list when absent). */
static pv_status get_strs(ctx *c, const json_t *o, const char *key, const char *const **out) {
  const json_t *v = json_object_get(o, key);
  size_t n = json_is_array(v) ? json_array_size(v) : 0, i;
  if (v && !json_is_null(v) && !json_is_array(v))
    return fail(c, key, "not an array");
  if (n > PV_OSV_MAX_ITEMS)
    return fail(c, key, "too many items");
  const char **s = pv_arena_alloc(c->a, (n + 1) * sizeof *s);
  if (!s)
    return oom(c);
  for (i = 0; i < n; i++) {
    const json_t *e = json_array_get(v, i);
    if (!json_is_string(e))
      return fail(c, key, "item is not a string");
    if (!(s[i] = pv_arena_strdup(c->a, json_string_value(e))))
      return oom(c);
  }
  *out = s;
  return PV_OK;
}

static const json_t *get_arr(ctx *c, const json_t *o, const char *key, size_t *n, pv_status *rc) {
  const json_t *v = json_object_get(o, key);
  *n = 0;
  *rc = PV_OK;
  if (!v || json_is_null(v))
    return NULL;
  if (!json_is_array(v)) {
    *rc = fail(c, key, "not an array");
    return NULL;
  }
  if ((*n = json_array_size(v)) > PV_OSV_MAX_ITEMS) {
    *rc = fail(c, key, "too many items");
    return NULL;
  }
  return v;
}

static const char *const event_keys[] = {"introduced", "fixed", "last_affected", "limit"};

static int event_le(const pv_osv_event *x, const pv_osv_event *y) {
  if (!x->v)
    return 1; /* introduced "0" sorts first */
  if (!y->v)
    return 0;
  return pv_semver_cmp(x->v, y->v) <= 0;
}

/* Stable insertion sort (event lists are short and capped). */
static void sort_events(pv_osv_event *e, size_t n) {
  for (size_t i = 1; i < n; i++) {
    pv_osv_event t = e[i];
    size_t j = i;
    while (j > 0 && !event_le(&e[j - 1], &t)) {
      e[j] = e[j - 1];
      j--;
    }
    e[j] = t;
  }
}

/* An event version that is not SemVer: the event stays, marked unreadable
 * (read open-ended on its side), and the parse will return PV_WARN with the
 * first such version named. */
static pv_status unreadable(ctx *c, pv_osv_event *ev) {
  ev->v = NULL;
  ev->unreadable = 1;
  if (!c->warned) {
    pv_error_set(c->err, PV_WARN, "OSV %s: events: %s \"%.80s\" is not a valid version", c->id,
                 event_keys[ev->kind], ev->version);
  }
  c->warned = 1;
  return PV_WARN;
}

static pv_status parse_event(ctx *c, const json_t *j, int evaluable, pv_osv_event *ev) {
  const char *key;
  json_t *val;
  int found = 0;
  if (!json_is_object(j) || json_object_size(j) != 1)
    return fail(c, "events", "an event needs exactly one key");
  json_object_foreach((json_t *)j, key, val) {
    for (int k = 0; k < 4; k++)
      if (!strcmp(key, event_keys[k])) {
        ev->kind = (pv_osv_event_kind)k;
        found = 1;
      }
    if (!found || !json_is_string(val))
      return fail(c, "events", "unknown event or non-string version");
    ev->version = pv_arena_strdup(c->a, json_string_value(val));
  }
  if (!ev->version)
    return oom(c);
  if (!evaluable || (ev->kind == PV_OSV_INTRODUCED && !strcmp(ev->version, "0")))
    return PV_OK;
  if (ev->kind == PV_OSV_LIMIT && strcmp(ev->version, "*") == 0) {
    return PV_OK; /* no limit */
  }
  pv_semver *v = pv_arena_alloc(c->a, sizeof *v);
  if (!v)
    return oom(c);
  if (!pv_osv_version_read(ev->version, v)) {
    return unreadable(c, ev);
  }
  ev->v = v;
  return PV_OK;
}

static pv_status parse_range(ctx *c, const json_t *j, const char *eco, pv_osv_range *r) {
  const char *type = json_string_value(json_object_get(j, "type"));
  pv_status rc;
  size_t n;
  if (!type)
    return fail(c, "ranges", "type missing");
  if (!strcmp(type, "SEMVER"))
    r->type = PV_OSV_SEMVER;
  else if (!strcmp(type, "ECOSYSTEM"))
    r->type = PV_OSV_ECOSYSTEM;
  else if (!strcmp(type, "GIT"))
    r->type = PV_OSV_GIT;
  else
    return fail(c, "ranges", "type is not SEMVER, ECOSYSTEM or GIT");
  r->evaluable =
      r->type == PV_OSV_SEMVER || (r->type == PV_OSV_ECOSYSTEM && eco && !strcmp(eco, "npm"));
  const json_t *ev = get_arr(c, j, "events", &n, &rc);
  if (rc)
    return rc;
  if (!n)
    return fail(c, "ranges", "events missing or empty");
  pv_osv_event *e = pv_arena_alloc(c->a, n * sizeof *e);
  if (!e)
    return oom(c);
  for (size_t i = 0; i < n; i++) {
    rc = parse_event(c, json_array_get(ev, i), r->evaluable, &e[i]);
    if (rc == PV_WARN) {
      r->invalid = 1; /* kept and evaluated open-ended: never a dropped range */
      rc = PV_OK;
    }
    if (rc != PV_OK) {
      return rc;
    }
  }
  if (r->evaluable)
    sort_events(e, n);
  r->events = e;
  r->n_events = n;
  return PV_OK;
}

static pv_status parse_affected(ctx *c, const json_t *j, pv_osv_affected *af) {
  pv_status rc;
  size_t n;
  const json_t *pkg = json_object_get(j, "package");
  if (!json_is_object(j))
    return fail(c, "affected", "not an object");
  if (pkg && !json_is_object(pkg))
    return fail(c, "affected.package", "not an object");
  if (pkg && ((rc = get_str(c, pkg, "ecosystem", &af->ecosystem)) ||
              (rc = get_str(c, pkg, "name", &af->name))))
    return rc;
  if ((rc = get_strs(c, j, "versions", &af->versions)))
    return rc;
  const json_t *rs = get_arr(c, j, "ranges", &n, &rc);
  if (rc)
    return rc;
  pv_osv_range *r = pv_arena_alloc(c->a, (n ? n : 1) * sizeof *r);
  if (!r)
    return oom(c);
  for (size_t i = 0; i < n; i++)
    if ((rc = parse_range(c, json_array_get(rs, i), af->ecosystem, &r[i])))
      return rc;
  af->ranges = r;
  af->n_ranges = n;
  return PV_OK;
}

static pv_status parse_severity(ctx *c, const json_t *j, pv_osv *o) {
  pv_status rc;
  size_t n;
  const json_t *s = get_arr(c, j, "severity", &n, &rc);
  if (rc)
    return rc;
  pv_osv_severity *sv = pv_arena_alloc(c->a, (n ? n : 1) * sizeof *sv);
  if (!sv)
    return oom(c);
  for (size_t i = 0; i < n; i++) {
    const json_t *e = json_array_get(s, i);
    if (!json_is_object(e))
      return fail(c, "severity", "not an object");
    if ((rc = get_str(c, e, "type", &sv[i].type)) || (rc = get_str(c, e, "score", &sv[i].score)))
      return rc;
    if (!sv[i].type || !sv[i].score)
      return fail(c, "severity", "type and score are required");
  }
  o->severity = sv;
  o->n_severity = n;
  return PV_OK;
}

static pv_status parse_dbspec(ctx *c, const json_t *j, pv_osv *o) {
  const json_t *d = json_object_get(j, "database_specific");
  pv_status rc;
  if (!json_is_object(d))
    d = NULL;
  if (d && (rc = get_str(c, d, "severity", &o->db_severity)))
    return rc;
  return get_strs(c, d, "cwe_ids", &o->cwe_ids);
}

static pv_status parse_body(ctx *c, const json_t *j, pv_osv *o) {
  pv_status rc;
  size_t n;
  if ((rc = get_str(c, j, "modified", &o->modified)) ||
      (rc = get_str(c, j, "published", &o->published)) ||
      (rc = get_str(c, j, "withdrawn", &o->withdrawn)) ||
      (rc = get_str(c, j, "summary", &o->summary)) ||
      (rc = get_str(c, j, "details", &o->details)) ||
      (rc = get_strs(c, j, "aliases", &o->aliases)) ||
      (rc = get_strs(c, j, "related", &o->related)))
    return rc;
  if (!o->modified)
    return fail(c, "modified", "required field missing");
  if ((rc = parse_severity(c, j, o)) || (rc = parse_dbspec(c, j, o)))
    return rc;
  const json_t *af = get_arr(c, j, "affected", &n, &rc);
  if (rc)
    return rc;
  pv_osv_affected *a = pv_arena_alloc(c->a, (n ? n : 1) * sizeof *a);
  if (!a)
    return oom(c);
  for (size_t i = 0; i < n; i++)
    if ((rc = parse_affected(c, json_array_get(af, i), &a[i])))
      return rc;
  o->affected = a;
  o->n_affected = n;
  return PV_OK;
}

pv_status pv_osv_parse(pv_arena *a, const json_t *j, const char *name, pv_osv **out,
                       pv_error *err) {
  ctx c = {.a = a, .id = name ? name : "entry", .err = err};
  *out = NULL;
  if (!json_is_object(j))
    return fail(&c, "entry", "not a JSON object");
  const json_t *id = json_object_get(j, "id");
  if (!json_is_string(id) || !json_string_length(id))
    return fail(&c, "id", "required field missing");
  pv_osv *o = pv_arena_alloc(a, sizeof *o);
  if (!o || !(o->id = pv_arena_strdup(a, json_string_value(id))))
    return oom(&c);
  c.id = o->id;
  pv_status rc = parse_body(&c, j, o);
  if (rc == PV_OK)
    *out = o;
  return rc == PV_OK && c.warned ? PV_WARN : rc;
}

pv_status pv_osv_parse_text(pv_arena *a, const char *text, size_t len, const char *name,
                            pv_osv **out, pv_error *err) {
  json_error_t je;
  json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  *out = NULL;
  if (!j)
    return pv_error_set(err, PV_FAILED, "OSV %s: invalid JSON at line %d: %s",
                        name ? name : "entry", je.line, je.text);
  pv_status rc = pv_osv_parse(a, j, name, out, err);
  json_decref(j);
  return rc;
}

/* ---- evaluation ---- */

const char *pv_osv_trim(const char *s, size_t *n) {
  while (isspace((unsigned char)*s))
    s++;
  *n = strlen(s);
  while (*n && isspace((unsigned char)s[*n - 1]))
    (*n)--;
  return s;
}

int pv_osv_same(const char *a, const char *b) {
  if (!a || !b)
    return 0;
  size_t an, bn;
  a = pv_osv_trim(a, &an);
  b = pv_osv_trim(b, &bn);
  return an == bn && !memcmp(a, b, an);
}

/* Whether v is inside range r. Events without a version bound no side: an
 * introduced "0" or unreadable introduced counts from the start; limit "*"
 * and an unreadable fixed, last_affected or limit end nothing. */
static int in_range(const pv_osv_range *r, const pv_semver *v) {
  int affected = 0;
  for (size_t i = 0; i < r->n_events; i++) {
    const pv_osv_event *e = &r->events[i];
    if (e->v == NULL && e->kind != PV_OSV_INTRODUCED) {
      continue;
    }
    int c = e->v ? pv_semver_cmp(v, e->v) : 1;
    if (e->kind == PV_OSV_INTRODUCED && c >= 0)
      affected = 1;
    else if (e->kind == PV_OSV_FIXED && c >= 0)
      affected = 0;
    else if (e->kind == PV_OSV_LAST_AFFECTED && c > 0)
      affected = 0;
    else if (e->kind == PV_OSV_LIMIT && c >= 0)
      return 0;
  }
  return affected;
}

static int affected_entry(const pv_osv_affected *af, const char *version, const pv_semver *v) {
  for (const char *const *s = af->versions; s && *s; s++)
    if (pv_osv_same(*s, version))
      return 1;
  for (size_t i = 0; i < af->n_ranges; i++)
    if (af->ranges[i].evaluable && in_range(&af->ranges[i], v))
      return 1;
  return 0;
}

static int pkg_is(const pv_osv_affected *af, const char *eco, const char *name) {
  return pv_osv_same(af->ecosystem, eco) && pv_osv_same(af->name, name);
}

int pv_osv_affects(const pv_osv *o, const char *ecosystem, const char *name, const char *version) {
  pv_semver v;
  pv_error e;
  if (pv_semver_parse(version, &v, &e) != PV_OK)
    return -1;
  for (size_t i = 0; i < o->n_affected; i++)
    if (pkg_is(&o->affected[i], ecosystem, name) && affected_entry(&o->affected[i], version, &v))
      return 1;
  return 0;
}

const char *pv_osv_fixed_above(const pv_osv *o, const char *ecosystem, const char *name,
                               const char *version) {
  pv_semver v;
  pv_error e;
  const pv_osv_event *best = NULL;
  if (pv_semver_parse(version, &v, &e) != PV_OK)
    return NULL;
  for (size_t i = 0; i < o->n_affected; i++) {
    if (!pkg_is(&o->affected[i], ecosystem, name))
      continue;
    for (size_t r = 0; r < o->affected[i].n_ranges; r++) {
      const pv_osv_range *rg = &o->affected[i].ranges[r];
      for (size_t k = 0; rg->evaluable && k < rg->n_events; k++) {
        const pv_osv_event *ev = &rg->events[k];
        if (ev->kind == PV_OSV_FIXED && ev->v != NULL && pv_semver_cmp(ev->v, &v) > 0 &&
            (!best || pv_semver_cmp(ev->v, best->v) < 0))
          best = ev;
      }
    }
  }
  return best ? best->version : NULL;
}

/* ---- the lowest fix of several advisories ---- */

static int cmp_semver_p(const void *x, const void *y) {
  return pv_semver_cmp(*(const pv_semver *const *)x, *(const pv_semver *const *)y);
}

/* The fixed events of o above v for the package, appended to cand. */
static void fixed_events(const pv_osv *o, const char *eco, const char *name, const pv_semver *v,
                         const pv_semver **cand, size_t *nc) {
  for (size_t i = 0; i < o->n_affected; i++) {
    if (!pkg_is(&o->affected[i], eco, name))
      continue;
    for (size_t r = 0; r < o->affected[i].n_ranges; r++) {
      const pv_osv_range *rg = &o->affected[i].ranges[r];
      for (size_t k = 0; rg->evaluable && k < rg->n_events && *nc < PV_OSV_MAX_ITEMS; k++) {
        const pv_osv_event *ev = &rg->events[k];
        if (ev->kind == PV_OSV_FIXED && ev->v != NULL && pv_semver_cmp(ev->v, v) > 0 &&
            (v->pre[0] != '\0' || ev->v->pre[0] == '\0')) {
          cand[*nc] = ev->v;
          (*nc)++;
        }
      }
    }
  }
}

static int affects_none(const pv_osv *const *advs, size_t n, const char *eco, const char *name,
                        const char *version) {
  for (size_t i = 0; i < n; i++)
    if (pv_osv_affects(advs[i], eco, name, version) != 0)
      return 0;
  return 1;
}

const char *pv_osv_lowest_fix(const pv_osv *const *advs, size_t n, const char *ecosystem,
                              const char *name, const char *version, char *buf, size_t size) {
  pv_semver v;
  pv_error e;
  const pv_semver **cand = malloc(PV_OSV_MAX_ITEMS * sizeof *cand);
  size_t nc = 0;
  const char *found = NULL;
  if (cand == NULL || pv_semver_parse(version, &v, &e) != PV_OK) {
    free(cand);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    fixed_events(advs[i], ecosystem, name, &v, cand, &nc);
  qsort(cand, nc, sizeof *cand, cmp_semver_p);
  for (size_t i = 0; i < nc && found == NULL; i++) {
    const pv_semver *c = cand[i];
    if (i > 0 && pv_semver_cmp(c, cand[i - 1]) == 0)
      continue;
    snprintf(buf, size, "%llu.%llu.%llu%s%s", (unsigned long long)c->major,
             (unsigned long long)c->minor, (unsigned long long)c->patch, c->pre[0] ? "-" : "",
             c->pre);
    if (affects_none(advs, n, ecosystem, name, buf))
      found = buf;
  }
  free(cand);
  return found;
}

/* ---- grouping ---- */

static int shares_id(const pv_osv *x, const pv_osv *y) {
  if (!strcmp(x->id, y->id))
    return 1;
  for (const char *const *a = x->aliases; a && *a; a++) {
    if (!strcmp(*a, y->id))
      return 1;
    for (const char *const *b = y->aliases; b && *b; b++)
      if (!strcmp(*a, *b))
        return 1;
  }
  for (const char *const *b = y->aliases; b && *b; b++)
    if (!strcmp(*b, x->id))
      return 1;
  return 0;
}

static size_t find_root(size_t *p, size_t i) {
  while (p[i] != i)
    i = p[i] = p[p[i]];
  return i;
}

/* Join the sets of i and j; the smaller index stays the root, so every
 * set's root is its first member. */
static void join(size_t *parent, size_t i, size_t j) {
  size_t ri = find_root(parent, i);
  size_t rj = find_root(parent, j);
  if (ri < rj) {
    parent[rj] = ri;
  } else if (rj < ri) {
    parent[ri] = rj;
  }
}

/* Turn the parent links into group numbers 0, 1, ... in order of each
 * group's first member. A root is its set's smallest index, so when i is
 * reached its root's number is already known. */
static size_t number_groups(size_t *group_of, size_t n) {
  size_t groups = 0;
  for (size_t i = 0; i < n; i++) {
    group_of[i] = find_root(group_of, i);
  }
  for (size_t i = 0; i < n; i++) {
    if (group_of[i] == i) {
      group_of[i] = groups;
      groups++;
    } else {
      group_of[i] = group_of[group_of[i]];
    }
  }
  return groups;
}

size_t pv_osv_group(const pv_osv *const *advs, size_t n, size_t *group_of) {
  for (size_t i = 0; i < n; i++) {
    group_of[i] = i;
  }
  for (size_t i = 0; i < n; i++) {
    for (size_t j = i + 1; j < n; j++) {
      if (shares_id(advs[i], advs[j])) {
        join(group_of, i, j);
      }
    }
  }
  return number_groups(group_of, n);
}

static int id_rank(const char *id) {
  if (!strncmp(id, "CVE-", 4))
    return 0;
  if (!strncmp(id, "MAL-", 4))
    return 1;
  if (!strncmp(id, "GHSA-", 5))
    return 3;
  return 2;
}

/* Add s to the set ids[*n] unless present (cap: max). */
static void add_id(const char **ids, size_t *n, size_t max, const char *s) {
  for (size_t i = 0; i < *n; i++)
    if (!strcmp(ids[i], s))
      return;
  if (*n < max)
    ids[(*n)++] = s;
}

static size_t collect_ids(const pv_osv *const *g, size_t n, const char **ids, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    add_id(ids, &k, max, g[i]->id);
    for (const char *const *a = g[i]->aliases; a && *a; a++)
      add_id(ids, &k, max, *a);
  }
  return k;
}

static size_t best_id(const char **ids, size_t k) {
  size_t b = 0;
  for (size_t i = 1; i < k; i++) {
    int ri = id_rank(ids[i]), rb = id_rank(ids[b]);
    if (ri < rb || (ri == rb && strcmp(ids[i], ids[b]) < 0))
      b = i;
  }
  return b;
}

static void fill_cvss(pv_advisory *adv, const pv_osv *o) {
  for (size_t i = 0; i < o->n_severity; i++) {
    const pv_osv_severity *s = &o->severity[i];
    double sc = pv_cvss3_base_score(s->score);
    if (sc >= 0 && sc > adv->cvss_score) {
      adv->cvss_score = sc;
      adv->cvss_vector = s->score;
      adv->cvss_method = !strncmp(s->score, "CVSS:3.0/", 9) ? "CVSSv3" : "CVSSv31";
    } else if (sc < 0 && !adv->cvss_vector && !strcmp(s->type, "CVSS_V4")) {
      adv->cvss_vector = s->score;
      adv->cvss_method = "CVSSv4";
    }
  }
}

static const char *const *collect_cwes(pv_arena *a, const pv_osv *const *g, size_t n) {
  const char *tmp[64];
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    for (const char *const *c = g[i]->cwe_ids; c && *c; c++)
      add_id(tmp, &k, 64, *c);
  const char **out = pv_arena_alloc(a, (k + 1) * sizeof *out);
  if (out)
    memcpy(out, tmp, k * sizeof *out);
  return out;
}

static pv_severity group_severity(const pv_advisory *adv, const pv_osv *const *g, size_t n) {
  int best = -1;
  if (adv->malicious)
    return PV_SEV_CRITICAL;
  if (adv->cvss_score >= 0)
    return pv_cvss_severity(adv->cvss_score);
  for (size_t i = 0; i < n; i++) {
    int s = pv_cvss_label_severity(g[i]->db_severity);
    if (s > best)
      best = s;
  }
  return best >= 0 ? (pv_severity)best : PV_SEV_MEDIUM; /* unknown: worth a look */
}

pv_advisory *pv_osv_advisory(pv_arena *a, const pv_osv *const *g, size_t n) {
  const char *ids[256];
  size_t k = collect_ids(g, n, ids, 256), b = best_id(ids, k), m = 0;
  pv_advisory *adv = pv_arena_alloc(a, sizeof *adv);
  const char **al = pv_arena_alloc(a, k * sizeof *al + sizeof *al);
  if (!adv || !al || !n)
    return NULL;
  for (size_t i = 0; i < k; i++) {
    if (i != b)
      al[m++] = ids[i];
    if (!strncmp(ids[i], "MAL-", 4))
      adv->malicious = 1;
  }
  adv->id = ids[b];
  adv->aliases = al;
  adv->cvss_score = -1;
  const pv_osv *main = g[0];
  for (size_t i = 0; i < n; i++) {
    if (!strcmp(g[i]->id, adv->id))
      main = g[i];
    fill_cvss(adv, g[i]);
  }
  for (size_t i = 0; i < n && !main->summary; i++)
    main = g[i]->summary ? g[i] : main;
  adv->summary = main->summary;
  adv->details = main->details;
  adv->severity = group_severity(adv, g, n);
  adv->cwes = collect_cwes(a, g, n);
  adv->source_url = pv_arena_printf(a, "https://osv.dev/vulnerability/%s", adv->id);
  return adv->cwes && adv->source_url ? adv : NULL;
}
