/* functions.c — the taint engine's functions of the file: finding them
 * (by name, as methods, along the classes extended), what methods keep in
 * the fields of instances, binding parameters, running a body, and the
 * summaries calls use (taint_impl.h). */
#include <stdlib.h>
#include <string.h>

#include "../parse.h"
#include "taint_impl.h"

enum {
  NEST_MAX = 64,    /* nested calls interpreted */
  FIXPOINT_MAX = 4, /* runs of a recursive function's summary */
  INHERIT_MAX = 8,  /* classes extended, one from the other, followed */
};

/* ---- Functions ---------------------------------------------------------- */

int tn_is_function(const tctx *c, TSNode n) {
  TSSymbol x = ts_node_is_null(n) ? 0 : ts_node_symbol(n);
  const pv_syms_ts *y = c->sy;
  return x != 0 && (x == y->fn_decl || x == y->fn_expr || x == y->arrow || x == y->method ||
                    x == y->gen_decl || x == y->gen_expr);
}

static uint32_t name_hash(const unsigned char *t, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++)
    h = (h ^ t[i]) * 16777619u;
  return h;
}

static uint32_t node_hash(TSNode n) {
  return (nstart(n) * 2654435761u) ^ ts_node_symbol(n);
}

static uint32_t fn_name_hash(const pv_taint_file *pf, uint32_t i) {
  return name_hash(pf->f->data + pf->fns[i].ns, pf->fns[i].ne - pf->fns[i].ns);
}

/* Index the file's functions by node and by name (the first of a name
 * wins); -1 on OOM. */
int tn_index_fns(pv_taint_file *pf) {
  uint32_t cap = 64;
  while (cap < pf->nfns * 2)
    cap *= 2;
  free(pf->nhash);
  free(pf->fhash);
  pf->nhash = calloc(cap, sizeof *pf->nhash);
  pf->fhash = calloc(cap, sizeof *pf->fhash);
  if (pf->nhash == NULL || pf->fhash == NULL)
    return -1;
  pf->ncap = pf->fcap = cap;
  for (uint32_t i = 0; i < pf->nfns; i++) {
    uint32_t j = node_hash(pf->fns[i].node) & (cap - 1);
    while (pf->nhash[j])
      j = (j + 1) & (cap - 1);
    pf->nhash[j] = i + 1;
    if (pf->fns[i].ne == pf->fns[i].ns)
      continue;
    for (j = fn_name_hash(pf, i) & (cap - 1); pf->fhash[j]; j = (j + 1) & (cap - 1)) {
    }
    pf->fhash[j] = i + 1;
  }
  return 0;
}

/* The index of function node fn in the file, or -1. */
long tn_fn_index(const pv_taint_file *pf, TSNode fn) {
  for (uint32_t j = pf->ncap ? node_hash(fn) & (pf->ncap - 1) : 0; pf->ncap && pf->nhash[j];
       j = (j + 1) & (pf->ncap - 1))
    if (ts_node_eq(pf->fns[pf->nhash[j] - 1].node, fn))
      return (long)pf->nhash[j] - 1;
  return -1;
}

/* The summary record of function node fn (NULL: not one of the file's). */
static fsum *fn_of(tctx *c, TSNode fn) {
  long i = tn_fn_index(c->pf, fn);
  return i >= 0 && c->fns != NULL ? &c->fns[i] : NULL;
}

/* The kind of method m (a function in a class or object literal body):
 * its first token says get or set. */
static method_kind kind_of(tctx *c, TSNode m) {
  TSNode first = ts_node_child(m, 0); /* get / set / static / async */
  if (ts_node_is_named(first) || nend(first) - nstart(first) != 3)
    return METHOD_PLAIN;
  if (memcmp(c->data + nstart(first), "get", 3) == 0)
    return METHOD_GETTER;
  if (memcmp(c->data + nstart(first), "set", 3) == 0)
    return METHOD_SETTER;
  return METHOD_PLAIN;
}

/* Method `name` of that kind of class body or object literal body; 1
 * when found. */
