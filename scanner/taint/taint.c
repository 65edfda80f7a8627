/* taint.c — follow tainted values from source matches to sink matches in
 * one JS/TS file (see taint.h and docs/taint.md).
 *
 * The source, sink and sanitizer operators of a rule are evaluated like
 * search rules (formula.h) into byte ranges. The engine then interprets
 * each function body in source order over an environment of variables
 * (by block scope) and their fields: an expression is tainted when it lies
 * in a source range, reads a tainted variable or field, or combines
 * tainted parts (calls propagate their arguments unless the rule assumes
 * functions safe, models say otherwise, or a sanitizer range covers it).
 * Branches are joined, loop bodies run twice. Values keep their fields
 * (an object's, or which field of a parameter they carry). Calls to
 * functions of the same file use summaries (what the return value is made
 * of, field by field; what the function writes to its parameters' fields;
 * which parameters, or fields of them, reach sinks), computed on first use
 * with the parameters as symbolic sources, again for recursive functions
 * until nothing changes; function literals handed to a call are
 * interpreted where they are passed, with their parameters tainted as the
 * models say. What methods write to `this.x` is kept per class. A value
 * remembers one path (the first found, which is the shortest along source
 * order); a sink reached is reported once with it. */
#include "taint.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse.h"

enum {
  STEP_MSG_MAX = 48,     /* bytes of code quoted in a step message */
  FIELD_PATH_MAX = 64,   /* bytes of a field path (a.b.c) */
  SHAPE_MAX = 16,        /* fields an object value keeps apart */
  SHAPE_DEPTH_MAX = 3,   /* objects nested in an object value's fields */
  PARAMS_MAX = 16,       /* parameters with summaries */
  LABELS_MAX = 16,       /* distinct labels per rule */
  DEPTH_MAX = 400,       /* nesting of expressions and statements interpreted */
  NEST_MAX = 64,         /* nested calls interpreted */
  SUMMARY_SINKS_MAX = 64, /* sinks a summary remembers */
  RPARTS_MAX = 32,       /* parts of a summary's return value, and of its effects */
  FIXPOINT_MAX = 4,      /* runs of a recursive function's summary */
  INHERIT_MAX = 8,       /* classes extended, one from the other, followed */
  TAINT_STEPS_MAX = 4000000, /* expressions interpreted per rule and file */
  XQ_MAX = 256,             /* sinks of other files reached from one file */
  ROUNDS_MAX = 8            /* rounds over an input's files after the first pass */
};

/* ---- Values ------------------------------------------------------------ */

/* A tainted value: the last step of its path (prev leads to the source) and
 * the labels it carries. param > 0: the path starts at parameter param-1 of
 * the function being summarised (a symbolic source); params: every
 * parameter whose value it carries (bit i: parameter i), whatever its path
 * starts at. */
typedef struct trace {
  const struct trace *prev;
  const pv_file *file; /* NULL: the file being analysed */
  uint32_t s, e;
  const char *msg;
  uint32_t len; /* steps */
  uint32_t labels;
  uint32_t params;
  uint8_t param;
  const char *ppath;         /* one parameter carried (params one bit): through this field of it ("" whole) */
  uint8_t derived;           /* computed from the value it carries (its fields are not the parameter's) */
  uint32_t src;              /* its source's match (index + 1 in tctx.src), 0 unknown (taint_unify_mvars) */
  const struct shape *shape; /* an object: what its fields hold */
} trace;

/* The fields of an object value. Reading field p takes the entry whose
 * path is p or its longest prefix (the rest of p read in its value), else
 * rest; entries below p make the result's own shape. An entry may be NULL
 * (a field known clean). The shaped trace itself is the whole object
 * (every part joined); `len` is its length when the shape was made: the
 * steps it took since then are replayed on what a read selects. */
typedef struct sfield {
  const char *path; /* ".a" or ".a.b" */
  const trace *t;
} sfield;

typedef struct shape {
  const trace *rest;
  uint32_t len, n, depth; /* depth: objects nested in its fields */
  sfield f[];
} shape;

typedef struct {
  uint32_t id;      /* unique per declaration */
  const unsigned char *name;
  uint32_t nlen;
  uint32_t depth;   /* block depth of the declaration */
  const trace *t;
  TSNode obj;       /* the class body or object literal whose methods its value has (if known) */
  TSNode fn;        /* the function of the file it holds (const f = g), if known */
} binding;

typedef struct {
  uint32_t id;
  const char *path; /* ".a.b" (in the arena) */
  const trace *t;
} field;

/* One write to a value while a branch runs, to undo it (journal). */
typedef struct {
  uint8_t kind; /* J_SCOPED, J_GLOBAL, J_FIELD */
  uint32_t i;
  const trace *old;
} jentry;

enum { J_SCOPED, J_GLOBAL, J_FIELD };

/* Variables by block scope (a stack), globals (undeclared names assigned:
 * they only grow), fields of both (by binding id; only grow), and the
 * journal of writes made under the branches being interpreted. */
typedef struct {
  binding *b;
  uint32_t nb, capb;
  binding *g;
  uint32_t ng, capg;
  field *f;
  uint32_t nf, capf;
  jentry *j;
  uint32_t nj, capj;
  uint32_t journal; /* > 0: writes are journaled */
} env;

typedef struct fsum fsum;
struct xsink_;

/* A local name bound to a module of the input (or one of its exports). */
struct import {
  uint32_t ns, ne;
  const pv_file *target;
  const char *name; /* export name; "" the module itself */
};

/* What every taint rule needs of one file, found once: its functions (in
 * source order) and its imports. Valid during one pv_match_file. */
struct pv_taint_file {
  const pv_file *f;
  struct pfn { TSNode node; uint32_t ns, ne; int hoists; } *fns; /* ns..ne its name, if any; hoists: it
                                                                  * declares a `var` */
  uint32_t nfns, capfns;
  uint32_t *fhash, fcap; /* fns by name (index + 1; 0 empty), fcap a power of 2 */
  uint32_t *nhash, ncap; /* fns by node */
  struct { uint32_t at, ns, ne; } named; /* the function at byte `at` is assigned to ns..ne */
  struct import *imps;
  uint32_t nimps, capimps;
  struct pcls {
    TSNode body, parent; /* parent: what it extends */
    uint32_t ns, ne, up; /* its name; up: index + 1 of the class it extends, 0 none */
  } *cls;                /* classes with a name, by body start */
  uint32_t ncls, capcls;
  pv_arena *a;
  int ready, hoists; /* hoists: the top level declares a `var` */
};

/* Part of a value a function makes: at field `path` of it ("" all of
 * it), parameter param-1's value at its field ppath, or (param 0) a
 * source's taint t inside the function (NULL: that field is clean). */
typedef struct rpart {
  const char *path;
  uint8_t param, derived; /* derived: computed from the parameter's field (trace.derived) */
  const char *ppath;
  const trace *t;
} rpart;

/* The summary of one function of the file (pv_taint_file.fns[i] is
 * tctx.fns[i]): what it returns, what it writes to its parameters' fields
 * (effect i: parameter target[i]-1, at its field eff[i].path), and which
 * parameters (at which field) reach sinks. */
struct fsum {
  int state;               /* 0 not yet, 1 in progress, 2 done */
  int recursive;           /* called while in progress */
  const trace *ret;        /* a real source reaching the return value */
  rpart *rets, *eff;       /* RPARTS_MAX each, made with the first */
  uint8_t *target;
  uint32_t nrets, neff;
  uint32_t nsinks;
  struct fsink {
    uint32_t sink;             /* a sink of this file, unless ext */
    struct xsink_ *ext;        /* a sink of another module, reached through its export */
    uint8_t param;
    const char *ppath;         /* the parameter's field that reaches it ("" all of it) */
    const trace *t;
  } *sinks;                    /* SUMMARY_SINKS_MAX, made with the first */
};

typedef struct {
  const pv_rule *rule;
  const pv_file *file;
  pv_taint_graph *g;
  pv_taint_exports *x;
  const struct import *imps; /* the file's (pv_taint_file) */
  uint32_t nimps;
  pv_taint_file *pf;
  struct { struct xsink_ *sink; const trace *t; } xq[XQ_MAX]; /* sinks reached in other files */
  uint32_t nxq;
  const pv_taint_spec *spec;
  const pv_taint_models *models;
  const unsigned char *data;
  uint32_t size;
  const pv_syms_ts *sy;
  pv_arena *a;
  pv_mlist src, sink, san, prop; /* ranges of the rule's operators */
  pv_mlist src_sorted, sink_sorted; /* the same, by start (holds_ends) */
  uint32_t *prop_item;
  struct pedge { uint32_t fs, fe, ts, te, m; } *pedges; /* propagators' from/to, by from */
  uint32_t npedges;
  struct pending { uint32_t s, e; const trace *t; } *pend; /* propagated to a name not yet declared */
  uint32_t npend, cappend;
  const unsigned char *resolver; /* the resolve parameter of the Promise executor being run */
  uint32_t resolver_len;
  const trace *resolved;         /* what it was called with */
  uint32_t *src_item, *sink_item, *san_item; /* the item of each range */
  const trace **best;       /* per sink range: the shortest path found */
  env cur;
  uint32_t next_id, depth, nest;
  uint32_t fn_depth;       /* the depth of the function being interpreted (its `var`s) */
  const trace *ret;         /* the returns of the function being interpreted */
  const trace *thrown;      /* what its throw statements threw (caught by a catch) */
  fsum *current;            /* the summary being computed, or NULL */
  fsum *fns;                /* one per function of pf (made when the file is analysed) */
  uint32_t nfns;
  TSNode root;
  const char *labels[LABELS_MAX];
  uint32_t nlabels;
  uint64_t deadline;
  uint32_t steps, steps_max;
  int over, oom;
  TSNode fn_now;           /* the function being interpreted (null: the top level) */
  char where[PV_TAINT_WHERE_MAX]; /* where a budget first ran out */
  int final;    /* the input's last round: calls wait for no module */
  int deferred; /* a call needs the summary of a module not analysed yet */
  int exports_ret; /* an export recorded returns a source's taint */
  struct kfield { uint32_t body; const char *path; const trace *t; } *store; /* this.path of instances, by class body */
  uint32_t nstore, capstore, store_version;
} tctx;

static const trace *ev(tctx *c, TSNode n);
static void stmt(tctx *c, TSNode n);

static int sym_is(TSNode n, TSSymbol s) { return s != 0 && !ts_node_is_null(n) && ts_node_symbol(n) == s; }

static uint32_t nstart(TSNode n) { return ts_node_start_byte(n); }
static uint32_t nend(TSNode n) { return ts_node_end_byte(n); }

/* Named children of n (0 for a null node: tree-sitter does not check). */
static uint32_t nkids(TSNode n) { return ts_node_is_null(n) ? 0 : ts_node_named_child_count(n); }

/* Field ids by (language, name literal), per thread: looking a name up in
 * the grammar compares strings, and the engine asks for a few names all the
 * time. */
static __thread struct {
  const TSLanguage *lang;
  const char *name;
  TSFieldId id;
} field_ids[64];

static TSNode field_of(TSNode n, const char *name) { /* a null node has no fields */
  if (ts_node_is_null(n)) return n;
  const TSLanguage *L = ts_node_language(n);
  uint32_t h = (uint32_t)(((uintptr_t)name >> 3) ^ ((uintptr_t)L >> 4)) & 63;
  if (field_ids[h].name != name || field_ids[h].lang != L) {
    field_ids[h].lang = L, field_ids[h].name = name;
    field_ids[h].id = ts_language_field_id_for_name(L, name, (uint32_t)strlen(name));
  }
  if (field_ids[h].id == 0) { /* no such field in this grammar */
    TSNode none;
    memset(&none, 0, sizeof none);
    return none;
  }
  return ts_node_child_by_field_id(n, field_ids[h].id);
}

/* A short quote of the code at [s, e) for a step message. */
static const char *quote(tctx *c, const char *fmt, uint32_t s, uint32_t e) {
  char q[STEP_MSG_MAX + 4];
  uint32_t n = 0;
  for (uint32_t i = s; i < e && n < STEP_MSG_MAX; i++) {
    unsigned char ch = c->data[i];
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    if (ch == ' ' && n > 0 && q[n - 1] == ' ') continue;
    q[n++] = (char)ch;
  }
  if (e - s > STEP_MSG_MAX) memcpy(q + n, "...", 3), n += 3;
  q[n] = '\0';
  return pv_arena_printf(c->a, fmt, q);
}

static const trace *step(tctx *c, const trace *prev, uint32_t s, uint32_t e, const char *msg) {
  trace *t = pv_arena_alloc(c->a, sizeof *t);
  if (t == NULL) {
    c->oom = 1;
    return prev;
  }
  if (prev != NULL) *t = *prev; /* labels, parameters, shape */
  else memset(t, 0, sizeof *t);
  t->prev = prev, t->file = NULL, t->s = s, t->e = e, t->msg = msg;
  t->len = prev ? prev->len + 1 : 1;
  return t;
}

static const char *ppath_of(const trace *t) { return t->ppath ? t->ppath : ""; }
static int one_param(uint32_t params) { return params != 0 && (params & (params - 1)) == 0; }

/* The field path of its parameter a join of a and b carries: the
 * common prefix of theirs when both carry the same one. */
static const char *join_ppath(tctx *c, const trace *a, const trace *b) {
  if (a->params == 0 || (b->params != 0 && !one_param(a->params | b->params))) return b->params ? ppath_of(b) : "";
  if (b->params == 0) return ppath_of(a);
  const char *x = ppath_of(a), *y = ppath_of(b);
  size_t n = 0, cut = 0;
  while (x[n] && x[n] == y[n]) n++;
  if ((x[n] == '\0' || x[n] == '.') && (y[n] == '\0' || y[n] == '.')) return x[n] == '\0' ? x : y[n] == '\0' ? y : pv_arena_strndup(c->a, x, n);
  for (size_t i = 0; i < n; i++)
    if (x[i] == '.') cut = i;
  return pv_arena_strndup(c->a, x, cut);
}

static const trace *join_shapes(tctx *c, const trace *a, const trace *b);

/* Either value, keeping the shorter path; labels are joined. Objects are
 * joined field by field. */
static const trace *join_plain(tctx *c, const trace *a, const trace *b);

static const trace *join(tctx *c, const trace *a, const trace *b) {
  if (a == NULL) return b;
  if (b == NULL || a == b) return a;
  if (a->shape != NULL || b->shape != NULL) return join_shapes(c, a, b);
  return join_plain(c, a, b);
}

/* The same, ignoring fields (the result may keep those of one of them). */
static const trace *join_plain(tctx *c, const trace *a, const trace *b) {
  if (a == NULL) return b;
  if (b == NULL || a == b) return a;
  /* a real source wins over a parameter of the function being summarised */
  const trace *keep = (a->param != 0) != (b->param != 0) ? (a->param ? b : a) : b->len < a->len ? b : a;
  const trace *other = keep == a ? b : a;
  const char *pp = join_ppath(c, keep, other);
  if ((keep->labels | other->labels) == keep->labels && (keep->params | other->params) == keep->params &&
      strcmp(pp, ppath_of(keep)) == 0)
    return keep;
  trace *t = pv_arena_alloc(c->a, sizeof *t);
  if (t == NULL) return keep;
  *t = *keep;
  t->labels |= other->labels, t->params |= other->params, t->ppath = pp;
  return t;
}

/* ---- Object values ------------------------------------------------------ */

static const trace *select_field(tctx *c, const trace *t, const char *path);
static const trace *flat(tctx *c, const trace *t);
static const trace *derive(tctx *c, const trace *t);

/* Entry i's path is p or a prefix of it; below: p is a prefix of it. */
static size_t covers(const char *q, const char *p) {
  size_t n = strlen(q);
  return strncmp(q, p, n) == 0 && (p[n] == '\0' || p[n] == '.') ? n + 1 : 0;
}

static int below(const char *q, const char *p) {
  size_t n = strlen(p);
  return strncmp(q, p, n) == 0 && q[n] == '.';
}

static const trace *rebase(tctx *c, const trace *t, const trace *from);

/* An object value: fields v[0..n) (paths relative to it) over rest (an
 * object itself: its fields that v does not cover join v's). Objects in
 * fields nest SHAPE_DEPTH_MAX deep at most (deeper: a plain value). */
static const trace *make_shape(tctx *c, const trace *rest, const sfield *v, uint32_t n) {
  sfield all[2 * SHAPE_MAX];
  uint32_t m = 0, k = 0, depth = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (m < 2 * SHAPE_MAX) all[m++] = v[i];
    else rest = join_plain(c, rest, derive(c, v[i].t));
  }
  if (rest != NULL && rest->shape != NULL) {
    const trace *r = rest;
    for (uint32_t i = 0; i < r->shape->n && m < 2 * SHAPE_MAX; i++) {
      int covered = 0;
      for (uint32_t j = 0; j < n && !covered; j++) covered = covers(v[j].path, r->shape->f[i].path) != 0;
      if (!covered) all[m++] = (sfield){r->shape->f[i].path, rebase(c, r->shape->f[i].t, r)};
    }
    rest = rebase(c, r->shape->rest, r);
  }
  const trace *whole = rest;
  for (uint32_t i = 0; i < m; i++) whole = join_plain(c, whole, all[i].t);
  if (whole == NULL) return NULL;
  shape *sh = pv_arena_alloc(c->a, sizeof *sh + SHAPE_MAX * sizeof *sh->f);
  trace *t = pv_arena_alloc(c->a, sizeof *t);
  if (sh == NULL || t == NULL) return c->oom = 1, whole;
  for (uint32_t i = 0; i < m; i++) {
    const trace *x = all[i].t;
    if (x != NULL && x->shape != NULL && x->shape->depth >= SHAPE_DEPTH_MAX) x = derive(c, x);
    if (k == SHAPE_MAX) rest = join_plain(c, rest, derive(c, x)); /* past the bound: fields join the rest */
    else sh->f[k++] = (sfield){all[i].path, x};
    if (x != NULL && x->shape != NULL && x->shape->depth + 1 > depth) depth = x->shape->depth + 1;
  }
  *t = *whole;
  sh->rest = flat(c, rest), sh->n = k, sh->len = t->len, sh->depth = depth;
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
    if (m > best) best = m, at = v[i].t;
    else if (below(v[i].path, p) && k < SHAPE_MAX) sub[k++] = (sfield){v[i].path + strlen(p), v[i].t};
  }
  const trace *t = select_field(c, at, best ? p + best - 1 : p);
  return k ? make_shape(c, t, sub, k) : t;
}

