/* taint.c — the taint engine's entry: pv_taint_run runs one taint rule
 * over one file (its operators evaluated into ranges, the file's
 * functions, imports and classes listed once per file, its statements and
 * functions interpreted, the sinks reached reported); the pv_taint_file
 * cache of taint.h. How the engine works: taint_impl.h. */
#include <stdlib.h>
#include <string.h>

#include "../parse.h"
#include "taint_impl.h"

enum {
  PASSES_MAX = 2,          /* passes over a file while the fields of instances change */
  CALLER_ROUNDS_MAX = 3,   /* rounds summarising the callers of functions returning taint */
  CALLER_NAMES_MAX = 64,   /* names of such functions looked for in one round */
  ITEM_MATCHES_KEPT = 256, /* list capacity an item keeps from one file to the next */
};

/* ---- The file: its functions, imports and classes; interpreting it ------- */

/* Does n hold a source or a sink? Flows start and end at those; a
 * function with neither matters only through its summary, made when it is
 * called or exported. */
static int holds_range(const pv_mlist *l, uint32_t s, uint32_t e) { /* l sorted by start */
  uint32_t lo = 0, hi = l->n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (l->v[mid].s < s)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t i = lo; i < l->n && l->v[i].s < e; i++)
    if (l->v[i].e <= e)
      return 1;
  return 0;
}

static int holds_ends(const tctx *c, TSNode n) {
  return holds_range(&c->src_sorted, nstart(n), nend(n)) ||
         holds_range(&c->sink_sorted, nstart(n), nend(n));
}

/* Does function n mention (by name) a function whose value carries a
 * source: one of this file summarised with one, or an import of one? */
typedef struct {
  uint32_t s, e; /* a name in the file */
} span;

/* Does import m name a module with an export returning a source's taint? */
static int imports_taint(const tctx *c, const struct import *m) {
  const struct mark *k = tn_marked(c->x, c->rule, m->target);
  return k != NULL && k->state == M_DONE && k->ret;
}

/* The names of functions whose value carries a source: this file's,
 * summarised with one, and imports of such exports. */
static uint32_t tainting_names(tctx *c, span *out, uint32_t max) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < c->nfns && k < max; i++)
    if (c->fns[i].state == SUM_DONE && c->fns[i].ret != NULL && c->pf->fns[i].ne > c->pf->fns[i].ns)
      out[k++] = (span){c->pf->fns[i].ns, c->pf->fns[i].ne};
  for (uint32_t i = 0; i < c->nimps && k < max; i++)
    if (imports_taint(c, &c->imps[i]))
      out[k++] = (span){c->imps[i].ns, c->imps[i].ne};
  return k;
}

/* Does function n mention one of names? */
static int calls_tainting(const tctx *c, TSNode n, const span *names, uint32_t k) {
  const unsigned char *d = c->data + nstart(n);
  size_t len = nend(n) - nstart(n);
  for (uint32_t i = 0; i < k; i++)
    if (memmem(d, len, c->data + names[i].s, names[i].e - names[i].s) != NULL)
      return 1;
  return 0;
}

/* A `var` declaration x: its function (the innermost listed so far that
 * holds it), or the top level, hoists. */
static void mark_hoist(pv_taint_file *pf, TSNode x) {
  for (uint32_t i = pf->nfns; i-- > 0;)
    if (nstart(pf->fns[i].node) <= nstart(x) && nend(x) <= nend(pf->fns[i].node))
      return (void)(pf->fns[i].hoists = 1);
  pf->hoists = 1;
}