static int member_fn(tctx *c, TSNode body, const unsigned char *name, uint32_t len,
                     method_kind kind, TSNode *out) {
  uint32_t nk, first = tn_kids(c, body, &nk); /* (not ts_node_named_child(i): O(i) each) */
  int found = 0;
  for (uint32_t i = 0; i < nk && !found; i++) {
    TSNode m = c->kids[first + i], key = tn_field_of(m, "name");
    if (sym_is(m, c->sy->pair)) {
      key = tn_field_of(m, "key");
      m = tn_field_of(m, "value");
    }
    if (!tn_is_function(c, m) || !sym_is(key, c->sy->prop) || nend(key) - nstart(key) != len ||
        memcmp(c->data + nstart(key), name, len) != 0)
      continue;
    if (kind_of(c, m) == kind) {
      *out = m;
      found = 1;
    }
  }
  c->kn = first;
  return found;
}

/* The index in pf->cls of the class of body `body`, or -1. */
long tn_class_index(const pv_taint_file *pf, TSNode body) {
  uint32_t lo = 0, hi = pf->ncls, at = nstart(body);
  while (!ts_node_is_null(body) && lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (nstart(pf->cls[mid].body) < at)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < pf->ncls && ts_node_eq(pf->cls[lo].body, body) ? (long)lo : -1;
}

/* The body of the class of this file that class body `body` extends, or a
 * null node. */
static TSNode parent_body(tctx *c, TSNode body) {
  long i = tn_class_index(c->pf, body);
  return i >= 0 && c->pf->cls[i].up ? c->pf->cls[c->pf->cls[i].up - 1].body : (TSNode){0};
}

/* The root of the classes of this file that body extends (itself if
 * none): a class and its ancestors keep their fields together. */
static TSNode family(tctx *c, TSNode body) {
  TSNode up = parent_body(c, body);
  for (int d = 0; d < INHERIT_MAX && !ts_node_is_null(up); d++) {
    body = up;
    up = parent_body(c, body);
  }
  if (!ts_node_is_null(up))
    tn_cut(c, "the classes extended that are followed (%d)", INHERIT_MAX);
  return body;
}

/* Method `name` of body or, for a class, of the classes it extends. */
int tn_method_of(tctx *c, TSNode body, const unsigned char *name, uint32_t len, method_kind kind,
                 TSNode *out) {
  for (int d = 0; d <= INHERIT_MAX && !ts_node_is_null(body); d++, body = parent_body(c, body))
    if (member_fn(c, body, name, len, kind, out))
      return 1;
  if (!ts_node_is_null(body))
    tn_cut(c, "the classes extended that are followed (%d)", INHERIT_MAX);
  return 0;
}

/* The class body (or object literal) whose method n is in, as `this`
 * sees it: arrow functions keep the `this` around them; other functions
 * than methods have their own. */
static TSNode this_body(tctx *c, TSNode n) {
  TSNode none = {0};
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (sym_is(p, c->sy->arrow) || !tn_is_function(c, p))
      continue;
    TSNode up = ts_node_parent(p);
    if (sym_is(up, c->sy->pair))
      up = ts_node_parent(up);
    return sym_is(up, c->sy->class_body) || sym_is(up, c->sy->object) ? up : none;
  }
  return none;
}

/* The same, remembered: each ts_node_parent starts from the root and
 * steps over the siblings on the way, so the climb costs the width of the
 * nodes above n; a method's `this` is read again on every pass. */
TSNode tn_this_body(tctx *c, TSNode n) {
  struct this_memo *m = &c->this_memo[((uintptr_t)n.id >> 4) % THIS_MEMO];
  if (m->n.id == NULL || memcmp(&m->n, &n, sizeof n) != 0) {
    m->body = this_body(c, n);
    m->n = n;
  }
  return m->body;
}

/* The class body or object literal of receiver o (`this`, or a variable
 * made with `new K()` or an object literal), or a null node. */