/* Replay on t the steps `from` took after its shape was made. */
static const trace *rebase(tctx *c, const trace *t, const trace *from) {
  if (t == NULL || from->len <= from->shape->len) return t;
  uint32_t k = from->len - from->shape->len;
  const trace *v[64];
  if (k > 64) k = 64;
  const trace *x = from;
  uint32_t got = 0;
  for (; got < k && x != NULL; got++, x = x->prev) v[got] = x;
  for (uint32_t i = got; i-- > 0;) {
    const trace *s = step(c, t, v[i]->s, v[i]->e, v[i]->msg);
    ((trace *)s)->file = v[i]->file;
    t = s;
  }
  return t;
}

/* Field `path` (".a.b"; "" the whole) of value t: an object's field, or
 * a parameter's value read further down. */
static const trace *select_field(tctx *c, const trace *t, const char *path) {
  if (t == NULL || path[0] == '\0') return t;
  if (t->shape != NULL) return rebase(c, lookup(c, t->shape->rest, t->shape->f, t->shape->n, path), t);
  if (!one_param(t->params) || t->derived || strlen(ppath_of(t)) + strlen(path) >= FIELD_PATH_MAX) return t;
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL) return c->oom = 1, t;
  *x = *t;
  x->ppath = pv_arena_printf(c->a, "%s%s", ppath_of(t), path);
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
      while (j < n && strcmp(v[j].path, sh->f[i].path) != 0) j++;
      if (j == n) v[n].path = sh->f[i].path, v[n++].t = NULL;
    }
  }
  for (uint32_t j = 0; j < n; j++) v[j].t = join(c, select_field(c, a, v[j].path), select_field(c, b, v[j].path));
  const trace *ra = a->shape ? rebase(c, a->shape->rest, a) : a, *rb = b->shape ? rebase(c, b->shape->rest, b) : b;
  const trace *rest = join(c, ra, rb);
  return make_shape(c, rest, v, n);
}

/* A value computed from t (a string, an element, a call's result):
 * no fields of its own, and its fields are not those of a parameter t
 * carries. */
static const trace *derive(tctx *c, const trace *t) {
  if (t == NULL || (t->shape == NULL && (t->derived || t->params == 0))) return t;
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL) return c->oom = 1, t;
  *x = *t;
  x->shape = NULL, x->derived = 1;
  return x;
}

/* t without its fields. */
static const trace *flat(tctx *c, const trace *t) {
  if (t == NULL || t->shape == NULL) return t;
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL) return c->oom = 1, t;
  *x = *t;
  x->shape = NULL;
  return x;
}

/* ---- Ranges of the rule's operators ---------------------------------- */

static int inside(uint32_t s, uint32_t e, const pv_pmatch *m) { return m->s <= s && e <= m->e; }

/* 1: a sanitizer covers n; 2: n is what a by-side-effect sanitizer
 * cleans (from here on). */
static int sanitized(tctx *c, TSNode n) {
  uint32_t s = nstart(n), e = nend(n);
  for (uint32_t i = 0; i < c->san.n; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_SANITIZER][c->san_item[i]];
    const pv_pmatch *m = &c->san.v[i];
    if (it->by_side_effect ? m->s == s && m->e == e : inside(s, e, m)) return 1 + it->by_side_effect;
  }
  return 0;
}

static uint32_t label_bit(tctx *c, const char *label) {
  if (label == NULL) return 1u;
  for (uint32_t i = 0; i < c->nlabels; i++)
    if (strcmp(c->labels[i], label) == 0) return 2u << i;
  if (c->nlabels == LABELS_MAX) return 1u;
  c->labels[c->nlabels] = label;
  return 2u << c->nlabels++;
}

/* `requires`: labels joined with and, or, not and parentheses. */
static int req_expr(tctx *c, const char **p, uint32_t labels);

static void skip_blank(const char **p) {
  while (**p == ' ' || **p == '\t') (*p)++;
}

static int req_atom(tctx *c, const char **p, uint32_t labels) {
  skip_blank(p);
  if (strncmp(*p, "not ", 4) == 0) return *p += 4, !req_atom(c, p, labels);
  if (**p == '(') {
    (*p)++;
    int v = req_expr(c, p, labels);
    skip_blank(p);
    if (**p == ')') (*p)++;
    return v;
  }
  char name[64];
  size_t n = 0;
  while (((*p)[n] == '_' || ((*p)[n] >= 'A' && (*p)[n] <= 'Z') || ((*p)[n] >= 'a' && (*p)[n] <= 'z') ||
          ((*p)[n] >= '0' && (*p)[n] <= '9')) && n + 1 < sizeof name)
    name[n] = (*p)[n], n++;
  name[n] = '\0';
  *p += n;
  for (uint32_t i = 0; i < c->nlabels; i++)
    if (strcmp(c->labels[i], name) == 0) return (labels & (2u << i)) != 0;
  return 0;
}

static int req_expr(tctx *c, const char **p, uint32_t labels) {
  int v = req_atom(c, p, labels);
  for (;;) {
    skip_blank(p);
    if (strncmp(*p, "and ", 4) == 0) *p += 4, v = req_atom(c, p, labels) && v;
    else if (strncmp(*p, "or ", 3) == 0) *p += 3, v = req_atom(c, p, labels) || v;
    else return v;
  }
}

static int requires_ok(tctx *c, const char *req, const trace *t) {
  if (req == NULL) return 1;
  const char *p = req;
  return req_expr(c, &p, t->labels);
}

static void assign(tctx *c, TSNode n, const trace *t);
static const trace *read_chain(tctx *c, TSNode n, int *known);

/* A source match covering n: a fresh path starting at n. */
static const trace *source_at(tctx *c, TSNode n, const trace *inner) {
  uint32_t s = nstart(n), e = nend(n);
  const trace *hit = NULL;
  int side = 0;
  for (uint32_t i = 0; i < c->src.n; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_SOURCE][c->src_item[i]];
    const pv_pmatch *m = &c->src.v[i];
    if (!(it->exact || it->by_side_effect ? m->s == s && m->e == e : inside(s, e, m))) continue;
    if (it->requires != NULL && (inner == NULL || !requires_ok(c, it->requires, inner))) continue;
    const trace *t = step(c, NULL, s, e, quote(c, "tainted by %s", s, e));
    ((trace *)t)->labels = label_bit(c, it->label), ((trace *)t)->src = i + 1;
    hit = join(c, hit, t);
    side |= it->by_side_effect;
  }
  if (side) { /* by-side-effect: the variable or field matched is tainted from here on */
    int known;
    const trace *old = read_chain(c, n, &known);
    assign(c, n, join(c, old, hit));
  }
  return hit;
}

/* taint_unify_mvars: the metavariables the source of t and sink match m
 * both bind hold the same code. */
static int unified(const tctx *c, const trace *t, const pv_pmatch *m) {
  if (!c->spec->unify_mvars || t->src == 0 || t->src > c->src.n) return 1;
  const pv_pmatch *s = &c->src.v[t->src - 1];
  for (uint32_t i = 0; i < s->nb; i++) {
    const pv_binding *b = pv_pmatch_get(m, s->b[i].name, strlen(s->b[i].name));
    if (b != NULL && (b->e - b->s != s->b[i].e - s->b[i].s ||
                      memcmp(c->data + b->s, c->data + s->b[i].s, b->e - b->s) != 0))
      return 0;
  }
  return 1;
}

/* Function f's parameter reaches a sink: its summary says so. */
static void summary_sink(tctx *c, fsum *f, struct fsink k) {
  if (f->sinks == NULL && (f->sinks = pv_arena_alloc(c->a, SUMMARY_SINKS_MAX * sizeof *f->sinks)) == NULL)
    return (void)(c->oom = 1);
  if (f->nsinks < SUMMARY_SINKS_MAX) f->sinks[f->nsinks++] = k;
}

/* Parameters reach sink si of this file (or ext of another module) with
 * value t (its last step at the sink): the summary being made says so, once
 * per parameter. A parameter t's path does not start at gets a path of its
 * own, the sink alone. */
static void param_sinks(tctx *c, uint32_t si, struct xsink_ *ext, const trace *t) {
  fsum *f = c->current;
  for (uint32_t p = 0; f != NULL && p < PARAMS_MAX; p++) {
    if (!(t->params & (1u << p))) continue;
    const char *pp = one_param(t->params) ? ppath_of(t) : "";
    int known = 0;
    for (uint32_t k = 0; k < f->nsinks; k++)
      known |= f->sinks[k].sink == si && f->sinks[k].ext == ext && f->sinks[k].param == p + 1 &&
               strcmp(f->sinks[k].ppath, pp) == 0;
    if (known) continue;
    const trace *tail = t;
    if (t->param != p + 1) {
      trace *root = pv_arena_alloc(c->a, sizeof *root);
      if (root == NULL) return (void)(c->oom = 1);
      memset(root, 0, sizeof *root);
      root->param = (uint8_t)(p + 1), root->params = 1u << p;
      tail = step(c, root, t->s, t->e, t->msg);
      ((trace *)tail)->file = t->file;
    }
    summary_sink(c, f, (struct fsink){si, ext, (uint8_t)(p + 1), pp, tail});
  }
}

/* A tainted value at n: is n a sink (or inside a non-exact one)? */
static void check_sink(tctx *c, TSNode n, const trace *t) {
  uint32_t s = nstart(n), e = nend(n);
  for (uint32_t i = 0; i < c->sink.n && t != NULL; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_SINK][c->sink_item[i]];
    const pv_pmatch *m = &c->sink.v[i];
    /* a parameter's labels are known at the call: requires is checked there */
    if (!(it->exact ? m->s == s && m->e == e : inside(s, e, m)) || (!t->param && !requires_ok(c, it->requires, t)) ||
        !unified(c, t, m))
      continue;
    const trace *last = step(c, t, m->s, m->e, quote(c, "reaches the sink %s", m->s, m->e));
    param_sinks(c, i, NULL, last);
    if (!t->param && (c->best[i] == NULL || last->len < c->best[i]->len)) c->best[i] = last;
  }
}

/* A budget ran out here: the analysis of the file is incomplete, in the
 * function being interpreted (the first place is named). */
static long fn_index(const pv_taint_file *pf, TSNode fn);

static void cut(tctx *c) {
  if (c->where[0] != '\0') return;
  TSNode fn = c->fn_now;
  if (ts_node_is_null(fn)) return (void)snprintf(c->where, sizeof c->where, "the top level");
  long i = fn_index(c->pf, fn);
  uint32_t line = ts_node_start_point(fn).row + 1, n = i >= 0 ? c->pf->fns[i].ne - c->pf->fns[i].ns : 0;
  if (n == 0) snprintf(c->where, sizeof c->where, "the function at line %u", line);
  else snprintf(c->where, sizeof c->where, "function %.*s (line %u)", (int)(n < 40 ? n : 40),
                (const char *)c->data + c->pf->fns[i].ns, line);
}

/* ---- The environment ---------------------------------------------------- */

static int grow(void **v, uint32_t *cap, uint32_t need, size_t size) {
  if (need <= *cap) return 0;
  uint32_t n = *cap ? *cap * 2 : 32;
  while (n < need) n *= 2;
  void *x = realloc(*v, (size_t)n * size);
  if (x == NULL) return -1;
  *v = x, *cap = n;
  return 0;
}

static binding *find(tctx *c, const unsigned char *name, uint32_t n) {
  for (uint32_t i = c->cur.nb; i-- > 0;)
    if (c->cur.b[i].nlen == n && memcmp(c->cur.b[i].name, name, n) == 0) return &c->cur.b[i];
  for (uint32_t i = c->cur.ng; i-- > 0;)
    if (c->cur.g[i].nlen == n && memcmp(c->cur.g[i].name, name, n) == 0) return &c->cur.g[i];
  return NULL;
}

static void journal(tctx *c, uint8_t kind, uint32_t i, const trace *old) {
  if (c->cur.journal == 0) return;
  if (grow((void **)&c->cur.j, &c->cur.capj, c->cur.nj + 1, sizeof *c->cur.j)) return (void)(c->oom = 1);
  c->cur.j[c->cur.nj++] = (jentry){kind, i, old};
}

/* The value of binding b (scoped or global) becomes t. */
static void set_b(tctx *c, binding *b, const trace *t) {
  if (b >= c->cur.b && b < c->cur.b + c->cur.nb) journal(c, J_SCOPED, (uint32_t)(b - c->cur.b), b->t);
  else journal(c, J_GLOBAL, (uint32_t)(b - c->cur.g), b->t);
  b->t = t;
}

static void set_f(tctx *c, field *f, const trace *t) {
  journal(c, J_FIELD, (uint32_t)(f - c->cur.f), f->t);
  f->t = t;
}

static binding *declare(tctx *c, TSNode name, const trace *t) {
  if (grow((void **)&c->cur.b, &c->cur.capb, c->cur.nb + 1, sizeof *c->cur.b)) {
    c->oom = 1;
    return NULL;
  }
  binding *b = &c->cur.b[c->cur.nb++];
  b->id = ++c->next_id, b->name = c->data + nstart(name), b->nlen = nend(name) - nstart(name);
  b->depth = c->depth, b->t = t;
  memset(&b->obj, 0, sizeof b->obj);
  memset(&b->fn, 0, sizeof b->fn);
  for (uint32_t i = 0; i < c->npend; i++) /* a propagator's `to` */
    if (c->pend[i].s == nstart(name) && c->pend[i].e == nend(name)) b->t = join(c, b->t, c->pend[i].t);
  return b;
}

/* The key of property p of an object literal or pattern, or the index of
 * o['k'], as a field path (".k"), or 0: computed, or not a plain name (a
 * string with escapes is not compared by its text). */
static int key_path(tctx *c, TSNode key, char out[FIELD_PATH_MAX]) {
  uint32_t ks = nstart(key), ke = nend(key);
  if (sym_is(key, c->sy->string)) ks++, ke--;
  else if (!sym_is(key, c->sy->prop) && !sym_is(key, c->sy->sprop) && !sym_is(key, c->sy->sprop_pat)) return 0;
  if (ke <= ks || ke - ks + 2 >= FIELD_PATH_MAX || memchr(c->data + ks, '.', ke - ks) != NULL ||
      memchr(c->data + ks, '\\', ke - ks) != NULL)
    return 0;
  out[0] = '.';
  memcpy(out + 1, c->data + ks, ke - ks);
  out[ke - ks + 1] = '\0';
  return 1;
}

/* Field path of member chain n below its root identifier (".a.b"; o['b']
 * counts as o.b), the root in *root; 0 when n is not such a chain or the
 * path is too long. */
static int member_path(tctx *c, TSNode n, TSNode *root, char path[FIELD_PATH_MAX]) {
  char tmp[FIELD_PATH_MAX] = "", key[FIELD_PATH_MAX];
  for (int guard = 0; guard < 16; guard++) {
    if (sym_is(n, c->sy->ident) || sym_is(n, c->sy->this_)) {
      *root = n;
      memcpy(path, tmp, strlen(tmp) + 1);
      return 1;
    }
    if (sym_is(n, c->sy->member)) {
      TSNode p = field_of(n, "property");
      size_t pl = nend(p) - nstart(p);
      if (ts_node_is_null(p) || pl + 2 >= FIELD_PATH_MAX) return 0;
      key[0] = '.';
      memcpy(key + 1, c->data + nstart(p), pl);
      key[pl + 1] = '\0';
    } else if (!sym_is(n, c->sy->subscript) || !key_path(c, field_of(n, "index"), key))
      return 0;
    size_t kl = strlen(key), tl = strlen(tmp);
    if (kl + tl + 1 >= FIELD_PATH_MAX) return 0;
    memmove(tmp + kl, tmp, tl + 1);
    memcpy(tmp, key, kl);
    n = field_of(n, "object");
  }
  return 0;
}

/* o['a'] (or o.x['a']): a subscript member_path can follow */
static int keyed(tctx *c, TSNode n) {
  TSNode root;
  char path[FIELD_PATH_MAX];
  return sym_is(field_of(n, "index"), c->sy->string) && member_path(c, n, &root, path);
}

static binding *var_of(tctx *c, TSNode id, int create) {
  binding *b = find(c, c->data + nstart(id), nend(id) - nstart(id));
  if (b == NULL && create) { /* an undeclared name: a global */
    if (grow((void **)&c->cur.g, &c->cur.capg, c->cur.ng + 1, sizeof *c->cur.g)) return c->oom = 1, NULL;
    b = &c->cur.g[c->cur.ng++];
    b->id = ++c->next_id, b->name = c->data + nstart(id), b->nlen = nend(id) - nstart(id);
    b->depth = 0, b->t = NULL;
    memset(&b->obj, 0, sizeof b->obj);
    memset(&b->fn, 0, sizeof b->fn);
    journal(c, J_GLOBAL, c->cur.ng - 1, NULL);
  }
  return b;
}

static field *field_find(tctx *c, uint32_t id, const char *path) {
  for (uint32_t i = c->cur.nf; i-- > 0;)
    if (c->cur.f[i].id == id && strcmp(c->cur.f[i].path, path) == 0) return &c->cur.f[i];
  return NULL;
}

/* The value of binding b at field path p ("" the whole): the most specific
 * value written at p or a prefix of it, with the fields written below p as
 * its fields. */
static const trace *value_at(tctx *c, const binding *b, const char *p) {
  size_t best = 0;
  const trace *at = b->t, *extra = NULL;
  sfield sub[SHAPE_MAX];
  uint32_t k = 0;
  for (uint32_t i = 0; i < c->cur.nf; i++) {
    const field *f = &c->cur.f[i];
    if (f->id != b->id) continue;
    size_t m = covers(f->path, p);
    if (m > best) best = m, at = f->t;
    else if (m == 0 && below(f->path, p) && k < SHAPE_MAX) sub[k++] = (sfield){f->path + strlen(p), f->t};
    else if (m == 0 && below(f->path, p)) extra = join(c, extra, f->t);
  }
  const trace *t = select_field(c, at, best ? p + best - 1 : p);
  return k ? make_shape(c, join(c, t, extra), sub, k) : join(c, t, extra);
}

