/* exports.c — the taint engine across files: where each (rule, file)
 * stands in the rounds, the summaries of exported functions kept beyond
 * the run of their file, imports, and calls into other modules; the
 * pv_taint_exports API of taint.h (taint_impl.h). */
#include <stdlib.h>
#include <string.h>

#include "taint_impl.h"

enum {
  ROUNDS_MAX = 8 /* rounds over an input's files after the first pass */
};

/* ---- Across files ---------------------------------------------------------- */

static uint32_t mark_hash(const void *rule, const pv_file *f) {
  return (uint32_t)((uintptr_t)rule * 2654435761u) ^ (uint32_t)((uintptr_t)f * 40503u);
}

struct mark *tn_marked(const pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  for (uint32_t j = x && x->mcap ? mark_hash(rule, f) & (x->mcap - 1) : 0;
       x && x->mcap && x->m[j].rule; j = (j + 1) & (x->mcap - 1))
    if (x->m[j].rule == rule && x->m[j].f == f)
      return &x->m[j];
  return NULL;
}

/* The mark of (rule, f), made on first use; NULL on OOM. */
static struct mark *mark(pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  struct mark *k = tn_marked(x, rule, f);
  if (k != NULL)
    return k;
  if ((x->nm + 1) * 2 > x->mcap) {
    uint32_t cap = x->mcap ? x->mcap * 2 : 64;
    struct mark *m = calloc(cap, sizeof *m);
    if (m == NULL)
      return NULL;
    for (uint32_t i = 0; i < x->mcap; i++) {
      if (x->m[i].rule == NULL)
        continue;
      uint32_t j = mark_hash(x->m[i].rule, x->m[i].f) & (cap - 1);
      while (m[j].rule)
        j = (j + 1) & (cap - 1);
      m[j] = x->m[i];
    }
    free(x->m);
    x->m = m;
    x->mcap = cap;
  }
  uint32_t j = mark_hash(rule, f) & (x->mcap - 1);
  while (x->m[j].rule)
    j = (j + 1) & (x->mcap - 1);
  x->m[j] = (struct mark){rule, f, 0, 0};
  x->nm++;
  return &x->m[j];
}

/* (rule, f) is to be analysed in this round (if f comes later in the
 * order) or the next; -1 on OOM. */
static int set_pending(pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  struct mark *k = mark(x, rule, f);
  if (k == NULL)
    return -1;
  if (k->state != M_PENDING) { /* new work */
    k->state = M_PENDING;
    x->npending++;
    x->progress++;
  }
  return 0;
}

static int is_done(const tctx *c, const pv_file *f) {
  const struct mark *k = tn_marked(c->x, c->rule, f);
  return k != NULL && k->state == M_DONE;
}

/* A call hands taint to module f whose summaries are not made: ask for
 * them, and analyse this file again once they are (but for the last
 * round, where such calls keep the default: their arguments reach the
 * result). */
void tn_wait_for(tctx *c, const pv_file *f) {
  if (c->x == NULL || is_done(c, f))
    return;
  if (c->final && c->x->out_of_rounds)
    tn_cut(c, "the rounds over the input's files (%d)", ROUNDS_MAX);
  if (c->final)
    return;
  c->deferred = 1;
  const struct mark *k = tn_marked(c->x, c->rule, f);
  if ((k == NULL || k->state != M_PENDING) && set_pending(c->x, c->rule, f) != 0)
    c->oom = 1;
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
  if (x == NULL)
    return;
  pv_arena_delete(x->a);
  free(x->v);
  free(x->h);
  free(x->m);
  free(x);
}

static uint32_t export_hash(const void *rule, const pv_file *f, const char *name, size_t len) {
  uint32_t h = mark_hash(rule, f);
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)name[i]) * 16777619u;
  return h;
}