TSNode tn_receiver_body(tctx *c, TSNode o) {
  if (sym_is(o, c->sy->this_))
    return tn_this_body(c, o);
  if (sym_is(o, c->sy->super_))
    return parent_body(c, tn_this_body(c, o)); /* super.m() */
  binding *b =
      sym_is(o, c->sy->ident) ? tn_find(c, c->data + nstart(o), nend(o) - nstart(o)) : NULL;
  TSNode none = {0};
  return b != NULL ? b->obj : none;
}

/* o.m(...), this.m(...): method m of the receiver's class or object. */
int tn_receiver_method(tctx *c, TSNode callee, method_kind kind, TSNode *out) {
  TSNode prop = tn_field_of(callee, "property");
  TSNode body =
      sym_is(prop, c->sy->prop) ? tn_receiver_body(c, tn_field_of(callee, "object")) : (TSNode){0};
  return !ts_node_is_null(body) &&
         tn_method_of(c, body, c->data + nstart(prop), nend(prop) - nstart(prop), kind, out);
}

/* The body of class `name` of this file, or a null node. */
TSNode tn_class_named(tctx *c, TSNode name) {
  TSNode none = {0};
  for (uint32_t i = 0; sym_is(name, c->sy->ident) && i < c->pf->ncls; i++) {
    const struct pcls *k = &c->pf->cls[i];
    if (k->ne - k->ns == nend(name) - nstart(name) &&
        memcmp(c->data + k->ns, c->data + nstart(name), k->ne - k->ns) == 0)
      return k->body;
  }
  return none;
}

/* ---- Fields of instances ---------------------------------------------- */

/* What methods write to this.path is kept per class (all instances alike,
 * whatever the order the methods run in): a source's taint, not a
 * parameter of a summary being made. */
static void store_put(tctx *c, TSNode body, const char *path, const trace *t) {
  if (t == NULL || t->param != 0 || path[0] == '\0' || ts_node_is_null(body))
    return;
  body = family(c, body);
  struct kfield *k = NULL;
  for (uint32_t i = 0; i < c->nstore && k == NULL; i++)
    if (c->store[i].body == nstart(body) && strcmp(c->store[i].path, path) == 0)
      k = &c->store[i];
  if (k == NULL) {
    if (tn_grow((void **)&c->store, &c->capstore, c->nstore + 1, sizeof *c->store))
      return (void)(c->oom = 1);
    k = &c->store[c->nstore++];
    *k = (struct kfield){nstart(body), pv_arena_strdup(c->a, path), NULL};
  }
  trace *x = pv_arena_alloc(c->a, sizeof *x);
  if (x == NULL || k->path == NULL)
    return (void)(c->oom = 1);
  *x = *tn_derive(c, t); /* kept without the parameters of where it was written */
  x->params = 0;
  x->ppath = NULL;
  const trace *j = tn_join(c, k->t, x);
  if (k->t == NULL || j->labels != k->t->labels)
    c->store_version++;
  k->t = j;
}

void tn_store_write(tctx *c, TSNode at, const char *path, const trace *t) {
  store_put(c, tn_this_body(c, at), path, t);
}

/* `x = v` in a class body (not static): every instance's field x starts
 * as v. */
void tn_class_field(tctx *c, TSNode n) {
  TSNode nm = tn_field_of(n, "property"), v = tn_field_of(n, "value");
  if (ts_node_is_null(nm))
    nm = tn_field_of(n, "name"); /* TypeScript */
  for (uint32_t i = 0; i < ts_node_child_count(n); i++) {
    TSNode k = ts_node_child(n, i);
    if (!ts_node_is_named(k) && nend(k) - nstart(k) == 6 &&
        memcmp(c->data + nstart(k), "static", 6) == 0)
      return;
  }
  if (ts_node_is_null(nm) || ts_node_is_null(v) || tn_is_function(c, v))
    return;
  char path[FIELD_PATH_MAX];
  uint32_t l = nend(nm) - nstart(nm);
  if (!tn_key_path(c, nm, path)) { /* x, #x */
    if (ts_node_named_child_count(nm) > 0 || l + 2 > FIELD_PATH_MAX)
      return; /* [computed] */
    path[0] = '.';
    memcpy(path + 1, c->data + nstart(nm), l);
    path[l + 1] = '\0';
  }
  const trace *t = tn_ev(c, v);
  if (t != NULL)
    store_put(c, ts_node_parent(n), path,
              tn_step(c, t, nstart(n), nend(n), tn_quote(c, "assigned in %s", nstart(n), nend(n))));
}