/* Is anything at path p of b (or a prefix of it) tainted? */
static int tainted_at(const tctx *c, const binding *b, const char *p) {
  if (b->t != NULL) return 1;
  for (uint32_t i = 0; i < c->cur.nf; i++)
    if (c->cur.f[i].id == b->id && c->cur.f[i].t != NULL && covers(c->cur.f[i].path, p)) return 1;
  return 0;
}

/* Path p of binding b becomes t: its fields below p become t's. */
static void assign_path(tctx *c, binding *b, const char *p, const trace *t) {
  size_t pl = strlen(p);
  if (pl == 0) set_b(c, b, t);
  else {
    field *f = field_find(c, b->id, p);
    if (f == NULL && (t != NULL || tainted_at(c, b, p))) {
      if (grow((void **)&c->cur.f, &c->cur.capf, c->cur.nf + 1, sizeof *c->cur.f)) return (void)(c->oom = 1);
      f = &c->cur.f[c->cur.nf++];
      f->id = b->id, f->t = NULL;
      if ((f->path = pv_arena_strdup(c->a, p)) == NULL) return (void)(c->oom = 1, c->cur.nf--);
    }
    if (f != NULL) set_f(c, f, t);
  }
  for (uint32_t i = 0; i < c->cur.nf; i++) { /* deeper fields are overwritten too */
    field *d = &c->cur.f[i];
    if (d->id == b->id && below(d->path, p)) {
      const trace *v = select_field(c, t, d->path + pl);
      if (v != d->t) set_f(c, d, v);
    }
  }
}

/* Assign t to the variable or field chain n (an identifier or a member
 * chain); other targets (computed members, patterns) by the caller. */
static void store_write(tctx *c, TSNode at, const char *path, const trace *t);
static const trace *store_read(tctx *c, TSNode body, const char *path);
static TSNode this_body(tctx *c, TSNode n);

static void assign(tctx *c, TSNode n, const trace *t) {
  TSNode root;
  char path[FIELD_PATH_MAX];
  if (!member_path(c, n, &root, path)) return;
  if (sym_is(root, c->sy->this_)) store_write(c, root, path, t);
  binding *b = var_of(c, root, 1);
  if (b != NULL) assign_path(c, b, path, t);
}

/* The value of a variable or field chain (*known: n is one of a variable
 * in scope). */
static const trace *read_chain(tctx *c, TSNode n, int *known) {
  TSNode root;
  char path[FIELD_PATH_MAX];
  *known = 0;
  if (!member_path(c, n, &root, path)) return NULL;
  binding *b = var_of(c, root, 0);
  const trace *kept = NULL;
  if (c->nstore > 0) /* (this_body walks up the tree) */
    kept = store_read(c, sym_is(root, c->sy->this_) ? this_body(c, root) : b ? b->obj : (TSNode){0}, path);
  *known = b != NULL || kept != NULL;
  return b != NULL ? join(c, value_at(c, b, path), kept) : kept;
}

static void env_free(env *e) {
  free(e->b);
  free(e->g);
  free(e->f);
  free(e->j);
  memset(e, 0, sizeof *e);
}

/* Branches: each way runs from the same state; the writes it made are kept
 * aside and undone, then every value written is joined over the ways (and
 * the state before them when a way may not run). */
typedef struct {
  uint8_t kind;
  uint32_t i;
  const trace *t[9]; /* per way (8 at most) and, last, the state before */
  uint16_t set;      /* ways that wrote it */
} change;

static const trace **slot(tctx *c, uint8_t kind, uint32_t i) {
  if (kind == J_SCOPED) return i < c->cur.nb ? &c->cur.b[i].t : NULL;
  if (kind == J_GLOBAL) return i < c->cur.ng ? &c->cur.g[i].t : NULL;
  return i < c->cur.nf ? &c->cur.f[i].t : NULL;
}

static void undo(tctx *c, uint32_t mark) {
  while (c->cur.nj > mark) {
    const jentry *e = &c->cur.j[--c->cur.nj];
    const trace **v = slot(c, e->kind, e->i);
    if (v) *v = e->old;
  }
}

static change *change_of(change **v, uint32_t *n, uint32_t *cap, uint8_t kind, uint32_t i) {
  for (uint32_t k = 0; k < *n; k++)
    if ((*v)[k].kind == kind && (*v)[k].i == i) return &(*v)[k];
  if (grow((void **)v, cap, *n + 1, sizeof **v)) return NULL;
  change *x = &(*v)[(*n)++];
  memset(x, 0, sizeof *x);
  x->kind = kind, x->i = i;
  return x;
}

/* ---- Functions ---------------------------------------------------------- */

static int is_function(const tctx *c, TSNode n) {
  TSSymbol x = ts_node_is_null(n) ? 0 : ts_node_symbol(n);
  const pv_syms_ts *y = c->sy;
  return x != 0 && (x == y->fn_decl || x == y->fn_expr || x == y->arrow || x == y->method ||
                    x == y->gen_decl || x == y->gen_expr);
}

static uint32_t name_hash(const unsigned char *t, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++) h = (h ^ t[i]) * 16777619u;
  return h;
}

static uint32_t node_hash(TSNode n) { return (nstart(n) * 2654435761u) ^ ts_node_symbol(n); }

static uint32_t fn_name_hash(const pv_taint_file *pf, uint32_t i) {
  return name_hash(pf->f->data + pf->fns[i].ns, pf->fns[i].ne - pf->fns[i].ns);
}

/* Index the file's functions by node and by name (the first of a name
 * wins); -1 on OOM. */
static int index_fns(pv_taint_file *pf) {
  uint32_t cap = 64;
  while (cap < pf->nfns * 2) cap *= 2;
  free(pf->nhash), free(pf->fhash);
  pf->nhash = calloc(cap, sizeof *pf->nhash), pf->fhash = calloc(cap, sizeof *pf->fhash);
  if (pf->nhash == NULL || pf->fhash == NULL) return -1;
  pf->ncap = pf->fcap = cap;
  for (uint32_t i = 0; i < pf->nfns; i++) {
    uint32_t j = node_hash(pf->fns[i].node) & (cap - 1);
    while (pf->nhash[j]) j = (j + 1) & (cap - 1);
    pf->nhash[j] = i + 1;
    if (pf->fns[i].ne == pf->fns[i].ns) continue;
    for (j = fn_name_hash(pf, i) & (cap - 1); pf->fhash[j]; j = (j + 1) & (cap - 1)) {}
    pf->fhash[j] = i + 1;
  }
  return 0;
}

/* The index of function node fn in the file, or -1. */
static long fn_index(const pv_taint_file *pf, TSNode fn) {
  for (uint32_t j = pf->ncap ? node_hash(fn) & (pf->ncap - 1) : 0; pf->ncap && pf->nhash[j]; j = (j + 1) & (pf->ncap - 1))
    if (ts_node_eq(pf->fns[pf->nhash[j] - 1].node, fn)) return (long)pf->nhash[j] - 1;
  return -1;
}

/* The summary record of function node fn (NULL: not one of the file's). */
static fsum *fn_of(tctx *c, TSNode fn) {
  long i = fn_index(c->pf, fn);
  return i >= 0 && c->fns != NULL ? &c->fns[i] : NULL;
}

/* Method `name` (kind 0 a method, 'g' a getter, 's' a setter) of class
 * body or object literal body; 1 when found. */
static int member_fn(tctx *c, TSNode body, const unsigned char *name, uint32_t len, int kind, TSNode *out) {
  for (uint32_t i = 0; i < nkids(body); i++) {
    TSNode m = ts_node_named_child(body, i), key = field_of(m, "name");
    if (sym_is(m, c->sy->pair)) key = field_of(m, "key"), m = field_of(m, "value");
    if (!is_function(c, m) || !sym_is(key, c->sy->prop) || nend(key) - nstart(key) != len ||
        memcmp(c->data + nstart(key), name, len) != 0)
      continue;
    TSNode first = ts_node_child(m, 0); /* get / set / static / async */
    int k = !ts_node_is_named(first) && nend(first) - nstart(first) == 3 ? c->data[nstart(first)] : 0;
    if ((k == 'g' || k == 's' ? k : 0) == kind) return *out = m, 1;
  }
  return 0;
}

/* The index in pf->cls of the class of body `body`, or -1. */
static long class_index(const pv_taint_file *pf, TSNode body) {
  uint32_t lo = 0, hi = pf->ncls, at = nstart(body);
  while (!ts_node_is_null(body) && lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (nstart(pf->cls[mid].body) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < pf->ncls && ts_node_eq(pf->cls[lo].body, body) ? (long)lo : -1;
}

/* The body of the class of this file that class body `body` extends, or a
 * null node. */
static TSNode parent_body(tctx *c, TSNode body) {
  long i = class_index(c->pf, body);
  return i >= 0 && c->pf->cls[i].up ? c->pf->cls[c->pf->cls[i].up - 1].body : (TSNode){0};
}

/* The root of the classes of this file that body extends (itself if
 * none): a class and its ancestors keep their fields together. */
static TSNode family(tctx *c, TSNode body) {
  TSNode up = parent_body(c, body);
  for (int d = 0; d < INHERIT_MAX && !ts_node_is_null(up); d++) body = up, up = parent_body(c, body);
  return body;
}

/* Method `name` of body or, for a class, of the classes it extends. */
static int method_of(tctx *c, TSNode body, const unsigned char *name, uint32_t len, int kind, TSNode *out) {
  for (int d = 0; d <= INHERIT_MAX && !ts_node_is_null(body); d++, body = parent_body(c, body))
    if (member_fn(c, body, name, len, kind, out)) return 1;
  return 0;
}

/* The class body (or object literal) whose method n is in, as `this`
 * sees it: arrow functions keep the `this` around them; other functions
 * than methods have their own. */
static TSNode this_body(tctx *c, TSNode n) {
  TSNode none = {0};
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (sym_is(p, c->sy->arrow) || !is_function(c, p)) continue;
    TSNode up = ts_node_parent(p);
    if (sym_is(up, c->sy->pair)) up = ts_node_parent(up);
    return sym_is(up, c->sy->class_body) || sym_is(up, c->sy->object) ? up : none;
  }
  return none;
}

/* The class body or object literal of receiver o (`this`, or a variable
 * made with `new K()` or an object literal), or a null node. */
static TSNode receiver_body(tctx *c, TSNode o) {
  if (sym_is(o, c->sy->this_)) return this_body(c, o);
  if (sym_is(o, c->sy->super_)) return parent_body(c, this_body(c, o)); /* super.m() */
  binding *b = sym_is(o, c->sy->ident) ? find(c, c->data + nstart(o), nend(o) - nstart(o)) : NULL;
  TSNode none = {0};
  return b != NULL ? b->obj : none;
}

/* o.m(...), this.m(...): method m of the receiver's class or object. */
static int receiver_method(tctx *c, TSNode callee, int kind, TSNode *out) {
  TSNode prop = field_of(callee, "property");
  TSNode body = sym_is(prop, c->sy->prop) ? receiver_body(c, field_of(callee, "object")) : (TSNode){0};
  return !ts_node_is_null(body) && method_of(c, body, c->data + nstart(prop), nend(prop) - nstart(prop), kind, out);
}

/* The body of class `name` of this file, or a null node. */
static TSNode class_named(tctx *c, TSNode name) {
  TSNode none = {0};
  for (uint32_t i = 0; sym_is(name, c->sy->ident) && i < c->pf->ncls; i++) {
    const struct pcls *k = &c->pf->cls[i];
    if (k->ne - k->ns == nend(name) - nstart(name) && memcmp(c->data + k->ns, c->data + nstart(name), k->ne - k->ns) == 0)
      return k->body;
  }
  return none;
}

/* ---- Fields of instances ---------------------------------------------- */

/* What methods write to this.path is kept per class (all instances alike,
 * whatever the order the methods run in): a source's taint, not a
 * parameter of a summary being made. */
static void store_put(tctx *c, TSNode body, const char *path, const trace *t) {
  if (t == NULL || t->param != 0 || path[0] == '\0' || ts_node_is_null(body)) return;
  body = family(c, body);
  struct kfield *k = NULL;
  for (uint32_t i = 0; i < c->nstore && k == NULL; i++)
    if (c->store[i].body == nstart(body) && strcmp(c->store[i].path, path) == 0) k = &c->store[i];
  if (k == NULL) {
    if (grow((void **)&c->store, &c->capstore, c->nstore + 1, sizeof *c->store)) return (void)(c->oom = 1);
    k = &c->store[c->nstore++];
    *k = (struct kfield){nstart(body), pv_arena_strdup(c->a, path), NULL};
  }
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL || k->path == NULL) return (void)(c->oom = 1);
  *x = *derive(c, t); /* kept without the parameters of where it was written */
  x->params = 0, x->ppath = NULL;
  const trace *j = join(c, k->t, x);
  if (k->t == NULL || j->labels != k->t->labels) c->store_version++;
  k->t = j;
}

static void store_write(tctx *c, TSNode at, const char *path, const trace *t) {
  store_put(c, this_body(c, at), path, t);
}

/* `x = v` in a class body (not static): every instance's field x starts
 * as v. */
static void class_field(tctx *c, TSNode n) {
  TSNode nm = field_of(n, "property"), v = field_of(n, "value");
  if (ts_node_is_null(nm)) nm = field_of(n, "name"); /* TypeScript */
  for (uint32_t i = 0; i < ts_node_child_count(n); i++) {
    TSNode k = ts_node_child(n, i);
    if (!ts_node_is_named(k) && nend(k) - nstart(k) == 6 && memcmp(c->data + nstart(k), "static", 6) == 0) return;
  }
  if (ts_node_is_null(nm) || ts_node_is_null(v) || is_function(c, v)) return;
  char path[FIELD_PATH_MAX];
  uint32_t l = nend(nm) - nstart(nm);
  if (!key_path(c, nm, path)) { /* x, #x */
    if (ts_node_named_child_count(nm) > 0 || l + 2 > FIELD_PATH_MAX) return; /* [computed] */
    path[0] = '.', memcpy(path + 1, c->data + nstart(nm), l), path[l + 1] = '\0';
  }
  const trace *t = ev(c, v);
  if (t != NULL) store_put(c, ts_node_parent(n), path, step(c, t, nstart(n), nend(n), quote(c, "assigned in %s", nstart(n), nend(n))));
}

/* Field path of an instance of class body `body`: what its methods wrote
 * to this.path. */
static const trace *store_read(tctx *c, TSNode body, const char *path) {
  const trace *t = NULL;
  if (c->nstore == 0 || !sym_is(body, c->sy->class_body)) return NULL;
  body = family(c, body);
  for (uint32_t i = 0; i < c->nstore; i++) {
    const struct kfield *k = &c->store[i];
    if (k->body != nstart(body)) continue;
    size_t m = covers(k->path, path);
    if (m) t = join(c, t, select_field(c, k->t, path + m - 1));
    else if (below(k->path, path)) t = join(c, t, k->t);
  }
  return t;
}

/* The function a callee expression names in this file, if any:
 * `function f`, `const f = function/arrow`, seen as declarations, and
 * `this.m` for a method m of the class or object literal around it. */
static int callee_function(tctx *c, TSNode callee, TSNode *out) {
  const pv_taint_file *pf = c->pf;
  while (sym_is(callee, c->sy->paren) && nkids(callee) == 1) callee = ts_node_named_child(callee, 0);
  if (is_function(c, callee)) return *out = callee, 1; /* (function (x) { ... })(v) */
  if (sym_is(callee, c->sy->member)) return receiver_method(c, callee, 0, out);
  if (!(sym_is(callee, c->sy->ident) || sym_is(callee, c->sy->sprop)) || pf->fcap == 0) return 0;
  const unsigned char *name = c->data + nstart(callee);
  uint32_t n = nend(callee) - nstart(callee);
  const binding *b = sym_is(callee, c->sy->ident) ? find(c, name, n) : NULL;
  if (b != NULL && !ts_node_is_null(b->fn)) return *out = b->fn, 1; /* const f = g; f(v) */
  for (uint32_t j = name_hash(name, n) & (pf->fcap - 1); pf->fhash[j]; j = (j + 1) & (pf->fcap - 1)) {
    const struct pfn *f = &pf->fns[pf->fhash[j] - 1];
    if (f->ne - f->ns == n && memcmp(c->data + f->ns, name, n) == 0) return *out = f->node, 1;
  }
  return 0;
}

/* Call fn on every name a binding pattern ({ a, b: c, ...d }, [x, y])
 * declares. */
typedef struct {
  tctx *c;
  void (*fn)(tctx *c, TSNode name, void *arg);
  void *arg;
} names_ctx;

static void name_visit(void *ctx, TSNode x) {
  names_ctx *w = ctx;
  if (sym_is(x, w->c->sy->ident) || sym_is(x, w->c->sy->sprop_pat)) w->fn(w->c, x, w->arg);
}

static void each_name(tctx *c, TSNode pat, void (*fn)(tctx *c, TSNode name, void *arg), void *arg) {
  names_ctx w = {c, fn, arg};
  pv_tree_walk(pat, name_visit, &w);
}

static void destructure(tctx *c, TSNode pat, const trace *t, void (*bind)(tctx *c, TSNode name, void *t));
static void declare_to(tctx *c, TSNode name, void *t) { declare(c, name, t); }
static void assign_to(tctx *c, TSNode name, void *t) { assign(c, name, t); }

/* Bind a parameter list: each parameter (identifier, pattern with
 * default, rest) to t(i). */
static void bind_params(tctx *c, TSNode fn, const trace *const *args, uint32_t nargs, uint32_t *ids) {
  TSNode ps = field_of(fn, "parameters");
  if (ts_node_is_null(ps)) { /* x => ... */
    TSNode p = field_of(fn, "parameter");
    binding *b = ts_node_is_null(p) ? NULL : declare(c, p, nargs > 0 ? args[0] : NULL);
    if (ids != NULL && b != NULL) ids[0] = b->id;
    return;
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < nkids(ps); i++) {
    TSNode p = ts_node_named_child(ps, i);
    if (sym_is(p, c->sy->comment)) continue;
    const trace *t = k < nargs ? args[k] : NULL;
    k++;
    TSNode ty = field_of(p, "type"); /* (n: number) under taint_assume_safe_numbers */
    if (!ts_node_is_null(ty) && nkids(ty) > 0) {
      TSNode tn = ts_node_named_child(ty, 0);
      uint32_t tl = nend(tn) - nstart(tn);
      const char *tx = (const char *)c->data + nstart(tn);
      if ((c->spec->safe_numbers && tl == 6 && !memcmp(tx, "number", 6)) ||
          (c->spec->safe_booleans && tl == 7 && !memcmp(tx, "boolean", 7)))
        t = NULL;
    }
    /* TS: required_parameter / optional_parameter hold the pattern */
    TSNode pat = field_of(p, "pattern");
    if (!ts_node_is_null(pat)) p = pat;
    if (sym_is(p, c->sy->assign_pat)) { /* x = default */
      TSNode l = field_of(p, "left"), r = field_of(p, "right");
      t = join(c, t, ts_node_is_null(r) ? NULL : ev(c, r));
      p = l;
    }
    if (sym_is(p, c->sy->rest_pat) && nkids(p) > 0) p = ts_node_named_child(p, 0);
    if (sym_is(p, c->sy->ident)) {
      binding *b = declare(c, p, t);
      if (ids != NULL && b != NULL && k <= PARAMS_MAX) ids[k - 1] = b->id;
    } else {
      destructure(c, p, t, declare_to);
    }
  }
}