static void prepare_visit(void *ctx, TSNode x) {
  tctx *c = ctx;
  pv_taint_file *pf = c->pf;
  if (tn_is_function(c, x)) { /* named by its declaration, or by the variable it initialises */
    TSNode nm = tn_field_of(x, "name");
    struct pfn f = {x, 0, 0, 0};
    if (sym_is(nm, c->sy->ident)) {
      f.ns = nstart(nm);
      f.ne = nend(nm);
    } else if (ts_node_is_null(nm) && pf->named.at == nstart(x)) {
      f.ns = pf->named.ns;
      f.ne = pf->named.ne;
    }
    if (tn_grow((void **)&pf->fns, &pf->capfns, pf->nfns + 1, sizeof *pf->fns))
      c->oom = 1;
    else
      pf->fns[pf->nfns++] = f;
  }
  if (sym_is(x, c->sy->vardecl))
    mark_hoist(pf, x);
  if (sym_is(x, c->sy->vdecl)) {
    TSNode nm = tn_field_of(x, "name"), v = tn_field_of(x, "value");
    if (sym_is(nm, c->sy->ident) && tn_is_function(c, v)) {
      pf->named.at = nstart(v);
      pf->named.ns = nstart(nm);
      pf->named.ne = nend(nm);
    }
  }
  if (sym_is(x, c->sy->class_decl) ||
      sym_is(x, c->sy->class_)) { /* class K {}, const K = class {} */
    TSNode nm = tn_field_of(x, "name"), body = tn_field_of(x, "body");
    if (ts_node_is_null(nm) && sym_is(ts_node_parent(x), c->sy->vdecl))
      nm = tn_field_of(ts_node_parent(x), "name");
    if (ts_node_is_null(nm) || ts_node_is_null(body))
      return;
    TSNode parent = {0}; /* class K extends P: P (TypeScript: in an extends clause) */
    for (uint32_t i = 0; i < nkids(x) && ts_node_is_null(parent); i++)
      if (sym_is(ts_node_named_child(x, i), c->sy->heritage))
        parent = ts_node_named_child(ts_node_named_child(x, i), 0);
    if (!ts_node_is_null(tn_field_of(parent, "value")))
      parent = tn_field_of(parent, "value");
    if (tn_grow((void **)&pf->cls, &pf->capcls, pf->ncls + 1, sizeof *pf->cls))
      c->oom = 1;
    else
      pf->cls[pf->ncls++] =
          (struct pcls){.body = body, .parent = parent, .ns = nstart(nm), .ne = nend(nm)};
  }
  if (c->g != NULL && sym_is(x, c->sy->vdecl))
    tn_import_declarator(c, x);
  else if (c->g != NULL && sym_is(x, c->sy->import_stmt))
    tn_import_statement(c, x);
}

static int cmp_class(const void *a, const void *b) {
  uint32_t x = nstart(((const struct pcls *)a)->body), y = nstart(((const struct pcls *)b)->body);
  return (x > y) - (x < y);
}

/* Each class of the file: the class of the file it extends. */
static void link_classes(tctx *c) {
  pv_taint_file *pf = c->pf;
  if (pf->ncls > 1)
    qsort(pf->cls, pf->ncls, sizeof *pf->cls, cmp_class);
  for (uint32_t i = 0; i < pf->ncls; i++) {
    long up = ts_node_is_null(pf->cls[i].parent)
                  ? -1
                  : tn_class_index(pf, tn_class_named(c, pf->cls[i].parent));
    pf->cls[i].up = (uint32_t)(up + 1);
  }
}

/* Forget the functions, imports and classes of the file pf last held. */
static void forget_functions(pv_taint_file *pf) {
  pf->f = NULL;
  pf->nfns = 0;
  pf->nimps = 0;
  pf->ncls = 0;
  pf->ready = 0;
  pf->hoists = 0;
  pf->ncap = pf->fcap = 0;
  pv_arena_delete(pf->a);
  pf->a = NULL;
}

/* The file's functions and imports: one walk for every taint rule. */
static void prepare(tctx *c, TSNode root) {
  pv_taint_file *pf = c->pf;
  if (!pf->ready || pf->f != c->file) {
    forget_functions(pf);
    pf->f = c->file;
    if (pf->a == NULL && (pf->a = pv_arena_new(0)) == NULL)
      return (void)(c->oom = 1);
    pf->named.at = UINT32_MAX;
    pv_tree_walk(root, prepare_visit, c);
    link_classes(c);
    if (!c->oom && tn_index_fns(pf) != 0)
      c->oom = 1;
    pf->ready = !c->oom;
  }
  c->imps = pf->imps;
  c->nimps = pf->nimps;
}

pv_taint_file *pv_taint_file_new(void) {
  return calloc(1, sizeof(pv_taint_file));
}

void pv_taint_file_reset(pv_taint_file *pf) {
  if (pf == NULL)
    return;
  forget_functions(pf);
  for (uint32_t i = 0; i < pf->nitems; i++) {
    pf->items[i].done = 0;
    pf->items[i].l.n = 0;
    if (pf->items[i].l.cap > ITEM_MATCHES_KEPT) /* one huge file must not pin its lists */
      pv_mlist_free(&pf->items[i].l);
  }
}

