/* values.c — the taint engine's values (taint_impl.h): paths of steps,
 * joins, and objects whose fields are kept apart (shapes). */
#include <string.h>

#include "taint_impl.h"

enum {
  STEP_MSG_MAX = 48,   /* bytes of code quoted in a step message */
  SHAPE_DEPTH_MAX = 3, /* objects nested in an object value's fields */
};

/* ---- Values ------------------------------------------------------------ */

/* Field ids by (language, name literal), per thread: looking a name up in
 * the grammar compares strings, and the engine asks for a few names all the
 * time. Open addressing: a name keeps its slot (a direct-mapped table made
 * names that share a slot look each other up again and again). */
enum { FIELD_IDS = 512 }; /* > the field names the engine asks for in all languages */
static __thread struct {
  const TSLanguage *lang;
  const char *name;
  TSFieldId id;
} field_ids[FIELD_IDS];

static TSFieldId field_id(const TSLanguage *L, const char *name) {
  uint32_t h = (uint32_t)(((uintptr_t)name >> 3) ^ ((uintptr_t)L >> 4));
  for (uint32_t k = 0; k < FIELD_IDS; k++) {
    uint32_t i = (h + k) % FIELD_IDS;
    if (field_ids[i].name == name && field_ids[i].lang == L)
      return field_ids[i].id;
    if (field_ids[i].name == NULL) {
      field_ids[i].lang = L;
      field_ids[i].name = name;
      field_ids[i].id = ts_language_field_id_for_name(L, name, (uint32_t)strlen(name));
      return field_ids[i].id;
    }
  }
  return ts_language_field_id_for_name(L, name, (uint32_t)strlen(name)); /* (full: never) */
}

TSNode tn_field_of(TSNode n, const char *name) { /* a null node has no fields */
  if (ts_node_is_null(n))
    return n;
  TSFieldId id = field_id(ts_node_language(n), name);
  if (id == 0) { /* no such field in this grammar */
    TSNode none;
    memset(&none, 0, sizeof none);
    return none;
  }
  return ts_node_child_by_field_id(n, id);
}

/* A short quote of the code at [s, e) for a step message. */
const char *tn_quote(tctx *c, const char *fmt, uint32_t s, uint32_t e) {
  char q[STEP_MSG_MAX + 4];
  uint32_t n = 0;
  for (uint32_t i = s; i < e && n < STEP_MSG_MAX; i++) {
    unsigned char ch = c->data[i];
    if (ch == '\n' || ch == '\r' || ch == '\t')
      ch = ' ';
    if (ch == ' ' && n > 0 && q[n - 1] == ' ')
      continue;
    q[n++] = (char)ch;
  }
  if (e - s > STEP_MSG_MAX) {
    memcpy(q + n, "...", 3);
    n += 3;
  }
  q[n] = '\0';
  return pv_arena_printf(c->a, fmt, q);
}

const trace *tn_step(tctx *c, const trace *prev, uint32_t s, uint32_t e, const char *msg) {
  trace *t = pv_arena_alloc(c->a, sizeof *t);
  if (t == NULL) {
    c->oom = 1;
    return prev;
  }
  if (prev != NULL)
    *t = *prev; /* labels, parameters, shape */
  else
    memset(t, 0, sizeof *t);
  t->prev = prev;
  t->file = NULL;
  t->s = s;
  t->e = e;
  t->msg = msg;
  t->len = prev ? prev->len + 1 : 1;
  return t;
}

/* The field path of its parameter a join of a and b carries: the
 * common prefix of theirs when both carry the same one. */
static const char *join_ppath(tctx *c, const trace *a, const trace *b) {
  if (a->params == 0 || (b->params != 0 && !one_param(a->params | b->params)))
    return b->params ? ppath_of(b) : "";
  if (b->params == 0)
    return ppath_of(a);
  const char *x = ppath_of(a), *y = ppath_of(b);
  size_t n = 0, cut = 0;
  while (x[n] && x[n] == y[n])
    n++;
  if ((x[n] == '\0' || x[n] == '.') && (y[n] == '\0' || y[n] == '.'))
    return x[n] == '\0' ? x : y[n] == '\0' ? y : pv_arena_strndup(c->a, x, n);
  for (size_t i = 0; i < n; i++)
    if (x[i] == '.')
      cut = i;
  return pv_arena_strndup(c->a, x, cut);
}