/* The `var`s declared anywhere in a function body (or the top level) n
 * are the function's, from its start: declare them before it runs (not
 * those of nested functions). */
static void hoist(tctx *c, TSNode n, uint32_t level) {
  if (level > DEPTH_MAX) return;
  for (uint32_t i = 0; i < nkids(n); i++) {
    TSNode k = ts_node_named_child(n, i);
    if (is_function(c, k) || sym_is(k, c->sy->class_body)) continue;
    if (!sym_is(k, c->sy->vardecl)) {
      hoist(c, k, level + 1);
      continue;
    }
    for (uint32_t j = 0; j < nkids(k); j++) {
      TSNode nm = field_of(ts_node_named_child(k, j), "name");
      binding *b = sym_is(nm, c->sy->ident) ? find(c, c->data + nstart(nm), nend(nm) - nstart(nm)) : NULL;
      if (sym_is(nm, c->sy->ident) && (b == NULL || b->depth < c->fn_depth)) declare(c, nm, NULL);
    }
  }
}

/* A function's own `this` (its fields while it runs; what methods keep
 * in them is in the class's store). */
static void bind_this(tctx *c) {
  if (grow((void **)&c->cur.b, &c->cur.capb, c->cur.nb + 1, sizeof *c->cur.b)) return (void)(c->oom = 1);
  binding *b = &c->cur.b[c->cur.nb++];
  memset(b, 0, sizeof *b);
  b->id = ++c->next_id, b->name = (const unsigned char *)"this", b->nlen = 4, b->depth = c->depth;
}

/* Interpret function fn's body with its parameters bound to args. Returns
 * what it returns; ids (if not NULL) gets the binding of each parameter
 * that is a name. */
static const trace *run_function(tctx *c, TSNode fn, const trace *const *args, uint32_t nargs, uint32_t *ids) {
  if (c->nest > NEST_MAX) return cut(c), NULL;
  uint32_t nb = c->cur.nb, d = c->depth;
  TSNode outer = c->fn_now;
  uint32_t fd = c->fn_depth;
  c->fn_now = fn;
  const trace *ret = c->ret, *thrown = c->thrown; /* (a callee's throws do not reach the caller's catch) */
  c->ret = NULL, c->thrown = NULL, c->nest++, c->depth++;
  if (!sym_is(fn, c->sy->arrow)) bind_this(c);
  bind_params(c, fn, args, nargs, ids);
  TSNode body = field_of(fn, "body");
  c->fn_depth = c->depth;
  long i = fn_index(c->pf, fn);
  if (i >= 0 && c->pf->fns[i].hoists) hoist(c, body, 0);
  if (!ts_node_is_null(body)) {
    if (sym_is(body, c->sy->block)) stmt(c, body);
    else c->ret = join(c, c->ret, ev(c, body)); /* x => expression */
  }
  const trace *out = c->ret;
  c->ret = ret, c->thrown = thrown, c->nest--, c->depth = d, c->cur.nb = nb, c->fn_now = outer, c->fn_depth = fd;
  return out;
}

/* Add part (path, param, ppath, t) to v[0..*n) unless it is there; 1 when added. */
static int add_part(tctx *c, rpart **v, uint32_t *n, rpart p) {
  if (*v == NULL && (*v = pv_arena_alloc(c->a, RPARTS_MAX * sizeof **v)) == NULL) return c->oom = 1, 0;
  for (uint32_t i = 0; i < *n; i++)
    if ((*v)[i].param == p.param && strcmp((*v)[i].path, p.path) == 0 && strcmp((*v)[i].ppath, p.ppath) == 0 &&
        (p.param != 0 || ((*v)[i].t == NULL) == (p.t == NULL)))
      return 0;
  if (*n == RPARTS_MAX) return 0;
  (*v)[(*n)++] = p;
  return 1;
}

/* The parts of value t at field path `at` of what is made, into v: its
 * fields, each parameter it carries, and a source's taint. Returns how
 * many were new. */
static uint32_t parts_of(tctx *c, const trace *t, const char *at, rpart **v, uint32_t *n) {
  if (t == NULL) return at[0] ? (uint32_t)add_part(c, v, n, (rpart){at, 0, 0, "", NULL}) : 0;
  uint32_t k = 0;
  if (t->shape != NULL) {
    for (uint32_t i = 0; i < t->shape->n; i++) { /* (a path too long: the field counts for the whole) */
      int fits = strlen(at) + strlen(t->shape->f[i].path) < FIELD_PATH_MAX;
      const char *sub = fits ? pv_arena_printf(c->a, "%s%s", at, t->shape->f[i].path) : at;
      if (sub == NULL) return c->oom = 1, k;
      k += parts_of(c, rebase(c, t->shape->f[i].t, t), sub, v, n);
    }
    return k + parts_of(c, rebase(c, t->shape->rest, t), at, v, n);
  }
  for (uint32_t p = 0; p < PARAMS_MAX; p++)
    if (t->params & (1u << p))
      k += add_part(c, v, n, (rpart){at, (uint8_t)(p + 1), t->derived, one_param(t->params) ? ppath_of(t) : "", NULL});
  if (t->param == 0) { /* the path starts at a source: the callee's parameters are not the caller's */
    trace *x = pv_arena_alloc(c->a, sizeof *x);
    if (x == NULL) return c->oom = 1, k;
    *x = *t;
    x->params = 0, x->ppath = NULL;
    k += add_part(c, v, n, (rpart){at, 0, 0, "", x});
  }
  return k;
}

/* What parameters ids[] of the function just run hold in fields written
 * by it (fields from index nf of the environment on): its effects. */
static uint32_t effects_of(tctx *c, fsum *f, const uint32_t *ids, uint32_t nf) {
  uint32_t k = 0;
  for (uint32_t i = nf; i < c->cur.nf; i++)
    for (uint32_t p = 0; p < PARAMS_MAX; p++) {
      if (ids[p] == 0 || c->cur.f[i].id != ids[p] || c->cur.f[i].t == NULL) continue;
      uint32_t before = f->neff;
      k += parts_of(c, c->cur.f[i].t, c->cur.f[i].path, &f->eff, &f->neff);
      if (f->neff > before && f->target == NULL && (f->target = pv_arena_alloc(c->a, RPARTS_MAX)) == NULL) return c->oom = 1, k;
      for (uint32_t j = before; j < f->neff; j++) f->target[j] = (uint8_t)(p + 1);
    }
  return k;
}

/* The summary of fn: computed once, parameters as symbolic sources; a
 * recursive function's again until nothing new (its calls to itself use
 * what the previous run found). */
static fsum *summary(tctx *c, TSNode fn) {
  if (c->nest >= NEST_MAX) return cut(c), NULL; /* too deep: the call keeps the default */
  fsum *f = fn_of(c, fn);
  if (f == NULL || f->state != 0) {
    if (f != NULL && f->state == 1) f->recursive = 1;
    return f;
  }
  f->state = 1;
  const trace *args[PARAMS_MAX];
  for (uint32_t i = 0; i < PARAMS_MAX; i++) {
    trace *t = pv_arena_alloc(c->a, sizeof *t);
    if (t == NULL) return c->oom = 1, f;
    memset(t, 0, sizeof *t);
    t->param = (uint8_t)(i + 1), t->params = 1u << i, t->len = 0;
    args[i] = t;
  }
  fsum *outer = c->current;
  c->current = f;
  for (int run = 0; run < FIXPOINT_MAX; run++) {
    /* the environment is left as it was (its writes are undone) */
    uint32_t mark = c->cur.nj, nb = c->cur.nb, nf = c->cur.nf, ids[PARAMS_MAX] = {0}, sinks = f->nsinks;
    c->cur.journal++;
    const trace *r = run_function(c, fn, args, PARAMS_MAX, ids);
    uint32_t fresh = parts_of(c, r, "", &f->rets, &f->nrets) + effects_of(c, f, ids, nf);
    c->cur.journal--;
    undo(c, mark);
    c->cur.nb = nb;
    if (r != NULL && r->param == 0 && f->ret == NULL) f->ret = r; /* (a real source wins the path of a join) */
    if (!f->recursive || (fresh == 0 && f->nsinks == sinks) || c->over || c->oom) break;
  }
  c->current = outer;
  f->state = 2;
  return f;
}

/* Re-root the path `tail` (which starts at a symbolic parameter) on `head`. */
static const trace *splice(tctx *c, const trace *head, const trace *tail) {
  if (tail == NULL || tail->param == 0 || tail->len == 0) return head;
  const trace *base = splice(c, head, tail->prev);
  const trace *t = step(c, base, tail->s, tail->e, tail->msg);
  ((trace *)t)->file = tail->file;
  ((trace *)t)->param = head ? head->param : 0;
  ((trace *)t)->params = head ? head->params : 0;
  ((trace *)t)->labels = (head ? head->labels : 0) | tail->labels;
  return t;
}

/* ---- Across files ---------------------------------------------------------- */

/* A step kept beyond the run of its file. */
typedef struct {
  const pv_file *file;
  uint32_t s, e;
  const char *msg;
} xstep;

/* A part of a summary (rpart) kept beyond the run of its file: a
 * source's path as steps (none: the field is clean); target, for an
 * effect, the parameter written. */
typedef struct {
  const char *path, *ppath;
  uint8_t param, derived, target;
  xstep *steps;
  uint32_t n, labels;
} xpart;

typedef struct xsink_ {
  uint8_t param;           /* 1-based */
  const char *ppath;       /* its field that reaches the sink ("" all of it) */
  const pv_file *file;     /* the sink's file */
  pv_pmatch sink;
  uint32_t item;           /* its item (requires) */
  xstep *steps;            /* from the parameter to the sink */
  uint32_t n, labels;
  int reported;
} xsink;

typedef struct {
  const pv_rule *rule;
  const pv_file *file;
  const char *name;        /* export name; "" the module itself (module.exports = f) */
  xpart *rets, *eff;       /* what it returns; what it writes to its parameters' fields */
  uint32_t nrets, neff;
  int ret;                 /* a source inside reaches the return value */
  xsink *sinks;
  uint32_t nsinks;
  TSNode node;             /* the function (valid while its own file is analysed) */
} xfn;

struct pv_taint_exports {
  pv_arena *a;
  xfn *v;
  uint32_t n, cap;
  uint32_t *h, hcap; /* v by (rule, file, name): index + 1, 0 empty; hcap a power of 2 */
  struct mark *m;    /* (rule, file) by hash; mcap a power of 2 */
  uint32_t nm, mcap;
  uint32_t round, npending, progress; /* the round; pending pairs; pairs that changed state in it */
  int final;                          /* the round is the last */
};

/* Where a (rule, file) pair stands. A file is analysed for a rule in the
 * rounds after the first pass (which only looks for sources), when taint
 * can arise in it or another module needs the summaries of its exports:
 * PENDING until that analysis is complete, DONE once it is (its exports
 * recorded; ret: one returns a source's taint). */
enum { M_PENDING = 1, M_DONE = 2 };
struct mark {
  const pv_rule *rule;
  const pv_file *f;
  uint8_t state, ret;
};

static uint32_t mark_hash(const void *rule, const pv_file *f) {
  return (uint32_t)((uintptr_t)rule * 2654435761u) ^ (uint32_t)((uintptr_t)f * 40503u);
}

static struct mark *marked(const pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  for (uint32_t j = x && x->mcap ? mark_hash(rule, f) & (x->mcap - 1) : 0; x && x->mcap && x->m[j].rule;
       j = (j + 1) & (x->mcap - 1))
    if (x->m[j].rule == rule && x->m[j].f == f) return &x->m[j];
  return NULL;
}

/* The mark of (rule, f), made on first use; NULL on OOM. */
static struct mark *mark(pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  struct mark *k = marked(x, rule, f);
  if (k != NULL) return k;
  if ((x->nm + 1) * 2 > x->mcap) {
    uint32_t cap = x->mcap ? x->mcap * 2 : 64;
    struct mark *m = calloc(cap, sizeof *m);
    if (m == NULL) return NULL;
    for (uint32_t i = 0; i < x->mcap; i++) {
      if (x->m[i].rule == NULL) continue;
      uint32_t j = mark_hash(x->m[i].rule, x->m[i].f) & (cap - 1);
      while (m[j].rule) j = (j + 1) & (cap - 1);
      m[j] = x->m[i];
    }
    free(x->m);
    x->m = m, x->mcap = cap;
  }
  uint32_t j = mark_hash(rule, f) & (x->mcap - 1);
  while (x->m[j].rule) j = (j + 1) & (x->mcap - 1);
  x->m[j] = (struct mark){rule, f, 0, 0}, x->nm++;
  return &x->m[j];
}

/* (rule, f) is to be analysed in this round (if f comes later in the
 * order) or the next; -1 on OOM. */
static int set_pending(pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  struct mark *k = mark(x, rule, f);
  if (k == NULL) return -1;
  if (k->state != M_PENDING) k->state = M_PENDING, x->npending++, x->progress++; /* new work */
  return 0;
}

static int is_done(const tctx *c, const pv_file *f) {
  const struct mark *k = marked(c->x, c->rule, f);
  return k != NULL && k->state == M_DONE;
}

/* A call hands taint to module f whose summaries are not made: ask for
 * them, and analyse this file again once they are (but for the last
 * round, where such calls keep the default: their arguments reach the
 * result). */
static void wait_for(tctx *c, const pv_file *f) {
  if (c->final || c->x == NULL || is_done(c, f)) return;
  c->deferred = 1;
  const struct mark *k = marked(c->x, c->rule, f);
  if ((k == NULL || k->state != M_PENDING) && set_pending(c->x, c->rule, f) != 0) c->oom = 1;
}

pv_taint_exports *pv_taint_exports_new(void) {
  pv_taint_exports *x = calloc(1, sizeof *x);
  if (x != NULL && (x->a = pv_arena_new(0)) == NULL) {
    free(x);
    return NULL;
  }
  return x;
}

void pv_taint_exports_delete(pv_taint_exports *x) {
  if (x == NULL) return;
  pv_arena_delete(x->a);
  free(x->v);
  free(x->h);
  free(x->m);
  free(x);
}

static uint32_t export_hash(const void *rule, const pv_file *f, const char *name, size_t len) {
  uint32_t h = mark_hash(rule, f);
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)name[i]) * 16777619u;
  return h;
}

static const xfn *export_find(const tctx *c, const pv_file *f, const char *name, size_t len) {
  const pv_taint_exports *x = c->x;
  if (x == NULL || x->hcap == 0) return NULL;
  for (uint32_t j = export_hash(c->rule, f, name, len) & (x->hcap - 1); x->h[j]; j = (j + 1) & (x->hcap - 1)) {
    const xfn *e = &x->v[x->h[j] - 1];
    if (e->rule == c->rule && e->file == f && strlen(e->name) == len && memcmp(e->name, name, len) == 0)
      return e;
  }
  return NULL;
}

/* Index the newest export (x->v[x->n - 1]); -1 on OOM. */
static int export_index(pv_taint_exports *x) {
  if (x->n * 2 > x->hcap) {
    uint32_t cap = x->hcap ? x->hcap * 2 : 64;
    uint32_t *h = calloc(cap, sizeof *h);
    if (h == NULL) return -1;
    free(x->h);
    x->h = h, x->hcap = cap;
    for (uint32_t i = 0; i + 1 < x->n; i++) {
      const xfn *e = &x->v[i];
      uint32_t j = export_hash(e->rule, e->file, e->name, strlen(e->name)) & (cap - 1);
      while (h[j]) j = (j + 1) & (cap - 1);
      h[j] = i + 1;
    }
  }
  const xfn *e = &x->v[x->n - 1];
  uint32_t j = export_hash(e->rule, e->file, e->name, strlen(e->name)) & (x->hcap - 1);
  while (x->h[j]) j = (j + 1) & (x->hcap - 1);
  x->h[j] = x->n;
  return 0;
}

/* Empty slot j of the export index, moving later entries of its probe
 * run back (linear probing deletion). */
static void unindex(pv_taint_exports *x, uint32_t j) {
  uint32_t mask = x->hcap - 1;
  x->h[j] = 0;
  for (uint32_t k = (j + 1) & mask; x->h[k]; k = (k + 1) & mask) {
    const xfn *e = &x->v[x->h[k] - 1];
    uint32_t home = export_hash(e->rule, e->file, e->name, strlen(e->name)) & mask;
    if (((k - home) & mask) >= ((k - j) & mask)) x->h[j] = x->h[k], x->h[k] = 0, j = k;
  }
}

/* Path t (without a parameter's symbolic root) as kept steps. */
static xstep *keep_steps(tctx *c, const trace *t, uint32_t *n) {
  uint32_t k = 0;
  for (const trace *x = t; x != NULL && x->len > 0; x = x->prev) k++;
  xstep *v = pv_arena_alloc(c->x->a, (k ? k : 1) * sizeof *v);
  if (v == NULL) return c->oom = 1, *n = 0, NULL;
  *n = k;
  for (const trace *x = t; x != NULL && x->len > 0; x = x->prev) {
    const char *m = pv_arena_strdup(c->x->a, x->msg ? x->msg : "");
    v[--k] = (xstep){x->file ? x->file : c->file, x->s, x->e, m};
  }
  return v;
}

/* Kept steps appended to path head. */
static const trace *replay(tctx *c, const trace *head, const xstep *v, uint32_t n, uint32_t labels) {
  const trace *t = head;
  for (uint32_t i = 0; i < n; i++) {
    t = step(c, t, v[i].s, v[i].e, v[i].msg);
    ((trace *)t)->file = v[i].file == c->file ? NULL : v[i].file;
  }
  if (t != NULL && t != head) ((trace *)t)->labels |= labels;
  return t;
}