static const xfn *export_find(const tctx *c, const pv_file *f, const char *name, size_t len) {
  const pv_taint_exports *x = c->x;
  if (x == NULL || x->hcap == 0)
    return NULL;
  for (uint32_t j = export_hash(c->rule, f, name, len) & (x->hcap - 1); x->h[j];
       j = (j + 1) & (x->hcap - 1)) {
    const xfn *e = &x->v[x->h[j] - 1];
    if (e->rule == c->rule && e->file == f && strlen(e->name) == len &&
        memcmp(e->name, name, len) == 0)
      return e;
  }
  return NULL;
}

/* Index the newest export (x->v[x->n - 1]); -1 on OOM. */
static int export_index(pv_taint_exports *x) {
  if (x->n * 2 > x->hcap) {
    uint32_t cap = x->hcap ? x->hcap * 2 : 64;
    uint32_t *h = calloc(cap, sizeof *h);
    if (h == NULL)
      return -1;
    free(x->h);
    x->h = h;
    x->hcap = cap;
    for (uint32_t i = 0; i + 1 < x->n; i++) {
      const xfn *e = &x->v[i];
      uint32_t j = export_hash(e->rule, e->file, e->name, strlen(e->name)) & (cap - 1);
      while (h[j])
        j = (j + 1) & (cap - 1);
      h[j] = i + 1;
    }
  }
  const xfn *e = &x->v[x->n - 1];
  uint32_t j = export_hash(e->rule, e->file, e->name, strlen(e->name)) & (x->hcap - 1);
  while (x->h[j])
    j = (j + 1) & (x->hcap - 1);
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
    if (((k - home) & mask) >= ((k - j) & mask)) {
      x->h[j] = x->h[k];
      x->h[k] = 0;
      j = k;
    }
  }
}

/* Path t (without a parameter's symbolic root) as kept steps. */
static xstep *keep_steps(tctx *c, const trace *t, uint32_t *n) {
  uint32_t k = 0;
  for (const trace *x = t; x != NULL && x->len > 0; x = x->prev)
    k++;
  xstep *v = pv_arena_alloc(c->x->a, (k ? k : 1) * sizeof *v);
  if (v == NULL) {
    c->oom = 1;
    *n = 0;
    return NULL;
  }
  *n = k;
  for (const trace *x = t; x != NULL && x->len > 0; x = x->prev) {
    const char *m = pv_arena_strdup(c->x->a, x->msg ? x->msg : "");
    v[--k] = (xstep){x->file ? x->file : c->file, x->s, x->e, m};
  }
  return v;
}

/* Kept steps appended to path head. */
static const trace *replay(tctx *c, const trace *head, const xstep *v, uint32_t n,
                           uint32_t labels) {
  const trace *t = head;
  for (uint32_t i = 0; i < n; i++) {
    t = tn_step(c, t, v[i].s, v[i].e, v[i].msg);
    ((trace *)t)->file = v[i].file == c->file ? NULL : v[i].file;
  }
  if (t != NULL && t != head)
    ((trace *)t)->labels |= labels;
  return t;
}

/* Parts v[0..k) (effects: with their targets) kept beyond this run. */
static xpart *keep_parts(tctx *c, const rpart *v, const uint8_t *target, uint32_t k) {
  xpart *out = k ? pv_arena_alloc(c->x->a, k * sizeof *out) : NULL;
  for (uint32_t i = 0; out != NULL && i < k; i++) {
    out[i] = (xpart){.path = pv_arena_strdup(c->x->a, v[i].path),
                     .ppath = pv_arena_strdup(c->x->a, v[i].ppath),
                     .param = v[i].param,
                     .derived = v[i].derived,
                     .target = target ? target[i] : 0};
    if (v[i].t != NULL) {
      out[i].steps = keep_steps(c, v[i].t, &out[i].n);
      out[i].labels = v[i].t->labels;
    }
  }
  if (k && out == NULL)
    c->oom = 1;
  return out;
}

