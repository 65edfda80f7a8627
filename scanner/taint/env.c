/* env.c — the taint engine's view of the rule's operators (the source,
 * sink and sanitizer ranges, labels, `requires`) and the environment it
 * interprets over: variables by block scope, their fields, the journal of
 * writes that branches undo and join (taint_impl.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taint_impl.h"

enum {
  SUMMARY_SINKS_MAX = 64, /* sinks a summary remembers */
};

/* ---- Ranges of the rule's operators ---------------------------------- */

static int inside(uint32_t s, uint32_t e, const pv_pmatch *m) {
  return m->s <= s && e <= m->e;
}

/* 1: a sanitizer covers n (an exact one: is n); 2: n is what a
 * by-side-effect sanitizer cleans (from here on); 3: the same after n, a
 * `by-side-effect: only` sanitizer (n itself keeps its taint). */
int tn_sanitized(tctx *c, TSNode n) {
  uint32_t s = nstart(n), e = nend(n);
  for (uint32_t i = 0; i < c->san.n; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_SANITIZER][c->san_item[i]];
    const pv_pmatch *m = &c->san.v[i];
    if (it->exact || it->by_side_effect ? m->s == s && m->e == e : inside(s, e, m))
      return 1 + it->by_side_effect;
  }
  return 0;
}

uint32_t tn_label_bit(tctx *c, const char *label) {
  if (label == NULL)
    return 1u;
  for (uint32_t i = 0; i < c->nlabels; i++)
    if (strcmp(c->labels[i], label) == 0)
      return 2u << i;
  if (c->nlabels == LABELS_MAX)
    return 1u;
  c->labels[c->nlabels] = label;
  return 2u << c->nlabels++;
}

/* `requires`: labels joined with and, or, not and parentheses. */
static int req_expr(tctx *c, const char **p, uint32_t labels);

static void skip_blank(const char **p) {
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

static int req_atom(tctx *c, const char **p, uint32_t labels) {
  skip_blank(p);
  if (strncmp(*p, "not ", 4) == 0) {
    *p += 4;
    return !req_atom(c, p, labels);
  }
  if (**p == '(') {
    (*p)++;
    int v = req_expr(c, p, labels);
    skip_blank(p);
    if (**p == ')')
      (*p)++;
    return v;
  }
  char name[64];
  size_t n = 0;
  while (((*p)[n] == '_' || ((*p)[n] >= 'A' && (*p)[n] <= 'Z') ||
          ((*p)[n] >= 'a' && (*p)[n] <= 'z') || ((*p)[n] >= '0' && (*p)[n] <= '9')) &&
         n + 1 < sizeof name) {
    name[n] = (*p)[n];
    n++;
  }
  name[n] = '\0';
  *p += n;
  for (uint32_t i = 0; i < c->nlabels; i++)
    if (strcmp(c->labels[i], name) == 0)
      return (labels & (2u << i)) != 0;
  return 0;
}

static int req_expr(tctx *c, const char **p, uint32_t labels) {
  int v = req_atom(c, p, labels);
  for (;;) {
    skip_blank(p);
    if (strncmp(*p, "and ", 4) == 0) {
      *p += 4;
      v = req_atom(c, p, labels) && v;
    } else if (strncmp(*p, "or ", 3) == 0) {
      *p += 3;
      v = req_atom(c, p, labels) || v;
    } else {
      return v;
    }
  }
}

int tn_requires_ok(tctx *c, const char *req, const trace *t) {
  if (req == NULL)
    return 1;
  const char *p = req;
  return req_expr(c, &p, t->labels);
}

/* A source match covering n: a fresh path starting at n. */
const trace *tn_source_at(tctx *c, TSNode n, const trace *inner) {
  uint32_t s = nstart(n), e = nend(n);
  const trace *hit = NULL, *later = NULL; /* later: by-side-effect: only */
  int side = 0;
  for (uint32_t i = 0; i < c->src.n; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_SOURCE][c->src_item[i]];
    const pv_pmatch *m = &c->src.v[i];
    if (!(it->exact || it->by_side_effect ? m->s == s && m->e == e : inside(s, e, m)))
      continue;
    if (it->requires != NULL && (inner == NULL || !tn_requires_ok(c, it->requires, inner)))
      continue;
    const trace *t = tn_step(c, NULL, s, e, tn_quote(c, "tainted by %s", s, e));
    ((trace *)t)->labels = tn_label_bit(c, it->label);
    ((trace *)t)->src = i + 1;
    if (it->by_side_effect == PV_SIDE_ONLY)
      later = tn_join(c, later, t);
    else
      hit = tn_join(c, hit, t);
    side |= it->by_side_effect != 0;
  }
  if (side) { /* by-side-effect: the variable or field matched is tainted from here on */
    int known;
    const trace *old = tn_read_chain(c, n, &known);
    tn_assign(c, n, tn_join(c, old, tn_join(c, hit, later)));
  }
  return hit;
}