const pv_mlist *tn_item_matches(pv_taint_file *pf, const pv_taint_item *it, const pv_feval *e) {
  if (it->fid >= pf->nitems) {
    uint32_t cap = pf->nitems;
    if (tn_grow((void **)&pf->items, &cap, it->fid + 1, sizeof *pf->items) != 0)
      return NULL;
    memset(pf->items + pf->nitems, 0, (cap - pf->nitems) * sizeof *pf->items);
    pf->nitems = cap;
  }
  struct titem *ti = &pf->items[it->fid];
  if (!ti->done) {
    pv_feval own = *e;
    own.regex_cut = &ti->cut;
    ti->cut = 0;
    if (pv_formula_eval(it->f, &own, &ti->l) != PV_OK)
      return NULL;
    ti->done = 1;
  }
  if (e->regex_cut != NULL)
    *e->regex_cut |= ti->cut;
  return &ti->l;
}

void pv_taint_file_delete(pv_taint_file *pf) {
  if (pf == NULL)
    return;
  pv_taint_file_reset(pf);
  for (uint32_t i = 0; i < pf->nitems; i++)
    pv_mlist_free(&pf->items[i].l);
  free(pf->items);
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
    if (holds_ends(c, c->pf->fns[i].node))
      tn_summary(c, c->pf->fns[i].node);
}

/* The file's statements, then its functions holding sources or sinks.
 * When a source's taint was kept in a field of `this` meanwhile, once
 * more with every summary made again: methods read such fields whatever
 * the order they run in. */
static void interpret(tctx *c, TSNode root) {
  for (int pass = 0; pass < PASSES_MAX; pass++) {
    uint32_t v = c->store_version;
    if (c->pf->hoists && pass == 0)
      tn_hoist(c, root, 0);
    uint32_t nk, first = tn_kids(c, root, &nk);
    for (uint32_t i = 0; i < nk; i++)
      tn_stmt(c, c->kids[first + i]);
    c->kn = first;
    each_function(c);
    if (v == c->store_version || c->over || c->oom)
      return;
    for (uint32_t i = 0; i < c->nfns; i++)
      if (c->fns[i].state == SUM_DONE)
        c->fns[i].state = SUM_NONE;
  }
  tn_cut(c, "the passes over a file while fields of instances change (%d)", PASSES_MAX);
}

/* taint-entry: exported: the parameters of the entry module's exported
 * functions are outside input (whoever loads the plugin calls them). */