/* Export name `name` of this file is function fn: keep its summary. */
static void export_fn(tctx *c, const char *name, size_t len, TSNode fn) {
  if (c->x == NULL || export_find(c, c->file, name, len) != NULL)
    return;
  fsum *f = tn_summary(c, fn);
  if (f == NULL || f->state != SUM_DONE)
    return;
  pv_taint_exports *x = c->x;
  if (x->n == x->cap) {
    uint32_t cap = x->cap ? x->cap * 2 : 16;
    xfn *v = realloc(x->v, cap * sizeof *v);
    if (v == NULL)
      return (void)(c->oom = 1);
    x->v = v;
    x->cap = cap;
  }
  xfn *e = &x->v[x->n];
  memset(e, 0, sizeof *e);
  e->rule = c->rule;
  e->file = c->file;
  e->name = pv_arena_strndup(x->a, name, len);
  e->node = fn;
  e->rets = keep_parts(c, f->rets, NULL, f->nrets);
  e->nrets = f->nrets;
  e->eff = keep_parts(c, f->eff, f->target, f->neff);
  e->neff = f->neff;
  e->ret = f->ret != NULL;
  c->exports_ret |= e->ret;
  e->sinks = f->nsinks ? pv_arena_alloc(x->a, f->nsinks * sizeof *e->sinks) : NULL;
  for (uint32_t i = 0; e->sinks != NULL && i < f->nsinks; i++) {
    xsink *k = &e->sinks[e->nsinks++], *ext = f->sinks[i].ext;
    memset(k, 0, sizeof *k);
    k->param = f->sinks[i].param;
    k->labels = f->sinks[i].t->labels;
    k->ppath = pv_arena_strdup(x->a, f->sinks[i].ppath);
    if (ext != NULL) {
      k->file = ext->file;
      k->sink = ext->sink;
      k->item = ext->item;
    } else {
      k->file = c->file;
      k->sink = c->sink.v[f->sinks[i].sink];
      k->item = c->sink_item[f->sinks[i].sink];
    }
    k->steps = keep_steps(c, f->sinks[i].t, &k->n);
  }
  if (e->name != NULL) {
    x->n++;
    if (export_index(x) != 0)
      c->oom = 1;
  }
}

/* A function value: a literal, or the name of a function of this file. */
static int function_value(tctx *c, TSNode v, TSNode *fn) {
  if (tn_is_function(c, v)) {
    *fn = v;
    return 1;
  }
  return tn_callee_function(c, v, fn);
}

/* module.exports = f / { a, b: g } and exports.x = f (CommonJS). */
static void export_assignment(tctx *c, TSNode a) {
  TSNode l = tn_field_of(a, "left"), r = tn_field_of(a, "right"), fn;
  char path[FIELD_PATH_MAX];
  TSNode root;
  if (!tn_member_path(c, l, &root, path) || nend(root) - nstart(root) > 7)
    return;
  const char *rn = (const char *)c->data + nstart(root);
  int module = nend(root) - nstart(root) == 6 && memcmp(rn, "module", 6) == 0;
  int exports = nend(root) - nstart(root) == 7 && memcmp(rn, "exports", 7) == 0;
  const char *name = module && strncmp(path, ".exports", 8) == 0 ? path + 8 : exports ? path : NULL;
  if (name == NULL || (*name != '\0' && *name != '.') || strchr(name + (*name == '.'), '.') != NULL)
    return;
  if (*name == '.')
    name++;
  if (function_value(c, r, &fn))
    export_fn(c, name, strlen(name), fn);
  if (*name != '\0' || !sym_is(r, c->sy->object))
    return;
  for (uint32_t i = 0; i < nkids(r); i++) { /* { a, b: g, c() {} } */
    TSNode p = ts_node_named_child(r, i), key = tn_field_of(p, "key"),
           val = tn_field_of(p, "value");
    if (sym_is(p, c->sy->sprop) && tn_callee_function(c, p, &fn))
      export_fn(c, (const char *)c->data + nstart(p), nend(p) - nstart(p), fn);
    else if (sym_is(p, c->sy->method) && sym_is(key, c->sy->prop))
      export_fn(c, (const char *)c->data + nstart(key), nend(key) - nstart(key), p);
    else if (sym_is(p, c->sy->pair) && sym_is(key, c->sy->prop) && function_value(c, val, &fn))
      export_fn(c, (const char *)c->data + nstart(key), nend(key) - nstart(key), fn);
  }
}