/* Parts v[0..k) (effects: with their targets) kept beyond this run. */
static xpart *keep_parts(tctx *c, const rpart *v, const uint8_t *target, uint32_t k) {
  xpart *out = k ? pv_arena_alloc(c->x->a, k * sizeof *out) : NULL;
  for (uint32_t i = 0; out != NULL && i < k; i++) {
    out[i] = (xpart){pv_arena_strdup(c->x->a, v[i].path), pv_arena_strdup(c->x->a, v[i].ppath), v[i].param,
                     v[i].derived, target ? target[i] : 0, NULL, 0, 0};
    if (v[i].t != NULL) out[i].steps = keep_steps(c, v[i].t, &out[i].n), out[i].labels = v[i].t->labels;
  }
  if (k && out == NULL) c->oom = 1;
  return out;
}

/* Export name `name` of this file is function fn: keep its summary. */
static void export_fn(tctx *c, const char *name, size_t len, TSNode fn) {
  if (c->x == NULL || export_find(c, c->file, name, len) != NULL) return;
  fsum *f = summary(c, fn);
  if (f == NULL || f->state != 2) return;
  pv_taint_exports *x = c->x;
  if (x->n == x->cap) {
    uint32_t cap = x->cap ? x->cap * 2 : 16;
    xfn *v = realloc(x->v, cap * sizeof *v);
    if (v == NULL) return (void)(c->oom = 1);
    x->v = v, x->cap = cap;
  }
  xfn *e = &x->v[x->n];
  memset(e, 0, sizeof *e);
  e->rule = c->rule, e->file = c->file, e->name = pv_arena_strndup(x->a, name, len), e->node = fn;
  e->rets = keep_parts(c, f->rets, NULL, f->nrets), e->nrets = f->nrets;
  e->eff = keep_parts(c, f->eff, f->target, f->neff), e->neff = f->neff;
  e->ret = f->ret != NULL, c->exports_ret |= e->ret;
  e->sinks = f->nsinks ? pv_arena_alloc(x->a, f->nsinks * sizeof *e->sinks) : NULL;
  for (uint32_t i = 0; e->sinks != NULL && i < f->nsinks; i++) {
    xsink *k = &e->sinks[e->nsinks++], *ext = f->sinks[i].ext;
    memset(k, 0, sizeof *k);
    k->param = f->sinks[i].param, k->labels = f->sinks[i].t->labels;
    k->ppath = pv_arena_strdup(x->a, f->sinks[i].ppath);
    if (ext != NULL) k->file = ext->file, k->sink = ext->sink, k->item = ext->item;
    else k->file = c->file, k->sink = c->sink.v[f->sinks[i].sink], k->item = c->sink_item[f->sinks[i].sink];
    k->steps = keep_steps(c, f->sinks[i].t, &k->n);
  }
  if (e->name != NULL && (x->n++, export_index(x) != 0)) c->oom = 1;
}

/* A function value: a literal, or the name of a function of this file. */
static int function_value(tctx *c, TSNode v, TSNode *fn) {
  if (is_function(c, v)) return *fn = v, 1;
  return callee_function(c, v, fn);
}

/* module.exports = f / { a, b: g } and exports.x = f (CommonJS). */
static void export_assignment(tctx *c, TSNode a) {
  TSNode l = field_of(a, "left"), r = field_of(a, "right"), fn;
  char path[FIELD_PATH_MAX];
  TSNode root;
  if (!member_path(c, l, &root, path) || nend(root) - nstart(root) > 7) return;
  const char *rn = (const char *)c->data + nstart(root);
  int module = nend(root) - nstart(root) == 6 && memcmp(rn, "module", 6) == 0;
  int exports = nend(root) - nstart(root) == 7 && memcmp(rn, "exports", 7) == 0;
  const char *name = module && strncmp(path, ".exports", 8) == 0 ? path + 8 : exports ? path : NULL;
  if (name == NULL || (*name != '\0' && *name != '.') || strchr(name + (*name == '.'), '.') != NULL) return;
  if (*name == '.') name++;
  if (function_value(c, r, &fn)) export_fn(c, name, strlen(name), fn);
  if (*name != '\0' || !sym_is(r, c->sy->object)) return;
  for (uint32_t i = 0; i < nkids(r); i++) { /* { a, b: g, c() {} } */
    TSNode p = ts_node_named_child(r, i), key = field_of(p, "key"), val = field_of(p, "value");
    if (sym_is(p, c->sy->sprop) && callee_function(c, p, &fn))
      export_fn(c, (const char *)c->data + nstart(p), nend(p) - nstart(p), fn);
    else if (sym_is(p, c->sy->method) && sym_is(key, c->sy->prop))
      export_fn(c, (const char *)c->data + nstart(key), nend(key) - nstart(key), p);
    else if (sym_is(p, c->sy->pair) && sym_is(key, c->sy->prop) && function_value(c, val, &fn))
      export_fn(c, (const char *)c->data + nstart(key), nend(key) - nstart(key), fn);
  }
}

static const pv_file *required(tctx *c, TSNode call);

/* Export `name` of module t again, as `as` of this file. */
static void reexport(tctx *c, const pv_file *t, const char *name, size_t len, const char *as, size_t alen) {
  if (!is_done(c, t)) return wait_for(c, t);
  for (uint32_t k = 0; c->x != NULL && k < c->x->n; k++) {
    xfn e = c->x->v[k]; /* copied: the array may grow */
    if (e.rule != c->rule || e.file != t || (name != NULL && (strlen(e.name) != len || memcmp(e.name, name, len))))
      continue;
    if (name == NULL) as = e.name, alen = strlen(e.name); /* export * */
    if (export_find(c, c->file, as, alen) != NULL || alen == 0 || strcmp(as, "default") == 0) continue;
    pv_taint_exports *x = c->x;
    if (x->n == x->cap) {
      xfn *v = realloc(x->v, (x->cap ? x->cap * 2 : 16) * sizeof *v);
      if (v == NULL) return (void)(c->oom = 1);
      x->v = v, x->cap = x->cap ? x->cap * 2 : 16;
    }
    e.file = c->file, e.name = pv_arena_strndup(x->a, as, alen);
    c->exports_ret |= e.ret;
    memset(&e.node, 0, sizeof e.node); /* not a function of this file */
    if (e.name != NULL && (x->v[x->n++] = e, export_index(x) != 0)) return (void)(c->oom = 1);
  }
}

/* export * from './x', export { a, b as c } from './x'. */
static void export_from(tctx *c, TSNode e, const pv_file *t) {
  int named = 0;
  for (uint32_t i = 0; i < nkids(e); i++) {
    TSNode cl = ts_node_named_child(e, i);
    if (!sym_is(cl, c->sy->export_clause)) continue;
    named = 1;
    for (uint32_t j = 0; j < nkids(cl); j++) {
      TSNode sp = ts_node_named_child(cl, j), nm = field_of(sp, "name"), al = field_of(sp, "alias");
      TSNode out = ts_node_is_null(al) ? nm : al;
      if (!ts_node_is_null(nm))
        reexport(c, t, (const char *)c->data + nstart(nm), nend(nm) - nstart(nm),
                 (const char *)c->data + nstart(out), nend(out) - nstart(out));
    }
  }
  if (!named) reexport(c, t, NULL, 0, NULL, 0);
}

/* export function f, export const f = () =>, export default ..., export { a as b }. */
static void export_statement(tctx *c, TSNode e) {
  const pv_file *from = required(c, field_of(e, "source"));
  if (from != NULL) return export_from(c, e, from);
  TSNode d = field_of(e, "declaration"), v = field_of(e, "value"), fn;
  int dflt = 0;
  for (uint32_t i = 0; i < ts_node_child_count(e) && !dflt; i++) {
    TSNode k = ts_node_child(e, i);
    dflt = !ts_node_is_named(k) && nend(k) - nstart(k) == 7 && memcmp(c->data + nstart(k), "default", 7) == 0;
  }
  if (dflt && !ts_node_is_null(d) && is_function(c, d)) export_fn(c, "default", 7, d);
  else if (dflt && !ts_node_is_null(v) && function_value(c, v, &fn)) export_fn(c, "default", 7, fn);
  else if (!ts_node_is_null(d) && is_function(c, d)) {
    TSNode nm = field_of(d, "name");
    if (!ts_node_is_null(nm)) export_fn(c, (const char *)c->data + nstart(nm), nend(nm) - nstart(nm), d);
  } else if (sym_is(d, c->sy->lexdecl) || sym_is(d, c->sy->vardecl)) {
    for (uint32_t i = 0; i < nkids(d); i++) {
      TSNode vd = ts_node_named_child(d, i), nm = field_of(vd, "name"), val = field_of(vd, "value");
      if (sym_is(nm, c->sy->ident) && is_function(c, val))
        export_fn(c, (const char *)c->data + nstart(nm), nend(nm) - nstart(nm), val);
    }
  }
  for (uint32_t i = 0; i < nkids(e); i++) { /* export { a, b as c } */
    TSNode cl = ts_node_named_child(e, i);
    if (!sym_is(cl, c->sy->export_clause)) continue;
    for (uint32_t j = 0; j < nkids(cl); j++) {
      TSNode sp = ts_node_named_child(cl, j), nm = field_of(sp, "name"), al = field_of(sp, "alias");
      TSNode out = ts_node_is_null(al) ? nm : al;
      if (!ts_node_is_null(nm) && callee_function(c, nm, &fn))
        export_fn(c, (const char *)c->data + nstart(out), nend(out) - nstart(out), fn);
    }
  }
}

static void record_exports(tctx *c, TSNode root) {
  for (uint32_t i = 0; i < nkids(root) && !c->oom; i++) {
    TSNode st = ts_node_named_child(root, i);
    if (sym_is(st, c->sy->export_stmt)) export_statement(c, st);
    else if (sym_is(st, c->sy->expr_stmt) && sym_is(ts_node_named_child(st, 0), c->sy->assign))
      export_assignment(c, ts_node_named_child(st, 0));
  }
}

static void add_import(tctx *c, TSNode local, const pv_file *target, const char *name, size_t len) {
  pv_taint_file *pf = c->pf;
  if (grow((void **)&pf->imps, &pf->capimps, pf->nimps + 1, sizeof *pf->imps)) return (void)(c->oom = 1);
  const char *nm = pv_arena_strndup(pf->a, name, len);
  if (nm != NULL) pf->imps[pf->nimps++] = (struct import){nstart(local), nend(local), target, nm};
}

/* The file a require('./x') call or import source names, or NULL. */
static const pv_file *required(tctx *c, TSNode call) {
  TSNode spec;
  if (sym_is(call, c->sy->string)) spec = call;
  else {
    TSNode f = field_of(call, "function"), args = field_of(call, "arguments");
    if (!sym_is(call, c->sy->call) || !sym_is(f, c->sy->ident) || nend(f) - nstart(f) != 7 ||
        memcmp(c->data + nstart(f), "require", 7) != 0 || nkids(args) != 1)
      return NULL;
    spec = ts_node_named_child(args, 0);
    if (!sym_is(spec, c->sy->string)) return NULL;
  }
  return pv_taint_resolve(c->g, c->file, (const char *)c->data + nstart(spec) + 1,
                          nend(spec) - nstart(spec) - 2);
}

static void import_declarator(tctx *c, TSNode d) {
  TSNode name = field_of(d, "name"), val = field_of(d, "value");
  const pv_file *t;
  if (sym_is(val, c->sy->member) && (t = required(c, field_of(val, "object"))) != NULL) {
    TSNode p = field_of(val, "property"); /* const f = require('./x').f */
    if (sym_is(name, c->sy->ident)) add_import(c, name, t, (const char *)c->data + nstart(p), nend(p) - nstart(p));
    return;
  }
  if ((t = required(c, val)) == NULL) return;
  if (sym_is(name, c->sy->ident)) return add_import(c, name, t, "", 0);
  for (uint32_t i = 0; sym_is(name, c->sy->objpat) && i < nkids(name); i++) {
    TSNode p = ts_node_named_child(name, i), key = field_of(p, "key"), v = field_of(p, "value");
    if (sym_is(p, c->sy->sprop_pat))
      add_import(c, p, t, (const char *)c->data + nstart(p), nend(p) - nstart(p));
    else if (sym_is(p, c->sy->pairpat) && sym_is(v, c->sy->ident))
      add_import(c, v, t, (const char *)c->data + nstart(key), nend(key) - nstart(key));
  }
}

static void import_statement(tctx *c, TSNode imp) {
  const pv_file *t = required(c, field_of(imp, "source"));
  for (uint32_t i = 0; t != NULL && i < nkids(imp); i++) {
    TSNode cl = ts_node_named_child(imp, i);
    if (!sym_is(cl, c->sy->import_clause)) continue;
    for (uint32_t j = 0; j < nkids(cl); j++) {
      TSNode k = ts_node_named_child(cl, j);
      if (sym_is(k, c->sy->ident)) add_import(c, k, t, "default", 7);
      else if (sym_is(k, c->sy->ns_import) && nkids(k) == 1)
        add_import(c, ts_node_named_child(k, 0), t, "", 0);
      for (uint32_t m = 0; sym_is(k, c->sy->named_imports) && m < nkids(k); m++) {
        TSNode sp = ts_node_named_child(k, m), nm = field_of(sp, "name"), al = field_of(sp, "alias");
        if (!ts_node_is_null(nm))
          add_import(c, ts_node_is_null(al) ? nm : al, t, (const char *)c->data + nstart(nm), nend(nm) - nstart(nm));
      }
    }
  }
}



/* The export a callee names: f (imported), m.f or m() (a module); *mod is
 * set to the module when the callee names one. */
static const xfn *imported(tctx *c, TSNode callee, const pv_file **mod) {
  TSNode id = sym_is(callee, c->sy->member) ? field_of(callee, "object") : callee;
  if (!sym_is(id, c->sy->ident)) return NULL;
  for (uint32_t i = 0; i < c->nimps; i++) {
    const struct import *m = &c->imps[i];
    if (m->ne - m->ns != nend(id) - nstart(id) || memcmp(c->data + m->ns, c->data + nstart(id), m->ne - m->ns))
      continue;
    *mod = m->target;
    if (sym_is(callee, c->sy->member)) {
      TSNode p = field_of(callee, "property");
      if (*m->name != '\0' || ts_node_is_null(p)) return NULL;
      return export_find(c, m->target, (const char *)c->data + nstart(p), nend(p) - nstart(p));
    }
    const xfn *e = export_find(c, m->target, m->name, strlen(m->name));
    return e != NULL || strcmp(m->name, "default") ? e : export_find(c, m->target, "", 0);
  }
  return NULL;
}

/* Path t reaches sink si of this file, or ext of another module: report
 * it, or (a parameter of the function being summarised) remember it. */
static void sink_reached(tctx *c, uint32_t si, struct xsink_ *ext, const trace *t) {
  const pv_taint_item *it = &c->spec->items[PV_TI_SINK][ext ? ext->item : c->sink_item[si]];
  param_sinks(c, si, ext, t);
  if (t->param || !requires_ok(c, it->requires, t) || (ext == NULL && !unified(c, t, &c->sink.v[si]))) return;
  if (ext == NULL) {
    if (c->best[si] == NULL || t->len < c->best[si]->len) c->best[si] = t;
  } else if (!ext->reported) { /* marked reported when it is */
    uint32_t q = 0;
    while (q < c->nxq && c->xq[q].sink != ext) q++;
    if (q == c->nxq && q < XQ_MAX) c->xq[c->nxq].sink = ext, c->xq[c->nxq++].t = t;
    else if (q < c->nxq && t->len < c->xq[q].t->len) c->xq[q].t = t;
  }
}

/* The value of part p at a call with arguments at[0..nargs), or NULL. */
static const trace *part_value(tctx *c, const rpart *p, const trace *const *at, uint32_t nargs) {
  if (p->param == 0) return p->t;
  const trace *t = p->param <= nargs ? select_field(c, at[p->param - 1], p->ppath) : NULL;
  return p->derived ? derive(c, t) : t;
}

/* What call n of callee returns, made of the parts v[0..k) of its summary. */
static const trace *made(tctx *c, const rpart *v, uint32_t k, const trace *const *at, uint32_t nargs, TSNode n,
                         TSNode callee) {
  sfield f[SHAPE_MAX];
  uint32_t nf = 0;
  const trace *rest = NULL;
  const char *via = NULL;
  for (uint32_t i = 0; i < k; i++) {
    const trace *x = part_value(c, &v[i], at, nargs);
    if (x != NULL) x = step(c, x, nstart(n), nend(n), via ? via : (via = quote(c, "returned from %s", nstart(n), nend(callee))));
    uint32_t j = 0;
    while (j < nf && strcmp(f[j].path, v[i].path) != 0) j++;
    if (v[i].path[0] == '\0' || (j == nf && nf == SHAPE_MAX)) {
      rest = join(c, rest, x);
      continue;
    }
    if (j == nf) f[nf].path = v[i].path, f[nf++].t = NULL;
    f[j].t = join(c, f[j].t, x);
  }
  return nf ? make_shape(c, rest, f, nf) : rest;
}

/* Call n of callee writes parts v[0..k) to fields of its arguments
 * (part i to parameter target[i]-1): the variables or chains passed get
 * them. */
static void apply_effects(tctx *c, const rpart *v, const uint8_t *target, uint32_t k, const trace *const *at,
                          const TSNode *fnarg, uint32_t nargs, TSNode n, TSNode callee) {
  for (uint32_t i = 0; i < k; i++) {
    const trace *x = part_value(c, &v[i], at, nargs);
    uint32_t ti = target[i] - 1u;
    TSNode root;
    char path[FIELD_PATH_MAX];
    if (x == NULL || ti >= nargs || !member_path(c, fnarg[ti], &root, path) ||
        strlen(path) + strlen(v[i].path) >= FIELD_PATH_MAX)
      continue;
    binding *b = var_of(c, root, 0);
    if (b == NULL) continue;
    memcpy(path + strlen(path), v[i].path, strlen(v[i].path) + 1); /* room checked above */
    x = step(c, x, nstart(fnarg[ti]), nend(fnarg[ti]), quote(c, "stored in a field by %s", nstart(n), nend(callee)));
    assign_path(c, b, path, join(c, value_at(c, b, path), x));
  }
}