/* taint_unify_mvars: the metavariables the source of t and sink match m
 * both bind hold the same code. */
int tn_unified(const tctx *c, const trace *t, const pv_pmatch *m) {
  if (!c->spec->unify_mvars || t->src == 0 || t->src > c->src.n)
    return 1;
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
  if (f->sinks == NULL &&
      (f->sinks = pv_arena_alloc(c->a, SUMMARY_SINKS_MAX * sizeof *f->sinks)) == NULL)
    return (void)(c->oom = 1);
  if (f->nsinks < SUMMARY_SINKS_MAX)
    f->sinks[f->nsinks++] = k;
  else
    tn_cut(c, "the sinks a summary keeps (%d)", SUMMARY_SINKS_MAX);
}

/* Parameters reach sink si of this file (or ext of another module) with
 * value t (its last step at the sink): the summary being made says so, once
 * per parameter. A parameter t's path does not start at gets a path of its
 * own, the sink alone. */
void tn_param_sinks(tctx *c, uint32_t si, struct xsink_ *ext, const trace *t) {
  fsum *f = c->current;
  for (uint32_t p = 0; f != NULL && p < PARAMS_MAX; p++) {
    if (!(t->params & (1u << p)))
      continue;
    const char *pp = one_param(t->params) ? ppath_of(t) : "";
    int known = 0;
    for (uint32_t k = 0; k < f->nsinks; k++)
      known |= f->sinks[k].sink == si && f->sinks[k].ext == ext && f->sinks[k].param == p + 1 &&
               strcmp(f->sinks[k].ppath, pp) == 0;
    if (known)
      continue;
    const trace *tail = t;
    if (t->param != p + 1) {
      trace *root = pv_arena_alloc(c->a, sizeof *root);
      if (root == NULL)
        return (void)(c->oom = 1);
      memset(root, 0, sizeof *root);
      root->param = (uint8_t)(p + 1);
      root->params = 1u << p;
      tail = tn_step(c, root, t->s, t->e, t->msg);
      ((trace *)tail)->file = t->file;
    }
    summary_sink(
        c, f,
        (struct fsink){.sink = si, .ext = ext, .param = (uint8_t)(p + 1), .ppath = pp, .t = tail});
  }
}

/* The call whose argument (or which) the sink match m is: its callee,
 * else a null node. */
static TSNode sink_callee(tctx *c, const pv_pmatch *m) {
  TSNode n = ts_node_descendant_for_byte_range(c->root, m->s, m->e), none = {0}, call = none;
  while (!ts_node_is_null(n) && nstart(n) == m->s && nend(n) == m->e) {
    TSNode p = ts_node_parent(n);
    if (sym_is(n, c->sy->call))
      call = n;
    if (!ts_node_is_null(p) && strcmp(ts_node_type(p), "arguments") == 0) {
      call = ts_node_parent(p);
      break;
    }
    n = p;
  }
  return !ts_node_is_null(call) && sym_is(call, c->sy->call) ? tn_field_of(call, "function") : none;
}