static const pv_file *required(tctx *c, TSNode call);

/* Export `name` of module t again, as `as` of this file. */
static void reexport(tctx *c, const pv_file *t, const char *name, size_t len, const char *as,
                     size_t alen) {
  if (!is_done(c, t))
    return tn_wait_for(c, t);
  for (uint32_t k = 0; c->x != NULL && k < c->x->n; k++) {
    xfn e = c->x->v[k]; /* copied: the array may grow */
    if (e.rule != c->rule || e.file != t ||
        (name != NULL && (strlen(e.name) != len || memcmp(e.name, name, len))))
      continue;
    if (name == NULL) { /* export * */
      as = e.name;
      alen = strlen(e.name);
    }
    if (export_find(c, c->file, as, alen) != NULL || alen == 0 || strcmp(as, "default") == 0)
      continue;
    pv_taint_exports *x = c->x;
    if (x->n == x->cap) {
      xfn *v = realloc(x->v, (x->cap ? x->cap * 2 : 16) * sizeof *v);
      if (v == NULL)
        return (void)(c->oom = 1);
      x->v = v;
      x->cap = x->cap ? x->cap * 2 : 16;
    }
    e.file = c->file;
    e.name = pv_arena_strndup(x->a, as, alen);
    c->exports_ret |= e.ret;
    memset(&e.node, 0, sizeof e.node); /* not a function of this file */
    if (e.name != NULL) {
      x->v[x->n++] = e;
      if (export_index(x) != 0)
        return (void)(c->oom = 1);
    }
  }
}

/* export * from './x', export { a, b as c } from './x'. */
static void export_from(tctx *c, TSNode e, const pv_file *t) {
  int named = 0;
  for (uint32_t i = 0; i < nkids(e); i++) {
    TSNode cl = ts_node_named_child(e, i);
    if (!sym_is(cl, c->sy->export_clause))
      continue;
    named = 1;
    for (uint32_t j = 0; j < nkids(cl); j++) {
      TSNode sp = ts_node_named_child(cl, j), nm = tn_field_of(sp, "name"),
             al = tn_field_of(sp, "alias");
      TSNode out = ts_node_is_null(al) ? nm : al;
      if (!ts_node_is_null(nm))
        reexport(c, t, (const char *)c->data + nstart(nm), nend(nm) - nstart(nm),
                 (const char *)c->data + nstart(out), nend(out) - nstart(out));
    }
  }
  if (!named)
    reexport(c, t, NULL, 0, NULL, 0);
}

/* export function f, export const f = () =>, export default ..., export { a as b }. */
static void export_statement(tctx *c, TSNode e) {
  const pv_file *from = required(c, tn_field_of(e, "source"));
  if (from != NULL)
    return export_from(c, e, from);
  TSNode d = tn_field_of(e, "declaration"), v = tn_field_of(e, "value"), fn;
  int dflt = 0;
  for (uint32_t i = 0; i < ts_node_child_count(e) && !dflt; i++) {
    TSNode k = ts_node_child(e, i);
    dflt = !ts_node_is_named(k) && nend(k) - nstart(k) == 7 &&
           memcmp(c->data + nstart(k), "default", 7) == 0;
  }
  if (dflt && !ts_node_is_null(d) && tn_is_function(c, d))
    export_fn(c, "default", 7, d);
  else if (dflt && !ts_node_is_null(v) && function_value(c, v, &fn))
    export_fn(c, "default", 7, fn);
  else if (!ts_node_is_null(d) && tn_is_function(c, d)) {
    TSNode nm = tn_field_of(d, "name");
    if (!ts_node_is_null(nm))
      export_fn(c, (const char *)c->data + nstart(nm), nend(nm) - nstart(nm), d);
  } else if (sym_is(d, c->sy->lexdecl) || sym_is(d, c->sy->vardecl)) {
    for (uint32_t i = 0; i < nkids(d); i++) {
      TSNode vd = ts_node_named_child(d, i), nm = tn_field_of(vd, "name"),
             val = tn_field_of(vd, "value");
      if (sym_is(nm, c->sy->ident) && tn_is_function(c, val))
        export_fn(c, (const char *)c->data + nstart(nm), nend(nm) - nstart(nm), val);
    }
  }
  for (uint32_t i = 0; i < nkids(e); i++) { /* export { a, b as c } */
    TSNode cl = ts_node_named_child(e, i);
    if (!sym_is(cl, c->sy->export_clause))
      continue;
    for (uint32_t j = 0; j < nkids(cl); j++) {
      TSNode sp = ts_node_named_child(cl, j), nm = tn_field_of(sp, "name"),
             al = tn_field_of(sp, "alias");
      TSNode out = ts_node_is_null(al) ? nm : al;
      if (!ts_node_is_null(nm) && tn_callee_function(c, nm, &fn))
        export_fn(c, (const char *)c->data + nstart(out), nend(out) - nstart(out), fn);
    }
  }
}

