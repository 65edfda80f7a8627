/* osvpack.c — the packed form of an OSV entry (see osvpack.h). */
#include "osvpack.h"

#include <string.h>
#include <strings.h>

#define PACK_MAGIC 'P'
#define PACK_LAYOUT 1

/* ---- writing ---- */

static void put_uv(pv_buf *b, uint64_t v) {
  unsigned char t[10];
  size_t n = 0;
  do {
    t[n] = (unsigned char)(v & 0x7f);
    v >>= 7;
    if (v != 0) {
      t[n] |= 0x80;
    }
    n++;
  } while (v != 0);
  pv_buf_cat(b, t, n);
}

/* An optional string: 0 for NULL, else its length + 1 and its bytes. */
static void put_opt(pv_buf *b, const char *s) {
  if (s == NULL) {
    put_uv(b, 0);
    return;
  }
  size_t n = strlen(s);
  put_uv(b, (uint64_t)n + 1);
  pv_buf_cat(b, s, n);
}

static void put_list(pv_buf *b, const char *const *l) {
  size_t n = 0;
  while (l != NULL && l[n] != NULL) {
    n++;
  }
  put_uv(b, n);
  for (size_t i = 0; i < n; i++) {
    put_opt(b, l[i]);
  }
}

static void put_range(pv_buf *b, const pv_osv_range *r) {
  put_uv(b, (uint64_t)r->type);
  put_uv(b, (uint64_t)r->invalid);
  put_uv(b, r->n_events);
  for (size_t i = 0; i < r->n_events; i++) {
    put_uv(b, (uint64_t)r->events[i].kind);
    put_uv(b, (uint64_t)r->events[i].unreadable);
    put_opt(b, r->events[i].version);
  }
}

/* s, blanks around it left out and ASCII letters lower-cased, is key so
 * read (a boolean). */
static int same_key(const char *s, const char *key) {
  size_t sn, kn;
  if (s == NULL)
    return 0;
  const char *sp = pv_osv_trim(s, &sn), *kp = pv_osv_trim(key, &kn);
  return sn == kn && strncasecmp(sp, kp, sn) == 0;
}

/* Only what matching may read: npm entries that a component looked up as
 * key can be (every one when key is NULL), evaluated ranges (osvpack.h). */
static int npm_entry(const pv_osv_affected *af, const char *key) {
  return pv_osv_same(af->ecosystem, "npm") && (key == NULL || same_key(af->name, key));
}

static size_t evaluated_ranges(const pv_osv_affected *af) {
  size_t n = 0;
  for (size_t i = 0; i < af->n_ranges; i++) {
    n += af->ranges[i].evaluable != 0;
  }
  return n;
}

static void put_affected(pv_buf *b, const pv_osv *o, const char *key) {
  size_t n = 0;
  for (size_t i = 0; i < o->n_affected; i++) {
    n += npm_entry(&o->affected[i], key);
  }
  put_uv(b, n);
  for (size_t i = 0; i < o->n_affected; i++) {
    const pv_osv_affected *af = &o->affected[i];
    if (!npm_entry(af, key)) {
      continue;
    }
    put_opt(b, af->ecosystem);
    put_opt(b, af->name);
    put_list(b, af->versions);
    put_uv(b, evaluated_ranges(af));
    for (size_t r = 0; r < af->n_ranges; r++) {
      if (af->ranges[r].evaluable) {
        put_range(b, &af->ranges[r]);
      }
    }
  }
}

void pv_osv_pack(const pv_osv *o, const char *warn, const char *key, pv_buf *b) {
  const unsigned char head[] = {PACK_MAGIC, PACK_LAYOUT, o != NULL};
  pv_buf_cat(b, head, sizeof head);
  put_opt(b, warn);
  if (o == NULL) {
    return;
  }
  put_opt(b, o->summary);
  put_opt(b, o->details);
  put_opt(b, o->db_severity);
  put_list(b, o->aliases);
  put_list(b, o->cwe_ids);
  put_uv(b, o->n_severity);
  for (size_t i = 0; i < o->n_severity; i++) {
    put_opt(b, o->severity[i].type);
    put_opt(b, o->severity[i].score);
  }
  put_affected(b, o, key);
}

/* ---- reading ---- */

typedef struct {
  pv_arena *a;
  const unsigned char *p, *end;
  int bad; /* short, out of range or unreadable: the form is damaged */
  int oom;
} rd;

static uint64_t get_uv(rd *r) {
  uint64_t v = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (r->p == r->end) {
      break;
    }
    unsigned char c = *r->p++;
    v |= (uint64_t)(c & 0x7f) << shift;
    if ((c & 0x80) == 0) {
      return v;
    }
  }
  r->bad = 1;
  return 0;
}

/* A value at most max, else the form is damaged (0). */
static uint64_t get_max(rd *r, uint64_t max) {
  uint64_t v = get_uv(r);
  if (v > max) {
    r->bad = 1;
    return 0;
  }
  return v;
}

static const char *get_opt(rd *r) {
  uint64_t n = get_uv(r);
  if (n == 0 || r->bad) {
    return NULL;
  }
  if (n - 1 > (uint64_t)(r->end - r->p)) {
    r->bad = 1;
    return NULL;
  }
  char *s = pv_arena_strndup(r->a, (const char *)r->p, (size_t)(n - 1));
  r->p += n - 1;
  r->oom |= s == NULL;
  return s;
}

