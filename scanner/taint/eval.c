/* eval.c — the taint engine's interpreter: expressions (calls, models,
 * callbacks, assignments, propagators) and statements (declarations,
 * blocks, branches, loops, try/catch) over the environment (taint_impl.h). */
#include <stdlib.h>
#include <string.h>

#include "taint_impl.h"

/* ---- Expressions --------------------------------------------------------- */

/* Tainted n is a propagator's `from`: its `to` (a variable, a chain, or a
 * name declared later such as a callback's parameter) gets the taint. */
static void propagate(tctx *c, TSNode n, const trace *t) {
  uint32_t s = nstart(n), e = nend(n), lo = 0, hi = c->npedges;
  while (lo < hi) { /* the first edge from s */
    uint32_t mid = (lo + hi) / 2;
    if (c->pedges[mid].fs < s)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t i = lo; i < c->npedges && c->pedges[i].fs == s; i++) {
    const struct pedge *pe = &c->pedges[i];
    if (pe->fe != e)
      continue;
    const pv_pmatch *m = &c->prop.v[pe->m];
    const trace *pt = tn_step(c, t, m->s, m->e, tn_quote(c, "propagated by %s", m->s, m->e));
    if (!tn_grow((void **)&c->pend, &c->cappend, c->npend + 1, sizeof *c->pend))
      c->pend[c->npend++] = (struct pending){pe->ts, pe->te, pt};
    TSNode target = ts_node_named_descendant_for_byte_range(c->root, pe->ts, pe->te);
    if (nstart(target) == pe->ts && nend(target) == pe->te) {
      int known;
      const trace *old = tn_read_chain(c, target, &known);
      if (known)
        tn_assign(c, target, tn_join(c, old, pt));
    }
  }
}

/* Sources at member chain n or its prefixes (req.body in req.body.x). */
static const trace *chain_sources(tctx *c, TSNode n) {
  const trace *t = NULL;
  for (int k = 0; k < 16 && !ts_node_is_null(n); k++, n = tn_field_of(n, "object")) {
    t = tn_join(c, t, tn_source_at(c, n, NULL));
    if (!sym_is(n, c->sy->member))
      break;
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
    TSNode p = ts_node_named_child(obj, i),
           key = sym_is(p, c->sy->sprop) ? p : tn_field_of(p, "key");
    if (sym_is(p, c->sy->comment) || tn_is_function(c, p))
      continue;
    int plain = (sym_is(p, c->sy->pair) || sym_is(p, c->sy->sprop)) && tn_key_path(c, key, path);
    const trace *t =
        plain && sym_is(p, c->sy->pair) ? tn_ev(c, tn_field_of(p, "value")) : tn_ev(c, p);
    if (!plain || k == SHAPE_MAX) {
      rest = tn_join(c, rest, t);
    } else {
      v[k].path = pv_arena_strdup(c->a, path);
      v[k++].t = t;
    }
  }
  return tn_make_shape(c, rest, v, k);
}

static const trace *children(tctx *c, TSNode n) {
  const trace *t = NULL;
  uint32_t nk, first = tn_kids(c, n, &nk);
  for (uint32_t i = 0; i < nk; i++) {
    TSNode k = c->kids[first + i];
    if (!sym_is(k, c->sy->comment))
      t = tn_join(c, t, tn_ev(c, k));
  }
  c->kn = first;
  return t;
}

