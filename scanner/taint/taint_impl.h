/* taint_impl.h — the inside of the taint engine, shared by its files; not
 * part of the room's API (taint.h is). See docs/taint.md.
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
 * order); a sink reached is reported once with it.
 *
 * The files: values.c (values, object values), env.c (ranges of the rule's
 * operators, the environment), functions.c (the file's functions and
 * classes, fields of instances, summaries), exports.c (across files:
 * exports, imports, rounds, the pv_taint_exports API), eval.c (expressions,
 * statements), taint.c (the file's functions, imports and classes listed
 * once; the entry, pv_taint_run; the pv_taint_file API), syms.c (grammar
 * symbols). What only one file uses stays static there.
 *
 * Ownership: a tctx lives on pv_taint_run's stack for one (rule, file);
 * traces, shapes and their strings are in its arena (c->a), gone when the
 * run ends; the environment's arrays and the other buffers of the tctx are
 * malloc'd and freed by pv_taint_run. The pv_taint_file (the file's
 * functions, imports and classes) and the pv_taint_exports (kept
 * summaries, in its own arena, and the marks) belong to one matcher (one
 * worker); specs and models belong to the ruleset (read-only). */
#ifndef PV_TAINT_IMPL_H
#define PV_TAINT_IMPL_H

#include <stdint.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "taint.h"

/* Bounds more than one file needs (the others are at the top of the file using them). */
enum {
  FIELD_PATH_MAX = 64, /* bytes of a field path (a.b.c) */
  SHAPE_MAX = 16,      /* fields an object value keeps apart */
  PARAMS_MAX = 16,     /* parameters with summaries */
  LABELS_MAX = 16,     /* distinct labels per rule */
  DEPTH_MAX = 400,     /* nesting of expressions and statements interpreted */
  RPARTS_MAX = 32,     /* parts of a summary's return value, and of its effects */
  XQ_MAX = 256,        /* sinks of other files reached from one file */
  THIS_MEMO = 64,      /* `this` nodes whose class body is remembered (a cache) */
  ENV_INDEX_MIN = 64,  /* bindings looked up one by one; more: by a hash index */
  ENV_BUCKETS = 1024,  /* that index's chains (a power of 2) */
};

/* ---- Values, the environment, summaries, the state of a run ------------ */

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
  const char
      *ppath;      /* one parameter carried (params one bit): through this field of it ("" whole) */
  uint8_t derived; /* computed from the value it carries (its fields are not the parameter's) */
  uint32_t src;    /* its source's match (index + 1 in tctx.src), 0 unknown (taint_unify_mvars) */
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
  uint32_t id; /* unique per declaration */
  const unsigned char *name;
  uint32_t nlen;
  uint32_t depth; /* block depth of the declaration */
  const trace *t;
  TSNode obj; /* the class body or object literal whose methods its value has (if known) */
  TSNode fn;  /* the function of the file it holds (const f = g), if known */
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
  /* Past ENV_INDEX_MIN bindings, b and g are indexed by name (a scope of
   * a bundle holds thousands): ENV_BUCKETS chain heads each, and per
   * binding the one pushed before it in its bucket (UINT32_MAX: none). */
  uint32_t *bhead, *bnext, capbnext;
  uint32_t *ghead, *gnext, capgnext;
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
 * source order), its imports, and the matches of the rules' items. Valid
 * during one pv_match_file. */