static void entry_exports(tctx *c) {
  for (uint32_t k = 0; c->x != NULL && k < c->x->n && !c->oom; k++) {
    const xfn *e = &c->x->v[k];
    if (e->rule != c->rule || e->file != c->file)
      continue;
    TSNode fn = e->node, ps = tn_field_of(fn, "parameters");
    if (ts_node_is_null(ps))
      ps = tn_field_of(fn, "parameter");
    if (ts_node_is_null(ps))
      continue;
    const trace *args[PARAMS_MAX];
    for (uint32_t i = 0; i < PARAMS_MAX; i++)
      args[i] = tn_step(c, NULL, nstart(ps), nend(ps),
                        pv_arena_printf(c->a, "parameter %u of the exported %s", i + 1,
                                        *e->name ? e->name : "function"));
    tn_run_function(c, fn, args, PARAMS_MAX, NULL);
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
  for (uint32_t i = 0; i < c->nimps; i++)
    tainted |= imports_taint(c, &c->imps[i]);
  if ((c->fns = calloc(c->pf->nfns + 1, sizeof *c->fns)) == NULL)
    return (void)(c->oom = 1);
  c->nfns = c->pf->nfns;
  if (tainted) {
    interpret(c, root);
    /* callers of functions returning taint; the last round only looks
     * whether there was more to do */
    for (int round = 0; round <= CALLER_ROUNDS_MAX; round++) {
      span names[CALLER_NAMES_MAX + 1];
      uint32_t k = tainting_names(c, names, CALLER_NAMES_MAX + 1), done = 0;
      if (k > CALLER_NAMES_MAX) {
        k = CALLER_NAMES_MAX;
        if (round < CALLER_ROUNDS_MAX)
          tn_cut(c, "the functions returning taint whose callers are looked for (%d)",
                 CALLER_NAMES_MAX);
      }
      for (uint32_t i = 0; i < c->nfns && k > 0 && !c->oom; i++) {
        if (c->fns[i].state != SUM_NONE || !calls_tainting(c, c->pf->fns[i].node, names, k))
          continue;
        if (round == CALLER_ROUNDS_MAX) {
          tn_cut(c, "the rounds of callers of functions returning taint (%d)", CALLER_ROUNDS_MAX);
          break;
        }
        tn_summary(c, c->pf->fns[i].node);
        done++;
      }
      if (done == 0)
        break;
    }
  }
  if (entry || (pv_taint_linked(c->g, c->file) & PV_TAINT_IMPORTED))
    tn_record_exports(c, root);
  if (entry)
    entry_exports(c);
}

/* ---- Run ------------------------------------------------------------------- */

static int cmp_start(const void *a, const void *b) {
  const pv_pmatch *x = a, *y = b;
  return x->s < y->s ? -1 : x->s > y->s;
}

/* A copy of l sorted by start; -1 on OOM. */
static int sorted_copy(const pv_mlist *l, pv_mlist *out) {
  for (uint32_t i = 0; i < l->n; i++)
    if (pv_mlist_push(out, &l->v[i]) != 0)
      return -1;
  if (out->n > 1)
    qsort(out->v, out->n, sizeof *out->v, cmp_start);
  return 0;
}

static int cmp_pedge(const void *a, const void *b) {
  const struct pedge *x = a, *y = b;
  return x->fs < y->fs ? -1 : x->fs > y->fs;
}

/* Each propagator match's from and to ranges, sorted by from. */
static int index_propagators(tctx *c) {
  c->pedges = malloc((c->prop.n + 1) * sizeof *c->pedges);
  if (c->pedges == NULL)
    return -1;
  for (uint32_t i = 0; i < c->prop.n; i++) {
    const pv_taint_item *it = &c->spec->items[PV_TI_PROPAGATOR][c->prop_item[i]];
    const pv_binding *from = pv_pmatch_get(&c->prop.v[i], it->from, strlen(it->from));
    const pv_binding *to = pv_pmatch_get(&c->prop.v[i], it->to, strlen(it->to));
    if (from && to)
      c->pedges[c->npedges++] =
          (struct pedge){.fs = from->s, .fe = from->e, .ts = to->s, .te = to->e, .m = i};
  }
  qsort(c->pedges, c->npedges, sizeof *c->pedges, cmp_pedge);
  return 0;
}

/* The matches of the rule's items of `kind` into out, and the item of each into *item. */
static pv_status eval_items(tctx *c, const pv_feval *e, int kind, pv_mlist *out, uint32_t **item) {
  for (uint32_t i = 0; i < c->spec->n[kind]; i++) {
    uint32_t before = out->n;
    const pv_mlist *l = tn_item_matches(c->pf, &c->spec->items[kind][i], e);
    if (l == NULL)
      return PV_FATAL;
    for (uint32_t k = 0; k < l->n; k++)
      if (pv_mlist_push(out, &l->v[k]) != 0)
        return PV_FATAL;
    uint32_t *v = realloc(*item, (out->n + 1) * sizeof *v);
    if (v == NULL)
      return PV_FATAL;
    *item = v;
    for (uint32_t k = before; k < out->n; k++)
      v[k] = i;
  }
  return PV_OK;
}

/* The steps of path t, source first. */
static pv_status report(const pv_file *sink_file, const pv_pmatch *sink, const trace *t,
                        pv_taint_hit_fn hit, void *ctx) {
  uint32_t n = t->len;
  pv_taint_step *steps = calloc(n ? n : 1, sizeof *steps);
  if (steps == NULL)
    return PV_FATAL;
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
  if (x->s != y->s)
    return x->s < y->s ? -1 : 1;
  return x->e != y->e ? (x->e > y->e ? -1 : 1) : 0;
}

/* As Semgrep does, a sink reached strictly inside another reached sink of
 * the rule is not reported: `find({ $where: q })` is one finding, not one
 * for the call's query and one for the $where value in it. */
static pv_status drop_nested(tctx *c) {
  reach *v = malloc((c->sink.n + 1) * sizeof *v);
  uint32_t n = 0, maxe = 0;
  if (v == NULL)
    return PV_FATAL;
  for (uint32_t i = 0; i < c->sink.n; i++)
    if (c->best[i] != NULL)
      v[n++] = (reach){c->sink.v[i].s, c->sink.v[i].e, i};
  qsort(v, n, sizeof *v, cmp_reach);
  for (uint32_t k = 0, g; k < n; k = g) { /* g: past the sinks of v[k]'s range */
    for (g = k + 1; g < n && v[g].s == v[k].s && v[g].e == v[k].e;)
      g++;
    for (uint32_t j = k; k > 0 && maxe >= v[k].e && j < g; j++)
      c->best[v[j].i] = NULL;
    if (v[k].e > maxe)
      maxe = v[k].e;
  }
  free(v);
  return PV_OK;
}

static int holds_same(const pv_mlist *l, const pv_pmatch *m) {
  for (uint32_t i = 0; i < l->n; i++)
    if (l->v[i].s == m->s && l->v[i].e == m->e)
      return 1;
  return 0;
}

/* A `not-conflicting: true` sanitizer does not apply where a source or a
 * sink of the rule matches the same range (Semgrep's semantics). */
static void drop_conflicting(tctx *c) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < c->san.n; i++) {
    const pv_pmatch *m = &c->san.v[i];
    if (c->spec->items[PV_TI_SANITIZER][c->san_item[i]].not_conflicting &&
        (holds_same(&c->src, m) || holds_same(&c->sink, m)))
      continue;
    c->san_item[k] = c->san_item[i];
    c->san.v[k++] = *m;
  }
  c->san.n = k;
}