void tn_record_exports(tctx *c, TSNode root) {
  for (uint32_t i = 0; i < nkids(root) && !c->oom; i++) {
    TSNode st = ts_node_named_child(root, i);
    if (sym_is(st, c->sy->export_stmt))
      export_statement(c, st);
    else if (sym_is(st, c->sy->expr_stmt) && sym_is(ts_node_named_child(st, 0), c->sy->assign))
      export_assignment(c, ts_node_named_child(st, 0));
  }
}

static void add_import(tctx *c, TSNode local, const pv_file *target, const char *name, size_t len) {
  pv_taint_file *pf = c->pf;
  if (tn_grow((void **)&pf->imps, &pf->capimps, pf->nimps + 1, sizeof *pf->imps))
    return (void)(c->oom = 1);
  const char *nm = pv_arena_strndup(pf->a, name, len);
  if (nm != NULL)
    pf->imps[pf->nimps++] = (struct import){nstart(local), nend(local), target, nm};
}

/* The file a require('./x') call or import source names, or NULL. */
static const pv_file *required(tctx *c, TSNode call) {
  TSNode spec;
  if (sym_is(call, c->sy->string))
    spec = call;
  else {
    TSNode f = tn_field_of(call, "function"), args = tn_field_of(call, "arguments");
    if (!sym_is(call, c->sy->call) || !sym_is(f, c->sy->ident) || nend(f) - nstart(f) != 7 ||
        memcmp(c->data + nstart(f), "require", 7) != 0 || nkids(args) != 1)
      return NULL;
    spec = ts_node_named_child(args, 0);
    if (!sym_is(spec, c->sy->string))
      return NULL;
  }
  return pv_taint_resolve(c->g, c->file, (const char *)c->data + nstart(spec) + 1,
                          nend(spec) - nstart(spec) - 2);
}

void tn_import_declarator(tctx *c, TSNode d) {
  TSNode name = tn_field_of(d, "name"), val = tn_field_of(d, "value");
  const pv_file *t;
  if (sym_is(val, c->sy->member) && (t = required(c, tn_field_of(val, "object"))) != NULL) {
    TSNode p = tn_field_of(val, "property"); /* const f = require('./x').f */
    if (sym_is(name, c->sy->ident))
      add_import(c, name, t, (const char *)c->data + nstart(p), nend(p) - nstart(p));
    return;
  }
  if ((t = required(c, val)) == NULL)
    return;
  if (sym_is(name, c->sy->ident))
    return add_import(c, name, t, "", 0);
  for (uint32_t i = 0; sym_is(name, c->sy->objpat) && i < nkids(name); i++) {
    TSNode p = ts_node_named_child(name, i), key = tn_field_of(p, "key"),
           v = tn_field_of(p, "value");
    if (sym_is(p, c->sy->sprop_pat))
      add_import(c, p, t, (const char *)c->data + nstart(p), nend(p) - nstart(p));
    else if (sym_is(p, c->sy->pairpat) && sym_is(v, c->sy->ident))
      add_import(c, v, t, (const char *)c->data + nstart(key), nend(key) - nstart(key));
  }
}