/* Field path of an instance of class body `body`: what its methods wrote
 * to this.path. */
const trace *tn_store_read(tctx *c, TSNode body, const char *path) {
  const trace *t = NULL;
  if (c->nstore == 0 || !sym_is(body, c->sy->class_body))
    return NULL;
  body = family(c, body);
  for (uint32_t i = 0; i < c->nstore; i++) {
    const struct kfield *k = &c->store[i];
    if (k->body != nstart(body))
      continue;
    size_t m = covers(k->path, path);
    if (m)
      t = tn_join(c, t, tn_select_field(c, k->t, path + m - 1));
    else if (below(k->path, path))
      t = tn_join(c, t, k->t);
  }
  return t;
}

/* The function a callee expression names in this file, if any:
 * `function f`, `const f = function/arrow`, seen as declarations, and
 * `this.m` for a method m of the class or object literal around it. */
int tn_callee_function(tctx *c, TSNode callee, TSNode *out) {
  const pv_taint_file *pf = c->pf;
  while (sym_is(callee, c->sy->paren) && nkids(callee) == 1)
    callee = ts_node_named_child(callee, 0);
  if (tn_is_function(c, callee)) { /* (function (x) { ... })(v) */
    *out = callee;
    return 1;
  }
  if (sym_is(callee, c->sy->member))
    return tn_receiver_method(c, callee, METHOD_PLAIN, out);
  if (!(sym_is(callee, c->sy->ident) || sym_is(callee, c->sy->sprop)) || pf->fcap == 0)
    return 0;
  const unsigned char *name = c->data + nstart(callee);
  uint32_t n = nend(callee) - nstart(callee);
  const binding *b = sym_is(callee, c->sy->ident) ? tn_find(c, name, n) : NULL;
  if (b != NULL && !ts_node_is_null(b->fn)) { /* const f = g; f(v) */
    *out = b->fn;
    return 1;
  }
  for (uint32_t j = name_hash(name, n) & (pf->fcap - 1); pf->fhash[j];
       j = (j + 1) & (pf->fcap - 1)) {
    const struct pfn *f = &pf->fns[pf->fhash[j] - 1];
    if (f->ne - f->ns == n && memcmp(c->data + f->ns, name, n) == 0) {
      *out = f->node;
      return 1;
    }
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
  if (sym_is(x, w->c->sy->ident) || sym_is(x, w->c->sy->sprop_pat))
    w->fn(w->c, x, w->arg);
}

void tn_each_name(tctx *c, TSNode pat, void (*fn)(tctx *c, TSNode name, void *arg), void *arg) {
  names_ctx w = {c, fn, arg};
  pv_tree_walk(pat, name_visit, &w);
}

void tn_declare_to(tctx *c, TSNode name, void *t) {
  tn_declare(c, name, t);
}
void tn_assign_to(tctx *c, TSNode name, void *t) {
  tn_assign(c, name, t);
}

/* Parameter p is typed number or boolean, clean under
 * taint_assume_safe_numbers / _booleans. */
static int safe_type(tctx *c, TSNode p) {
  TSNode ty = tn_field_of(p, "type");
  if (ts_node_is_null(ty) || nkids(ty) == 0)
    return 0;
  TSNode tn = ts_node_named_child(ty, 0);
  uint32_t tl = nend(tn) - nstart(tn);
  const char *tx = (const char *)c->data + nstart(tn);
  return (c->spec->safe_numbers && tl == 6 && !memcmp(tx, "number", 6)) ||
         (c->spec->safe_booleans && tl == 7 && !memcmp(tx, "boolean", 7));
}

/* Bind a parameter list: each parameter (identifier, pattern with
 * default, rest) to t(i). */
static void bind_params(tctx *c, TSNode fn, const trace *const *args, uint32_t nargs,
                        uint32_t *ids) {
  TSNode ps = tn_field_of(fn, "parameters");
  if (ts_node_is_null(ps)) { /* x => ... */
    TSNode p = tn_field_of(fn, "parameter");
    binding *b = ts_node_is_null(p) ? NULL : tn_declare(c, p, nargs > 0 ? args[0] : NULL);
    if (ids != NULL && b != NULL)
      ids[0] = b->id;
    return;
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < nkids(ps); i++) {
    TSNode p = ts_node_named_child(ps, i);
    if (sym_is(p, c->sy->comment))
      continue;
    const trace *t = k < nargs ? args[k] : NULL;
    k++;
    /* TS: required_parameter / optional_parameter hold the pattern */
    TSNode pat = tn_field_of(p, "pattern");
    /* a source matching the parameter (`($REQ, ...) => {...}` with
     * `pattern: $REQ`: `{ query }` too) or its type annotation (`: Request`)
     * taints what it binds */
    t = tn_join(c, t, tn_source_at(c, ts_node_is_null(pat) ? p : pat, NULL));
    TSNode ann = tn_field_of(p, "type");
    if (!ts_node_is_null(ann))
      t = tn_join(c, t, tn_source_at(c, ann, NULL));
    if (safe_type(c, p))
      t = NULL;
    if (!ts_node_is_null(pat))
      p = pat;
    if (sym_is(p, c->sy->assign_pat)) { /* x = default */
      TSNode l = tn_field_of(p, "left"), r = tn_field_of(p, "right");
      t = tn_join(c, t, ts_node_is_null(r) ? NULL : tn_ev(c, r));
      p = l;
    }
    if (sym_is(p, c->sy->rest_pat) && nkids(p) > 0)
      p = ts_node_named_child(p, 0);
    if (sym_is(p, c->sy->ident)) {
      binding *b = tn_declare(c, p, t);
      if (ids != NULL && b != NULL && k <= PARAMS_MAX)
        ids[k - 1] = b->id;
    } else {
      tn_destructure(c, p, t, tn_declare_to);
    }
  }
}

/* The `var`s declared anywhere in a function body (or the top level) n
 * are the function's, from its start: declare them before it runs (not
 * those of nested functions). */
void tn_hoist(tctx *c, TSNode n, uint32_t level) {
  if (level > DEPTH_MAX)
    return;
  uint32_t nk, first = tn_kids(c, n, &nk);
  for (uint32_t i = 0; i < nk; i++) {
    TSNode k = c->kids[first + i];
    if (tn_is_function(c, k) || sym_is(k, c->sy->class_body))
      continue;
    if (!sym_is(k, c->sy->vardecl)) {
      tn_hoist(c, k, level + 1);
      continue;
    }
    for (uint32_t j = 0; j < nkids(k); j++) {
      TSNode nm = tn_field_of(ts_node_named_child(k, j), "name");
      binding *b =
          sym_is(nm, c->sy->ident) ? tn_find(c, c->data + nstart(nm), nend(nm) - nstart(nm)) : NULL;
      if (sym_is(nm, c->sy->ident) && (b == NULL || b->depth < c->fn_depth))
        tn_declare(c, nm, NULL);
    }
  }
  c->kn = first;
}

/* A function's own `this` (its fields while it runs; what methods keep
 * in them is in the class's store). */
static void bind_this(tctx *c) {
  if (tn_grow((void **)&c->cur.b, &c->cur.capb, c->cur.nb + 1, sizeof *c->cur.b))
    return (void)(c->oom = 1);
  binding *b = &c->cur.b[c->cur.nb++];
  memset(b, 0, sizeof *b);
  b->id = ++c->next_id;
  b->name = (const unsigned char *)"this";
  b->nlen = 4;
  tn_index_push(c, 0);
  b->depth = c->depth;
}

/* Interpret function fn's body with its parameters bound to args. Returns
 * what it returns; ids (if not NULL) gets the binding of each parameter
 * that is a name. */
const trace *tn_run_function(tctx *c, TSNode fn, const trace *const *args, uint32_t nargs,
                             uint32_t *ids) {
  if (c->nest > NEST_MAX) {
    tn_cut(c, "the call depth budget (%d nested calls)", NEST_MAX);
    return NULL;
  }
  uint32_t nb = c->cur.nb, d = c->depth;
  TSNode outer = c->fn_now;
  uint32_t fd = c->fn_depth;
  c->fn_now = fn;
  const trace *ret = c->ret,
              *thrown = c->thrown; /* (a callee's throws do not reach the caller's catch) */
  c->ret = NULL;
  c->thrown = NULL;
  c->nest++;
  c->depth++;
  if (!sym_is(fn, c->sy->arrow))
    bind_this(c);
  bind_params(c, fn, args, nargs, ids);
  TSNode body = tn_field_of(fn, "body");
  c->fn_depth = c->depth;
  long i = tn_fn_index(c->pf, fn);
  if (i >= 0 && c->pf->fns[i].hoists)
    tn_hoist(c, body, 0);
  if (!ts_node_is_null(body)) {
    if (sym_is(body, c->sy->block))
      tn_stmt(c, body);
    else
      c->ret = tn_join(c, c->ret, tn_ev(c, body)); /* x => expression */
  }
  const trace *out = c->ret;
  c->ret = ret;
  c->thrown = thrown;
  c->nest--;
  c->depth = d;
  tn_scope_end(c, nb);
  c->fn_now = outer;
  c->fn_depth = fd;
  return out;
}

/* Add part (path, param, ppath, t) to v[0..*n) unless it is there; 1 when added. */
static int add_part(tctx *c, rpart **v, uint32_t *n, rpart p) {
  if (*v == NULL && (*v = pv_arena_alloc(c->a, RPARTS_MAX * sizeof **v)) == NULL) {
    c->oom = 1;
    return 0;
  }
  for (uint32_t i = 0; i < *n; i++)
    if ((*v)[i].param == p.param && strcmp((*v)[i].path, p.path) == 0 &&
        strcmp((*v)[i].ppath, p.ppath) == 0 &&
        (p.param != 0 || ((*v)[i].t == NULL) == (p.t == NULL)))
      return 0;
  if (*n == RPARTS_MAX) { /* (c->current is the summary being made) */
    tn_cut_at(c, c->pf->fns[c->current - c->fns].node, "the parts a summary keeps (%d)",
              RPARTS_MAX);
    return 0;
  }
  (*v)[(*n)++] = p;
  return 1;
}

/* The parts of value t at field path `at` of what is made, into v: its
 * fields, each parameter it carries, and a source's taint. Returns how
 * many were new. */
static uint32_t parts_of(tctx *c, const trace *t, const char *at, rpart **v, uint32_t *n) {
  if (t == NULL)
    return at[0] ? (uint32_t)add_part(c, v, n, (rpart){.path = at, .ppath = ""}) : 0;
  uint32_t k = 0;
  if (t->shape != NULL) {
    for (uint32_t i = 0; i < t->shape->n;
         i++) { /* (a path too long: the field counts for the whole) */
      int fits = strlen(at) + strlen(t->shape->f[i].path) < FIELD_PATH_MAX;
      const char *sub = fits ? tn_concat(c, at, t->shape->f[i].path) : at;
      if (sub == NULL) {
        c->oom = 1;
        return k;
      }
      k += parts_of(c, tn_rebase(c, t->shape->f[i].t, t), sub, v, n);
    }
    return k + parts_of(c, tn_rebase(c, t->shape->rest, t), at, v, n);
  }
  for (uint32_t p = 0; p < PARAMS_MAX; p++)
    if (t->params & (1u << p))
      k += add_part(c, v, n,
                    (rpart){.path = at,
                            .param = (uint8_t)(p + 1),
                            .derived = t->derived,
                            .ppath = one_param(t->params) ? ppath_of(t) : ""});
  if (t->param ==
      0) { /* the path starts at a source: the callee's parameters are not the caller's */
    trace *x = pv_arena_alloc(c->a, sizeof *x);
    if (x == NULL) {
      c->oom = 1;
      return k;
    }
    *x = *t;
    x->params = 0;
    x->ppath = NULL;
    k += add_part(c, v, n, (rpart){.path = at, .ppath = "", .t = x});
  }
  return k;
}

/* What parameters ids[] of the function just run hold in fields written
 * by it (fields from index nf of the environment on): its effects. */
static uint32_t effects_of(tctx *c, fsum *f, const uint32_t *ids, uint32_t nf) {
  uint32_t k = 0;
  for (uint32_t i = nf; i < c->cur.nf; i++)
    for (uint32_t p = 0; p < PARAMS_MAX; p++) {
      if (ids[p] == 0 || c->cur.f[i].id != ids[p] || c->cur.f[i].t == NULL)
        continue;
      uint32_t before = f->neff;
      k += parts_of(c, c->cur.f[i].t, c->cur.f[i].path, &f->eff, &f->neff);
      if (f->neff > before && f->target == NULL &&
          (f->target = pv_arena_alloc(c->a, RPARTS_MAX)) == NULL) {
        c->oom = 1;
        return k;
      }
      for (uint32_t j = before; j < f->neff; j++)
        f->target[j] = (uint8_t)(p + 1);
    }
  return k;
}

/* The summary of fn: computed once, parameters as symbolic sources; a
 * recursive function's again until nothing new (its calls to itself use
 * what the previous run found). */
fsum *tn_summary(tctx *c, TSNode fn) {
  if (c->nest >= NEST_MAX) { /* too deep: the call keeps the default */
    tn_cut(c, "the call depth budget (%d nested calls)", NEST_MAX);
    return NULL;
  }
  fsum *f = fn_of(c, fn);
  if (f == NULL || f->state != SUM_NONE) {
    if (f != NULL && f->state == SUM_RUNNING)
      f->recursive = 1;
    return f;
  }
  f->state = SUM_RUNNING;
  const trace *args[PARAMS_MAX];
  for (uint32_t i = 0; i < PARAMS_MAX; i++) {
    trace *t = pv_arena_alloc(c->a, sizeof *t);
    if (t == NULL) {
      c->oom = 1;
      return f;
    }
    memset(t, 0, sizeof *t);
    t->param = (uint8_t)(i + 1);
    t->params = 1u << i;
    t->len = 0;
    args[i] = t;
  }
  fsum *outer = c->current;
  c->current = f;
  int settled = 0;
  for (int run = 0; run < FIXPOINT_MAX && !settled; run++) {
    /* the environment is left as it was (its writes are undone) */
    uint32_t mark = c->cur.nj, nb = c->cur.nb, nf = c->cur.nf, ids[PARAMS_MAX] = {0},
             sinks = f->nsinks;
    c->cur.journal++;
    const trace *r = tn_run_function(c, fn, args, PARAMS_MAX, ids);
    uint32_t fresh = parts_of(c, r, "", &f->rets, &f->nrets) + effects_of(c, f, ids, nf);
    c->cur.journal--;
    tn_undo(c, mark);
    tn_scope_end(c, nb);
    if (r != NULL && r->param == 0 && f->ret == NULL)
      f->ret = r; /* (a real source wins the path of a join) */
    settled = !f->recursive || (fresh == 0 && f->nsinks == sinks) || c->over || c->oom;
  }
  if (!settled) /* the last run still found more */
    tn_cut_at(c, fn, "the runs of a recursive function's summary (%d)", FIXPOINT_MAX);
  c->current = outer;
  f->state = SUM_DONE;
  return f;
}

/* Re-root the path `tail` (which starts at a symbolic parameter) on `head`. */
const trace *tn_splice(tctx *c, const trace *head, const trace *tail) {
  if (tail == NULL || tail->param == 0 || tail->len == 0)
    return head;
  const trace *base = tn_splice(c, head, tail->prev);
  const trace *t = tn_step(c, base, tail->s, tail->e, tail->msg);
  ((trace *)t)->file = tail->file;
  ((trace *)t)->param = head ? head->param : 0;
  ((trace *)t)->params = head ? head->params : 0;
  ((trace *)t)->labels = (head ? head->labels : 0) | tail->labels;
  return t;
}