/* The sink step's text: the sink, and the call it is passed to
 * ("reaches the sink 'ls ' + dir in exec()"). */
static const char *sink_text(tctx *c, const pv_pmatch *m) {
  TSNode callee = sink_callee(c, m);
  const char *what = tn_quote(c, "%s", m->s, m->e);
  if (ts_node_is_null(callee) || (nstart(callee) == m->s && nend(callee) == m->e) || what == NULL)
    return tn_quote(c, "reaches the sink %s", m->s, m->e);
  const char *call = tn_quote(c, "%s", nstart(callee), nend(callee));
  return call ? pv_arena_printf(c->a, "reaches the sink %s in %s()", what, call) : NULL;
}

/* A tainted value at n: is n a sink (or inside a non-exact one)? */
void tn_check_sink(tctx *c, TSNode n, const trace *t) {
  uint32_t s = nstart(n), e = nend(n);
  for (uint32_t i = 0; i < c->sink.n && t != NULL; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_SINK][c->sink_item[i]];
    const pv_pmatch *m = &c->sink.v[i];
    /* a parameter's labels are known at the call: requires is checked there */
    if (!(it->exact ? m->s == s && m->e == e : inside(s, e, m)) ||
        (!t->param && !tn_requires_ok(c, it->requires, t)) || !tn_unified(c, t, m))
      continue;
    const trace *last = tn_step(c, t, m->s, m->e, sink_text(c, m));
    tn_param_sinks(c, i, NULL, last);
    if (!t->param && (c->best[i] == NULL || last->len < c->best[i]->len))
      c->best[i] = last;
  }
}

/* Name function fn (a null node: the top level) into where. */
static void name_fn(tctx *c, TSNode fn, char where[PV_TAINT_WHERE_MAX]) {
  if (ts_node_is_null(fn)) {
    snprintf(where, PV_TAINT_WHERE_MAX, "the top level");
    return;
  }
  long i = tn_fn_index(c->pf, fn);
  uint32_t line = ts_node_start_point(fn).row + 1;
  uint32_t n = i >= 0 ? c->pf->fns[i].ne - c->pf->fns[i].ns : 0;
  if (n == 0)
    snprintf(where, PV_TAINT_WHERE_MAX, "the function at line %u", line);
  else
    snprintf(where, PV_TAINT_WHERE_MAX, "function %.*s (line %u)", (int)(n < 40 ? n : 40),
             (const char *)c->data + c->pf->fns[i].ns, line);
}

static void cut_v(tctx *c, TSNode fn, const char *fmt, va_list ap) {
  if (c->cut.where[0] != '\0')
    return;
  name_fn(c, fn, c->cut.where);
  vsnprintf(c->cut.why, sizeof c->cut.why, fmt, ap);
}

/* A budget or bound ran out here: the analysis of the file is incomplete,
 * in the function being interpreted (the first place is named). */
void tn_cut(tctx *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cut_v(c, c->fn_now, fmt, ap);
  va_end(ap);
}

void tn_cut_at(tctx *c, TSNode fn, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cut_v(c, fn, fmt, ap);
  va_end(ap);
}

/* ---- The environment ---------------------------------------------------- */

uint32_t tn_kids(tctx *c, TSNode n, uint32_t *k) {
  uint32_t first = c->kn, want = nkids(n);
  *k = 0;
  if (want == 0)
    return first;
  if (tn_grow((void **)&c->kids, &c->kcap, first + want, sizeof *c->kids) != 0) {
    c->oom = 1;
    return first;
  }
  if (!c->kc_made)
    c->kc = ts_tree_cursor_new(n);
  else
    ts_tree_cursor_reset(&c->kc, n);
  c->kc_made = 1;
  if (ts_tree_cursor_goto_first_child(&c->kc))
    do {
      TSNode x = ts_tree_cursor_current_node(&c->kc);
      if (ts_node_is_named(x) && *k < want)
        c->kids[first + (*k)++] = x;
    } while (ts_tree_cursor_goto_next_sibling(&c->kc));
  c->kn = first + *k;
  return first;
}