struct pv_taint_file {
  const pv_file *f;
  struct pfn {
    TSNode node;
    uint32_t ns, ne;
    int hoists;
  } * fns; /* ns..ne its name, if any; hoists: it
            * declares a `var` */
  uint32_t nfns, capfns;
  uint32_t *fhash, fcap; /* fns by name (index + 1; 0 empty), fcap a power of 2 */
  uint32_t *nhash, ncap; /* fns by node */
  struct {
    uint32_t at, ns, ne;
  } named; /* the function at byte `at` is assigned to ns..ne */
  struct import *imps;
  uint32_t nimps, capimps;
  struct pcls {
    TSNode body, parent; /* parent: what it extends */
    uint32_t ns, ne, up; /* its name; up: index + 1 of the class it extends, 0 none */
  } * cls;               /* classes with a name, by body start */
  uint32_t ncls, capcls;
  pv_arena *a;
  int ready, hoists; /* hoists: the top level declares a `var` */
  struct titem {
    pv_mlist l;
    unsigned cut; /* the PV_REGEX_CUT_* bits its evaluation got */
    uint8_t done;
  } * items; /* per pv_taint_item.fid: its matches, evaluated once for every rule */
  uint32_t nitems;
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
typedef enum {
  SUM_NONE = 0, /* not computed yet */
  SUM_RUNNING,  /* being computed (a call now is a recursive one) */
  SUM_DONE,
} sum_state;

struct fsum {
  sum_state state;
  int recursive;     /* called while in progress */
  const trace *ret;  /* a real source reaching the return value */
  rpart *rets, *eff; /* RPARTS_MAX each, made with the first */
  uint8_t *target;
  uint32_t nrets, neff;
  uint32_t nsinks;
  struct fsink {
    uint32_t sink;      /* a sink of this file, unless ext */
    struct xsink_ *ext; /* a sink of another module, reached through its export */
    uint8_t param;
    const char *ppath; /* the parameter's field that reaches it ("" all of it) */
    const trace *t;
  } * sinks; /* SUMMARY_SINKS_MAX, made with the first */
};

typedef struct {
  const pv_rule *rule;
  const pv_file *file;
  pv_taint_graph *g;
  pv_taint_exports *x;
  const struct import *imps; /* the file's (pv_taint_file) */
  uint32_t nimps;
  pv_taint_file *pf;
  struct {
    struct xsink_ *sink;
    const trace *t;
  } xq[XQ_MAX]; /* sinks reached in other files */
  uint32_t nxq;
  const pv_taint_spec *spec;
  const pv_taint_models *models;
  const unsigned char *data;
  uint32_t size;
  const pv_syms_ts *sy;
  pv_arena *a;
  pv_mlist src, sink, san, prop;    /* ranges of the rule's operators */
  pv_mlist src_sorted, sink_sorted; /* the same, by start (holds_ends) */
  uint32_t *prop_item;
  struct pedge {
    uint32_t fs, fe, ts, te, m;
  } * pedges; /* propagators' from/to, by from */
  uint32_t npedges;
  struct pending {
    uint32_t s, e;
    const trace *t;
  } * pend; /* propagated to a name not yet declared */
  uint32_t npend, cappend;
  const unsigned char *resolver; /* the resolve parameter of the Promise executor being run */
  uint32_t resolver_len;
  const trace *resolved;                     /* what it was called with */
  uint32_t *src_item, *sink_item, *san_item; /* the item of each range */
  const trace **best;                        /* per sink range: the shortest path found */
  env cur;
  uint32_t next_id, depth, nest;
  uint32_t fn_depth;   /* the depth of the function being interpreted (its `var`s) */
  const trace *ret;    /* the returns of the function being interpreted */
  const trace *thrown; /* what its throw statements threw (caught by a catch) */
  fsum *current;       /* the summary being computed, or NULL */
  fsum *fns;           /* one per function of pf (made when the file is analysed) */
  uint32_t nfns;
  TSNode root;
  const char *labels[LABELS_MAX];
  uint32_t nlabels;
  uint64_t deadline;
  uint32_t budget_ms; /* the time budget the deadline is */
  uint32_t steps, steps_max;
  int over, oom;
  TSNode fn_now;           /* the function being interpreted (null: the top level) */
  pv_taint_incomplete cut; /* where a budget first ran out, and which */
  int final;               /* the input's last round: calls wait for no module */
  int deferred;            /* a call needs the summary of a module not analysed yet */
  int exports_ret;         /* an export recorded returns a source's taint */
  struct kfield {
    uint32_t body;
    const char *path;
    const trace *t;
  } * store; /* this.path of instances, by class body */
  uint32_t nstore, capstore, store_version;
  TSNode *kids; /* named children of the nodes being iterated, a stack (tn_kids) */
  uint32_t kn, kcap;
  TSTreeCursor kc; /* tn_kids' cursor (made once, reset on each use) */
  int kc_made;
  struct this_memo { /* tn_this_body's answers, by node (direct-mapped) */
    TSNode n, body;
  } this_memo[THIS_MEMO];
} tctx;

/* Branches: each way runs from the same state; the writes it made are kept
 * aside and undone, then every value written is joined over the ways (and
 * the state before them when a way may not run). */
typedef struct {
  uint8_t kind;
  uint32_t i;
  const trace *t[9]; /* per way (8 at most) and, last, the state before */
  uint16_t set;      /* ways that wrote it */
} change;

/* ---- Across files (exports.c) ------------------------------------------ */

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

/* A sink that a parameter of an export reaches, kept beyond the run of its file. */
typedef struct xsink_ {
  uint8_t param;       /* 1-based */
  const char *ppath;   /* its field that reaches the sink ("" all of it) */
  const pv_file *file; /* the sink's file */
  pv_pmatch sink;
  uint32_t item; /* its item (requires) */
  xstep *steps;  /* from the parameter to the sink */
  uint32_t n, labels;
  int reported;
} xsink;

/* The summary of an exported function, kept beyond the run of its file. */
typedef struct {
  const pv_rule *rule;
  const pv_file *file;
  const char *name;  /* export name; "" the module itself (module.exports = f) */
  xpart *rets, *eff; /* what it returns; what it writes to its parameters' fields */
  uint32_t nrets, neff;
  int ret; /* a source inside reaches the return value */
  xsink *sinks;
  uint32_t nsinks;
  TSNode node; /* the function (valid while its own file is analysed) */
} xfn;

/* What the taint rules learnt of an input's modules (taint.h). */
struct pv_taint_exports {
  pv_arena *a;
  xfn *v;
  uint32_t n, cap;
  uint32_t *h, hcap; /* v by (rule, file, name): index + 1, 0 empty; hcap a power of 2 */
  struct mark *m;    /* (rule, file) by hash; mcap a power of 2 */
  uint32_t nm, mcap;
  uint32_t round, npending, progress; /* the round; pending pairs; pairs that changed state in it */
  int final;                          /* the round is the last */
  int out_of_rounds;                  /* ... because ROUNDS_MAX rounds were made (not a cycle) */
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

/* ---- Small helpers ------------------------------------------------------ */

/* Is n (not null) a node of symbol s (0: a symbol the grammar lacks, never)? */
static inline int sym_is(TSNode n, TSSymbol s) {
  return s != 0 && !ts_node_is_null(n) && ts_node_symbol(n) == s;
}

/* Where n starts and ends (bytes). */
static inline uint32_t nstart(TSNode n) {
  return ts_node_start_byte(n);
}
static inline uint32_t nend(TSNode n) {
  return ts_node_end_byte(n);
}

/* Named children of n (0 for a null node: tree-sitter does not check). */
static inline uint32_t nkids(TSNode n) {
  return ts_node_is_null(n) ? 0 : ts_node_named_child_count(n);
}

/* The field path of the one parameter t carries ("" the whole). */
static inline const char *ppath_of(const trace *t) {
  return t->ppath ? t->ppath : "";
}
/* Is exactly one bit of params set? */
static inline int one_param(uint32_t params) {
  return params != 0 && (params & (params - 1)) == 0;
}

/* Entry i's path is p or a prefix of it; below: p is a prefix of it. */
static inline size_t covers(const char *q, const char *p) {
  size_t n = 0;
  while (q[n] != '\0' && q[n] == p[n])
    n++;
  return q[n] == '\0' && (p[n] == '\0' || p[n] == '.') ? n + 1 : 0;
}

static inline int below(const char *q, const char *p) {
  size_t n = 0;
  while (p[n] != '\0' && q[n] == p[n])
    n++;
  return p[n] == '\0' && q[n] == '.';
}

/* ---- values.c ------------------------------------------------------------ */

/* Child of n by field name (a string literal: its id is cached by address), or a null node. */
TSNode tn_field_of(TSNode n, const char *name);
/* fmt with a short quote of the code at [s, e), in the arena. */
const char *tn_quote(tctx *c, const char *fmt, uint32_t s, uint32_t e);
/* prev one step further, at [s, e) of the file being analysed (prev itself on OOM). */
const trace *tn_step(tctx *c, const trace *prev, uint32_t s, uint32_t e, const char *msg);
/* Either value, keeping the shorter path; labels are joined, objects field by field. */
const trace *tn_join(tctx *c, const trace *a, const trace *b);
/* An object value: fields v[0..n) (paths relative to it) over rest; NULL if all are clean. */
const trace *tn_make_shape(tctx *c, const trace *rest, const sfield *v, uint32_t n);
/* t with the steps `from` took since its shape was made replayed on it. */
const trace *tn_rebase(tctx *c, const trace *t, const trace *from);
/* x then y in the arena (field paths); NULL when out of memory. */
const char *tn_concat(tctx *c, const char *x, const char *y);
/* Field path (".a.b"; "" the whole) of value t: an object's, or a parameter's read further. */
const trace *tn_select_field(tctx *c, const trace *t, const char *path);
/* A value computed from t: no fields of its own, nor those of a parameter t carries. */
const trace *tn_derive(tctx *c, const trace *t);

/* ---- env.c --------------------------------------------------------------- */

/* 1: a sanitizer covers n; 2: n is what a by-side-effect sanitizer cleans; 0: neither. */
int tn_sanitized(tctx *c, TSNode n);
/* The bit of label (NULL: none) in trace.labels, given on first use (1 past LABELS_MAX). */
uint32_t tn_label_bit(tctx *c, const char *label);
/* Do t's labels satisfy `requires` expression req (NULL: no condition)? */
int tn_requires_ok(tctx *c, const char *req, const trace *t);
/* The sources covering n (inner: n's value, for `requires`) as a fresh path, or NULL. */
const trace *tn_source_at(tctx *c, TSNode n, const trace *inner);
/* taint_unify_mvars: do t's source and sink match m bind the same code (1 if not asked)? */
int tn_unified(const tctx *c, const trace *t, const pv_pmatch *m);
/* The summary being made (if any) notes the parameters t carries reach sink si (or ext). */
void tn_param_sinks(tctx *c, uint32_t si, struct xsink_ *ext, const trace *t);
/* Tainted value t at n: the sinks n is (or is inside) are reached. */
void tn_check_sink(tctx *c, TSNode n, const trace *t);
/* A budget or bound ran out (its name: fmt and the arguments, "the step
 * budget (%u expressions)"): c->cut names it and the function being
 * interpreted (the first time only). */
void tn_cut(tctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, naming function fn (a null node: the top level). */
void tn_cut_at(tctx *c, TSNode fn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Push the named children of n onto c->kids, found by one cursor walk
 * (ts_node_named_child(n, i) walks the children before i each time:
 * quadratic on wide nodes); *k gets their count (0 on OOM), the index of
 * the first is returned. The caller reads c->kids[first + i] (nested
 * pushes may move the array) and pops them: c->kn = first. */
uint32_t tn_kids(tctx *c, TSNode n, uint32_t *k);
/* Make room in *v (*cap elements of size bytes) for need elements; -1 on OOM. */
int tn_grow(void **v, uint32_t *cap, uint32_t need, size_t size);
/* The binding of name (n bytes) in scope, the innermost first, then globals; or NULL. */
binding *tn_find(tctx *c, const unsigned char *name, uint32_t n);
/* Binding b (scoped: global 0) or g (global 1) just pushed joins the name index. */
void tn_index_push(tctx *c, int global);
/* The block scope ends: scoped bindings from nb on are dropped. */
void tn_scope_end(tctx *c, uint32_t nb);
/* Note a write (kind J_*, index i, the value before) while branches are interpreted. */
void tn_journal(tctx *c, uint8_t kind, uint32_t i, const trace *old);
/* The value of binding b (scoped or global) becomes t. */
void tn_set_b(tctx *c, binding *b, const trace *t);
/* Declare name in the current block with value t (and propagators' pending taint); NULL: OOM. */
binding *tn_declare(tctx *c, TSNode name, const trace *t);
/* Property key or o['k'] index `key` as a field path (".k") in out; 0 if not a plain name. */
int tn_key_path(tctx *c, TSNode key, char out[FIELD_PATH_MAX]);
/* Field path of member chain n below its root identifier or `this` (*root); 0 if not one. */
int tn_member_path(tctx *c, TSNode n, TSNode *root, char path[FIELD_PATH_MAX]);
/* Is subscript n o['a'] (or o.x['a']), a chain tn_member_path follows? */
int tn_keyed(tctx *c, TSNode n);
/* The binding of identifier id, or NULL; create: an undeclared name becomes a global. */
binding *tn_var_of(tctx *c, TSNode id, int create);
/* The value of binding b at field path p ("" the whole), with the fields written below p. */
const trace *tn_value_at(tctx *c, const binding *b, const char *p);
/* Path p ("" the whole) of binding b becomes t; its fields below p become t's. */
void tn_assign_path(tctx *c, binding *b, const char *p, const trace *t);
/* Assign t to the variable or field chain n (this.x: also the class's store); else nothing. */
void tn_assign(tctx *c, TSNode n, const trace *t);
/* The value of variable or field chain n (*known: a variable in scope, or a class's field). */
const trace *tn_read_chain(tctx *c, TSNode n, int *known);
/* Free e's arrays and clear it. */
void tn_env_free(env *e);
/* Where the value journal entry (kind, i) wrote lives now, or NULL (out of scope). */
const trace **tn_slot(tctx *c, uint8_t kind, uint32_t i);
/* Undo the journaled writes from entry mark on. */
void tn_undo(tctx *c, uint32_t mark);
/* The change of (kind, i) in (*v)[0..*n), added if new (grown as tn_grow); NULL on OOM. */
change *tn_change_of(change **v, uint32_t *n, uint32_t *cap, uint8_t kind, uint32_t i);

/* ---- functions.c ----------------------------------------------------------- */

/* Is n a function (declaration, expression, arrow, method, generator)? */
int tn_is_function(const tctx *c, TSNode n);
/* Index pf's functions by node and by name (the first of a name wins); -1 on OOM. */
int tn_index_fns(pv_taint_file *pf);
/* The index of function node fn in pf->fns, or -1. */
long tn_fn_index(const pv_taint_file *pf, TSNode fn);
/* The index in pf->cls of the class of body `body`, or -1. */
long tn_class_index(const pv_taint_file *pf, TSNode body);
/* What a method of a class or object literal is. */
typedef enum {
  METHOD_PLAIN,  /* m() {...}, static, async, generator */
  METHOD_GETTER, /* get m() {...} */
  METHOD_SETTER, /* set m(v) {...} */
} method_kind;

/* Method name of that kind of body or its ancestors in *out; 1 if found. */
int tn_method_of(tctx *c, TSNode body, const unsigned char *name, uint32_t len, method_kind kind,
                 TSNode *out);
/* The class body or object literal that `this` at n is an instance of, or a null node. */
TSNode tn_this_body(tctx *c, TSNode n);
/* The class body or object literal of receiver o (this, super, a variable), or a null node. */
TSNode tn_receiver_body(tctx *c, TSNode o);
/* Member callee o.m: method m (kind as tn_method_of) of o's class or object in *out; 1 if found. */
int tn_receiver_method(tctx *c, TSNode callee, method_kind kind, TSNode *out);
/* The body of class `name` of this file, or a null node. */
TSNode tn_class_named(tctx *c, TSNode name);
/* this.path = t at node at: kept for the class around at (a source's taint only). */
void tn_store_write(tctx *c, TSNode at, const char *path, const trace *t);
/* Field definition n (`x = v`, not static): every instance's field x starts as v. */
void tn_class_field(tctx *c, TSNode n);
/* What the methods of class body `body` (and its family) wrote to this.path, or NULL. */
const trace *tn_store_read(tctx *c, TSNode body, const char *path);
/* The function of this file callee names (or is) in *out; 1 if found. */
int tn_callee_function(tctx *c, TSNode callee, TSNode *out);
/* Call fn on every name binding pattern pat declares. */
void tn_each_name(tctx *c, TSNode pat, void (*fn)(tctx *c, TSNode name, void *arg), void *arg);
/* Binder for tn_destructure and tn_each_name: tn_declare name with t (a const trace *). */
void tn_declare_to(tctx *c, TSNode name, void *t);
/* Binder for tn_destructure: tn_assign t (a const trace *) to name. */
void tn_assign_to(tctx *c, TSNode name, void *t);
/* Declare the `var`s of function body (or top level) n, not nested functions', from its start. */
void tn_hoist(tctx *c, TSNode n, uint32_t level);
/* Interpret fn with its parameters bound to args; what it returns (ids: parameters' bindings). */
const trace *tn_run_function(tctx *c, TSNode fn, const trace *const *args, uint32_t nargs,
                             uint32_t *ids);
/* The summary of fn, made on first use; NULL: not a function of the file, or too deep. */
fsum *tn_summary(tctx *c, TSNode fn);
/* Path tail (starting at a symbolic parameter) re-rooted on path head. */
const trace *tn_splice(tctx *c, const trace *head, const trace *tail);

/* ---- taint.c --------------------------------------------------------------- */

/* The matches of item `it` in the file of e, from pf (evaluated once per
 * file for all the items that share it.fid), its regex cut bits added to
 * *e->regex_cut; NULL on OOM. */
const pv_mlist *tn_item_matches(pv_taint_file *pf, const pv_taint_item *it, const pv_feval *e);

/* ---- exports.c ------------------------------------------------------------- */

/* Where (rule, f) stands in x, or NULL (x NULL, or not marked yet). */
struct mark *tn_marked(const pv_taint_exports *x, const pv_rule *rule, const pv_file *f);
/* A call hands taint to module f not analysed yet: it becomes pending, this file deferred. */
void tn_wait_for(tctx *c, const pv_file *f);
/* Keep the summaries of the functions top-level statements of root export (CommonJS, ES). */
void tn_record_exports(tctx *c, TSNode root);
/* The imports declarator d makes (x = require('./m'), its destructuring, .f) into c->pf. */
void tn_import_declarator(tctx *c, TSNode d);
/* The imports of statement `import ... from './m'` into c->pf. */
void tn_import_statement(tctx *c, TSNode imp);
/* The export callee names (f, m.f, m()), or NULL; *mod: the module it names, if one. */
const xfn *tn_imported(tctx *c, TSNode callee, const pv_file **mod);
/* What call n of callee returns, made of summary parts v[0..k) and arguments at[0..nargs). */
const trace *tn_made(tctx *c, const rpart *v, uint32_t k, const trace *const *at, uint32_t nargs,
                     TSNode n, TSNode callee);
/* Call n of a function of this file with summary f (NULL: none): effects, sinks, its result. */
const trace *tn_apply_summary(tctx *c, fsum *f, const trace *const *at, const TSNode *fnarg,
                              uint32_t nargs, TSNode n, TSNode callee);
/* Call n into export e of another module: effects, sinks, its result. */
const trace *tn_apply_export(tctx *c, TSNode n, TSNode callee, const xfn *e, const trace *const *at,
                             const TSNode *fnarg, uint32_t nargs);
/* After the analysis: done (importers woken if it taints), or pending again past nexports. */
void tn_settle(tctx *c, uint32_t nexports);

/* ---- eval.c ---------------------------------------------------------------- */

/* The value of expression n (NULL: clean), checked for sinks; NULL once a budget ran out. */
const trace *tn_ev(tctx *c, TSNode n);
/* Bind every name of pattern pat to its part of t with bind (tn_declare_to, tn_assign_to). */
void tn_destructure(tctx *c, TSNode pat, const trace *t,
                    void (*bind)(tctx *c, TSNode name, void *t));
/* Interpret statement n. */
void tn_stmt(tctx *c, TSNode n);

#endif