/* Call n of callee (a function of this file whose summary is f) with
 * arguments at[0..nargs) (nodes fnarg): its effects, the sinks its
 * parameters reach, and what it returns. */
static const trace *apply_summary(tctx *c, fsum *f, const trace *const *at, const TSNode *fnarg, uint32_t nargs,
                                  TSNode n, TSNode callee) {
  if (f == NULL) return NULL;
  apply_effects(c, f->eff, f->target, f->neff, at, fnarg, nargs, n, callee);
  for (uint32_t s = 0; s < f->nsinks; s++) {
    uint32_t pi = f->sinks[s].param - 1u;
    const trace *a = pi < nargs ? select_field(c, at[pi], f->sinks[s].ppath) : NULL;
    if (a == NULL) continue;
    const trace *in = step(c, a, nstart(fnarg[pi]), nend(fnarg[pi]), quote(c, "passed to %s", nstart(callee), nend(callee)));
    sink_reached(c, f->sinks[s].sink, f->sinks[s].ext, splice(c, in, f->sinks[s].t));
  }
  return made(c, f->rets, f->nrets, at, nargs, n, callee);
}

/* Kept parts as parts of this file's run (targets left out). */
static uint32_t replay_parts(tctx *c, const xpart *v, uint32_t k, rpart *out, uint8_t *target) {
  for (uint32_t i = 0; i < k; i++) {
    out[i] = (rpart){v[i].path, v[i].param, v[i].derived, v[i].ppath, NULL};
    if (v[i].param == 0 && v[i].steps != NULL) out[i].t = replay(c, NULL, v[i].steps, v[i].n, v[i].labels);
    if (target != NULL) target[i] = v[i].target;
  }
  return k;
}

/* A call into another module: its export's summary, as for local ones. */
static const trace *apply_export(tctx *c, TSNode n, TSNode callee, const xfn *e, const trace *const *at,
                                 const TSNode *fnarg, uint32_t nargs) {
  rpart v[RPARTS_MAX];
  uint8_t target[RPARTS_MAX];
  apply_effects(c, v, target, replay_parts(c, e->eff, e->neff, v, target), at, fnarg, nargs, n, callee);
  for (uint32_t k = 0; k < e->nsinks; k++) {
    xsink *s = &e->sinks[k];
    uint32_t pi = s->param - 1u;
    const trace *a = pi < nargs ? select_field(c, at[pi], s->ppath) : NULL;
    if (s->reported || a == NULL) continue;
    const trace *in = step(c, a, nstart(fnarg[pi]), nend(fnarg[pi]), quote(c, "passed to %s", nstart(callee), nend(callee)));
    sink_reached(c, 0, s, replay(c, in, s->steps, s->n, s->labels));
  }
  return made(c, v, replay_parts(c, e->rets, e->nrets, v, NULL), at, nargs, n, callee);
}

/* ---- Expressions --------------------------------------------------------- */

/* Tainted n is a propagator's `from`: its `to` (a variable, a chain, or a
 * name declared later such as a callback's parameter) gets the taint. */
static void propagate(tctx *c, TSNode n, const trace *t) {
  uint32_t s = nstart(n), e = nend(n), lo = 0, hi = c->npedges;
  while (lo < hi) { /* the first edge from s */
    uint32_t mid = (lo + hi) / 2;
    if (c->pedges[mid].fs < s) lo = mid + 1;
    else hi = mid;
  }
  for (uint32_t i = lo; i < c->npedges && c->pedges[i].fs == s; i++) {
    const struct pedge *pe = &c->pedges[i];
    if (pe->fe != e) continue;
    const pv_pmatch *m = &c->prop.v[pe->m];
    const trace *pt = step(c, t, m->s, m->e, quote(c, "propagated by %s", m->s, m->e));
    if (!grow((void **)&c->pend, &c->cappend, c->npend + 1, sizeof *c->pend))
      c->pend[c->npend++] = (struct pending){pe->ts, pe->te, pt};
    TSNode target = ts_node_named_descendant_for_byte_range(c->root, pe->ts, pe->te);
    if (nstart(target) == pe->ts && nend(target) == pe->te) {
      int known;
      const trace *old = read_chain(c, target, &known);
      if (known) assign(c, target, join(c, old, pt));
    }
  }
}

static int cmp_start(const void *a, const void *b) {
  const pv_pmatch *x = a, *y = b;
  return x->s < y->s ? -1 : x->s > y->s;
}

/* A copy of l sorted by start; -1 on OOM. */
static int sorted_copy(const pv_mlist *l, pv_mlist *out) {
  for (uint32_t i = 0; i < l->n; i++)
    if (pv_mlist_push(out, &l->v[i]) != 0) return -1;
  if (out->n > 1) qsort(out->v, out->n, sizeof *out->v, cmp_start);
  return 0;
}

static int cmp_pedge(const void *a, const void *b) {
  const struct pedge *x = a, *y = b;
  return x->fs < y->fs ? -1 : x->fs > y->fs;
}

/* Each propagator match's from and to ranges, sorted by from. */
static int index_propagators(tctx *c) {
  c->pedges = malloc((c->prop.n + 1) * sizeof *c->pedges);
  if (c->pedges == NULL) return -1;
  for (uint32_t i = 0; i < c->prop.n; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_PROPAGATOR][c->prop_item[i]];
    const pv_binding *from = pv_pmatch_get(&c->prop.v[i], it->from, strlen(it->from));
    const pv_binding *to = pv_pmatch_get(&c->prop.v[i], it->to, strlen(it->to));
    if (from && to) c->pedges[c->npedges++] = (struct pedge){from->s, from->e, to->s, to->e, i};
  }
  qsort(c->pedges, c->npedges, sizeof *c->pedges, cmp_pedge);
  return 0;
}

/* Sources at member chain n or its prefixes (req.body in req.body.x). */
static const trace *chain_sources(tctx *c, TSNode n) {
  const trace *t = NULL;
  for (int k = 0; k < 16 && !ts_node_is_null(n); k++, n = field_of(n, "object")) {
    t = join(c, t, source_at(c, n, NULL));
    if (!sym_is(n, c->sy->member)) break;
  }
  return t;
}

/* `{ a: v, b, ...o }`: an object value, field by field (spreads and
 * computed keys are its rest). */
static const trace *object_value(tctx *c, TSNode obj) {
  sfield v[SHAPE_MAX];
  uint32_t k = 0;
  const trace *rest = NULL;
  char path[FIELD_PATH_MAX];
  for (uint32_t i = 0; i < nkids(obj); i++) {
    TSNode p = ts_node_named_child(obj, i), key = sym_is(p, c->sy->sprop) ? p : field_of(p, "key");
    if (sym_is(p, c->sy->comment) || is_function(c, p)) continue;
    int plain = (sym_is(p, c->sy->pair) || sym_is(p, c->sy->sprop)) && key_path(c, key, path);
    const trace *t = plain && sym_is(p, c->sy->pair) ? ev(c, field_of(p, "value")) : ev(c, p);
    if (!plain || k == SHAPE_MAX) rest = join(c, rest, t);
    else v[k].path = pv_arena_strdup(c->a, path), v[k++].t = t;
  }
  return make_shape(c, rest, v, k);
}

static const trace *children(tctx *c, TSNode n) {
  const trace *t = NULL;
  for (uint32_t i = 0; i < nkids(n); i++) {
    TSNode k = ts_node_named_child(n, i);
    if (!sym_is(k, c->sy->comment)) t = join(c, t, ev(c, k));
  }
  return t;
}

static const char *callee_name(tctx *c, TSNode callee, char *buf, size_t n) {
  uint32_t len = nend(callee) - nstart(callee);
  if (len + 1 > n) return NULL;
  for (uint32_t i = 0; i < len; i++) {
    char ch = (char)c->data[nstart(callee) + i];
    if (!(ch == '.' || ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
          (ch >= '0' && ch <= '9')))
      return NULL;
    buf[i] = ch;
  }
  buf[len] = '\0';
  return buf;
}

static int is_fn_literal(const tctx *c, TSNode n) {
  return sym_is(n, c->sy->arrow) || sym_is(n, c->sy->fn_expr) || sym_is(n, c->sy->gen_expr);
}

/* A call: models, summaries of the file's functions, callbacks. */
static const trace *promise(tctx *c, TSNode n, TSNode executor);

/* new K(...) or super(...) with a tainted argument: the constructor of K
 * (or of the class extended) runs with them (what it keeps in this.x goes
 * to the class's store). */
static void construct(tctx *c, TSNode callee, const trace **at, const TSNode *fnarg, uint32_t nargs) {
  TSNode ctor;
  TSNode body = sym_is(callee, c->sy->super_) ? receiver_body(c, callee) : class_named(c, callee);
  if (!method_of(c, body, (const unsigned char *)"constructor", 11, 0, &ctor)) return;
  const trace *in[PARAMS_MAX] = {0};
  const char *how = sym_is(callee, c->sy->super_) ? "passed to %s" : "passed to new %s";
  for (uint32_t i = 0; i < nargs; i++)
    if (at[i] != NULL) in[i] = step(c, at[i], nstart(fnarg[i]), nend(fnarg[i]), quote(c, how, nstart(callee), nend(callee)));
  run_function(c, ctor, in, nargs, NULL);
}

/* The functions handed to call n: literals run here, with what model md
 * passes their parameter (from); the file's functions passed by name,
 * through their summaries. Returns what they return. */
static const trace *callbacks(tctx *c, TSNode n, TSNode callee, const pv_model *md, const trace *from,
                              const TSNode *fnarg, uint32_t nargs) {
  const trace *ret = NULL;
  for (uint32_t i = 0; i < nargs; i++) {
    TSNode cb;
    int literal = is_fn_literal(c, fnarg[i]);
    if (!literal && !(sym_is(fnarg[i], c->sy->ident) && callee_function(c, fnarg[i], &cb))) continue;
    const trace *p[PARAMS_MAX] = {0};
    int target = md != NULL && md->kind == PV_MODEL_CALLBACK &&
                 (md->callback == (int)i || (md->callback == -1 && i + 1 == nargs));
    if (target && from != NULL && md->param < PARAMS_MAX)
      p[md->param] = step(c, derive(c, from), nstart(fnarg[i]), nend(fnarg[i]), quote(c, "passed to the callback of %s", nstart(n), nend(callee)));
    if (literal) {
      ret = join(c, ret, run_function(c, fnarg[i], p, PARAMS_MAX, NULL));
    } else if (target && from != NULL) {
      TSNode where[PARAMS_MAX];
      for (uint32_t w = 0; w < PARAMS_MAX; w++) where[w] = fnarg[i];
      ret = join(c, ret, apply_summary(c, summary(c, cb), p, where, PARAMS_MAX, fnarg[i], fnarg[i]));
    }
  }
  return ret;
}

/* The result of call n that model md describes (from: what flows in,
 * cb_ret: what its callbacks returned). */
static const trace *modelled(tctx *c, TSNode n, const pv_model *md, const char *method, const trace *from,
                             const trace *cb_ret) {
  switch (md->kind) {
  case PV_MODEL_SANITIZER: return NULL;
  case PV_MODEL_NUMBER: return c->spec->safe_numbers ? NULL : derive(c, from);
  case PV_MODEL_BOOLEAN: return c->spec->safe_booleans ? NULL : derive(c, from);
  case PV_MODEL_CALLBACK: /* map/then give what the callback returns, filter/find elements */
    if (method && (!strcmp(method, "map") || !strcmp(method, "flatMap") || !strcmp(method, "then") ||
                   !strncmp(method, "reduce", 6)))
      return cb_ret;
    return method && (!strcmp(method, "filter") || !strncmp(method, "find", 4)) && strcmp(method, "findIndex")
               ? from : NULL;
  case PV_MODEL_PROPAGATOR:
    return from ? derive(c, step(c, from, nstart(n), nend(n), quote(c, "through %s", nstart(n), nend(n)))) : NULL;
  }
  return NULL;
}

static const trace *call(tctx *c, TSNode n) {
  TSNode callee = field_of(n, "function"), args = field_of(n, "arguments");
  if (ts_node_is_null(callee)) callee = field_of(n, "constructor"); /* new */
  if (sym_is(n, c->sy->new_) && nend(callee) - nstart(callee) == 7 &&
      memcmp(c->data + nstart(callee), "Promise", 7) == 0 && !ts_node_is_null(args) &&
      nkids(args) > 0 && is_fn_literal(c, ts_node_named_child(args, 0)))
    return promise(c, n, ts_node_named_child(args, 0));
  if (c->resolver && sym_is(callee, c->sy->ident) && nend(callee) - nstart(callee) == c->resolver_len &&
      memcmp(c->data + nstart(callee), c->resolver, c->resolver_len) == 0) {
    const trace *v = ts_node_is_null(args) ? NULL : children(c, args);
    c->resolved = join(c, c->resolved, v);
    return NULL;
  }
  TSNode recv = {0};
  char buf[128], mbuf[64];
  const char *method = NULL;
  if (sym_is(callee, c->sy->member)) {
    recv = field_of(callee, "object");
    TSNode p = field_of(callee, "property");
    method = ts_node_is_null(p) ? NULL : callee_name(c, p, mbuf, sizeof mbuf);
  }
  const trace *rt = ts_node_is_null(recv) ? NULL : ev(c, recv);
  uint32_t na = ts_node_is_null(args) ? 0 : nkids(args);
  const trace *at[PARAMS_MAX] = {0}, *all = NULL;
  TSNode fnarg[PARAMS_MAX];
  uint32_t k = 0;
  for (uint32_t i = 0; i < na; i++) {
    TSNode a = ts_node_named_child(args, i);
    if (sym_is(a, c->sy->comment)) continue;
    const trace *t = is_fn_literal(c, a) ? NULL : ev(c, a);
    if (k < PARAMS_MAX) at[k] = t, fnarg[k] = a;
    all = join(c, all, t), k++;
  }
  uint32_t nargs = k < PARAMS_MAX ? k : PARAMS_MAX;
  if ((sym_is(n, c->sy->new_) && !ts_node_is_null(class_named(c, callee))) || sym_is(callee, c->sy->super_)) {
    if (all != NULL) construct(c, callee, at, fnarg, nargs);
    return NULL; /* an instance: its fields are what the class's methods keep (store_read) */
  }
  char ebuf[32] = "";
  TSNode a0 = na > 0 ? ts_node_named_child(args, 0) : (TSNode){0};
  if (sym_is(a0, c->sy->string) && nend(a0) - nstart(a0) < sizeof ebuf + 2 && nend(a0) - nstart(a0) >= 2)
    memcpy(ebuf, c->data + nstart(a0) + 1, nend(a0) - nstart(a0) - 2); /* on('data', ...): the event */
  TSNode fn;
  int local = callee_function(c, callee, &fn); /* the file's own function wins over a model of its name */
  const pv_model *md = local ? NULL : pv_taint_model_find(c->models, callee_name(c, callee, buf, sizeof buf), method, ebuf[0] ? ebuf : NULL);
  const trace *from = NULL;
  if (md != NULL) {
    if (md->from & PV_FROM_RECEIVER) from = join(c, from, rt);
    if (md->from & PV_FROM_ARGS) from = join(c, from, all);
    for (uint32_t i = 0; i < nargs; i++)
      if (md->from & PV_FROM_ARG(i)) from = join(c, from, at[i]);
  }
  const trace *cb_ret = callbacks(c, n, callee, md, from, fnarg, nargs);
  if (md != NULL) return modelled(c, n, md, method, from, cb_ret);
  const xfn *xe = NULL;
  const pv_file *mod = NULL;
  if (!local && (xe = imported(c, callee, &mod)) != NULL) return apply_export(c, n, callee, xe, at, fnarg, nargs);
  if (mod != NULL && all != NULL) wait_for(c, mod); /* taint handed to a module not analysed yet */
  if (local) { /* a function of this file: its summary */
    fsum *f = summary(c, fn);
    return f != NULL ? apply_summary(c, f, at, fnarg, nargs, n, callee) : join(c, rt, all);
  }
  if (c->spec->safe_functions) return NULL;
  const trace *t = join(c, rt, all);
  return t ? derive(c, step(c, t, nstart(n), nend(n), quote(c, "through %s", nstart(n), nend(n)))) : NULL;
}

/* new Promise((resolve) => ...): the promise holds what resolve gets. */
static const trace *promise(tctx *c, TSNode n, TSNode executor) {
  TSNode ps = field_of(executor, "parameters"), p = field_of(executor, "parameter");
  if (ts_node_is_null(p) && !ts_node_is_null(ps) && nkids(ps) > 0) {
    p = ts_node_named_child(ps, 0);
    TSNode pat = field_of(p, "pattern");
    if (!ts_node_is_null(pat)) p = pat;
  }
  const unsigned char *saved = c->resolver;
  uint32_t saved_len = c->resolver_len;
  const trace *saved_v = c->resolved;
  c->resolver = sym_is(p, c->sy->ident) ? c->data + nstart(p) : NULL;
  c->resolver_len = c->resolver ? nend(p) - nstart(p) : 0;
  c->resolved = NULL;
  run_function(c, executor, NULL, 0, NULL);
  const trace *v = c->resolved;
  c->resolver = saved, c->resolver_len = saved_len, c->resolved = saved_v;
  return v ? step(c, v, nstart(n), nend(n), quote(c, "resolves %s", nstart(n), nend(n))) : NULL;
}

static const trace *assignment(tctx *c, TSNode n) {
  TSNode l = field_of(n, "left"), r = field_of(n, "right");
  const trace *t = ts_node_is_null(r) ? NULL : ev(c, r);
  if (sym_is(n, c->sy->aug_assign) && !ts_node_is_null(l)) t = join(c, t, ev(c, l));
  if (t) t = step(c, t, nstart(n), nend(n), quote(c, "assigned in %s", nstart(n), nend(n)));
  if (ts_node_is_null(l)) return t;
  if (sym_is(l, c->sy->subscript) && !keyed(c, l)) { /* o[k] = v: o holds v (and a tainted key pollutes) */
    TSNode o = field_of(l, "object");
    int known;
    const trace *old = read_chain(c, o, &known);
    if (!ts_node_is_null(o)) assign(c, o, join(c, old, t));
    ev(c, l);
  } else if (sym_is(l, c->sy->objpat) || sym_is(l, c->sy->arrpat)) {
    destructure(c, l, t, assign_to);
  } else {
    TSNode set;
    if (t != NULL && sym_is(l, c->sy->member) && receiver_method(c, l, 's', &set)) run_function(c, set, &t, 1, NULL);
    assign(c, l, t);
  }
  return t;
}