/* Analyse the file (ready: the modules it imports are settled): its flows
 * (reported unless it waits for a module) and its summaries. */
static pv_status analyse_file(tctx *c, const pv_feval *e, TSNode root, pv_taint_hit_fn hit,
                              void *ctx) {
  prepare(c, root);
  if (c->oom)
    return PV_FATAL;
  pv_status rc = eval_items(c, e, PV_TI_SINK, &c->sink, &c->sink_item);
  if (rc == PV_OK)
    rc = eval_items(c, e, PV_TI_SANITIZER, &c->san, &c->san_item);
  if (rc == PV_OK)
    drop_conflicting(c);
  if (rc == PV_OK)
    rc = eval_items(c, e, PV_TI_PROPAGATOR, &c->prop, &c->prop_item);
  if (rc == PV_OK && index_propagators(c) != 0)
    rc = PV_FATAL;
  if (rc == PV_OK &&
      (sorted_copy(&c->src, &c->src_sorted) || sorted_copy(&c->sink, &c->sink_sorted)))
    rc = PV_FATAL;
  if (rc == PV_OK && (c->best = calloc(c->sink.n + 1, sizeof *c->best)) == NULL)
    rc = PV_FATAL;
  uint32_t nexports = c->x ? c->x->n : 0;
  if (rc == PV_OK) {
    c->root = root;
    analyse(c, root);
    tn_settle(c, nexports);
  }
  if (c->oom)
    rc = PV_FATAL;
  if (rc == PV_OK && !c->deferred)
    rc = drop_nested(c);
  for (uint32_t i = 0; rc == PV_OK && !c->deferred && i < c->sink.n; i++)
    if (c->best[i] != NULL)
      rc = report(NULL, &c->sink.v[i], c->best[i], hit, ctx);
  for (uint32_t i = 0; rc == PV_OK && !c->deferred && i < c->nxq; i++) {
    c->xq[i].sink->reported = 1;
    rc = report(c->xq[i].sink->file, &c->xq[i].sink->sink, c->xq[i].t, hit, ctx);
  }
  return rc;
}

pv_status pv_taint_run(const pv_rule *rule, const pv_taint_models *models, const pv_feval *e,
                       const pv_file *f, const TSTree *tree, pv_taint_graph *g, pv_taint_exports *x,
                       pv_taint_file *pf, const pv_limits *lim, pv_taint_hit_fn hit, void *ctx,
                       pv_taint_incomplete *incomplete) {
  tctx c = {.rule = rule,
            .file = f,
            .g = g,
            .x = x,
            .pf = pf,
            .spec = rule->taint,
            .models = models,
            .data = e->data,
            .size = e->size};
  pv_status rc = PV_OK;
  c.sy = pv_syms_ts_for(e->lang);
  for (uint32_t i = 0; i < c.spec->n[PV_TI_SOURCE]; i++) /* the same bits in every file */
    if (c.spec->items[PV_TI_SOURCE][i].label != NULL)
      tn_label_bit(&c, c.spec->items[PV_TI_SOURCE][i].label);
  c.a = pv_arena_new(0);
  c.steps_max = lim->taint_steps; /* expressions interpreted per rule and file */
  c.budget_ms = lim->parse_ms ? lim->parse_ms : 5000;
  c.deadline = pv_now_ms() + c.budget_ms;
  if (c.a == NULL || c.sy == NULL)
    rc = PV_FATAL;
  if (rc == PV_OK)
    rc = eval_items(&c, e, PV_TI_SOURCE, &c.src, &c.src_item);
  c.final = x == NULL || x->final;
  if (rc == PV_OK)
    rc = analyse_file(&c, e, ts_tree_root_node(tree), hit, ctx);
  *incomplete = c.cut;
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
  tn_env_free(&c.cur);
  free(c.kids);
  if (c.kc_made)
    ts_tree_cursor_delete(&c.kc);
  free(c.fns);
  free(c.store);

  pv_arena_delete(c.a);
  return rc;
}