void tn_import_statement(tctx *c, TSNode imp) {
  const pv_file *t = required(c, tn_field_of(imp, "source"));
  for (uint32_t i = 0; t != NULL && i < nkids(imp); i++) {
    TSNode cl = ts_node_named_child(imp, i);
    if (!sym_is(cl, c->sy->import_clause))
      continue;
    for (uint32_t j = 0; j < nkids(cl); j++) {
      TSNode k = ts_node_named_child(cl, j);
      if (sym_is(k, c->sy->ident))
        add_import(c, k, t, "default", 7);
      else if (sym_is(k, c->sy->ns_import) && nkids(k) == 1)
        add_import(c, ts_node_named_child(k, 0), t, "", 0);
      for (uint32_t m = 0; sym_is(k, c->sy->named_imports) && m < nkids(k); m++) {
        TSNode sp = ts_node_named_child(k, m), nm = tn_field_of(sp, "name"),
               al = tn_field_of(sp, "alias");
        if (!ts_node_is_null(nm))
          add_import(c, ts_node_is_null(al) ? nm : al, t, (const char *)c->data + nstart(nm),
                     nend(nm) - nstart(nm));
      }
    }
  }
}

/* The export a callee names: f (imported), m.f or m() (a module); *mod is
 * set to the module when the callee names one. */