static const trace *join_shapes(tctx *c, const trace *a, const trace *b);

/* Either value, keeping the shorter path; labels are joined. Objects are
 * joined field by field. */
static const trace *join_plain(tctx *c, const trace *a, const trace *b);

const trace *tn_join(tctx *c, const trace *a, const trace *b) {
  if (a == NULL)
    return b;
  if (b == NULL || a == b)
    return a;
  if (a->shape != NULL || b->shape != NULL)
    return join_shapes(c, a, b);
  return join_plain(c, a, b);
}

/* The same, ignoring fields (the result may keep those of one of them). */
static const trace *join_plain(tctx *c, const trace *a, const trace *b) {
  if (a == NULL)
    return b;
  if (b == NULL || a == b)
    return a;
  /* a real source wins over a parameter of the function being summarised */
  const trace *keep = (a->param != 0) != (b->param != 0) ? (a->param ? b : a)
                      : b->len < a->len                  ? b
                                                         : a;
  const trace *other = keep == a ? b : a;
  const char *pp = join_ppath(c, keep, other);
  if ((keep->labels | other->labels) == keep->labels &&
      (keep->params | other->params) == keep->params && strcmp(pp, ppath_of(keep)) == 0)
    return keep;
  trace *t = pv_arena_alloc(c->a, sizeof *t);
  if (t == NULL)
    return keep;
  *t = *keep;
  t->labels |= other->labels;
  t->params |= other->params;
  t->ppath = pp;
  return t;
}

/* ---- Object values ------------------------------------------------------ */

static const trace *flat(tctx *c, const trace *t);

/* An object value: fields v[0..n) (paths relative to it) over rest (an
 * object itself: its fields that v does not cover join v's). Objects in
 * fields nest SHAPE_DEPTH_MAX deep at most (deeper: a plain value). */
const trace *tn_make_shape(tctx *c, const trace *rest, const sfield *v, uint32_t n) {
  sfield all[2 * SHAPE_MAX];
  uint32_t m = 0, k = 0, depth = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (m < 2 * SHAPE_MAX)
      all[m++] = v[i];
    else
      rest = join_plain(c, rest, tn_derive(c, v[i].t));
  }
  if (rest != NULL && rest->shape != NULL) {
    const trace *r = rest;
    for (uint32_t i = 0; i < r->shape->n && m < 2 * SHAPE_MAX; i++) {
      int covered = 0;
      for (uint32_t j = 0; j < n && !covered; j++)
        covered = covers(v[j].path, r->shape->f[i].path) != 0;
      if (!covered)
        all[m++] = (sfield){r->shape->f[i].path, tn_rebase(c, r->shape->f[i].t, r)};
    }
    rest = tn_rebase(c, r->shape->rest, r);
  }
  const trace *whole = rest;
  for (uint32_t i = 0; i < m; i++)
    whole = join_plain(c, whole, all[i].t);
  if (whole == NULL)
    return NULL;
  shape *sh = pv_arena_alloc(c->a, sizeof *sh + SHAPE_MAX * sizeof *sh->f);
  trace *t = pv_arena_alloc(c->a, sizeof *t);
  if (sh == NULL || t == NULL) {
    c->oom = 1;
    return whole;
  }
  for (uint32_t i = 0; i < m; i++) {
    const trace *x = all[i].t;
    if (x != NULL && x->shape != NULL && x->shape->depth >= SHAPE_DEPTH_MAX)
      x = tn_derive(c, x);
    if (k == SHAPE_MAX)
      rest = join_plain(c, rest, tn_derive(c, x)); /* past the bound: fields join the rest */
    else
      sh->f[k++] = (sfield){all[i].path, x};
    if (x != NULL && x->shape != NULL && x->shape->depth + 1 > depth)
      depth = x->shape->depth + 1;
  }
  *t = *whole;
  sh->rest = flat(c, rest);
  sh->n = k;
  sh->len = t->len;
  sh->depth = depth;
  t->shape = sh;
  return t;
}

/* The value at path p of an object made of base and entries v[0..n): the
 * most specific entry covering p, else base; entries below p its fields. */