int tn_grow(void **v, uint32_t *cap, uint32_t need, size_t size) {
  if (need <= *cap)
    return 0;
  uint32_t n = *cap ? *cap * 2 : 32;
  while (n < need)
    n *= 2;
  void *x = realloc(*v, (size_t)n * size);
  if (x == NULL)
    return -1;
  *v = x;
  *cap = n;
  return 0;
}

static uint32_t name_bucket(const unsigned char *name, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++)
    h = (h ^ name[i]) * 16777619u;
  return h & (ENV_BUCKETS - 1);
}

/* Link v[i] into its bucket's chain (growing next); -1 on out-of-memory. */
static int link_binding(const binding *v, uint32_t i, uint32_t *head, uint32_t **next,
                        uint32_t *cap) {
  if (tn_grow((void **)next, cap, i + 1, sizeof **next))
    return -1;
  uint32_t h = name_bucket(v[i].name, v[i].nlen);
  (*next)[i] = head[h];
  head[h] = i;
  return 0;
}

static void drop_index(env *e) {
  free(e->bhead);
  free(e->bnext);
  free(e->ghead);
  free(e->gnext);
  e->bhead = e->bnext = e->ghead = e->gnext = NULL;
  e->capbnext = e->capgnext = 0;
}

/* Index every binding so far (out of memory: none, lookups stay linear). */
static void build_index(env *e) {
  e->bhead = malloc(ENV_BUCKETS * sizeof *e->bhead);
  e->ghead = malloc(ENV_BUCKETS * sizeof *e->ghead);
  int bad = e->bhead == NULL || e->ghead == NULL;
  if (!bad) {
    memset(e->bhead, 0xff, ENV_BUCKETS * sizeof *e->bhead);
    memset(e->ghead, 0xff, ENV_BUCKETS * sizeof *e->ghead);
  }
  for (uint32_t i = 0; !bad && i < e->nb; i++)
    bad = link_binding(e->b, i, e->bhead, &e->bnext, &e->capbnext) != 0;
  for (uint32_t i = 0; !bad && i < e->ng; i++)
    bad = link_binding(e->g, i, e->ghead, &e->gnext, &e->capgnext) != 0;
  if (bad)
    drop_index(e);
}

void tn_index_push(tctx *c, int global) {
  env *e = &c->cur;
  if (e->bhead == NULL)
    return;
  int bad = global ? link_binding(e->g, e->ng - 1, e->ghead, &e->gnext, &e->capgnext)
                   : link_binding(e->b, e->nb - 1, e->bhead, &e->bnext, &e->capbnext);
  if (bad)
    drop_index(e);
}

void tn_scope_end(tctx *c, uint32_t nb) {
  env *e = &c->cur;
  if (nb > e->nb) /* (bindings back in scope: index them again when needed) */
    drop_index(e);
  for (uint32_t i = e->nb; e->bhead != NULL && i-- > nb;) /* each is its chain's head */
    e->bhead[name_bucket(e->b[i].name, e->b[i].nlen)] = e->bnext[i];
  e->nb = nb;
}

/* The innermost binding of name: the last pushed of the scopes, else the
 * global (chains run from the last pushed, as the plain search). */
static binding *find_indexed(env *e, const unsigned char *name, uint32_t n) {
  uint32_t h = name_bucket(name, n);
  for (uint32_t i = e->bhead[h]; i != UINT32_MAX; i = e->bnext[i])
    if (e->b[i].nlen == n && memcmp(e->b[i].name, name, n) == 0)
      return &e->b[i];
  for (uint32_t i = e->ghead[h]; i != UINT32_MAX; i = e->gnext[i])
    if (e->g[i].nlen == n && memcmp(e->g[i].name, name, n) == 0)
      return &e->g[i];
  return NULL;
}