static const char *callee_name(tctx *c, TSNode callee, char *buf, size_t n) {
  uint32_t len = nend(callee) - nstart(callee);
  if (len + 1 > n)
    return NULL;
  for (uint32_t i = 0; i < len; i++) {
    char ch = (char)c->data[nstart(callee) + i];
    if (!(ch == '.' || ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') ||
          (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
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
static void construct(tctx *c, TSNode callee, const trace **at, const TSNode *fnarg,
                      uint32_t nargs) {
  TSNode ctor;
  TSNode body =
      sym_is(callee, c->sy->super_) ? tn_receiver_body(c, callee) : tn_class_named(c, callee);
  if (!tn_method_of(c, body, (const unsigned char *)"constructor", 11, METHOD_PLAIN, &ctor))
    return;
  const trace *in[PARAMS_MAX] = {0};
  const char *how = sym_is(callee, c->sy->super_) ? "passed to %s" : "passed to new %s";
  for (uint32_t i = 0; i < nargs; i++)
    if (at[i] != NULL)
      in[i] = tn_step(c, at[i], nstart(fnarg[i]), nend(fnarg[i]),
                      tn_quote(c, how, nstart(callee), nend(callee)));
  tn_run_function(c, ctor, in, nargs, NULL);
}

/* The functions handed to call n: literals run here, with what model md
 * passes their parameter (from); the file's functions passed by name,
 * through their summaries. Returns what they return. */
static const trace *callbacks(tctx *c, TSNode n, TSNode callee, const pv_model *md,
                              const trace *from, const TSNode *fnarg, uint32_t nargs) {
  const trace *ret = NULL;
  for (uint32_t i = 0; i < nargs; i++) {
    TSNode cb;
    int literal = is_fn_literal(c, fnarg[i]);
    if (!literal && !(sym_is(fnarg[i], c->sy->ident) && tn_callee_function(c, fnarg[i], &cb)))
      continue;
    const trace *p[PARAMS_MAX] = {0};
    int target = md != NULL && md->kind == PV_MODEL_CALLBACK &&
                 (md->callback == (int)i || (md->callback == -1 && i + 1 == nargs));
    if (target && from != NULL && md->param < PARAMS_MAX)
      p[md->param] = tn_step(c, tn_derive(c, from), nstart(fnarg[i]), nend(fnarg[i]),
                             tn_quote(c, "passed to the callback of %s", nstart(n), nend(callee)));
    if (literal) {
      ret = tn_join(c, ret, tn_run_function(c, fnarg[i], p, PARAMS_MAX, NULL));
    } else if (target && from != NULL) {
      TSNode where[PARAMS_MAX];
      for (uint32_t w = 0; w < PARAMS_MAX; w++)
        where[w] = fnarg[i];
      ret = tn_join(
          c, ret, tn_apply_summary(c, tn_summary(c, cb), p, where, PARAMS_MAX, fnarg[i], fnarg[i]));
    }
  }
  return ret;
}

/* The result of call n that model md describes (from: what flows in,
 * cb_ret: what its callbacks returned). */
static const trace *modelled(tctx *c, TSNode n, const pv_model *md, const char *method,
                             const trace *from, const trace *cb_ret) {
  switch (md->kind) {
    case PV_MODEL_SANITIZER:
      return NULL;
    case PV_MODEL_NUMBER:
      return c->spec->safe_numbers ? NULL : tn_derive(c, from);
    case PV_MODEL_BOOLEAN:
      return c->spec->safe_booleans ? NULL : tn_derive(c, from);
    case PV_MODEL_CALLBACK: /* map/then give what the callback returns, filter/find elements */
      if (method && (!strcmp(method, "map") || !strcmp(method, "flatMap") ||
                     !strcmp(method, "then") || !strncmp(method, "reduce", 6)))
        return cb_ret;
      return method && (!strcmp(method, "filter") || !strncmp(method, "find", 4)) &&
                     strcmp(method, "findIndex")
                 ? from
                 : NULL;
    case PV_MODEL_PROPAGATOR:
      return from ? tn_derive(c, tn_step(c, from, nstart(n), nend(n),
                                         tn_quote(c, "through %s", nstart(n), nend(n))))
                  : NULL;
  }
  return NULL;
}

static const trace *call(tctx *c, TSNode n) {
  TSNode callee = tn_field_of(n, "function"), args = tn_field_of(n, "arguments");
  if (ts_node_is_null(callee))
    callee = tn_field_of(n, "constructor"); /* new */
  if (sym_is(callee, c->sy->await_) && nkids(callee) == 1)
    callee = ts_node_named_child(callee, 0); /* `await f<T>(x)` parsed as (await f)<T>(x) */
  if (sym_is(n, c->sy->new_) && nend(callee) - nstart(callee) == 7 &&
      memcmp(c->data + nstart(callee), "Promise", 7) == 0 && !ts_node_is_null(args) &&
      nkids(args) > 0 && is_fn_literal(c, ts_node_named_child(args, 0)))
    return promise(c, n, ts_node_named_child(args, 0));
  if (c->resolver && sym_is(callee, c->sy->ident) &&
      nend(callee) - nstart(callee) == c->resolver_len &&
      memcmp(c->data + nstart(callee), c->resolver, c->resolver_len) == 0) {
    const trace *v = ts_node_is_null(args) ? NULL : children(c, args);
    c->resolved = tn_join(c, c->resolved, v);
    return NULL;
  }
  TSNode recv = {0};
  char buf[128], mbuf[64];
  const char *method = NULL;
  if (sym_is(callee, c->sy->member)) {
    recv = tn_field_of(callee, "object");
    TSNode p = tn_field_of(callee, "property");
    method = ts_node_is_null(p) ? NULL : callee_name(c, p, mbuf, sizeof mbuf);
  } else if (sym_is(callee, c->sy->call)) {
    recv = callee; /* f(a)(b): the inner call runs first (its sinks too) and counts as a receiver */
  }
  const trace *rt = ts_node_is_null(recv) ? NULL : tn_ev(c, recv);
  uint32_t na, first = tn_kids(c, args, &na);
  const trace *at[PARAMS_MAX] = {0}, *all = NULL;
  TSNode fnarg[PARAMS_MAX];
  uint32_t k = 0;
  for (uint32_t i = 0; i < na; i++) {
    TSNode a = c->kids[first + i];
    if (sym_is(a, c->sy->comment))
      continue;
    const trace *t = is_fn_literal(c, a) ? NULL : tn_ev(c, a);
    if (k < PARAMS_MAX) {
      at[k] = t;
      fnarg[k] = a;
    }
    all = tn_join(c, all, t);
    k++;
  }
  c->kn = first;
  uint32_t nargs = k < PARAMS_MAX ? k : PARAMS_MAX;
  if ((sym_is(n, c->sy->new_) && !ts_node_is_null(tn_class_named(c, callee))) ||
      sym_is(callee, c->sy->super_)) {
    if (all != NULL)
      construct(c, callee, at, fnarg, nargs);
    return NULL; /* an instance: its fields are what the class's methods keep (tn_store_read) */
  }
  char ebuf[32] = "";
  TSNode a0 = na > 0 ? ts_node_named_child(args, 0) : (TSNode){0};
  if (sym_is(a0, c->sy->string) && nend(a0) - nstart(a0) < sizeof ebuf + 2 &&
      nend(a0) - nstart(a0) >= 2)
    memcpy(ebuf, c->data + nstart(a0) + 1,
           nend(a0) - nstart(a0) - 2); /* on('data', ...): the event */
  TSNode fn;
  int local = tn_callee_function(c, callee,
                                 &fn); /* the file's own function wins over a model of its name */
  const xfn *xe = NULL;
  const pv_file *mod = NULL;
  if (!local) /* a module of the input wins too: dao.search(q) is no String method */
    xe = tn_imported(c, callee, &mod);
  const pv_model *md = local || mod != NULL
                           ? NULL
                           : pv_taint_model_find(c->models, callee_name(c, callee, buf, sizeof buf),
                                                 method, ebuf[0] ? ebuf : NULL);
  const trace *from = NULL;
  if (md != NULL) {
    if (md->from & PV_FROM_RECEIVER)
      from = tn_join(c, from, rt);
    if (md->from & PV_FROM_ARGS)
      from = tn_join(c, from, all);
    for (uint32_t i = 0; i < nargs; i++)
      if (md->from & PV_FROM_ARG(i))
        from = tn_join(c, from, at[i]);
  }
  const trace *cb_ret = callbacks(c, n, callee, md, from, fnarg, nargs);
  if (md != NULL)
    return modelled(c, n, md, method, from, cb_ret);
  if (xe != NULL)
    return tn_apply_export(c, n, callee, xe, at, fnarg, nargs);
  if (mod != NULL && all != NULL)
    tn_wait_for(c, mod); /* taint handed to a module not analysed yet */
  if (local) {           /* a function of this file: its summary */
    fsum *f = tn_summary(c, fn);
    return f != NULL ? tn_apply_summary(c, f, at, fnarg, nargs, n, callee) : tn_join(c, rt, all);
  }
  const trace *t = tn_join(c, rt, all);
  if (c->spec->safe_functions) { /* the call is clean; a sink at it still sees its inputs */
    if (t != NULL)
      tn_check_sink(c, n, t);
    return NULL;
  }
  return t ? tn_derive(c, tn_step(c, t, nstart(n), nend(n),
                                  tn_quote(c, "through %s", nstart(n), nend(n))))
           : NULL;
}

/* new Promise((resolve) => ...): the promise holds what resolve gets. */
static const trace *promise(tctx *c, TSNode n, TSNode executor) {
  TSNode ps = tn_field_of(executor, "parameters"), p = tn_field_of(executor, "parameter");
  if (ts_node_is_null(p) && !ts_node_is_null(ps) && nkids(ps) > 0) {
    p = ts_node_named_child(ps, 0);
    TSNode pat = tn_field_of(p, "pattern");
    if (!ts_node_is_null(pat))
      p = pat;
  }
  const unsigned char *saved = c->resolver;
  uint32_t saved_len = c->resolver_len;
  const trace *saved_v = c->resolved;
  c->resolver = sym_is(p, c->sy->ident) ? c->data + nstart(p) : NULL;
  c->resolver_len = c->resolver ? nend(p) - nstart(p) : 0;
  c->resolved = NULL;
  tn_run_function(c, executor, NULL, 0, NULL);
  const trace *v = c->resolved;
  c->resolver = saved;
  c->resolver_len = saved_len;
  c->resolved = saved_v;
  return v ? tn_step(c, v, nstart(n), nend(n), tn_quote(c, "resolves %s", nstart(n), nend(n)))
           : NULL;
}

static const trace *assignment(tctx *c, TSNode n) {
  TSNode l = tn_field_of(n, "left"), r = tn_field_of(n, "right");
  const trace *t = ts_node_is_null(r) ? NULL : tn_ev(c, r);
  if (sym_is(n, c->sy->aug_assign) && !ts_node_is_null(l))
    t = tn_join(c, t, tn_ev(c, l));
  if (t)
    t = tn_step(c, t, nstart(n), nend(n), tn_quote(c, "assigned in %s", nstart(n), nend(n)));
  if (ts_node_is_null(l))
    return t;
  if (sym_is(l, c->sy->subscript) &&
      !tn_keyed(c, l)) { /* o[k] = v: o holds v (and a tainted key pollutes) */
    TSNode o = tn_field_of(l, "object");
    int known;
    const trace *old = tn_read_chain(c, o, &known);
    if (!ts_node_is_null(o))
      tn_assign(c, o, tn_join(c, old, t));
    tn_ev(c, l);
  } else if (sym_is(l, c->sy->objpat) || sym_is(l, c->sy->arrpat)) {
    tn_destructure(c, l, t, tn_assign_to);
  } else {
    TSNode set;
    if (t != NULL && sym_is(l, c->sy->member) && tn_receiver_method(c, l, METHOD_SETTER, &set))
      tn_run_function(c, set, &t, 1, NULL);
    tn_assign(c, l, t);
  }
  return t;
}

static const trace *ev_inner(tctx *c, TSNode n) {
  const pv_syms_ts *y = c->sy;
  TSSymbol x = ts_node_symbol(n);
  if (x == y->sprop) { /* { email } reads email */
    binding *b = tn_find(c, c->data + nstart(n), nend(n) - nstart(n));
    return b ? tn_value_at(c, b, "") : NULL;
  }
  if (x == y->ident || x == y->member || x == y->this_) {
    int known;
    const trace *t = tn_read_chain(c, n, &known);
    if (x == y->member && !known) { /* f().a: field a of what f returns */
      char path[FIELD_PATH_MAX];
      const trace *o = tn_ev(c, tn_field_of(n, "object"));
      return tn_join(
          c, t, tn_key_path(c, tn_field_of(n, "property"), path) ? tn_select_field(c, o, path) : o);
    }
    if (x != y->member)
      return t;
    TSNode get;
    if (tn_receiver_method(c, n, METHOD_GETTER, &get)) { /* o.x with a getter x */
      fsum *f = tn_summary(c, get);
      if (f != NULL)
        t = tn_join(c, t, tn_made(c, f->rets, f->nrets, NULL, 0, n, n));
    }
    return tn_join(c, t, chain_sources(c, tn_field_of(n, "object")));
  }
  if (x == y->string || x == y->number || x == y->regex || x == y->true_ || x == y->false_ ||
      x == y->null_ || x == y->undefined || tn_is_function(c, n))
    return NULL;
  if (x == y->subscript && tn_keyed(c, n)) { /* o['a'] is o.a */
    int known;
    const trace *t = tn_read_chain(c, n, &known);
    if (known)
      return tn_join(c, t, chain_sources(c, tn_field_of(n, "object")));
  }
  if (x == y->subscript) {
    const trace *t = tn_ev(c, tn_field_of(n, "object"));
    TSNode i = tn_field_of(n, "index");
    const trace *k = ts_node_is_null(i) ? NULL : tn_ev(c, i);
    return tn_derive(
        c, c->spec->safe_indexes ? t : tn_join(c, t, k)); /* an element: which one is not known */
  }
  if (x == y->call || x == y->new_)
    return call(c, n);
  if (x == y->assign || x == y->aug_assign)
    return assignment(c, n);
  if (x == y->ternary) {
    tn_ev(c, tn_field_of(n, "condition"));
    return tn_join(c, tn_ev(c, tn_field_of(n, "consequence")),
                   tn_ev(c, tn_field_of(n, "alternative")));
  }
  if (x == y->unary || x == y->update) {
    children(c, n);
    return NULL; /* typeof, !, -, ++: a number, a boolean or a type name */
  }
  if (x == y->binary) {
    TSNode op = tn_field_of(n, "operator");
    const trace *t = children(c, n);
    if (ts_node_is_null(op))
      return t;
    char o[4] = {0};
    uint32_t ol = nend(op) - nstart(op);
    if (ol < sizeof o)
      memcpy(o, c->data + nstart(op), ol);
    int cmp = strchr("<>", o[0]) || !strcmp(o, "==") || !strcmp(o, "===") || !strcmp(o, "!=") ||
              !strcmp(o, "!==");
    int arith = strchr("-*/%&|^", o[0]) && strcmp(o, "||") && strcmp(o, "&&");
    if ((cmp && c->spec->safe_booleans) || (arith && c->spec->safe_numbers))
      return NULL;
    return strcmp(o, "||") && strcmp(o, "&&") && strcmp(o, "??") ? tn_derive(c, t)
                                                                 : t; /* a || b is one of them */
  }
  if (x == y->template)
    return tn_derive(c, children(c, n));
  if (x == y->object)
    return object_value(c, n);
  if (x == y->field_def) { /* const K = class { x = v } */
    tn_class_field(c, n);
    return NULL;
  }
  return children(c, n); /* templates, arrays, await, parentheses, spread... */
}

const trace *tn_ev(tctx *c, TSNode n) {
  if (ts_node_is_null(n) || c->over || c->oom)
    return NULL;
  if (++c->steps > c->steps_max) {
    c->over = 1;
    tn_cut(c, "the step budget (%u expressions)", (unsigned)c->steps_max);
    return NULL;
  }
  if ((c->steps & 1023) == 0 && pv_now_ms() > c->deadline) {
    c->over = 1;
    tn_cut(c, "the time budget (%u ms)", (unsigned)c->budget_ms);
    return NULL;
  }
  if (c->depth + c->nest > DEPTH_MAX) {
    tn_cut(c, "the nesting budget (%d levels)", DEPTH_MAX);
    return NULL;
  }
  int san = tn_sanitized(c, n);
  if (san == 1 || san == 2) {
    if (san == 2)
      tn_assign(c, n, NULL);
    else
      children(c, n); /* sinks inside still see what reaches them */
    return NULL;
  }
  c->depth++;
  const trace *t = ev_inner(c, n);
  c->depth--;
  const trace *src = tn_source_at(c, n, t);
  t = src ? tn_join(c, src, t)
          : t; /* (of equal paths, the source matched here is named: req.query, not req) */
  if (t != NULL)
    tn_check_sink(c, n, t);
  if (t != NULL && c->prop.n)
    propagate(c, n, t);
  if (san == 3)
    tn_assign(c, n, NULL); /* by-side-effect: only: clean from here on, not here */
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
  if (sym_is(up, c->sy->pairpat) && ts_node_eq(tn_field_of(up, "value"), x)) {
    key = tn_field_of(up, "key");
    up = ts_node_parent(up);
  } else if (!sym_is(x, c->sy->sprop_pat)) {
    up = (TSNode){0};
  }
  const trace *v = d->t;
  if (ts_node_eq(up, d->pat) && tn_key_path(c, key, path))
    v = tn_select_field(c, v, path);
  d->bind(c, x, (void *)v);
}

/* Bind every name of pattern pat to its part of t (tn_declare_to or tn_assign_to). */
void tn_destructure(tctx *c, TSNode pat, const trace *t,
                    void (*bind)(tctx *c, TSNode name, void *t)) {
  struct destructure d = {t, pat, bind};
  tn_each_name(c, pat, destructured, &d);
}

static void declarator(tctx *c, TSNode d, int var) {
  TSNode name = tn_field_of(d, "name"), val = tn_field_of(d, "value");
  const trace *t = ts_node_is_null(val) ? NULL : tn_ev(c, val);
  if (ts_node_is_null(name))
    return;
  if (t)
    t = tn_step(c, t, nstart(d), nend(d), tn_quote(c, "assigned in %s", nstart(d), nend(d)));
  if (sym_is(name, c->sy->ident)) {
    binding *b = tn_find(c, c->data + nstart(name), nend(name) - nstart(name));
    if (var && b != NULL &&
        b->depth >= c->fn_depth) { /* the function's var (hoisted, or redeclared) */
      if (!ts_node_is_null(val))
        tn_set_b(c, b, t);
    } else if (b != NULL && b->depth == c->depth) {
      tn_set_b(c, b, t);
    } else {
      b = tn_declare(c, name, t);
    }
    TSNode fv;
    if (b != NULL && sym_is(val, c->sy->ident) && tn_callee_function(c, val, &fv))
      b->fn = fv;
    if (b != NULL && sym_is(val, c->sy->object))
      b->obj = val; /* its methods, for o.m() */
    else if (b != NULL && sym_is(val, c->sy->new_))
      b->obj = tn_class_named(c, tn_field_of(val, "constructor"));
    return;
  }
  tn_destructure(c, name, t, tn_declare_to); /* { a, b: c, ...rest } = v and [x, y] = v */
}

static void block(tctx *c, TSNode n) {
  uint32_t nb = c->cur.nb;
  c->depth++;
  uint32_t nk, first = tn_kids(c, n, &nk);
  for (uint32_t i = 0; i < nk; i++)
    tn_stmt(c, c->kids[first + i]);
  c->kn = first;
  c->depth--;
  tn_scope_end(c, nb); /* block declarations end here (globals are kept apart) */
}

/* if/else, switch cases, try/catch: each way from the same state, joined. */
static void branches(tctx *c, const TSNode *ways, uint32_t n, int may_skip) {
  uint32_t mark = c->cur.nj, nb = c->cur.nb, nc = 0, cap = 0;
  change *ch = NULL;
  if (n > 8)
    n = 8;
  c->cur.journal++;
  for (uint32_t w = 0; w < n; w++) {
    if (!ts_node_is_null(ways[w]))
      tn_stmt(c, ways[w]);
    for (uint32_t k = mark; k < c->cur.nj; k++) { /* what this way wrote */
      const jentry *e = &c->cur.j[k];
      const trace **v = tn_slot(c, e->kind, e->i);
      change *x = v ? tn_change_of(&ch, &nc, &cap, e->kind, e->i) : NULL;
      if (x) {
        x->t[w] = *v;
        x->set |= (uint16_t)(1u << w);
      }
    }
    tn_undo(c, mark);
    tn_scope_end(c, nb);
  }
  c->cur.journal--;
  for (uint32_t k = 0; k < nc; k++) { /* joined over the ways */
    const trace **v = tn_slot(c, ch[k].kind, ch[k].i), *out;
    if (v == NULL)
      continue;
    out = may_skip ? *v : NULL;
    for (uint32_t w = 0; w < n; w++)
      out = tn_join(c, out, (ch[k].set & (1u << w)) ? ch[k].t[w] : *v);
    if (out != *v) {
      tn_journal(c, ch[k].kind, ch[k].i, *v);
      *v = out;
    }
  }
  free(ch);
}

static void loop(tctx *c, TSNode n) {
  TSNode body = tn_field_of(n, "body");
  TSNode left = tn_field_of(n, "left"), right = tn_field_of(n, "right");
  if (!ts_node_is_null(right)) { /* for (x of/in v) */
    const trace *t = tn_ev(c, right);
    if (sym_is(left, c->sy->lexdecl) || sym_is(left, c->sy->vardecl) ||
        sym_is(left, c->sy->ident)) {
      TSNode nm = sym_is(left, c->sy->ident) ? left : ts_node_named_child(left, 0);
      if (sym_is(nm, c->sy->vdecl))
        nm = tn_field_of(nm, "name");
      if (!ts_node_is_null(nm) && sym_is(nm, c->sy->ident))
        tn_declare(c, nm, tn_derive(c, t));
    } else if (!ts_node_is_null(left)) { /* for (const [k, v] of ...), for ({ a } of ...) */
      int decl = !ts_node_is_null(tn_field_of(n, "kind"));
      tn_destructure(c, left, tn_derive(c, t), decl ? tn_declare_to : tn_assign_to);
    }
  }
  for (uint32_t i = 0; i < nkids(n); i++) { /* init, condition, update */
    TSNode k = ts_node_named_child(n, i);
    if (!ts_node_eq(k, body) && !ts_node_eq(k, left) && !ts_node_eq(k, right))
      tn_stmt(c, k);
  }
  TSNode twice[2] = {body, body};
  branches(c, twice, 2, 1);
}

void tn_stmt(tctx *c, TSNode n) {
  const pv_syms_ts *y = c->sy;
  if (ts_node_is_null(n) || c->over || c->oom)
    return;
  if (c->depth + c->nest > DEPTH_MAX) {
    tn_cut(c, "the nesting budget (%d levels)", DEPTH_MAX);
    return;
  }
  TSSymbol x = ts_node_symbol(n);
  if (x == y->comment || tn_is_function(c, n))
    return; /* functions: when called, or at the end */
  if (x == y->field_def) {
    tn_class_field(c, n);
  } else if (x == y->lexdecl || x == y->vardecl) {
    for (uint32_t i = 0; i < nkids(n); i++)
      if (sym_is(ts_node_named_child(n, i), y->vdecl))
        declarator(c, ts_node_named_child(n, i), x == y->vardecl);
  } else if (x == y->block) {
    block(c, n);
  } else if (x == y->if_) {
    tn_ev(c, tn_field_of(n, "condition"));
    TSNode ways[2] = {tn_field_of(n, "consequence"), tn_field_of(n, "alternative")};
    branches(c, ways, 2, ts_node_is_null(ways[1]));
  } else if (x == y->for_ || x == y->for_in || x == y->while_ || x == y->do_) {
    loop(c, n);
  } else if (x == y->return_) {
    const trace *t = children(c, n);
    if (t)
      t = tn_step(c, t, nstart(n), nend(n), tn_quote(c, "returned by %s", nstart(n), nend(n)));
    c->ret = tn_join(c, c->ret, t);
  } else if (x == y->try_ || x == y->switch_) {
    TSNode ways[8];
    uint32_t k = 0;
    const trace *outer = c->thrown;
    for (uint32_t i = 0; i < nkids(n) && k < 8; i++)
      ways[k++] = ts_node_named_child(n, i);
    if (x == y->switch_)
      tn_ev(c, tn_field_of(n, "value"));
    c->thrown = x == y->try_ ? NULL : outer;
    branches(c, ways, k, 1);
    c->thrown =
        x == y->try_ ? tn_join(c, outer, c->thrown) : c->thrown; /* uncaught, or thrown again */
  } else if (x == y->catch_) { /* its parameter holds what the try block threw */
    const trace *t = c->thrown;
    TSNode p = tn_field_of(n, "parameter");
    c->thrown = NULL;
    if (t != NULL && !ts_node_is_null(p))
      t = tn_step(c, t, nstart(p), nend(p), tn_quote(c, "caught as %s", nstart(p), nend(p)));
    if (!ts_node_is_null(p))
      tn_each_name(c, p, tn_declare_to, (void *)t);
    tn_stmt(c, tn_field_of(n, "body"));
  } else if (x == y->throw_) {
    const trace *t = children(c, n);
    if (t)
      c->thrown = tn_join(
          c, c->thrown,
          tn_step(c, t, nstart(n), nend(n), tn_quote(c, "thrown by %s", nstart(n), nend(n))));
  } else if (x == y->expr_stmt) {
    children(c, n);
  } else {
    uint32_t nk, first = tn_kids(c, n, &nk);
    for (uint32_t i = 0; i < nk; i++) {
      TSNode k = c->kids[first + i];
      if (tn_is_function(c, k))
        continue;
      if (nkids(k) > 0 && !sym_is(k, y->paren))
        tn_stmt(c, k);
      else
        tn_ev(c, k);
    }
    c->kn = first;
  }
}