static const trace *ev_inner(tctx *c, TSNode n) {
  const pv_syms_ts *y = c->sy;
  TSSymbol x = ts_node_symbol(n);
  if (x == y->sprop) { /* { email } reads email */
    binding *b = find(c, c->data + nstart(n), nend(n) - nstart(n));
    return b ? value_at(c, b, "") : NULL;
  }
  if (x == y->ident || x == y->member || x == y->this_) {
    int known;
    const trace *t = read_chain(c, n, &known);
    if (x == y->member && !known) { /* f().a: field a of what f returns */
      char path[FIELD_PATH_MAX];
      const trace *o = ev(c, field_of(n, "object"));
      return join(c, t, key_path(c, field_of(n, "property"), path) ? select_field(c, o, path) : o);
    }
    if (x != y->member) return t;
    TSNode get;
    if (receiver_method(c, n, 'g', &get)) { /* o.x with a getter x */
      fsum *f = summary(c, get);
      if (f != NULL) t = join(c, t, made(c, f->rets, f->nrets, NULL, 0, n, n));
    }
    return join(c, t, chain_sources(c, field_of(n, "object")));
  }
  if (x == y->string || x == y->number || x == y->regex || x == y->true_ || x == y->false_ ||
      x == y->null_ || x == y->undefined || is_function(c, n))
    return NULL;
  if (x == y->subscript && keyed(c, n)) { /* o['a'] is o.a */
    int known;
    const trace *t = read_chain(c, n, &known);
    if (known) return join(c, t, chain_sources(c, field_of(n, "object")));
  }
  if (x == y->subscript) {
    const trace *t = ev(c, field_of(n, "object"));
    TSNode i = field_of(n, "index");
    const trace *k = ts_node_is_null(i) ? NULL : ev(c, i);
    return derive(c, c->spec->safe_indexes ? t : join(c, t, k)); /* an element: which one is not known */
  }
  if (x == y->call || x == y->new_) return call(c, n);
  if (x == y->assign || x == y->aug_assign) return assignment(c, n);
  if (x == y->ternary) {
    ev(c, field_of(n, "condition"));
    return join(c, ev(c, field_of(n, "consequence")), ev(c, field_of(n, "alternative")));
  }
  if (x == y->unary || x == y->update) {
    children(c, n);
    return NULL; /* typeof, !, -, ++: a number, a boolean or a type name */
  }
  if (x == y->binary) {
    TSNode op = field_of(n, "operator");
    const trace *t = children(c, n);
    if (ts_node_is_null(op)) return t;
    char o[4] = {0};
    uint32_t ol = nend(op) - nstart(op);
    if (ol < sizeof o) memcpy(o, c->data + nstart(op), ol);
    int cmp = strchr("<>", o[0]) || !strcmp(o, "==") || !strcmp(o, "===") || !strcmp(o, "!=") || !strcmp(o, "!==");
    int arith = strchr("-*/%&|^", o[0]) && strcmp(o, "||") && strcmp(o, "&&");
    if ((cmp && c->spec->safe_booleans) || (arith && c->spec->safe_numbers)) return NULL;
    return strcmp(o, "||") && strcmp(o, "&&") && strcmp(o, "??") ? derive(c, t) : t; /* a || b is one of them */
  }
  if (x == y->template) return derive(c, children(c, n));
  if (x == y->object) return object_value(c, n);
  if (x == y->field_def) return class_field(c, n), NULL; /* const K = class { x = v } */
  return children(c, n); /* templates, arrays, await, parentheses, spread... */
}

static const trace *ev(tctx *c, TSNode n) {
  if (ts_node_is_null(n) || c->over || c->oom) return NULL;
  if (++c->steps > c->steps_max || ((c->steps & 1023) == 0 && pv_now_ms() > c->deadline)) {
    c->over = 1;
    return cut(c), NULL;
  }
  if (c->depth + c->nest > DEPTH_MAX) return cut(c), NULL;
  int san = sanitized(c, n);
  if (san) {
    if (san == 2) assign(c, n, NULL);
    else children(c, n); /* sinks inside still see what reaches them */
    return NULL;
  }
  c->depth++;
  const trace *t = ev_inner(c, n);
  c->depth--;
  const trace *src = source_at(c, n, t);
  t = src ? join(c, src, t) : t; /* (of equal paths, the source matched here is named: req.query, not req) */
  if (t != NULL) check_sink(c, n, t);
  if (t != NULL && c->prop.n) propagate(c, n, t);
  return t;
}

/* ---- Statements ---------------------------------------------------------- */

struct destructure {
  const trace *t; /* the value's */
  TSNode pat;     /* the pattern */
  void (*bind)(tctx *c, TSNode name, void *t);
};

/* One name of pattern `{ a, b: c, ...d } = v`: a and c take v's fields a
 * and b, any other name (nested, rest, array element) the whole value. */
static void destructured(tctx *c, TSNode x, void *arg) {
  const struct destructure *d = arg;
  TSNode up = ts_node_parent(x), key = x;
  char path[FIELD_PATH_MAX];
  if (sym_is(up, c->sy->pairpat) && ts_node_eq(field_of(up, "value"), x)) key = field_of(up, "key"), up = ts_node_parent(up);
  else if (!sym_is(x, c->sy->sprop_pat)) up = (TSNode){0};
  const trace *v = d->t;
  if (ts_node_eq(up, d->pat) && key_path(c, key, path)) v = select_field(c, v, path);
  d->bind(c, x, (void *)v);
}

/* Bind every name of pattern pat to its part of t (declare_to or assign_to). */
static void destructure(tctx *c, TSNode pat, const trace *t, void (*bind)(tctx *c, TSNode name, void *t)) {
  struct destructure d = {t, pat, bind};
  each_name(c, pat, destructured, &d);
}

static void declarator(tctx *c, TSNode d, int var) {
  TSNode name = field_of(d, "name"), val = field_of(d, "value");
  const trace *t = ts_node_is_null(val) ? NULL : ev(c, val);
  if (ts_node_is_null(name)) return;
  if (t) t = step(c, t, nstart(d), nend(d), quote(c, "assigned in %s", nstart(d), nend(d)));
  if (sym_is(name, c->sy->ident)) {
    binding *b = find(c, c->data + nstart(name), nend(name) - nstart(name));
    if (var && b != NULL && b->depth >= c->fn_depth) { /* the function's var (hoisted, or redeclared) */
      if (!ts_node_is_null(val)) set_b(c, b, t);
    } else if (b != NULL && b->depth == c->depth) {
      set_b(c, b, t);
    } else {
      b = declare(c, name, t);
    }
    TSNode fv;
    if (b != NULL && sym_is(val, c->sy->ident) && callee_function(c, val, &fv)) b->fn = fv;
    if (b != NULL && sym_is(val, c->sy->object)) b->obj = val; /* its methods, for o.m() */
    else if (b != NULL && sym_is(val, c->sy->new_)) b->obj = class_named(c, field_of(val, "constructor"));
    return;
  }
  destructure(c, name, t, declare_to); /* { a, b: c, ...rest } = v and [x, y] = v */
}

static void block(tctx *c, TSNode n) {
  uint32_t nb = c->cur.nb;
  c->depth++;
  for (uint32_t i = 0; i < nkids(n); i++) stmt(c, ts_node_named_child(n, i));
  c->depth--;
  c->cur.nb = nb; /* block declarations end here (globals are kept apart) */
}

/* if/else, switch cases, try/catch: each way from the same state, joined. */
static void branches(tctx *c, const TSNode *ways, uint32_t n, int may_skip) {
  uint32_t mark = c->cur.nj, nb = c->cur.nb, nc = 0, cap = 0;
  change *ch = NULL;
  if (n > 8) n = 8;
  c->cur.journal++;
  for (uint32_t w = 0; w < n; w++) {
    if (!ts_node_is_null(ways[w])) stmt(c, ways[w]);
    for (uint32_t k = mark; k < c->cur.nj; k++) { /* what this way wrote */
      const jentry *e = &c->cur.j[k];
      const trace **v = slot(c, e->kind, e->i);
      change *x = v ? change_of(&ch, &nc, &cap, e->kind, e->i) : NULL;
      if (x) x->t[w] = *v, x->set |= (uint16_t)(1u << w);
    }
    undo(c, mark);
    c->cur.nb = nb;
  }
  c->cur.journal--;
  for (uint32_t k = 0; k < nc; k++) { /* joined over the ways */
    const trace **v = slot(c, ch[k].kind, ch[k].i), *out;
    if (v == NULL) continue;
    out = may_skip ? *v : NULL;
    for (uint32_t w = 0; w < n; w++) out = join(c, out, (ch[k].set & (1u << w)) ? ch[k].t[w] : *v);
    if (out != *v) {
      journal(c, ch[k].kind, ch[k].i, *v);
      *v = out;
    }
  }
  free(ch);
}

static void loop(tctx *c, TSNode n) {
  TSNode body = field_of(n, "body");
  TSNode left = field_of(n, "left"), right = field_of(n, "right");
  if (!ts_node_is_null(right)) { /* for (x of/in v) */
    const trace *t = ev(c, right);
    if (sym_is(left, c->sy->lexdecl) || sym_is(left, c->sy->vardecl) || sym_is(left, c->sy->ident)) {
      TSNode nm = sym_is(left, c->sy->ident) ? left : ts_node_named_child(left, 0);
      if (sym_is(nm, c->sy->vdecl)) nm = field_of(nm, "name");
      if (!ts_node_is_null(nm) && sym_is(nm, c->sy->ident)) declare(c, nm, derive(c, t));
    } else if (!ts_node_is_null(left)) {
      TSNode nm = field_of(n, "left");
      if (sym_is(nm, c->sy->ident)) assign(c, nm, t);
    }
  }
  for (uint32_t i = 0; i < nkids(n); i++) { /* init, condition, update */
    TSNode k = ts_node_named_child(n, i);
    if (!ts_node_eq(k, body) && !ts_node_eq(k, left) && !ts_node_eq(k, right)) stmt(c, k);
  }
  TSNode twice[2] = {body, body};
  branches(c, twice, 2, 1);
}

static void stmt(tctx *c, TSNode n) {
  const pv_syms_ts *y = c->sy;
  if (ts_node_is_null(n) || c->over || c->oom) return;
  if (c->depth + c->nest > DEPTH_MAX) return cut(c);
  TSSymbol x = ts_node_symbol(n);
  if (x == y->comment || is_function(c, n)) return; /* functions: when called, or at the end */
  if (x == y->field_def) {
    class_field(c, n);
  } else if (x == y->lexdecl || x == y->vardecl) {
    for (uint32_t i = 0; i < nkids(n); i++)
      if (sym_is(ts_node_named_child(n, i), y->vdecl)) declarator(c, ts_node_named_child(n, i), x == y->vardecl);
  } else if (x == y->block) {
    block(c, n);
  } else if (x == y->if_) {
    ev(c, field_of(n, "condition"));
    TSNode ways[2] = {field_of(n, "consequence"), field_of(n, "alternative")};
    branches(c, ways, 2, ts_node_is_null(ways[1]));
  } else if (x == y->for_ || x == y->for_in || x == y->while_ || x == y->do_) {
    loop(c, n);
  } else if (x == y->return_) {
    const trace *t = children(c, n);
    if (t) t = step(c, t, nstart(n), nend(n), quote(c, "returned by %s", nstart(n), nend(n)));
    c->ret = join(c, c->ret, t);
  } else if (x == y->try_ || x == y->switch_) {
    TSNode ways[8];
    uint32_t k = 0;
    const trace *outer = c->thrown;
    for (uint32_t i = 0; i < nkids(n) && k < 8; i++) ways[k++] = ts_node_named_child(n, i);
    if (x == y->switch_) ev(c, field_of(n, "value"));
    c->thrown = x == y->try_ ? NULL : outer;
    branches(c, ways, k, 1);
    c->thrown = x == y->try_ ? join(c, outer, c->thrown) : c->thrown; /* uncaught, or thrown again */
  } else if (x == y->catch_) { /* its parameter holds what the try block threw */
    const trace *t = c->thrown;
    TSNode p = field_of(n, "parameter");
    c->thrown = NULL;
    if (t != NULL && !ts_node_is_null(p)) t = step(c, t, nstart(p), nend(p), quote(c, "caught as %s", nstart(p), nend(p)));
    if (!ts_node_is_null(p)) each_name(c, p, declare_to, (void *)t);
    stmt(c, field_of(n, "body"));
  } else if (x == y->throw_) {
    const trace *t = children(c, n);
    if (t) c->thrown = join(c, c->thrown, step(c, t, nstart(n), nend(n), quote(c, "thrown by %s", nstart(n), nend(n))));
  } else if (x == y->expr_stmt) {
    children(c, n);
  } else {
    for (uint32_t i = 0; i < nkids(n); i++) {
      TSNode k = ts_node_named_child(n, i);
      if (is_function(c, k)) continue;
      if (nkids(k) > 0 && !sym_is(k, y->paren)) stmt(c, k);
      else ev(c, k);
    }
  }
}

/* Does n hold a source or a sink? Flows start and end at those; a
 * function with neither matters only through its summary, made when it is
 * called or exported. */
static int holds_range(const pv_mlist *l, uint32_t s, uint32_t e) { /* l sorted by start */
  uint32_t lo = 0, hi = l->n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (l->v[mid].s < s) lo = mid + 1;
    else hi = mid;
  }
  for (uint32_t i = lo; i < l->n && l->v[i].s < e; i++)
    if (l->v[i].e <= e) return 1;
  return 0;
}

static int holds_ends(const tctx *c, TSNode n) {
  return holds_range(&c->src_sorted, nstart(n), nend(n)) || holds_range(&c->sink_sorted, nstart(n), nend(n));
}

/* Does function n mention (by name) a function whose value carries a
 * source: one of this file summarised with one, or an import of one? */
typedef struct {
  uint32_t s, e; /* a name in the file */
} span;

/* Does import m name a module with an export returning a source's taint? */
static int imports_taint(const tctx *c, const struct import *m) {
  const struct mark *k = marked(c->x, c->rule, m->target);
  return k != NULL && k->state == M_DONE && k->ret;
}

/* The names of functions whose value carries a source: this file's,
 * summarised with one, and imports of such exports. */
static uint32_t tainting_names(tctx *c, span *out, uint32_t max) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < c->nfns && k < max; i++)
    if (c->fns[i].state == 2 && c->fns[i].ret != NULL && c->pf->fns[i].ne > c->pf->fns[i].ns)
      out[k++] = (span){c->pf->fns[i].ns, c->pf->fns[i].ne};
  for (uint32_t i = 0; i < c->nimps && k < max; i++)
    if (imports_taint(c, &c->imps[i])) out[k++] = (span){c->imps[i].ns, c->imps[i].ne};
  return k;
}

/* Does function n mention one of names? */
static int calls_tainting(const tctx *c, TSNode n, const span *names, uint32_t k) {
  const unsigned char *d = c->data + nstart(n);
  size_t len = nend(n) - nstart(n);
  for (uint32_t i = 0; i < k; i++)
    if (memmem(d, len, c->data + names[i].s, names[i].e - names[i].s) != NULL) return 1;
  return 0;
}

/* A `var` declaration x: its function (the innermost listed so far that
 * holds it), or the top level, hoists. */
static void mark_hoist(pv_taint_file *pf, TSNode x) {
  for (uint32_t i = pf->nfns; i-- > 0;)
    if (nstart(pf->fns[i].node) <= nstart(x) && nend(x) <= nend(pf->fns[i].node)) return (void)(pf->fns[i].hoists = 1);
  pf->hoists = 1;
}

static void prepare_visit(void *ctx, TSNode x) {
  tctx *c = ctx;
  pv_taint_file *pf = c->pf;
  if (is_function(c, x)) { /* named by its declaration, or by the variable it initialises */
    TSNode nm = field_of(x, "name");
    struct pfn f = {x, 0, 0, 0};
    if (sym_is(nm, c->sy->ident)) f.ns = nstart(nm), f.ne = nend(nm);
    else if (ts_node_is_null(nm) && pf->named.at == nstart(x)) f.ns = pf->named.ns, f.ne = pf->named.ne;
    if (grow((void **)&pf->fns, &pf->capfns, pf->nfns + 1, sizeof *pf->fns)) c->oom = 1;
    else pf->fns[pf->nfns++] = f;
  }
  if (sym_is(x, c->sy->vardecl)) mark_hoist(pf, x);
  if (sym_is(x, c->sy->vdecl)) {
    TSNode nm = field_of(x, "name"), v = field_of(x, "value");
    if (sym_is(nm, c->sy->ident) && is_function(c, v)) pf->named.at = nstart(v), pf->named.ns = nstart(nm), pf->named.ne = nend(nm);
  }
  if (sym_is(x, c->sy->class_decl) || sym_is(x, c->sy->class_)) { /* class K {}, const K = class {} */
    TSNode nm = field_of(x, "name"), body = field_of(x, "body");
    if (ts_node_is_null(nm) && sym_is(ts_node_parent(x), c->sy->vdecl)) nm = field_of(ts_node_parent(x), "name");
    if (ts_node_is_null(nm) || ts_node_is_null(body)) return;
    TSNode parent = {0}; /* class K extends P: P (TypeScript: in an extends clause) */
    for (uint32_t i = 0; i < nkids(x) && ts_node_is_null(parent); i++)
      if (sym_is(ts_node_named_child(x, i), c->sy->heritage)) parent = ts_node_named_child(ts_node_named_child(x, i), 0);
    if (!ts_node_is_null(field_of(parent, "value"))) parent = field_of(parent, "value");
    if (grow((void **)&pf->cls, &pf->capcls, pf->ncls + 1, sizeof *pf->cls)) c->oom = 1;
    else pf->cls[pf->ncls++] = (struct pcls){body, parent, nstart(nm), nend(nm), 0};
  }
  if (c->g != NULL && sym_is(x, c->sy->vdecl)) import_declarator(c, x);
  else if (c->g != NULL && sym_is(x, c->sy->import_stmt)) import_statement(c, x);
}

static int cmp_class(const void *a, const void *b) {
  uint32_t x = nstart(((const struct pcls *)a)->body), y = nstart(((const struct pcls *)b)->body);
  return (x > y) - (x < y);
}