binding *tn_find(tctx *c, const unsigned char *name, uint32_t n) {
  if (c->cur.bhead == NULL && c->cur.nb + c->cur.ng > ENV_INDEX_MIN)
    build_index(&c->cur);
  if (c->cur.bhead != NULL)
    return find_indexed(&c->cur, name, n);
  for (uint32_t i = c->cur.nb; i-- > 0;)
    if (c->cur.b[i].nlen == n && memcmp(c->cur.b[i].name, name, n) == 0)
      return &c->cur.b[i];
  for (uint32_t i = c->cur.ng; i-- > 0;)
    if (c->cur.g[i].nlen == n && memcmp(c->cur.g[i].name, name, n) == 0)
      return &c->cur.g[i];
  return NULL;
}

void tn_journal(tctx *c, uint8_t kind, uint32_t i, const trace *old) {
  if (c->cur.journal == 0)
    return;
  if (tn_grow((void **)&c->cur.j, &c->cur.capj, c->cur.nj + 1, sizeof *c->cur.j))
    return (void)(c->oom = 1);
  c->cur.j[c->cur.nj++] = (jentry){kind, i, old};
}

/* The value of binding b (scoped or global) becomes t. */
void tn_set_b(tctx *c, binding *b, const trace *t) {
  if (c->cur.nb > 0 && b >= c->cur.b && b < c->cur.b + c->cur.nb)
    tn_journal(c, J_SCOPED, (uint32_t)(b - c->cur.b), b->t);
  else
    tn_journal(c, J_GLOBAL, (uint32_t)(b - c->cur.g), b->t);
  b->t = t;
}

static void set_f(tctx *c, field *f, const trace *t) {
  tn_journal(c, J_FIELD, (uint32_t)(f - c->cur.f), f->t);
  f->t = t;
}

binding *tn_declare(tctx *c, TSNode name, const trace *t) {
  if (tn_grow((void **)&c->cur.b, &c->cur.capb, c->cur.nb + 1, sizeof *c->cur.b)) {
    c->oom = 1;
    return NULL;
  }
  binding *b = &c->cur.b[c->cur.nb++];
  b->id = ++c->next_id;
  b->name = c->data + nstart(name);
  b->nlen = nend(name) - nstart(name);
  b->depth = c->depth;
  b->t = t;
  memset(&b->obj, 0, sizeof b->obj);
  memset(&b->fn, 0, sizeof b->fn);
  tn_index_push(c, 0);
  for (uint32_t i = 0; i < c->npend; i++) /* a propagator's `to` */
    if (c->pend[i].s == nstart(name) && c->pend[i].e == nend(name))
      b->t = tn_join(c, b->t, c->pend[i].t);
  return b;
}

/* The key of property p of an object literal or pattern, or the index of
 * o['k'], as a field path (".k"), or 0: computed, or not a plain name (a
 * string with escapes is not compared by its text). */