const xfn *tn_imported(tctx *c, TSNode callee, const pv_file **mod) {
  TSNode id = sym_is(callee, c->sy->member) ? tn_field_of(callee, "object") : callee;
  if (!sym_is(id, c->sy->ident))
    return NULL;
  for (uint32_t i = 0; i < c->nimps; i++) {
    const struct import *m = &c->imps[i];
    if (m->ne - m->ns != nend(id) - nstart(id) ||
        memcmp(c->data + m->ns, c->data + nstart(id), m->ne - m->ns))
      continue;
    *mod = m->target;
    if (sym_is(callee, c->sy->member)) {
      TSNode p = tn_field_of(callee, "property");
      if (*m->name != '\0' || ts_node_is_null(p))
        return NULL;
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
  tn_param_sinks(c, si, ext, t);
  if (t->param || !tn_requires_ok(c, it->requires, t) ||
      (ext == NULL && !tn_unified(c, t, &c->sink.v[si])))
    return;
  if (ext == NULL) {
    if (c->best[si] == NULL || t->len < c->best[si]->len)
      c->best[si] = t;
  } else if (!ext->reported) { /* marked reported when it is */
    uint32_t q = 0;
    while (q < c->nxq && c->xq[q].sink != ext)
      q++;
    if (q == c->nxq && q < XQ_MAX) {
      c->xq[c->nxq].sink = ext;
      c->xq[c->nxq++].t = t;
    } else if (q < c->nxq && t->len < c->xq[q].t->len) {
      c->xq[q].t = t;
    } else if (q == c->nxq) {
      tn_cut(c, "the sinks of other modules reached from one file (%d)", XQ_MAX);
    }
  }
}

/* The value of part p at a call with arguments at[0..nargs), or NULL. */
static const trace *part_value(tctx *c, const rpart *p, const trace *const *at, uint32_t nargs) {
  if (p->param == 0)
    return p->t;
  const trace *t = p->param <= nargs ? tn_select_field(c, at[p->param - 1], p->ppath) : NULL;
  return p->derived ? tn_derive(c, t) : t;
}

/* What call n of callee returns, made of the parts v[0..k) of its summary. */
const trace *tn_made(tctx *c, const rpart *v, uint32_t k, const trace *const *at, uint32_t nargs,
                     TSNode n, TSNode callee) {
  sfield f[SHAPE_MAX];
  uint32_t nf = 0;
  const trace *rest = NULL;
  const char *via = NULL;
  for (uint32_t i = 0; i < k; i++) {
    const trace *x = part_value(c, &v[i], at, nargs);
    if (x != NULL)
      x = tn_step(c, x, nstart(n), nend(n),
                  via ? via : (via = tn_quote(c, "returned from %s", nstart(n), nend(callee))));
    uint32_t j = 0;
    while (j < nf && strcmp(f[j].path, v[i].path) != 0)
      j++;
    if (v[i].path[0] == '\0' || (j == nf && nf == SHAPE_MAX)) {
      rest = tn_join(c, rest, x);
      continue;
    }
    if (j == nf) {
      f[nf].path = v[i].path;
      f[nf++].t = NULL;
    }
    f[j].t = tn_join(c, f[j].t, x);
  }
  return nf ? tn_make_shape(c, rest, f, nf) : rest;
}

/* Call n of callee writes parts v[0..k) to fields of its arguments
 * (part i to parameter target[i]-1): the variables or chains passed get
 * them. */
static void apply_effects(tctx *c, const rpart *v, const uint8_t *target, uint32_t k,
                          const trace *const *at, const TSNode *fnarg, uint32_t nargs, TSNode n,
                          TSNode callee) {
  for (uint32_t i = 0; i < k; i++) {
    const trace *x = part_value(c, &v[i], at, nargs);
    uint32_t ti = target[i] - 1u;
    TSNode root;
    char path[FIELD_PATH_MAX];
    if (x == NULL || ti >= nargs || !tn_member_path(c, fnarg[ti], &root, path) ||
        strlen(path) + strlen(v[i].path) >= FIELD_PATH_MAX)
      continue;
    binding *b = tn_var_of(c, root, 0);
    if (b == NULL)
      continue;
    memcpy(path + strlen(path), v[i].path, strlen(v[i].path) + 1); /* room checked above */
    x = tn_step(c, x, nstart(fnarg[ti]), nend(fnarg[ti]),
                tn_quote(c, "stored in a field by %s", nstart(n), nend(callee)));
    tn_assign_path(c, b, path, tn_join(c, tn_value_at(c, b, path), x));
  }
}

/* Call n of callee (a function of this file whose summary is f) with
 * arguments at[0..nargs) (nodes fnarg): its effects, the sinks its
 * parameters reach, and what it returns. */
const trace *tn_apply_summary(tctx *c, fsum *f, const trace *const *at, const TSNode *fnarg,
                              uint32_t nargs, TSNode n, TSNode callee) {
  if (f == NULL)
    return NULL;
  apply_effects(c, f->eff, f->target, f->neff, at, fnarg, nargs, n, callee);
  for (uint32_t s = 0; s < f->nsinks; s++) {
    uint32_t pi = f->sinks[s].param - 1u;
    const trace *a = pi < nargs ? tn_select_field(c, at[pi], f->sinks[s].ppath) : NULL;
    if (a == NULL)
      continue;
    const trace *in = tn_step(c, a, nstart(fnarg[pi]), nend(fnarg[pi]),
                              tn_quote(c, "passed to %s", nstart(callee), nend(callee)));
    sink_reached(c, f->sinks[s].sink, f->sinks[s].ext, tn_splice(c, in, f->sinks[s].t));
  }
  return tn_made(c, f->rets, f->nrets, at, nargs, n, callee);
}

/* Kept parts as parts of this file's run (targets left out). */
static uint32_t replay_parts(tctx *c, const xpart *v, uint32_t k, rpart *out, uint8_t *target) {
  for (uint32_t i = 0; i < k; i++) {
    out[i] = (rpart){
        .path = v[i].path, .param = v[i].param, .derived = v[i].derived, .ppath = v[i].ppath};
    if (v[i].param == 0 && v[i].steps != NULL)
      out[i].t = replay(c, NULL, v[i].steps, v[i].n, v[i].labels);
    if (target != NULL)
      target[i] = v[i].target;
  }
  return k;
}

/* A call into another module: its export's summary, as for local ones. */
const trace *tn_apply_export(tctx *c, TSNode n, TSNode callee, const xfn *e, const trace *const *at,
                             const TSNode *fnarg, uint32_t nargs) {
  rpart v[RPARTS_MAX];
  uint8_t target[RPARTS_MAX];
  apply_effects(c, v, target, replay_parts(c, e->eff, e->neff, v, target), at, fnarg, nargs, n,
                callee);
  for (uint32_t k = 0; k < e->nsinks; k++) {
    xsink *s = &e->sinks[k];
    uint32_t pi = s->param - 1u;
    const trace *a = pi < nargs ? tn_select_field(c, at[pi], s->ppath) : NULL;
    if (s->reported || a == NULL)
      continue;
    const trace *in = tn_step(c, a, nstart(fnarg[pi]), nend(fnarg[pi]),
                              tn_quote(c, "passed to %s", nstart(callee), nend(callee)));
    sink_reached(c, 0, s, replay(c, in, s->steps, s->n, s->labels));
  }
  return tn_made(c, v, replay_parts(c, e->rets, e->nrets, v, NULL), at, nargs, n, callee);
}

/* ---- Rounds ------------------------------------------------------------------ */

uint32_t pv_taint_round(const pv_taint_exports *x) {
  return x ? x->round : 0;
}

int pv_taint_next_round(pv_taint_exports *x) {
  if (x == NULL || x->npending == 0 || x->final)
    return 0;
  x->round++;
  int cycles = x->round > 1 && x->progress == 0; /* no progress: import cycles */
  x->final = x->round >= ROUNDS_MAX || cycles;
  x->out_of_rounds = x->round >= ROUNDS_MAX && !cycles;
  x->progress = 0;
  return 1;
}

static int is_pending(const pv_taint_exports *x, const pv_rule *rule, const pv_file *f) {
  const struct mark *k = tn_marked(x, rule, f);
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

int pv_taint_ready(const pv_taint_exports *x, const pv_taint_graph *g, const pv_rule *rule,
                   const pv_file *f) {
  if (x == NULL)
    return 1;
  if (!is_pending(x, rule, f))
    return 0;
  if (x->final)
    return 1;
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
void tn_settle(tctx *c, uint32_t nexports) {
  if (c->x == NULL)
    return;
  if (c->deferred) { /* its exports wait too: drop those this run recorded */
    for (; c->x->n > nexports; c->x->n--) {
      const xfn *e = &c->x->v[c->x->n - 1];
      uint32_t j = export_hash(e->rule, e->file, e->name, strlen(e->name)) & (c->x->hcap - 1);
      while (c->x->h[j] != c->x->n)
        j = (j + 1) & (c->x->hcap - 1);
      unindex(c->x, j);
    }
    if (set_pending(c->x, c->rule, c->file) != 0)
      c->oom = 1;
    return;
  }
  struct mark *k = mark(c->x, c->rule, c->file);
  if (k == NULL)
    return (void)(c->oom = 1);
  if (k->state == M_PENDING)
    c->x->npending--;
  k->state = M_DONE;
  k->ret = (uint8_t)c->exports_ret;
  c->x->progress++;
  if (k->ret && pv_taint_each_importer(c->g, c->file, wake, c) != 0)
    c->oom = 1;
}

int pv_taint_sources(const pv_rule *rule, const pv_feval *e, const pv_file *f, pv_taint_file *pf,
                     pv_taint_graph *g, pv_taint_exports *x) {
  int found = 0;
  for (uint32_t i = 0; i < rule->taint->n[PV_TI_SOURCE] && !found; i++) {
    const pv_mlist *l = tn_item_matches(pf, &rule->taint->items[PV_TI_SOURCE][i], e);
    if (l == NULL)
      return -1;
    found = l->n > 0;
  }
  if (!found && !(rule->taint->entry_exported && pv_taint_entry(g, f)))
    return 0;
  return x == NULL ? 1 : set_pending(x, rule, f) != 0 ? -1 : 1;
}