/* Each class of the file: the class of the file it extends. */
static void link_classes(tctx *c) {
  pv_taint_file *pf = c->pf;
  if (pf->ncls > 1) qsort(pf->cls, pf->ncls, sizeof *pf->cls, cmp_class);
  for (uint32_t i = 0; i < pf->ncls; i++) {
    long up = ts_node_is_null(pf->cls[i].parent) ? -1 : class_index(pf, class_named(c, pf->cls[i].parent));
    pf->cls[i].up = (uint32_t)(up + 1);
  }
}

/* The file's functions and imports: one walk for every taint rule. */
static void prepare(tctx *c, TSNode root) {
  pv_taint_file *pf = c->pf;
  if (!pf->ready || pf->f != c->file) {
    pv_taint_file_reset(pf);
    pf->f = c->file;
    if (pf->a == NULL && (pf->a = pv_arena_new(0)) == NULL) return (void)(c->oom = 1);
    pf->named.at = UINT32_MAX;
    pv_tree_walk(root, prepare_visit, c);
    link_classes(c);
    if (!c->oom && index_fns(pf) != 0) c->oom = 1;
    pf->ready = !c->oom;
  }
  c->imps = pf->imps, c->nimps = pf->nimps;
}

pv_taint_file *pv_taint_file_new(void) { return calloc(1, sizeof(pv_taint_file)); }

void pv_taint_file_reset(pv_taint_file *pf) {
  if (pf == NULL) return;
  pf->f = NULL, pf->nfns = 0, pf->nimps = 0, pf->ncls = 0, pf->ready = 0, pf->hoists = 0, pf->ncap = pf->fcap = 0;
  pv_arena_delete(pf->a);
  pf->a = NULL;
}

void pv_taint_file_delete(pv_taint_file *pf) {
  if (pf == NULL) return;
  pv_taint_file_reset(pf);
  free(pf->fns);
  free(pf->fhash);
  free(pf->nhash);
  free(pf->imps);
  free(pf->cls);
  free(pf);
}

/* Visit every function of the file: list it (collect), or interpret it on
 * its own when it holds a source or a sink (with symbolic parameters, from
 * the top-level state) and was not yet. */
static void each_function(tctx *c) {
  for (uint32_t i = 0; i < c->pf->nfns && !c->oom; i++)
    if (holds_ends(c, c->pf->fns[i].node)) summary(c, c->pf->fns[i].node);
}

/* The file's statements, then its functions holding sources or sinks.
 * When a source's taint was kept in a field of `this` meanwhile, once
 * more with every summary made again: methods read such fields whatever
 * the order they run in. */
static void interpret(tctx *c, TSNode root) {
  for (int pass = 0; pass < 2; pass++) {
    uint32_t v = c->store_version;
    if (c->pf->hoists && pass == 0) hoist(c, root, 0);
    for (uint32_t i = 0; i < nkids(root); i++) stmt(c, ts_node_named_child(root, i));
    each_function(c);
    if (v == c->store_version || c->over || c->oom) return;
    for (uint32_t i = 0; i < c->nfns; i++)
      if (c->fns[i].state == 2) c->fns[i].state = 0;
  }
}

/* taint-entry: exported: the parameters of the entry module's exported
 * functions are outside input (whoever loads the plugin calls them). */
static void entry_exports(tctx *c) {
  for (uint32_t k = 0; c->x != NULL && k < c->x->n && !c->oom; k++) {
    const xfn *e = &c->x->v[k];
    if (e->rule != c->rule || e->file != c->file) continue;
    TSNode fn = e->node, ps = field_of(fn, "parameters");
    if (ts_node_is_null(ps)) ps = field_of(fn, "parameter");
    if (ts_node_is_null(ps)) continue;
    const trace *args[PARAMS_MAX];
    for (uint32_t i = 0; i < PARAMS_MAX; i++)
      args[i] = step(c, NULL, nstart(ps), nend(ps),
                     pv_arena_printf(c->a, "parameter %u of the exported %s", i + 1, *e->name ? e->name : "function"));
    run_function(c, fn, args, PARAMS_MAX, NULL);
  }
}

/* ---- Entry ----------------------------------------------------------------- */

/* Follow the rule's flows through the file if taint can arise in it (a
 * source, an import of an export returning one, the entry module under
 * taint-entry: exported), and keep its exports' summaries if another
 * module imports it. */
static void analyse(tctx *c, TSNode root) {
  int entry = c->spec->entry_exported && pv_taint_entry(c->g, c->file);
  int tainted = c->x == NULL || entry || c->src.n > 0;
  for (uint32_t i = 0; i < c->nimps; i++) tainted |= imports_taint(c, &c->imps[i]);
  if ((c->fns = calloc(c->pf->nfns + 1, sizeof *c->fns)) == NULL) return (void)(c->oom = 1);
  c->nfns = c->pf->nfns;
  if (tainted) {
    interpret(c, root);
    for (int round = 0; round < 3; round++) { /* callers of functions returning taint */
      span names[64];
      uint32_t k = tainting_names(c, names, 64), done = 0;
      for (uint32_t i = 0; i < c->nfns && k > 0 && !c->oom; i++)
        if (c->fns[i].state == 0 && calls_tainting(c, c->pf->fns[i].node, names, k)) summary(c, c->pf->fns[i].node), done++;
      if (done == 0) break;
    }
  }
  if (entry || (pv_taint_linked(c->g, c->file) & PV_TAINT_IMPORTED)) record_exports(c, root);
  if (entry) entry_exports(c);
}

/* ---- Rounds ------------------------------------------------------------------ */

uint32_t pv_taint_round(const pv_taint_exports *x) { return x ? x->round : 0; }

int pv_taint_next_round(pv_taint_exports *x) {
  if (x == NULL || x->npending == 0 || x->final) return 0;
  x->round++;
  x->final = x->round >= ROUNDS_MAX || (x->round > 1 && x->progress == 0); /* no progress: cycles */
  x->progress = 0;
  return 1;
}

static int is_pending(const pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  const struct mark *k = marked(x, rule, f);
  return k != NULL && k->state == M_PENDING;
}

typedef struct {
  const pv_taint_exports *x;
  const pv_rule *rule;
} pending_ctx;

static int pending_dep(void *ctx, const pv_file *f) {
  const pending_ctx *p = ctx;
  return is_pending(p->x, p->rule, f);
}

int pv_taint_ready(const pv_taint_exports *x, const pv_taint_graph *g, const pv_rule *rule, const pv_file *f) {
  if (x == NULL) return 1;
  if (!is_pending(x, rule, f)) return 0;
  if (x->final) return 1;
  pending_ctx p = {x, rule};
  int dep = pv_taint_deps_any(g, f, pending_dep, &p);
  return dep < 0 ? -1 : !dep;
}

static int wake(void *ctx, const pv_file *f) {
  tctx *c = ctx;
  return is_done(c, f) ? 0 : set_pending(c->x, c->rule, f);
}

/* The file was analysed: done, unless a call waits for a module (then
 * pending again). An export returning a source's taint makes its
 * importers worth analysing. */
static void settle(tctx *c, uint32_t nexports) {
  if (c->x == NULL) return;
  if (c->deferred) { /* its exports wait too: drop those this run recorded */
    for (; c->x->n > nexports; c->x->n--) {
      const xfn *e = &c->x->v[c->x->n - 1];
      uint32_t j = export_hash(e->rule, e->file, e->name, strlen(e->name)) & (c->x->hcap - 1);
      while (c->x->h[j] != c->x->n) j = (j + 1) & (c->x->hcap - 1);
      unindex(c->x, j);
    }
    if (set_pending(c->x, c->rule, c->file) != 0) c->oom = 1;
    return;
  }
  struct mark *k = mark(c->x, c->rule, c->file);
  if (k == NULL) return (void)(c->oom = 1);
  if (k->state == M_PENDING) c->x->npending--;
  k->state = M_DONE, k->ret = (uint8_t)c->exports_ret, c->x->progress++;
  if (k->ret && pv_taint_each_importer(c->g, c->file, wake, c) != 0) c->oom = 1;
}

static pv_status eval_items(tctx *c, const pv_feval *e, int kind, pv_mlist *out, uint32_t **item) {
  for (uint32_t i = 0; i < c->spec->n[kind]; i++) {
    uint32_t before = out->n;
    if (pv_formula_eval(c->spec->items[kind][i].f, e, out) != PV_OK) return PV_FATAL;
    uint32_t *v = realloc(*item, (out->n + 1) * sizeof *v);
    if (v == NULL) return PV_FATAL;
    *item = v;
    for (uint32_t k = before; k < out->n; k++) v[k] = i;
  }
  return PV_OK;
}

/* The steps of path t, source first. */
static pv_status report(const pv_file *sink_file, const pv_pmatch *sink, const trace *t,
                        pv_taint_hit_fn hit, void *ctx) {
  uint32_t n = t->len;
  pv_taint_step *steps = calloc(n ? n : 1, sizeof *steps);
  if (steps == NULL) return PV_FATAL;
  uint32_t k = n;
  for (const trace *x = t; x != NULL && k > 0; x = x->prev)
    steps[--k] = (pv_taint_step){x->file, x->s, x->e, x->msg};
  int rc = hit(ctx, sink_file, sink, steps + k, n - k);
  free(steps);
  return rc < 0 ? PV_FATAL : rc > 0 ? PV_FAILED : PV_OK;
}

typedef struct {
  uint32_t s, e, i;
} reach;

static int cmp_reach(const void *a, const void *b) { /* by start, the larger first */
  const reach *x = a, *y = b;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return x->e != y->e ? (x->e > y->e ? -1 : 1) : 0;
}

/* As Semgrep does, a sink reached strictly inside another reached sink of
 * the rule is not reported: `find({ $where: q })` is one finding, not one
 * for the call's query and one for the $where value in it. */
static pv_status drop_nested(tctx *c) {
  reach *v = malloc((c->sink.n + 1) * sizeof *v);
  uint32_t n = 0, maxe = 0;
  if (v == NULL) return PV_FATAL;
  for (uint32_t i = 0; i < c->sink.n; i++)
    if (c->best[i] != NULL) v[n++] = (reach){c->sink.v[i].s, c->sink.v[i].e, i};
  qsort(v, n, sizeof *v, cmp_reach);
  for (uint32_t k = 0, g; k < n; k = g) { /* g: past the sinks of v[k]'s range */
    for (g = k + 1; g < n && v[g].s == v[k].s && v[g].e == v[k].e;) g++;
    for (uint32_t j = k; k > 0 && maxe >= v[k].e && j < g; j++) c->best[v[j].i] = NULL;
    if (v[k].e > maxe) maxe = v[k].e;
  }
  free(v);
  return PV_OK;
}

/* Analyse the file (ready: the modules it imports are settled): its flows
 * (reported unless it waits for a module) and its summaries. */
static pv_status analyse_file(tctx *c, const pv_feval *e, TSNode root, pv_taint_hit_fn hit, void *ctx) {
  prepare(c, root);
  if (c->oom) return PV_FATAL;
  pv_status rc = eval_items(c, e, PV_TI_SINK, &c->sink, &c->sink_item);
  if (rc == PV_OK) rc = eval_items(c, e, PV_TI_SANITIZER, &c->san, &c->san_item);
  if (rc == PV_OK) rc = eval_items(c, e, PV_TI_PROPAGATOR, &c->prop, &c->prop_item);
  if (rc == PV_OK && index_propagators(c) != 0) rc = PV_FATAL;
  if (rc == PV_OK && (sorted_copy(&c->src, &c->src_sorted) || sorted_copy(&c->sink, &c->sink_sorted))) rc = PV_FATAL;
  if (rc == PV_OK && (c->best = calloc(c->sink.n + 1, sizeof *c->best)) == NULL) rc = PV_FATAL;
  uint32_t nexports = c->x ? c->x->n : 0;
  if (rc == PV_OK) c->root = root, analyse(c, root), settle(c, nexports);
  if (c->oom) rc = PV_FATAL;
  if (rc == PV_OK && !c->deferred) rc = drop_nested(c);
  for (uint32_t i = 0; rc == PV_OK && !c->deferred && i < c->sink.n; i++)
    if (c->best[i] != NULL) rc = report(NULL, &c->sink.v[i], c->best[i], hit, ctx);
  for (uint32_t i = 0; rc == PV_OK && !c->deferred && i < c->nxq; i++) {
    c->xq[i].sink->reported = 1;
    rc = report(c->xq[i].sink->file, &c->xq[i].sink->sink, c->xq[i].t, hit, ctx);
  }
  return rc;
}

int pv_taint_sources(const pv_rule *rule, const pv_feval *e, const pv_file *f, pv_taint_graph *g,
                     pv_taint_exports *x) {
  pv_mlist src = {0};
  int rc = 0;
  for (uint32_t i = 0; i < rule->taint->n[PV_TI_SOURCE] && rc == 0 && src.n == 0; i++)
    if (pv_formula_eval(rule->taint->items[PV_TI_SOURCE][i].f, e, &src) != PV_OK) rc = -1;
  if (rc == 0 && (src.n > 0 || (rule->taint->entry_exported && pv_taint_entry(g, f))))
    rc = x == NULL ? 1 : set_pending(x, rule, f) != 0 ? -1 : 1;
  pv_mlist_free(&src);
  return rc;
}

pv_status pv_taint_run(const pv_rule *rule, const pv_taint_models *models, const pv_feval *e,
                       const pv_file *f, const TSTree *tree, pv_taint_graph *g,
                       pv_taint_exports *x, pv_taint_file *pf, const pv_limits *lim,
                       pv_taint_hit_fn hit, void *ctx, char *incomplete) {
  tctx c = {.rule = rule, .file = f, .g = g, .x = x, .pf = pf, .spec = rule->taint, .models = models,
            .data = e->data, .size = e->size};
  pv_status rc = PV_OK;
  c.sy = pv_syms_ts_for(e->lang);
  for (uint32_t i = 0; i < c.spec->n[PV_TI_SOURCE]; i++) /* the same bits in every file */
    if (c.spec->items[PV_TI_SOURCE][i].label != NULL) label_bit(&c, c.spec->items[PV_TI_SOURCE][i].label);
  c.a = pv_arena_new(0);
  c.steps_max = TAINT_STEPS_MAX;
  c.deadline = pv_now_ms() + (lim->parse_ms ? lim->parse_ms : 5000);
  if (c.a == NULL || c.sy == NULL) rc = PV_FATAL;
  if (rc == PV_OK) rc = eval_items(&c, e, PV_TI_SOURCE, &c.src, &c.src_item);
  c.final = x == NULL || x->final;
  if (rc == PV_OK) rc = analyse_file(&c, e, ts_tree_root_node(tree), hit, ctx);
  memcpy(incomplete, c.where, sizeof c.where);
  free(c.best);
  free(c.src_item);
  free(c.sink_item);
  free(c.san_item);
  free(c.prop_item);
  free(c.pedges);
  free(c.pend);
  pv_mlist_free(&c.prop);
  pv_mlist_free(&c.src_sorted);
  pv_mlist_free(&c.sink_sorted);
  pv_mlist_free(&c.src);
  pv_mlist_free(&c.sink);
  pv_mlist_free(&c.san);
  env_free(&c.cur);
  free(c.fns);
  free(c.store);

  pv_arena_delete(c.a);
  return rc;
}

/* ---- Grammar symbols ------------------------------------------------------ */

static pv_syms_ts ts_syms[PV_LANG_COUNT];
static pthread_once_t ts_once = PTHREAD_ONCE_INIT;

static TSSymbol sym(const TSLanguage *L, const char *name) {
  return ts_language_symbol_for_name(L, name, (uint32_t)strlen(name), true);
}

static void fill(void) {
  for (pv_lang l = 0; l < PV_LANG_COUNT; l++) {
    const TSLanguage *L = l == PV_LANG_JSON || l == PV_LANG_NONE ? NULL : pv_language(l);
    if (L == NULL) continue;
    TSSymbol fn_expr = sym(L, "function_expression"), field_def = sym(L, "field_definition");
    ts_syms[l] = (pv_syms_ts){
        sym(L, "identifier"), sym(L, "this"), sym(L, "member_expression"),
        sym(L, "subscript_expression"), sym(L, "call_expression"), sym(L, "new_expression"),
        sym(L, "assignment_expression"), sym(L, "augmented_assignment_expression"),
        sym(L, "ternary_expression"), sym(L, "unary_expression"), sym(L, "update_expression"),
        sym(L, "binary_expression"), sym(L, "string"), sym(L, "number"), sym(L, "regex"),
        sym(L, "true"), sym(L, "false"), sym(L, "null"), sym(L, "undefined"),
        sym(L, "function_declaration"), fn_expr ? fn_expr : sym(L, "function"),
        sym(L, "arrow_function"), sym(L, "method_definition"),
        sym(L, "generator_function_declaration"), sym(L, "generator_function"),
        sym(L, "statement_block"), sym(L, "lexical_declaration"), sym(L, "variable_declaration"),
        sym(L, "variable_declarator"), sym(L, "if_statement"), sym(L, "for_statement"),
        sym(L, "for_in_statement"), sym(L, "while_statement"), sym(L, "do_statement"),
        sym(L, "return_statement"), sym(L, "try_statement"), sym(L, "switch_statement"),
        sym(L, "expression_statement"), sym(L, "throw_statement"), sym(L, "comment"),
        sym(L, "parenthesized_expression"), sym(L, "object_pattern"), sym(L, "array_pattern"),
        sym(L, "shorthand_property_identifier_pattern"), sym(L, "assignment_pattern"),
        sym(L, "rest_pattern"), sym(L, "object"), sym(L, "pair"), sym(L, "property_identifier"),
        sym(L, "shorthand_property_identifier"), sym(L, "export_statement"),
        sym(L, "export_clause"), sym(L, "import_statement"), sym(L, "import_clause"),
        sym(L, "namespace_import"), sym(L, "named_imports"), sym(L, "pair_pattern"),
        sym(L, "catch_clause"), sym(L, "class_body"), sym(L, "template_string"),
        sym(L, "class_declaration"), sym(L, "class"),
        field_def ? field_def : sym(L, "public_field_definition"), sym(L, "class_heritage"),
        sym(L, "super")};
  }
}

const pv_syms_ts *pv_syms_ts_for(pv_lang l) {
  if ((unsigned)l >= PV_LANG_COUNT) return NULL;
  pthread_once(&ts_once, fill);
  return ts_syms[l].ident ? &ts_syms[l] : NULL;
}