/* n items of size sz (at least one, so an empty list is not NULL). */
static void *get_items(rd *r, size_t n, size_t sz) {
  void *v = pv_arena_alloc(r->a, (n ? n : 1) * sz);
  r->oom |= v == NULL;
  if (v != NULL) {
    memset(v, 0, (n ? n : 1) * sz);
  }
  return v;
}

/* A count, then room for that many items of size sz. */
static void *get_array(rd *r, size_t *n, size_t sz) {
  *n = (size_t)get_max(r, PV_OSV_MAX_ITEMS);
  return get_items(r, *n, sz);
}

static const char *const *get_list(rd *r) {
  size_t n = (size_t)get_max(r, PV_OSV_MAX_ITEMS);
  const char **l = get_items(r, n + 1, sizeof *l);
  for (size_t i = 0; l != NULL && i < n && !r->bad; i++) {
    l[i] = get_opt(r);
    r->bad |= l[i] == NULL && !r->oom;
  }
  return l;
}

/* The parsed version of an evaluated event, as pv_osv_parse sets it. */
static void get_event(rd *r, pv_osv_event *e) {
  e->kind = (pv_osv_event_kind)get_max(r, PV_OSV_LIMIT);
  e->unreadable = (int)get_max(r, 1);
  e->version = get_opt(r);
  if (e->version == NULL || r->bad) {
    r->bad |= !r->oom;
    return;
  }
  if (e->unreadable || (e->kind == PV_OSV_INTRODUCED && strcmp(e->version, "0") == 0) ||
      (e->kind == PV_OSV_LIMIT && strcmp(e->version, "*") == 0)) {
    return;
  }
  pv_semver *v = pv_arena_alloc(r->a, sizeof *v);
  r->oom |= v == NULL;
  if (v != NULL && !pv_osv_version_read(e->version, v)) {
    r->bad = 1;
  }
  e->v = v;
}

static void get_range(rd *r, pv_osv_range *g) {
  g->type = (pv_osv_range_type)get_max(r, PV_OSV_ECOSYSTEM);
  g->evaluable = 1;
  g->invalid = (int)get_max(r, 1);
  pv_osv_event *e = get_array(r, &g->n_events, sizeof *e);
  for (size_t i = 0; e != NULL && i < g->n_events && !r->bad; i++) {
    get_event(r, &e[i]);
  }
  g->events = e;
}

static void get_affected(rd *r, pv_osv *o) {
  pv_osv_affected *af = get_array(r, &o->n_affected, sizeof *af);
  for (size_t i = 0; af != NULL && i < o->n_affected && !r->bad; i++) {
    af[i].ecosystem = get_opt(r);
    af[i].name = get_opt(r);
    af[i].versions = get_list(r);
    pv_osv_range *g = get_array(r, &af[i].n_ranges, sizeof *g);
    for (size_t k = 0; g != NULL && k < af[i].n_ranges && !r->bad; k++) {
      get_range(r, &g[k]);
    }
    af[i].ranges = g;
  }
  o->affected = af;
}

static void get_severity(rd *r, pv_osv *o) {
  pv_osv_severity *s = get_array(r, &o->n_severity, sizeof *s);
  for (size_t i = 0; s != NULL && i < o->n_severity && !r->bad; i++) {
    s[i].type = get_opt(r);
    s[i].score = get_opt(r);
    r->bad |= (s[i].type == NULL || s[i].score == NULL) && !r->oom;
  }
  o->severity = s;
}

static pv_osv *get_osv(rd *r, const char *id) {
  pv_osv *o = get_items(r, 1, sizeof *o);
  if (o == NULL) {
    return NULL;
  }
  o->id = pv_arena_strdup(r->a, id);
  r->oom |= o->id == NULL;
  o->summary = get_opt(r);
  o->details = get_opt(r);
  o->db_severity = get_opt(r);
  o->aliases = get_list(r);
  o->cwe_ids = get_list(r);
  o->related = get_items(r, 1, sizeof *o->related); /* not kept: empty */
  get_severity(r, o);
  get_affected(r, o);
  return o;
}

pv_status pv_osv_unpack(pv_arena *a, const void *p, size_t n, const char *id, pv_osv **out,
                        pv_error *err) {
  rd r = {.a = a, .p = p, .end = (const unsigned char *)p + n};
  *out = NULL;
  if (n < 3 || r.p[0] != PACK_MAGIC || r.p[1] != PACK_LAYOUT || r.p[2] > 1) {
    return pv_error_set(err, PV_FAILED,
                        "OSV %s: stored form is damaged or of another plugvet: run `plugvet db "
                        "update`",
                        id);
  }
  int usable = r.p[2];
  r.p += 3;
  const char *warn = get_opt(&r);
  pv_osv *o = usable && !r.bad ? get_osv(&r, id) : NULL;
  if (r.oom) {
    return pv_error_set(err, PV_FATAL, "OSV %s: out of memory", id);
  }
  if (r.bad || r.p != r.end || (!usable && warn == NULL)) {
    return pv_error_set(err, PV_FAILED, "OSV %s: stored form is damaged: run `plugvet db update`",
                        id);
  }
  if (!usable) {
    return pv_error_set(err, PV_FAILED, "%s", warn);
  }
  *out = o;
  return warn != NULL ? pv_error_set(err, PV_WARN, "%s", warn) : PV_OK;
}