int tn_key_path(tctx *c, TSNode key, char out[FIELD_PATH_MAX]) {
  uint32_t ks = nstart(key), ke = nend(key);
  if (sym_is(key, c->sy->string)) {
    ks++;
    ke--;
  } else if (!sym_is(key, c->sy->prop) && !sym_is(key, c->sy->sprop) &&
             !sym_is(key, c->sy->sprop_pat)) {
    return 0;
  }
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
int tn_member_path(tctx *c, TSNode n, TSNode *root, char path[FIELD_PATH_MAX]) {
  char tmp[FIELD_PATH_MAX] = "", key[FIELD_PATH_MAX];
  for (int guard = 0; guard < 16; guard++) {
    if (sym_is(n, c->sy->ident) || sym_is(n, c->sy->this_)) {
      *root = n;
      memcpy(path, tmp, strlen(tmp) + 1);
      return 1;
    }
    if (sym_is(n, c->sy->member)) {
      TSNode p = tn_field_of(n, "property");
      size_t pl = nend(p) - nstart(p);
      if (ts_node_is_null(p) || pl + 2 >= FIELD_PATH_MAX)
        return 0;
      key[0] = '.';
      memcpy(key + 1, c->data + nstart(p), pl);
      key[pl + 1] = '\0';
    } else if (!sym_is(n, c->sy->subscript) || !tn_key_path(c, tn_field_of(n, "index"), key))
      return 0;
    size_t kl = strlen(key), tl = strlen(tmp);
    if (kl + tl + 1 >= FIELD_PATH_MAX)
      return 0;
    memmove(tmp + kl, tmp, tl + 1);
    memcpy(tmp, key, kl);
    n = tn_field_of(n, "object");
  }
  return 0;
}

/* o['a'] (or o.x['a']): a subscript tn_member_path can follow */
int tn_keyed(tctx *c, TSNode n) {
  TSNode root;
  char path[FIELD_PATH_MAX];
  return sym_is(tn_field_of(n, "index"), c->sy->string) && tn_member_path(c, n, &root, path);
}

binding *tn_var_of(tctx *c, TSNode id, int create) {
  binding *b = tn_find(c, c->data + nstart(id), nend(id) - nstart(id));
  if (b == NULL && create) { /* an undeclared name: a global */
    if (tn_grow((void **)&c->cur.g, &c->cur.capg, c->cur.ng + 1, sizeof *c->cur.g)) {
      c->oom = 1;
      return NULL;
    }
    b = &c->cur.g[c->cur.ng++];
    b->id = ++c->next_id;
    b->name = c->data + nstart(id);
    b->nlen = nend(id) - nstart(id);
    b->depth = 0;
    b->t = NULL;
    memset(&b->obj, 0, sizeof b->obj);
    memset(&b->fn, 0, sizeof b->fn);
    tn_index_push(c, 1);
    tn_journal(c, J_GLOBAL, c->cur.ng - 1, NULL);
  }
  return b;
}

static field *field_find(tctx *c, uint32_t id, const char *path) {
  for (uint32_t i = c->cur.nf; i-- > 0;)
    if (c->cur.f[i].id == id && strcmp(c->cur.f[i].path, path) == 0)
      return &c->cur.f[i];
  return NULL;
}

/* The value of binding b at field path p ("" the whole): the most specific
 * value written at p or a prefix of it, with the fields written below p as
 * its fields. */
const trace *tn_value_at(tctx *c, const binding *b, const char *p) {
  size_t best = 0;
  const trace *at = b->t, *extra = NULL;
  sfield sub[SHAPE_MAX];
  uint32_t k = 0;
  for (uint32_t i = 0; i < c->cur.nf; i++) {
    const field *f = &c->cur.f[i];
    if (f->id != b->id)
      continue;
    size_t m = covers(f->path, p);
    if (m > best) {
      best = m;
      at = f->t;
    } else if (m == 0 && below(f->path, p) && k < SHAPE_MAX) {
      sub[k++] = (sfield){f->path + strlen(p), f->t};
    } else if (m == 0 && below(f->path, p)) {
      extra = tn_join(c, extra, f->t);
    }
  }
  const trace *t = tn_select_field(c, at, best ? p + best - 1 : p);
  return k ? tn_make_shape(c, tn_join(c, t, extra), sub, k) : tn_join(c, t, extra);
}

/* Is anything at path p of b (or a prefix of it) tainted? */
static int tainted_at(const tctx *c, const binding *b, const char *p) {
  if (b->t != NULL)
    return 1;
  for (uint32_t i = 0; i < c->cur.nf; i++)
    if (c->cur.f[i].id == b->id && c->cur.f[i].t != NULL && covers(c->cur.f[i].path, p))
      return 1;
  return 0;
}

/* Path p of binding b becomes t: its fields below p become t's. */
void tn_assign_path(tctx *c, binding *b, const char *p, const trace *t) {
  size_t pl = strlen(p);
  if (pl == 0)
    tn_set_b(c, b, t);
  else {
    field *f = field_find(c, b->id, p);
    if (f == NULL && (t != NULL || tainted_at(c, b, p))) {
      if (tn_grow((void **)&c->cur.f, &c->cur.capf, c->cur.nf + 1, sizeof *c->cur.f))
        return (void)(c->oom = 1);
      f = &c->cur.f[c->cur.nf++];
      f->id = b->id;
      f->t = NULL;
      if ((f->path = pv_arena_strdup(c->a, p)) == NULL) {
        c->oom = 1;
        c->cur.nf--;
        return;
      }
    }
    if (f != NULL)
      set_f(c, f, t);
  }
  for (uint32_t i = 0; i < c->cur.nf; i++) { /* deeper fields are overwritten too */
    field *d = &c->cur.f[i];
    if (d->id == b->id && below(d->path, p)) {
      const trace *v = tn_select_field(c, t, d->path + pl);
      if (v != d->t)
        set_f(c, d, v);
    }
  }
}

/* Assign t to the variable or field chain n (an identifier or a member
 * chain); other targets (computed members, patterns) by the caller. */
void tn_assign(tctx *c, TSNode n, const trace *t) {
  TSNode root;
  char path[FIELD_PATH_MAX];
  if (!tn_member_path(c, n, &root, path))
    return;
  if (sym_is(root, c->sy->this_))
    tn_store_write(c, root, path, t);
  binding *b = tn_var_of(c, root, 1);
  if (b != NULL)
    tn_assign_path(c, b, path, t);
}

/* The value of a variable or field chain (*known: n is one of a variable
 * in scope). */
const trace *tn_read_chain(tctx *c, TSNode n, int *known) {
  TSNode root;
  char path[FIELD_PATH_MAX];
  *known = 0;
  if (!tn_member_path(c, n, &root, path))
    return NULL;
  binding *b = tn_var_of(c, root, 0);
  const trace *kept = NULL;
  if (c->nstore > 0) /* (tn_this_body walks up the tree) */
    kept = tn_store_read(c,
                         sym_is(root, c->sy->this_) ? tn_this_body(c, root)
                         : b                        ? b->obj
                                                    : (TSNode){0},
                         path);
  *known = b != NULL || kept != NULL;
  return b != NULL ? tn_join(c, tn_value_at(c, b, path), kept) : kept;
}

void tn_env_free(env *e) {
  drop_index(e);
  free(e->b);
  free(e->g);
  free(e->f);
  free(e->j);
  memset(e, 0, sizeof *e);
}

const trace **tn_slot(tctx *c, uint8_t kind, uint32_t i) {
  if (kind == J_SCOPED)
    return i < c->cur.nb ? &c->cur.b[i].t : NULL;
  if (kind == J_GLOBAL)
    return i < c->cur.ng ? &c->cur.g[i].t : NULL;
  return i < c->cur.nf ? &c->cur.f[i].t : NULL;
}

void tn_undo(tctx *c, uint32_t mark) {
  while (c->cur.nj > mark) {
    const jentry *e = &c->cur.j[--c->cur.nj];
    const trace **v = tn_slot(c, e->kind, e->i);
    if (v)
      *v = e->old;
  }
}

change *tn_change_of(change **v, uint32_t *n, uint32_t *cap, uint8_t kind, uint32_t i) {
  for (uint32_t k = 0; k < *n; k++)
    if ((*v)[k].kind == kind && (*v)[k].i == i)
      return &(*v)[k];
  if (tn_grow((void **)v, cap, *n + 1, sizeof **v))
    return NULL;
  change *x = &(*v)[(*n)++];
  memset(x, 0, sizeof *x);
  x->kind = kind;
  x->i = i;
  return x;
}