static const trace *lookup(tctx *c, const trace *base, const sfield *v, uint32_t n, const char *p) {
  size_t best = 0;
  const trace *at = base;
  sfield sub[SHAPE_MAX];
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i++) {
    size_t m = covers(v[i].path, p);
    if (m > best) {
      best = m;
      at = v[i].t;
    } else if (below(v[i].path, p) && k < SHAPE_MAX) {
      sub[k++] = (sfield){v[i].path + strlen(p), v[i].t};
    }
  }
  const trace *t = tn_select_field(c, at, best ? p + best - 1 : p);
  return k ? tn_make_shape(c, t, sub, k) : t;
}

/* Replay on t the steps `from` took after its shape was made. */
const trace *tn_rebase(tctx *c, const trace *t, const trace *from) {
  if (t == NULL || from->len <= from->shape->len)
    return t;
  uint32_t k = from->len - from->shape->len;
  const trace *v[64];
  if (k > 64)
    k = 64;
  const trace *x = from;
  uint32_t got = 0;
  for (; got < k && x != NULL; got++, x = x->prev)
    v[got] = x;
  for (uint32_t i = got; i-- > 0;) {
    const trace *s = tn_step(c, t, v[i]->s, v[i]->e, v[i]->msg);
    ((trace *)s)->file = v[i]->file;
    t = s;
  }
  return t;
}

/* x then y, in the arena (a field path: short, and made often, so
 * not through printf); NULL when out of memory. */
const char *tn_concat(tctx *c, const char *x, const char *y) {
  size_t n = strlen(x), m = strlen(y);
  char *p = pv_arena_alloc(c->a, n + m + 1);
  if (p == NULL)
    return NULL;
  memcpy(p, x, n);
  memcpy(p + n, y, m + 1);
  return p;
}

/* Field `path` (".a.b"; "" the whole) of value t: an object's field, or
 * a parameter's value read further down. */
const trace *tn_select_field(tctx *c, const trace *t, const char *path) {
  if (t == NULL || path[0] == '\0')
    return t;
  if (t->shape != NULL)
    return tn_rebase(c, lookup(c, t->shape->rest, t->shape->f, t->shape->n, path), t);
  if (!one_param(t->params) || t->derived || strlen(ppath_of(t)) + strlen(path) >= FIELD_PATH_MAX)
    return t;
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL) {
    c->oom = 1;
    return t;
  }
  *x = *t;
  x->ppath = tn_concat(c, ppath_of(t), path);
  return x;
}

/* a joined with b, one of them (at least) an object: field by field. */
static const trace *join_shapes(tctx *c, const trace *a, const trace *b) {
  sfield v[2 * SHAPE_MAX];
  uint32_t n = 0;
  for (int side = 0; side < 2; side++) {
    const shape *sh = (side ? b : a)->shape;
    for (uint32_t i = 0; sh != NULL && i < sh->n; i++) {
      uint32_t j = 0;
      while (j < n && strcmp(v[j].path, sh->f[i].path) != 0)
        j++;
      if (j == n) {
        v[n].path = sh->f[i].path;
        v[n++].t = NULL;
      }
    }
  }
  for (uint32_t j = 0; j < n; j++)
    v[j].t = tn_join(c, tn_select_field(c, a, v[j].path), tn_select_field(c, b, v[j].path));
  const trace *ra = a->shape ? tn_rebase(c, a->shape->rest, a) : a,
              *rb = b->shape ? tn_rebase(c, b->shape->rest, b) : b;
  const trace *rest = tn_join(c, ra, rb);
  return tn_make_shape(c, rest, v, n);
}

/* A value computed from t (a string, an element, a call's result):
 * no fields of its own, and its fields are not those of a parameter t
 * carries. */
const trace *tn_derive(tctx *c, const trace *t) {
  if (t == NULL || (t->shape == NULL && (t->derived || t->params == 0)))
    return t;
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL) {
    c->oom = 1;
    return t;
  }
  *x = *t;
  x->shape = NULL;
  x->derived = 1;
  return x;
}

/* t without its fields. */
static const trace *flat(tctx *c, const trace *t) {
  if (t == NULL || t->shape == NULL)
    return t;
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL) {
    c->oom = 1;
    return t;
  }
  *x = *t;
  x->shape = NULL;
  return x;
}
